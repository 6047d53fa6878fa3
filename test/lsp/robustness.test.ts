/**
 * Issue 8 over real JSON-RPC: the bundled server survives every named adversarial input, malformed and
 * cancelled requests, requests for closed documents and stale versions, and a workspace holding binary
 * and invalid UTF-8 files; it keeps publishing, and logs no unhandled error.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, DiagnosticSeverity, type CodeAction, type Diagnostic, type Hover, type TextDocumentEdit, type TextEdit } from 'vscode-languageserver-protocol';
import { aliasBomb, binaryText, deepBlock, deepFlow, HELM_TEMPLATE, invalidUtf8Bytes, KUSTOMIZATION, longLine, manyDocuments, POD, REPLICAS_PATCH } from '../support/adversarialInputs';
import { applyTextEdits, TestLspClient } from '../support/lspClient';

const PRIVILEGED = `${POD}    securityContext:\n      privileged: true\n`;

describe('robustness over LSP', () => {
  let client: TestLspClient;
  let folder: string;
  const uriOf = (name: string): string => pathToFileURL(path.join(folder, name)).href;
  const codes = (ds: Diagnostic[]): string[] => ds.map((d) => String(d.code));
  const hoverAt = (uri: string, line: number, character: number): Promise<Hover | null> => client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'kubeguard-robust-ws-'));
    // Indexed by the start-up scan: neither may stop it or the server.
    writeFileSync(path.join(folder, 'binary.yaml'), Buffer.from(binaryText(), 'latin1'));
    writeFileSync(path.join(folder, 'invalid-utf8.yaml'), invalidUtf8Bytes());
    client = await TestLspClient.start(folder);
  });
  after(() => client.stop());

  it('publishes for every adversarial document, each as docs/reliability.md says', async function () {
    this.timeout(180_000);
    const cases: [string, string, (ds: Diagnostic[]) => void][] = [
      ['bomb.yaml', aliasBomb(), (ds) => assert.ok(!codes(ds).includes('yaml-syntax'), 'no syntax error')],
      ['deep-flow.yaml', deepFlow(), (ds) => assert.ok(codes(ds).includes('yaml-syntax'), 'the nesting is reported')],
      ['deep-block.yaml', `apiVersion: v1\nkind: List\nitems:\n${deepBlock()}`, (ds) => assert.ok(codes(ds).includes('yaml-syntax'), 'the nesting is reported')],
      ['binary.yaml', binaryText(), (ds) => assert.ok(ds.every((d) => d.code === 'yaml-syntax'))],
      ['long-line.yaml', longLine(), (ds) => assert.ok(codes(ds).includes('run-as-non-root'))],
      ['tabs.yaml', POD.replace(/^ {2}/gm, '\t'), (ds) => assert.ok(ds.some((d) => d.code === 'yaml-syntax' && d.severity === DiagnosticSeverity.Error))],
      ['empty.yaml', '', (ds) => assert.deepEqual(ds, [])],
      ['scalars.yaml', 'hello\n---\n- a\n- b\n---\n', (ds) => assert.deepEqual(ds, [])],
      ['bom.yaml', `\uFEFF${PRIVILEGED}`, (ds) => assert.ok(codes(ds).includes('privileged-container'))],
      ['kustomization.yaml', KUSTOMIZATION, (ds) => assert.deepEqual(ds, [])],
      ['patch.yaml', REPLICAS_PATCH, (ds) => assert.deepEqual(ds, [])],
      ['templates/deployment.yaml', HELM_TEMPLATE, (ds) => assert.deepEqual(ds.map((d) => [d.code, d.severity]), [['file-skipped', DiagnosticSeverity.Information]])],
      ['huge.yaml', manyDocuments(10_000_000), (ds) => {
        const notice = ds.filter((d) => d.code === 'file-skipped');
        assert.equal(notice.length, 1);
        assert.equal(notice[0]!.severity, DiagnosticSeverity.Information);
        assert.ok(codes(ds).includes('privileged-container'), 'the analysed part has findings');
      }],
    ];
    for (const [name, text, check] of cases) {
      await client.open(uriOf(name), text);
      check(await client.diagnosticsAt(uriOf(name), 1, 60_000));
    }
  });

  it('analyses an open file that has invalid UTF-8 on disk (decoded with replacement characters)', async () => {
    const text = invalidUtf8Bytes().toString('utf8');
    await client.open(uriOf('invalid-utf8.yaml'), text);
    assert.ok(codes(await client.diagnosticsAt(uriOf('invalid-utf8.yaml'), 1)).includes('privileged-container'));
  });

  it('answers out-of-range positions and ranges, and requests for unknown or closed documents, with nothing', async () => {
    const uri = uriOf('ranges.yaml');
    await client.open(uri, PRIVILEGED);
    const ds = await client.diagnosticsAt(uri, 1);
    assert.equal(await hoverAt(uri, 1_000_000, 1_000_000), null);
    assert.equal(await hoverAt(uri, 0, 1_000_000), null);
    const far = { start: { line: 5_000, character: 0 }, end: { line: 9_000_000, character: 9_000_000 } };
    const bogus: Diagnostic = { range: far, message: 'x', code: 'privileged-container', source: 'KubeGuard', data: { ruleId: 'privileged-container', documentIndex: 99 } };
    assert.ok(Array.isArray(await client.codeActions(uri, far, [bogus, ...ds])));
    assert.equal(await hoverAt(uriOf('never-opened.yaml'), 0, 0), null);
    assert.deepEqual(await client.codeActions(uriOf('never-opened.yaml'), far, []), []);
    await client.close(uri);
    assert.deepEqual(await client.codeActions(uri, ds[0]!.range, ds), []);
    assert.deepEqual(await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0), []);
  });

  it('follows stale and out-of-order versions and edits with out-of-range positions', async () => {
    const uri = uriOf('versions.yaml');
    await client.open(uri, POD, 5);
    await client.diagnosticsAt(uri, 5);
    await client.change(uri, 3, [{ text: PRIVILEGED }]);
    await client.change(uri, 4, [{ range: { start: { line: 900, character: 0 }, end: { line: 999, character: 99 } }, text: '# appended\n' }]);
    await client.change(uri, 2, [{ range: { start: { line: 0, character: 500 }, end: { line: 0, character: 400 } }, text: '' }]);
    await client.change(uri, 10, [{ text: PRIVILEGED }]);
    assert.ok(codes(await client.diagnosticsAt(uri, 10)).includes('privileged-container'));
  });

  it('answers cancelled requests without failing', async () => {
    const uri = uriOf('cancel.yaml');
    await client.open(uri, PRIVILEGED);
    const ds = await client.diagnosticsAt(uri, 1);
    const source = new CancellationTokenSource();
    const hover = client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: ds[0]!.range.start }, source.token);
    const actions = client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: ds[0]!.range, context: { diagnostics: ds } }, source.token);
    source.cancel();
    // The server answers empty, or the client reports the cancellation (-32800): either way, no failure.
    for (const answer of await Promise.allSettled([hover, actions])) {
      if (answer.status === 'rejected') assert.equal((answer.reason as { code?: number }).code, -32800, String(answer.reason));
    }
    assert.ok((await hoverAt(uri, ds[0]!.range.start.line, ds[0]!.range.start.character)) !== null, 'the next request is served');
  });

  it('CRLF line endings: diagnostic ranges point at the text and fix edits keep CRLF', async () => {
    const uri = uriOf('crlf.yaml');
    const text = PRIVILEGED.replace(/\n/g, '\r\n');
    await client.open(uri, text);
    const ds = await client.diagnosticsAt(uri, 1);
    const d = ds.find((x) => x.code === 'privileged-container');
    assert.ok(d, JSON.stringify(codes(ds)));
    const line = text.split('\n')[d.range.start.line]!;
    assert.equal(line.slice(d.range.start.character, d.range.end.character), 'privileged: true');
    const fix = (await client.codeActions(uri, d.range, [d])).find((a: CodeAction) => a.kind === 'quickfix' && a.isPreferred);
    assert.ok(fix?.edit?.documentChanges, 'a preferred quick fix');
    const fixed = applyTextEdits(text, (fix.edit.documentChanges[0] as TextDocumentEdit).edits as TextEdit[]);
    assert.ok(!/[^\r]\n/.test(fixed), `every line still ends in CRLF: ${JSON.stringify(fixed)}`);
    await client.change(uri, 2, [{ text: fixed }]);
    const after = codes(await client.diagnosticsAt(uri, 2));
    assert.ok(!after.includes('privileged-container') && !after.includes('yaml-syntax'), after.join(', '));
  });

  it('is still alive at the end, and nothing reached the last-resort handlers', async () => {
    const uri = uriOf('alive.yaml');
    await client.open(uri, PRIVILEGED);
    assert.ok(codes(await client.diagnosticsAt(uri, 1)).includes('privileged-container'));
    const logs = JSON.stringify(client.notifications.filter((n) => n.method === 'window/logMessage'));
    assert.doesNotMatch(logs, /unhandled promise rejection|uncaught exception|could not analyse|failed:/);
    assert.doesNotMatch(client.stderr, /Error|exception/i);
  });
});
