/**
 * Every Kubernetes object of the workspace: files on disk (indexed in the background) overlaid by open
 * documents (whose unsaved text wins). Rules see it only through the `WorkspaceView` it builds.
 */
import type { K8sObject } from '../document/k8sObject';
import type { ManifestDocument } from '../document/manifestDocument';
import type { ParsedFile } from '../document/parseManifests';
import { workspaceOf, type WorkspaceView } from '../analysis/workspaceView';

export interface IndexedView extends WorkspaceView {
  /** The URI of the file holding an object of this index. */
  uriOf(object: K8sObject): string | undefined;
}

export type FileChangeListener = (uri: string, before: ParsedFile | undefined, after: ParsedFile | undefined) => void;

export class WorkspaceIndex {
  private readonly disk = new Map<string, ParsedFile>();
  private readonly open = new Map<string, ParsedFile>();
  private cached: IndexedView | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly fileListeners = new Set<FileChangeListener>();
  /** Increments on every change; analyses remember the version they ran against. */
  version = 0;

  /** Calls `listener` synchronously after every change; listeners must be cheap (debounce real work). */
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /**
   * Calls `listener` synchronously after a file's effective content (open text, else disk) changed,
   * with its parse before and after (undefined: not in the index). For cross-file re-publishing.
   */
  onDidChangeFile(listener: FileChangeListener): { dispose(): void } {
    this.fileListeners.add(listener);
    return { dispose: () => this.fileListeners.delete(listener) };
  }

  setOpen(uri: string, parsed: ParsedFile): void {
    if (this.open.get(uri) === parsed) return;
    const before = this.parsedOf(uri);
    this.open.set(uri, parsed);
    this.changed(uri, before);
  }

  closeOpen(uri: string): void {
    const before = this.parsedOf(uri);
    if (this.open.delete(uri)) this.changed(uri, before);
  }

  setDisk(uri: string, parsed: ParsedFile): void {
    const before = this.parsedOf(uri);
    this.disk.set(uri, parsed);
    if (!this.open.has(uri)) this.changed(uri, before);
  }

  deleteDisk(uri: string): void {
    const before = this.parsedOf(uri);
    if (this.disk.delete(uri) && !this.open.has(uri)) this.changed(uri, before);
  }

  /** The file's effective parse: the open document's when it is open, else the one from disk. */
  parsedOf(uri: string): ParsedFile | undefined {
    return this.open.get(uri) ?? this.disk.get(uri);
  }

  hasDisk(uri: string): boolean {
    return this.disk.has(uri);
  }

  get fileCount(): number {
    return new Set([...this.disk.keys(), ...this.open.keys()]).size;
  }

  /** Each file once: the open document's parse when it is open, otherwise the file on disk. */
  *files(): Iterable<[string, ParsedFile]> {
    yield* this.open;
    for (const [uri, parsed] of this.disk) if (!this.open.has(uri)) yield [uri, parsed];
  }

  view(): IndexedView {
    this.cached ??= this.build();
    return this.cached;
  }

  private changed(uri: string, before: ParsedFile | undefined): void {
    this.version++;
    this.cached = undefined;
    for (const l of this.listeners) l();
    const after = this.parsedOf(uri);
    for (const l of this.fileListeners) l(uri, before, after);
  }

  private build(): IndexedView {
    const uris = new Map<ManifestDocument, string>();
    const objects: K8sObject[] = [];
    for (const [uri, parsed] of this.files()) {
      for (const d of parsed.documents) {
        uris.set(d, uri);
        objects.push(...d.objects);
      }
    }
    const base = workspaceOf(objects);
    return { ...base, uriOf: (o) => uris.get(o.document) };
  }
}
