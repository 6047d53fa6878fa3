/**
 * `--min-severity`: a CI gate on errors only should neither print nor fail on hints. Findings (suppressed
 * ones too) and YAML problems below the threshold are dropped from the report before any formatter or
 * the exit code sees it; the count of what was dropped goes to the summary line.
 */
import { SEVERITIES, type Severity } from '../rules/rule';
import type { FileReport, LintReport } from './lint';

/** Whether `s` is `min` or more severe (SEVERITIES is ordered most severe first). */
export function atLeast(s: Severity, min: Severity): boolean {
  return SEVERITIES.indexOf(s) <= SEVERITIES.indexOf(min);
}

export interface FilteredReport {
  readonly report: LintReport;
  /** Visible findings and YAML problems left out for being below the threshold. */
  readonly omitted: number;
}

export function filterBySeverity(report: LintReport, min: Severity): FilteredReport {
  if (min === 'hint') return { report, omitted: 0 };
  let omitted = 0;
  const files = report.files.map((file): FileReport => {
    const findings = file.findings.filter((f) => atLeast(f.severity, min));
    const problems = file.problems.filter((p) => atLeast(p.severity, min));
    const suppressedFindings = file.suppressedFindings.filter((f) => atLeast(f.severity, min));
    omitted += file.findings.length - findings.length + file.problems.length - problems.length;
    return { ...file, findings, problems, suppressedFindings, suppressed: suppressedFindings.length };
  });
  return { report: { files }, omitted };
}
