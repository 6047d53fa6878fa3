/** Labels, badges and tooltips of RBAC permissions, shared by the RBAC trees. */
import * as vscode from 'vscode';
import type { RbacObjectRef, RbacPermission, RiskFlag, RiskSeverity } from '../../../server/src/protocol';

/** kubectl's `resource.group` form: `pods`, `deployments.apps`, `*.*`; a non-resource URL as is. */
export function resourceLabel(p: Pick<RbacPermission, 'apiGroup' | 'resource' | 'nonResourceURL'>): string {
  if (p.nonResourceURL !== undefined) return p.nonResourceURL;
  return p.apiGroup ? `${p.resource}.${p.apiGroup}` : (p.resource ?? '');
}

export function scopeLabel(namespace: string | undefined): string {
  return namespace === undefined ? 'Cluster-wide' : `Namespace ${namespace}`;
}

export function verbsLabel(verbs: readonly string[]): string {
  return verbs.join(', ');
}

/** "risky: Secrets read, Exec into pods" (distinct titles, most severe first). */
export function riskDescription(risks: readonly RiskFlag[]): string {
  return risks.length === 0 ? '' : `risky: ${[...new Set(risks.map((r) => r.title))].join(', ')}`;
}

const SEVERITY_RANK: Record<RiskSeverity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

export function worstSeverity(risks: readonly RiskFlag[]): RiskSeverity | undefined {
  let worst: RiskSeverity | undefined;
  for (const r of risks) if (worst === undefined || SEVERITY_RANK[r.severity] < SEVERITY_RANK[worst]) worst = r.severity;
  return worst;
}

/** The badge: a warning icon coloured by severity (errors colour for critical and high). */
export function riskIcon(severity: RiskSeverity): vscode.ThemeIcon {
  const color = severity === 'critical' || severity === 'high' ? 'list.errorForeground' : 'list.warningForeground';
  return new vscode.ThemeIcon('warning', new vscode.ThemeColor(color));
}

/** "Role debugger (shop)", "ClusterRole cluster-admin (built-in)". */
export function objectLabel(ref: RbacObjectRef): string {
  const where = ref.builtin ? ' (built-in)' : ref.namespace ? ` (${ref.namespace})` : '';
  return `${ref.kind} ${ref.name}${where}`;
}

/** Markdown: why it is risky, what grants it, and what restricts it. */
export function permissionTooltip(p: RbacPermission, scope: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escape(verbsLabel(p.verbs))}** on \`${resourceLabel(p)}\` — ${escape(scope)}\n\n`);
  if (p.resourceNames?.length) md.appendMarkdown(`Only objects named ${p.resourceNames.map((n) => `\`${n}\``).join(', ')}.\n\n`);
  if (p.ineffective) md.appendMarkdown(`$(circle-slash) ${escape(p.ineffective)}\n\n`);
  for (const r of p.risks) md.appendMarkdown(`$(warning) **${escape(r.title)}** (${r.severity}): ${escape(r.reason)}\n\n`);
  const s = p.source;
  md.appendMarkdown(`Granted by ${escape(objectLabel(s.binding))} → ${escape(objectLabel(s.role))}`);
  if (s.rule.name !== s.role.name || s.rule.kind !== s.role.kind) md.appendMarkdown(`, rule aggregated from ${escape(objectLabel(s.rule))}`);
  if (s.viaGroup) md.appendMarkdown(`, through the group \`${s.viaGroup}\``);
  md.appendMarkdown('.');
  if (s.role.builtin) md.appendMarkdown(`\n\n${escape(s.role.name)}: ${escape(s.role.builtin)}`);
  return md;
}

/** Markdown for a group of permissions (a resource node): each distinct risk with its reason. */
export function risksTooltip(label: string, scope: string, risks: readonly RiskFlag[]): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`\`${label}\` — ${escape(scope)}\n\n`);
  const seen = new Set<string>();
  for (const r of risks) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    md.appendMarkdown(`$(warning) **${escape(r.title)}** (${r.severity}): ${escape(r.reason)}\n\n`);
  }
  return md;
}

/** Escapes what would change the rendering of plain text: emphasis, code, links, html and `$(icon)` syntax. */
function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/\$\(/g, '\\$(');
}
