/** The engine's view of configuration: plain data, filled from VS Code settings, `.kubeguard.yaml` or CLI flags. */
import type { PolicySettings } from '../pss/policy';
import type { Severity } from '../rules/rule';

export interface RuleSetting {
  readonly enabled?: boolean;
  readonly severity?: Severity;
}

export interface EngineSettings {
  /** Level and version when no Namespace label sets them; `origin` says who chose them (for messages). */
  readonly podSecurity: PolicySettings;
  /** Per-rule overrides by rule id. */
  readonly rules: Readonly<Record<string, RuleSetting>>;
  /** When true, in-manifest suppressions (annotations, comments) are ignored. */
  readonly strict: boolean;
  /** Glob patterns (workspace-relative paths) of files whose findings are all suppressed. */
  readonly exclude?: readonly string[];
  /** Namespaces whose objects' findings are all suppressed. */
  readonly excludeNamespaces?: readonly string[];
  /** Where "Generate NetworkPolicy" writes the policy: a new document after the object, or a new file. */
  readonly networkPolicyPlacement?: NetworkPolicyPlacement;
  /**
   * The team uses NetworkPolicies everywhere: report every workload no NetworkPolicy selects, also in
   * namespaces that have none (by default only namespaces that use NetworkPolicies are checked).
   */
  readonly networkPolicyRequired?: boolean;
}

export type NetworkPolicyPlacement = 'sameFile' | 'newFile';

export const DEFAULT_SETTINGS: EngineSettings = {
  podSecurity: { level: 'restricted', version: 'latest' },
  rules: {},
  strict: false,
};
