/** Text output: compiler-style lines (1-based, as editors and terminals link them) and a rules table. */
import type { LintReport } from './lint';
import { ruleEntries } from './ruleList';

/** `path:line:col: severity rule-id message`, one line per finding or YAML problem. */
export function lintText(report: LintReport): string {
  const lines: string[] = [];
  for (const file of report.files) {
    if (file.skipped) lines.push(`${file.path}:1:1: information file-skipped ${file.skipped}`);
    const entries = [
      ...file.problems.map((p) => ({ range: p.range, severity: p.severity, id: p.code, message: p.message })),
      ...file.findings.map((f) => ({ range: f.range, severity: f.severity, id: f.ruleId, message: f.template !== undefined ? `${f.message} (template ${f.template})` : f.message })),
    ].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    for (const e of entries) lines.push(`${file.path}:${e.range.start.line + 1}:${e.range.start.character + 1}: ${e.severity} ${e.id} ${e.message}`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** One line for stderr: "3 findings (2 errors, 1 warning) in 2 of 5 files; 1 suppressed; 4 below --min-severity warning". */
export function lintSummary(report: LintReport, below?: { omitted: number; minSeverity: string }): string {
  const all = report.files.flatMap((f) => f.findings);
  const errors = all.filter((f) => f.severity === 'error').length;
  const warnings = all.filter((f) => f.severity === 'warning').length;
  const others = all.length - errors - warnings;
  const withFindings = report.files.filter((f) => f.findings.length > 0).length;
  const yamlErrors = report.files.flatMap((f) => f.problems).filter((p) => p.severity === 'error').length;
  const suppressed = report.files.reduce((n, f) => n + f.suppressed, 0);
  const parts = [`${errors} ${plural(errors, 'error')}`, `${warnings} ${plural(warnings, 'warning')}`, ...(others > 0 ? [`${others} other`] : [])];
  const head = all.length === 0 ? `No findings in ${report.files.length} ${plural(report.files.length, 'file')}` : `${all.length} ${plural(all.length, 'finding')} (${parts.join(', ')}) in ${withFindings} of ${report.files.length} ${plural(report.files.length, 'file')}`;
  const tail = [
    ...(yamlErrors > 0 ? [`${yamlErrors} YAML ${plural(yamlErrors, 'error')}`] : []),
    ...(suppressed > 0 ? [`${suppressed} suppressed`] : []),
    ...(below ? [`${below.omitted} below --min-severity ${below.minSeverity}`] : []),
  ];
  return tail.length > 0 ? `${head}; ${tail.join('; ')}` : head;
}

/** Aligned columns: id, severity, on/off, PSS check, title. */
export function rulesText(): string {
  const rows = ruleEntries().map((r) => [r.id, r.severity, r.enabledByDefault ? 'on' : 'off', r.pssCheck ?? '-', r.title]);
  const header = ['RULE', 'SEVERITY', 'DEFAULT', 'PSS CHECK', 'TITLE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
