/**
 * Keeps one analysis per open document version and publishes its diagnostics. Work for a document is
 * coalesced: a burst of edits is analysed once, at its latest version, on the next turn of the event loop.
 */
import type { Connection, Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeParsed, parseForAnalysis, type FileAnalysis } from '../analysis/fileAnalysis';
import type { EngineSettings } from '../analysis/settings';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { FileStatusNotification } from '../protocol';
import { findingToDiagnostic, problemToDiagnostic, skippedDiagnostic } from './diagnostics';

export interface AnalysisEntry {
  readonly version: number;
  readonly settings: EngineSettings;
  /** Workspace index version the analysis ran against. */
  readonly workspaceVersion: number;
  readonly analysis: FileAnalysis;
}

export class AnalysisService {
  private readonly entries = new Map<string, AnalysisEntry>();
  private readonly pending = new Map<string, NodeJS.Immediate>();
  /** Called when a document's new text changed the workspace index (other files may depend on it). */
  onDidChangeIndex: (uri: string) => void = () => undefined;

  constructor(
    private readonly connection: Connection,
    private readonly settingsFor: (uri: string) => Promise<EngineSettings>,
    private readonly index: WorkspaceIndex,
  ) {}

  /** The analysis of the document at its current version, computed now if it is stale. */
  async current(doc: TextDocument): Promise<AnalysisEntry> {
    const settings = await this.settingsFor(doc.uri);
    const entry = this.entries.get(doc.uri);
    if (entry && entry.version === doc.version && entry.settings === settings && entry.workspaceVersion === this.index.version) return entry;
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
    this.index.closeOpen(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
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
    const old = this.entries.get(doc.uri);
    const parsed = old && old.version === doc.version ? old.analysis.parsed : parseForAnalysis(doc.getText(), old?.analysis.parsed);
    // The index sees this document's new text before the rules run, so same-file facts (a Namespace's
    // labels next to its Deployments) are current.
    const before = this.index.version;
    this.index.setOpen(doc.uri, parsed);
    if (this.index.version !== before && old) this.onDidChangeIndex(doc.uri);
    const analysis = analyzeParsed(parsed, { settings, workspace: this.index.view() });
    const entry = { version: doc.version, settings, workspaceVersion: this.index.version, analysis };
    this.entries.set(doc.uri, entry);
    return entry;
  }
}
