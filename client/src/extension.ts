/** Extension entry: starts the language client and registers commands; every disposable goes to the context. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SHOW_RULE_DOCS_COMMAND } from '../../server/src/protocol';
import { createLanguageClient } from './languageClient';
import { registerSelectPodSecurityLevel } from './podSecurityLevelCommand';
import { registerStatusBar, type StatusBarApi } from './statusBar';
import { registerRiskyFilter } from './views/rbacFilter';
import { registerWorkspaceRbacView } from './views/workspaceRbac';
import { type PermissionsApi, registerPermissionsView } from './views/permissionsView';

let client: LanguageClient | undefined;

/** What `activate` returns; the extension-host tests use it to wait for the server. */
export interface KubeGuardApi {
  readonly client: LanguageClient;
  /** The live-cluster Permissions view (its tree provider), for the extension-host tests. */
  readonly permissions: PermissionsApi;
  /** The status bar item's text and tooltip, for the extension-host tests (VS Code cannot read them back). */
  readonly statusBar: StatusBarApi;
}

export async function activate(context: vscode.ExtensionContext): Promise<KubeGuardApi> {
  const output = vscode.window.createOutputChannel('KubeGuard', { log: true });
  context.subscriptions.push(output);
  client = createLanguageClient(context, output);
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_RULE_DOCS_COMMAND, (url: string) => vscode.env.openExternal(vscode.Uri.parse(url))),
  );
  // Before start: the first status of a file already open at activation may arrive during start().
  const statusBar = registerStatusBar(context, client);
  await client.start();
  context.subscriptions.push({ dispose: () => void client?.stop() });
  output.info('KubeGuard language server started');
  // One "Show only risky" state for both RBAC views.
  const onlyRisky = registerRiskyFilter(context);
  registerWorkspaceRbacView(context, client, onlyRisky);
  const permissions = registerPermissionsView(context, client, output, onlyRisky);
  registerSelectPodSecurityLevel(context, () => statusBar.activePolicy());
  return { client, permissions, statusBar };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
