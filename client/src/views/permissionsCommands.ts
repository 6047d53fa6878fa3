/**
 * The Permissions view's commands. Each takes optional arguments so tests (and keybindings) can run it
 * without the pickers, and returns what it did.
 */
import path from 'node:path';
import * as vscode from 'vscode';
import { CONFIG_SECTION } from '../../../server/src/protocol';
import { ALL_NAMESPACES, describeAnswer, parseCanI } from '../cluster/canI';
import type { FailureAction } from '../cluster/failures';
import { setCurrentContext } from '../cluster/kubeconfigEdit';
import { rulesReviewToYaml } from '../cluster/rulesYaml';
import type { PermNode } from './permissionsNodes';
import { RUN_ACTION_COMMAND } from './permissionsTree';
import type { PermissionsProvider } from './permissionsView';

export const COMMANDS = {
  refresh: 'kubeguard.permissions.refresh',
  cancel: 'kubeguard.permissions.cancel',
  switchContext: 'kubeguard.permissions.switchContext',
  filterNamespaces: 'kubeguard.permissions.filterNamespaces',
  copyRulesAsYaml: 'kubeguard.permissions.copyRulesAsYaml',
  canI: 'kubeguard.canI',
  setKubeconfig: 'kubeguard.permissions.setKubeconfig',
  openKubeconfig: 'kubeguard.permissions.openKubeconfig',
  manageTrust: 'kubeguard.permissions.manageTrust',
  openSettings: 'kubeguard.permissions.openSettings',
} as const;

const ALSO_WRITE = 'Also set as current-context in kubeconfig';
const ONLY_KUBEGUARD = 'Use in KubeGuard only';

export interface CanIArgs {
  readonly verb: string;
  readonly resource: string;
  /** A namespace, or '*' / undefined for all namespaces. */
  readonly namespace?: string;
  readonly name?: string;
}

export interface CanIOutcome {
  readonly allowed?: boolean;
  readonly message: string;
}

export function registerPermissionsCommands(context: vscode.ExtensionContext, provider: PermissionsProvider): void {
  const actions: Record<FailureAction, string> = {
    manageTrust: COMMANDS.manageTrust,
    openSettings: COMMANDS.openSettings,
    switchContext: COMMANDS.switchContext,
    refresh: COMMANDS.refresh,
    openKubeconfig: COMMANDS.openKubeconfig,
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.refresh, () => provider.refresh()),
    vscode.commands.registerCommand(COMMANDS.cancel, () => provider.cancel()),
    vscode.commands.registerCommand(COMMANDS.switchContext, (name?: string, alsoSetCurrent?: boolean) => switchContext(provider, name, alsoSetCurrent)),
    vscode.commands.registerCommand(COMMANDS.filterNamespaces, (names?: string[]) => filterNamespaces(provider, names)),
    vscode.commands.registerCommand(COMMANDS.copyRulesAsYaml, (target?: PermNode | string) => copyRulesAsYaml(provider, target)),
    vscode.commands.registerCommand(COMMANDS.canI, (args?: CanIArgs) => canI(provider, args)),
    vscode.commands.registerCommand(COMMANDS.setKubeconfig, () => setKubeconfig()),
    vscode.commands.registerCommand(COMMANDS.openKubeconfig, () => openKubeconfig(provider)),
    vscode.commands.registerCommand(COMMANDS.manageTrust, () => vscode.commands.executeCommand('workbench.trust.manage')),
    vscode.commands.registerCommand(COMMANDS.openSettings, () => vscode.commands.executeCommand('workbench.action.openSettings', `@ext:kubeguard.kubeguard ${CONFIG_SECTION}.`)),
    vscode.commands.registerCommand(RUN_ACTION_COMMAND, (action: FailureAction) => vscode.commands.executeCommand(actions[action])),
  );
}

/** Picks a context; KubeGuard remembers it per workspace and edits the kubeconfig only when asked to. */
async function switchContext(provider: PermissionsProvider, name?: string, alsoSetCurrent?: boolean): Promise<string | undefined> {
  const snap = provider.snapshot;
  let chosen = name;
  if (chosen === undefined) {
    if (snap.contexts.length === 0) {
      void vscode.window.showWarningMessage('KubeGuard: the kubeconfig defines no context to switch to.');
      return undefined;
    }
    const current = snap.target?.context;
    const pick = await vscode.window.showQuickPick(
      snap.contexts.map((c) => ({ label: c, description: c === current ? 'current' : undefined })),
      { title: 'KubeGuard: Switch Context', placeHolder: 'Context whose permissions the Permissions view shows' },
    );
    if (!pick) return undefined;
    chosen = pick.label;
    const how = await vscode.window.showQuickPick([ONLY_KUBEGUARD, ALSO_WRITE], { title: `Switch to ${chosen}`, placeHolder: 'kubectl keeps using the kubeconfig\'s current-context unless you also set it there' });
    if (!how) return undefined;
    alsoSetCurrent = how === ALSO_WRITE;
  }
  await provider.setContextOverride(chosen);
  if (alsoSetCurrent && snap.files) {
    try {
      const file = setCurrentContext(snap.files.existing, chosen);
      void vscode.window.showInformationMessage(`KubeGuard: current-context set to "${chosen}" in ${path.basename(file)}.`);
    } catch (err) {
      void vscode.window.showErrorMessage(`KubeGuard: could not set current-context: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  await provider.refresh();
  return chosen;
}

async function filterNamespaces(provider: PermissionsProvider, names?: string[]): Promise<readonly string[] | undefined> {
  const snap = provider.snapshot;
  const ctx = snap.target?.context;
  const ns = snap.namespaces;
  if (!ctx || !ns || ns.status === 'loading') {
    void vscode.window.showInformationMessage('KubeGuard: the namespaces are not loaded yet.');
    return undefined;
  }
  let chosen = names;
  if (chosen === undefined) {
    const current = new Set(provider.namespaceFilter(ctx) ?? ns.all);
    const picks = await vscode.window.showQuickPick(
      ns.all.map((n) => ({ label: n, picked: current.has(n) })),
      { canPickMany: true, title: 'KubeGuard: Filter Namespaces', placeHolder: 'Namespaces to show (none selected shows all)' },
    );
    if (!picks) return undefined;
    chosen = picks.map((p) => p.label);
  }
  const all = chosen.length === 0 || chosen.length === ns.all.length;
  await provider.setNamespaceFilter(ctx, all ? undefined : chosen);
  await provider.whenIdle();
  return provider.snapshot.namespaces?.shown;
}

async function copyRulesAsYaml(provider: PermissionsProvider, target?: PermNode | string): Promise<string | undefined> {
  const snap = provider.snapshot;
  let ns = typeof target === 'string' ? target : target?.namespace;
  if (!ns) {
    const reviewed = [...snap.reviews].filter(([, s]) => s.status === 'loaded').map(([n]) => n);
    ns = await vscode.window.showQuickPick(reviewed, { title: 'KubeGuard: Copy Rules as YAML', placeHolder: 'Namespace' });
    if (!ns) return undefined;
  }
  const state = snap.reviews.get(ns);
  if (!state || state.status !== 'loaded' || !snap.target) {
    void vscode.window.showWarningMessage(`KubeGuard: the rules of namespace "${ns}" are not loaded.`);
    return undefined;
  }
  const text = rulesReviewToYaml(state.review, snap.target.context);
  await vscode.env.clipboard.writeText(text);
  void vscode.window.showInformationMessage(`KubeGuard: rules of "${ns}" copied as YAML (a Role).`);
  return text;
}

async function canI(provider: PermissionsProvider, args?: CanIArgs): Promise<CanIOutcome | undefined> {
  if (!provider.currentSession) await provider.refresh();
  const snap = provider.snapshot;
  let input = args;
  if (!input) {
    const verb = await vscode.window.showQuickPick(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'impersonate', 'bind', 'escalate', '*'], {
      title: 'KubeGuard: Can I…? (1/3) verb',
    });
    if (!verb) return undefined;
    const resource = await vscode.window.showInputBox({
      title: `KubeGuard: Can I ${verb}…? (2/3) resource`,
      prompt: 'pods, pods/exec (subresource), deployments.apps (resource.group), or a URL such as /healthz',
      validateInput: (v) => (v.trim().length === 0 ? 'A resource or URL' : typeof parseCanI(verb, v, undefined) === 'string' ? (parseCanI(verb, v, undefined) as string) : undefined),
    });
    if (!resource) return undefined;
    let namespace: string | undefined = ALL_NAMESPACES;
    if (!resource.startsWith('/')) {
      const known = snap.namespaces?.all ?? [];
      const preferred = snap.target?.namespace;
      const pick = await vscode.window.showQuickPick(
        [...(preferred ? [preferred] : []), ...known.filter((n) => n !== preferred), ALL_NAMESPACES].map((n) => ({ label: n, description: n === ALL_NAMESPACES ? 'all namespaces / cluster-scoped' : undefined })),
        { title: `KubeGuard: Can I ${verb} ${resource}? (3/3) namespace` },
      );
      if (!pick) return undefined;
      namespace = pick.label;
    }
    input = { verb, resource, namespace };
  }
  const query = parseCanI(input.verb, input.resource, input.namespace, input.name);
  if (typeof query === 'string') {
    void vscode.window.showErrorMessage(`KubeGuard: ${query}`);
    return { message: query };
  }
  const session = provider.currentSession;
  if (!session) return { message: 'Not connected.' };
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'KubeGuard: asking the cluster…', cancellable: true },
    (_p, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return session.canI(query, abort.signal);
    },
  );
  if (!result.ok) {
    const message = `${result.failure.title}: ${result.failure.message} ${result.failure.nextStep}`;
    void vscode.window.showErrorMessage(`KubeGuard: ${message}`);
    return { message };
  }
  const message = describeAnswer(query, result.answer);
  if (result.answer.allowed) void vscode.window.showInformationMessage(message);
  else void vscode.window.showWarningMessage(message);
  return { allowed: result.answer.allowed, message };
}

async function setKubeconfig(): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({ title: 'KubeGuard: Choose a kubeconfig file', canSelectMany: false, openLabel: 'Use this kubeconfig' });
  const file = picked?.[0]?.fsPath;
  if (!file) return undefined;
  // User settings: the setting is machine-overridable and ignored in untrusted workspaces.
  await vscode.workspace.getConfiguration(CONFIG_SECTION).update('kubeconfig', file, vscode.ConfigurationTarget.Global);
  return file;
}

async function openKubeconfig(provider: PermissionsProvider): Promise<void> {
  const file = provider.snapshot.files?.existing[0] ?? provider.snapshot.files?.candidates[0];
  if (!file) return;
  await vscode.window.showTextDocument(vscode.Uri.file(file));
}
