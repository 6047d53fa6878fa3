/**
 * Effective permissions for display: each grant expanded to one row per API group × resource (or per
 * non-resource URL), classified with the risk rules in the grant's scope, and marked when it has no effect.
 */
import { isClusterScoped } from './clusterScoped';
import type { Identity } from './model';
import type { Grant, RbacPolicy } from './policy';
import { classifyRule, type RiskMatch } from './risk/classify';

export interface PermissionRow {
  readonly grant: Grant;
  /** Where it applies: a namespace, or undefined for cluster-wide. */
  readonly namespace?: string;
  readonly apiGroup?: string;
  /** `pods`, `pods/exec`, `*`, `*∕scale`. */
  readonly resource?: string;
  readonly nonResourceURL?: string;
  readonly verbs: readonly string[];
  readonly resourceNames: readonly string[];
  readonly risks: readonly RiskMatch[];
  /** Why the row grants nothing, when it does not. */
  readonly ineffective?: string;
}

export const NON_RESOURCE_IN_NAMESPACE = 'Non-resource URLs are granted only by a ClusterRoleBinding; through a RoleBinding this grants nothing.';

export function clusterScopedInNamespace(resource: string): string {
  return `${resource} is cluster-scoped: a RoleBinding grants it nothing (bind the ClusterRole with a ClusterRoleBinding).`;
}

export function expandGrant(grant: Grant): PermissionRow[] {
  const { rule, namespace } = grant;
  const scope = namespace === undefined ? 'cluster' : 'namespace';
  const base = { grant, ...(namespace === undefined ? {} : { namespace }), verbs: rule.verbs, resourceNames: rule.resourceNames };
  const rows: PermissionRow[] = [];
  for (const url of rule.nonResourceURLs) {
    const ineffective = namespace === undefined ? undefined : NON_RESOURCE_IN_NAMESPACE;
    const risks = ineffective ? [] : classifyRule({ verbs: rule.verbs, nonResourceURLs: [url] }, scope);
    rows.push({ ...base, nonResourceURL: url, risks, ...(ineffective ? { ineffective } : {}) });
  }
  for (const apiGroup of rule.apiGroups) {
    for (const resource of rule.resources) {
      const ineffective = namespace !== undefined && isClusterScoped(resource) ? clusterScopedInNamespace(resource) : undefined;
      const risks = ineffective ? [] : classifyRule({ verbs: rule.verbs, apiGroups: [apiGroup], resources: [resource], resourceNames: rule.resourceNames }, scope);
      rows.push({ ...base, apiGroup, resource, risks, ...(ineffective ? { ineffective } : {}) });
    }
  }
  return rows;
}

export function permissionsOf(policy: RbacPolicy, id: Identity): PermissionRow[] {
  return policy.grantsOf(id).flatMap(expandGrant);
}

/** Rows by scope: `undefined` (cluster-wide) first, then namespaces in name order. */
export function byScope(rows: readonly PermissionRow[]): Map<string | undefined, PermissionRow[]> {
  // Array#sort always moves `undefined` last, so the cluster-wide key is put first by hand.
  const namespaces = [...new Set(rows.flatMap((r) => (r.namespace === undefined ? [] : [r.namespace])))].sort();
  const keys = [...(rows.some((r) => r.namespace === undefined) ? [undefined] : []), ...namespaces];
  return new Map(keys.map((k) => [k, rows.filter((r) => r.namespace === k)]));
}
