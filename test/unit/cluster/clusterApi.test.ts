/**
 * The cluster access layer against the loopback fake API server: each auth mode, each call, the
 * SelfSubjectReview fallback, at most 8 calls in flight, per-call deadlines and cancellation.
 */
import assert from 'node:assert/strict';
import { PermissionsSession, type SessionInput } from '../../../client/src/cluster/permissionsSession';
import { type PermissionsSnapshot } from '../../../client/src/cluster/snapshot';
import { type TempKubeconfigs, tempKubeconfigs } from '../../support/clusterFixtures';
import { FakeApiServer, type Scenario, loadScenario } from '../../support/fakeApiServer';

function session(kubeconfig: string, extra: Partial<SessionInput> = {}): PermissionsSession {
  return new PermissionsSession({ trusted: true, kubeconfigSetting: kubeconfig, extraNamespaces: [], timeoutMs: 5000, ...extra }, () => undefined);
}

function reviewed(snap: PermissionsSnapshot): Record<string, string> {
  return Object.fromEntries([...snap.reviews].map(([ns, s]) => [ns, s.status === 'loaded' ? `${s.review.resourceRules.length} rules${s.review.incomplete ? ', incomplete' : ''}` : s.status]));
}

describe('cluster/access layer against the fake API server', () => {
  let server: FakeApiServer;
  let k: TempKubeconfigs;
  afterEach(async () => {
    await server?.stop();
    k?.dispose();
  });

  async function start(scenario: Scenario | string): Promise<void> {
    server = await FakeApiServer.start(scenario);
    k = tempKubeconfigs();
  }

  for (const [kubeconfig, auth] of [
    ['token', 'token'],
    ['client-cert', 'cert'],
    ['exec', 'token'],
  ] as const) {
    it(`loads identity, namespaces and every namespace's rules with ${kubeconfig} auth`, async () => {
      await start('developer');
      const snap = await session(k.write(kubeconfig, { server: server.url })).run();
      assert.equal(snap.phase, 'ready', JSON.stringify(snap.failure));
      assert.deepEqual(snap.identity, { status: 'known', user: { username: 'jane', uid: '7d3c8c5e-3c2a-4a57-9c1e-2b8f0b6b1a11', groups: ['dev-team', 'system:authenticated'], extra: {} } });
      assert.deepEqual(snap.namespaces?.all, ['default', 'dev', 'kube-system', 'staging']);
      assert.equal(snap.namespaces?.status, 'listed');
      assert.deepEqual(reviewed(snap), { default: '2 rules', dev: '8 rules', 'kube-system': '2 rules', staging: '4 rules' });
      assert.ok(server.requests.length > 0);
      for (const r of server.requests.filter((x) => x.path !== '/version')) assert.equal(r.auth, auth, `${r.method} ${r.path}`);
      if (kubeconfig === 'exec') assert.ok(server.requests.every((r) => r.authorization === 'Bearer kgtest-exec-token-0002'), 'the exec plugin\'s token is sent');
    });
  }

  it('keeps the review as the API returned it (rules, resourceNames, non-resource URLs)', async () => {
    await start('developer');
    const snap = await session(k.write('token', { server: server.url })).run();
    const dev = snap.reviews.get('dev');
    assert.ok(dev?.status === 'loaded');
    assert.deepEqual(dev.review.resourceRules[5], { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['app-config'] });
    assert.deepEqual(dev.review.nonResourceRules[1], { verbs: ['get'], nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'] });
    assert.equal(dev.review.incomplete, false);
  });

  it('shows an incomplete review and its evaluationError', async () => {
    await start('incomplete');
    const snap = await session(k.write('deployer', { server: server.url })).run();
    const ci = snap.reviews.get('ci');
    assert.ok(ci?.status === 'loaded');
    assert.equal(ci.review.incomplete, true);
    assert.equal(ci.review.evaluationError, 'webhook authorizer does not support user rule resolution');
    assert.deepEqual(snap.identity?.status === 'known' && snap.identity.user.extra, { 'authentication.kubernetes.io/pod-name': ['runner-7c9f'], 'authentication.kubernetes.io/pod-uid': ['8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c06'] });
  });

  it('falls back when SelfSubjectReview is not offered and namespaces may not be listed (403)', async () => {
    await start('namespaces-forbidden');
    const snap = await session(k.write('bob', { server: server.url }), { extraNamespaces: ['team-b', 'team-a'] }).run();
    assert.equal(snap.phase, 'ready');
    assert.equal(snap.identity?.status, 'unavailable');
    assert.equal(snap.namespaces?.status, 'fallback');
    assert.deepEqual(snap.namespaces?.all, ['team-a', 'team-b'], "the context's namespace first, then the setting's, without duplicates");
    assert.equal(snap.namespaces?.listFailure?.kind, 'forbidden');
    assert.match(snap.namespaces?.listFailure?.message ?? '', /cannot list resource "namespaces"/);
    assert.deepEqual(reviewed(snap), { 'team-a': '3 rules', 'team-b': '1 rules' });
    // Discovery said no SelfSubjectReview, so it was never posted.
    assert.ok(!server.requests.some((r) => r.path.endsWith('/selfsubjectreviews')));
  });

  it('answers Can I…? with the access review\'s verdict and reason', async () => {
    await start('developer');
    const s = session(k.write('token', { server: server.url }));
    await s.run();
    const yes = await s.canI({ verb: 'create', group: '', resource: 'pods', subresource: 'exec', namespace: 'dev' });
    assert.deepEqual(yes, { ok: true, answer: { allowed: true, denied: false, reason: 'RBAC: allowed by RoleBinding "jane-exec/dev" of Role "pod-exec" to User "jane"', evaluationError: undefined } });
    const no = await s.canI({ verb: 'get', group: '', resource: 'secrets', namespace: 'staging' });
    assert.ok(no.ok && !no.answer.allowed && no.answer.reason === undefined);
    const url = await s.canI({ verb: 'get', nonResourcePath: '/healthz' });
    assert.ok(url.ok && url.answer.allowed);
  });

  it('runs at most 8 calls at once', async () => {
    // The developer scenario with 40 namespaces (the rules of each come from its "*" entry) and answers
    // slow enough that calls overlap.
    const base = loadScenario('developer');
    const names = Array.from({ length: 25 }, (_, i) => `team-${String(i).padStart(2, '0')}`);
    const body = base.namespaces.body as { items: unknown[] };
    const scenario: Scenario = { ...base, delayMs: 40, namespaces: { status: 200, body: { ...body, items: names.map((name) => ({ metadata: { name } })) } } };
    await start(scenario);
    const s = session(k.write('token', { server: server.url }));
    const snap = await s.run();
    assert.deepEqual(Object.values(reviewed(snap)), names.map(() => '2 rules'));
    assert.equal(s.peakInFlight, 8, 'the limiter filled all 8 slots and no more');
    assert.ok(server.peakInFlight <= 8, `server saw ${server.peakInFlight} requests at once`);
    assert.ok(server.peakInFlight >= 2, 'calls did overlap');
  });

  it('reviews more than 30 namespaces only on demand (when a namespace is expanded)', async () => {
    const base = loadScenario('developer');
    const names = Array.from({ length: 31 }, (_, i) => `ns-${String(i).padStart(2, '0')}`);
    const body = base.namespaces.body as { items: unknown[] };
    await start({ ...base, namespaces: { status: 200, body: { ...body, items: names.map((name) => ({ metadata: { name } })) } } });
    const s = session(k.write('token', { server: server.url }));
    const snap = await s.run();
    assert.ok([...snap.reviews.values()].every((r) => r.status === 'pending'), 'nothing reviewed up front');
    assert.ok(!server.requests.some((r) => r.path.endsWith('/selfsubjectrulesreviews')));
    await s.review('ns-07');
    assert.equal(reviewed(s.snapshot)['ns-07'], '2 rules');
    assert.equal(reviewed(s.snapshot)['ns-08'], 'pending');
    s.setFilter(['ns-01', 'ns-02']);
    await s.idle();
    assert.deepEqual(s.snapshot.namespaces?.shown, ['ns-01', 'ns-02']);
    assert.equal(reviewed(s.snapshot)['ns-01'], '2 rules', 'a filter small enough is reviewed at once');
  });

  it('gives up on a silent server after the per-call deadline, without hanging', async () => {
    await start('slow');
    const started = Date.now();
    const snap = await session(k.write('token', { server: server.url }), { timeoutMs: 300 }).run();
    assert.equal(snap.phase, 'failed');
    assert.equal(snap.failure?.kind, 'timeout');
    assert.match(snap.failure?.message ?? '', /did not answer within 0\.3 s/);
    assert.ok(Date.now() - started < 5000, 'the deadline, not the server, ended the load');
  });

  it('can be cancelled: pending reviews end as cancelled and nothing is left running', async () => {
    const base = loadScenario('developer');
    await start({ ...base, delayMs: 200 });
    const s = session(k.write('token', { server: server.url }));
    const seen = new Promise<void>((resolve) => s.onDidChange((snap) => snap.phase === 'ready' && resolve()));
    const run = s.run();
    await seen;
    s.cancel();
    const snap = await run;
    const states = [...snap.reviews.values()];
    assert.ok(states.length === 4 && states.every((r) => r.status === 'failed' && r.failure.kind === 'cancelled'), JSON.stringify(reviewed(snap)));
    await s.idle();
  });

  it('makes no call and reads no kubeconfig in an untrusted workspace', async () => {
    await start('developer');
    const snap = await session(k.write('exec', { server: server.url }), { trusted: false }).run();
    assert.equal(snap.phase, 'untrusted');
    assert.equal(snap.failure?.action, 'manageTrust');
    assert.equal(snap.target, undefined);
    assert.deepEqual(server.requests, []);
  });
});
