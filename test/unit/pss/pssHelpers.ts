/** Runs the engine at one PSS level and version and returns the PSS findings, with their covered text. */
import type { PssLevel } from '../../../server/src/pss/policy';
import { ruleById } from '../../../server/src/rules/catalog';
import type { Finding } from '../../../server/src/rules/rule';
import { analyze } from '../../support/analyze';

export interface PssRun {
  readonly text: string;
  readonly findings: Finding[];
  /** The text under each finding of a rule, in report order. */
  spans(ruleId: string): string[];
  /** The findings of a rule. */
  of(ruleId: string): Finding[];
  /** Distinct rule ids, sorted. */
  ids(): string[];
}

export function pss(text: string, level: PssLevel = 'restricted', version = 'latest'): PssRun {
  const { findings } = analyze(text, { podSecurity: { level, version } });
  const mine = findings.filter((f) => ruleById(f.ruleId)?.pss !== undefined);
  return {
    text,
    findings: mine,
    of: (id) => mine.filter((f) => f.ruleId === id),
    spans: (id) => mine.filter((f) => f.ruleId === id).map((f) => text.slice(f.span.start, f.span.end)),
    ids: () => [...new Set(mine.map((f) => f.ruleId))].sort(),
  };
}
