/**
 * Parses what a person types for "who can <verb> <resource>": `pods`, `pods/exec`, `deployments.apps`,
 * `deployments.apps/scale` (kubectl's `resource.group` form), or a non-resource URL such as `/healthz`.
 */
import type { RequestAttributes } from './matching';

export function parseResourceQuery(verb: string, text: string, apiGroup?: string, name?: string): RequestAttributes {
  const query = text.trim();
  if (query.startsWith('/')) return { verb, nonResourceURL: query };
  const slash = query.indexOf('/');
  const typed = slash === -1 ? query : query.slice(0, slash);
  const subresource = slash === -1 ? undefined : query.slice(slash + 1);
  const dot = typed.indexOf('.');
  const resource = dot === -1 ? typed : typed.slice(0, dot);
  const group = apiGroup ?? (dot === -1 ? '' : typed.slice(dot + 1));
  return {
    verb,
    apiGroup: group,
    resource,
    ...(subresource ? { subresource } : {}),
    ...(name ? { name } : {}),
  };
}
