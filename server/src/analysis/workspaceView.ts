/** What a rule may ask about the rest of the workspace: objects in other documents and files. */
import type { K8sObject } from '../document/k8sObject';

export interface WorkspaceView {
  /** Labels of the Namespace manifest with this name, if the workspace has one. */
  namespaceLabels(namespace: string): ReadonlyMap<string, string> | undefined;
  /** Every object of a kind across the workspace (open documents and indexed files). */
  objectsOfKind(kind: string): readonly K8sObject[];
}

/** A view over a fixed set of objects: one file in the CLI or in tests, or the merged workspace index. */
export function workspaceOf(objects: Iterable<K8sObject>): WorkspaceView {
  const byKind = new Map<string, K8sObject[]>();
  for (const o of objects) {
    const list = byKind.get(o.kind) ?? [];
    list.push(o);
    byKind.set(o.kind, list);
  }
  return {
    namespaceLabels(namespace) {
      const ns = byKind.get('Namespace')?.find((o) => o.name === namespace);
      return ns?.stringMap(['metadata', 'labels']);
    },
    objectsOfKind(kind) {
      return byKind.get(kind) ?? [];
    },
  };
}
