/**
 * The workspace's objects by kind, merged over files on demand and kept until a file's objects of that
 * kind change. A list that is still valid is returned as the same array, which is what rule caches key
 * on (WeakMap by list): an edit inside a Deployment leaves the NetworkPolicy and RBAC lists, and the
 * facts derived from them, as they were.
 */
import type { K8sObject } from '../document/k8sObject';
import type { ParsedFile } from '../document/parseManifests';

export type ObjectsByKind = ReadonlyMap<string, readonly K8sObject[]>;

const NO_OBJECTS: ObjectsByKind = new Map();
const byFile = new WeakMap<ParsedFile, ObjectsByKind>();

/** A file's objects grouped by kind, in file order (computed once per parse). */
export function objectsByKind(file: ParsedFile | undefined): ObjectsByKind {
  if (!file) return NO_OBJECTS;
  let out = byFile.get(file);
  if (!out) {
    const m = new Map<string, K8sObject[]>();
    for (const d of file.documents) {
      for (const o of d.objects) {
        const list = m.get(o.kind);
        if (list) list.push(o);
        else m.set(o.kind, [o]);
      }
    }
    out = m;
    byFile.set(file, out);
  }
  return out;
}

export class KindLists {
  private readonly merged = new Map<string, readonly K8sObject[]>();
  private namespaces: { list: readonly K8sObject[]; labels: Map<string, ReadonlyMap<string, string> | undefined> } | undefined;

  /** `files` yields every effective parse in a stable order (the merged lists follow it). */
  constructor(private readonly files: () => Iterable<ParsedFile>) {}

  get(kind: string): readonly K8sObject[] {
    let list = this.merged.get(kind);
    if (!list) {
      const out: K8sObject[] = [];
      for (const f of this.files()) {
        const own = objectsByKind(f).get(kind);
        if (own) for (const o of own) out.push(o);
      }
      list = out;
      this.merged.set(kind, list);
    }
    return list;
  }

  /** Labels of the first Namespace of that name, read once per Namespace list. */
  namespaceLabels(namespace: string): ReadonlyMap<string, string> | undefined {
    const list = this.get('Namespace');
    if (this.namespaces?.list !== list) this.namespaces = { list, labels: new Map() };
    const labels = this.namespaces.labels;
    if (!labels.has(namespace)) labels.set(namespace, list.find((o) => o.name === namespace)?.stringMap(['metadata', 'labels']));
    return labels.get(namespace);
  }

  /**
   * One file's objects changed from `before` to `after`: the merged lists of the kinds whose objects
   * differ (by identity: a re-parsed document is new objects even with the same text) are dropped.
   */
  fileChanged(before: ObjectsByKind, after: ObjectsByKind): void {
    for (const [kind, list] of before) if (!sameObjects(list, after.get(kind))) this.merged.delete(kind);
    for (const kind of after.keys()) if (!before.has(kind)) this.merged.delete(kind);
  }
}

function sameObjects(a: readonly K8sObject[], b: readonly K8sObject[] | undefined): boolean {
  return b !== undefined && a.length === b.length && a.every((o, i) => o === b[i]);
}
