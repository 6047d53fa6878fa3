import assert from 'node:assert/strict';
import type { TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { applyTextEdits, TestLspClient } from '../support/lspClient';
import { yaml } from '../support/yamlText';

const uri = 'file:///work/ws/deploy.yaml';
const text = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
  spec:
    template:
      spec:
        hostNetwork: true
        containers:
        - name: app
          image: nginx:1.27
          securityContext:
            privileged: true
` + '\n';

describe('language server over stdio', () => {
  let client: TestLspClient;
  beforeEach(async () => {
    client = await TestLspClient.start(undefined, { kubeguard: { podSecurity: { level: 'restricted', version: 'latest' } } });
  });
  afterEach(() => client.stop());

  it('publishes diagnostics with rule codes, docs links and exact ranges', async () => {
    await client.open(uri, text);
    const diags = await client.diagnosticsAt(uri, 1);
    const privileged = diags.find((d) => d.code === 'privileged-container')!;
    assert.ok(privileged, 'privileged finding published');
    assert.equal(privileged.source, 'KubeGuard');
    assert.deepEqual(privileged.range, { start: { line: 12, character: 10 }, end: { line: 12, character: 26 } });
    assert.match(privileged.codeDescription!.href, /docs\/rules\/privileged-container\.md$/);
    const host = diags.find((d) => d.code === 'host-namespaces')!;
    assert.deepEqual(host.range, { start: { line: 7, character: 6 }, end: { line: 7, character: 23 } });
  });

  it('offers the fix as a preferred quick-fix and the edit removes the finding', async () => {
    await client.open(uri, text);
    const diags = await client.diagnosticsAt(uri, 1);
    const privileged = diags.find((d) => d.code === 'privileged-container')!;
    // Suppression, documentation and workload actions come too (test/lsp/codeActions.test.ts); one is preferred.
    const actions = (await client.codeActions(uri, privileged.range, [privileged])).filter((a) => a.isPreferred);
    assert.equal(actions.length, 1);
    assert.equal(actions[0]!.kind, 'quickfix');
    const edit = actions[0]!.edit!.documentChanges![0] as TextDocumentEdit;
    const fixed = applyTextEdits(text, edit.edits as TextEdit[]);
    assert.equal(fixed, text.replace('privileged: true', 'privileged: false'));
    await client.change(uri, 2, [{ text: fixed }]);
    const after = await client.diagnosticsAt(uri, 2);
    assert.equal(after.filter((d) => d.code === 'privileged-container').length, 0);
  });

  it('re-analyses on incremental edits', async () => {
    await client.open(uri, text);
    await client.diagnosticsAt(uri, 1);
    const line = 7;
    await client.change(uri, 2, [{ range: { start: { line, character: 19 }, end: { line, character: 23 } }, text: 'false' }]);
    const after = await client.diagnosticsAt(uri, 2);
    assert.equal(after.filter((d) => d.code === 'host-namespaces').length, 0);
    assert.equal(after.filter((d) => d.code === 'privileged-container').length, 1);
  });

  it('turns YAML syntax errors into diagnostics instead of failing', async () => {
    await client.open(uri, 'apiVersion: v1\nkind: Pod\nmetadata: {name: [broken\n');
    const diags = await client.diagnosticsAt(uri, 1);
    assert.ok(diags.some((d) => d.code === 'yaml-syntax' && d.severity === 1));
  });

  it('publishes nothing for YAML that is not Kubernetes', async () => {
    await client.open(uri, 'name: CI\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n');
    assert.deepEqual(await client.diagnosticsAt(uri, 1), []);
  });

  it('clears diagnostics when the document closes', async () => {
    await client.open(uri, text);
    await client.diagnosticsAt(uri, 1);
    await client.close(uri);
    assert.deepEqual(await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0), []);
  });
});
