/** Pod Security Standards levels and policy versions, and how a workload's effective policy is chosen. */

export type PssLevel = 'privileged' | 'baseline' | 'restricted';

export const PSS_LEVELS: readonly PssLevel[] = ['privileged', 'baseline', 'restricted'];

/**
 * The newest policy version whose checks this engine knows. `latest`, and any newer version, evaluate as
 * this one, as `policy/registry.go` does for versions past the newest `MinimumVersion`.
 */
export const LATEST_MINOR = 37;

/** Where a workload's level and version came from; messages show it so a user can tell why. */
export type PolicySource =
  | { readonly kind: 'settings' }
  | { readonly kind: 'namespace'; readonly namespace: string }
  | { readonly kind: 'cli' };

export interface PodSecurityPolicy {
  readonly level: PssLevel;
  /** Minor version of the policy (`v1.N` → N); `latest` is LATEST_MINOR. */
  readonly minor: number;
  /** As the user wrote it: `latest` or `v1.N`. */
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

export function levelRank(level: PssLevel): number {
  return PSS_LEVELS.indexOf(level);
}

/** "restricted latest from settings" / "baseline v1.30 from namespace "prod" labels". */
export function describePolicy(p: PodSecurityPolicy): string {
  const version = p.versionLabel === 'latest' ? 'latest' : `v1.${p.minor}`;
  const from =
    p.source.kind === 'namespace' ? `namespace "${p.source.namespace}" labels` : p.source.kind === 'cli' ? 'command line' : 'settings';
  return `${p.level} ${version} from ${from}`;
}

/** Labels Pod Security Admission reads on a Namespace. */
export const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
export const ENFORCE_VERSION_LABEL = 'pod-security.kubernetes.io/enforce-version';

/**
 * The effective policy for a workload. Precedence: the `enforce` labels of a Namespace manifest in the
 * workspace for the workload's namespace (that is what admission will apply), then the user's settings.
 */
export function effectivePolicy(
  settings: { readonly level: PssLevel; readonly version: string },
  namespace: string | undefined,
  namespaceLabels: ((ns: string) => ReadonlyMap<string, string> | undefined) | undefined,
): PodSecurityPolicy {
  const labels = namespace !== undefined ? namespaceLabels?.(namespace) : undefined;
  const enforce = labels?.get(ENFORCE_LABEL);
  if (namespace !== undefined && isPssLevel(enforce)) {
    const versionLabel = labels?.get(ENFORCE_VERSION_LABEL) ?? 'latest';
    const minor = parsePolicyVersion(versionLabel) ?? LATEST_MINOR;
    return { level: enforce, minor, versionLabel: versionLabel === 'latest' ? 'latest' : `v1.${minor}`, source: { kind: 'namespace', namespace } };
  }
  const minor = parsePolicyVersion(settings.version) ?? LATEST_MINOR;
  const versionLabel = settings.version.trim() === '' || settings.version.trim() === 'latest' ? 'latest' : `v1.${minor}`;
  return { level: settings.level, minor, versionLabel, source: { kind: 'settings' } };
}
