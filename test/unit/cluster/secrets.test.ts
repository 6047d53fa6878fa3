/**
 * No credential leaks: a kubeconfig with a recognisable token, client certificate and key goes through
 * every cluster code path, failures included, and nothing KubeGuard logs, shows in the tree (labels,
 * descriptions, tooltips), reports as a failure or copies may contain any of it. Paths: success (with
 * Can I…? and copy as YAML), 401, 403, TLS failure, unreachable, timeout, exec plugin failure, malformed
 * kubeconfig, cancelled load.
 */
import assert from 'node:assert/strict';
import { PermissionsSession, type SessionInput } from '../../../client/src/cluster/permissionsSession';
import { rulesReviewToYaml } from '../../../client/src/cluster/rulesYaml';
import { type PermissionsSnapshot } from '../../../client/src/cluster/snapshot';
import { type PermNode, rootNodes } from '../../../client/src/views/permissionsNodes';
import { PermissionsRisks } from '../../../client/src/views/permissionsRisk';
import { SECRET_TOKEN, type TempKubeconfigs, secretMaterial, tempKubeconfigs, unreachableUrl } from '../../support/clusterFixtures';
import { FakeApiServer, loadScenario } from '../../support/fakeApiServer';

function nodeText(nodes: readonly PermNode[]): string[] {
  return nodes.flatMap((n) => [n.label, n.description ?? '', n.tooltip ?? '', JSON.stringify(n.failure ?? null), ...nodeText(n.children ?? [])]);
}

describe('cluster/secrets: no token, certificate or key in any log, message or label', () => {
  const secrets = secretMaterial();
  const seen: { path: string; text: string }[] = [];
  let accepting: FakeApiServer;
  let rejecting: FakeApiServer;
  let slow: FakeApiServer;
  let k: TempKubeconfigs;
  let kubeconfig: string;

  before(async () => {
    accepting = await FakeApiServer.start('developer');
    rejecting = await FakeApiServer.start('incomplete');
    slow = await FakeApiServer.start('slow');
    k = tempKubeconfigs();
    kubeconfig = k.write('secrets', { server: accepting.url, unreachable: await unreachableUrl() });
  });
  after(async () => {
    await Promise.all([accepting.stop(), rejecting.stop(), slow.stop()]);
    k.dispose();
  });

  /** Runs a session, records everything it produced under `path`, returns the snapshot. */
  async function exercise(path: string, input: Partial<SessionInput>, extra?: (s: PermissionsSession, snap: PermissionsSnapshot) => Promise<string[]>): Promise<PermissionsSnapshot> {
    const logs: string[] = [];
    const s = new PermissionsSession({ trusted: true, kubeconfigSetting: kubeconfig, extraNamespaces: [], timeoutMs: 1500, ...input }, (level, m) => logs.push(`${level} ${m}`));
    const snap = await s.run();
    // A server error quoting the token: the view must clean it like any other message.
    const risks = new PermissionsRisks({ sendRequest: () => Promise.reject(new Error(`classification failed for ${SECRET_TOKEN}?`)) }, () => undefined, (m) => logs.push(m));
    risks.reset((text) => s.redactor.redact(text));
    risks.update(snap);
    await risks.settled();
    const texts = [...logs, JSON.stringify({ ...snap, reviews: [...snap.reviews] }), ...nodeText(rootNodes(snap, risks, { onlyRisky: false })), ...(extra ? await extra(s, snap) : [])];
    seen.push({ path, text: texts.join('\n') });
    return snap;
  }

  it('success: identity, namespaces, reviews, Can I…? and copy as YAML', async () => {
    const snap = await exercise('success', {}, async (s, sn) => {
      const answer = await s.canI({ verb: 'get', group: '', resource: 'secrets', namespace: 'dev' });
      const dev = sn.reviews.get('dev');
      return [JSON.stringify(answer), dev?.status === 'loaded' ? rulesReviewToYaml(dev.review, 'secret') : ''];
    });
    assert.equal(snap.phase, 'ready');
    assert.ok(accepting.requests.some((r) => r.authorization === `Bearer ${SECRET_TOKEN}`), 'the secret token was really used');
  });

  it('401: the server does not know the token', async () => {
    const snap = await exercise('401', { kubeconfigSetting: k.write('secrets', { server: rejecting.url }, 'secrets-401.yaml') });
    assert.equal(snap.failure?.kind, 'unauthorized');
  });

  it('403: namespaces cannot be listed, with a Forbidden message that quotes the token', async () => {
    // A proxy or webhook authorizer may echo what it got; the message is shown, so it must be cleaned.
    const base = loadScenario('namespaces-forbidden');
    const message = `namespaces is forbidden: User "${SECRET_TOKEN}" cannot list resource "namespaces" in API group "" at the cluster scope`;
    const forbidding = await FakeApiServer.start({
      ...base,
      credentials: { tokens: [SECRET_TOKEN] },
      namespaces: { status: 403, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'Forbidden', code: 403 } },
    });
    try {
      const snap = await exercise('403', { kubeconfigSetting: k.write('secrets', { server: forbidding.url }, 'secrets-403.yaml'), extraNamespaces: ['team-a'] }, async (s) => [
        JSON.stringify(await s.canI({ verb: 'list', group: '', resource: 'namespaces' })),
      ]);
      assert.equal(snap.namespaces?.status, 'fallback');
      assert.equal(snap.namespaces?.listFailure?.kind, 'forbidden');
      assert.match(snap.namespaces?.listFailure?.message ?? '', /User "\[redacted\]" cannot list/, 'the message is still shown, redacted');
      assert.ok(forbidding.requests.some((r) => r.status === 403 && r.authorization === `Bearer ${SECRET_TOKEN}`), 'the 403 answered the secret token');
    } finally {
      await forbidding.stop();
    }
  });

  it('TLS failure', async () => {
    assert.equal((await exercise('tls', { contextOverride: 'secret-wrong-ca' })).failure?.kind, 'tls');
  });

  it('unreachable server', async () => {
    assert.equal((await exercise('unreachable', { contextOverride: 'secret-unreachable' })).failure?.kind, 'unreachable');
  });

  it('timeout', async () => {
    const snap = await exercise('timeout', { kubeconfigSetting: k.write('secrets', { server: slow.url }, 'secrets-slow.yaml'), timeoutMs: 300 });
    assert.equal(snap.failure?.kind, 'timeout');
  });

  it('exec plugin failing with the token in its error output', async () => {
    const snap = await exercise('exec', { contextOverride: 'secret-exec-fails' });
    assert.equal(snap.failure?.kind, 'execPlugin');
    assert.match(snap.failure?.message ?? '', /rejected Bearer \[redacted\]/, 'the plugin\'s message is still shown, redacted');
  });

  it('kubeconfig that does not parse, with the token next to the error', async () => {
    assert.equal((await exercise('malformed', { kubeconfigSetting: k.write('malformed') })).failure?.kind, 'kubeconfigInvalid');
  });

  it('cancelled load', async () => {
    const logs: string[] = [];
    const s = new PermissionsSession({ trusted: true, kubeconfigSetting: kubeconfig, extraNamespaces: [], timeoutMs: 1500 }, (_level, m) => logs.push(m));
    const run = s.run();
    s.cancel();
    const snap = await run;
    seen.push({ path: 'cancelled', text: [...logs, JSON.stringify({ ...snap, reviews: [...snap.reviews] })].join('\n') });
  });

  it('none of the paths above leaked a secret', () => {
    assert.equal(seen.length, 9, 'every path ran');
    for (const { path, text } of seen) {
      assert.ok(text.length > 0);
      for (const secret of secrets) assert.ok(!text.includes(secret), `${path} leaked ${secret.slice(0, 12)}…:\n${text}`);
    }
  });
});
