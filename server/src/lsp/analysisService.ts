/**
 * Keeps one analysis per open document version and publishes its diagnostics. Work for a document is
 * coalesced: a burst of edits is analysed once, at its latest version, on the next turn of the event loop.
 *
 * Analyses are incremental (docs/performance.md): the parse reuses every document whose text did not
 * change (on open, the workspace index's parse of the same file), and the findings cache re-runs rules
 * only on documents that changed or whose cross-object inputs did, so an edit costs about one document.
 */
import type { Connection, Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeParsed, parseForAnalysis, type FileAnalysis } from '../analysis/fileAnalysis';
import { FindingsCache } from '../analysis/findingsCache';
import type { EngineSettings } from '../analysis/settings';
import type { ParsedFile } from '../document/parseManifests';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { FileStatusNotification } from '../protocol';
import { analysisFailedDiagnostic, findingToDiagnostic, problemToDiagnostic, skippedDiagnostic, suppressedToDiagnostic } from './diagnostics';
import { describeError } from './guard';
import { fileStatus } from './fileStatus';

export interface AnalysisEntry {
  readonly version: number;
  readonly settings: EngineSettings;
  /** Workspace index version the analysis ran against. */
  readonly workspaceVersion: number;
  readonly analysis: FileAnalysis;
  /** Kinds of objects of other files the analysis read (cross-file re-publishing compares them). */
  readonly reads: ReadonlySet<string>;
}

export class AnalysisService {
  private readonly entries = new Map<string, AnalysisEntry>();
  private readonly pending = new Map<string, NodeJS.Immediate>();
  /** Rule findings per YAML document, shared by every open document (see findingsCache.ts). */
  readonly findings: FindingsCache;
  /** The document's path relative to its workspace folder, for `kubeguard.exclude` patterns. */
  pathOf: (uri: string) => string | undefined = () => undefined;
  /** Called after each publish (the idle collector listens). */
  onPublished: () => void = () => undefined;

  constructor(
    private readonly connection: Connection,
    private readonly settingsFor: (uri: string) => Promise<EngineSettings>,
    private readonly index: WorkspaceIndex,
  ) {
    this.findings = new FindingsCache((kind) => index.kindVersion(kind));
  }

  /** The analysis of the document at its current version, computed now if it is stale. */
  async current(doc: TextDocument): Promise<AnalysisEntry> {
    const settings = await this.settingsFor(doc.uri);
    const entry = this.entries.get(doc.uri);
    if (entry && entry.version === doc.version && entry.settings === settings && entry.workspaceVersion === this.index.version) return entry;
    return this.analyze(doc, settings);
  }

  /** The kinds the document's latest analysis read from the workspace; undefined before its first analysis. */
  readsOf(uri: string): ReadonlySet<string> | undefined {
    return this.entries.get(uri)?.reads;
  }

  /** Analyses and publishes the document now (a pending scheduled run is replaced by this one). */
  refresh(doc: TextDocument): Promise<void> {
    const existing = this.pending.get(doc.uri);
    if (existing) clearImmediate(existing);
    this.pending.delete(doc.uri);
    return this.validateSafely(doc);
  }

  schedule(doc: TextDocument): void {
    const existing = this.pending.get(doc.uri);
    if (existing) clearImmediate(existing);
    this.pending.set(
      doc.uri,
      setImmediate(() => {
        this.pending.delete(doc.uri);
        void this.validateSafely(doc);
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

  /**
   * An analysis that throws costs its document one diagnostic saying so and the output channel one log
   * line, never the server: `schedule` runs this unawaited, and an unhandled rejection would end the process.
   */
  private async validateSafely(doc: TextDocument): Promise<void> {
    try {
      await this.validate(doc);
    } catch (e) {
      this.connection.console.error(`KubeGuard could not analyse ${doc.uri}: ${describeError(e)}`);
      await this.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: [analysisFailedDiagnostic(e)] }).catch(() => undefined);
    }
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
    // Suppressed findings stay visible as hints (no squiggle, not in the Problems panel, shown on hover
    // with the suppression and its reason) and are counted in the status bar: never silently lost.
    const suppressed = analysis.findings.filter((f) => f.suppressed).map((f) => suppressedToDiagnostic(f, lines));
    await this.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: [...diagnostics, ...suppressed] });
    const status = fileStatus(doc, analysis, entry.settings, diagnostics, this.index.view());
    await this.connection.sendNotification(FileStatusNotification.method, status);
    this.onPublished();
  }

  private analyze(doc: TextDocument, settings: EngineSettings): AnalysisEntry {
    const old = this.entries.get(doc.uri);
    const parsed = old && old.version === doc.version ? old.analysis.parsed : this.parse(doc.getText(), old?.analysis.parsed ?? this.index.parsedOf(doc.uri));
    // The index sees this document's new text before the rules run, so same-file facts (a Namespace's
    // labels next to its Deployments) are current; other documents that read what changed are
    // re-published by CrossFileRepublisher, which listens to the index.
    this.index.setOpen(doc.uri, parsed);
    const filePath = this.pathOf(doc.uri);
    const reads = new Set<string>();
    const analysis = analyzeParsed(parsed, { settings, workspace: this.index.view(), cache: this.findings, reads, ...(filePath !== undefined ? { filePath } : {}) });
    const entry = { version: doc.version, settings, workspaceVersion: this.index.version, analysis, reads };
    this.entries.set(doc.uri, entry);
    return entry;
  }

  /**
   * Parses the document's text reusing the documents of `previous` (its last analysis, or on open the
   * index's parse of the file from disk): the same text is the same parse, so opening a file the index
   * has read parses nothing and keeps one copy of its syntax trees, not two.
   */
  private parse(text: string, previous: ParsedFile | undefined): ParsedFile {
    return previous?.text === text ? previous : parseForAnalysis(text, previous);
  }
}
