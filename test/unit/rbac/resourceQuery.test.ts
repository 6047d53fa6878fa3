/** What people type into "Who can…?", parsed as kubectl reads `resource.group/subresource`; and who-can on URLs. */
import assert from 'node:assert/strict';
import { parseResourceQuery } from '../../../server/src/rbac/resourceQuery';
import { yaml } from '../../support/yamlText';
import { policyOf } from './support';

describe('who-can queries', () => {
  const cases: [string, ReturnType<typeof parseResourceQuery>][] = [
    ['pods', { verb: 'get', apiGroup: '', resource: 'pods' }],
    ['pods/exec', { verb: 'get', apiGroup: '', resource: 'pods', subresource: 'exec' }],
    // kubectl create role foo --verb=get,list,watch --resource=replicasets.apps
    ['replicasets.apps', { verb: 'get', apiGroup: 'apps', resource: 'replicasets' }],
    ['deployments.apps/scale', { verb: 'get', apiGroup: 'apps', resource: 'deployments', subresource: 'scale' }],
    ['crontabs.stable.example.com', { verb: 'get', apiGroup: 'stable.example.com', resource: 'crontabs' }],
    [' /healthz/etcd ', { verb: 'get', nonResourceURL: '/healthz/etcd' }],
  ];
  for (const [text, expected] of cases) {
    it(`parses "${text}"`, () => assert.deepEqual(parseResourceQuery('get', text), expected));
  }

  it('an explicit API group wins over the typed one, and a name is kept', () => {
    assert.deepEqual(parseResourceQuery('update', 'configmaps', 'other', 'my-config'), { verb: 'update', apiGroup: 'other', resource: 'configmaps', name: 'my-config' });
  });

  it('non-resource URLs: only subjects of ClusterRoleBindings can', () => {
    const role = yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: metrics}
      rules: [{nonResourceURLs: ["/metrics"], verbs: [get]}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: metrics}
      subjects: [{kind: User, name: prom}]
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: metrics}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: metrics, namespace: team}
      subjects: [{kind: User, name: team-prom}]
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: metrics}
    `;
    const who = policyOf(role).whoCan(parseResourceQuery('get', '/metrics'));
    assert.deepEqual(who.map((e) => e.identity.name), ['prom']);
  });
});
