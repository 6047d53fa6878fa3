/**
 * The RBAC manifest rules and the RBAC trees share one classification: one catalog rule per risk id,
 * reporting on a manifest exactly the risks the classifier gives its rules, at the triggering entry.
 */
import assert from 'node:assert/strict';
import { analyzeText } from '../../../server/src/analysis/fileAnalysis';
import { DEFAULT_SETTINGS } from '../../../server/src/analysis/settings';
import { workspaceOf } from '../../../server/src/analysis/workspaceView';
import { parseManifests } from '../../../server/src/document/parseManifests';
import { classifyRule } from '../../../server/src/rbac/risk/classify';
import { MANIFEST_RISK_RULES } from '../../../server/src/rbac/risk/manifestRisks';
import { RISK_RULES } from '../../../server/src/rbac/risk/riskRules';
import { RULES, ruleById } from '../../../server/src/rules/catalog';
import { yaml } from '../../support/yamlText';

const riskIds = new Set(MANIFEST_RISK_RULES.map((r) => r.id));
const allOn = { ...DEFAULT_SETTINGS, rules: Object.fromEntries(RULES.map((r) => [r.id, { enabled: true }])) };

function rbacFindings(text: string): { id: string; at: string }[] {
  const parsed = parseManifests(text);
  const workspace = workspaceOf(parsed.documents.flatMap((d) => d.objects));
  return analyzeText(text, { settings: allOn, workspace }, parsed)
    .findings.filter((f) => riskIds.has(f.ruleId))
    .map((f) => ({ id: f.ruleId, at: text.slice(f.span.start, f.span.end) }));
}

describe('RBAC manifest rules', () => {
  it('exist once per risk of the shared rule set, with its catalog concept', () => {
    for (const risk of MANIFEST_RISK_RULES) {
      const rule = ruleById(risk.id);
      assert.ok(rule, `no catalog rule for risk ${risk.id}`);
      assert.equal(rule.category, 'rbac');
      assert.deepEqual(rule.concepts, [risk.peers.catalog]);
    }
    // The tree set is included unchanged: the manifest rules only add risks.
    for (const risk of RISK_RULES) assert.ok(MANIFEST_RISK_RULES.includes(risk));
  });

  it('report what the classifier says about each rule, on the entry that triggers it', () => {
    const rules = [
      { apiGroups: [''], resources: ['pods', 'pods/exec', 'secrets'], verbs: ['get', 'list', 'create'] },
      { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['bind', 'escalate'] },
    ];
    const text = yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata:
        name: ops
      rules:
      - apiGroups: [""]
        resources: ["pods", "pods/exec", "secrets"]
        verbs: ["get", "list", "create"]
      - apiGroups: ["rbac.authorization.k8s.io"]
        resources: ["clusterroles"]
        verbs: ["bind", "escalate"]
    `;
    const expected = rules.flatMap((r) => classifyRule(r, 'cluster', MANIFEST_RISK_RULES).map((m) => m.id)).sort();
    const found = rbacFindings(text);
    assert.deepEqual(found.map((f) => f.id).sort(), expected);
    assert.deepEqual(
      found.map((f) => `${f.id} ${f.at}`).sort(),
      ['rbac-bind "bind"', 'rbac-escalate "escalate"', 'rbac-pods-exec "pods/exec"', 'rbac-secrets-read "secrets"', 'rbac-workload-write "pods"'].sort(),
    );
  });

  it('judge an aggregated ClusterRole by the rules it aggregates, not by its own (overwritten) rules', () => {
    const text = yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata:
        name: monitoring
      aggregationRule:
        clusterRoleSelectors:
        - matchLabels:
            example.com/aggregate-to-monitoring: "true"
      rules:
      - apiGroups: [""]
        resources: ["nodes/proxy"]
        verbs: ["get"]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata:
        name: secrets-plugin
        labels:
          example.com/aggregate-to-monitoring: "true"
      rules:
      - apiGroups: [""]
        resources: ["secrets"]
        verbs: ["list"]
    `;
    assert.deepEqual(
      rbacFindings(text).map((f) => `${f.id} ${f.at.split('\n')[0]}`),
      ['rbac-secrets-read aggregationRule', 'rbac-secrets-read "secrets"'],
    );
  });
});
