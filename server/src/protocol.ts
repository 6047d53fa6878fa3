/**
 * The only module the client may import from the server: custom request and notification names and
 * their parameter and result types. Plain data only; no runtime dependencies.
 */

/** Configuration section of every setting. */
export const CONFIG_SECTION = 'kubeguard';

/** Source string of every diagnostic KubeGuard publishes. */
export const DIAGNOSTIC_SOURCE = 'KubeGuard';

/** Command the client registers to open a rule's documentation; code actions invoke it. */
export const SHOW_RULE_DOCS_COMMAND = 'kubeguard.showRuleDocumentation';

/** Sent by the server after publishing diagnostics for a document: counts for the status bar. */
export namespace FileStatusNotification {
  export const method = 'kubeguard/fileStatus';
  export interface Params {
    readonly uri: string;
    readonly version: number | null;
    readonly findings: number;
    readonly suppressed: number;
    /** Why the file was skipped, when it was (Helm template, too large, not Kubernetes). */
    readonly skipped?: string;
  }
}

/** One rule of an RBAC Role/ClusterRole or of a SelfSubjectRulesReview, as the API returns it. */
export interface RbacRule {
  readonly verbs: readonly string[];
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly resourceNames?: readonly string[];
  readonly nonResourceURLs?: readonly string[];
}

export type RiskSeverity = 'critical' | 'high' | 'medium' | 'low';

/** Why a permission is risky; the same classification squiggles RBAC manifests and badges the trees. */
export interface RiskFlag {
  /** Stable id of the risk (e.g. `secrets-read`); matches the RBAC rule that reports it on manifests. */
  readonly id: string;
  readonly severity: RiskSeverity;
  readonly title: string;
  /** One sentence a tooltip can show: what an attacker could do with it. */
  readonly reason: string;
}

/**
 * Client → server: classify rules (from a SelfSubjectRulesReview) with the server's RBAC risk rules, so
 * the Permissions tree and manifest diagnostics share one rule set.
 */
export namespace ClassifyRbacRulesRequest {
  export const method = 'kubeguard/classifyRbacRules';
  export interface Params {
    readonly rules: readonly RbacRule[];
    /** Namespace the rules apply in; undefined for cluster-scoped rules. */
    readonly namespace?: string;
  }
  export interface Result {
    /** `risks[i]` are the risks of `rules[i]` (empty when none). */
    readonly risks: readonly (readonly RiskFlag[])[];
  }
}
