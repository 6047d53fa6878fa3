/**
 * In a real VS Code: changing `kubeguard.podSecurity.level` re-checks an open manifest in place. The
 * insecure example is privileged with hostNetwork (baseline violations) and lacks every restricted field.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, describeDiagnostics, diagnosticCode, kubeguardDiagnostics, openAnalysed, resetConfig, setConfig, waitForDiagnostics, workspaceFile } from './support';

const BASELINE = ['host-namespaces', 'privileged-container'];
const RESTRICTED_ONLY = ['run-as-non-root', 'allow-privilege-escalation', 'seccomp-profile-restricted', 'capabilities-restricted'];

function codes(diagnostics: readonly vscode.Diagnostic[]): Set<string> {
  return new Set(diagnostics.map((d) => diagnosticCode(d) ?? ''));
}

const atRestricted = (ds: vscode.Diagnostic[]): boolean => [...BASELINE, ...RESTRICTED_ONLY].every((c) => codes(ds).has(c));
const atBaseline = (ds: vscode.Diagnostic[]): boolean => BASELINE.every((c) => codes(ds).has(c)) && !RESTRICTED_ONLY.some((c) => codes(ds).has(c));

describe('podSecurity.level setting in VS Code', () => {
  const uri = (): vscode.Uri => workspaceFile('insecure/web-deployment.yaml');

  before(async () => {
    await activateExtension();
  });

  afterEach(async () => {
    await resetConfig();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('switching from restricted to baseline changes the squiggles of the open file without reopening it', async () => {
    await setConfig('kubeguard', 'podSecurity.level', 'restricted');
    await setConfig('kubeguard', 'podSecurity.version', 'latest');
    const editor = await openAnalysed(uri());
    const document = editor.document;
    const restricted = await waitForDiagnostics(uri(), atRestricted);
    const host = restricted.find((d) => diagnosticCode(d) === 'host-namespaces')!;
    assert.match(host.message, /\[PSS baseline: Host Namespaces; policy restricted latest from settings\]$/, describeDiagnostics(restricted));

    await setConfig('kubeguard', 'podSecurity.level', 'baseline');
    const baseline = await waitForDiagnostics(uri(), atBaseline);
    assert.match(baseline.find((d) => diagnosticCode(d) === 'host-namespaces')!.message, /policy baseline latest from settings\]$/);
    // The baseline squiggles stay on the same keys; only the restricted ones went away.
    const sameRange = (a: vscode.Diagnostic[], b: vscode.Diagnostic[], code: string): boolean =>
      a.find((d) => diagnosticCode(d) === code)!.range.isEqual(b.find((d) => diagnosticCode(d) === code)!.range);
    for (const code of BASELINE) assert.ok(sameRange(restricted, baseline, code), code);

    // Same document, never closed, reopened or edited.
    assert.equal(vscode.window.activeTextEditor?.document, document);
    assert.equal(document.isClosed, false);
    assert.equal(document.isDirty, false);

    await setConfig('kubeguard', 'podSecurity.level', 'restricted');
    await waitForDiagnostics(uri(), atRestricted);
    await setConfig('kubeguard', 'podSecurity.level', 'privileged');
    await waitForDiagnostics(uri(), (ds) => ![...BASELINE, ...RESTRICTED_ONLY].some((c) => codes(ds).has(c)));
    assert.ok(!kubeguardDiagnostics(uri()).some((d) => / \[PSS /.test(d.message)), 'no PSS finding at privileged');
  });
});
