/** What a rule may ask about the rest of the workspace: objects in other documents and files. */
import type { K8sObject } from '../document/k8sObject';

/**
 * A part of a kind's objects that a reader promises to limit itself to (facets.ts says what each one
 * covers). Incremental analysis records the facet instead of the whole kind, so findings that depend
 * on, say, the pod labels of Deployments are not recomputed when an edit changes only a Deployment's
 * containers. Readers that pass a facet must not read anything outside it.
 */
export type Facet = 'pod-labels';

export interface WorkspaceView {
  /** Labels of the Namespace manifest with this name, if the workspace has one. */
  namespaceLabels(namespace: string): ReadonlyMap<string, string> | undefined;
  /**
   * Every object of a kind across the workspace (open documents and indexed files). With a facet, the
   * same list, but the read is recorded as that facet of the kind only (see Facet).
   */
  objectsOfKind(kind: string, facet?: Facet): readonly K8sObject[];
}

/** How a read is recorded and versioned: the kind, or the kind with a facet (`Deployment#pod-labels`). */
export function readKey(kind: string, facet?: Facet): string {
  return facet === undefined ? kind : `${kind}#${facet}`;
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
