/** "Can I…?" input parsing and answer wording, and "Copy rules as YAML". */
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { describeAnswer, parseCanI } from '../../../client/src/cluster/canI';
import { rulesReviewToYaml } from '../../../client/src/cluster/rulesYaml';

describe('cluster/Can I… and rules as YAML', () => {
  it('parses resources as RBAC writes them', () => {
    assert.deepEqual(parseCanI('create', 'pods/exec', 'dev'), { verb: 'create', resource: 'pods', group: '', subresource: 'exec', name: undefined, namespace: 'dev' });
    assert.deepEqual(parseCanI('list', 'deployments.apps', '*'), { verb: 'list', resource: 'deployments', group: 'apps', subresource: undefined, name: undefined, namespace: undefined });
    assert.deepEqual(parseCanI('get', 'secrets', 'dev', 'db-password'), { verb: 'get', resource: 'secrets', group: '', subresource: undefined, name: 'db-password', namespace: 'dev' });
    assert.deepEqual(parseCanI('update', 'deployments.apps/scale', 'dev'), { verb: 'update', resource: 'deployments', group: 'apps', subresource: 'scale', name: undefined, namespace: 'dev' });
    assert.deepEqual(parseCanI('get', '/healthz', 'dev'), { verb: 'get', nonResourcePath: '/healthz' });
    assert.equal(typeof parseCanI('get pods', 'pods', 'dev'), 'string');
    assert.equal(typeof parseCanI('get', 'Pods!', 'dev'), 'string');
  });

  it('words the answer with the authorizer\'s reason', () => {
    const q = { verb: 'create', resource: 'pods', group: '', subresource: 'exec', namespace: 'dev' };
    assert.equal(
      describeAnswer(q, { allowed: true, denied: false, reason: 'RBAC: allowed by RoleBinding "jane-exec/dev" of Role "pod-exec" to User "jane"' }),
      'Yes: you can create pods/exec in namespace "dev". Reason: RBAC: allowed by RoleBinding "jane-exec/dev" of Role "pod-exec" to User "jane"',
    );
    assert.equal(describeAnswer({ verb: 'delete', resource: 'nodes', group: '' }, { allowed: false, denied: false }), 'No: you cannot delete nodes in all namespaces. No authorizer gave a reason (nothing allows it).');
    assert.equal(
      describeAnswer({ verb: 'delete', resource: 'namespaces', group: '' }, { allowed: false, denied: true, reason: 'webhook: reserved' }),
      'No: you cannot delete namespaces in all namespaces (explicitly denied). Reason: webhook: reserved',
    );
  });

  it('copies a review as a Role that parses back to the same rules, with the caveats as comments', () => {
    const review = {
      namespace: 'ci',
      resourceRules: [
        { verbs: ['get', 'list'], apiGroups: ['*'], resources: ['*'], resourceNames: [] },
        { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['app "config"'] },
      ],
      nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }],
      incomplete: true,
      evaluationError: 'webhook authorizer does not support user rule resolution',
    };
    const text = rulesReviewToYaml(review, 'CI Context');
    assert.match(text, /^# Rules of context "CI Context" in namespace "ci", from a SelfSubjectRulesReview\.$/m);
    assert.match(text, /^# INCOMPLETE: the server could not list every rule: webhook authorizer/m);
    assert.match(text, /^# {3}get \/healthz$/m);
    assert.deepEqual(parse(text), {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'kubeguard-ci-context-ci', namespace: 'ci' },
      rules: [
        { apiGroups: ['*'], resources: ['*'], verbs: ['get', 'list'] },
        { apiGroups: [''], resources: ['configmaps'], resourceNames: ['app "config"'], verbs: ['get'] },
      ],
    });
  });
});
