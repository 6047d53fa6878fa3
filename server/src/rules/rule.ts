/**
 * The rule model. A rule is data (id, title, severity, docs, the fields it reads, an optional declarative
 * fix) plus a small `check` function that reports findings on the object it is given.
 */
import type { K8sObject, ObjectRef } from '../document/k8sObject';
import type { Span } from '../document/span';
import type { Path } from '../document/yamlNodes';
import type { ContainerList, ContainerRef, PodView } from '../document/workloads';
import type { Fix, FixIntent } from '../fixes/intent';
import type { PodSecurityPolicy, PssLevel } from '../pss/policy';
import type { EngineSettings } from '../analysis/settings';
import type { WorkspaceView } from '../analysis/workspaceView';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

export type RuleCategory =
  | 'pod-security'
  | 'container'
  | 'host'
  | 'secrets'
  | 'service-accounts'
  | 'images'
  | 'resources'
  | 'namespaces'
  | 'network'
  | 'rbac'
  | 'api';

/** The Pod Security Standards check ids of `policy/check_*.go`. */
export type PssCheckId =
  | 'hostNamespaces'
  | 'privileged'
  | 'capabilities_baseline'
  | 'hostPathVolumes'
  | 'hostPorts'
  | 'appArmorProfile'
  | 'seLinuxOptions'
  | 'procMount'
  | 'seccompProfile_baseline'
  | 'sysctls'
  | 'windowsHostProcess'
  | 'hostProbesAndHostLifecycle'
  | 'restrictedVolumes'
  | 'allowPrivilegeEscalation'
  | 'runAsNonRoot'
  | 'runAsUser'
  | 'seccompProfile_restricted'
  | 'capabilities_restricted'
  | 'procMount_restricted';

/** How a rule is bound to a PSS check: at which level, from which policy version, what it overrides. */
export interface PssBinding {
  readonly check: PssCheckId;
  readonly level: Exclude<PssLevel, 'privileged'>;
  /** First policy minor version at which the check applies. */
  readonly since: number;
  /** At restricted, from `since`, this check replaces a baseline check (e.g. restrictedVolumes over hostPathVolumes). */
  readonly overrides?: PssCheckId;
  /** PSS control name as on kubernetes.io, for messages. */
  readonly control: string;
}

/** A declarative fix: set values relative to the pod spec, each container, or the object. */
export interface FixSpec {
  readonly title: string;
  readonly scope: 'object' | 'pod' | 'container';
  readonly intents: readonly FixIntent[];
  readonly safe: boolean;
}

export interface RuleMeta {
  /** Stable kebab-case id: the diagnostic `code`, the settings key and the suppression token. */
  readonly id: string;
  readonly title: string;
  readonly category: RuleCategory;
  readonly severity: Severity;
  readonly enabledByDefault: boolean;
  /** What the rule checks, one or two sentences. */
  readonly description: string;
  /** Why it matters, one paragraph. */
  readonly rationale: string;
  /** What to do, one sentence ending with a period. */
  readonly remediation: string;
  /** Field paths the rule reads, written for a Pod (`spec.hostNetwork`) or the object kind. */
  readonly reads: readonly string[];
  /** Ids of the check concepts of the catalog that this rule implements (e.g. `SEC-PRIVILEGED`). */
  readonly concepts: readonly string[];
  readonly pss?: PssBinding;
  /** Equivalent checks of peer tools, for the docs: tool → id. */
  readonly peers?: Readonly<Record<string, string>>;
  /** For rules off or quiet by default: why. */
  readonly defaultsNote?: string;
  readonly fix?: FixSpec;
  /**
   * Quick-fixes that code actions offer on the rule's findings instead of a declarative fix (they write
   * new objects, e.g. NetworkPolicy generation), by title, for the docs.
   */
  readonly codeActions?: readonly string[];
}

export interface Rule extends RuleMeta {
  /** Kinds the rule runs on; `workloads` means the nine kinds with a pod template. */
  readonly appliesTo: 'workloads' | readonly string[];
  readonly check: (ctx: RuleContext) => void;
}

export interface ReportInput {
  readonly span: Span;
  readonly message: string;
  readonly container?: ContainerRef;
  /**
   * This finding's severity when it differs from the rule's default: a restricted check that overrides a
   * baseline one reports what baseline also forbids (hostPath, SYS_ADMIN, Unconfined) as an error. A
   * user's severity setting for the rule still wins.
   */
  readonly severity?: Severity;
  /** Overrides the rule's declarative fix; `null` means this finding has no mechanical fix. */
  readonly fix?: Fix | null;
}

export interface RuleContext {
  readonly object: K8sObject;
  /** The pod of a workload; undefined for other kinds. */
  readonly pod: PodView | undefined;
  /** The Pod Security policy that applies to this object. */
  readonly policy: PodSecurityPolicy;
  readonly workspace: WorkspaceView;
  /** The configuration the file is analysed with (e.g. whether NetworkPolicies are required). */
  readonly settings: EngineSettings;
  readonly report: (finding: ReportInput) => void;
}

export interface FindingContainer {
  readonly list: ContainerList;
  readonly index: number;
  readonly name: string | undefined;
  readonly path: Path;
}

export interface Suppression {
  readonly by: 'annotation' | 'comment' | 'settings';
  readonly reason: string | undefined;
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly object: ObjectRef;
  /** Path from the document root to the object (inside a `kind: List`, `['items', i]`). */
  readonly objectPath: Path;
  readonly container?: FindingContainer;
  readonly fix?: Fix;
  /** Set when an in-manifest or settings suppression hides this finding. */
  readonly suppressed?: Suppression;
}
