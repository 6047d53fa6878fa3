/**
 * `npm run test:desktop`: the extension-host suite in desktop VS Code through @vscode/test-electron, for
 * machines with internet (it downloads VS Code; on a Linux without a display run it under xvfb-run).
 * CI here cannot download VS Code and runs the same suite in code-server instead (`npm run test:host`).
 *   HOST_TEST_GREP=<pattern>  only the matching tests;  VSCODE_VERSION=<x.y.z|stable|insiders>
 */
import { cpSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';

/** This file runs bundled as out/test/host/runDesktop.runner.js. */
const ROOT = path.resolve(__dirname, '../../..');

async function main(): Promise<number> {
  // Tests edit and save files: they get a copy of examples/, like under code-server.
  const parent = realpathSync(mkdtempSync(path.join(tmpdir(), 'kubeguard-desktop-')));
  const workspace = path.join(parent, 'examples');
  cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });
  try {
    return await runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(ROOT, 'out/test/host/index.js'),
      extensionTestsEnv: { KUBEGUARD_TEST_GREP: process.env.HOST_TEST_GREP ?? '' },
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', `--user-data-dir=${path.join(parent, 'user-data')}`],
    });
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error('test:desktop failed:', e);
    process.exit(1);
  },
);
