/**
 * "Copy rules as YAML": a namespace's SelfSubjectRulesReview as a Role manifest, so it can be pasted into
 * a workspace (where the Workspace RBAC view and the manifest rules analyse it) or into a ticket.
 *
 * Written by hand in flow style with JSON-quoted strings (valid YAML: JSON strings are YAML double-quoted
 * scalars) rather than with a YAML library, which would add to the client bundle for five fields.
 */
import type { RulesReview } from './clusterApi';

const q = (s: string): string => JSON.stringify(s);
const list = (values: readonly string[]): string => `[${values.map(q).join(', ')}]`;

/** A DNS-1123 name for the Role. */
function roleName(context: string, namespace: string): string {
  const name = `kubeguard-${context}-${namespace}`.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return name.slice(0, 253) || 'kubeguard-rules';
}

export function rulesReviewToYaml(review: RulesReview, context: string): string {
  const lines = [
    `# Rules of context ${q(context)} in namespace ${q(review.namespace)}, from a SelfSubjectRulesReview.`,
    '# A rules review is a hint for user interfaces, not an authority: it may be incomplete.',
  ];
  if (review.incomplete) lines.push(`# INCOMPLETE: the server could not list every rule${review.evaluationError ? `: ${review.evaluationError.replace(/\s+/g, ' ')}` : '.'}`);
  if (review.nonResourceRules.length > 0) {
    lines.push('# Non-resource URLs (cluster-wide, not expressible in a Role):');
    for (const r of review.nonResourceRules) lines.push(`#   ${r.verbs.join(', ')} ${r.nonResourceURLs.join(', ')}`);
  }
  lines.push(
    'apiVersion: rbac.authorization.k8s.io/v1',
    'kind: Role',
    'metadata:',
    `  name: ${q(roleName(context, review.namespace))}`,
    `  namespace: ${q(review.namespace)}`,
  );
  if (review.resourceRules.length === 0) {
    lines.push('rules: []');
  } else {
    lines.push('rules:');
    for (const r of review.resourceRules) {
      lines.push(`  - apiGroups: ${list(r.apiGroups ?? [])}`, `    resources: ${list(r.resources ?? [])}`);
      if (r.resourceNames && r.resourceNames.length > 0) lines.push(`    resourceNames: ${list(r.resourceNames)}`);
      lines.push(`    verbs: ${list(r.verbs)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
