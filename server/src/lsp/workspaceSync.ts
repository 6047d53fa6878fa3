/**
 * Keeps the workspace index in step with the files on disk: a background scan at start-up (with
 * progress, yielding to the event loop between files so requests are never blocked) and file-watcher
 * events afterwards.
 */
import { FileChangeType, type Connection, type DidChangeWatchedFilesParams } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { parseForAnalysis } from '../analysis/fileAnalysis';
import { DEFAULT_SCAN, isYamlPath, readManifestFile, scanFolder } from '../workspace/scanFolder';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';

export class WorkspaceSync {
  private cancelled = false;

  constructor(
    private readonly connection: Connection,
    private readonly index: WorkspaceIndex,
    /**
     * Called when the index changed because of files on disk (not open documents): once when the
     * start-up scan ends (`scan`), and after each batch of watcher events that changed it (`watched`).
     */
    private readonly onDiskChange: (reason: 'scan' | 'watched') => void,
  ) {}

  async indexFolders(folderUris: readonly string[]): Promise<void> {
    const folders = folderUris.map((u) => URI.parse(u)).filter((u) => u.scheme === 'file');
    if (folders.length === 0) return;
    const progress = await this.connection.window.createWorkDoneProgress().catch(() => undefined);
    progress?.begin('KubeGuard: indexing manifests', 0, undefined, true);
    try {
      const files: string[] = [];
      for (const f of folders) files.push(...(await scanFolder(f.fsPath, { ...DEFAULT_SCAN, isCancelled: () => this.cancelled || progress?.token.isCancellationRequested === true })));
      let done = 0;
      for (const file of files) {
        if (this.cancelled || progress?.token.isCancellationRequested) break;
        await this.indexFile(URI.file(file).toString(), file);
        done++;
        if (done % 25 === 0) {
          progress?.report(Math.round((done / files.length) * 100), `${done}/${files.length} files`);
          await new Promise<void>((r) => setImmediate(r));
        }
      }
    } finally {
      progress?.done();
    }
    this.onDiskChange('scan');
  }

  async onWatchedFiles(params: DidChangeWatchedFilesParams): Promise<void> {
    let changed = false;
    for (const change of params.changes) {
      const uri = URI.parse(change.uri);
      if (uri.scheme !== 'file' || !isYamlPath(uri.fsPath)) continue;
      if (change.type === FileChangeType.Deleted) this.index.deleteDisk(change.uri);
      else await this.indexFile(change.uri, uri.fsPath);
      changed = true;
    }
    if (changed) this.onDiskChange('watched');
  }

  dispose(): void {
    this.cancelled = true;
  }

  private async indexFile(uri: string, fsPath: string): Promise<void> {
    const text = await readManifestFile(fsPath, DEFAULT_SCAN.maxFileBytes);
    if (text === undefined) this.index.deleteDisk(uri);
    else this.index.setDisk(uri, parseForAnalysis(text));
  }
}
