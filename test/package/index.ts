/**
 * The `extensionTestsPath` of `npm run test:package` (scripts/run-package-test.mjs): runs inside
 * code-server's extension host, where the .vsix was installed with `--install-extension`, and checks
 * what a user gets: the installed copy (not the repository) is the one VS Code loads, it holds exactly
 * the packaged files, it stays inactive until a YAML file opens, and then it diagnoses a privileged pod.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../../server/src/protocol';
import { describeDiagnostics, diagnosticCode, waitForDiagnostics } from '../host/support/diagnostics';
import { EXPECTED_FILES } from '../unit/packaging/expectedFiles';

const EXTENSION_ID = 'kubeguard.kubeguard';

/**
 * vsce stores these under other names in the .vsix (the marketplace convention) and VS Code installs
 * them so; everything else keeps its path.
 */
const RENAMED_IN_VSIX: Readonly<Record<string, string>> = {
  'LICENSE': 'LICENSE.txt',
  'README.md': 'readme.md',
  'CHANGELOG.md': 'changelog.md',
};
/** Written by VS Code when it installs a .vsix (the package's manifest), not part of the extension. */
const INSTALL_METADATA = ['.vsixmanifest'];

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

async function check(): Promise<void> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is installed`);
  const extensionsDir = process.env.KUBEGUARD_PACKAGE_EXTENSIONS_DIR;
  assert.ok(extensionsDir, 'the runner passes KUBEGUARD_PACKAGE_EXTENSIONS_DIR');
  assert.equal(path.dirname(ext.extensionPath), path.resolve(extensionsDir), 'VS Code loads the installed copy');

  const installed = filesUnder(ext.extensionPath).filter((f) => !INSTALL_METADATA.includes(f)).sort();
  assert.deepEqual(installed, EXPECTED_FILES.map((f) => RENAMED_IN_VSIX[f] ?? f).sort(), 'the installed extension holds exactly the packaged files');
  // `npm run package` ships the production bundles: minified, without source maps.
  const server = readFileSync(path.join(ext.extensionPath, 'server/out/server.js'), 'utf8');
  assert.ok(!server.includes('sourceMappingURL'), 'server.js is the production bundle (no source map reference)');

  // activationEvents is onLanguage:yaml only: nothing has opened a YAML file yet.
  assert.equal(ext.isActive, false, 'the extension is not active before a YAML file is opened');

  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the runner opens a workspace folder');
  const uri = vscode.Uri.joinPath(folder.uri, 'privileged-pod.yaml');
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  // Cold start of the language server on a busy CI machine: generous, but a wait on an event.
  const diagnostics = await waitForDiagnostics(uri, (ds) => ds.some((d) => diagnosticCode(d) === 'privileged-container'), 90_000);
  assert.equal(ext.isActive, true, 'opening a YAML file activated the extension');
  const privileged = diagnostics.find((d) => diagnosticCode(d) === 'privileged-container');
  assert.equal(privileged?.source, DIAGNOSTIC_SOURCE, describeDiagnostics(diagnostics));
  assert.equal(privileged.severity, vscode.DiagnosticSeverity.Error, describeDiagnostics(diagnostics));
  const doc = await vscode.workspace.openTextDocument(uri);
  assert.equal(doc.getText(privileged.range), 'privileged: true', 'the finding sits on the privileged key');
}

/** The runner reads the closing line; a rejection makes the extension host exit non-zero. */
export async function run(): Promise<void> {
  console.log(`kubeguard package test: VS Code ${vscode.version}`);
  try {
    await check();
    console.log('kubeguard package test: passed');
  } catch (e) {
    console.log(`kubeguard package test: FAILED\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    throw e;
  }
}
