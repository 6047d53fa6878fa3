/**
 * Incremental analysis (issue 7): the findings of each YAML document are kept with what they were
 * computed from, so an edit re-runs the rules only on the documents it touched, plus the documents whose
 * cross-object inputs changed.
 *
 * A document's rule findings are a function of
 *   - its text: entries are keyed by the document's `yaml` parse, which parseManifests reuses exactly
 *     when a document's text is unchanged (also when it moved in the file);
 *   - the settings and rule list: compared by identity (the language server keeps one settings object
 *     per document until something changes);
 *   - the objects of other documents its rules read, only ever through the WorkspaceView: the kinds it
 *     asked for are recorded, with the workspace's version of each kind, and any version that moved
 *     since invalidates the entry (the index moves a kind's version when its content changes anywhere);
 *   - its position: spans are file offsets and findings name their document's index, so a document
 *     that moved gets its cached findings shifted rather than re-run.
 * Suppressions are applied to the whole file's findings afterwards (they read the whole file) and are
 * not cached here.
 */
import type { Document } from 'yaml';
import type { ManifestDocument } from '../document/manifestDocument';
import type { Finding, Rule } from '../rules/rule';
import type { EngineSettings } from './settings';
import { readKey, type WorkspaceView } from './workspaceView';

interface Entry {
  readonly settings: EngineSettings;
  readonly rules: readonly Rule[] | undefined;
  /** Kinds read from the workspace, with the workspace's version of each at the time. */
  readonly reads: ReadonlyMap<string, number>;
  /** Where the document was when `findings` were last placed. */
  start: number;
  index: number;
  findings: readonly Finding[];
}

export interface DocumentRun {
  readonly settings: EngineSettings;
  readonly rules: readonly Rule[] | undefined;
  readonly workspace: WorkspaceView;
  /** Collects the kinds the document's rules read (now or when its cached findings were computed). */
  readonly reads?: Set<string>;
}

export class FindingsCache {
  private entries = new WeakMap<Document.Parsed, Entry>();
  /** How many documents had their rules run: a test hook proving what was reused. */
  evaluations = 0;

  /** `versionOf(kind)`: the workspace's version of a kind (WorkspaceIndex.kindVersion). */
  constructor(private readonly versionOf: (kind: string) => number) {}

  /** The document's findings: cached ones when still valid (shifted to where it is now), else `evaluate`'s. */
  findings(doc: ManifestDocument, run: DocumentRun, evaluate: (workspace: WorkspaceView) => Finding[]): readonly Finding[] {
    const cached = this.entries.get(doc.yaml);
    if (cached && this.valid(cached, run)) {
      for (const k of cached.reads.keys()) run.reads?.add(k);
      return this.placed(cached, doc);
    }
    const reads = new Set<string>();
    const findings = evaluate(recordingView(run.workspace, reads));
    this.evaluations++;
    const versions = new Map<string, number>();
    for (const k of reads) {
      versions.set(k, this.versionOf(k));
      run.reads?.add(k);
    }
    this.entries.set(doc.yaml, { settings: run.settings, rules: run.rules, reads: versions, start: doc.start, index: doc.index, findings });
    return findings;
  }

  /** Forget everything (e.g. the rule set itself changed). */
  clear(): void {
    this.entries = new WeakMap();
  }

  private valid(e: Entry, run: DocumentRun): boolean {
    if (e.settings !== run.settings || e.rules !== run.rules) return false;
    for (const [kind, version] of e.reads) if (this.versionOf(kind) !== version) return false;
    return true;
  }

  private placed(e: Entry, doc: ManifestDocument): readonly Finding[] {
    if (e.start === doc.start && e.index === doc.index) return e.findings;
    const delta = doc.start - e.start;
    const index = doc.index;
    e.findings = e.findings.map((f) => ({
      ...f,
      span: { start: f.span.start + delta, end: f.span.end + delta },
      object: f.object.documentIndex === index ? f.object : { ...f.object, documentIndex: index },
    }));
    e.start = doc.start;
    e.index = index;
    return e.findings;
  }
}

/** The view, recording which kinds (or facets of kinds) are asked for: every cross-object read goes through these two methods. */
export function recordingView(view: WorkspaceView, kinds: Set<string>): WorkspaceView {
  return {
    namespaceLabels(namespace) {
      kinds.add('Namespace');
      return view.namespaceLabels(namespace);
    },
    objectsOfKind(kind, facet) {
      kinds.add(readKey(kind, facet));
      return view.objectsOfKind(kind, facet);
    },
  };
}
