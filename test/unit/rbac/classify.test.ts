/**
 * The RBAC risk classification, table-driven. Rules are taken from the Kubernetes RBAC documentation
 * (quoted) and from the peers' risky-role definitions; expected risks are written by hand.
 */
import assert from 'node:assert/strict';
import type { RuleLike } from '../../../server/src/rbac/policyRule';
import { classifyRule } from '../../../server/src/rbac/risk/classify';
import type { RiskScope } from '../../../server/src/rbac/risk/riskRule';
import { RISK_RULES } from '../../../server/src/rbac/risk/riskRules';

interface Case {
  readonly name: string;
  readonly rule: RuleLike;
  readonly scope: RiskScope;
  /** `id:severity`, most severe first. */
  readonly expected: readonly string[];
}

const cases: Case[] = [
  {
    // Docs, "Role example": rules: - apiGroups: [""] resources: ["pods"] verbs: ["get", "watch", "list"]
    name: 'docs pod-reader: nothing risky',
    rule: { apiGroups: [''], resources: ['pods'], verbs: ['get', 'watch', 'list'] },
    scope: 'namespace',
    expected: [],
  },
  {
    // Docs, "ClusterRole example": secret-reader, resources: ["secrets"] verbs: ["get", "watch", "list"]
    name: 'docs secret-reader bound cluster-wide',
    rule: { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'watch', 'list'] },
    scope: 'cluster',
    expected: ['rbac-secrets-read:critical'],
  },
  {
    // Docs, RoleBinding read-secrets: "dave ... will only be able to read Secrets in the development namespace"
    name: 'docs secret-reader bound in a namespace',
    rule: { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'watch', 'list'] },
    scope: 'namespace',
    expected: ['rbac-secrets-read:high'],
  },
  {
    // Docs configmap-updater: resources: ["configmaps"] resourceNames: ["my-configmap"] verbs: ["update", "get"]
    name: 'docs configmap-updater',
    rule: { apiGroups: [''], resources: ['configmaps'], resourceNames: ['my-configmap'], verbs: ['update', 'get'] },
    scope: 'namespace',
    expected: [],
  },
  {
    name: 'secrets read restricted to resourceNames (the catalog remediation) is not reported',
    rule: { apiGroups: [''], resources: ['secrets'], resourceNames: ['app-tls'], verbs: ['get'] },
    scope: 'namespace',
    expected: [],
  },
  {
    // Docs: example.com-superuser, apiGroups: ["example.com"] resources: ["*"] verbs: ["*"]
    // "allows access to perform any current and future action on all current and future resources in the example.com API group"
    name: 'docs example.com-superuser',
    rule: { apiGroups: ['example.com'], resources: ['*'], verbs: ['*'] },
    scope: 'namespace',
    expected: ['rbac-wildcard-verbs:medium', 'rbac-wildcard-resources:medium', 'rbac-delete-broad:low'],
  },
  {
    // Docs, cluster-admin: "Allows super-user access to perform any action on any resource."
    name: 'all verbs on all resources of all groups is cluster-admin and nothing else is listed',
    rule: { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
    scope: 'cluster',
    expected: ['rbac-cluster-admin:critical'],
  },
  {
    name: 'cluster-admin equivalent through a RoleBinding',
    rule: { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
    scope: 'namespace',
    expected: ['rbac-cluster-admin:high'],
  },
  {
    // Docs: nonResourceURLs: ["/healthz", "/healthz/*"] verbs: ["get", "post"]
    name: 'docs /healthz non-resource rule',
    rule: { nonResourceURLs: ['/healthz', '/healthz/*'], verbs: ['get', 'post'] },
    scope: 'cluster',
    expected: [],
  },
  {
    name: 'all verbs on all non-resource URLs',
    rule: { nonResourceURLs: ['*'], verbs: ['*'] },
    scope: 'cluster',
    expected: ['rbac-wildcard-verbs:high'],
  },
  {
    // KubiScan risky-exec-pods: resources: ["pods/exec"] verbs: ["create"]
    name: 'exec into pods',
    rule: { apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] },
    scope: 'namespace',
    expected: ['rbac-pods-exec:high'],
  },
  {
    name: 'exec through a */exec subresource wildcard, with get (SPDY upgrade)',
    rule: { apiGroups: [''], resources: ['*/exec'], verbs: ['get'] },
    scope: 'namespace',
    expected: ['rbac-pods-exec:high'],
  },
  {
    // Docs pod-and-pod-logs-reader: resources: ["pods", "pods/log"] verbs: ["get", "list"]: log is not exec
    name: 'docs pod-and-pod-logs-reader',
    rule: { apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list'] },
    scope: 'namespace',
    expected: [],
  },
  {
    name: 'attach and port-forward',
    rule: { apiGroups: [''], resources: ['pods/attach', 'pods/portforward'], verbs: ['create'] },
    scope: 'namespace',
    expected: ['rbac-pods-attach:high', 'rbac-pods-portforward:medium'],
  },
  {
    // krane risky-any-verb-pods: resources: ['pods'] verbs: ['*']
    name: 'any verb on pods',
    rule: { apiGroups: [''], resources: ['pods'], verbs: ['*'] },
    scope: 'namespace',
    expected: ['rbac-workload-write:medium', 'rbac-wildcard-verbs:medium'],
  },
  {
    // Docs: "Allow reading/writing Deployments ... in the apps API groups"
    name: 'docs deployments read/write',
    rule: { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
    scope: 'cluster',
    expected: ['rbac-workload-write:high'],
  },
  {
    // Docs: "reading or writing Job resources in the batch API group"
    name: 'docs jobs read/write',
    rule: { apiGroups: ['batch'], resources: ['jobs'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
    scope: 'namespace',
    expected: ['rbac-workload-write:medium'],
  },
  {
    name: 'deployments in the wrong group grant nothing risky',
    rule: { apiGroups: [''], resources: ['deployments'], verbs: ['create'] },
    scope: 'cluster',
    expected: [],
  },
  {
    name: 'ephemeral containers',
    rule: { apiGroups: [''], resources: ['pods/ephemeralcontainers'], verbs: ['patch'] },
    scope: 'namespace',
    expected: ['rbac-workload-write:medium'],
  },
  {
    // Docs role-grantor: rolebindings create + clusterroles bind resourceNames ["admin","edit","view"]
    name: 'docs role-grantor: create rolebindings',
    rule: { apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings'], verbs: ['create'] },
    scope: 'namespace',
    expected: ['rbac-rbac-write:medium'],
  },
  {
    name: 'docs role-grantor: bind admin, edit and view (names do not make bind safe)',
    rule: { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['bind'], resourceNames: ['admin', 'edit', 'view'] },
    scope: 'namespace',
    expected: ['rbac-bind:high'],
  },
  {
    name: 'escalate on clusterroles',
    rule: { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['escalate'] },
    scope: 'cluster',
    expected: ['rbac-escalate:critical'],
  },
  {
    // KubiScan risky-impersonate-groups: resources: ["groups"] verbs: ["impersonate"]
    name: 'impersonate groups',
    rule: { apiGroups: [''], resources: ['groups'], verbs: ['impersonate'] },
    scope: 'cluster',
    expected: ['rbac-impersonate:critical'],
  },
  {
    name: 'impersonate user extras and uids',
    rule: { apiGroups: ['authentication.k8s.io'], resources: ['userextras/scopes', 'uids'], verbs: ['impersonate'] },
    scope: 'cluster',
    expected: ['rbac-impersonate:critical'],
  },
  {
    name: 'nodes/proxy',
    rule: { apiGroups: [''], resources: ['nodes/proxy'], verbs: ['get'] },
    scope: 'cluster',
    expected: ['rbac-nodes-proxy:critical'],
  },
  {
    name: 'nodes read is not nodes/proxy',
    rule: { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] },
    scope: 'cluster',
    expected: [],
  },
  {
    name: 'webhook configuration write',
    rule: { apiGroups: ['admissionregistration.k8s.io'], resources: ['mutatingwebhookconfigurations'], verbs: ['create'] },
    scope: 'cluster',
    expected: ['rbac-admission-webhooks:critical'],
  },
  {
    name: 'webhook configuration read is fine',
    rule: { apiGroups: ['admissionregistration.k8s.io'], resources: ['validatingwebhookconfigurations'], verbs: ['get', 'list'] },
    scope: 'cluster',
    expected: [],
  },
  {
    name: 'CSR approval subresource',
    rule: { apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests/approval'], verbs: ['update'] },
    scope: 'cluster',
    expected: ['rbac-csr-approval:high'],
  },
  {
    name: 'signer approve',
    rule: { apiGroups: ['certificates.k8s.io'], resources: ['signers'], resourceNames: ['kubernetes.io/kube-apiserver-client'], verbs: ['approve'] },
    scope: 'cluster',
    expected: ['rbac-csr-approval:high'],
  },
  {
    name: 'service account tokens',
    rule: { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] },
    scope: 'namespace',
    expected: ['rbac-token-create:high'],
  },
  {
    name: 'persistent volumes',
    rule: { apiGroups: [''], resources: ['persistentvolumes'], verbs: ['create'] },
    scope: 'cluster',
    expected: ['rbac-pv-create:high'],
  },
  {
    name: 'delete events (covering tracks)',
    rule: { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: ['delete'] },
    scope: 'cluster',
    expected: ['rbac-delete-broad:medium'],
  },
  {
    // krane risky-any-resource-deletecollection: resources: ['*'] verbs: ['deletecollection']
    name: 'deletecollection on every resource of a group',
    rule: { apiGroups: ['apps'], resources: ['*'], verbs: ['deletecollection'] },
    scope: 'cluster',
    expected: ['rbac-wildcard-resources:high', 'rbac-delete-broad:medium'],
  },
  {
    name: 'delete of ordinary workloads is not broad',
    rule: { apiGroups: ['apps'], resources: ['deployments'], verbs: ['delete'] },
    scope: 'cluster',
    expected: [],
  },
  {
    name: 'wildcard API groups on a harmless resource',
    rule: { apiGroups: ['*'], resources: ['configmaps'], verbs: ['get'] },
    scope: 'cluster',
    expected: ['rbac-wildcard-api-groups:medium'],
  },
  {
    name: 'a resource rule without apiGroups matches no request and is not risky',
    rule: { resources: ['secrets'], verbs: ['get'] },
    scope: 'cluster',
    expected: [],
  },
];

describe('RBAC risk classification', () => {
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(
        classifyRule(c.rule, c.scope).map((m) => `${m.id}:${m.severity}`),
        c.expected,
      );
    });
  }

  it('says which entries of the rule triggered each risk', () => {
    const rule = { apiGroups: [''], resources: ['configmaps', 'pods', 'secrets'], verbs: ['get', 'list', 'create'] };
    const byId = new Map(classifyRule(rule, 'namespace').map((m) => [m.id, m.trigger]));
    assert.deepEqual([...byId.keys()], ['rbac-secrets-read', 'rbac-workload-write']);
    assert.deepEqual(byId.get('rbac-secrets-read'), { verbs: [0, 1], resources: [2], apiGroups: [0] });
    assert.deepEqual(byId.get('rbac-workload-write'), { verbs: [2], resources: [1], apiGroups: [0] });
  });

  it('points at the wildcard entries of a wildcard risk', () => {
    const [m] = classifyRule({ apiGroups: ['apps', '*'], resources: ['configmaps'], verbs: ['get'] }, 'cluster');
    assert.equal(m?.id, 'rbac-wildcard-api-groups');
    assert.deepEqual(m?.trigger, { verbs: [], resources: [], apiGroups: [1] });
  });

  describe('the rule table', () => {
    it('has unique kebab-case ids, one-sentence reasons and a catalog row', () => {
      const ids = RISK_RULES.map((r) => r.id);
      assert.equal(new Set(ids).size, ids.length);
      for (const r of RISK_RULES) {
        assert.match(r.id, /^rbac-[a-z]+(-[a-z]+)*$/);
        assert.match(r.reason, /^[A-Z][^.]*(\.[a-z][^.]*)*\.$/, `${r.id}: one sentence ending with a period`);
        assert.match(r.peers.catalog, /^RBAC-[A-Z-]+$/);
      }
    });

    it('covers every risk named in issue 5', () => {
      const ids = new Set(RISK_RULES.map((r) => r.id));
      for (const id of [
        'rbac-secrets-read', 'rbac-pods-exec', 'rbac-pods-attach', 'rbac-pods-portforward', 'rbac-escalate', 'rbac-bind',
        'rbac-impersonate', 'rbac-cluster-admin', 'rbac-wildcard-verbs', 'rbac-wildcard-resources', 'rbac-wildcard-api-groups',
        'rbac-workload-write', 'rbac-nodes-proxy', 'rbac-admission-webhooks', 'rbac-csr-approval', 'rbac-token-create',
        'rbac-rbac-write', 'rbac-pv-create', 'rbac-delete-broad',
      ]) assert.ok(ids.has(id), id);
    });
  });
});
