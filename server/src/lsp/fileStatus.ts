/** What the client's status bar shows for a document, sent after its diagnostics (FileStatusNotification). */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { FileAnalysis } from '../analysis/fileAnalysis';
import { filePolicy } from '../analysis/filePolicy';
import type { EngineSettings } from '../analysis/settings';
import type { WorkspaceView } from '../analysis/workspaceView';
import type { FileStatusNotification } from '../protocol';

/**
 * `published` are the diagnostics shown in the Problems panel (suppressed findings excluded); the policy
 * is read from the same workspace view the rules ran against, so it names what the findings were checked at.
 */
export function fileStatus(
  doc: { readonly uri: string; readonly version: number },
  analysis: FileAnalysis,
  settings: EngineSettings,
  published: readonly Diagnostic[],
  workspace: WorkspaceView,
): FileStatusNotification.Params {
  const count = (severity: DiagnosticSeverity): number => published.filter((d) => d.severity === severity).length;
  return {
    uri: doc.uri,
    version: doc.version,
    findings: published.length,
    suppressed: analysis.findings.filter((f) => f.suppressed).length,
    ...(analysis.skipped ? { skipped: analysis.skipped.reason } : {}),
    bySeverity: {
      error: count(DiagnosticSeverity.Error),
      warning: count(DiagnosticSeverity.Warning),
      information: count(DiagnosticSeverity.Information),
      hint: count(DiagnosticSeverity.Hint),
    },
    podSecurity: filePolicy(analysis.parsed, settings.podSecurity, workspace),
    objects: analysis.parsed.documents.reduce((n, d) => n + d.objects.length, 0),
  };
}
