/**
 * The foundation, end to end in a real VS Code: the insecure example gets its squiggles on the exact
 * keys, the privileged finding's preferred quick-fix edits the document, and the squiggle goes away.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  describeDiagnostics,
  diagnosticCode,
  kubeguardDiagnostics,
  openAnalysed,
  revertToDisk,
  waitForDiagnostics,
  withConfiguration,
  workspaceFile,
} from './support';

const FOUNDATION_RULES = ['privileged-container', 'host-namespaces', 'allow-privilege-escalation', 'run-as-non-root'];

/** `rule L<line> "<covered text>"` (1-based line as the editor shows it). */
function located(doc: vscode.TextDocument, d: vscode.Diagnostic): string {
  return `${diagnosticCode(d)} L${d.range.start.line + 1} ${JSON.stringify(doc.getText(d.range))}`;
}

function withCode(diagnostics: readonly vscode.Diagnostic[], code: string): vscode.Diagnostic[] {
  return diagnostics.filter((d) => diagnosticCode(d) === code);
}

describe('foundation: squiggle → quick-fix → squiggle gone', () => {
  const insecure = () => workspaceFile('insecure/web-deployment.yaml');

  before(async () => {
    const api = await activateExtension();
    assert.ok(api.client.isRunning(), 'the language client runs after activation');
  });

  after(async () => {
    // Later tests see the example as it is on disk.
    await revertToDisk(insecure());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('puts the first rules on the exact keys of the insecure example', async () => {
    const uri = insecure();
    const { document: doc } = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    assert.equal(doc.languageId, 'yaml');
    await waitForDiagnostics(uri, (ds) => FOUNDATION_RULES.every((code) => withCode(ds, code).length > 0));
    const diagnostics = kubeguardDiagnostics(uri);

    // Other rule groups may add findings to this example; these are the foundation's, all of them.
    const foundation = diagnostics.filter((d) => FOUNDATION_RULES.includes(diagnosticCode(d) ?? ''));
    assert.deepEqual(
      foundation.map((d) => located(doc, d)).sort(),
      [
        'allow-privilege-escalation L25 "securityContext"',
        'allow-privilege-escalation L27 "name: log-shipper"',
        'host-namespaces L19 "hostNetwork: true"',
        'privileged-container L26 "privileged: true"',
        'run-as-non-root L18 "spec"',
      ],
      describeDiagnostics(diagnostics),
    );

    const [privileged] = withCode(diagnostics, 'privileged-container');
    assert.deepEqual(privileged?.range, new vscode.Range(25, 12, 25, 28));
    assert.equal(privileged.severity, vscode.DiagnosticSeverity.Error);
    const [host] = withCode(diagnostics, 'host-namespaces');
    assert.deepEqual(host?.range, new vscode.Range(18, 6, 18, 23));
    assert.equal(host.severity, vscode.DiagnosticSeverity.Error);

    // The code links to the rule's documentation.
    assert.equal(typeof privileged.code, 'object');
    const target = typeof privileged.code === 'object' ? privileged.code.target.toString() : '';
    assert.match(target, /docs\/rules\/privileged-container\.md$/);
    // No other extension publishes on YAML here: every diagnostic of the file carries KubeGuard's source.
    assert.equal(vscode.languages.getDiagnostics(uri).length, diagnostics.length);
  });

  it('applies the preferred quick-fix for the privileged container and the finding goes away', async () => {
    const uri = insecure();
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const before = doc.getText();
    const [privileged] = withCode(await waitForDiagnostics(uri, (ds) => withCode(ds, 'privileged-container').length === 1), 'privileged-container');
    assert.ok(privileged);

    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      uri,
      privileged.range,
      vscode.CodeActionKind.QuickFix.value,
      // The server lists actions without edits; VS Code resolves them (codeAction/resolve), here up to 100.
      100,
    );
    // The command does not hand back a code action's `diagnostics`, so the fix is identified by being the
    // preferred quick-fix at the finding's range; the exact text it produces below proves which one it is.
    const quickFixes = actions.filter((a): a is vscode.CodeAction => a instanceof vscode.CodeAction && a.kind?.value === vscode.CodeActionKind.QuickFix.value);
    const titles = quickFixes.map((a) => `${a.title}${a.isPreferred ? ' (preferred)' : ''}`).join(' | ') || '(none)';
    const preferred = quickFixes.filter((a) => a.isPreferred === true);
    assert.equal(preferred.length, 1, `exactly one preferred quick-fix on the privileged finding; got: ${titles}`);
    const [fix] = preferred;
    assert.ok(fix);
    assert.ok(fix.edit, 'the quick-fix carries its edit');

    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    // The minimal edit: one value on one line, comments and everything else untouched.
    const expected = before.replace('          securityContext:\n            privileged: true\n', '          securityContext:\n            privileged: false\n');
    assert.notEqual(expected, before, 'the example still has the line this test fixes');
    assert.equal(doc.getText(), expected);

    // Re-analysed, not just cleared: the other findings of the file are still there.
    const after = await waitForDiagnostics(
      uri,
      (ds) => withCode(ds, 'privileged-container').length === 0 && withCode(ds, 'host-namespaces').length === 1,
    );
    assert.deepEqual(withCode(after, 'privileged-container'), []);
  });

  it('follows kubeguard.podSecurity.level: baseline drops the restricted findings, restoring brings them back', async () => {
    const uri = insecure();
    await openAnalysed(uri);
    const has = (ds: vscode.Diagnostic[], code: string) => withCode(ds, code).length > 0;
    await waitForDiagnostics(uri, (ds) => has(ds, 'run-as-non-root'));
    await withConfiguration('kubeguard', 'podSecurity.level', 'baseline', async () => {
      const baseline = await waitForDiagnostics(uri, (ds) => !has(ds, 'run-as-non-root'));
      assert.ok(!has(baseline, 'allow-privilege-escalation'), describeDiagnostics(baseline));
      assert.ok(has(baseline, 'host-namespaces'), 'baseline keeps its own checks');
    });
    assert.equal(vscode.workspace.getConfiguration('kubeguard').inspect('podSecurity.level')?.workspaceValue, undefined, 'the workspace setting is restored');
    await waitForDiagnostics(uri, (ds) => has(ds, 'run-as-non-root') && has(ds, 'allow-privilege-escalation'));
  });

  it('reports nothing on the hardened example', async () => {
    const uri = workspaceFile('hardened/web-deployment.yaml');
    await openAnalysed(uri);
    assert.deepEqual(kubeguardDiagnostics(uri), [], describeDiagnostics(kubeguardDiagnostics(uri)));
  });
});
