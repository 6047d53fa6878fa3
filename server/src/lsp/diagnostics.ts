/** Findings and YAML problems → LSP diagnostics: source, code = rule id, codeDescription = docs. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { yamlProblemMessage } from '../analysis/messages';
import { suppressedByText } from '../analysis/suppressions';
import type { SyntaxProblem } from '../document/manifestDocument';
import type { LineIndex, Span } from '../document/span';
import { ruleById } from '../rules/catalog';
import { docsUrl } from '../rules/docsUrl';
import type { Finding, Severity } from '../rules/rule';
import { DIAGNOSTIC_SOURCE } from '../protocol';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * A finding as a diagnostic. No `data`: code actions find their finding by rule id (`code`) and range
 * (codeActionsFindings.ts), and at 10,000 lines every byte here is sent about a thousand times on each
 * keystroke (docs/performance.md).
 */
export function findingToDiagnostic(f: Finding, lines: LineIndex): Diagnostic {
  return {
    range: lines.rangeOf(f.span),
    severity: SEVERITY[f.severity],
    source: DIAGNOSTIC_SOURCE,
    code: f.ruleId,
    // Engine notices (unused-suppression) are not catalog rules and have no rule page.
    ...(ruleById(f.ruleId) ? { codeDescription: { href: docsUrl(f.ruleId) } } : {}),
    message: f.message,
  };
}

/**
 * A suppressed finding as a Hint: the editor shows it only as a faint marker with the hover saying what
 * suppressed it and why. Not tagged Unnecessary: fading `privileged: true` would read as "unused code",
 * which a suppressed setting is not.
 */
export function suppressedToDiagnostic(f: Finding, lines: LineIndex): Diagnostic {
  return { ...findingToDiagnostic(f, lines), severity: DiagnosticSeverity.Hint, message: `${suppressedByText(f.suppressed!)}. ${f.message}` };
}

export function problemToDiagnostic(p: SyntaxProblem, lines: LineIndex): Diagnostic {
  return {
    range: lines.rangeOf({ start: p.start, end: p.end }),
    severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: DIAGNOSTIC_SOURCE,
    code: 'yaml-syntax',
    message: yamlProblemMessage(p),
  };
}

export function skippedDiagnostic(skipped: { reason: string; span: Span }, lines: LineIndex): Diagnostic {
  return { range: lines.rangeOf(skipped.span), severity: DiagnosticSeverity.Information, source: DIAGNOSTIC_SOURCE, code: 'file-skipped', message: skipped.reason };
}

/** The one diagnostic of a document whose analysis failed (a bug): says so instead of showing nothing. */
export function analysisFailedDiagnostic(e: unknown): Diagnostic {
  const why = e instanceof Error ? e.message : String(e);
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    code: 'analysis-failed',
    message: `KubeGuard could not analyse this file (an internal error, logged in the KubeGuard output): ${why.slice(0, 200)}`,
  };
}
