/** Wording shared by the Permissions tree's nodes: Markdown escaping, the rules-review caveat, risk text. */
import type { RiskFlag, RiskSeverity } from '../../../server/src/protocol';
import { distinctRisks } from './permissionsEntries';

export const RULES_REVIEW_HINT =
  'A SelfSubjectRulesReview is a hint for user interfaces, not an authority: depending on the authorizers the cluster uses it may be incomplete, and it must not drive authorization decisions. "KubeGuard: Can I…?" asks the authoritative SelfSubjectAccessReview.';

/** Escapes text for a Markdown tooltip (names come from the cluster and the kubeconfig). */
export function md(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`).replace(/\$\(/g, '\\$(');
}

/** A Markdown code span (escapes do not work inside one: backticks are replaced instead). */
export function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

export function risksMarkdown(risks: readonly RiskFlag[]): string {
  return distinctRisks(risks)
    .map((r) => `$(warning) **${md(r.title)}** (${r.severity}): ${md(r.reason)}`)
    .join('\n\n');
}

export function riskSuffix(risks: readonly RiskFlag[]): string {
  const titles = distinctRisks(risks).map((r) => r.title);
  return titles.length > 0 ? ` · ⚠ ${titles.join(', ')}` : '';
}

export function severityColor(s: RiskSeverity): 'error' | 'warning' {
  return s === 'critical' || s === 'high' ? 'error' : 'warning';
}

