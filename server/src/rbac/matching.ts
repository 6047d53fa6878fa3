/**
 * Does a rule allow a request? The same predicates as the Kubernetes RBAC authorizer
 * (`pkg/apis/rbac/v1/evaluation_helpers.go`): `*` matches every verb, API group and resource (subresources
 * included); `*∕sub` matches that subresource of every resource; `resourceNames` restrict to named objects
 * (an empty list allows all); a non-resource URL ending in `*` is a prefix match.
 */
import { ALL, type PolicyRule } from './policyRule';

/** A resource request (`get pods/log` in a namespace) or a non-resource request (`get /healthz`). */
export interface RequestAttributes {
  readonly verb: string;
  readonly apiGroup?: string;
  readonly resource?: string;
  readonly subresource?: string;
  /** The object's name; requests without one (list, create, deletecollection) match only rules without resourceNames. */
  readonly name?: string;
  readonly nonResourceURL?: string;
}

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === ALL || v === verb);
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return rule.apiGroups.some((g) => g === ALL || g === group);
}

/** One entry of `resources` against `resource[/subresource]`. */
export function resourceEntryMatches(entry: string, resource: string, subresource?: string): boolean {
  if (entry === ALL) return true;
  const combined = subresource ? `${resource}/${subresource}` : resource;
  if (entry === combined) return true;
  return subresource !== undefined && subresource !== '' && entry === `*/${subresource}`;
}

export function resourceMatches(rule: PolicyRule, resource: string, subresource?: string): boolean {
  return rule.resources.some((r) => resourceEntryMatches(r, resource, subresource));
}

export function resourceNameMatches(rule: PolicyRule, name: string | undefined): boolean {
  if (rule.resourceNames.length === 0) return true;
  return name !== undefined && rule.resourceNames.includes(name);
}

export function nonResourceURLEntryMatches(entry: string, url: string): boolean {
  if (entry === ALL || entry === url) return true;
  return entry.endsWith('*') && url.startsWith(entry.replace(/\*+$/, ''));
}

export function ruleAllows(rule: PolicyRule, request: RequestAttributes): boolean {
  if (!verbMatches(rule, request.verb)) return false;
  if (request.nonResourceURL !== undefined) return rule.nonResourceURLs.some((u) => nonResourceURLEntryMatches(u, request.nonResourceURL!));
  if (request.resource === undefined) return false;
  return (
    apiGroupMatches(rule, request.apiGroup ?? '') &&
    resourceMatches(rule, request.resource, request.subresource) &&
    resourceNameMatches(rule, request.name)
  );
}

/**
 * Whether the rule would allow the request for *some* object names: it matches in every respect but its
 * `resourceNames`. Who-can lists such grants too, marked as restricted to those names.
 */
export function ruleAllowsSomeNames(rule: PolicyRule, request: RequestAttributes): boolean {
  return request.name === undefined && rule.resourceNames.length > 0 && ruleAllows({ ...rule, resourceNames: [] }, request);
}
