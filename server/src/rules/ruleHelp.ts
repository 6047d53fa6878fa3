/**
 * A rule's help, built from the catalog only: what it checks, why it matters, the fix and the docs link.
 * One source for the editor hover and the CLI's SARIF `help`, so both say exactly what the docs page says.
 */
import { conceptById } from './concepts';
import { docsUrl } from './docsUrl';
import type { PssBinding, RuleMeta } from './rule';

/** `Pod Security Standards baseline, control "Privileged Containers" (check privileged)`. */
export function pssControlText(pss: PssBinding): string {
  const since = pss.since > 0 ? `, from policy v1.${pss.since}` : '';
  return `Pod Security Standards ${pss.level}, control "${pss.control}" (check ${pss.check}${since})`;
}

/** Fix titles the rule's findings offer as quick-fixes, as far as the catalog says. */
function quickFixTitles(rule: RuleMeta): string[] {
  return [...(rule.fix ? [rule.fix.title] : []), ...(rule.codeActions ?? [])];
}

/** Markdown sections, without the title line: callers (hover, SARIF) put their own heading first. */
export function ruleHelpMarkdown(rule: RuleMeta): string {
  const fixes = quickFixTitles(rule);
  const fixLine = fixes.length > 0 ? ` Quick-fix: ${fixes.map((t) => `*${escapeMarkdown(t)}*`).join(', ')}.` : '';
  return [
    ...(rule.pss ? [`${escapeMarkdown(pssControlText(rule.pss))}.`] : []),
    `**What it checks.** ${escapeMarkdown(rule.description)}`,
    `**Why it matters.** ${escapeMarkdown(rule.rationale)}`,
    `**How to fix.** ${escapeMarkdown(rule.remediation)}${fixLine}`,
    `[Rule documentation](${docsUrl(rule.id)})`,
  ].join('\n\n');
}

/** The same help as plain text (SARIF `help.text`, terminals). */
export function ruleHelpText(rule: RuleMeta): string {
  const fixes = quickFixTitles(rule);
  return [
    ...(rule.pss ? [`${pssControlText(rule.pss)}.`] : []),
    `What it checks: ${rule.description}`,
    `Why it matters: ${rule.rationale}`,
    `How to fix: ${rule.remediation}${fixes.length > 0 ? ` Quick-fix in the editor: ${fixes.join(', ')}.` : ''}`,
    `Documentation: ${docsUrl(rule.id)}`,
  ].join('\n\n');
}

/** Concept ids with their titles, e.g. `SEC-PRIVILEGED (privileged containers)`. */
export function conceptTexts(rule: RuleMeta): string[] {
  return rule.concepts.map((id) => `${id} (${conceptById(id)?.title ?? 'unknown concept'})`);
}

/**
 * Catalog prose uses backticks for field names (kept: they render as code) but may contain characters
 * Markdown would read as emphasis or HTML; those are escaped outside code spans.
 */
export function escapeMarkdown(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/([\\*_[\]<>])/g, '\\$1')))
    .join('');
}
