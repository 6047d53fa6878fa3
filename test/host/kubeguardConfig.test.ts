/**
 * `.kubeguard.yaml` in a real VS Code: the file watcher reports the dotfile, the repository's level
 * applies to an open manifest in place, a setting the user sets explicitly overrides it, and settings
 * left at their defaults do not (the client tells the server which ones were set).
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, describeDiagnostics, diagnosticCode, resetConfig, setConfig, waitForDiagnostics, workspaceFile, workspaceRoot, openAnalysed } from './support';

const RESTRICTED_ONLY = ['run-as-non-root', 'allow-privilege-escalation', 'seccomp-profile-restricted', 'capabilities-restricted'];

const hostMessage = (ds: readonly vscode.Diagnostic[]): string => ds.find((d) => diagnosticCode(d) === 'host-namespaces')?.message ?? '';
const restrictedShown = (ds: readonly vscode.Diagnostic[]): boolean => ds.some((d) => RESTRICTED_ONLY.includes(diagnosticCode(d) ?? ''));

describe('.kubeguard.yaml in VS Code', () => {
  const config = (): vscode.Uri => vscode.Uri.joinPath(workspaceRoot(), '.kubeguard.yaml');
  const uri = (): vscode.Uri => workspaceFile('insecure/web-deployment.yaml');

  before(async () => {
    await activateExtension();
  });

  after(async () => {
    await resetConfig();
    await vscode.workspace.fs.delete(config()).then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('follows the file on disk, and only explicit settings override it', async () => {
    await openAnalysed(uri());
    await waitForDiagnostics(uri(), (ds) => restrictedShown(ds) && / from defaults\]$/.test(hostMessage(ds)));

    await vscode.workspace.fs.writeFile(config(), new TextEncoder().encode('podSecurity:\n  level: baseline\n'));
    const fromFile = await waitForDiagnostics(uri(), (ds) => !restrictedShown(ds) && /policy baseline latest from \.kubeguard\.yaml\]$/.test(hostMessage(ds)));
    assert.ok(fromFile.length > 0, describeDiagnostics(fromFile));

    // The user's own setting wins over the repository's file...
    await setConfig('kubeguard', 'podSecurity.level', 'restricted');
    await waitForDiagnostics(uri(), (ds) => restrictedShown(ds) && /policy restricted latest from settings\]$/.test(hostMessage(ds)));
    // ...and once it is removed, the default it falls back to does not.
    await resetConfig();
    await waitForDiagnostics(uri(), (ds) => !restrictedShown(ds) && /from \.kubeguard\.yaml\]$/.test(hostMessage(ds)));

    await vscode.workspace.fs.delete(config());
    await waitForDiagnostics(uri(), (ds) => restrictedShown(ds) && / from defaults\]$/.test(hostMessage(ds)));
  });
});
