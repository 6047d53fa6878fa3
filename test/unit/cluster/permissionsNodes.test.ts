/**
 * The Permissions tree's shape (pure node model) for hand-written scenarios: grouping by API group and
 * resource, subresources and resourceNames, badges placed from the server's flags, incomplete reviews,
 * only-risky filtering, fallbacks and failures. Risk flags come from a stub standing in for the server.
 */
import assert from 'node:assert/strict';
import type { RbacRule, RiskFlag } from '../../../server/src/protocol';
import { PermissionsSession } from '../../../client/src/cluster/permissionsSession';
import { type PermissionsSnapshot } from '../../../client/src/cluster/snapshot';
import { type PermNode, rootNodes } from '../../../client/src/views/permissionsNodes';
import { PermissionsRisks, type RequestSender } from '../../../client/src/views/permissionsRisk';
import { type TempKubeconfigs, tempKubeconfigs } from '../../support/clusterFixtures';
import { FakeApiServer } from '../../support/fakeApiServer';
import { treeText, type PrintableNode } from '../../support/permissionsTreeText';

/** Stands in for the language server's classifier: three hand-picked risks. */
function stubClassify(rule: RbacRule): RiskFlag[] {
  const flags: RiskFlag[] = [];
  const res = rule.resources ?? [];
  if (res.includes('secrets') && rule.verbs.some((v) => ['get', 'list', '*'].includes(v))) flags.push({ id: 'secrets-read', severity: 'high', title: 'Secrets read', reason: 'Reads every credential in the namespace.' });
  if (res.includes('pods/exec')) flags.push({ id: 'pods-exec', severity: 'high', title: 'Exec into pods', reason: 'Runs commands in containers.' });
  if (rule.verbs.includes('*')) flags.push({ id: 'wildcard-verbs', severity: 'medium', title: 'All verbs', reason: 'Includes every future verb.' });
  return flags;
}

const stubServer: RequestSender & { calls: { rules: readonly RbacRule[]; namespace?: string }[] } = {
  calls: [],
  sendRequest<R>(_method: string, params: unknown): Promise<R> {
    const p = params as { rules: RbacRule[]; namespace?: string };
    this.calls.push(p);
    return Promise.resolve({ risks: p.rules.map(stubClassify) } as R);
  },
};

function printable(nodes: readonly PermNode[]): PrintableNode[] {
  return nodes.map((n) => ({ label: n.label, description: n.description, badge: n.badge, children: printable(n.children ?? []) }));
}

function find(nodes: readonly PermNode[], label: string): PermNode {
  for (const n of nodes) {
    if (n.label === label) return n;
    const hit = n.children ? findOrUndefined(n.children, label) : undefined;
    if (hit) return hit;
  }
  throw new Error(`no node "${label}" in\n${treeText(printable(nodes))}`);
}
function findOrUndefined(nodes: readonly PermNode[], label: string): PermNode | undefined {
  try {
    return find(nodes, label);
  } catch {
    return undefined;
  }
}

describe('views/permissions tree model', () => {
  let server: FakeApiServer;
  let k: TempKubeconfigs;
  afterEach(async () => {
    await server?.stop();
    k?.dispose();
  });

  async function loaded(scenario: string, kubeconfig: string, extra: string[] = []): Promise<{ snap: PermissionsSnapshot; risks: PermissionsRisks }> {
    server = await FakeApiServer.start(scenario);
    k = tempKubeconfigs();
    const s = new PermissionsSession({ trusted: true, kubeconfigSetting: k.write(kubeconfig, { server: server.url }), extraNamespaces: extra, timeoutMs: 5000 }, () => undefined);
    const snap = await s.run();
    const risks = new PermissionsRisks(stubServer, () => undefined, () => undefined);
    risks.update(snap);
    await risks.settled();
    return { snap, risks };
  }

  it('shows the developer scenario grouped by API group and resource, with badges from the server', async () => {
    const { snap, risks } = await loaded('developer', 'token');
    const url = server.url;
    const nodes = rootNodes(snap, risks, { onlyRisky: false });
    const text = treeText(printable(nodes), 0, 2).replaceAll(url, 'https://fake');
    assert.equal(
      text,
      [
        'Context: dev — namespace dev',
        'Cluster: https://fake — fake',
        '  /api — get',
        '  /api/* — get',
        '  /apis — get',
        '  /apis/* — get',
        '  /healthz — get',
        '  /livez — get',
        '  /openapi — get',
        '  /openapi/* — get',
        '  /readyz — get',
        '  /version — get',
        '  /version/ — get',
        'User: jane — bearer token',
        'Identity: jane — groups: dev-team, system:authenticated',
        '  dev-team — group',
        '  system:authenticated — group',
        'Namespaces — 4 listed [high]',
        '  default — 3 permissions',
        '  dev — 10 permissions · ⚠ 3 risky [high]',
        '  kube-system — 3 permissions',
        '  staging — 7 permissions',
      ].join('\n'),
    );
    const dev = find(nodes, 'dev');
    assert.equal(
      treeText(printable(dev.children ?? [])),
      [
        'core — 4 resources · ⚠ high [high]',
        '  configmaps — partial: see below',
        '    configmaps — get · only app-config',
        '  pods — get, list, watch [high]',
        '    pods/exec — create · ⚠ Exec into pods [high]',
        '    pods/log — get, list, watch',
        '  secrets — get, list · ⚠ Secrets read [high]',
        '  services — get, list, watch, create, update, delete',
        'apps — 1 resource · ⚠ medium [medium]',
        '  deployments — * · ⚠ All verbs [medium]',
        'authentication.k8s.io — 1 resource',
        '  selfsubjectreviews — create',
        'authorization.k8s.io — 2 resources',
        '  selfsubjectaccessreviews — create',
        '  selfsubjectrulesreviews — create',
      ].join('\n'),
    );
    assert.equal(dev.expanded, true, 'a namespace with risky permissions opens by itself');
    assert.match(dev.tooltip ?? '', /hint for user interfaces, not an authority/);
    assert.match(find(nodes, 'secrets').tooltip ?? '', /\*\*Secrets read\*\* \(high\): Reads every credential/);
    // One classification request per review, with one rule per tree entry; plus one for the URLs.
    const devCall = stubServer.calls.find((c) => c.namespace === 'dev');
    assert.equal(devCall?.rules.length, 10);
    assert.deepEqual(devCall?.rules.find((r) => r.resources?.[0] === 'pods/exec'), { verbs: ['create'], apiGroups: [''], resources: ['pods/exec'] });
    assert.ok(stubServer.calls.some((c) => c.namespace === undefined && c.rules.every((r) => r.nonResourceURLs?.length === 1)));
  });

  it('"Show only risky" keeps the risky entries and says when a namespace has none', async () => {
    const { snap, risks } = await loaded('developer', 'token');
    const nodes = rootNodes(snap, risks, { onlyRisky: true });
    assert.equal(
      treeText(printable(find(nodes, 'dev').children ?? [])),
      ['core — 2 resources · ⚠ high [high]', '  pods — partial: see below [high]', '    pods/exec — create · ⚠ Exec into pods [high]', '  secrets — get, list · ⚠ Secrets read [high]', 'apps — 1 resource · ⚠ medium [medium]', '  deployments — * · ⚠ All verbs [medium]'].join('\n'),
    );
    assert.equal(treeText(printable(find(nodes, 'staging').children ?? [])), 'No risky permissions');
    assert.equal(find(nodes, 'Cluster: ' + server.url).children?.length, 0);
  });

  it('shows an incomplete review plainly, with the server\'s evaluationError', async () => {
    const { snap, risks } = await loaded('incomplete', 'deployer');
    const nodes = rootNodes(snap, risks, { onlyRisky: false });
    const ci = find(nodes, 'ci');
    assert.equal(ci.incomplete, true);
    assert.match(ci.description ?? '', /· incomplete$/);
    const [first] = ci.children ?? [];
    assert.equal(first?.label, 'Incomplete: the cluster could not list every rule');
    assert.equal(first?.description, 'webhook authorizer does not support user rule resolution');
    assert.ok(find(nodes, '* (all API groups)'));
    assert.equal(find(nodes, 'Identity: system:serviceaccount:ci:deployer').children?.length, 3);
  });

  it('explains the namespace fallback and the missing identity', async () => {
    const { snap, risks } = await loaded('namespaces-forbidden', 'bob', ['team-b']);
    const nodes = rootNodes(snap, risks, { onlyRisky: false });
    assert.equal(find(nodes, 'Identity: not reported').description, 'no SelfSubjectReview on this cluster');
    const folder = find(nodes, 'Namespaces');
    assert.equal(folder.description, '2 · listing not allowed');
    assert.deepEqual(folder.children?.map((c) => c.label), ["Namespaces cannot be listed: showing the context's namespace and kubeguard.rbac.namespaces", 'team-a', 'team-b']);
    assert.equal(folder.children?.[0]?.action, 'openSettings');
  });

  it('turns a failed load into context nodes plus a failure node with its next step', async () => {
    const { snap, risks } = await loaded('developer', 'bad-token');
    const nodes = rootNodes(snap, risks, { onlyRisky: false });
    assert.deepEqual(nodes.map((n) => n.kind), ['context', 'cluster', 'user', 'failure']);
    const failure = nodes[3]!;
    assert.equal(failure.label, 'Credentials rejected (401 Unauthorized)');
    assert.deepEqual(failure.children?.map((c) => c.kind), ['info', 'nextStep']);
    assert.match(failure.children?.[1]?.label ?? '', /^Next step: The token or certificate may have expired/);
    assert.equal(failure.action, 'refresh');
  });

  it('marks a kubeconfig that switches TLS verification off, right under the cluster', async () => {
    const { snap, risks } = await loaded('developer', 'insecure');
    const nodes = rootNodes(snap, risks, { onlyRisky: false });
    assert.deepEqual(nodes.slice(0, 3).map((n) => n.label), ['Context: insecure', `Cluster: ${server.url}`, 'TLS certificate verification is OFF']);
    assert.equal(nodes[1]?.description, 'insecure · TLS not verified');
    assert.equal(nodes[2]?.iconColor, 'error');
  });

  it('shows the untrusted-workspace node with the manage-trust action, and nothing for no kubeconfig (welcome view)', async () => {
    const untrusted = await new PermissionsSession({ trusted: false, extraNamespaces: [], timeoutMs: 1000 }, () => undefined).run();
    const risks = new PermissionsRisks(stubServer, () => undefined, () => undefined);
    const [node, ...rest] = rootNodes(untrusted, risks, { onlyRisky: false });
    assert.equal(rest.length, 0);
    assert.equal(node?.label, 'Cluster access is off in this untrusted workspace');
    assert.equal(node?.action, 'manageTrust');
    assert.deepEqual(rootNodes({ ...untrusted, phase: 'noKubeconfig' }, risks, { onlyRisky: false }), []);
  });

  it('reports a classification failure once and shows no badges', async () => {
    server = await FakeApiServer.start('developer');
    k = tempKubeconfigs();
    const snap = await new PermissionsSession({ trusted: true, kubeconfigSetting: k.write('token', { server: server.url }), extraNamespaces: [], timeoutMs: 5000 }, () => undefined).run();
    const logs: string[] = [];
    const broken: RequestSender = { sendRequest: () => Promise.reject(new Error('Unhandled method kubeguard/classifyRbacRules')) };
    const risks = new PermissionsRisks(broken, () => undefined, (m) => logs.push(m));
    risks.update(snap);
    await risks.settled();
    assert.deepEqual(logs, ['Risk classification unavailable: Unhandled method kubeguard/classifyRbacRules']);
    const nodes = rootNodes(snap, risks, { onlyRisky: false });
    assert.equal(find(nodes, 'dev').badge, undefined);
    assert.match(find(nodes, 'dev').tooltip ?? '', /Risk classification unavailable/);
  });
});
