/**
 * Cross-check of the fake API server with kubectl: for the same kubeconfig and scenario, kubectl
 * (`auth can-i --list`, `auth whoami`, `get ns`, `auth can-i VERB RESOURCE`) and KubeGuard's access
 * layer must see the same rules, identity, namespaces, verdicts and failures. This is what shows the
 * fake answers like an API server, rather than like what our client expects.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { PermissionsSession } from '../../../client/src/cluster/permissionsSession';
import { type PermissionsSnapshot } from '../../../client/src/cluster/snapshot';
import { toEntries, toUrlEntries } from '../../../client/src/views/permissionsEntries';
import { type TempKubeconfigs, tempKubeconfigs } from '../../support/clusterFixtures';
import { FakeApiServer } from '../../support/fakeApiServer';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Async on purpose: the fake server answers from this process's event loop. */
function kubectl(kubeconfig: string, home: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      'kubectl',
      ['--kubeconfig', kubeconfig, '--cache-dir', path.join(home, 'cache'), '--request-timeout', '20s', ...args],
      { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: home }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
    );
  });
}

/** `kubectl auth can-i --list` rows as `resource[.group]|names|verbs` and `url|verbs`, verbs sorted. */
function parseCanIList(stdout: string): { resources: string[]; urls: string[] } {
  const resources = new Set<string>();
  const urls = new Set<string>();
  for (const line of stdout.split('\n').slice(1)) {
    const cols = [...line.matchAll(/\[[^\]]*\]|\S+/g)].map((m) => m[0]);
    if (cols.length === 0) continue;
    const list = (c: string) => c.slice(1, -1).split(' ').filter(Boolean).sort().join(',');
    if (cols.length === 3) urls.add(`${list(cols[0]!)}|${list(cols[2]!)}`);
    else resources.add(`${cols[0]}|${list(cols[2]!)}|${list(cols[3]!)}`);
  }
  return { resources: [...resources].sort(), urls: [...urls].sort() };
}

function ours(snap: PermissionsSnapshot, ns: string): { resources: string[]; urls: string[] } {
  const state = snap.reviews.get(ns);
  assert.ok(state?.status === 'loaded', `namespace ${ns} was reviewed`);
  const resources = toEntries(state.review.resourceRules).map((e) => {
    const res = e.subresource ? `${e.resource}/${e.subresource}` : e.resource;
    return `${e.group ? `${res}.${e.group}` : res}|${[...e.resourceNames].sort().join(',')}|${[...e.verbs].sort().join(',')}`;
  });
  const urls = toUrlEntries(state.review.nonResourceRules).map((u) => `${u.url}|${[...u.verbs].sort().join(',')}`);
  return { resources: resources.sort(), urls: urls.sort() };
}

describe('fake API server cross-checked with kubectl', function () {
  this.timeout(120_000);
  let server: FakeApiServer | undefined;
  let k: TempKubeconfigs | undefined;

  before(async function () {
    const probe = await new Promise<boolean>((resolve) => execFile('kubectl', ['version', '--client'], { timeout: 30_000 }, (err) => resolve(!err)));
    if (!probe) {
      console.warn('    kubectl is not installed: the kubectl cross-check is skipped (install kubectl to run it)');
      this.skip();
    }
  });
  afterEach(async () => {
    await server?.stop();
    k?.dispose();
  });

  async function setUp(scenario: string, kubeconfig: string, extraNamespaces: string[] = []) {
    server = await FakeApiServer.start(scenario);
    k = tempKubeconfigs();
    const file = k.write(kubeconfig, { server: server.url });
    const snap = await new PermissionsSession({ trusted: true, kubeconfigSetting: file, extraNamespaces, timeoutMs: 10_000 }, () => undefined).run();
    return { file, home: k.dir, snap };
  }

  for (const [auth, kubeconfig] of [
    ['a bearer token', 'token'],
    ['a client certificate', 'client-cert'],
    ['an exec credential plugin', 'exec'],
  ] as const) {
    it(`sees what KubeGuard sees with ${auth}: rules per namespace, identity, namespaces`, async () => {
      const { file, home, snap } = await setUp('developer', kubeconfig);
      for (const ns of ['dev', 'staging']) {
        const list = await kubectl(file, home, 'auth', 'can-i', '--list', '-n', ns);
        assert.equal(list.code, 0, list.stderr);
        assert.deepEqual(parseCanIList(list.stdout), ours(snap, ns), `namespace ${ns}`);
      }
      const whoami = await kubectl(file, home, 'auth', 'whoami', '-o', 'json');
      assert.equal(whoami.code, 0, whoami.stderr);
      const info = (JSON.parse(whoami.stdout) as { status: { userInfo: { username: string; groups: string[] } } }).status.userInfo;
      assert.ok(snap.identity?.status === 'known');
      assert.equal(info.username, snap.identity.user.username);
      assert.deepEqual(info.groups, snap.identity.user.groups);
      const ns = await kubectl(file, home, 'get', 'ns', '-o', 'jsonpath={.items[*].metadata.name}');
      assert.equal(ns.code, 0, ns.stderr);
      assert.deepEqual(ns.stdout.split(' ').sort(), snap.namespaces?.all);
    });
  }

  it('gives the same Can I verdicts (SelfSubjectAccessReview)', async () => {
    const { file, home } = await setUp('developer', 'token');
    const session = new PermissionsSession({ trusted: true, kubeconfigSetting: file, extraNamespaces: [], timeoutMs: 10_000 }, () => undefined);
    await session.run();
    for (const [args, query] of [
      [['create', 'pods', '--subresource=exec', '-n', 'dev'], { verb: 'create', group: '', resource: 'pods', subresource: 'exec', namespace: 'dev' }],
      [['get', 'secrets', '-n', 'dev'], { verb: 'get', group: '', resource: 'secrets', namespace: 'dev' }],
      [['get', 'secrets', '-n', 'staging'], { verb: 'get', group: '', resource: 'secrets', namespace: 'staging' }],
      [['get', '/healthz'], { verb: 'get', nonResourcePath: '/healthz' }],
    ] as const) {
      const run = await kubectl(file, home, 'auth', 'can-i', ...args);
      const answer = await session.canI(query);
      assert.ok(answer.ok);
      assert.equal(run.stdout.trim(), answer.answer.allowed ? 'yes' : 'no', args.join(' '));
    }
  });

  it('reports the same incomplete review', async () => {
    const { file, home, snap } = await setUp('incomplete', 'deployer');
    const list = await kubectl(file, home, 'auth', 'can-i', '--list', '-n', 'ci');
    assert.equal(list.code, 0, list.stderr);
    const ci = snap.reviews.get('ci');
    assert.ok(ci?.status === 'loaded' && ci.review.incomplete);
    assert.match(list.stderr, new RegExp(`the list may be incomplete: ${ci.review.evaluationError}`));
    assert.deepEqual(parseCanIList(list.stdout), ours(snap, 'ci'));
  });

  it('fails the same way: namespaces forbidden (403), no SelfSubjectReview (404)', async () => {
    const { file, home, snap } = await setUp('namespaces-forbidden', 'bob');
    const ns = await kubectl(file, home, 'get', 'ns');
    assert.notEqual(ns.code, 0);
    assert.ok(ns.stderr.includes(`Error from server (Forbidden): ${snap.namespaces?.listFailure?.message}`), ns.stderr);
    const whoami = await kubectl(file, home, 'auth', 'whoami');
    assert.notEqual(whoami.code, 0);
    assert.match(whoami.stderr, /the selfsubjectreviews API is not enabled/);
    assert.equal(snap.identity?.status, 'unavailable');
    const list = await kubectl(file, home, 'auth', 'can-i', '--list', '-n', 'team-a');
    assert.deepEqual(parseCanIList(list.stdout), ours(snap, 'team-a'));
  });

  it('fails the same way: unknown token (401)', async () => {
    const { file, home, snap } = await setUp('developer', 'bad-token');
    const list = await kubectl(file, home, 'auth', 'can-i', '--list', '-n', 'dev');
    assert.notEqual(list.code, 0);
    assert.match(list.stderr, /You must be logged in to the server \(Unauthorized\)/);
    assert.equal(snap.failure?.kind, 'unauthorized');
  });
});
