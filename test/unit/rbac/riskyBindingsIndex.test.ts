/**
 * `computeRiskyBindings` looks only at the bindings whose subjects can name the identity (an index built
 * once per policy) instead of every binding (docs/performance.md, CLI). The answer must be the one of a
 * pass over every binding, for every kind of subject `appliesTo` knows: Users (also spelled as a
 * ServiceAccount's username), Groups (implicit ones included), ServiceAccounts with and without a
 * namespace in RoleBindings and ClusterRoleBindings, and subjects that match no one.
 */
import assert from 'node:assert/strict';
import type { Identity } from '../../../server/src/rbac/model';
import { computeRiskyBindings } from '../../../server/src/rbac/risk/identityRisks';
import { yaml } from '../../support/yamlText';
import { group, policyOf, sa, user } from './support';

const SUBJECTS = [
  '- {kind: ServiceAccount, name: web, namespace: shop}',
  '- {kind: ServiceAccount, name: web}',
  '- {kind: ServiceAccount, name: default}',
  '- {kind: User, name: "system:serviceaccount:shop:web"}',
  '- {kind: User, name: jane}',
  '- {kind: User, name: "system:anonymous"}',
  '- {kind: Group, name: "system:serviceaccounts"}',
  '- {kind: Group, name: "system:serviceaccounts:shop"}',
  '- {kind: Group, name: "system:authenticated"}',
  '- {kind: Group, name: "system:unauthenticated"}',
  '- {kind: Group, name: ops}',
  '- {kind: Robot, name: web}',
  '- {kind: ServiceAccount, name: "", namespace: shop}',
];

const SECRETS_READER = yaml`
  apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRole
  metadata: {name: secrets-reader}
  rules:
  - {apiGroups: [""], resources: [secrets], verbs: [get, list]}
`;

/** A binding per subject and per pair of subjects, in both binding kinds, to risky and harmless roles. */
function bindings(): string[] {
  const out: string[] = [];
  let n = 0;
  const pairs = SUBJECTS.flatMap((a, i) => [[a], ...SUBJECTS.slice(i + 1, i + 3).map((b) => [a, b])]);
  for (const subjects of pairs) {
    for (const role of ['cluster-admin', 'secrets-reader', 'view', 'missing-role']) {
      n++;
      out.push(yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ${n % 2 === 0 ? 'RoleBinding' : 'ClusterRoleBinding'}
        metadata: {name: b${n}, namespace: ${n % 3 === 0 ? 'shop' : 'other'}}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${role}}
        subjects:
        ${subjects.join('\n        ')}
      `);
    }
  }
  return out;
}

const IDENTITIES: readonly Identity[] = [
  sa('shop', 'web'),
  sa('other', 'web'),
  sa('shop', 'default'),
  sa('other', 'default'),
  sa('shop', ''),
  sa('kube-system', 'x'),
  user('system:serviceaccount:shop:web'),
  user('jane'),
  user('system:anonymous'),
  user('nobody'),
  group('system:serviceaccounts'),
  group('system:authenticated'),
  group('system:unauthenticated'),
  group('ops'),
  group('web'),
];

describe('risky bindings of an identity (subject index)', () => {
  it('equals a pass over every binding for every kind of subject and identity', () => {
    const policy = policyOf(SECRETS_READER, ...bindings());
    assert.ok(policy.bindings.length > 100);
    let found = 0;
    for (const id of IDENTITIES) {
      const indexed = computeRiskyBindings(policy, id);
      assert.deepEqual(indexed, computeRiskyBindings(policy, id, policy.bindings), JSON.stringify(id));
      found += indexed.length;
    }
    // The cases must reach risky bindings, or the comparison proves nothing.
    assert.ok(found > 100, `${found} risky bindings`);
  });

  it('finds nothing in a policy without bindings', () => {
    assert.deepEqual(computeRiskyBindings(policyOf(SECRETS_READER), sa('shop', 'web')), []);
  });
});
