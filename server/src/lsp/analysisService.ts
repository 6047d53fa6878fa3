/**
 * Keeps one analysis per open document version and publishes its diagnostics. Work for a document is
 * coalesced: a burst of edits is analysed once, at its latest version, on the next turn of the event loop.
 */
import type { Connection, Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText, type FileAnalysis } from '../analysis/fileAnalysis';
import type { EngineSettings } from '../analysis/settings';
import type { WorkspaceView } from '../analysis/workspaceView';
import { FileStatusNotification } from '../protocol';
import { findingToDiagnostic, problemToDiagnostic, skippedDiagnostic } from './diagnostics';

export interface AnalysisEntry {
  readonly version: number;
  readonly settings: EngineSettings;
  readonly analysis: FileAnalysis;
}

export class AnalysisService {
  private readonly entries = new Map<string, AnalysisEntry>();
  private readonly pending = new Map<string, NodeJS.Immediate>();
  /** Called after a document's analysis changed (used to re-run files that depend on it). */
  onDidAnalyze: (uri: string) => void = () => undefined;

  constructor(
    private readonly connection: Connection,
    private readonly settingsFor: (uri: string) => Promise<EngineSettings>,
    private readonly workspace: () => WorkspaceView,
  ) {}

  /** The analysis of the document at its current version, computed now if it is stale. */
  async current(doc: TextDocument): Promise<AnalysisEntry> {
    const settings = await this.settingsFor(doc.uri);
    const entry = this.entries.get(doc.uri);
    if (entry && entry.version === doc.version && entry.settings === settings) return entry;
    return this.analyze(doc, settings);
  }

  schedule(doc: TextDocument): void {
    const existing = this.pending.get(doc.uri);
    if (existing) clearImmediate(existing);
    this.pending.set(
      doc.uri,
      setImmediate(() => {
        this.pending.delete(doc.uri);
        void this.validate(doc);
      }),
    );
  }

  forget(uri: string): void {
    const p = this.pending.get(uri);
    if (p) clearImmediate(p);
    this.pending.delete(uri);
    this.entries.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Drops cached analyses (settings or workspace changed) so the next request recomputes. */
  invalidateAll(except?: string): void {
    for (const uri of [...this.entries.keys()]) {
      if (uri === except) continue;
      const e = this.entries.get(uri)!;
      this.entries.set(uri, { ...e, version: -1 });
    }
  }

  parsedOf(uri: string): FileAnalysis['parsed'] | undefined {
    return this.entries.get(uri)?.analysis.parsed;
  }

  private async validate(doc: TextDocument): Promise<void> {
    const entry = await this.current(doc);
    if (entry.version !== doc.version) return;
    const { analysis } = entry;
    const lines = analysis.parsed.lines;
    const diagnostics: Diagnostic[] = [
      ...analysis.problems.map((p) => problemToDiagnostic(p, lines)),
      ...analysis.findings.filter((f) => !f.suppressed).map((f) => findingToDiagnostic(f, lines)),
      ...(analysis.skipped ? [skippedDiagnostic(analysis.skipped, lines)] : []),
    ];
    await this.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
    const status: FileStatusNotification.Params = {
      uri: doc.uri,
      version: doc.version,
      findings: diagnostics.length,
      suppressed: analysis.findings.filter((f) => f.suppressed).length,
      ...(analysis.skipped ? { skipped: analysis.skipped.reason } : {}),
    };
    await this.connection.sendNotification(FileStatusNotification.method, status);
  }

  private analyze(doc: TextDocument, settings: EngineSettings): AnalysisEntry {
    const previous = this.entries.get(doc.uri)?.analysis.parsed;
    const analysis = analyzeText(doc.getText(), { settings, workspace: this.workspace() }, previous);
    const entry = { version: doc.version, settings, analysis };
    this.entries.set(doc.uri, entry);
    this.onDidAnalyze(doc.uri);
    return entry;
  }
}
