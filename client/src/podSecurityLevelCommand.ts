/**
 * `kubeguard.selectPodSecurityLevel` (the status bar item's click): a quick pick of the three levels, plus
 * an entry to change the version, writing `kubeguard.podSecurity.level` / `.version`. Tests pass a level
 * as the argument to skip the picker, which they cannot drive.
 */
import * as vscode from 'vscode';
import { CONFIG_SECTION, type FilePodSecurity } from '../../server/src/protocol';
import { isPodSecurityLevel, levelPickEntries, SELECT_LEVEL_COMMAND, versionProblem } from './statusBarText';

type Pick = vscode.QuickPickItem & ({ readonly level: string } | { readonly version: true });

/** Workspace settings when a folder is open (the level is usually a property of the repository), else user settings. */
function target(): vscode.ConfigurationTarget {
  return vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
}

async function write(key: 'podSecurity.level' | 'podSecurity.version', value: string): Promise<void> {
  await vscode.workspace.getConfiguration(CONFIG_SECTION).update(key, value, target());
}

/** `activePolicy` is the active file's policy as the server reported it; it knows about `.kubeguard.yaml`, the settings do not. */
export function registerSelectPodSecurityLevel(context: vscode.ExtensionContext, activePolicy: () => FilePodSecurity | undefined): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SELECT_LEVEL_COMMAND, async (level?: unknown) => {
      if (level !== undefined) {
        if (!isPodSecurityLevel(level)) throw new Error(`${SELECT_LEVEL_COMMAND}: unknown Pod Security level ${JSON.stringify(level)}`);
        await write('podSecurity.level', level);
        return;
      }
      await pickAndWrite(activePolicy());
    }),
  );
}

async function pickAndWrite(policy: FilePodSecurity | undefined): Promise<void> {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const level = policy?.level ?? config.get<string>('podSecurity.level');
  const version = policy?.version ?? config.get<string>('podSecurity.version') ?? 'latest';
  const items: Pick[] = [
    ...levelPickEntries(isPodSecurityLevel(level) ? level : undefined),
    { label: '', kind: vscode.QuickPickItemKind.Separator, version: true },
    { label: '$(versions) Change version…', description: `current: ${version}`, version: true },
  ];
  const where = target() === vscode.ConfigurationTarget.Workspace ? 'workspace' : 'user';
  const overridesFile = policy?.origin === 'file' ? '; overrides .kubeguard.yaml' : '';
  const picked = await pick(items, `Sets kubeguard.podSecurity.level in ${where} settings${overridesFile}`, (i) => 'level' in i && i.level === level);
  if (!picked) return;
  if ('level' in picked) {
    await write('podSecurity.level', picked.level);
    return;
  }
  const typed = await vscode.window.showInputBox({
    title: 'KubeGuard: Pod Security Standards version',
    prompt: `"latest" or "v1.N", as in the pod-security.kubernetes.io/enforce-version label. Sets kubeguard.podSecurity.version in ${where} settings.`,
    value: version,
    validateInput: versionProblem,
  });
  if (typed !== undefined) await write('podSecurity.version', typed.trim());
}

/** A quick pick that opens on the current entry (showQuickPick always opens on the first). */
function pick(items: readonly Pick[], placeholder: string, isCurrent: (item: Pick) => boolean): Promise<Pick | undefined> {
  const qp = vscode.window.createQuickPick<Pick>();
  qp.title = 'KubeGuard: Pod Security Standards level';
  qp.placeholder = placeholder;
  qp.matchOnDetail = true;
  qp.items = items;
  const current = items.find(isCurrent);
  if (current) qp.activeItems = [current];
  return new Promise<Pick | undefined>((resolve) => {
    qp.onDidAccept(() => {
      resolve(qp.selectedItems[0]);
      qp.hide();
    });
    // After an accept this resolves nothing: the promise is settled.
    qp.onDidHide(() => {
      resolve(undefined);
      qp.dispose();
    });
    qp.show();
  });
}
