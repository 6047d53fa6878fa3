/**
 * Classifies one RBAC rule with the risk rule set. Each match says which entries of the rule's lists
 * triggered it, so a manifest diagnostic can underline the offending verb or resource.
 */
import { resourceEntryMatches } from '../matching';
import { ALL, normalizeRule, splitResource, type PolicyRule, type RuleLike } from '../policyRule';
import { ANY_GROUP, SEVERITY_ORDER, type GrantPattern, type RiskRule, type RiskScope, type RiskSeverity } from './riskRule';
import { RISK_RULES } from './riskRules';
import { remember } from '../../util/remember';

/** Indices into the rule's `verbs`, `resources` and `apiGroups` of the entries that make it risky. */
export interface RiskTrigger {
  readonly verbs: readonly number[];
  readonly resources: readonly number[];
  readonly apiGroups: readonly number[];
}

/** A risk flag (the protocol's `RiskFlag` fields) plus what triggered it. */
export interface RiskMatch {
  readonly id: string;
  readonly severity: RiskSeverity;
  readonly title: string;
  readonly reason: string;
  readonly trigger: RiskTrigger;
}

/** The risks of a rule granted in `scope`, most severe first; empty when none. */
export function classifyRule(input: RuleLike | PolicyRule, scope: RiskScope, rules: readonly RiskRule[] = RISK_RULES): RiskMatch[] {
  // Roles repeat the same rules (get/list/watch on pods, …) and every role of a workspace is classified:
  // the answer depends only on the lists, so it is kept per list contents (a copy of the list is returned;
  // the matches are read-only).
  const rule = normalizeRule(input);
  const key = `${scope}\n${JSON.stringify([rule.verbs, rule.apiGroups, rule.resources, rule.resourceNames, rule.nonResourceURLs])}`;
  let known = classified.get(rules);
  if (!known) {
    known = new Map();
    classified.set(rules, known);
  }
  return [...remember(known, key, MAX_CLASSIFIED, () => classifyUncached(rule, scope, rules))];
}

const classified = new WeakMap<readonly RiskRule[], Map<string, readonly RiskMatch[]>>();
const MAX_CLASSIFIED = 10_000;

function classifyUncached(rule: PolicyRule, scope: RiskScope, rules: readonly RiskRule[]): RiskMatch[] {
  const matches: { risk: RiskRule; trigger: RiskTrigger; order: number }[] = [];
  rules.forEach((risk, order) => {
    if (risk.resourceNamesMitigate && rule.resourceNames.length > 0) return;
    const trigger = 'wildcards' in risk.test ? wildcardTrigger(rule, risk.test.wildcards) : grantsTrigger(rule, risk.test.grants);
    if (trigger) matches.push({ risk, trigger, order });
  });
  const overriding = matches.filter((m) => m.risk.supersedes === 'all');
  const kept = overriding.length > 0 ? overriding : dropSuperseded(matches);
  return kept
    .sort((a, b) => rank(a.risk.severity[scope]) - rank(b.risk.severity[scope]) || a.order - b.order)
    .map(({ risk, trigger }) => ({ id: risk.id, severity: risk.severity[scope], title: risk.title, reason: risk.reason, trigger }));
}

/** The most severe of some flags, if any. */
export function maxSeverity(flags: readonly { readonly severity: RiskSeverity }[]): RiskSeverity | undefined {
  let best: RiskSeverity | undefined;
  for (const f of flags) if (best === undefined || rank(f.severity) < rank(best)) best = f.severity;
  return best;
}

export function rank(s: RiskSeverity): number {
  return SEVERITY_ORDER.indexOf(s);
}

function dropSuperseded<T extends { risk: RiskRule }>(matches: T[]): T[] {
  const superseded = new Set(matches.flatMap((m) => (m.risk.supersedes === undefined || m.risk.supersedes === 'all' ? [] : m.risk.supersedes)));
  return matches.filter((m) => !superseded.has(m.risk.id));
}

function wildcardTrigger(rule: PolicyRule, fields: readonly ('verbs' | 'resources' | 'apiGroups')[]): RiskTrigger | undefined {
  const at = { verbs: [] as number[], resources: [] as number[], apiGroups: [] as number[] };
  for (const field of fields) {
    const hits = indicesWhere(rule[field], (v) => v === ALL);
    if (hits.length === 0) return undefined;
    at[field] = hits;
  }
  return at;
}

function grantsTrigger(rule: PolicyRule, patterns: readonly GrantPattern[]): RiskTrigger | undefined {
  const verbs = new Set<number>();
  const resources = new Set<number>();
  const apiGroups = new Set<number>();
  for (const p of patterns) {
    const v = indicesWhere(rule.verbs, (e) => e === ALL || p.verbs.includes(e));
    const r = indicesWhere(rule.resources, (e) => p.resources.some((target) => resourceCovers(e, target)));
    const g = indicesWhere(rule.apiGroups, (e) => e === ALL || p.apiGroups.includes(ANY_GROUP) || p.apiGroups.includes(e));
    if (v.length === 0 || r.length === 0 || g.length === 0) continue;
    v.forEach((i) => verbs.add(i));
    r.forEach((i) => resources.add(i));
    g.forEach((i) => apiGroups.add(i));
  }
  if (verbs.size === 0) return undefined;
  return { verbs: [...verbs].sort(byNumber), resources: [...resources].sort(byNumber), apiGroups: [...apiGroups].sort(byNumber) };
}

/** Whether a rule's `resources` entry grants the pattern's target (see `GrantPattern`). */
function resourceCovers(entry: string, target: string): boolean {
  if (target === ALL) return entry === ALL;
  if (target.endsWith('/*')) {
    const base = target.slice(0, -2);
    return entry === ALL || entry === base || entry.startsWith(`${base}/`) || entry.startsWith('*/');
  }
  const { resource, subresource } = splitResource(target);
  return resourceEntryMatches(entry, resource, subresource);
}

function indicesWhere(list: readonly string[], test: (v: string) => boolean): number[] {
  const out: number[] = [];
  list.forEach((v, i) => {
    if (test(v)) out.push(i);
  });
  return out;
}

function byNumber(a: number, b: number): number {
  return a - b;
}
