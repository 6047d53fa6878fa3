/**
 * The mocha entry VS Code loads as `extensionTestsPath` (code-server or @vscode/test-electron): runs every
 * compiled `*.test.js` under out/test/host inside the extension host. The runners pass `KUBEGUARD_TEST_GREP`
 * (a mocha grep) through the host's environment.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

/** The first line of a run; the runners time the suite from it. */
export const START_MARKER = 'kubeguard host tests:';

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? testFiles(path.join(dir, e.name)) : e.name.endsWith('.test.js') ? [path.join(dir, e.name)] : []))
    .sort();
}

export function run(): Promise<void> {
  // The host's output is a log, not a terminal: no colours.
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  const grep = process.env.KUBEGUARD_TEST_GREP;
  if (grep) mocha.grep(grep);
  const files = testFiles(__dirname);
  for (const file of files) mocha.addFile(file);
  console.log(`${START_MARKER} ${files.length} files in VS Code ${vscode.version} (${vscode.env.appHost}), Node ${process.version}`);
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // The runners and CI read this closing line.
      console.log(`${runner.stats?.passes ?? 0} passed, ${runner.stats?.failures ?? 0} failed`);
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else if ((runner.stats?.passes ?? 0) === 0) reject(new Error(grep ? `no extension-host test matches "${grep}"` : 'no extension-host tests found'));
      else resolve();
    });
  });
}
