/**
 * Quick-fixes in a real VS Code: "Harden workload (PSS restricted)", fix-all on save through
 * `editor.codeActionsOnSave`, a suppression written as a snippet with the reason selected, and "Generate
 * NetworkPolicy". Each test works on its own insecure manifest, deleted afterwards, so nothing is shared
 * with the other suites.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, describeDiagnostics, diagnosticCode, kubeguardDiagnostics, openAnalysed, resetConfig, setConfig, waitForDiagnostics, waitForNextDiagnostics, workspaceRoot } from './support';

const PSS_RESTRICTED = ['host-namespaces', 'privileged-container', 'allow-privilege-escalation', 'run-as-non-root', 'seccomp-profile-restricted', 'capabilities-restricted'];
const SAFE_FIXED = ['host-namespaces', 'privileged-container', 'allow-privilege-escalation', 'run-as-non-root', 'seccomp-profile-restricted'];

const codes = (ds: readonly vscode.Diagnostic[]): Set<string> => new Set(ds.filter((d) => d.severity !== vscode.DiagnosticSeverity.Hint).map((d) => diagnosticCode(d) ?? ''));

/**
 * The insecure example as this suite expects it. Written into the workspace per test rather than read
 * from examples/: other suites edit that file (and the web workbench auto-saves).
 */
const INSECURE = `# An insecure Deployment: open it in VS Code to see KubeGuard's squiggles and quick-fixes.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels:
    app: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      hostNetwork: true # shares the node's network namespace
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: 8080
          securityContext:
            privileged: true
        - name: log-shipper
          image: fluent/fluent-bit:3.1
`;

let counter = 0;

/** A fresh insecure manifest in the workspace, so edits and saves touch nothing shared. */
async function copyOfInsecure(): Promise<vscode.Uri> {
  const target = vscode.Uri.joinPath(workspaceRoot(), `quickfix-${process.pid}-${counter++}.yaml`);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(INSECURE));
  return target;
}

/**
 * The server lists actions without edits and VS Code resolves the one applied (`codeAction/resolve`);
 * the command resolves the first `RESOLVE_ALL` actions, so each carries its edit as when applied.
 */
const RESOLVE_ALL = 100;

async function actionsAt(uri: vscode.Uri, line: number, kind?: string): Promise<vscode.CodeAction[]> {
  const range = new vscode.Range(line, 2, line, 2);
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind, RESOLVE_ALL)) ?? [];
}

function find(actions: readonly vscode.CodeAction[], title: string): vscode.CodeAction {
  const a = actions.find((x) => x.title === title);
  assert.ok(a?.edit, `no "${title}" with an edit among: ${actions.map((x) => x.title).join(' | ')}`);
  return a;
}

function lineOf(document: vscode.TextDocument, needle: string): number {
  const i = document.getText().indexOf(needle);
  assert.notEqual(i, -1, `${needle} not in the document`);
  return document.positionAt(i).line;
}

describe('quick-fixes in VS Code', () => {
  const created: vscode.Uri[] = [];

  before(async () => {
    await activateExtension();
  });

  afterEach(async () => {
    await resetConfig();
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of created.splice(0)) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  it('"Harden workload (PSS restricted)" makes the insecure example pass restricted', async () => {
    await setConfig('kubeguard', 'podSecurity.level', 'restricted');
    const uri = await copyOfInsecure();
    created.push(uri);
    const editor = await openAnalysed(uri);
    await waitForDiagnostics(uri, (ds) => PSS_RESTRICTED.every((c) => codes(ds).has(c)));
    const harden = find(await actionsAt(uri, lineOf(editor.document, 'name: web')), 'Harden workload (PSS restricted)');
    assert.ok(await vscode.workspace.applyEdit(harden.edit!));
    const after = await waitForDiagnostics(uri, (ds) => !PSS_RESTRICTED.some((c) => codes(ds).has(c)));
    const text = editor.document.getText();
    for (const line of ['      hostNetwork: false # shares the node', '            privileged: false\n            allowPrivilegeEscalation: false\n            capabilities:\n              drop:\n                - ALL\n', '      securityContext:\n        runAsNonRoot: true\n        seccompProfile:\n          type: RuntimeDefault\n']) {
      assert.ok(text.includes(line), `missing:\n${line}\nin:\n${text}`);
    }
    assert.ok(text.startsWith("# An insecure Deployment: open it in VS Code to see KubeGuard's squiggles and quick-fixes.\n"), 'the comment is kept');
    assert.ok(!codes(after).has('yaml-syntax'), describeDiagnostics(after));
  });

  it('fix-all runs on save through editor.codeActionsOnSave and applies only safe fixes', async () => {
    await setConfig('kubeguard', 'podSecurity.level', 'restricted');
    await setConfig('editor', 'codeActionsOnSave', { 'source.fixAll.kubeguard': 'always' });
    const uri = await copyOfInsecure();
    created.push(uri);
    const editor = await openAnalysed(uri);
    await waitForDiagnostics(uri, (ds) => SAFE_FIXED.every((c) => codes(ds).has(c)));
    // A real edit, so the save is a real save of a dirty document.
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(1, 0), '# edited before saving\n')));
    assert.ok(await editor.document.save());
    const after = await waitForDiagnostics(uri, (ds) => !SAFE_FIXED.some((c) => codes(ds).has(c)));
    const text = editor.document.getText();
    assert.match(text, /# edited before saving\n/);
    assert.match(text, /privileged: false\n {12}allowPrivilegeEscalation: false\n/);
    assert.match(text, /hostNetwork: false/);
    assert.ok(!text.includes('drop:'), 'dropping ALL capabilities is not a safe fix');
    assert.ok(codes(after).has('capabilities-restricted'), describeDiagnostics(after));
    assert.equal(editor.document.isDirty, false, 'the fixes are part of the saved text');
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), text);
  });

  it('"Ignore <rule> for this object" writes the annotation with the reason selected, and the finding turns into a hint', async () => {
    await setConfig('kubeguard', 'podSecurity.level', 'restricted');
    const uri = await copyOfInsecure();
    created.push(uri);
    const editor = await openAnalysed(uri);
    const before = await waitForDiagnostics(uri, (ds) => codes(ds).has('privileged-container'));
    const privileged = before.find((d) => diagnosticCode(d) === 'privileged-container')!;
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, privileged.range, undefined, RESOLVE_ALL)) ?? [];
    assert.ok(await vscode.workspace.applyEdit(find(actions, 'Ignore privileged-container for this object').edit!));
    const text = editor.document.getText();
    assert.ok(text.includes('  labels:\n    app: web\n  annotations:\n    kubeguard.io/ignore: "privileged-container -- TODO: reason"\nspec:\n'), text);
    // The snippet placeholder leaves the reason selected, ready to be typed over.
    assert.equal(editor.document.getText(editor.selection), 'TODO: reason');
    const after = await waitForDiagnostics(uri, (ds) => !codes(ds).has('privileged-container'));
    const hint = after.find((d) => diagnosticCode(d) === 'privileged-container');
    assert.ok(hint, describeDiagnostics(after));
    assert.equal(hint.severity, vscode.DiagnosticSeverity.Hint);
    assert.match(hint.message, /^Suppressed by annotation kubeguard\.io\/ignore: TODO: reason\./);
  });

  it('"Generate NetworkPolicy" adds a valid policy document selecting the workload', async () => {
    const uri = await copyOfInsecure();
    created.push(uri);
    const editor = await openAnalysed(uri);
    const original = editor.document.getText();
    const generate = find(await actionsAt(uri, lineOf(editor.document, 'replicas'), vscode.CodeActionKind.Refactor.value), 'Generate NetworkPolicy for web');
    // Subscribe before the edit: the re-analysis of the new text is the next publication.
    const published = waitForNextDiagnostics(uri);
    assert.ok(await vscode.workspace.applyEdit(generate.edit!));
    const text = editor.document.getText();
    assert.ok(text.startsWith(`${original}---\n# NetworkPolicy for Deployment web`), text);
    const policy = text.slice(original.length);
    for (const part of ['kind: NetworkPolicy\n', '  name: web-netpol\n  namespace: shop\n', '  podSelector:\n    matchLabels:\n      app: web\n', '  policyTypes:\n    - Ingress\n    - Egress\n', '  ingress: []\n', '              k8s-app: kube-dns\n']) {
      assert.ok(policy.includes(part), `missing ${JSON.stringify(part)} in:\n${policy}`);
    }
    const after = await published;
    assert.ok(!after.some((d) => diagnosticCode(d) === 'yaml-syntax'), describeDiagnostics(after));
    assert.deepEqual(kubeguardDiagnostics(uri).filter((d) => d.range.start.line >= editor.document.positionAt(original.length).line && d.severity !== vscode.DiagnosticSeverity.Hint).map((d) => diagnosticCode(d)), [], 'nothing to report on the policy');
  });
});
