/** Fix-all over stdio: `source.fixAll.kubeguard` as `editor.codeActionsOnSave` asks for it. */
import assert from 'node:assert/strict';
import type { CodeAction, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { applyTextEdits, TestLspClient } from '../support/lspClient';

const uri = 'file:///work/ws/apps.yaml';
const text = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: a',
  '  annotations:',
  '    kubeguard.io/ignore: "host-namespaces -- CNI daemon"',
  'spec:',
  '  hostNetwork: true',
  '  containers:',
  '  - name: a',
  '    image: example/a',
  '---',
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: b',
  'spec:',
  '  hostIPC: true # debugging',
  '  containers:',
  '  - name: b',
  '    image: example/b',
  '    securityContext:',
  '      privileged: true',
  '',
].join('\n');

const WHOLE = { start: { line: 0, character: 0 }, end: { line: 23, character: 0 } };

describe('fix-all over stdio', () => {
  let client: TestLspClient;
  beforeEach(async () => {
    client = await TestLspClient.start(undefined, { kubeguard: { podSecurity: { level: 'restricted', version: 'latest' } } });
    await client.open(uri, text);
    await client.diagnosticsAt(uri, 1);
  });
  afterEach(() => client.stop());

  const fixAll = async (only: string[]): Promise<CodeAction[]> => (await client.codeActions(uri, WHOLE, [], only)).filter((a) => a.kind?.startsWith('source'));

  it('answers source.fixAll.kubeguard and source.fixAll with one action, and nothing for quickfix-only requests', async () => {
    for (const only of [['source.fixAll.kubeguard'], ['source.fixAll'], ['source']]) {
      const actions = await fixAll(only);
      assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Fix all safe KubeGuard problems', 'source.fixAll.kubeguard']], JSON.stringify(only));
    }
    assert.deepEqual(await fixAll(['quickfix']), []);
  });

  it('applies every safe fix at once, leaves suppressed findings and unsafe fixes alone, and keeps comments', async () => {
    const [action] = await fixAll(['source.fixAll.kubeguard']);
    const out = applyTextEdits(text, (action!.edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[]);
    assert.match(out, /hostNetwork: true\n/, 'the suppressed finding is not fixed');
    assert.match(out, /hostIPC: false # debugging\n/);
    assert.match(out, /privileged: false\n {6}allowPrivilegeEscalation: false\n/);
    assert.ok(!out.includes('drop:'), 'dropping ALL capabilities is not a safe fix');
    await client.change(uri, 2, [{ text: out }]);
    const after = await client.diagnosticsAt(uri, 2);
    const remaining = new Set(after.filter((d) => d.severity !== 4).map((d) => String(d.code)));
    for (const gone of ['host-namespaces', 'privileged-container', 'allow-privilege-escalation', 'run-as-non-root', 'seccomp-profile-restricted']) assert.ok(!remaining.has(gone), `${gone} fixed`);
    assert.ok(remaining.has('capabilities-restricted'), 'the unsafe fix is left for the user');
    assert.deepEqual((await fixAll(['source.fixAll.kubeguard'])).length, 0, 'nothing left to fix-all');
  });
});
