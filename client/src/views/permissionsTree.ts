/** PermNode → TreeItem: icons, colours, Markdown tooltips, click actions and the menus' contextValue. */
import * as vscode from 'vscode';
import type { PermNode } from './permissionsNodes';

export const RUN_ACTION_COMMAND = 'kubeguard.permissions.runAction';

const COLORS: Record<NonNullable<PermNode['iconColor']>, string> = {
  error: 'list.errorForeground',
  warning: 'list.warningForeground',
  info: 'foreground',
  muted: 'disabledForeground',
};

/** `kubeguard.permissions.<kind>`, plus `.reviewed` for reviewed namespaces and the action of failures. */
export function contextValueOf(node: PermNode): string {
  const base = `kubeguard.permissions.${node.kind}`;
  if (node.kind === 'namespace') return node.reviewed ? `${base}.reviewed` : base;
  if ((node.kind === 'failure' || node.kind === 'nextStep' || node.kind === 'tls' || node.kind === 'info') && node.action) return `${base}.${node.action}`;
  return base;
}

export function treeItemOf(node: PermNode): vscode.TreeItem {
  const state =
    node.children === undefined
      ? vscode.TreeItemCollapsibleState.None
      : node.expanded
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed;
  const item = new vscode.TreeItem(node.label, state);
  // VS Code applies collapsibleState only to an id it has not shown yet. A namespace or group opens by
  // itself once the server has classified its risks, which often lands after the tree was first drawn
  // (collapsed, while loading): it gets a new id then, so it does open. Its id stays the same after
  // that, so a user who closes it keeps it closed.
  item.id = node.expanded === true ? `${node.id}#open` : node.id;
  if (node.description) item.description = node.description;
  if (node.tooltip) {
    const md = new vscode.MarkdownString(node.tooltip, true);
    item.tooltip = md;
  }
  if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon, node.iconColor ? new vscode.ThemeColor(COLORS[node.iconColor]) : undefined);
  item.contextValue = contextValueOf(node);
  if (node.action) item.command = { command: RUN_ACTION_COMMAND, title: 'Next step', arguments: [node.action, node] };
  return item;
}
