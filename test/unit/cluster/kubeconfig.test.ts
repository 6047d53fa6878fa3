/** Which kubeconfig files apply, how several merge (kubectl's rules), context selection, and the one edit. */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { currentContextFile, setCurrentContext, withCurrentContext } from '../../../client/src/cluster/kubeconfigEdit';
import { loadKubeconfig, selectContext } from '../../../client/src/cluster/kubeconfig';
import { resolveKubeconfigFiles } from '../../../client/src/cluster/kubeconfigFiles';
import { Redactor } from '../../../client/src/cluster/redact';
import { type TempKubeconfigs, tempKubeconfigs } from '../../support/clusterFixtures';

describe('cluster/kubeconfig', () => {
  let k: TempKubeconfigs;
  beforeEach(() => (k = tempKubeconfigs()));
  afterEach(() => k.dispose());

  describe('which files', () => {
    const exists = (set: string[]) => (f: string) => set.includes(f);

    it('uses the setting in a trusted workspace, before KUBECONFIG', () => {
      const files = resolveKubeconfigFiles({ setting: '/a/config', trusted: true, env: { KUBECONFIG: '/b/config' }, home: '/home/u', exists: exists(['/a/config']) });
      assert.deepEqual({ source: files.source, candidates: files.candidates, existing: files.existing, ignored: files.settingIgnored }, { source: 'setting', candidates: ['/a/config'], existing: ['/a/config'], ignored: false });
    });

    it('ignores the setting in an untrusted workspace and says so', () => {
      const files = resolveKubeconfigFiles({ setting: '/evil/config', trusted: false, env: { KUBECONFIG: '/b/config' }, home: '/home/u', exists: exists(['/b/config']) });
      assert.equal(files.source, 'KUBECONFIG');
      assert.deepEqual(files.candidates, ['/b/config']);
      assert.equal(files.settingIgnored, true);
    });

    it('splits KUBECONFIG on the path delimiter, drops empty entries and duplicates, keeps missing files out of `existing`', () => {
      const env = { KUBECONFIG: ['/a', '', '/b', '/a', '/missing'].join(path.delimiter) };
      const files = resolveKubeconfigFiles({ trusted: true, env, home: '/home/u', exists: exists(['/a', '/b']) });
      assert.deepEqual(files.candidates, ['/a', '/b', '/missing']);
      assert.deepEqual(files.existing, ['/a', '/b']);
    });

    it('falls back to ~/.kube/config and expands ~ in the setting', () => {
      assert.deepEqual(resolveKubeconfigFiles({ trusted: true, env: {}, home: '/home/u', exists: () => false }).candidates, ['/home/u/.kube/config']);
      assert.deepEqual(resolveKubeconfigFiles({ setting: '~/k/c', trusted: true, env: {}, home: '/home/u', exists: () => true }).candidates, ['/home/u/k/c']);
    });
  });

  describe('loading and merging', () => {
    it('merges KUBECONFIG files: the first to define a name or current-context wins', async () => {
      const a = k.write('merge-a', { server: 'https://127.0.0.1:7001', unreachable: 'https://127.0.0.1:1' });
      const b = k.write('merge-b', { server: 'https://127.0.0.1:7001', unreachable: 'https://127.0.0.1:1' });
      const files = resolveKubeconfigFiles({ trusted: true, env: { KUBECONFIG: [a, b].join(path.delimiter) }, home: k.dir });
      const loaded = await loadKubeconfig(files, new Redactor());
      assert.ok(loaded.ok);
      assert.equal(loaded.value.currentContext, 'merged');
      assert.deepEqual([...loaded.value.contexts].sort(), ['loser', 'merged']);
      const target = selectContext(loaded.value, undefined);
      assert.ok(target.ok);
      assert.equal(target.value.server, 'https://127.0.0.1:7001', 'merge-a\'s cluster "fake" wins over merge-b\'s');
      assert.equal(target.value.namespace, 'staging');
      assert.equal(target.value.userName, 'jane');
      assert.equal(target.value.authMode, 'token');
      assert.deepEqual(target.value.files, [a, b]);
    });

    it('selects KubeGuard\'s own context choice without touching the file, and falls back when it vanished', async () => {
      const file = k.write('token', { server: 'https://127.0.0.1:7001' });
      const before = readFileSync(file, 'utf8');
      const loaded = await loadKubeconfig(resolveKubeconfigFiles({ setting: file, trusted: true }), new Redactor());
      assert.ok(loaded.ok);
      const staging = selectContext(loaded.value, 'staging');
      assert.ok(staging.ok);
      assert.equal(staging.value.namespace, 'staging');
      const gone = selectContext(loaded.value, 'deleted-meanwhile');
      assert.ok(gone.ok);
      assert.equal(gone.value.context, 'dev');
      assert.equal(readFileSync(file, 'utf8'), before);
    });

    it('reports a context whose cluster is missing', async () => {
      const loaded = await loadKubeconfig(resolveKubeconfigFiles({ setting: k.write('token', { server: 'https://127.0.0.1:7001' }), trusted: true }), new Redactor());
      assert.ok(loaded.ok);
      const broken = selectContext(loaded.value, 'broken');
      assert.ok(!broken.ok);
      assert.equal(broken.failure.kind, 'contextMissing');
      assert.match(broken.failure.message, /cluster "no-such-cluster"/);
    });

    it('describes each auth mode without its credential', async () => {
      for (const [name, mode, exec] of [
        ['client-cert', 'client certificate', undefined],
        ['exec', 'exec', 'sh'],
        ['insecure', 'token', undefined],
      ] as const) {
        const loaded = await loadKubeconfig(resolveKubeconfigFiles({ setting: k.write(name, { server: 'https://127.0.0.1:7001' }), trusted: true }), new Redactor());
        assert.ok(loaded.ok);
        const t = selectContext(loaded.value, undefined);
        assert.ok(t.ok);
        assert.equal(t.value.authMode, mode, name);
        assert.equal(t.value.execCommand, exec, name);
        assert.equal(t.value.insecureSkipTlsVerify, name === 'insecure', name);
      }
    });

    it('reports invalid YAML with its position and without quoting the file', async () => {
      const file = k.write('malformed');
      const loaded = await loadKubeconfig(resolveKubeconfigFiles({ setting: file, trusted: true }), new Redactor());
      assert.ok(!loaded.ok);
      assert.equal(loaded.failure.kind, 'kubeconfigInvalid');
      assert.match(loaded.failure.message, /at line 9, column 6/);
      assert.ok(!loaded.failure.message.includes('kgtest-SECRET'), loaded.failure.message);
    });

    it('treats an empty file as an empty config, like kubectl', async () => {
      const file = path.join(k.dir, 'empty');
      writeFileSync(file, '');
      const loaded = await loadKubeconfig(resolveKubeconfigFiles({ setting: file, trusted: true }), new Redactor());
      assert.ok(loaded.ok);
      const t = selectContext(loaded.value, undefined);
      assert.ok(!t.ok);
      assert.equal(t.failure.kind, 'noCurrentContext');
    });
  });

  describe('setting current-context (only when asked)', () => {
    it('replaces the one line and keeps comments and layout', () => {
      const text = '# mine\napiVersion: v1\ncurrent-context: dev # trailing\nkind: Config\n';
      assert.equal(withCurrentContext(text, 'staging'), '# mine\napiVersion: v1\ncurrent-context: "staging"\nkind: Config\n');
      assert.equal(withCurrentContext('apiVersion: v1', 'x'), 'apiVersion: v1\ncurrent-context: "x"\n');
      assert.equal(withCurrentContext('a: 1\r\n', 'x'), 'a: 1\r\ncurrent-context: "x"\r\n');
    });

    it('writes to the first file that sets current-context, as kubectl does', () => {
      const a = k.write('merge-b', {}, 'no-current.yaml');
      writeFileSync(a, readFileSync(a, 'utf8').replace(/^current-context:.*$/m, ''));
      const b = k.write('merge-a', {});
      assert.equal(currentContextFile([a, b]), b);
      assert.equal(setCurrentContext([a, b], 'loser'), b);
      assert.match(readFileSync(b, 'utf8'), /^current-context: "loser"$/m);
      assert.doesNotMatch(readFileSync(a, 'utf8'), /^current-context:/m);
    });
  });
});
