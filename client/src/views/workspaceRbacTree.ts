/**
 * The Workspace RBAC tree: subjects → scope (cluster-wide / namespace) → resource → verbs, with risk badges
 * and binding issues. Data comes from the server (`kubeguard/workspaceRbac`); this file only shapes it.
 */
import * as vscode from 'vscode';
import type { RbacBindingIssue, RbacPermission, RbacSubjectPermissions, WorkspaceRbacRequest } from '../../../server/src/protocol';
import { objectLabel, permissionTooltip, resourceLabel, riskDescription, riskIcon, risksTooltip, scopeLabel, verbsLabel, worstSeverity } from './rbacNodes';

export const OPEN_GRANT_COMMAND = 'kubeguard.workspaceRbac.openGrant';
export const OPEN_OBJECT_COMMAND = 'kubeguard.workspaceRbac.openObject';

export type RbacNode =
  | { readonly type: 'subject'; readonly id: string; readonly subject: RbacSubjectPermissions }
  | { readonly type: 'scope'; readonly id: string; readonly namespace?: string; readonly permissions: readonly RbacPermission[] }
  | { readonly type: 'resource'; readonly id: string; readonly label: string; readonly scope: string; readonly permissions: readonly RbacPermission[] }
  | { readonly type: 'grant'; readonly id: string; readonly scope: string; readonly permission: RbacPermission }
  | { readonly type: 'issue'; readonly id: string; readonly issue: RbacBindingIssue }
  | { readonly type: 'message'; readonly id: string; readonly text: string; readonly detail?: string };

const SUBJECT_ICONS = { User: 'account', Group: 'organization', ServiceAccount: 'server-process' } as const;
const ISSUE_TEXT = { 'missing-role': 'role not in the workspace', 'builtin-role': 'built-in role of the cluster', invalid: 'invalid' } as const;

export function childrenOf(node: RbacNode | undefined, data: WorkspaceRbacRequest.Result | undefined, onlyRisky: boolean): RbacNode[] {
  if (!node) return roots(data, onlyRisky);
  switch (node.type) {
    case 'subject': {
      const scopes = groupBy(node.subject.permissions, (p) => p.namespace ?? '');
      const out: RbacNode[] = [...scopes].map(([ns, permissions]) => ({
        type: 'scope' as const,
        id: `${node.id}/${ns || '(cluster)'}`,
        ...(ns ? { namespace: ns } : {}),
        permissions,
      }));
      node.subject.issues.forEach((issue, i) => out.push({ type: 'issue', id: `${node.id}/issue${i}`, issue }));
      return out;
    }
    case 'scope': {
      const scope = scopeLabel(node.namespace);
      return [...groupBy(node.permissions, resourceLabel)].map(([label, permissions]) => ({ type: 'resource' as const, id: `${node.id}/${label}`, label, scope, permissions }));
    }
    case 'resource':
      return node.permissions.map((permission, i) => ({ type: 'grant' as const, id: `${node.id}/${i}`, scope: node.scope, permission }));
    default:
      return [];
  }
}

function roots(data: WorkspaceRbacRequest.Result | undefined, onlyRisky: boolean): RbacNode[] {
  if (!data || data.rbacObjects === 0) return [];
  const subjects: RbacNode[] = data.subjects.map((subject) => ({ type: 'subject', id: subject.label, subject }));
  if (subjects.length > 0) return subjects;
  return [{ type: 'message', id: 'empty', text: onlyRisky ? 'No risky permissions in the workspace' : 'No subject is granted anything' }];
}

export function treeItemOf(node: RbacNode): vscode.TreeItem {
  switch (node.type) {
    case 'subject': {
      const s = node.subject;
      const item = new vscode.TreeItem(s.label, vscode.TreeItemCollapsibleState.Collapsed);
      const parts = [s.maxSeverity ? `risky (${s.maxSeverity})` : '', s.issues.length ? `${s.issues.length} binding issue${s.issues.length > 1 ? 's' : ''}` : ''];
      item.description = parts.filter(Boolean).join(' · ');
      item.iconPath = new vscode.ThemeIcon(SUBJECT_ICONS[s.subject.kind]);
      item.tooltip = `${s.label}: ${s.permissions.length} permission${s.permissions.length === 1 ? '' : 's'} from the workspace's bindings`;
      item.contextValue = 'subject';
      return withId(item, node.id);
    }
    case 'scope': {
      const item = new vscode.TreeItem(scopeLabel(node.namespace), vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = new vscode.ThemeIcon(node.namespace === undefined ? 'globe' : 'symbol-namespace');
      item.tooltip = node.namespace === undefined ? 'Granted by ClusterRoleBindings: in every namespace, and on cluster-scoped resources.' : `Granted by RoleBindings in ${node.namespace}.`;
      return withId(item, node.id);
    }
    case 'resource': {
      const risks = node.permissions.flatMap((p) => p.risks);
      const worst = worstSeverity(risks);
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      const ineffective = node.permissions.every((p) => p.ineffective);
      item.description = ineffective ? 'no effect' : riskDescription(risks);
      item.iconPath = worst ? riskIcon(worst) : new vscode.ThemeIcon(ineffective ? 'circle-slash' : 'symbol-field');
      item.tooltip = risks.length > 0 ? risksTooltip(node.label, node.scope, risks) : `${node.label} — ${node.scope}`;
      item.contextValue = risks.length > 0 ? 'resource.risky' : 'resource';
      return withId(item, node.id);
    }
    case 'grant': {
      const p = node.permission;
      const item = new vscode.TreeItem(verbsLabel(p.verbs), vscode.TreeItemCollapsibleState.None);
      const names = p.resourceNames?.length ? `names: ${p.resourceNames.join(', ')} · ` : '';
      const via = p.source.viaGroup ? ` (as ${p.source.viaGroup})` : '';
      item.description = `${names}${p.ineffective ? 'no effect · ' : ''}${p.source.binding.kind} ${p.source.binding.name} → ${p.source.role.kind} ${p.source.role.name}${via}`;
      const worst = worstSeverity(p.risks);
      item.iconPath = worst ? riskIcon(worst) : new vscode.ThemeIcon(p.ineffective ? 'circle-slash' : 'check');
      item.tooltip = permissionTooltip(p, node.scope);
      item.command = { command: OPEN_GRANT_COMMAND, title: 'Open the role and binding', arguments: [p.source] };
      item.contextValue = 'grant';
      return withId(item, node.id);
    }
    case 'issue': {
      const i = node.issue;
      const item = new vscode.TreeItem(`${i.binding.kind} ${i.binding.name} → ${i.roleRef.kind} ${i.roleRef.name}`, vscode.TreeItemCollapsibleState.None);
      item.description = ISSUE_TEXT[i.status];
      item.iconPath = new vscode.ThemeIcon(i.status === 'builtin-role' ? 'info' : 'error');
      item.tooltip = `${objectLabel(i.binding)}: ${i.message}`;
      item.command = { command: OPEN_OBJECT_COMMAND, title: 'Open the binding', arguments: [i.binding] };
      item.contextValue = 'issue';
      return withId(item, node.id);
    }
    case 'message': {
      const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      if (node.detail) item.tooltip = node.detail;
      item.iconPath = new vscode.ThemeIcon('info');
      return withId(item, node.id);
    }
  }
}

function withId(item: vscode.TreeItem, id: string): vscode.TreeItem {
  item.id = `kubeguard.workspaceRbac:${id}`;
  return item;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = out.get(k) ?? [];
    list.push(t);
    out.set(k, list);
  }
  return out;
}
