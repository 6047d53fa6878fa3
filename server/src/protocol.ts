/**
 * The only module the client may import from the server: custom request and notification names and
 * their parameter and result types. Plain data only; no runtime dependencies.
 */

/** Configuration section of every setting. */
export const CONFIG_SECTION = 'kubeguard';

/**
 * Added by the client to the `kubeguard` section it answers `workspace/configuration` with: the keys
 * (`podSecurity.level`, `rules`, …) the user set explicitly at some level. Only those override
 * `.kubeguard.yaml`; VS Code's defaults do not. Clients that omit it have every key they send count.
 */
export const EXPLICIT_SETTINGS_KEY = '$explicit';

/** The keys of the `kubeguard` section that configure analysis (and can be set in `.kubeguard.yaml`). */
export const ANALYSIS_SETTING_KEYS: readonly string[] = [
  'podSecurity.level',
  'podSecurity.version',
  'rules',
  'strict',
  'exclude',
  'excludeNamespaces',
  'networkPolicy.placement',
  'networkPolicy.required',
];

/** Source string of every diagnostic KubeGuard publishes. */
export const DIAGNOSTIC_SOURCE = 'KubeGuard';

/** Command the client registers to open a rule's documentation; code actions invoke it. */
export const SHOW_RULE_DOCS_COMMAND = 'kubeguard.showRuleDocumentation';

/** Pod Security Standards levels, as `kubeguard.podSecurity.level` and the `enforce` label spell them. */
export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

/** Who chose the configured level and version: VS Code settings, `.kubeguard.yaml`, nobody (defaults), CLI flags. */
export type PodSecurityOrigin = 'settings' | 'file' | 'default' | 'cli';

/** A namespace whose Namespace manifest's labels set the policy of some workloads of the file. */
export interface NamespacePodSecurity {
  readonly namespace: string;
  readonly level: PodSecurityLevel;
  /** `latest` or `v1.N`. */
  readonly version: string;
  /** Which of the two the labels set; the other is the configured one. */
  readonly fromLabels: readonly ('level' | 'version')[];
  /** Label values admission cannot parse, with how they are read. */
  readonly invalid: readonly string[];
  /** Workloads of the file in this namespace. */
  readonly workloads: number;
}

/** The Pod Security policy the workloads of one file are checked at. */
export interface FilePodSecurity {
  /** The configured level and version (settings, `.kubeguard.yaml` or defaults): workloads without Namespace labels get it. */
  readonly level: PodSecurityLevel;
  readonly version: string;
  readonly origin: PodSecurityOrigin;
  /** Workloads of the file checked at the configured policy. */
  readonly workloads: number;
  /** Namespaces (sorted by name) whose labels override it for the file's other workloads. */
  readonly namespaces: readonly NamespacePodSecurity[];
}

/** Sent by the server after publishing diagnostics for a document: what the status bar shows. */
export namespace FileStatusNotification {
  export const method = 'kubeguard/fileStatus';
  export interface Params {
    readonly uri: string;
    readonly version: number | null;
    /** Published diagnostics that are not suppressed (YAML problems included). */
    readonly findings: number;
    readonly suppressed: number;
    /** Why the file was skipped, when it was (Helm template, too large, not Kubernetes). */
    readonly skipped?: string;
    /** `findings` by severity. */
    readonly bySeverity?: { readonly error: number; readonly warning: number; readonly information: number; readonly hint: number };
    readonly podSecurity?: FilePodSecurity;
    /** How many Kubernetes objects the file holds: 0 for other YAML (docker-compose, CI files), where the status bar stays hidden. */
    readonly objects?: number;
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

// ──────────────────────────── RBAC: Workspace RBAC view and who-can ────────────────────────────
// Owned by the RBAC engine (server/src/rbac, server/src/lsp/rbacRequests.ts). Positions are zero-based
// lines and UTF-16 characters, as in LSP.

export interface RbacPosition {
  readonly line: number;
  readonly character: number;
}

export interface RbacRange {
  readonly start: RbacPosition;
  readonly end: RbacPosition;
}

/** A Role, ClusterRole or binding, with where to open it. `uri` is absent for the cluster's built-in roles. */
export interface RbacObjectRef {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly uri?: string;
  /** The part of the object that matters here (the rule, the subject entry, the roleRef), else its name. */
  readonly range?: RbacRange;
  /** What a built-in role grants, from the Kubernetes docs. */
  readonly builtin?: string;
}

export type RbacSubjectKind = 'User' | 'Group' | 'ServiceAccount';

export interface RbacSubject {
  readonly kind: RbacSubjectKind;
  readonly name: string;
  /** ServiceAccounts only (after defaulting to the RoleBinding's namespace). */
  readonly namespace?: string;
}

/** Why a subject holds a rule: the binding (range: the subject entry), the bound role, and where the rule is written. */
export interface RbacGrantSource {
  readonly binding: RbacObjectRef;
  readonly role: RbacObjectRef;
  /** The role whose `rules` hold the rule (a ClusterRole aggregated into `role`, or `role`); range: the rule. */
  readonly rule: RbacObjectRef;
  /** Set when the binding names a group the subject belongs to implicitly (`system:serviceaccounts`, …). */
  readonly viaGroup?: string;
}

/** One effective permission: one API group × resource (or one non-resource URL) of one granted rule. */
export interface RbacPermission {
  /** Namespace it applies in; undefined: cluster-wide (every namespace and cluster-scoped resources). */
  readonly namespace?: string;
  /** API group ('' is the core group, '*' all groups); absent for non-resource URLs. */
  readonly apiGroup?: string;
  /** `pods`, `pods/exec`, `*`, `*` + `/scale`. */
  readonly resource?: string;
  readonly nonResourceURL?: string;
  readonly verbs: readonly string[];
  /** When set, only objects with these names. */
  readonly resourceNames?: readonly string[];
  /** Risks in this scope, most severe first (empty when none, or when the permission has no effect). */
  readonly risks: readonly RiskFlag[];
  readonly source: RbacGrantSource;
  /** Why it grants nothing, when it does not (e.g. a cluster-scoped resource through a RoleBinding). */
  readonly ineffective?: string;
}

/** A binding that grants nothing, or not everything, as written. */
export interface RbacBindingIssue {
  /** Range: the roleRef, or the subject entry the issue is about. */
  readonly binding: RbacObjectRef;
  readonly roleRef: { readonly kind: string; readonly name: string };
  /** `missing-role`: not in the workspace; `builtin-role`: a default role of the cluster; `invalid`: the API would reject or ignore it. */
  readonly status: 'missing-role' | 'builtin-role' | 'invalid';
  readonly message: string;
}

export interface RbacSubjectPermissions {
  readonly subject: RbacSubject;
  /** "ServiceAccount shop/web", "User jane", "Group manager". */
  readonly label: string;
  readonly permissions: readonly RbacPermission[];
  readonly issues: readonly RbacBindingIssue[];
  /** The most severe risk of its permissions. */
  readonly maxSeverity?: RiskSeverity;
}

/** Client → server: the effective permissions of every subject the workspace's bindings name. */
export namespace WorkspaceRbacRequest {
  export const method = 'kubeguard/workspaceRbac';
  export interface Params {
    /** Only permissions with risks (subjects with none are left out, binding issues are kept). */
    readonly onlyRisky?: boolean;
  }
  export interface Result {
    /** Changes whenever the RBAC objects of the workspace change; matches `WorkspaceRbacChangedNotification`. */
    readonly version: number;
    /** Roles, ClusterRoles and bindings in the workspace (0: show the welcome view). */
    readonly rbacObjects: number;
    readonly subjects: readonly RbacSubjectPermissions[];
    /** Every binding issue of the workspace. */
    readonly issues: readonly RbacBindingIssue[];
  }
}

/** Server → client: the workspace's RBAC objects changed; request `WorkspaceRbacRequest` again. */
export namespace WorkspaceRbacChangedNotification {
  export const method = 'kubeguard/workspaceRbacChanged';
  export interface Params {
    readonly version: number;
  }
}

/** Client → server: which subjects of the workspace can make a request, and the grants that allow it. */
export namespace WhoCanRequest {
  export const method = 'kubeguard/whoCan';
  export interface Params {
    readonly verb: string;
    /** `pods`, `pods/exec`, `deployments.apps`, `deployments.apps/scale`, or a non-resource URL (`/healthz`). */
    readonly resource: string;
    /** Overrides the group in `resource` (`''` is the core group). */
    readonly apiGroup?: string;
    /** Undefined: anywhere (cluster-wide grants and every namespace's, each labelled with its scope). */
    readonly namespace?: string;
    /** An object name, for rules restricted by resourceNames. */
    readonly name?: string;
  }
  export interface Entry {
    readonly subject: RbacSubject;
    readonly label: string;
    /** The permissions that allow the request; `resourceNames` set when only for those objects. */
    readonly grants: readonly RbacPermission[];
  }
  export interface Result {
    readonly subjects: readonly Entry[];
    /** Facts the workspace cannot show (e.g. system:masters is allowed everything). */
    readonly notes: readonly string[];
  }
}
