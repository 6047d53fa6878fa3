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

export class WorkspaceIndex {
  private readonly disk = new Map<string, ParsedFile>();
  private readonly open = new Map<string, ParsedFile>();
  private cached: IndexedView | undefined;
  /** Increments on every change; analyses remember the version they ran against. */
  version = 0;

  setOpen(uri: string, parsed: ParsedFile): void {
    if (this.open.get(uri) === parsed) return;
    this.open.set(uri, parsed);
    this.changed();
  }

  closeOpen(uri: string): void {
    if (this.open.delete(uri)) this.changed();
  }

  setDisk(uri: string, parsed: ParsedFile): void {
    this.disk.set(uri, parsed);
    if (!this.open.has(uri)) this.changed();
  }

  deleteDisk(uri: string): void {
    if (this.disk.delete(uri) && !this.open.has(uri)) this.changed();
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

  private changed(): void {
    this.version++;
    this.cached = undefined;
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
