/**
 * The "Workspace RBAC" view: effective permissions of the subjects bound in the workspace's manifests,
 * computed by the server. Refreshes when the server announces that the workspace's RBAC objects changed.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { WorkspaceRbacChangedNotification, WorkspaceRbacRequest } from '../../../server/src/protocol';
import type { RiskyFilter } from './rbacFilter';
import { registerWorkspaceRbacActions } from './workspaceRbacActions';
import { childrenOf, treeItemOf, type RbacNode } from './workspaceRbacTree';

export const VIEW_ID = 'kubeguard.workspaceRbac';
export const REFRESH_COMMAND = 'kubeguard.workspaceRbac.refresh';
/** Internal (not in the command palette): the rendered tree, for the extension-host tests. */
export const SNAPSHOT_COMMAND = 'kubeguard.workspaceRbac.snapshot';
/** True when the workspace has no Role, ClusterRole or binding: the welcome view shows. */
export const EMPTY_CONTEXT = 'kubeguard.workspaceRbac.empty';

export class WorkspaceRbacProvider implements vscode.TreeDataProvider<RbacNode>, vscode.Disposable {
  private data: WorkspaceRbacRequest.Result | undefined;
  private loading: Promise<void> | undefined;
  private again = false;
  private failure: string | undefined;
  private readonly changed = new vscode.EventEmitter<RbacNode | undefined>();
  private readonly loaded = new vscode.EventEmitter<WorkspaceRbacRequest.Result>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Fires after every successful load. */
  readonly onDidLoad = this.loaded.event;

  constructor(
    private readonly client: LanguageClient,
    private readonly filter: RiskyFilter,
  ) {}

  get current(): WorkspaceRbacRequest.Result | undefined {
    return this.data;
  }

  /** Resolves when no load is in flight (after a toggle, the tree is current). */
  async whenIdle(): Promise<void> {
    while (this.loading) await this.loading;
  }

  /** Fetches again. Calls during a load share one follow-up load, so the last state (filter, server version) wins. */
  refresh(): Promise<void> {
    if (this.loading) {
      this.again = true;
      return this.loading;
    }
    this.loading = (async () => {
      do {
        this.again = false;
        await this.load();
      } while (this.again);
    })().finally(() => (this.loading = undefined));
    return this.loading;
  }

  /** A server announcement: refresh unless the data is already at least that new. */
  onServerChange(version: number): void {
    if (!this.data || version > this.data.version) void this.refresh();
  }

  async getChildren(node?: RbacNode): Promise<RbacNode[]> {
    if (!node && !this.data && !this.failure) await this.refresh();
    if (!node && this.failure) return [{ type: 'message', id: 'failure', text: 'Could not compute the workspace RBAC', detail: this.failure }];
    return childrenOf(node, this.data, this.filter.onlyRisky);
  }

  getTreeItem(node: RbacNode): vscode.TreeItem {
    return treeItemOf(node);
  }

  dispose(): void {
    this.changed.dispose();
    this.loaded.dispose();
  }

  private async load(): Promise<void> {
    try {
      const params: WorkspaceRbacRequest.Params = { onlyRisky: this.filter.onlyRisky };
      const result = await this.client.sendRequest<WorkspaceRbacRequest.Result>(WorkspaceRbacRequest.method, params);
      this.data = result;
      this.failure = undefined;
      await vscode.commands.executeCommand('setContext', EMPTY_CONTEXT, result.rbacObjects === 0);
      this.changed.fire(undefined);
      this.loaded.fire(result);
    } catch (e) {
      this.failure = e instanceof Error ? e.message : String(e);
      this.changed.fire(undefined);
    }
  }
}

export interface SnapshotNode {
  readonly label: string;
  readonly description?: string;
  readonly icon?: string;
  readonly tooltip?: string;
  readonly command?: vscode.Command;
  readonly children: readonly SnapshotNode[];
}

export function registerWorkspaceRbacView(context: vscode.ExtensionContext, client: LanguageClient, filter: RiskyFilter): WorkspaceRbacProvider {
  const provider = new WorkspaceRbacProvider(client, filter);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  context.subscriptions.push(
    provider,
    view,
    filter.onDidChange(() => void provider.refresh()),
    client.onNotification(WorkspaceRbacChangedNotification.method, (p: WorkspaceRbacChangedNotification.Params) => provider.onServerChange(p.version)),
    vscode.commands.registerCommand(REFRESH_COMMAND, () => provider.refresh()),
    vscode.commands.registerCommand(SNAPSHOT_COMMAND, (opts?: { minRbacObjects?: number; timeoutMs?: number }) => snapshot(provider, opts)),
  );
  registerWorkspaceRbacActions(context, client);
  return provider;
}

/**
 * The tree as rendered (labels, descriptions, icons, tooltips, commands), after waiting for a load with at
 * least `minRbacObjects` RBAC objects when asked (the server indexes the workspace in the background).
 */
async function snapshot(provider: WorkspaceRbacProvider, opts: { minRbacObjects?: number; timeoutMs?: number } = {}): Promise<SnapshotNode[]> {
  await provider.whenIdle();
  const want = opts.minRbacObjects ?? 0;
  const enough = (r: WorkspaceRbacRequest.Result | undefined): boolean => r !== undefined && r.rbacObjects >= want;
  if (!enough(provider.current)) {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        sub.dispose();
        reject(new Error(`Workspace RBAC: expected at least ${want} RBAC objects, have ${provider.current?.rbacObjects ?? 'nothing'}`));
      }, opts.timeoutMs ?? 20_000);
      const sub = provider.onDidLoad((r) => {
        if (!enough(r)) return;
        clearTimeout(timer);
        sub.dispose();
        resolve();
      });
      void provider.refresh();
    });
  }
  const walk = async (node?: RbacNode): Promise<SnapshotNode[]> => {
    const out: SnapshotNode[] = [];
    for (const child of await provider.getChildren(node)) {
      const item = provider.getTreeItem(child);
      out.push({
        label: typeof item.label === 'string' ? item.label : (item.label?.label ?? ''),
        ...(item.description ? { description: String(item.description) } : {}),
        ...(item.iconPath instanceof vscode.ThemeIcon ? { icon: item.iconPath.id } : {}),
        ...(item.tooltip ? { tooltip: typeof item.tooltip === 'string' ? item.tooltip : item.tooltip.value } : {}),
        ...(item.command ? { command: item.command } : {}),
        children: await walk(child),
      });
    }
    return out;
  };
  return walk();
}
