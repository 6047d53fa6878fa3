/**
 * Restricted Mode: in a workspace VS Code does not trust, KubeGuard still analyses manifests and applies
 * quick-fixes, but makes no cluster call and ignores `kubeguard.kubeconfig`, even when the workspace's
 * settings and KUBECONFIG both point at a live (fake) API server.
 *
 * Only meaningful with `vscode.workspace.isTrusted === false`: scripts/run-host-tests.mjs runs this suite
 * in a second code-server session with workspace trust enabled and never granted; in the main (trusted)
 * session it skips itself.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PermissionsProvider } from '../../client/src/views/permissionsView';
import { type TempKubeconfigs, tempKubeconfigs } from '../support/clusterFixtures';
import { FakeApiServer } from '../support/fakeApiServer';
import { shownTree, treeText } from '../support/permissionsTreeText';
import { activateExtension, describeDiagnostics, diagnosticCode, openAnalysed, waitForDiagnostics, workspaceRoot } from './support';

const MANIFEST = `apiVersion: v1
kind: Pod
metadata:
  name: untrusted-pod
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        privileged: true
`;

const codes = (ds: readonly vscode.Diagnostic[]): string[] => ds.map((d) => diagnosticCode(d) ?? '');

// The title prefix is what scripts/run-host-tests.mjs greps for in its untrusted session.
describe('untrusted workspace: diagnostics and fixes work, the cluster is never called', function () {
  this.timeout(60_000);
  let provider: PermissionsProvider;
  let server: FakeApiServer;
  let k: TempKubeconfigs;
  let kubeconfig: string;
  const previousKubeconfigEnv = process.env.KUBECONFIG;
  const created: vscode.Uri[] = [];

  before(async function () {
    if (vscode.workspace.isTrusted) this.skip();
    provider = (await activateExtension()).permissions.provider;
    server = await FakeApiServer.start('developer');
    k = tempKubeconfigs();
    kubeconfig = k.write('token', { server: server.url });
  });
  after(async () => {
    if (previousKubeconfigEnv === undefined) delete process.env.KUBECONFIG;
    else process.env.KUBECONFIG = previousKubeconfigEnv;
    for (const uri of created) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    await server?.stop();
    k?.dispose();
  });

  it('runs in Restricted Mode (the precondition of this suite)', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('publishes diagnostics for a manifest and applies a quick-fix', async () => {
    const uri = vscode.Uri.joinPath(workspaceRoot(), `untrusted-${process.pid}.yaml`);
    created.push(uri);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(MANIFEST));
    const editor = await openAnalysed(uri);
    const before = await waitForDiagnostics(uri, (ds) => codes(ds).includes('privileged-container'));
    const privileged = before.find((d) => diagnosticCode(d) === 'privileged-container');
    assert.ok(privileged, describeDiagnostics(before));
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, privileged.range, vscode.CodeActionKind.QuickFix.value, 100)) ?? [];
    // Edits come from codeAction/resolve: the command's last argument resolves up to that many actions.
    const fix = actions.find((a) => a.title === 'Set privileged: false');
    assert.ok(fix?.edit, `no quick-fix for privileged-container among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(editor.document.getText(), /privileged: false/);
    const after = await waitForDiagnostics(uri, (ds) => !codes(ds).includes('privileged-container'));
    assert.ok(after.length > 0, 'other findings are still reported');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('ignores kubeguard.kubeconfig and KUBECONFIG, shows the untrusted state and makes no cluster call', async () => {
    // Both ways a workspace could point KubeGuard at credentials: its settings file and the environment.
    // The file is written directly, as a cloned repository would bring it: in Restricted Mode VS Code
    // does not report a workspace value of a restricted setting (after configuration.update, inspect()
    // shows no workspaceValue), so the API cannot set up this case.
    const settingsFile = vscode.Uri.joinPath(workspaceRoot(), '.vscode', 'settings.json');
    created.push(settingsFile);
    await vscode.workspace.fs.writeFile(settingsFile, new TextEncoder().encode(JSON.stringify({ 'kubeguard.kubeconfig': kubeconfig }, null, 2)));
    assert.match(new TextDecoder().decode(await vscode.workspace.fs.readFile(settingsFile)), /"kubeguard\.kubeconfig"/);
    process.env.KUBECONFIG = kubeconfig;
    await provider.refresh();
    // Also what a user would click.
    await vscode.commands.executeCommand('kubeguard.permissions.refresh');
    const answer = await vscode.commands.executeCommand<{ message?: string } | undefined>('kubeguard.canI', { verb: 'get', resource: 'secrets', namespace: 'dev' });
    await provider.whenIdle();

    const snap = provider.snapshot;
    assert.equal(snap.phase, 'untrusted');
    assert.equal(snap.failure?.kind, 'untrusted');
    assert.equal(snap.files, undefined, 'the kubeconfig was not even located');
    assert.equal(snap.target, undefined, 'no context was selected');
    const tree = shownTree(provider);
    assert.equal(tree[0]?.label, 'Cluster access is off in this untrusted workspace', treeText(tree));
    assert.equal(tree.length, 1, treeText(tree));
    assert.match(answer?.message ?? '', /untrusted/i, 'Can I…? says why it cannot answer');
    assert.deepEqual(server.requests, [], 'the fake API server received no request');
  });
});
