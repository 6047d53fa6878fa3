/**
 * The risk classification as the RBAC manifest rules use it (issue 6): each rule of a Role or
 * ClusterRole manifest classified once, with the entries that trigger each risk, and an aggregated
 * ClusterRole's effective rules (the union of the ClusterRoles its selectors match) classified too.
 *
 * It adds one risk the tree rule set does not have yet, `rbac-config-network-write` (catalog row
 * RBAC-CONFIGMAP-NET), quiet by severity; it uses the same RiskRule shape so it can move into
 * RISK_RULES unchanged when the trees should badge it.
 */
import type { K8sObject } from '../../document/k8sObject';
import type { RoleDef } from '../model';
import type { PolicyRule } from '../policyRule';
import type { RoleCatalog } from '../roleCatalog';
import { classifyRule, type RiskMatch } from './classify';
import type { RiskRule, RiskScope } from './riskRule';
import { RISK_RULES } from './riskRules';

const WRITE = ['create', 'update', 'patch', 'delete', 'deletecollection'];

export const CONFIG_NETWORK_WRITE: RiskRule = {
  id: 'rbac-config-network-write',
  title: 'ConfigMap or networking write',
  reason:
    "An attacker can rewrite configuration other workloads trust (CoreDNS, aws-auth, application ConfigMaps) or redirect traffic through Services, Endpoints, Ingresses and NetworkPolicies.",
  severity: { cluster: 'medium', namespace: 'low' },
  test: {
    grants: [
      { verbs: WRITE, resources: ['configmaps', 'services', 'endpoints', 'services/status'], apiGroups: [''] },
      { verbs: WRITE, resources: ['endpointslices'], apiGroups: ['discovery.k8s.io'] },
      { verbs: WRITE, resources: ['networkpolicies', 'ingresses'], apiGroups: ['networking.k8s.io'] },
    ],
  },
  // Controllers that write one named ConfigMap (a leader-election lock, their own settings) are narrow.
  resourceNamesMitigate: true,
  peers: { catalog: 'RBAC-CONFIGMAP-NET', trivy: ['KSV-0049', 'KSV-0115', 'KSV-0056'], kubescape: ['C-0037'], checkov: ['CKV2_K8S_4'] },
};

/** The tree's rule set plus the manifest-only risks above. */
export const MANIFEST_RISK_RULES: readonly RiskRule[] = [...RISK_RULES, CONFIG_NETWORK_WRITE];

export function riskRuleById(id: string): RiskRule | undefined {
  return MANIFEST_RISK_RULES.find((r) => r.id === id);
}

/** One risk of one rule of a role manifest. */
export interface RoleRuleRisk {
  /** Index of the rule in the manifest's `rules`. */
  readonly ruleIndex: number;
  readonly rule: PolicyRule;
  readonly match: RiskMatch;
}

/** One risk an aggregated ClusterRole picks up from a rule of another ClusterRole. */
export interface AggregatedRisk {
  readonly rule: PolicyRule;
  readonly owner: RoleDef;
  readonly match: RiskMatch;
}

/** A ClusterRole's rules apply cluster-wide (through a ClusterRoleBinding); a Role's in its namespace. */
export function scopeOfRole(role: RoleDef): RiskScope {
  return role.kind === 'ClusterRole' ? 'cluster' : 'namespace';
}

const ownCache = new WeakMap<K8sObject, readonly RoleRuleRisk[]>();

/**
 * The risks of the rules written in a role manifest, once per parsed object (the RBAC rules of the
 * catalog each ask for their own risk id). An aggregated ClusterRole's own `rules` are overwritten by
 * the aggregation controller, so they are not classified here.
 */
export function roleRuleRisks(role: RoleDef): readonly RoleRuleRisk[] {
  const key = role.object;
  const cached = key ? ownCache.get(key) : undefined;
  if (cached) return cached;
  const out: RoleRuleRisk[] = [];
  if (!role.aggregationRule) {
    role.rules.forEach((rule, ruleIndex) => {
      for (const match of classifyRule(rule, scopeOfRole(role), MANIFEST_RISK_RULES)) out.push({ ruleIndex, rule, match });
    });
  }
  if (key) ownCache.set(key, out);
  return out;
}

/** The risks an aggregated ClusterRole gets from the workspace ClusterRoles it aggregates (none for others). */
export function aggregatedRisks(role: RoleDef, catalog: RoleCatalog): AggregatedRisk[] {
  if (!role.aggregationRule) return [];
  return catalog.rulesOf(role).flatMap(({ rule, owner }) => classifyRule(rule, 'cluster', MANIFEST_RISK_RULES).map((match) => ({ rule, owner, match })));
}
