/**
 * Code actions over stdio: titles, kinds, isPreferred and edits of the per-finding, suppression,
 * documentation, hardening and NetworkPolicy actions, and what the server publishes after applying them.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CreateFile, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { applyTextEdits, TestLspClient } from '../support/lspClient';

const uri = 'file:///work/ws/shop/web.yaml';
const text = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  '  namespace: shop',
  'spec:',
  '  template:',
  '    metadata:',
  '      labels:',
  '        app: web',
  '    spec:',
  '      hostNetwork: true',
  '      containers:',
  '      - name: app',
  '        image: nginx:1.27',
  '        securityContext:',
  '          privileged: true',
  '',
].join('\n');

const RESTRICTED = { kubeguard: { podSecurity: { level: 'restricted', version: 'latest' } } };

function edits(action: CodeAction): TextEdit[] {
  return (action.edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[];
}

/** LSP 3.18 allows markup messages; the server sends plain strings. */
function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

function byTitle(actions: CodeAction[], title: string): CodeAction {
  const a = actions.find((x) => x.title === title);
  assert.ok(a, `no action "${title}" in ${JSON.stringify(actions.map((x) => x.title))}`);
  return a;
}

describe('code actions over stdio', () => {
  let client: TestLspClient;
  afterEach(() => client.stop());

  async function openAndFind(code: string, t = text, u = uri): Promise<{ diags: Diagnostic[]; d: Diagnostic }> {
    await client.open(u, t);
    const diags = await client.diagnosticsAt(u, 1);
    const d = diags.find((x) => x.code === code);
    assert.ok(d, `no ${code} diagnostic in ${JSON.stringify(diags.map((x) => x.code))}`);
    return { diags, d };
  }

  it('declares its kinds, source.fixAll.kubeguard included', async () => {
    client = await TestLspClient.start(undefined, RESTRICTED);
    const provider = client.initializeResult!.capabilities.codeActionProvider as { codeActionKinds: string[] };
    assert.deepEqual(provider.codeActionKinds, ['quickfix', 'refactor', 'refactor.rewrite', 'source.fixAll', 'source.fixAll.kubeguard']);
  });

  it('offers, for one finding, the preferred fix, suppressions, documentation and the workload actions', async () => {
    client = await TestLspClient.start(undefined, RESTRICTED);
    const { d } = await openAndFind('privileged-container');
    const actions = await client.codeActions(uri, d.range, [d]);
    const fix = byTitle(actions, 'Set privileged: false');
    assert.deepEqual([fix.kind, fix.isPreferred, fix.diagnostics?.[0]?.code], ['quickfix', true, 'privileged-container']);
    assert.equal(actions.filter((a) => a.isPreferred).length, 1, 'one preferred action');
    for (const t of ['Ignore privileged-container for this object', 'Ignore privileged-container for container app', 'Ignore privileged-container on this line']) {
      const a = byTitle(actions, t);
      assert.deepEqual([a.kind, a.isPreferred ?? false], ['quickfix', false]);
    }
    const docs = byTitle(actions, 'Show documentation for privileged-container');
    assert.equal(docs.command?.command, 'kubeguard.showRuleDocumentation');
    assert.match(String(docs.command?.arguments?.[0]), /docs\/rules\/privileged-container\.md$/);
    assert.equal(byTitle(actions, 'Harden workload (PSS restricted)').kind, 'quickfix', 'next to a finding, hardening is a quick-fix');
    assert.match(byTitle(actions, 'Fix all safe KubeGuard problems in this file (5)').kind!, /^quickfix$/);
    for (const t of ['Harden workload: read-only root filesystem', 'Harden workload: run as user and group 10001', 'Harden workload: do not mount the service account token']) {
      assert.ok(actions.some((a) => a.title.startsWith(t) && /may break|breaks/.test(a.title)), `${t} is offered and says what it can break`);
    }
    assert.equal(byTitle(actions, 'Generate NetworkPolicy for web').kind, 'refactor');
    assert.equal(byTitle(actions, 'Add default-deny NetworkPolicy for namespace shop').kind, 'refactor');
    // The fix's edit is minimal: one line.
    assert.deepEqual(edits(fix), [{ range: { start: { line: 16, character: 0 }, end: { line: 17, character: 0 } }, newText: '          privileged: false\n' }]);
  });

  it('suppresses with an annotation; the finding then comes back as a hint that says why, and is counted', async () => {
    client = await TestLspClient.start(undefined, RESTRICTED);
    const { d } = await openAndFind('privileged-container');
    const ignore = byTitle(await client.codeActions(uri, d.range, [d]), 'Ignore privileged-container for this object');
    const suppressed = applyTextEdits(text, edits(ignore));
    assert.ok(suppressed.includes('  namespace: shop\n  annotations:\n    kubeguard.io/ignore: "privileged-container -- TODO: reason"\nspec:'));
    const status = new Promise<{ suppressed: number; findings: number }>((resolve) =>
      client.connection.onNotification('kubeguard/fileStatus', (p: { version: number; suppressed: number; findings: number }) => {
        if (p.version === 2) resolve(p);
      }),
    );
    await client.change(uri, 2, [{ text: suppressed }]);
    const after = await client.diagnosticsAt(uri, 2);
    const hint = after.find((x) => x.code === 'privileged-container')!;
    assert.equal(hint.severity, 4);
    assert.match(messageOf(hint), /^Suppressed by annotation kubeguard\.io\/ignore: TODO: reason\. /);
    const v2 = await status;
    assert.equal(v2.suppressed, 1);
    assert.equal(v2.findings, after.filter((x) => x.severity !== 4).length);
  });

  it('writes the reason as a selected snippet placeholder for clients with snippet edits', async () => {
    client = await TestLspClient.start(undefined, RESTRICTED, { documentChanges: true, snippetEditSupport: true });
    const { d } = await openAndFind('host-namespaces');
    const ignore = byTitle(await client.codeActions(uri, d.range, [d]), 'Ignore host-namespaces on this line');
    const edit = (ignore.edit!.documentChanges![0] as TextDocumentEdit).edits[0] as unknown as { snippet: { kind: string; value: string } };
    assert.deepEqual(edit.snippet, { kind: 'snippet', value: '      # kubeguard-disable-next-line host-namespaces -- ${1:TODO: reason}\n' });
  });

  it('marks an unused suppression and removes it on request', async () => {
    client = await TestLspClient.start(undefined, RESTRICTED);
    const stale = text.replace('  namespace: shop\n', '  namespace: shop\n  annotations:\n    kubeguard.io/ignore: "host-ports -- old chart"\n');
    const { d } = await openAndFind('unused-suppression', stale);
    assert.equal(d.severity, 3);
    assert.match(messageOf(d), /host-ports reports nothing on Deployment web/);
    const remove = byTitle(await client.codeActions(uri, d.range, [d]), 'Remove unused suppression');
    assert.equal(remove.isPreferred, true);
    assert.equal(applyTextEdits(stale, edits(remove)), text);
  });

  it('ignores in-manifest suppressions in strict mode, and says so', async () => {
    client = await TestLspClient.start(undefined, { kubeguard: { ...RESTRICTED.kubeguard, strict: true } });
    const annotated = text.replace('  namespace: shop\n', '  namespace: shop\n  annotations:\n    kubeguard.io/ignore: "privileged-container -- reason"\n');
    const { diags } = await openAndFind('ignored-suppression', annotated);
    assert.equal(diags.find((x) => x.code === 'privileged-container')!.severity, 1);
    const d = diags.find((x) => x.code === 'privileged-container')!;
    assert.ok(!(await client.codeActions(uri, d.range, [d])).some((a) => a.title.startsWith('Ignore ')), 'no suppression offered in strict mode');
  });

  it('excludes files by glob and namespaces from settings', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'kubeguard-ws-'));
    client = await TestLspClient.start(folder, { kubeguard: { ...RESTRICTED.kubeguard, exclude: ['vendor/**'] } });
    const vendored = pathToFileURL(path.join(folder, 'vendor/web.yaml')).href;
    await client.open(vendored, text);
    const diags = await client.diagnosticsAt(vendored, 1);
    assert.ok(diags.length > 0 && diags.every((x) => x.severity === 4 && /Suppressed by kubeguard\.exclude: the file matches kubeguard\.exclude pattern "vendor\/\*\*"/.test(messageOf(x))));
  });

  it('hardens a workload from the cursor alone (refactor.rewrite) so no restricted finding remains', async () => {
    client = await TestLspClient.start(undefined, RESTRICTED);
    await client.open(uri, text);
    await client.diagnosticsAt(uri, 1);
    const actions = await client.codeActions(uri, { start: { line: 3, character: 2 }, end: { line: 3, character: 2 } }, []);
    const harden = byTitle(actions, 'Harden workload (PSS restricted)');
    assert.equal(harden.kind, 'refactor.rewrite');
    const hardened = applyTextEdits(text, edits(harden));
    await client.change(uri, 2, [{ text: hardened }]);
    const after = await client.diagnosticsAt(uri, 2);
    const pss = ['host-namespaces', 'privileged-container', 'allow-privilege-escalation', 'run-as-non-root', 'seccomp-profile-restricted', 'capabilities-restricted'];
    assert.deepEqual(after.filter((x) => pss.includes(String(x.code))), []);
  });

  it('generates a NetworkPolicy into a new file next to the manifest when placement is newFile', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'kubeguard-ws-'));
    writeFileSync(path.join(folder, 'web-netpol.yaml'), 'taken\n');
    client = await TestLspClient.start(folder, { kubeguard: { ...RESTRICTED.kubeguard, networkPolicy: { placement: 'newFile' } } }, { documentChanges: true, resourceOperations: ['create'] });
    const file = pathToFileURL(path.join(folder, 'web.yaml')).href;
    await client.open(file, text);
    await client.diagnosticsAt(file, 1);
    const gen = byTitle(await client.codeActions(file, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, []), 'Generate NetworkPolicy for web');
    const [create, insert] = gen.edit!.documentChanges! as [CreateFile, TextDocumentEdit];
    assert.deepEqual(create, { kind: 'create', uri: pathToFileURL(path.join(folder, 'web-netpol-2.yaml')).href, options: { overwrite: false, ignoreIfExists: false } });
    assert.equal(insert.textDocument.uri, create.uri);
    assert.match((insert.edits[0] as TextEdit).newText, /^# NetworkPolicy for Deployment web[\s\S]*\nkind: NetworkPolicy\n[\s\S]*podSelector:\n {4}matchLabels:\n {6}app: web\n/);
  });

  it('inserts a NetworkPolicy as a new document after the workload by default', async () => {
    client = await TestLspClient.start(undefined, RESTRICTED);
    await client.open(uri, text);
    await client.diagnosticsAt(uri, 1);
    const gen = byTitle(await client.codeActions(uri, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, []), 'Generate NetworkPolicy for web');
    const out = applyTextEdits(text, edits(gen));
    assert.ok(out.startsWith(text + '---\n# NetworkPolicy for Deployment web'));
    await client.change(uri, 2, [{ text: out }]);
    const after = await client.diagnosticsAt(uri, 2);
    assert.ok(!after.some((x) => x.code === 'yaml-syntax'));
  });

  it('disables "Generate NetworkPolicy" with a reason for a workload without pod labels', async () => {
    client = await TestLspClient.start(undefined, RESTRICTED);
    const unlabelled = text.replace('    metadata:\n      labels:\n        app: web\n', '');
    await client.open(uri, unlabelled);
    await client.diagnosticsAt(uri, 1);
    const gen = byTitle(await client.codeActions(uri, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, []), 'Generate NetworkPolicy for web');
    assert.match(gen.disabled?.reason ?? '', /no pod labels/);
    assert.equal(gen.edit, undefined);
  });
});
