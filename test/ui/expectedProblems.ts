/**
 * What the Problems panel must list for a file: the engine's findings for it, as the language server
 * publishes them. The UI test compares against the engine instead of a frozen list, so it keeps holding
 * as rule groups add findings to the examples; the foundation findings are pinned separately.
 */
import { analyzeText, parseForAnalysis } from '../../server/src/analysis/fileAnalysis';
import { workspaceOf } from '../../server/src/analysis/workspaceView';
import { toEngineSettings } from '../../server/src/lsp/settings';

export interface ExpectedProblem {
  /** The marker icon the Problems panel shows. */
  readonly icon: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly code: string;
  /** 1-based, as the panel's `[Ln l, Col c]`. */
  readonly line: number;
  readonly column: number;
}

const ICON = { error: 'error', warning: 'warning', information: 'info' } as const;

/** What the server makes of a VS Code in which the user has set nothing (the UI test's workbench). */
const NOTHING_SET = toEngineSettings(undefined);

/**
 * The problems of a file with this text (an editor's unsaved text included), with no settings and the
 * other files of the workspace in view, as the server's workspace index has them.
 */
export function expectedProblems(text: string, otherFiles: readonly string[] = []): ExpectedProblem[] {
  const parsed = parseForAnalysis(text);
  const objects = [parsed, ...otherFiles.map((t) => parseForAnalysis(t))].flatMap((p) => p.documents.flatMap((d) => d.objects));
  const analysis = analyzeText(text, { settings: NOTHING_SET, workspace: workspaceOf(objects) }, parsed);
  const problems: ExpectedProblem[] = [];
  for (const f of analysis.findings) {
    // Hints never reach the Problems panel; suppressed findings are published as faded hints only.
    if (f.suppressed || f.severity === 'hint') continue;
    const before = text.slice(0, f.span.start);
    const line = before.split('\n').length;
    problems.push({ icon: ICON[f.severity], message: f.message, code: f.ruleId, line, column: f.span.start - before.lastIndexOf('\n') });
  }
  return problems;
}
