/**
 * `classifyRule` keeps its answer per rule contents, scope and risk rule set (docs/performance.md, CLI):
 * the kept answer must be what a fresh classification gives, for rules that differ in any list, and a
 * caller changing the list it got must not change what the next caller gets.
 */
import assert from 'node:assert/strict';
import { classifyRule } from '../../../server/src/rbac/risk/classify';
import { MANIFEST_RISK_RULES } from '../../../server/src/rbac/risk/manifestRisks';
import { RISK_RULES } from '../../../server/src/rbac/risk/riskRules';
import type { RuleLike } from '../../../server/src/rbac/policyRule';

const VERBS = [['get'], ['get', 'list', 'watch'], ['*'], ['create', 'patch'], ['escalate', 'bind'], ['impersonate'], []];
const RESOURCES = [['pods'], ['secrets'], ['pods/exec'], ['*'], ['roles', 'clusterrolebindings'], ['nodes/proxy'], ['configmaps']];
const GROUPS = [[''], ['*'], ['rbac.authorization.k8s.io'], ['apps', '']];

function rules(): RuleLike[] {
  const out: RuleLike[] = [];
  for (const verbs of VERBS) {
    for (const resources of RESOURCES) {
      for (const apiGroups of GROUPS) {
        out.push({ verbs, resources, apiGroups });
        out.push({ verbs, resources, apiGroups, resourceNames: ['one'] });
      }
    }
    out.push({ verbs, nonResourceURLs: ['/metrics'] });
    out.push({ verbs, nonResourceURLs: ['*'] });
  }
  return out;
}

describe('classifyRule answers kept per rule contents', () => {
  it('equals a fresh classification for every rule, scope and risk rule set', () => {
    let risky = 0;
    for (const set of [RISK_RULES, MANIFEST_RISK_RULES]) {
      for (const scope of ['cluster', 'namespace'] as const) {
        for (const rule of rules()) {
          const first = classifyRule(rule, scope, set);
          // A copy of the rule set is another key: classified afresh.
          const fresh = classifyRule(rule, scope, [...set]);
          // The same contents in new arrays: answered from what was kept.
          const again = classifyRule({ ...rule, verbs: [...rule.verbs] }, scope, set);
          assert.deepEqual(again, fresh, JSON.stringify({ rule, scope }));
          assert.deepEqual(first, fresh);
          risky += fresh.length > 0 ? 1 : 0;
        }
      }
    }
    assert.ok(risky > 100, `${risky} risky classifications`);
  });

  it('tells apart rules that differ only in resourceNames or scope', () => {
    const write = classifyRule({ verbs: ['update'], resources: ['configmaps'], apiGroups: [''] }, 'cluster', MANIFEST_RISK_RULES);
    const writeNamed = classifyRule({ verbs: ['update'], resources: ['configmaps'], apiGroups: [''], resourceNames: ['x'] }, 'cluster', MANIFEST_RISK_RULES);
    assert.ok(write.some((m) => m.id === 'rbac-config-network-write'));
    assert.ok(!writeNamed.some((m) => m.id === 'rbac-config-network-write'));
    const cluster = classifyRule({ verbs: ['*'], resources: ['*'], apiGroups: ['*'] }, 'cluster');
    const namespace = classifyRule({ verbs: ['*'], resources: ['*'], apiGroups: ['*'] }, 'namespace');
    assert.notDeepEqual(cluster.map((m) => m.severity), namespace.map((m) => m.severity));
  });

  it('returns a list the caller may change without changing the kept answer', () => {
    const rule = { verbs: ['get'], resources: ['secrets'], apiGroups: [''] };
    const first = classifyRule(rule, 'cluster');
    assert.ok(first.length > 0);
    first.length = 0;
    assert.ok(classifyRule(rule, 'cluster').length > 0);
  });
});
