/** The engine's view of configuration: plain data, filled from VS Code settings, `.kubeguard.yaml` or CLI flags. */
import type { PssLevel } from '../pss/policy';
import type { Severity } from '../rules/rule';

export interface RuleSetting {
  readonly enabled?: boolean;
  readonly severity?: Severity;
}

export interface EngineSettings {
  readonly podSecurity: { readonly level: PssLevel; readonly version: string };
  /** Per-rule overrides by rule id. */
  readonly rules: Readonly<Record<string, RuleSetting>>;
  /** When true, in-manifest suppressions (annotations, comments) are ignored. */
  readonly strict: boolean;
}

export const DEFAULT_SETTINGS: EngineSettings = {
  podSecurity: { level: 'restricted', version: 'latest' },
  rules: {},
  strict: false,
};
