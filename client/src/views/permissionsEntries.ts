/**
 * A rules review's rules regrouped the way the Permissions tree shows them: one entry per API group ×
 * resource (× subresource × resourceNames), verbs merged. Each entry is also one rule of the
 * `kubeguard/classifyRbacRules` request, so the server's risk flags land on exactly the entry they are
 * about. Pure: no vscode, unit-tested in plain Node.
 */
import type { RbacRule, RiskFlag, RiskSeverity } from '../../../server/src/protocol';
import type { NonResourceRule } from '../cluster/clusterApi';

export interface PermissionEntry {
  /** '' is the core group, '*' every group. */
  readonly group: string;
  /** `pods`, `*`. */
  readonly resource: string;
  readonly subresource?: string;
  /** Empty: every object. */
  readonly resourceNames: readonly string[];
  readonly verbs: readonly string[];
}

export interface UrlEntry {
  readonly url: string;
  readonly verbs: readonly string[];
}

/** kubectl's order for the common verbs, then the rest alphabetically; `*` first. */
const VERB_ORDER = ['*', 'get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];

export function sortVerbs(verbs: Iterable<string>): string[] {
  const rank = (v: string) => {
    const i = VERB_ORDER.indexOf(v);
    return i < 0 ? VERB_ORDER.length : i;
  };
  return [...new Set(verbs)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** `*` first, then '' (core), then by name. */
export function compareGroups(a: string, b: string): number {
  const rank = (g: string) => (g === '*' ? 0 : g === '' ? 1 : 2);
  return rank(a) - rank(b) || a.localeCompare(b);
}

function compareResources(a: string, b: string): number {
  return (a === '*' ? 0 : 1) - (b === '*' ? 0 : 1) || a.localeCompare(b);
}

export function splitResource(resource: string): { resource: string; subresource?: string } {
  const i = resource.indexOf('/');
  return i < 0 ? { resource } : { resource: resource.slice(0, i), subresource: resource.slice(i + 1) };
}

/** Expands rules into entries (RBAC semantics: every group × every resource of a rule) and merges verbs. */
export function toEntries(rules: readonly RbacRule[]): PermissionEntry[] {
  const merged = new Map<string, { group: string; resource: string; subresource?: string; resourceNames: string[]; verbs: Set<string> }>();
  for (const rule of rules) {
    const names = [...(rule.resourceNames ?? [])].sort();
    for (const group of rule.apiGroups?.length ? rule.apiGroups : ['']) {
      for (const full of rule.resources ?? []) {
        const { resource, subresource } = splitResource(full);
        const key = JSON.stringify([group, resource, subresource ?? null, names]);
        let e = merged.get(key);
        if (!e) merged.set(key, (e = { group, resource, subresource, resourceNames: names, verbs: new Set() }));
        for (const v of rule.verbs) e.verbs.add(v);
      }
    }
  }
  return [...merged.values()]
    .map((e) => ({ group: e.group, resource: e.resource, subresource: e.subresource, resourceNames: e.resourceNames, verbs: sortVerbs(e.verbs) }))
    .sort(
      (a, b) =>
        compareGroups(a.group, b.group) ||
        compareResources(a.resource, b.resource) ||
        (a.subresource ?? '').localeCompare(b.subresource ?? '') ||
        a.resourceNames.join(',').localeCompare(b.resourceNames.join(',')),
    );
}

/** One URL per entry, verbs merged. */
export function toUrlEntries(rules: readonly NonResourceRule[]): UrlEntry[] {
  const merged = new Map<string, Set<string>>();
  for (const rule of rules) {
    for (const url of rule.nonResourceURLs) {
      let verbs = merged.get(url);
      if (!verbs) merged.set(url, (verbs = new Set()));
      for (const v of rule.verbs) verbs.add(v);
    }
  }
  return [...merged].map(([url, verbs]) => ({ url, verbs: sortVerbs(verbs) })).sort((a, b) => a.url.localeCompare(b.url));
}

/** The entry as the one rule the server classifies. */
export function entryRule(e: PermissionEntry): RbacRule {
  return {
    verbs: e.verbs,
    apiGroups: [e.group],
    resources: [e.subresource ? `${e.resource}/${e.subresource}` : e.resource],
    ...(e.resourceNames.length > 0 ? { resourceNames: e.resourceNames } : {}),
  };
}

export function urlRule(e: UrlEntry): RbacRule {
  return { verbs: e.verbs, nonResourceURLs: [e.url] };
}

/** `pods`, `pods/exec`, `deployments.apps` (kubectl's resource.group form). */
export function entryLabel(e: Pick<PermissionEntry, 'group' | 'resource' | 'subresource'>): string {
  const res = e.group && e.group !== '' ? `${e.resource}.${e.group}` : e.resource;
  return e.subresource ? `${res}/${e.subresource}` : res;
}

export function groupLabel(group: string): string {
  return group === '' ? 'core' : group === '*' ? '* (all API groups)' : group;
}

const SEVERITY_RANK: Record<RiskSeverity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

export function worstOf(risks: readonly RiskFlag[]): RiskSeverity | undefined {
  let worst: RiskSeverity | undefined;
  for (const r of risks) if (worst === undefined || SEVERITY_RANK[r.severity] < SEVERITY_RANK[worst]) worst = r.severity;
  return worst;
}

/** Distinct risks (by id), most severe first. */
export function distinctRisks(risks: readonly RiskFlag[]): RiskFlag[] {
  const seen = new Map<string, RiskFlag>();
  for (const r of risks) if (!seen.has(r.id)) seen.set(r.id, r);
  return [...seen.values()].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.title.localeCompare(b.title));
}
