/**
 * The "Show only risky" toggle shared by the RBAC trees (Workspace RBAC, and any view that subscribes):
 * one state, mirrored in the `kubeguard.onlyRisky` context key that switches the title-bar buttons.
 */
import * as vscode from 'vscode';

export const ONLY_RISKY_CONTEXT = 'kubeguard.onlyRisky';
export const SHOW_ONLY_RISKY_COMMAND = 'kubeguard.rbac.showOnlyRisky';
export const SHOW_ALL_COMMAND = 'kubeguard.rbac.showAll';

export class RiskyFilter implements vscode.Disposable {
  private value = false;
  private readonly changed = new vscode.EventEmitter<boolean>();
  readonly onDidChange = this.changed.event;

  get onlyRisky(): boolean {
    return this.value;
  }

  async set(onlyRisky: boolean): Promise<void> {
    if (onlyRisky === this.value) return;
    this.value = onlyRisky;
    await vscode.commands.executeCommand('setContext', ONLY_RISKY_CONTEXT, onlyRisky);
    this.changed.fire(onlyRisky);
  }

  dispose(): void {
    this.changed.dispose();
    if (shared === this) shared = undefined;
  }
}

let shared: RiskyFilter | undefined;

/** The filter once the Workspace RBAC view is registered: other RBAC views can follow `onDidChange`. */
export function sharedRiskyFilter(): RiskyFilter | undefined {
  return shared;
}

/** Registers the two toggle commands; returns the shared filter. */
export function registerRiskyFilter(context: vscode.ExtensionContext): RiskyFilter {
  const filter = new RiskyFilter();
  shared = filter;
  context.subscriptions.push(
    filter,
    vscode.commands.registerCommand(SHOW_ONLY_RISKY_COMMAND, () => filter.set(true)),
    vscode.commands.registerCommand(SHOW_ALL_COMMAND, () => filter.set(false)),
  );
  void vscode.commands.executeCommand('setContext', ONLY_RISKY_CONTEXT, false);
  return filter;
}
