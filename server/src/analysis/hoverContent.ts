/**
 * What the editor shows when the pointer rests on a finding: the rule's help from the catalog, once per
 * rule, for the findings under the pointer. Pure: the LSP hover handler (lsp/hover.ts) only converts
 * positions. Nothing is returned where no KubeGuard rule reported, so the hover never adds noise.
 */
import type { Span } from '../document/span';
import { ruleById } from '../rules/catalog';
import { escapeMarkdown, ruleHelpMarkdown } from '../rules/ruleHelp';
import type { Finding, Rule, Severity } from '../rules/rule';
import { SEVERITIES } from '../rules/rule';
import { suppressedByText } from './suppressions';

export interface FindingHover {
  readonly markdown: string;
  /** The narrowest span among the findings shown: what the editor highlights. */
  readonly span: Span;
}

/** Findings of catalog rules whose span holds `offset` (an empty span holds only its own offset). */
export function findingsAt(findings: readonly Finding[], offset: number): Finding[] {
  return findings.filter((f) => ruleById(f.ruleId) !== undefined && f.span.start <= offset && (offset < f.span.end || f.span.start === f.span.end));
}

const SEVERITY_ORDER = (s: Severity): number => SEVERITIES.indexOf(s);

/** The hover for the findings at an offset, or undefined when there is none. */
export function hoverAt(findings: readonly Finding[], offset: number): FindingHover | undefined {
  const here = findingsAt(findings, offset);
  if (here.length === 0) return undefined;
  // Unsuppressed before suppressed, then most severe first: what needs attention leads.
  here.sort((a, b) => Number(a.suppressed !== undefined) - Number(b.suppressed !== undefined) || SEVERITY_ORDER(a.severity) - SEVERITY_ORDER(b.severity));
  const byRule = new Map<string, Finding[]>();
  for (const f of here) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
  const sections = [...byRule.values()].map((group) => ruleSection(ruleById(group[0]!.ruleId)!, group));
  const span = here.reduce((best, f) => (f.span.end - f.span.start < best.end - best.start ? f.span : best), here[0]!.span);
  return { markdown: sections.join('\n\n---\n\n'), span };
}

function ruleSection(rule: Rule, findings: readonly Finding[]): string {
  const severity = findings[0]!.severity;
  const heading = `**KubeGuard: ${escapeMarkdown(rule.title)}** \`${rule.id}\` · ${severity}`;
  const notes = findings.flatMap((f) => (f.suppressed ? [`*${suppressedByText(f.suppressed, escapeMarkdown)}.*`] : []));
  return [heading, ...new Set(notes), ruleHelpMarkdown(rule)].join('\n\n');
}

