/**
 * The workspace as rules see it: the objects of every open document. Files on disk join this index in
 * the workspace-indexing work; rules only ever see the `WorkspaceView` interface.
 */
import type { K8sObject } from '../document/k8sObject';
import { workspaceOf, type WorkspaceView } from '../analysis/workspaceView';
import type { AnalysisService } from './analysisService';

export class OpenDocumentsIndex {
  private view: WorkspaceView | undefined;

  constructor(
    private readonly service: AnalysisService,
    private readonly openUris: () => readonly string[],
  ) {}

  get(): WorkspaceView {
    this.view ??= workspaceOf(this.objects());
    return this.view;
  }

  /** Called after any document changed; returns true when Namespace labels changed (other files must re-run). */
  refresh(): boolean {
    const before = namespaceFingerprint(this.view);
    this.view = undefined;
    return before !== namespaceFingerprint(this.get());
  }

  private *objects(): Iterable<K8sObject> {
    for (const uri of this.openUris()) {
      const parsed = this.service.parsedOf(uri);
      if (parsed) for (const d of parsed.documents) yield* d.objects;
    }
  }
}

function namespaceFingerprint(view: WorkspaceView | undefined): string {
  if (!view) return '';
  return view
    .objectsOfKind('Namespace')
    .map((ns) => `${ns.name}:${[...ns.stringMap(['metadata', 'labels'])].filter(([k]) => k.startsWith('pod-security.kubernetes.io/')).join(',')}`)
    .sort()
    .join('|');
}
