/** JSON output: the lint report and the rule list as single JSON objects (0-based LSP positions). */
import type { LintReport } from './lint';
import { ruleEntries } from './ruleList';

export function lintJson(report: LintReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function rulesJson(): string {
  return `${JSON.stringify({ rules: ruleEntries() }, null, 2)}\n`;
}
