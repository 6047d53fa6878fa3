/**
 * The Permissions tree as indented text (label — description [badge]) for assertions: the unit tests
 * print the pure node model, the extension-host tests the TreeItems VS Code gets, in the same format.
 */
import type * as vscode from 'vscode';
import type { PermNode } from '../../client/src/views/permissionsNodes';
import type { PermissionsProvider } from '../../client/src/views/permissionsView';
export interface PrintableNode {
  readonly label: string;
  readonly description?: string;
  readonly badge?: string;
  readonly children: readonly PrintableNode[];
}

export function treeText(nodes: readonly PrintableNode[], depth = 0, maxDepth = Infinity): string {
  const lines: string[] = [];
  for (const n of nodes) {
    lines.push(`${'  '.repeat(depth)}${n.label}${n.description ? ` — ${n.description}` : ''}${n.badge ? ` [${n.badge}]` : ''}`);
    if (depth + 1 < maxDepth) lines.push(...treeText(n.children, depth + 1, maxDepth).split('\n').filter((l) => l.length > 0));
  }
  return lines.join('\n');
}

export interface ShownNode {
  readonly label: string;
  readonly description?: string;
  readonly badge?: string;
  readonly node: PermNode;
  readonly item: vscode.TreeItem;
  readonly children: readonly ShownNode[];
}

/** The tree as VS Code gets it: TreeItems from the provider, with the node's badge. */
export function shownTree(provider: PermissionsProvider, parent?: PermNode): ShownNode[] {
  return provider.getChildren(parent).map((node) => {
    const item = provider.getTreeItem(node);
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    return { label, description: typeof item.description === 'string' ? item.description : undefined, badge: node.badge, node, item, children: shownTree(provider, node) };
  });
}

