/**
 * Every failure the Permissions view must survive, end to end through a session against the fake API
 * server: classified, with a clear message and a next step, never a throw or a hang.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PermissionsSession, type SessionInput } from '../../../client/src/cluster/permissionsSession';
import { type TempKubeconfigs, tempKubeconfigs, unreachableUrl } from '../../support/clusterFixtures';
import { FakeApiServer } from '../../support/fakeApiServer';

describe('cluster/failures: each failure becomes a classified state', () => {
  let developer: FakeApiServer;
  let slow: FakeApiServer;
  let k: TempKubeconfigs;
  let emptyHome: string;
  before(async () => {
    developer = await FakeApiServer.start('developer');
    slow = await FakeApiServer.start('slow');
    k = tempKubeconfigs();
    emptyHome = mkdtempSync(path.join(tmpdir(), 'kubeguard-home-'));
  });
  after(async () => {
    await developer.stop();
    await slow.stop();
    k.dispose();
    rmSync(emptyHome, { recursive: true, force: true });
  });

  async function load(input: Partial<SessionInput>) {
    return new PermissionsSession({ trusted: true, extraNamespaces: [], timeoutMs: 2000, env: {}, home: emptyHome, ...input }, () => undefined).run();
  }
  async function loadFixture(name: string, server = developer) {
    return load({ kubeconfigSetting: k.write(name, { server: server.url, unreachable: await unreachableUrl() }) });
  }

  it('no kubeconfig: no KUBECONFIG, no ~/.kube/config', async () => {
    const snap = await load({});
    assert.equal(snap.phase, 'noKubeconfig');
    assert.equal(snap.failure?.kind, 'noKubeconfig');
    assert.equal(snap.failure?.action, 'openSettings');
  });

  it('the kubeconfig named by the setting does not exist', async () => {
    const snap = await load({ kubeconfigSetting: '/nonexistent/kubeguard/config' });
    assert.equal(snap.phase, 'failed');
    assert.equal(snap.failure?.kind, 'kubeconfigMissing');
    assert.match(snap.failure?.message ?? '', /kubeguard\.kubeconfig setting names \/nonexistent\/kubeguard\/config, which does not exist/);
  });

  const cases: [fixture: string, kind: string, message: RegExp, action: string | undefined, server?: () => FakeApiServer][] = [
    ['malformed', 'kubeconfigInvalid', /is not a valid kubeconfig: bad indentation of a mapping entry at line 9, column 6\./, 'openKubeconfig'],
    ['missing-context', 'contextMissing', /^The current context "gone" is not defined in the kubeconfig\.$/, 'switchContext'],
    ['unreachable', 'unreachable', /^Cannot reach the cluster at https:\/\/127\.0\.0\.1:\d+ \(connection refused\)\.$/, 'refresh'],
    ['tls-unknown-ca', 'tls', /^Could not verify the server certificate of https:\/\/127\.0\.0\.1:\d+: the server certificate is signed by/, 'openKubeconfig'],
    ['bad-token', 'unauthorized', /^The cluster rejected the credentials of kubeconfig user "revoked"\.$/, 'refresh'],
    ['exec-fails', 'execPlugin', /^The credential plugin "sh" failed: error: refreshing credentials failed: the identity provider rejected Bearer \[redacted\]/, 'refresh'],
    ['exec-missing', 'execPlugin', /^The credential plugin "kubeguard-test-no-such-credential-plugin" could not be started \(ENOENT\)\.$/, 'refresh'],
    ['missing-cert-file', 'credentialFile', /^The kubeconfig refers to \/nonexistent\/kubeguard-test\/client\.(crt|key), which cannot be read \(ENOENT\)\.$/, 'openKubeconfig'],
    ['token', 'timeout', /^The cluster at https:\/\/127\.0\.0\.1:\d+ did not answer within 2 s/, 'refresh', () => slow],
  ];
  for (const [fixture, kind, message, action, server] of cases) {
    it(`${kind}: ${fixture}`, async () => {
      const snap = await loadFixture(fixture, server?.());
      assert.equal(snap.phase, 'failed');
      assert.equal(snap.failure?.kind, kind, JSON.stringify(snap.failure));
      assert.match(snap.failure?.message ?? '', message);
      assert.ok((snap.failure?.nextStep.length ?? 0) > 20, 'a next step is given');
      assert.equal(snap.failure?.action, action);
    });
  }

  it('403 for an anonymous identity: namespaces fall back, each namespace shows "forbidden"', async () => {
    const snap = await loadFixture('anonymous');
    assert.equal(snap.phase, 'ready');
    assert.equal(snap.namespaces?.status, 'fallback');
    assert.equal(snap.identity?.status, 'failed');
    const dev = snap.reviews.get('dev');
    assert.ok(dev?.status === 'failed');
    assert.equal(dev.failure.kind, 'forbidden');
    assert.equal(dev.failure.title, 'Not allowed to review your rules in namespace "dev" (403 Forbidden)');
    assert.match(dev.failure.message, /User "system:anonymous" cannot get path/);
  });

  it('the insecure-skip-tls-verify kubeconfig works and is marked insecure', async () => {
    const snap = await loadFixture('insecure');
    assert.equal(snap.phase, 'ready');
    assert.equal(snap.target?.insecureSkipTlsVerify, true);
  });
});
