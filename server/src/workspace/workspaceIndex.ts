/**
 * Every Kubernetes object of the workspace: files on disk (indexed in the background) overlaid by open
 * documents (whose unsaved text wins). Rules see it only through the `WorkspaceView` it builds.
 *
 * Built for typing speed (docs/performance.md). The view is one live object, and its per-kind lists
 * keep their identity until a file's objects of that kind change, so the facts rules derive from a list
 * (the RBAC policy, NetworkPolicy and workload facts, bindings by subject) stay cached across edits that
 * do not touch that kind. Each kind also has a version that moves only when the kind's content changes
 * (the texts of the documents holding it, factFingerprint.ts): per-document findings caches compare it.
 */
import type { K8sObject } from '../document/k8sObject';
import type { ManifestDocument } from '../document/manifestDocument';
import type { ParsedFile } from '../document/parseManifests';
import type { WorkspaceView } from '../analysis/workspaceView';
import { changedKinds } from './factFingerprint';
import { KindLists, objectsByKind } from './kindLists';

export interface IndexedView extends WorkspaceView {
  /** The URI of the file holding an object of this index. */
  uriOf(object: K8sObject): string | undefined;
}

/** `kinds`: the kinds whose content the change touched (factFingerprint.ts), computed once for every listener. */
export type FileChangeListener = (uri: string, before: ParsedFile | undefined, after: ParsedFile | undefined, kinds: ReadonlySet<string>) => void;

export class WorkspaceIndex {
  private readonly disk = new Map<string, ParsedFile>();
  private readonly open = new Map<string, ParsedFile>();
  /**
   * The effective parse of each file, in the order files were first seen. The order does not depend on
   * whether a file is open, so opening a file never reorders the view's lists (rules that take the first
   * match would otherwise answer differently with the same content).
   */
  private readonly effective = new Map<string, ParsedFile>();
  private readonly lists = new KindLists(() => this.effective.values());
  private readonly uris = new WeakMap<ManifestDocument, string>();
  private readonly kindVersions = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  private readonly fileListeners = new Set<FileChangeListener>();
  private readonly live: IndexedView = {
    namespaceLabels: (namespace) => this.lists.namespaceLabels(namespace),
    objectsOfKind: (kind) => this.lists.get(kind),
    uriOf: (o) => this.uris.get(o.document),
  };
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
    this.open.set(uri, parsed);
    this.update(uri);
  }

  closeOpen(uri: string): void {
    if (this.open.delete(uri)) this.update(uri);
  }

  setDisk(uri: string, parsed: ParsedFile): void {
    this.disk.set(uri, parsed);
    if (!this.open.has(uri)) this.update(uri);
  }

  deleteDisk(uri: string): void {
    if (this.disk.delete(uri) && !this.open.has(uri)) this.update(uri);
  }

  /** The file's effective parse: the open document's when it is open, else the one from disk. */
  parsedOf(uri: string): ParsedFile | undefined {
    return this.effective.get(uri);
  }

  get fileCount(): number {
    return this.effective.size;
  }

  /** Each file once: the open document's parse when it is open, otherwise the file on disk. */
  files(): Iterable<[string, ParsedFile]> {
    return this.effective.entries();
  }

  /** The workspace as rules see it: always current, the same object for the life of the index. */
  view(): IndexedView {
    return this.live;
  }

  /**
   * Moves whenever the content of this kind's objects changes anywhere in the workspace (a document
   * holding one is edited, added, removed or reordered), and only then: moving a document without
   * changing its text, or editing other kinds, leaves it.
   */
  kindVersion(kind: string): number {
    return this.kindVersions.get(kind) ?? 0;
  }

  private update(uri: string): void {
    const before = this.effective.get(uri);
    const after = this.open.get(uri) ?? this.disk.get(uri);
    if (before === after) return;
    if (after) {
      this.effective.set(uri, after);
      for (const d of after.documents) this.uris.set(d, uri);
    } else this.effective.delete(uri);
    this.lists.fileChanged(objectsByKind(before), objectsByKind(after));
    const kinds = changedKinds(before, after);
    for (const k of kinds) this.kindVersions.set(k, this.kindVersion(k) + 1);
    this.version++;
    for (const l of this.listeners) l();
    for (const l of this.fileListeners) l(uri, before, after, kinds);
  }
}
