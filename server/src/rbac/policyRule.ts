/**
 * The RBAC PolicyRule as the authorizer reads it, plus where each entry is written when it comes from a
 * manifest (so a diagnostic or a tree node can point at the exact verb or resource).
 */
import type { Span } from '../document/span';

/** The wire shape of a rule: a Role's `rules[i]` or a SelfSubjectRulesReview rule. Lists may be absent. */
export interface RuleLike {
  readonly verbs: readonly string[];
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly resourceNames?: readonly string[];
  readonly nonResourceURLs?: readonly string[];
}

/** Spans of a rule and of each entry of its lists (index-aligned with the lists). */
export interface RuleSpans {
  readonly rule: Span;
  readonly verbs: readonly (Span | undefined)[];
  readonly apiGroups: readonly (Span | undefined)[];
  readonly resources: readonly (Span | undefined)[];
  readonly resourceNames: readonly (Span | undefined)[];
  readonly nonResourceURLs: readonly (Span | undefined)[];
}

export interface PolicyRule {
  readonly verbs: readonly string[];
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly resourceNames: readonly string[];
  readonly nonResourceURLs: readonly string[];
  readonly spans?: RuleSpans;
}

export const ALL = '*';

export function normalizeRule(rule: RuleLike): PolicyRule {
  return {
    verbs: rule.verbs ?? [],
    apiGroups: rule.apiGroups ?? [],
    resources: rule.resources ?? [],
    resourceNames: rule.resourceNames ?? [],
    nonResourceURLs: rule.nonResourceURLs ?? [],
  };
}

/** Same lists in the same order: how the aggregation controller de-duplicates rules (`ruleExists`). */
export function sameRule(a: PolicyRule, b: PolicyRule): boolean {
  return (
    sameList(a.verbs, b.verbs) &&
    sameList(a.apiGroups, b.apiGroups) &&
    sameList(a.resources, b.resources) &&
    sameList(a.resourceNames, b.resourceNames) &&
    sameList(a.nonResourceURLs, b.nonResourceURLs)
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** `pods/exec` → `{ resource: 'pods', subresource: 'exec' }`. */
export function splitResource(combined: string): { resource: string; subresource?: string } {
  const slash = combined.indexOf('/');
  return slash === -1 ? { resource: combined } : { resource: combined.slice(0, slash), subresource: combined.slice(slash + 1) };
}
