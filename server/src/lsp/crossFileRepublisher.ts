/**
 * Cross-file re-publishing: when a file changes (an open document edited, a file on disk written or
 * deleted), the open documents whose findings it can affect are analysed again and re-published.
 *
 * Which ones: the change's kinds (server/src/workspace/factFingerprint.ts: the kinds whose documents
 * changed in that file) against the kinds each open document's last analysis read from the workspace
 * (recorded by AnalysisService). Typing in a Deployment's containers touches only `Deployment`, which
 * no open workload's rules read, so nothing else is re-run; editing a NetworkPolicy re-runs the open
 * workloads (and Namespaces) that looked at NetworkPolicies.
 *
 * Responsiveness: changes are debounced and merged, then documents are re-analysed one per turn of the
 * event loop, so requests and the edited document's own analysis are never stuck behind a batch.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import type { AnalysisService } from './analysisService';

export const REPUBLISH_DEBOUNCE_MS = 50;

interface Change {
  readonly origin: string;
  readonly kinds: ReadonlySet<string>;
}

export class CrossFileRepublisher {
  private changes: Change[] = [];
  private all = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly queue: string[] = [];
  private pumping = false;
  /** While the initial scan runs, the kinds of the files it indexes are collected and followed at its end. */
  private scanning = false;
  private scanned = new Set<string>();

  constructor(
    index: WorkspaceIndex,
    private readonly service: AnalysisService,
    private readonly openDocuments: () => readonly TextDocument[],
    /** Documents that are not analysed as manifests (the `.kubeguard.yaml` files). */
    private readonly isAnalysed: (uri: string) => boolean,
  ) {
    index.onDidChangeFile((uri, _before, _after, kinds) => this.fileChanged(uri, kinds));
  }

  startScan(): void {
    this.scanning = true;
  }

  /** The scan ended: the open documents that read a kind it indexed run again, once. */
  endScan(): void {
    this.scanning = false;
    if (this.scanned.size > 0) this.changes.push({ origin: '', kinds: this.scanned });
    this.scanned = new Set();
    this.arm();
  }

  /** Settings or `.kubeguard.yaml` changed: every open document runs again. */
  rerunAll(): void {
    this.all = true;
    this.arm();
  }

  /** Called for every change of a file's effective content; cheap unless some kind changed. */
  fileChanged(origin: string, kinds: ReadonlySet<string>): void {
    if (kinds.size === 0) return;
    if (this.scanning && !this.isOpen(origin)) {
      // A scanned file: followed once, at the end of the scan.
      for (const k of kinds) this.scanned.add(k);
      return;
    }
    this.changes.push({ origin, kinds });
    this.arm();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.queue.length = 0;
  }

  private isOpen(uri: string): boolean {
    return this.openDocuments().some((d) => d.uri === uri);
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, REPUBLISH_DEBOUNCE_MS);
  }

  /** The open documents the accumulated changes affect, queued for re-analysis. */
  private flush(): void {
    const changes = this.changes;
    const all = this.all;
    this.changes = [];
    this.all = false;
    for (const doc of this.openDocuments()) {
      if (!this.isAnalysed(doc.uri) || this.queue.includes(doc.uri)) continue;
      if (all || affects(changes, doc.uri, this.service.readsOf(doc.uri))) this.queue.push(doc.uri);
    }
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0) {
        const uri = this.queue.shift()!;
        const doc = this.openDocuments().find((d) => d.uri === uri);
        if (doc) await this.service.refresh(doc);
        // One document per turn of the event loop: pending requests and edits go first.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      this.pumping = false;
    }
  }
}

/**
 * Whether any change from another file touched a kind the document read. A document not analysed yet
 * (no reads recorded) is analysed on its own schedule, with the current index.
 */
export function affects(changes: readonly Change[], uri: string, reads: ReadonlySet<string> | undefined): boolean {
  if (!reads) return false;
  return changes.some((c) => c.origin !== uri && [...c.kinds].some((k) => reads.has(k)));
}
