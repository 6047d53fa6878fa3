/**
 * Aggregation, subjects (ServiceAccount namespace defaulting, implicit groups), missing roles, who-can and
 * the expanded permission rows, from the Kubernetes RBAC documentation. Expected values are hand-written.
 */
import assert from 'node:assert/strict';
import { byScope, permissionsOf } from '../../../server/src/rbac/permissions';
import { yaml } from '../../support/yamlText';
import { group, policyOf, sa, user } from './support';

/** Subjects are written at column 0 in the cases; the templates below are indented by two. */
const indent = (text: string): string => text.split('\n').map((l) => `  ${l}`).join('\n');
const rb = (name: string, ns: string, roleKind: string, role: string, subjects: string): string => yaml`
  apiVersion: rbac.authorization.k8s.io/v1
  kind: RoleBinding
  metadata:
    name: ${name}
    namespace: ${ns}
  roleRef:
    apiGroup: rbac.authorization.k8s.io
    kind: ${roleKind}
    name: ${role}
  subjects:
${indent(subjects)}
`;
const crb = (name: string, role: string, subjects: string): string => yaml`
  apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRoleBinding
  metadata:
    name: ${name}
  roleRef:
    apiGroup: rbac.authorization.k8s.io
    kind: ClusterRole
    name: ${role}
  subjects:
${indent(subjects)}
`;
const POD_READER = yaml`
  apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRole
  metadata:
    name: pod-reader
  rules:
  - apiGroups: [""]
    resources: ["pods"]
    verbs: ["get", "watch", "list"]
`;
const getPods = (namespace?: string) => ({ verb: 'get', apiGroup: '', resource: 'pods', ...(namespace ? { namespace } : {}) });

describe('RBAC engine: aggregated ClusterRoles', () => {
  // Docs: "Here is an example aggregated ClusterRole" (monitoring) and "an example that adds rules to the
  // monitoring ClusterRole, by creating another ClusterRole labeled rbac.example.com/aggregate-to-monitoring: true".
  const monitoring = yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata:
      name: monitoring
    aggregationRule:
      clusterRoleSelectors:
      - matchLabels:
          rbac.example.com/aggregate-to-monitoring: "true"
    rules:
    # "The control plane overwrites any values that you manually specify in the rules field of an aggregate ClusterRole."
    - apiGroups: [""]
      resources: ["secrets"]
      verbs: ["get"]
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata:
      name: monitoring-endpoints
      labels:
        rbac.example.com/aggregate-to-monitoring: "true"
    rules:
    - apiGroups: [""]
      resources: ["services", "endpointslices", "pods"]
      verbs: ["get", "list", "watch"]
  `;
  const binding = crb('mon', 'monitoring', '- kind: User\n  name: prom');

  it('grants the union of the selected ClusterRoles, not its own rules', () => {
    const p = policyOf(monitoring, binding);
    assert.equal(p.allows(user('prom'), { verb: 'list', apiGroup: '', resource: 'endpointslices', namespace: 'x' }).allowed, true);
    assert.equal(p.allows(user('prom'), { verb: 'watch', apiGroup: '', resource: 'services' }).allowed, true);
    assert.equal(p.allows(user('prom'), { verb: 'get', apiGroup: '', resource: 'secrets', namespace: 'x' }).allowed, false);
  });

  it('says which ClusterRole each aggregated rule comes from', () => {
    const grants = policyOf(monitoring, binding).grantsOf(user('prom'));
    assert.deepEqual(
      grants.map((g) => `${g.role.name} <- ${g.ruleOwner.name}: ${g.rule.resources.join(',')}`),
      ['monitoring <- monitoring-endpoints: services,endpointslices,pods'],
    );
  });

  it('selects with matchExpressions too (ANDed with matchLabels)', () => {
    const p = policyOf(
      yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: team}
        aggregationRule:
          clusterRoleSelectors:
          - matchLabels: {aggregate: "yes"}
            matchExpressions:
            - {key: team, operator: In, values: [a, b]}
            - {key: deprecated, operator: DoesNotExist}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: a-cm, labels: {aggregate: "yes", team: a}}
        rules: [{apiGroups: [""], resources: [configmaps], verbs: [get]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: c-secrets, labels: {aggregate: "yes", team: c}}
        rules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: b-old, labels: {aggregate: "yes", team: b, deprecated: "true"}}
        rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: a-unlabelled, labels: {team: a}}
        rules: [{apiGroups: [""], resources: [services], verbs: [get]}]
      `,
      crb('team', 'team', '- kind: Group\n  name: team'),
    );
    const resources = p.grantsOf(group('team')).flatMap((g) => g.rule.resources);
    assert.deepEqual(resources, ['configmaps']);
  });

  it('feeds the default admin, edit and view roles (docs: aggregate-cron-tabs-edit / -view)', () => {
    // "the following ClusterRoles let the admin and edit default roles manage the custom resource named
    // CronTab, whereas the view role can perform only read actions on CronTab resources."
    const cronTabs = yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata:
        name: aggregate-cron-tabs-edit
        labels:
          rbac.authorization.k8s.io/aggregate-to-admin: "true"
          rbac.authorization.k8s.io/aggregate-to-edit: "true"
      rules:
      - apiGroups: ["stable.example.com"]
        resources: ["crontabs"]
        verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
      ---
      kind: ClusterRole
      apiVersion: rbac.authorization.k8s.io/v1
      metadata:
        name: aggregate-cron-tabs-view
        labels:
          rbac.authorization.k8s.io/aggregate-to-view: "true"
      rules:
      - apiGroups: ["stable.example.com"]
        resources: ["crontabs"]
        verbs: ["get", "list", "watch"]
    `;
    // kubectl create rolebinding bob-admin-binding --clusterrole=admin --user=bob --namespace=acme
    // kubectl create rolebinding myapp-view-binding --clusterrole=view --serviceaccount=acme:myapp --namespace=acme
    const p = policyOf(
      cronTabs,
      rb('bob-admin-binding', 'acme', 'ClusterRole', 'admin', '- kind: User\n  name: bob'),
      rb('myapp-view-binding', 'acme', 'ClusterRole', 'view', '- kind: ServiceAccount\n  name: myapp\n  namespace: acme'),
    );
    const crontabs = (verb: string) => ({ verb, apiGroup: 'stable.example.com', resource: 'crontabs', namespace: 'acme' });
    assert.equal(p.allows(user('bob'), crontabs('delete')).allowed, true);
    assert.equal(p.allows(sa('acme', 'myapp'), crontabs('list')).allowed, true);
    assert.equal(p.allows(sa('acme', 'myapp'), crontabs('delete')).allowed, false);
    // Built-in roles are not missing: they are reported as coming from the cluster.
    assert.deepEqual(
      p.issues().map((i) => `${i.binding.name}: ${i.status}`),
      ['bob-admin-binding: builtin-role', 'myapp-view-binding: builtin-role'],
    );
  });
});

describe('RBAC engine: subjects', () => {
  it('a ServiceAccount subject without namespace in a RoleBinding is the binding namespace\'s', () => {
    const p = policyOf(POD_READER, rb('builders', 'qa', 'ClusterRole', 'pod-reader', '- kind: ServiceAccount\n  name: builder'));
    assert.equal(p.allows(sa('qa', 'builder'), getPods('qa')).allowed, true);
    assert.equal(p.allows(sa('default', 'builder'), getPods('qa')).allowed, false);
    assert.deepEqual(p.subjects(), [sa('qa', 'builder')]);
    assert.deepEqual(p.issues(), []);
  });

  it('a ServiceAccount subject without namespace in a ClusterRoleBinding matches no one and is reported', () => {
    const p = policyOf(POD_READER, crb('everyone', 'pod-reader', '- kind: ServiceAccount\n  name: builder'));
    assert.equal(p.allows(sa('default', 'builder'), getPods('default')).allowed, false);
    assert.deepEqual(p.subjects(), []);
    assert.deepEqual(p.issues().map((i) => `${i.status}: ${i.subject?.name}`), ['invalid: builder']);
  });

  it('"kubectl create rolebinding myappnamespace-myapp-view-binding ... --serviceaccount=myappnamespace:myapp --namespace=acme": a service account of another namespace, in acme only', () => {
    const p = policyOf(POD_READER, rb('x', 'acme', 'ClusterRole', 'pod-reader', '- kind: ServiceAccount\n  name: myapp\n  namespace: myappnamespace'));
    assert.equal(p.allows(sa('myappnamespace', 'myapp'), getPods('acme')).allowed, true);
    assert.equal(p.allows(sa('myappnamespace', 'myapp'), getPods('myappnamespace')).allowed, false);
    assert.equal(p.allows(sa('acme', 'myapp'), getPods('acme')).allowed, false);
  });

  it('"For all service accounts in the qa namespace": Group system:serviceaccounts:qa', () => {
    const p = policyOf(POD_READER, rb('qa-sas', 'qa', 'ClusterRole', 'pod-reader', '- kind: Group\n  name: system:serviceaccounts:qa\n  apiGroup: rbac.authorization.k8s.io'));
    const allowed = p.allows(sa('qa', 'anything'), getPods('qa'));
    assert.equal(allowed.allowed, true);
    assert.equal(allowed.grants[0]?.viaGroup, 'system:serviceaccounts:qa');
    assert.equal(p.allows(sa('dev', 'anything'), getPods('qa')).allowed, false);
    assert.equal(p.allows(user('alice'), getPods('qa')).allowed, false);
  });

  it('"For all service accounts in any namespace": Group system:serviceaccounts (kubectl create clusterrolebinding serviceaccounts-view)', () => {
    const p = policyOf(POD_READER, crb('serviceaccounts-view', 'pod-reader', '- kind: Group\n  name: system:serviceaccounts'));
    assert.equal(p.allows(sa('any', 'sa'), getPods('elsewhere')).allowed, true);
    assert.equal(p.allows(user('alice'), getPods('elsewhere')).allowed, false);
  });

  it('"For all authenticated users": Group system:authenticated covers users and service accounts, not anonymous', () => {
    const p = policyOf(POD_READER, crb('authn', 'pod-reader', '- kind: Group\n  name: system:authenticated'));
    assert.equal(p.allows(user('alice@example.com'), getPods('x')).allowed, true);
    assert.equal(p.allows(sa('ns', 'x'), getPods('x')).allowed, true);
    assert.equal(p.allows(user('system:anonymous'), getPods('x')).allowed, false);
  });

  it('"ServiceAccounts have names prefixed with system:serviceaccount:": a User subject with that name is the service account', () => {
    const p = policyOf(POD_READER, crb('u', 'pod-reader', '- kind: User\n  name: system:serviceaccount:ci:deployer'));
    assert.equal(p.allows(sa('ci', 'deployer'), getPods('x')).allowed, true);
    assert.deepEqual(p.subjects(), [sa('ci', 'deployer')]);
  });
});

describe('RBAC engine: missing and invalid roles', () => {
  it('a RoleBinding to a Role that is not in the workspace grants nothing and is reported', () => {
    const p = policyOf(rb('read-pods', 'default', 'Role', 'pod-reader', '- kind: User\n  name: jane'));
    assert.deepEqual(p.grantsOf(user('jane')), []);
    assert.deepEqual(p.issues().map((i) => i.status), ['missing-role']);
    assert.deepEqual(p.issuesOf(user('jane')).map((i) => i.binding.name), ['read-pods']);
    assert.deepEqual(p.issuesOf(user('john')), []);
  });

  it('"A RoleBinding may reference any Role in the same namespace": a Role elsewhere is missing', () => {
    const role = yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: pod-reader, namespace: default}
      rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
    `;
    const p = policyOf(role, rb('read-pods', 'dev', 'Role', 'pod-reader', '- kind: User\n  name: jane'));
    assert.equal(p.allows(user('jane'), getPods('dev')).allowed, false);
    assert.deepEqual(p.issues().map((i) => i.status), ['missing-role']);
  });

  it('a ClusterRoleBinding to a Role is invalid', () => {
    const bad = crb('bad', 'pod-reader', '- kind: User\n  name: jane').replace('kind: ClusterRole\n', 'kind: Role\n');
    const p = policyOf(POD_READER, bad);
    assert.equal(p.allows(user('jane'), getPods('x')).allowed, false);
    assert.deepEqual(p.issues().map((i) => i.status), ['invalid']);
  });
});

describe('RBAC engine: who can', () => {
  const SECRET_READER = POD_READER.replace('pod-reader', 'secret-reader').replace('["pods"]', '["secrets"]');
  const files = [
    SECRET_READER,
    rb('read-secrets', 'development', 'ClusterRole', 'secret-reader', '- kind: User\n  name: dave'),
    crb('read-secrets-global', 'secret-reader', '- kind: Group\n  name: manager'),
    rb('one-secret', 'development', 'Role', 'one-secret', '- kind: User\n  name: carl'),
    yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: one-secret, namespace: development}
      rules: [{apiGroups: [""], resources: [secrets], resourceNames: [app-tls], verbs: [get]}]
    `,
  ];
  const who = (entries: ReturnType<ReturnType<typeof policyOf>['whoCan']>): string[] =>
    entries.map((e) => `${e.identity.kind} ${e.identity.name}: ${e.grants.map((g) => `${g.namespace ?? 'cluster'}${g.restrictedTo ? ` only ${g.restrictedTo.join(',')}` : ''}`).join(' ')}`);

  it('in one namespace: RoleBindings there plus ClusterRoleBindings; names-only grants marked', () => {
    const p = policyOf(...files);
    assert.deepEqual(who(p.whoCan({ verb: 'get', apiGroup: '', resource: 'secrets', namespace: 'development' })), [
      'User dave: development',
      'Group manager: cluster',
      'User carl: development only app-tls',
    ]);
  });

  it('in another namespace: only the cluster-wide grant', () => {
    const p = policyOf(...files);
    assert.deepEqual(who(p.whoCan({ verb: 'list', apiGroup: '', resource: 'secrets', namespace: 'default' })), ['Group manager: cluster']);
  });

  it('anywhere (no namespace): every scope, each labelled', () => {
    const p = policyOf(...files);
    assert.deepEqual(who(p.whoCan({ verb: 'watch', apiGroup: '', resource: 'secrets' })), ['User dave: development', 'Group manager: cluster']);
  });

  it('lists workspace ServiceAccounts that a group binding covers', () => {
    const p = policyOf(POD_READER, crb('all-sas', 'pod-reader', '- kind: Group\n  name: system:serviceaccounts'));
    const entries = p.whoCan(getPods('shop'), [sa('shop', 'web')]);
    assert.deepEqual(entries.map((e) => `${e.identity.kind} ${e.identity.name} ${e.grants.map((g) => g.viaGroup ?? 'direct').join()}`), [
      'Group system:serviceaccounts direct',
      'ServiceAccount web system:serviceaccounts',
    ]);
  });
});

describe('RBAC engine: permission rows', () => {
  it('expands a grant per API group and resource, classified in its scope', () => {
    const p = policyOf(
      POD_READER.replace('["pods"]', '["pods", "secrets"]'),
      rb('dev', 'development', 'ClusterRole', 'pod-reader', '- kind: User\n  name: dave'),
      crb('all', 'pod-reader', '- kind: User\n  name: root'),
    );
    const show = (rows: ReturnType<typeof permissionsOf>) =>
      rows.map((r) => `${r.namespace ?? 'cluster'} ${r.apiGroup}/${r.resource} [${r.verbs.join(',')}] ${r.risks.map((k) => `${k.id}:${k.severity}`).join(',')}`);
    assert.deepEqual(show(permissionsOf(p, user('dave'))), [
      'development /pods [get,watch,list] ',
      'development /secrets [get,watch,list] rbac-secrets-read:high',
    ]);
    assert.deepEqual(show(permissionsOf(p, user('root'))), ['cluster /pods [get,watch,list] ', 'cluster /secrets [get,watch,list] rbac-secrets-read:critical']);
  });

  it('marks cluster-scoped resources and non-resource URLs granted through a RoleBinding as having no effect', () => {
    const role = yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: mixed}
      rules:
      - {apiGroups: [""], resources: [nodes/proxy, pods], verbs: [get]}
      - {nonResourceURLs: ["/metrics"], verbs: [get]}
    `;
    const rows = permissionsOf(policyOf(role, rb('m', 'default', 'ClusterRole', 'mixed', '- kind: User\n  name: u')), user('u'));
    assert.deepEqual(
      rows.map((r) => `${r.resource ?? r.nonResourceURL} ${r.ineffective ? 'no effect' : 'effective'} ${r.risks.length}`),
      ['nodes/proxy no effect 0', 'pods effective 0', '/metrics no effect 0'],
    );
  });

  it('groups a subject\'s permissions by scope: cluster-wide first, then namespaces by name', () => {
    const p = policyOf(
      POD_READER,
      rb('in-b', 'b', 'ClusterRole', 'pod-reader', '- kind: User\n  name: u'),
      rb('in-a', 'a', 'ClusterRole', 'pod-reader', '- kind: User\n  name: u'),
      crb('everywhere', 'pod-reader', '- kind: User\n  name: u'),
    );
    const scopes = byScope(permissionsOf(p, user('u')));
    assert.deepEqual([...scopes.keys()], [undefined, 'a', 'b']);
    assert.deepEqual([...scopes.values()].map((rows) => rows.map((r) => r.grant.binding.name)), [['everywhere'], ['in-a'], ['in-b']]);
  });
});
