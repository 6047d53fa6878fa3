/**
 * The Permissions tree as plain data: a snapshot of the cluster session plus the server's risk flags in,
 * nodes (label, description, tooltip, badge, icon, action) out. The TreeDataProvider only maps these to
 * TreeItems, so the whole shape is unit-tested in plain Node and the extension-host tests compare the
 * same labels.
 */
import type { RiskFlag, RiskSeverity } from '../../../server/src/protocol';
import type { RulesReview } from '../cluster/clusterApi';
import type { ClusterFailure, FailureAction } from '../cluster/failures';
import type { PermissionsSnapshot } from '../cluster/snapshot';
import { failureNode, identityNodes, namespacesNode, targetNodes } from './permissionsRootNodes';
import { RULES_REVIEW_HINT, code, md, riskSuffix, risksMarkdown, severityColor } from './permissionsText';
import {
  type PermissionEntry,
  type UrlEntry,
  distinctRisks,
  entryLabel,
  groupLabel,
  toEntries,
  toUrlEntries,
  worstOf,
} from './permissionsEntries';

export type NodeKind =
  | 'context'
  | 'cluster'
  | 'user'
  | 'identity'
  | 'group'
  | 'tls'
  | 'namespaces'
  | 'namespace'
  | 'apiGroup'
  | 'resource'
  | 'grant'
  | 'urls'
  | 'url'
  | 'failure'
  | 'nextStep'
  | 'info'
  | 'loading';

export interface PermNode {
  /** Stable across refreshes of the same context (keeps expansion state). */
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
  readonly description?: string;
  /** Markdown. */
  readonly tooltip?: string;
  /** A codicon id. */
  readonly icon?: string;
  readonly iconColor?: 'error' | 'warning' | 'info' | 'muted';
  /** The risk badge: the worst severity of this node and everything under it. */
  readonly badge?: RiskSeverity;
  readonly risks?: readonly RiskFlag[];
  readonly incomplete?: boolean;
  readonly failure?: ClusterFailure;
  /** What clicking does. */
  readonly action?: FailureAction;
  readonly namespace?: string;
  /** Namespaces whose review has not been requested: expanding one loads it. */
  readonly lazy?: boolean;
  /** A namespace whose rules review answered (its rules can be copied as YAML). */
  readonly reviewed?: boolean;
  readonly expanded?: boolean;
  readonly children?: readonly PermNode[];
}

/** Risk flags from `kubeguard/classifyRbacRules`, aligned with `toEntries` / `toUrlEntries` of each review. */
export interface RiskLookup {
  /** Key: the namespace, or CLUSTER_KEY for non-resource URLs. Undefined while not classified. */
  get(key: string): readonly (readonly RiskFlag[])[] | undefined;
  /** Set when the server could not classify (older server, error): the tree then shows no badges. */
  readonly error?: string;
}

export const CLUSTER_KEY = '';

export interface NodeOptions {
  readonly onlyRisky: boolean;
}

export function rootNodes(snap: PermissionsSnapshot, risks: RiskLookup, opts: NodeOptions): PermNode[] {
  const ctx = snap.target?.context ?? '';
  if (snap.phase === 'noKubeconfig') return []; // the welcome view shows, with buttons
  if (snap.phase === 'untrusted' && snap.failure) return [failureNode(ctx, snap.failure)];
  if (!snap.target) {
    return snap.failure ? [failureNode(ctx, snap.failure)] : [{ id: 'loading', kind: 'loading', label: 'Loading kubeconfig…', icon: 'loading~spin' }];
  }
  const nodes: PermNode[] = [...targetNodes(snap.target, urlNodes(snap, risks, opts))];
  if (snap.phase === 'failed' && snap.failure) {
    nodes.push(failureNode(ctx, snap.failure));
    return nodes;
  }
  nodes.push(...identityNodes(ctx, snap.identity));
  if (snap.namespaces) nodes.push(namespacesNode(ctx, snap, (ns) => namespaceNode(ctx, ns, snap, risks, opts)));
  return nodes;
}

/** The non-resource URLs: cluster-wide, the same in every review; taken from the first loaded one. */
function urlNodes(snap: PermissionsSnapshot, risks: RiskLookup, opts: NodeOptions): PermNode[] | undefined {
  const loaded = [...snap.reviews.values()].find((r) => r.status === 'loaded');
  if (!loaded || loaded.status !== 'loaded') return undefined;
  const entries = toUrlEntries(loaded.review.nonResourceRules);
  const flags = risks.get(CLUSTER_KEY);
  const ctx = snap.target?.context ?? '';
  const nodes = entries
    .map((e: UrlEntry, i): PermNode => {
      const r = flags?.[i] ?? [];
      return {
        id: `${ctx}/url/${e.url}`,
        kind: 'url',
        label: e.url,
        description: `${e.verbs.join(', ')}${riskSuffix(r)}`,
        icon: r.length > 0 ? 'warning' : 'link',
        iconColor: r.length > 0 ? severityColor(worstOf(r)!) : undefined,
        badge: worstOf(r),
        risks: r,
        tooltip: [`**${md(e.verbs.join(', '))}** on ${code(e.url)} (non-resource URL, cluster-wide)`, risksMarkdown(r), `_${md(RULES_REVIEW_HINT)}_`].filter(Boolean).join('\n\n'),
      };
    })
    .filter((n) => !opts.onlyRisky || (n.risks?.length ?? 0) > 0);
  return nodes;
}

function namespaceNode(ctx: string, ns: string, snap: PermissionsSnapshot, risks: RiskLookup, opts: NodeOptions): PermNode {
  const id = `${ctx}/ns/${ns}`;
  const state = snap.reviews.get(ns) ?? { status: 'pending' as const };
  const base = { id, kind: 'namespace' as const, label: ns, namespace: ns, icon: 'symbol-namespace' };
  switch (state.status) {
    case 'pending':
      return { ...base, description: 'expand to load', lazy: true, tooltip: md(RULES_REVIEW_HINT), children: [] };
    case 'loading':
      return { ...base, description: 'loading…', icon: 'loading~spin', tooltip: md(RULES_REVIEW_HINT), children: [] };
    case 'failed':
      return { ...base, description: state.failure.title, icon: 'error', iconColor: 'error', failure: state.failure, children: [failureNode(id, state.failure)] };
    case 'loaded':
      return loadedNamespace(base, state.review, risks, opts);
  }
}

function loadedNamespace(base: Omit<PermNode, 'children'> & { id: string; label: string }, review: RulesReview, risks: RiskLookup, opts: NodeOptions): PermNode {
  const entries = toEntries(review.resourceRules);
  const flags = risks.get(review.namespace);
  const withRisks = entries.map((e, i) => ({ entry: e, risks: flags?.[i] ?? [] }));
  const shown = opts.onlyRisky ? withRisks.filter((x) => x.risks.length > 0) : withRisks;
  const allRisks = withRisks.flatMap((x) => x.risks);
  const riskyCount = withRisks.filter((x) => x.risks.length > 0).length;
  const children: PermNode[] = [];
  if (review.incomplete) {
    children.push({
      id: `${base.id}/incomplete`,
      kind: 'info',
      label: 'Incomplete: the cluster could not list every rule',
      description: review.evaluationError ?? '',
      icon: 'warning',
      iconColor: 'warning',
      incomplete: true,
      tooltip: `**The rules review is incomplete.** ${review.evaluationError ? `The server said: ${md(review.evaluationError)}` : ''}\n\nYou may be allowed more than is listed (e.g. by a webhook authorizer). ${md(RULES_REVIEW_HINT)}`,
    });
  }
  children.push(...groupNodes(base.id, review.namespace, shown));
  if (shown.length === 0) {
    children.push({
      id: `${base.id}/none`,
      kind: 'info',
      label: opts.onlyRisky ? 'No risky permissions' : 'No rules',
      icon: 'pass',
      description: opts.onlyRisky && flags === undefined ? (risks.error ? 'risk classification unavailable' : 'classifying…') : undefined,
    });
  }
  const parts = [`${entries.length} ${entries.length === 1 ? 'permission' : 'permissions'}`];
  if (riskyCount > 0) parts.push(`⚠ ${riskyCount} risky`);
  if (review.incomplete) parts.push('incomplete');
  const badge = worstOf(allRisks);
  return {
    ...base,
    description: parts.join(' · '),
    icon: badge ? 'warning' : review.incomplete ? 'question' : 'symbol-namespace',
    iconColor: badge ? severityColor(badge) : undefined,
    badge,
    incomplete: review.incomplete,
    reviewed: true,
    tooltip: [
      `**Namespace ${code(review.namespace)}**: ${entries.length} permissions${riskyCount > 0 ? `, ${riskyCount} risky` : ''}${review.incomplete ? ', **incomplete**' : ''}.`,
      risks.error ? `Risk classification unavailable: ${md(risks.error)}` : '',
      md(RULES_REVIEW_HINT),
    ]
      .filter(Boolean)
      .join('\n\n'),
    expanded: badge !== undefined,
    children,
  };
}

type Flagged = { entry: PermissionEntry; risks: readonly RiskFlag[] };

function groupNodes(nsId: string, namespace: string, entries: readonly Flagged[]): PermNode[] {
  const byGroup = new Map<string, Flagged[]>();
  for (const x of entries) byGroup.set(x.entry.group, [...(byGroup.get(x.entry.group) ?? []), x]);
  return [...byGroup].map(([group, xs]) => {
    const id = `${nsId}/g/${group}`;
    const resources = resourceNodes(id, namespace, xs);
    const badge = worstOf(xs.flatMap((x) => x.risks));
    return {
      id,
      kind: 'apiGroup' as const,
      label: groupLabel(group),
      description: `${resources.length} ${resources.length === 1 ? 'resource' : 'resources'}${badge ? ` · ⚠ ${badge}` : ''}`,
      icon: badge ? 'warning' : 'symbol-folder',
      iconColor: badge ? severityColor(badge) : undefined,
      badge,
      tooltip: group === '' ? 'The core API group ("")' : group === '*' ? 'Every API group ("*")' : `API group ${code(group)}`,
      expanded: badge !== undefined,
      children: resources,
    };
  });
}

function resourceNodes(groupId: string, namespace: string, entries: readonly Flagged[]): PermNode[] {
  const byResource = new Map<string, Flagged[]>();
  for (const x of entries) byResource.set(x.entry.resource, [...(byResource.get(x.entry.resource) ?? []), x]);
  return [...byResource].map(([resource, xs]) => {
    const id = `${groupId}/r/${resource}`;
    // The plain grant (whole resource, every object) is shown on the resource node itself; subresources
    // and grants restricted by resourceNames are its children.
    const plain = xs.find((x) => !x.entry.subresource && x.entry.resourceNames.length === 0);
    const others = xs.filter((x) => x !== plain);
    const all = xs.flatMap((x) => x.risks);
    const badge = worstOf(all);
    // The group is the parent node: the label is the bare resource; tooltips use kubectl's resource.group.
    const label = entryLabel({ group: xs[0]!.entry.group, resource });
    const shownLabel = resource === '*' ? '* (all resources)' : resource;
    const children = others.map((x) => grantNode(id, namespace, x));
    return {
      id,
      kind: 'resource' as const,
      label: shownLabel,
      // The description speaks for the plain grant only; the badge and tooltip include the children's risks.
      description: `${plain ? plain.entry.verbs.join(', ') : 'partial: see below'}${riskSuffix(plain?.risks ?? [])}`,
      icon: badge ? 'warning' : 'symbol-field',
      iconColor: badge ? severityColor(badge) : undefined,
      badge,
      risks: distinctRisks(all),
      namespace,
      tooltip: [
        plain ? `**${md(plain.entry.verbs.join(', '))}** on every ${code(label)} in namespace ${code(namespace)}` : `Only the subresources or named objects below, in namespace ${code(namespace)}`,
        risksMarkdown(all),
      ]
        .filter(Boolean)
        .join('\n\n'),
      expanded: children.some((c) => c.badge !== undefined),
      ...(children.length > 0 ? { children } : {}),
    };
  });
}

function grantNode(resourceId: string, namespace: string, x: Flagged): PermNode {
  const e = x.entry;
  const label = e.subresource ? `${e.resource}/${e.subresource}` : e.resource;
  const names = e.resourceNames.length > 0 ? ` · only ${e.resourceNames.join(', ')}` : '';
  const badge = worstOf(x.risks);
  return {
    id: `${resourceId}/${e.subresource ?? ''}/${e.resourceNames.join(',')}`,
    kind: 'grant',
    label,
    description: `${e.verbs.join(', ')}${names}${riskSuffix(x.risks)}`,
    icon: badge ? 'warning' : e.subresource ? 'symbol-method' : 'symbol-key',
    iconColor: badge ? severityColor(badge) : undefined,
    badge,
    risks: distinctRisks(x.risks),
    namespace,
    tooltip: [
      `**${md(e.verbs.join(', '))}** on ${code(entryLabel(e))}${e.resourceNames.length > 0 ? ` named ${e.resourceNames.map((n) => `${code(n)}`).join(', ')}` : ''} in namespace ${code(namespace)}`,
      risksMarkdown(x.risks),
    ]
      .filter(Boolean)
      .join('\n\n'),
  };
}
