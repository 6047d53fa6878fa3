/** The shape of one RBAC risk rule: data (id, severities, wording, peers) plus a declarative test. */

export type RiskSeverity = 'critical' | 'high' | 'medium' | 'low';

export const SEVERITY_ORDER: readonly RiskSeverity[] = ['critical', 'high', 'medium', 'low'];

/**
 * Where the rule is granted: cluster-wide (a ClusterRole through a ClusterRoleBinding, or the rules of a
 * ClusterRole manifest on their own) or within one namespace (a Role, or any role through a RoleBinding).
 */
export type RiskScope = 'cluster' | 'namespace';

/**
 * What a rule must grant to be risky: some verb, on some resource, in some API group of these lists. A
 * rule's entry matches a pattern entry when equal, or when the rule's entry is `*` (or `*∕sub` for that
 * subresource), as the authorizer matches a request; a literal `*` in a pattern's `resources` is matched
 * only by a rule that grants every resource.
 */
export interface GrantPattern {
  readonly verbs: readonly string[];
  /**
   * Resources as the authorizer names them (`pods`, `pods/exec`). `name/*` (our notation) stands for the
   * resource and every subresource of it (impersonating `userextras/<key>`).
   */
  readonly resources: readonly string[];
  /** API groups; `ANY_GROUP` matches whatever group the rule names. */
  readonly apiGroups: readonly string[];
}

/** In a pattern's `apiGroups`: any API group (`resources: ['*']` of any group is a broad grant). */
export const ANY_GROUP = '<any>';

export type RiskTest =
  /** Risky when the rule grants any one of the patterns. */
  | { readonly grants: readonly GrantPattern[] }
  /** Risky when every listed field of the rule holds a literal `*` entry. */
  | { readonly wildcards: readonly ('verbs' | 'resources' | 'apiGroups')[] };

/** Equivalent checks in other tools, from ../shared/docs/checks-catalog.md (row K) and the peers' rule files. */
export interface RiskPeers {
  /** Row id of the checks catalog. */
  readonly catalog: string;
  readonly trivy?: readonly string[];
  readonly kubescape?: readonly string[];
  readonly checkov?: readonly string[];
  readonly polaris?: readonly string[];
  readonly kubeLinter?: readonly string[];
  /** rbac-tool `pkg/analysis/default-rules.yaml` rule names. */
  readonly rbacTool?: readonly string[];
  /** krane `config/rules.yaml` ids. */
  readonly krane?: readonly string[];
  /** KubiScan `risky_roles.yaml` role names. */
  readonly kubiscan?: readonly string[];
}

export interface RiskRule {
  /** Stable kebab-case id: the tree badges' key and the id of the RBAC manifest rule that reports it. */
  readonly id: string;
  readonly title: string;
  /** One sentence: what an attacker holding the permission could do. */
  readonly reason: string;
  readonly severity: Readonly<Record<RiskScope, RiskSeverity>>;
  readonly test: RiskTest;
  /**
   * Restricting the rule to named objects removes the risk: the catalog's remediation for secrets is
   * "restrict to resourceNames", so a rule that does must no longer be reported.
   */
  readonly resourceNamesMitigate?: boolean;
  /** Ids this risk implies; they are not reported next to it (cluster-admin implies every other risk). */
  readonly supersedes?: readonly string[] | 'all';
  readonly peers: RiskPeers;
}
