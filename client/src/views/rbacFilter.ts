/**
 * The "Show only risky" toggle shared by both RBAC trees (Permissions and Workspace RBAC): one state,
 * created once at activation and handed to each view, mirrored in the `kubeguard.onlyRisky` context key
 * that switches the title-bar buttons of both views.
 */
import * as vscode from 'vscode';

export const ONLY_RISKY_CONTEXT = 'kubeguard.onlyRisky';
export const SHOW_ONLY_RISKY_COMMAND = 'kubeguard.rbac.showOnlyRisky';
export const SHOW_ALL_COMMAND = 'kubeguard.rbac.showAll';
export const TOGGLE_ONLY_RISKY_COMMAND = 'kubeguard.toggleOnlyRisky';

/** What a view reads from the filter. */
export interface OnlyRiskySource {
  readonly onlyRisky: boolean;
  readonly onDidChange: vscode.Event<boolean>;
}

export class RiskyFilter implements OnlyRiskySource, vscode.Disposable {
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
  }
}

/** Registers the toggle commands; returns the filter both views follow. */
export function registerRiskyFilter(context: vscode.ExtensionContext): RiskyFilter {
  const filter = new RiskyFilter();
  context.subscriptions.push(
    filter,
    vscode.commands.registerCommand(SHOW_ONLY_RISKY_COMMAND, () => filter.set(true)),
    vscode.commands.registerCommand(SHOW_ALL_COMMAND, () => filter.set(false)),
    vscode.commands.registerCommand(TOGGLE_ONLY_RISKY_COMMAND, () => filter.set(!filter.onlyRisky)),
  );
  void vscode.commands.executeCommand('setContext', ONLY_RISKY_CONTEXT, false);
  return filter;
}
