/**
 * "Show only risky" for the Permissions view, kept in step with the Workspace RBAC view's filter
 * (views/rbacFilter.ts): toggling here also runs that view's commands, so the shared
 * `kubeguard.onlyRisky` context key and both trees agree. The RBAC filter does not publish its state to
 * other views, so a toggle made in the Workspace RBAC view's title does not reach this view; this view's
 * own buttons follow `kubeguard.permissions.onlyRisky`, which always matches what it shows.
 */
import * as vscode from 'vscode';
import { ONLY_RISKY_CONTEXT, SHOW_ALL_COMMAND, SHOW_ONLY_RISKY_COMMAND } from './rbacFilter';

export const TOGGLE_ONLY_RISKY_COMMAND = 'kubeguard.toggleOnlyRisky';
export const PERMISSIONS_SHOW_ONLY_RISKY_COMMAND = 'kubeguard.permissions.showOnlyRisky';
export const PERMISSIONS_SHOW_ALL_COMMAND = 'kubeguard.permissions.showAll';
export const PERMISSIONS_ONLY_RISKY_CONTEXT = 'kubeguard.permissions.onlyRisky';

export interface OnlyRiskySource {
  readonly onlyRisky: boolean;
  readonly onDidChange: vscode.Event<boolean>;
}

export class OnlyRiskyToggle implements OnlyRiskySource, vscode.Disposable {
  private value = false;
  private readonly changed = new vscode.EventEmitter<boolean>();
  readonly onDidChange = this.changed.event;

  get onlyRisky(): boolean {
    return this.value;
  }

  async set(onlyRisky: boolean): Promise<void> {
    if (onlyRisky === this.value) return;
    this.value = onlyRisky;
    await vscode.commands.executeCommand('setContext', PERMISSIONS_ONLY_RISKY_CONTEXT, onlyRisky);
    this.changed.fire(onlyRisky);
    // The Workspace RBAC view's commands set the shared context key and filter that view.
    const available = await vscode.commands.getCommands(true);
    const command = onlyRisky ? SHOW_ONLY_RISKY_COMMAND : SHOW_ALL_COMMAND;
    if (available.includes(command)) await vscode.commands.executeCommand(command);
    else await vscode.commands.executeCommand('setContext', ONLY_RISKY_CONTEXT, onlyRisky);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function registerOnlyRisky(context: vscode.ExtensionContext): OnlyRiskyToggle {
  const toggle = new OnlyRiskyToggle();
  context.subscriptions.push(
    toggle,
    vscode.commands.registerCommand(TOGGLE_ONLY_RISKY_COMMAND, () => toggle.set(!toggle.onlyRisky)),
    vscode.commands.registerCommand(PERMISSIONS_SHOW_ONLY_RISKY_COMMAND, () => toggle.set(true)),
    vscode.commands.registerCommand(PERMISSIONS_SHOW_ALL_COMMAND, () => toggle.set(false)),
  );
  void vscode.commands.executeCommand('setContext', PERMISSIONS_ONLY_RISKY_CONTEXT, false);
  return toggle;
}
