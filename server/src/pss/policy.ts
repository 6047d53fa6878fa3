/** Pod Security Standards levels and policy versions, and how a workload's effective policy is chosen. */

export type PssLevel = 'privileged' | 'baseline' | 'restricted';

export const PSS_LEVELS: readonly PssLevel[] = ['privileged', 'baseline', 'restricted'];

/**
 * The newest policy version whose checks this engine knows. `latest`, and any newer version, evaluate as
 * this one, as `policy/registry.go` does for versions past the newest `MinimumVersion`.
 */
export const LATEST_MINOR = 37;

/** Who chose the level and version when no Namespace label did: VS Code settings, CLI flags, the `.kubeguard.yaml` file, or nobody. */
export type PolicyOrigin = 'settings' | 'cli' | 'file' | 'default';

/** The user's choice of level and version (settings or CLI flags): the defaults Namespace labels override. */
export interface PolicySettings {
  readonly level: PssLevel;
  /** `latest` or `v1.N`. */
  readonly version: string;
  /** Where they come from, for messages; `settings` when omitted. */
  readonly origin?: PolicyOrigin;
}

/** Where a workload's level and version came from; messages show it so a user can tell why. */
export type PolicySource =
  | { readonly kind: PolicyOrigin }
  | {
      readonly kind: 'namespace';
      readonly namespace: string;
      /** Which of the two came from the Namespace's labels; the other comes from `fallback`. */
      readonly fromLabels: readonly ('level' | 'version')[];
      readonly fallback: PolicyOrigin;
      /** Label values admission cannot parse, with what they are read as (restricted / latest). */
      readonly invalid: readonly string[];
    };

export interface PodSecurityPolicy {
  readonly level: PssLevel;
  /** Minor version of the policy (`v1.N` → N, capped at LATEST_MINOR); `latest` is LATEST_MINOR. */
  readonly minor: number;
  /** As the user wrote it: `latest` or `v1.N` (N may exceed LATEST_MINOR). */
  readonly versionLabel: string;
  readonly source: PolicySource;
}

export function isPssLevel(v: unknown): v is PssLevel {
  return v === 'privileged' || v === 'baseline' || v === 'restricted';
}

/** `latest` → LATEST_MINOR; `v1.N` (or `1.N`) → N capped at LATEST_MINOR; anything else → undefined. */
export function parsePolicyVersion(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const s = v.trim();
  if (s === '' || s === 'latest') return LATEST_MINOR;
  const m = /^v?1\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  return Math.min(Number(m[1]), LATEST_MINOR);
}

/** The `enforce-version` label exactly as admission parses it (`api.ParseVersion`): `latest` or `v1.N`. */
function parseLabelVersion(v: string): number | undefined {
  if (v === 'latest') return LATEST_MINOR;
  const m = /^v1\.(0|[1-9][0-9]*)$/.exec(v);
  return m ? Math.min(Number(m[1]), LATEST_MINOR) : undefined;
}

/** `latest` stays `latest`; a valid version is normalised to `v1.N` as written (even past LATEST_MINOR). */
function versionLabelOf(v: string): string {
  const s = v.trim();
  if (s === '' || s === 'latest') return 'latest';
  const m = /^v?1\.(\d{1,3})$/.exec(s);
  return m ? `v1.${Number(m[1])}` : 'latest';
}

export function levelRank(level: PssLevel): number {
  return PSS_LEVELS.indexOf(level);
}

const ORIGIN_TEXT: Readonly<Record<PolicyOrigin, string>> = { settings: 'settings', cli: 'command line', file: '.kubeguard.yaml', default: 'defaults' };

/**
 * "restricted latest from settings", "baseline v1.30 from namespace "prod" labels",
 * "baseline v1.30 from namespace "prod" enforce label (version from settings)".
 */
export function describePolicy(p: PodSecurityPolicy): string {
  const newer = p.versionLabel !== 'latest' && parsePolicyVersion(p.versionLabel) === LATEST_MINOR && p.versionLabel !== `v1.${LATEST_MINOR}`;
  const version = newer ? `${p.versionLabel} (checked as v1.${LATEST_MINOR}, the newest known)` : p.versionLabel;
  return `${p.level} ${version} from ${describeSource(p.source)}`;
}

function describeSource(s: PolicySource): string {
  if (s.kind !== 'namespace') return ORIGIN_TEXT[s.kind];
  const ns = `namespace "${s.namespace}"`;
  const invalid = s.invalid.length > 0 ? `; ${s.invalid.join(', ')}` : '';
  if (s.fromLabels.length === 2) return `${ns} labels${invalid}`;
  const [which] = s.fromLabels;
  const label = which === 'level' ? 'enforce label' : 'enforce-version label';
  const other = which === 'level' ? 'version' : 'level';
  return `${ns} ${label} (${other} from ${ORIGIN_TEXT[s.fallback]})${invalid}`;
}

/** Labels Pod Security Admission reads on a Namespace. */
export const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
export const ENFORCE_VERSION_LABEL = 'pod-security.kubernetes.io/enforce-version';

/**
 * The effective policy for a workload, as admission would choose it (`api.PolicyToEvaluate`): the user's
 * settings (or CLI flags) play the part of the cluster's defaults, and the `enforce` / `enforce-version`
 * labels of a Namespace manifest in the workspace, for the workload's namespace, each override their
 * half. A label admission cannot parse means `restricted` / `latest`, as admission reads it.
 */
export function effectivePolicy(
  settings: PolicySettings,
  namespace: string | undefined,
  namespaceLabels: ((ns: string) => ReadonlyMap<string, string> | undefined) | undefined,
): PodSecurityPolicy {
  const origin = settings.origin ?? 'settings';
  let level = settings.level;
  let minor = parsePolicyVersion(settings.version) ?? LATEST_MINOR;
  let versionLabel = versionLabelOf(settings.version);
  const labels = namespace !== undefined ? namespaceLabels?.(namespace) : undefined;
  const levelLabel = labels?.get(ENFORCE_LABEL);
  const versionValue = labels?.get(ENFORCE_VERSION_LABEL);
  if (namespace === undefined || (levelLabel === undefined && versionValue === undefined)) {
    return { level, minor, versionLabel, source: { kind: origin } };
  }
  const fromLabels: ('level' | 'version')[] = [];
  const invalid: string[] = [];
  if (levelLabel !== undefined) {
    fromLabels.push('level');
    level = isPssLevel(levelLabel) ? levelLabel : 'restricted';
    if (!isPssLevel(levelLabel)) invalid.push(`invalid ${ENFORCE_LABEL} "${levelLabel}" read as restricted`);
  }
  if (versionValue !== undefined) {
    fromLabels.push('version');
    const parsed = parseLabelVersion(versionValue);
    minor = parsed ?? LATEST_MINOR;
    versionLabel = parsed === undefined ? 'latest' : versionValue;
    if (parsed === undefined) invalid.push(`invalid ${ENFORCE_VERSION_LABEL} "${versionValue}" read as latest`);
  }
  return { level, minor, versionLabel, source: { kind: 'namespace', namespace, fromLabels, fallback: origin, invalid } };
}
