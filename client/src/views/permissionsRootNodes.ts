/**
 * The top of the Permissions tree: context, cluster (with its non-resource URLs), kubeconfig user, TLS
 * warning, identity, the namespaces folder, and failure nodes (what happened, and the next step).
 * Pure data, like permissionsNodes.ts.
 */
import type { ClusterFailure } from '../cluster/failures';
import type { ContextTarget } from '../cluster/kubeconfig';
import type { IdentityState, PermissionsSnapshot } from '../cluster/snapshot';
import type { PermNode } from './permissionsNodes';
import { code, md } from './permissionsText';
import { worstOf } from './permissionsEntries';

const AUTH_LABEL: Record<ContextTarget['authMode'], string> = {
  token: 'bearer token',
  'client certificate': 'client certificate',
  exec: 'exec credential plugin',
  basic: 'basic auth',
  'auth provider': 'auth provider',
  none: 'no credentials',
};

export function targetNodes(t: ContextTarget, urls: PermNode[] | undefined): PermNode[] {
  const id = t.context;
  const urlBadge = worstOf((urls ?? []).flatMap((u) => u.risks ?? []));
  const nodes: PermNode[] = [
    {
      id: `${id}/context`,
      kind: 'context',
      label: `Context: ${t.context}`,
      description: t.namespace ? `namespace ${t.namespace}` : undefined,
      icon: 'plug',
      action: 'switchContext',
      tooltip: `Kubeconfig context **${md(t.context)}**, from the ${md(t.sourceDescription)}:\n\n${t.files.map((f) => `- ${code(f)}`).join('\n')}\n\nClick to switch context (KubeGuard only; your kubeconfig is not changed unless you ask).`,
    },
    {
      id: `${id}/cluster`,
      kind: 'cluster',
      label: `Cluster: ${t.server}`,
      description: t.insecureSkipTlsVerify ? `${t.clusterName} · TLS not verified` : t.clusterName,
      icon: t.insecureSkipTlsVerify ? 'unlock' : 'server',
      iconColor: t.insecureSkipTlsVerify ? 'warning' : undefined,
      badge: urlBadge,
      tooltip: `Cluster **${md(t.clusterName)}** at ${code(t.server)}. Its children are the non-resource URLs (cluster-wide) of the rules review.`,
      children: urls ?? [{ id: `${id}/urls-none`, kind: 'info', label: 'Non-resource URLs appear once a namespace is reviewed', icon: 'info' }],
    },
  ];
  if (t.insecureSkipTlsVerify) {
    nodes.push({
      id: `${id}/tls`,
      kind: 'tls',
      label: 'TLS certificate verification is OFF',
      description: 'insecure-skip-tls-verify: true in the kubeconfig',
      icon: 'warning',
      iconColor: 'error',
      action: 'openKubeconfig',
      tooltip:
        'The kubeconfig sets `insecure-skip-tls-verify: true` for this cluster, so KubeGuard (like kubectl) does not verify the server certificate: anyone on the network path could impersonate the API server and receive your credentials. Put the cluster CA in the kubeconfig (certificate-authority-data) and remove the flag.',
    });
  }
  nodes.push({
    id: `${id}/user`,
    kind: 'user',
    label: `User: ${t.userName}`,
    description: t.authMode === 'exec' && t.execCommand ? `${AUTH_LABEL.exec} (${t.execCommand})` : AUTH_LABEL[t.authMode],
    icon: 'account',
    tooltip: `Kubeconfig user entry **${md(t.userName)}**, authenticating with ${AUTH_LABEL[t.authMode]}. The name of the entry is not necessarily the identity the cluster sees: see Identity.`,
  });
  return nodes;
}

export function identityNodes(ctx: string, identity: IdentityState | undefined): PermNode[] {
  const id = `${ctx}/identity`;
  if (!identity || identity.status === 'loading') return [{ id, kind: 'identity', label: 'Identity: …', description: 'asking the cluster', icon: 'loading~spin' }];
  if (identity.status === 'unavailable') {
    return [{ id, kind: 'identity', label: 'Identity: not reported', description: 'no SelfSubjectReview on this cluster', icon: 'person', iconColor: 'muted', tooltip: md(identity.reason) }];
  }
  if (identity.status === 'failed') {
    return [{ id, kind: 'identity', label: 'Identity: unknown', description: identity.failure.title, icon: 'person', iconColor: 'warning', failure: identity.failure, tooltip: failureTooltip(identity.failure) }];
  }
  const u = identity.user;
  const extra = Object.entries(u.extra);
  return [
    {
      id,
      kind: 'identity',
      label: `Identity: ${u.username || '(no name)'}`,
      description: u.groups.length > 0 ? `groups: ${u.groups.join(', ')}` : 'no groups',
      icon: 'person',
      expanded: false,
      tooltip: [
        `The cluster sees you as **${md(u.username)}** (SelfSubjectReview).`,
        u.uid ? `UID ${code(u.uid)}` : '',
        extra.length > 0 ? `Extra:\n\n${extra.map(([k, v]) => `- ${code(k)}: ${v.map(md).join(', ')}`).join('\n')}` : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
      children: u.groups.map((g) => ({ id: `${id}/group/${g}`, kind: 'group' as const, label: g, description: 'group', icon: 'organization' })),
    },
  ];
}

export function namespacesNode(ctx: string, snap: PermissionsSnapshot, namespaceNode: (ns: string) => PermNode): PermNode {
  const ns = snap.namespaces!;
  const id = `${ctx}/namespaces`;
  if (ns.status === 'loading') return { id, kind: 'namespaces', label: 'Namespaces', description: 'listing…', icon: 'loading~spin', expanded: true, children: [] };
  const count = ns.filtered ? `${ns.shown.length} of ${ns.all.length} (filtered)` : `${ns.all.length}`;
  const description = ns.status === 'listed' ? `${count} listed` : `${count} · listing not allowed`;
  const children = ns.shown.map(namespaceNode);
  const badge = worstOf(children.flatMap((c) => (c.badge ? [{ id: '', title: '', reason: '', severity: c.badge }] : [])));
  const fallbackNote: PermNode[] =
    ns.status === 'fallback'
      ? [
          {
            id: `${id}/fallback`,
            kind: 'info',
            label: 'Namespaces cannot be listed: showing the context\'s namespace and kubeguard.rbac.namespaces',
            icon: 'info',
            action: 'openSettings',
            failure: ns.listFailure,
            tooltip: `${ns.listFailure ? `${md(ns.listFailure.message)}\n\n` : ''}Add the namespaces you work in to the \`kubeguard.rbac.namespaces\` setting to see them here.`,
          },
        ]
      : [];
  return {
    id,
    kind: 'namespaces',
    label: 'Namespaces',
    description,
    icon: 'symbol-namespace',
    badge,
    expanded: true,
    tooltip: ns.status === 'listed' ? 'Namespaces listed from the cluster.' : 'This identity may not list namespaces.',
    children: [...fallbackNote, ...children],
  };
}

export function failureTooltip(f: ClusterFailure): string {
  return [`**${md(f.title)}**`, md(f.message), `**Next step:** ${md(f.nextStep)}`, f.detail ? `\`\`\`\n${f.detail.replace(/```/g, "'''")}\n\`\`\`` : ''].filter(Boolean).join('\n\n');
}

/** A failure: title (click: the next step's action), then what happened and what to do as children. */
export function failureNode(parentId: string, f: ClusterFailure): PermNode {
  const id = `${parentId}/failure/${f.kind}`;
  const severe = f.kind !== 'cancelled' && f.kind !== 'notFound';
  return {
    id,
    kind: 'failure',
    label: f.title,
    description: f.message,
    icon: f.kind === 'untrusted' ? 'shield' : severe ? 'error' : 'info',
    iconColor: f.kind === 'untrusted' ? 'warning' : severe ? 'error' : 'info',
    failure: f,
    action: f.action,
    tooltip: failureTooltip(f),
    expanded: true,
    children: [
      { id: `${id}/message`, kind: 'info', label: f.message, icon: 'info', tooltip: failureTooltip(f) },
      { id: `${id}/next`, kind: 'nextStep', label: `Next step: ${f.nextStep}`, icon: 'arrow-right', action: f.action, tooltip: failureTooltip(f) },
    ],
  };
}
