/**
 * The Permissions view (`kubeguard.permissions`): the live permissions of the current kubeconfig context.
 * The provider owns one cluster session at a time (cached until refresh), starts it when the view is
 * first shown, replaces it on refresh / context switch / kubeconfig or settings change / trust granted,
 * and asks the language server to classify each review for the risk badges.
 */
import * as vscode from 'vscode';
import { CONFIG_SECTION } from '../../../server/src/protocol';
import { DEFAULT_TIMEOUT_MS } from '../cluster/clusterApi';
import { KubeconfigWatcher } from '../cluster/kubeconfigWatcher';
import { PermissionsSession, type SessionInput } from '../cluster/permissionsSession';
import { EMPTY_SNAPSHOT, type PermissionsSnapshot } from '../cluster/snapshot';
import { type PermNode, rootNodes } from './permissionsNodes';
import { registerPermissionsCommands } from './permissionsCommands';
import type { OnlyRiskySource } from './rbacFilter';
import { PermissionsRisks, type RequestSender } from './permissionsRisk';
import { treeItemOf } from './permissionsTree';

export const PERMISSIONS_VIEW_ID = 'kubeguard.permissions';
export const STATE_CONTEXT = 'kubeguard.permissions.state';
export const LOADING_CONTEXT = 'kubeguard.permissions.loading';
const CONTEXT_KEY = 'kubeguard.permissions.context';
const FILTER_KEY = 'kubeguard.permissions.namespaceFilter';
/** Settings that change what a session loads. */
const INPUT_SETTINGS = ['kubeconfig', 'rbac.namespaces', 'cluster.requestTimeoutSeconds'];

export class PermissionsProvider implements vscode.TreeDataProvider<PermNode>, vscode.Disposable {
  private session: PermissionsSession | undefined;
  private sessionSubscription: { dispose(): void } | undefined;
  private loading: Promise<void> | undefined;
  private inputKey = '';
  private shownPhase: string | undefined;
  private readonly risks: PermissionsRisks;
  private readonly changed = new vscode.EventEmitter<PermNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly watcher = new KubeconfigWatcher(() => void this.refresh());
  view: vscode.TreeView<PermNode> | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    client: RequestSender,
    private readonly output: vscode.LogOutputChannel,
    private readonly onlyRisky: OnlyRiskySource,
  ) {
    this.risks = new PermissionsRisks(client, () => this.render(), (m) => this.output.warn(m));
  }

  get snapshot(): PermissionsSnapshot {
    return this.session?.snapshot ?? EMPTY_SNAPSHOT;
  }

  /** Whether "Show only risky" is on for this view. */
  get onlyRiskyShown(): boolean {
    return this.onlyRisky.onlyRisky;
  }

  get currentSession(): PermissionsSession | undefined {
    return this.session;
  }

  /** The context KubeGuard uses instead of the kubeconfig's current-context (never written to the file). */
  get contextOverride(): string | undefined {
    return this.context.workspaceState.get<string>(CONTEXT_KEY);
  }

  async setContextOverride(name: string | undefined): Promise<void> {
    await this.context.workspaceState.update(CONTEXT_KEY, name);
  }

  /** Per context: the namespaces to show (undefined: all). */
  namespaceFilter(contextName: string | undefined): readonly string[] | undefined {
    return this.context.workspaceState.get<Record<string, string[]>>(FILTER_KEY)?.[contextName ?? ''];
  }

  async setNamespaceFilter(contextName: string, names: readonly string[] | undefined): Promise<void> {
    const all = { ...(this.context.workspaceState.get<Record<string, string[]>>(FILTER_KEY) ?? {}) };
    if (names && names.length > 0) all[contextName] = [...names];
    else delete all[contextName];
    await this.context.workspaceState.update(FILTER_KEY, all);
    this.session?.setFilter(names && names.length > 0 ? names : undefined);
  }

  private inputs(): SessionInput {
    const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
    const trusted = vscode.workspace.isTrusted;
    const seconds = config.get<number>('cluster.requestTimeoutSeconds');
    const override = this.contextOverride;
    return {
      trusted,
      // Ignored in untrusted workspaces: a workspace must not choose which credentials are used.
      kubeconfigSetting: trusted ? config.get<string>('kubeconfig') : undefined,
      extraNamespaces: (config.get<string[]>('rbac.namespaces') ?? []).filter((n) => typeof n === 'string' && n.trim().length > 0).map((n) => n.trim()),
      contextOverride: override,
      namespaceFilter: undefined,
      timeoutMs: typeof seconds === 'number' && seconds > 0 ? seconds * 1000 : DEFAULT_TIMEOUT_MS,
    };
  }

  /** Reloads when a setting that matters changed (not when an earlier refresh already used the new values). */
  onConfigurationChanged(e: vscode.ConfigurationChangeEvent): void {
    if (!INPUT_SETTINGS.some((k) => e.affectsConfiguration(`${CONFIG_SECTION}.${k}`))) return;
    if (this.session && JSON.stringify(this.inputs()) !== this.inputKey) void this.refresh();
  }

  /** Cancels the running load, if any. */
  cancel(): void {
    this.session?.cancel();
  }

  /**
   * Starts a new session (the previous one is cancelled) and resolves when it has loaded everything it
   * loads up front and the server has classified it. Never rejects.
   */
  refresh(): Promise<void> {
    this.session?.cancel();
    this.sessionSubscription?.dispose();
    const input = this.inputs();
    this.inputKey = JSON.stringify(input);
    const session = new PermissionsSession(input, (level, message) => this.output[level](message));
    this.session = session;
    this.risks.reset((text) => session.redactor.redact(text));
    this.sessionSubscription = session.onDidChange((snap) => {
      if (this.session !== session) return;
      this.risks.update(snap);
      this.render();
    });
    // The filter depends on the context, known only once the kubeconfig is read.
    const filtered = session.onDidChange((snap) => {
      if (!snap.target) return;
      filtered.dispose();
      const names = this.namespaceFilter(snap.target.context);
      if (names) session.setFilter(names);
    });
    const done = (async () => {
      await vscode.commands.executeCommand('setContext', LOADING_CONTEXT, true);
      const snap = await session.run();
      await this.risks.settled();
      this.watcher.watch(snap.files?.candidates ?? []);
      if (this.session === session) await vscode.commands.executeCommand('setContext', LOADING_CONTEXT, false);
    })();
    this.loading = done;
    void vscode.window.withProgress({ location: { viewId: PERMISSIONS_VIEW_ID } }, () => done);
    this.render();
    return done;
  }

  /** Resolves when the current session (and its classification) has settled. */
  async whenIdle(): Promise<void> {
    while (this.loading) {
      const current = this.loading;
      await current;
      await this.session?.idle();
      await this.risks.settled();
      if (this.loading === current) break;
    }
  }

  /** Re-renders without reloading (the only-risky filter changed). */
  refreshTree(): void {
    this.render();
  }

  private render(): void {
    this.changed.fire(undefined);
    // The welcome view (no kubeconfig) and the palette's when-clauses follow the phase.
    const phase = this.snapshot.phase;
    if (phase !== this.shownPhase) {
      this.shownPhase = phase;
      void vscode.commands.executeCommand('setContext', STATE_CONTEXT, phase);
    }
    if (!this.view) return;
    const risky = this.riskyCount();
    this.view.badge = risky > 0 ? { value: risky, tooltip: `${risky} risky permission${risky === 1 ? '' : 's'} in the current context` } : undefined;
    const t = this.snapshot.target;
    this.view.description = t ? t.context : undefined;
  }

  private riskyCount(): number {
    let n = 0;
    for (const [ns, state] of this.snapshot.reviews) {
      if (state.status !== 'loaded') continue;
      for (const r of this.risks.get(ns) ?? []) if (r.length > 0) n++;
    }
    return n;
  }

  getChildren(node?: PermNode): PermNode[] {
    if (!node) {
      if (!this.session) void this.refresh();
      return rootNodes(this.snapshot, this.risks, { onlyRisky: this.onlyRisky.onlyRisky });
    }
    if (node.lazy && node.namespace) void this.session?.review(node.namespace);
    return [...(node.children ?? [])];
  }

  getTreeItem(node: PermNode): vscode.TreeItem {
    return treeItemOf(node);
  }

  dispose(): void {
    this.session?.cancel();
    this.sessionSubscription?.dispose();
    this.watcher.dispose();
    this.changed.dispose();
  }
}

/** What the extension API exposes for the extension-host tests. */
export interface PermissionsApi {
  readonly provider: PermissionsProvider;
}

export function registerPermissionsView(
  context: vscode.ExtensionContext,
  client: RequestSender,
  output: vscode.LogOutputChannel,
  onlyRisky: OnlyRiskySource,
): PermissionsApi {
  const provider = new PermissionsProvider(context, client, output, onlyRisky);
  const view = vscode.window.createTreeView(PERMISSIONS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  provider.view = view;
  registerPermissionsCommands(context, provider);
  context.subscriptions.push(
    provider,
    view,
    onlyRisky.onDidChange(() => provider.refreshTree()),
    vscode.workspace.onDidChangeConfiguration((e) => provider.onConfigurationChanged(e)),
    // Trusting the workspace enables cluster calls: load now instead of showing the restricted-mode node.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void provider.refresh()),
  );
  return { provider };
}
