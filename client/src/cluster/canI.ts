/**
 * "KubeGuard: Can I…?": parsing what the user typed into a SelfSubjectAccessReview query, and wording
 * the answer. The resource is written as RBAC rules write it: `pods`, `pods/exec` (subresource),
 * `deployments.apps` (resource.group, as kubectl does), or a non-resource URL such as `/healthz`.
 */
import type { AccessAnswer, AccessQuery } from './clusterApi';

export const ALL_NAMESPACES = '*';

export function parseCanI(verb: string, resource: string, namespace: string | undefined, name?: string): AccessQuery | string {
  const v = verb.trim();
  const r = resource.trim();
  if (!/^[a-z*][a-zA-Z*-]*$/.test(v)) return 'The verb is a word such as get, list, create, delete, impersonate or *.';
  if (r.startsWith('/')) return { verb: v, nonResourcePath: r };
  const m = /^([a-z0-9*][a-z0-9-]*|\*)(?:\.([a-z0-9.-]+))?(?:\/([a-z0-9*-]+))?$/.exec(r);
  if (!m) return 'Write the resource as pods, pods/exec, deployments.apps or a URL such as /healthz.';
  const [, res, group, sub] = m;
  const ns = namespace?.trim();
  return {
    verb: v,
    resource: res,
    group: group ?? '',
    subresource: sub,
    name: name?.trim() || undefined,
    namespace: ns && ns !== ALL_NAMESPACES ? ns : undefined,
  };
}

export function describeQuery(q: AccessQuery): string {
  if (q.nonResourcePath) return `${q.verb} ${q.nonResourcePath}`;
  const what = `${q.resource ?? ''}${q.group ? `.${q.group}` : ''}${q.subresource ? `/${q.subresource}` : ''}${q.name ? ` "${q.name}"` : ''}`;
  return `${q.verb} ${what} ${q.namespace ? `in namespace "${q.namespace}"` : 'in all namespaces'}`;
}

/** One line: the answer, then the authorizer's reason (RBAC names the binding that allowed it). */
export function describeAnswer(q: AccessQuery, a: AccessAnswer): string {
  const head = a.allowed ? `Yes: you can ${describeQuery(q)}.` : `No: you cannot ${describeQuery(q)}${a.denied ? ' (explicitly denied)' : ''}.`;
  const reason = a.reason ? ` Reason: ${a.reason}` : a.allowed ? '' : ' No authorizer gave a reason (nothing allows it).';
  const error = a.evaluationError ? ` Evaluation error: ${a.evaluationError}` : '';
  return `${head}${reason}${error}`;
}
