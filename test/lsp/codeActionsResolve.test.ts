/**
 * Lazy code actions over stdio: a client that resolves edits (`resolveSupport: { properties: ['edit'] }`,
 * as VS Code declares it) gets actions without edits plus `data`, and `codeAction/resolve` answers with
 * exactly the edit a client without resolve support gets in the list, from a second server on the same
 * text. Stale resolves (the document changed since the list) never get an edit for other text.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, Range, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { applyTextEdits, TestLspClient } from '../support/lspClient';

const RESOLVES = { resolveSupport: { properties: ['edit'] }, dataSupport: true };
const RESTRICTED = { kubeguard: { podSecurity: { level: 'restricted', version: 'latest' } } };

const WEB = [
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

/** Two workloads, the second with a stale suppression: fix-all spans documents, memo entries move. */
const TWO = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: a',
  '  namespace: shop',
  'spec:',
  '  hostPID: true',
  '  containers:',
  '  - name: a',
  '    image: example/a',
  '---',
  WEB.replace('  namespace: shop\n', '  namespace: shop\n  annotations:\n    kubeguard.io/ignore: "host-ports -- old chart"\n'),
].join('\n');

const at = (line: number, character = 0): Range => ({ start: { line, character }, end: { line, character } });

function textEdits(action: CodeAction): TextEdit[] {
  return (action.edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[];
}

/** The same text in a server whose client resolves edits (lazy) and in one whose client does not (eager). */
class Pair {
  private constructor(
    readonly lazy: TestLspClient,
    readonly eager: TestLspClient,
    readonly uri: string,
  ) {}

  static async open(text: string, settings: Record<string, unknown> = RESTRICTED, workspaceEdit: Record<string, unknown> = {}, folder?: string): Promise<Pair> {
    const [lazy, eager] = await Promise.all([TestLspClient.start(folder, settings, workspaceEdit, RESOLVES), TestLspClient.start(folder, settings, workspaceEdit)]);
    const uri = folder ? pathToFileURL(path.join(folder, 'web.yaml')).href : 'file:///work/ws/shop/web.yaml';
    const pair = new Pair(lazy, eager, uri);
    await Promise.all([lazy.open(uri, text), eager.open(uri, text)]);
    await Promise.all([lazy.diagnosticsAt(uri, 1), eager.diagnosticsAt(uri, 1)]);
    return pair;
  }

  async stop(): Promise<void> {
    await Promise.all([this.lazy.stop(), this.eager.stop()]);
  }

  async diagnostic(code: string, version: number): Promise<{ lazy: Diagnostic; eager: Diagnostic }> {
    const pick = async (c: TestLspClient): Promise<Diagnostic> => {
      const d = (await c.diagnosticsAt(this.uri, version)).find((x) => x.code === code);
      assert.ok(d, `no ${code} diagnostic at version ${version}`);
      return d;
    };
    return { lazy: await pick(this.lazy), eager: await pick(this.eager) };
  }

  /**
   * Lists at `range` in both servers and checks that the lazy list is the eager one without edits, each
   * lazy action resolving to the eager action's edit. Returns the resolved titles.
   */
  async assertResolvesLikeEager(range: Range, diagnostics: { lazy: Diagnostic[]; eager: Diagnostic[] }, only?: string[]): Promise<string[]> {
    const [lazyList, eagerList] = await Promise.all([this.lazy.codeActions(this.uri, range, diagnostics.lazy, only), this.eager.codeActions(this.uri, range, diagnostics.eager, only)]);
    const shape = (a: CodeAction): unknown => [a.title, a.kind, a.isPreferred ?? false, (a.diagnostics ?? []).map((d) => d.code), a.command?.command, a.disabled?.reason];
    assert.deepEqual(lazyList.map(shape), eagerList.map(shape), 'the same actions, in the same order');
    const resolved: string[] = [];
    for (const [i, lazy] of lazyList.entries()) {
      const eager = eagerList[i]!;
      assert.equal(lazy.edit, undefined, `"${lazy.title}" is listed without its edit`);
      assert.equal(eager.data, undefined, `"${eager.title}" carries no data for a client without resolve`);
      if (!eager.edit) {
        assert.equal(lazy.data, undefined, `"${lazy.title}" has nothing to resolve`);
        continue;
      }
      assert.ok(lazy.data, `"${lazy.title}" has data to resolve its edit from`);
      assert.ok(JSON.stringify(lazy.data).length < 300, `"${lazy.title}" data is small: ${JSON.stringify(lazy.data)}`);
      const r = await this.lazy.resolveCodeAction(lazy);
      assert.deepEqual(r.edit, eager.edit, `"${lazy.title}" resolves to the eager edit`);
      assert.equal(r.title, lazy.title);
      resolved.push(lazy.title);
    }
    return resolved;
  }
}

describe('lazy code actions (codeAction/resolve) over stdio', () => {
  let pair: Pair | undefined;
  let client: TestLspClient | undefined;
  afterEach(async () => {
    await pair?.stop();
    await client?.stop();
    pair = undefined;
    client = undefined;
  });

  it('declares a resolve provider', async () => {
    client = await TestLspClient.start(undefined, RESTRICTED, {}, RESOLVES);
    assert.equal((client.initializeResult!.capabilities.codeActionProvider as { resolveProvider?: boolean }).resolveProvider, true);
  });

  it('resolves rule fixes, suppressions, hardening, fix-all and NetworkPolicy actions to the eager edits', async () => {
    pair = await Pair.open(WEB, RESTRICTED, { documentChanges: true, snippetEditSupport: true });
    const privileged = await pair.diagnostic('privileged-container', 1);
    const titles = await pair.assertResolvesLikeEager(privileged.lazy.range, { lazy: [privileged.lazy], eager: [privileged.eager] });
    for (const t of [
      'Set privileged: false',
      'Ignore privileged-container for this object',
      'Ignore privileged-container for container app',
      'Ignore privileged-container on this line',
      'Harden workload (PSS restricted)',
      'Fix all safe KubeGuard problems in this file (5)',
      'Generate NetworkPolicy for web',
      'Add default-deny NetworkPolicy for namespace shop',
    ]) {
      assert.ok(titles.includes(t), `"${t}" resolved; resolved: ${JSON.stringify(titles)}`);
    }
    assert.ok(titles.some((t) => t.startsWith('Harden workload: read-only root filesystem')));
    const host = await pair.diagnostic('host-namespaces', 1);
    assert.ok((await pair.assertResolvesLikeEager(host.lazy.range, { lazy: [host.lazy], eager: [host.eager] })).includes('Set hostNetwork: false'));
  });

  it('resolves source.fixAll.kubeguard, several workloads and an unused suppression across documents', async () => {
    pair = await Pair.open(TWO);
    const whole = { start: { line: 0, character: 0 }, end: { line: TWO.split('\n').length, character: 0 } };
    assert.deepEqual(await pair.assertResolvesLikeEager(whole, { lazy: [], eager: [] }, ['source.fixAll.kubeguard']), ['Fix all safe KubeGuard problems']);
    const unused = await pair.diagnostic('unused-suppression', 1);
    assert.ok((await pair.assertResolvesLikeEager(unused.lazy.range, { lazy: [unused.lazy], eager: [unused.eager] })).includes('Remove unused suppression'));
    // The cursor on the first workload and a diagnostic of the second: hardening names each one.
    const privileged = await pair.diagnostic('privileged-container', 1);
    const both = await pair.assertResolvesLikeEager(at(1), { lazy: [privileged.lazy], eager: [privileged.eager] });
    assert.equal(both.filter((t) => t.startsWith('Harden workload (PSS restricted)') && t.endsWith(']')).length, 2, JSON.stringify(both));
  });

  it('resolves correctly after an edit moved the documents (memoized edits are shifted)', async () => {
    pair = await Pair.open(TWO);
    const before = await pair.diagnostic('privileged-container', 1);
    // Only the lazy server computes (and memoizes) edits at version 1; the eager one computes afresh at 2.
    const warm = await pair.lazy.codeActions(pair.uri, before.lazy.range, [before.lazy]);
    for (const a of warm) if (a.data) assert.ok((await pair.lazy.resolveCodeAction(a)).edit, a.title);
    const moved = `# a comment\n# two\n${TWO}`;
    await Promise.all([pair.lazy.change(pair.uri, 2, [{ text: moved }]), pair.eager.change(pair.uri, 2, [{ text: moved }])]);
    const after = await pair.diagnostic('privileged-container', 2);
    assert.equal(after.lazy.range.start.line, before.lazy.range.start.line + 2);
    const titles = await pair.assertResolvesLikeEager(after.lazy.range, { lazy: [after.lazy], eager: [after.eager] });
    assert.ok(titles.includes('Set privileged: false') && titles.some((t) => t.startsWith('Fix all safe KubeGuard problems in this file')), JSON.stringify(titles));
  });

  it('writes a NetworkPolicy into a new file when resolved, as the eager path does', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'kubeguard-ws-'));
    pair = await Pair.open(WEB, { kubeguard: { ...RESTRICTED.kubeguard, networkPolicy: { placement: 'newFile' } } }, { documentChanges: true, resourceOperations: ['create'] }, folder);
    const titles = await pair.assertResolvesLikeEager(at(1), { lazy: [], eager: [] }, ['refactor']);
    assert.deepEqual(
      titles.filter((t) => !t.startsWith('Harden')),
      ['Generate NetworkPolicy for web', 'Add default-deny NetworkPolicy for namespace shop'],
    );
    const gen = (await pair.lazy.codeActions(pair.uri, at(1), [], ['refactor'])).find((a) => a.title === 'Generate NetworkPolicy for web');
    const resolved = await pair.lazy.resolveCodeAction(gen!);
    assert.deepEqual(resolved.edit!.documentChanges![0], { kind: 'create', uri: pathToFileURL(path.join(folder, 'web-netpol.yaml')).href, options: { overwrite: false, ignoreIfExists: false } });
  });

  it('keeps a disabled NetworkPolicy action disabled, with nothing to resolve', async () => {
    pair = await Pair.open(WEB.replace('    metadata:\n      labels:\n        app: web\n', ''));
    await pair.assertResolvesLikeEager(at(1), { lazy: [], eager: [] }, ['refactor']);
    const gen = (await pair.lazy.codeActions(pair.uri, at(1), [], ['refactor'])).find((a) => a.title === 'Generate NetworkPolicy for web');
    assert.match(gen?.disabled?.reason ?? '', /no pod labels/);
    assert.equal(gen?.data, undefined);
  });

  describe('stale resolves', () => {
    async function listed(c: TestLspClient, uri: string): Promise<CodeAction[]> {
      const d = (await c.diagnosticsAt(uri, 1)).find((x) => x.code === 'privileged-container')!;
      return c.codeActions(uri, d.range, [d]);
    }
    const byTitle = (actions: CodeAction[], prefix: string): CodeAction => {
      const a = actions.find((x) => x.title.startsWith(prefix));
      assert.ok(a, `no "${prefix}" in ${JSON.stringify(actions.map((x) => x.title))}`);
      return a;
    };
    const uri = 'file:///work/ws/shop/web.yaml';

    it('gives a positional action listed for an older version no edit', async () => {
      client = await TestLspClient.start(undefined, RESTRICTED, {}, RESOLVES);
      await client.open(uri, WEB);
      const actions = await listed(client, uri);
      // The text moves by one line: the listed span now points elsewhere.
      await client.change(uri, 2, [{ range: at(0), text: '# moved\n' }]);
      await client.diagnosticsAt(uri, 2);
      for (const prefix of ['Set privileged: false', 'Ignore privileged-container for this object', 'Harden workload (PSS restricted)', 'Generate NetworkPolicy for web']) {
        const r = await client.resolveCodeAction(byTitle(actions, prefix));
        assert.equal(r.edit, undefined, `${prefix}: no edit for a stale action`);
        assert.equal(r.title, byTitle(actions, prefix).title);
      }
    });

    it('recomputes fix-all on the current version when its count is unchanged, pinned to that version', async () => {
      client = await TestLspClient.start(undefined, RESTRICTED, {}, RESOLVES);
      await client.open(uri, WEB);
      const fixAll = byTitle(await listed(client, uri), 'Fix all safe KubeGuard problems in this file (5)');
      const v2 = `# moved\n${WEB}`;
      await client.change(uri, 2, [{ text: v2 }]);
      await client.diagnosticsAt(uri, 2);
      const r = await client.resolveCodeAction(fixAll);
      const change = r.edit!.documentChanges![0] as TextDocumentEdit;
      assert.deepEqual(change.textDocument, { uri, version: 2 });
      const fixed = applyTextEdits(v2, textEdits(r));
      assert.ok(fixed.startsWith('# moved\n') && fixed.includes('privileged: false') && fixed.includes('hostNetwork: false'), fixed);
    });

    it('gives fix-all no edit when the count in its title is no longer true', async () => {
      client = await TestLspClient.start(undefined, RESTRICTED, {}, RESOLVES);
      await client.open(uri, WEB);
      const fixAll = byTitle(await listed(client, uri), 'Fix all safe KubeGuard problems in this file (5)');
      await client.change(uri, 2, [{ text: WEB.replace('privileged: true', 'privileged: false') }]);
      await client.diagnosticsAt(uri, 2);
      assert.equal((await client.resolveCodeAction(fixAll)).edit, undefined);
    });

    it('gives no edit at the same version when the action no longer exists (settings changed to strict)', async () => {
      client = await TestLspClient.start(undefined, RESTRICTED, {}, RESOLVES);
      await client.open(uri, WEB);
      const actions = await listed(client, uri);
      const ignore = byTitle(actions, 'Ignore privileged-container for this object');
      client.settings = { kubeguard: { ...RESTRICTED.kubeguard, strict: true } };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: client.settings });
      // Strict mode re-publishes version 1; in-manifest suppressions are then not offered.
      await client.waitForDiagnostics(uri, () => true);
      const stillThere = await client.codeActions(uri, ignore.diagnostics![0]!.range, ignore.diagnostics!);
      assert.ok(!stillThere.some((a) => a.title.startsWith('Ignore ')), 'strict mode offers no suppression');
      assert.equal((await client.resolveCodeAction(ignore)).edit, undefined);
      assert.ok((await client.resolveCodeAction(byTitle(actions, 'Set privileged: false'))).edit, 'the fix, still offered, resolves');
    });

    it('gives no edit for a closed document or data that is not ours, and keeps serving', async () => {
      client = await TestLspClient.start(undefined, RESTRICTED, {}, RESOLVES);
      await client.open(uri, WEB);
      const fix = byTitle(await listed(client, uri), 'Set privileged: false');
      const forged = { ...fix, data: { kubeguard: 1, uri, version: 1, target: { provider: 'harden', object: 'web' } } };
      assert.equal((await client.resolveCodeAction(forged)).edit, undefined);
      assert.ok((await client.resolveCodeAction(fix)).edit, 'the real action still resolves');
      await client.close(uri);
      assert.equal((await client.resolveCodeAction(fix)).edit, undefined);
    });
  });

  it('lists every edit for a client without resolve support', async () => {
    client = await TestLspClient.start(undefined, RESTRICTED);
    const uri = 'file:///work/ws/shop/web.yaml';
    await client.open(uri, WEB);
    const d = (await client.diagnosticsAt(uri, 1)).find((x) => x.code === 'privileged-container')!;
    const actions = await client.codeActions(uri, d.range, [d]);
    assert.ok(actions.length >= 10);
    for (const a of actions) {
      assert.equal(a.data, undefined, a.title);
      assert.ok(a.edit ?? a.command, `"${a.title}" has its edit (or is a command)`);
    }
    assert.equal(applyTextEdits(WEB, textEdits(actions.find((a) => a.title === 'Set privileged: false')!)), WEB.replace('privileged: true', 'privileged: false'));
  });
});
