/**
 * Tells whether the workspace's RBAC facts may have changed: compares, per file, the text and position of
 * every document holding a Role, ClusterRole, binding or ServiceAccount. Edits elsewhere (a Deployment)
 * leave it equal, so views are not refreshed for nothing.
 */
import type { K8sObject } from '../document/k8sObject';
import { REPORT_KINDS, type ObjectsByKind } from './workspaceReport';

export function rbacFingerprint(view: ObjectsByKind & { uriOf(object: K8sObject): string | undefined }): string[] {
  const out: string[] = [];
  for (const kind of REPORT_KINDS) {
    for (const o of view.objectsOfKind(kind)) {
      out.push(`${kind}\u0000${view.uriOf(o) ?? ''}\u0000${o.document.start}\u0000${o.pathInDocument.join('.')}\u0000${o.document.text}`);
    }
  }
  return out;
}

export function sameFingerprint(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
