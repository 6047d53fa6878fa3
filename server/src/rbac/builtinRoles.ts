/**
 * The cluster's default user-facing ClusterRoles, as the RBAC docs describe them. A binding to one of
 * them is not a binding to a missing role. Only cluster-admin's rules are modelled; admin, edit and view
 * are modelled by their aggregation (which is what workspace ClusterRoles can add to them), and their
 * default rules are reported as coming from the cluster.
 */
import type { LabelSelector, RoleDef } from './model';

const AGGREGATE_TO = (role: string): string => `rbac.authorization.k8s.io/aggregate-to-${role}`;

function aggregating(role: string): LabelSelector[] {
  return [{ matchLabels: new Map([[AGGREGATE_TO(role), 'true']]), matchExpressions: [] }];
}

export const BUILTIN_CLUSTER_ROLES: readonly RoleDef[] = [
  {
    kind: 'ClusterRole',
    name: 'cluster-admin',
    labels: new Map(),
    rules: [
      { apiGroups: ['*'], resources: ['*'], verbs: ['*'], resourceNames: [], nonResourceURLs: [] },
      { apiGroups: [], resources: [], verbs: ['*'], resourceNames: [], nonResourceURLs: ['*'] },
    ],
    builtin: { description: 'Allows super-user access to perform any action on any resource.', rulesKnown: true },
  },
  {
    kind: 'ClusterRole',
    name: 'admin',
    labels: new Map(),
    rules: [],
    aggregationRule: aggregating('admin'),
    builtin: {
      description: 'Read/write access to most resources in a namespace, including roles and role bindings; no write access to resource quota or the namespace itself.',
      rulesKnown: false,
    },
  },
  {
    // The default `edit` role is itself aggregated into `admin`, and `view` into `edit`.
    kind: 'ClusterRole',
    name: 'edit',
    labels: new Map([[AGGREGATE_TO('admin'), 'true']]),
    rules: [],
    aggregationRule: aggregating('edit'),
    builtin: {
      description: 'Read/write access to most objects in a namespace, including Secrets and running pods as any ServiceAccount of the namespace; no access to roles or role bindings.',
      rulesKnown: false,
    },
  },
  {
    kind: 'ClusterRole',
    name: 'view',
    labels: new Map([[AGGREGATE_TO('edit'), 'true']]),
    rules: [],
    aggregationRule: aggregating('view'),
    builtin: { description: 'Read-only access to most objects in a namespace; not Secrets, roles or role bindings.', rulesKnown: false },
  },
];

/** `system:`-prefixed ClusterRoles are created by the API server (system:node, system:discovery, …). */
export function systemClusterRole(name: string): RoleDef | undefined {
  if (!name.startsWith('system:')) return undefined;
  return {
    kind: 'ClusterRole',
    name,
    labels: new Map(),
    rules: [],
    builtin: { description: 'A default ClusterRole the API server creates for cluster components.', rulesKnown: false },
  };
}
