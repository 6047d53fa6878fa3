/**
 * Cross-file rules over stdio: a document's findings follow changes to other files, whether they are
 * written on disk (reported with workspace/didChangeWatchedFiles, as VS Code does) or edited in the
 * editor; and only the open documents a change can affect are analysed again.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, PublishDiagnosticsParams, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { applyTextEdits, TestLspClient } from '../support/lspClient';
import { yaml } from '../support/yamlText';

const codes = (diags: readonly Diagnostic[]): string[] => diags.map((d) => String(d.code));
const messageOf = (diags: readonly Diagnostic[], code: string): string => {
  const m = diags.find((d) => d.code === code)?.message ?? '';
  return typeof m === 'string' ? m : m.value;
};
const has = (code: string) => (p: PublishDiagnosticsParams): boolean => codes(p.diagnostics).includes(code);
const lacks = (code: string) => (p: PublishDiagnosticsParams): boolean => p.diagnostics.length > 0 && !codes(p.diagnostics).includes(code);

const CHANGED = 2;
const CREATED = 1;

function deployment(name: string, labels: string, podSpec: readonly string[] = []): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    '  namespace: shop',
    'spec:',
    '  template:',
    '    metadata:',
    '      labels:',
    `        app: ${labels}`,
    '    spec:',
    ...podSpec.map((l) => `      ${l}`),
    '      containers:',
    '      - name: app',
    `        image: ${name}:1.0`,
    '',
  ].join('\n');
}

function policy(selects: string): string {
  return (
    yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: api
        namespace: shop
      spec:
        podSelector:
          matchLabels:
            app: ${selects}
        policyTypes: [Ingress]
    ` + '\n'
  );
}

const accounts = (...names: string[]): string =>
  names.map((n) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${n}\n  namespace: shop\n`).join('---\n');

describe('cross-file rules over stdio', () => {
  let client: TestLspClient;
  let folder: string;
  const uriOf = (name: string): string => pathToFileURL(path.join(folder, name)).href;

  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'kubeguard-crossfile-'));
  });
  afterEach(() => client.stop());

  async function writeOnDisk(name: string, text: string, type: number): Promise<void> {
    writeFileSync(path.join(folder, name), text);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(name), type }] });
  }

  it('follows a file changed on disk: open A, write B, A is re-published', async () => {
    writeFileSync(path.join(folder, 'accounts.yaml'), accounts('web'));
    client = await TestLspClient.start(folder);
    const a = uriOf('deploy.yaml');
    await client.open(a, deployment('web', 'web', ['serviceAccountName: api']));
    // The index is built in the background; A is re-run when it ends and then sees accounts.yaml.
    const before = await client.waitForDiagnostics(a, has('service-account-missing'));
    assert.match(messageOf(before, 'service-account-missing'), /ServiceAccount api is not defined in the workspace/);

    await writeOnDisk('accounts.yaml', accounts('web', 'api'), CHANGED);
    await client.waitForDiagnostics(a, lacks('service-account-missing'));
  });

  it('follows a file created on disk', async () => {
    client = await TestLspClient.start(folder);
    const a = uriOf('web.yaml');
    await client.open(a, deployment('web', 'web'));
    await client.waitForDiagnostics(a, lacks('network-policy-missing'));

    // A NetworkPolicy for other pods of the namespace shows the team uses them: web is now reported.
    await writeOnDisk('policies.yaml', policy('api'), CREATED);
    const diags = await client.waitForDiagnostics(a, has('network-policy-missing'));
    assert.match(messageOf(diags, 'network-policy-missing'), /^No NetworkPolicy in the workspace selects the pods of Deployment web for ingress/);
  });

  it('follows another document edited in the editor, before it is saved', async () => {
    client = await TestLspClient.start(folder);
    const a = uriOf('web.yaml');
    const b = uriOf('policy.yaml');
    await client.open(a, deployment('web', 'web'));
    await client.open(b, policy('api'));
    await client.waitForDiagnostics(a, has('network-policy-missing'));

    await client.change(b, 2, [{ text: policy('web') }]);
    await client.waitForDiagnostics(a, lacks('network-policy-missing'));
    await client.change(b, 3, [{ text: policy('api') }]);
    await client.waitForDiagnostics(a, has('network-policy-missing'));
  });

  it('offers NetworkPolicy generation as the quick-fixes of a coverage finding, and applying one clears it', async () => {
    client = await TestLspClient.start(folder);
    const a = uriOf('web.yaml');
    await client.open(uriOf('policy.yaml'), policy('api'));
    const text = deployment('web', 'web');
    await client.open(a, text);
    const diags = await client.waitForDiagnostics(a, has('network-policy-missing'));
    const d = diags.find((x) => x.code === 'network-policy-missing')!;
    const actions = await client.codeActions(a, d.range, [d], ['quickfix']);
    const generate = actions.find((x) => x.title === 'Generate NetworkPolicy for web');
    const deny = actions.find((x) => x.title === 'Add default-deny NetworkPolicy for namespace shop');
    for (const action of [generate, deny]) {
      assert.ok(action, JSON.stringify(actions.map((x) => x.title)));
      assert.equal(action.kind, 'quickfix');
      assert.deepEqual(action.diagnostics?.map((x) => x.code), ['network-policy-missing']);
    }
    const edits = (generate!.edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[];
    await client.change(a, 2, [{ text: applyTextEdits(text, edits) }]);
    assert.equal((await client.diagnosticsAt(a, 2)).find((x) => x.code === 'network-policy-missing'), undefined);
  });

  it('re-runs a workload when a binding in another document gives its ServiceAccount cluster-admin', async () => {
    client = await TestLspClient.start(folder);
    const a = uriOf('runner.yaml');
    const b = uriOf('rbac.yaml');
    const binding = (role: string): string =>
      yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: runner
        subjects:
        - kind: ServiceAccount
          name: runner
          namespace: shop
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: ${role}
      ` + '\n';
    await client.open(a, deployment('runner', 'runner', ['serviceAccountName: runner']));
    await client.open(b, binding('view'));
    await client.waitForDiagnostics(a, lacks('workload-privileged-service-account'));
    await client.change(b, 2, [{ text: binding('cluster-admin') }]);
    const diags = await client.waitForDiagnostics(a, has('workload-privileged-service-account'));
    assert.match(messageOf(diags, 'workload-privileged-service-account'), /ClusterRoleBinding runner in the workspace binds to ClusterRole cluster-admin cluster-wide/);
  });

  it('re-runs only the open documents that read what changed', async () => {
    // An empty folder: the start-up scan indexes nothing, so only the opens and edits below re-run documents.
    client = await TestLspClient.start(folder);
    const web = uriOf('web.yaml');
    const pol = uriOf('policy.yaml');
    const api = uriOf('api.yaml');
    let seen: PublishDiagnosticsParams | undefined;
    const latest = async (uri: string): Promise<PublishDiagnosticsParams> => {
      await client.waitForDiagnostics(uri, (p) => ((seen = p), true));
      return seen!;
    };
    const next = async (uri: string, after: PublishDiagnosticsParams): Promise<PublishDiagnosticsParams> => {
      await client.waitForDiagnostics(uri, (p) => ((seen = p), p !== after));
      return seen!;
    };

    await client.open(web, deployment('web', 'web'));
    await client.diagnosticsAt(web, 1);
    let webSeen = await latest(web);
    // web reads NetworkPolicies: opening one re-runs it.
    await client.open(pol, policy('api'));
    await client.diagnosticsAt(pol, 1);
    let polSeen = await latest(pol);
    webSeen = await next(web, webSeen);
    assert.ok(codes(webSeen.diagnostics).includes('network-policy-missing'));
    // The policy looks for the workloads it selects: a new Deployment document re-runs it.
    await client.open(api, deployment('api', 'api'));
    await client.diagnosticsAt(api, 1);
    polSeen = await next(pol, polSeen);
    webSeen = await latest(web);

    // A new image for api changes a Deployment: the policy runs again; web, whose rules read
    // NetworkPolicies, RBAC, ServiceAccounts, … but no Deployments, does not. Documents re-run in the
    // order they were opened, so a re-run of web would have been published before the policy's.
    await client.change(api, 2, [{ text: deployment('api', 'api').replace('api:1.0', 'api:1.1') }]);
    await client.diagnosticsAt(api, 2);
    await next(pol, polSeen);
    assert.equal(await latest(web), webSeen, 'web was analysed again although nothing it reads changed');
  });
});
