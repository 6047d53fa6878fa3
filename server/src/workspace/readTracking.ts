/**
 * A WorkspaceView that records which kinds of objects an analysis read. The language server keeps the
 * set per open document and re-runs a document after another file changes only when the change
 * touched a kind it read (see factFingerprint.ts): every cross-file read goes through these methods.
 */
import type { WorkspaceView } from '../analysis/workspaceView';

export function recordingView(view: WorkspaceView, kinds: Set<string>): WorkspaceView {
  return {
    namespaceLabels(namespace) {
      kinds.add('Namespace');
      return view.namespaceLabels(namespace);
    },
    objectsOfKind(kind) {
      kinds.add(kind);
      return view.objectsOfKind(kind);
    },
  };
}
