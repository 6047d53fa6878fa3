/**
 * RBAC bindings and the workloads they empower (catalog group K): bindings to cluster-admin, bindings
 * to anonymous or all-authenticated subjects, and workloads whose ServiceAccount a binding in the
 * workspace gives a risky role. Roles and aggregation are resolved by the RBAC engine (server/src/rbac).
 */
import type { YAMLMap } from 'yaml';
import type { K8sObject } from '../../document/k8sObject';
import { identityLabel, identityOfSubject } from '../../rbac/identity';
import { DEFAULT_NAMESPACE, type BindingDef } from '../../rbac/model';
import { isRbacObject, readBinding } from '../../rbac/readManifests';
import { classifyRule } from '../../rbac/risk/classify';
import { riskyBindingsOf } from '../../rbac/risk/identityRisks';
import { podAnchor } from '../pss/anchors';
import type { Rule } from '../rule';
import { entries } from './podFacts';
import { workspacePolicy } from './rbacRoleCheck';

const BINDING_KINDS = ['RoleBinding', 'ClusterRoleBinding'];

function subjectsText(b: BindingDef): string {
  const names = b.subjects.map((s) => {
    const id = identityOfSubject(s, b);
    return id ? identityLabel(id) : `${s.kind} ${s.name}`;
  });
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
}

function whereText(b: BindingDef): string {
  return b.kind === 'ClusterRoleBinding' ? 'cluster-wide' : `in namespace ${b.namespace}`;
}

export const rbacClusterAdminBinding: Rule = {
  id: 'rbac-cluster-admin-binding',
  title: 'Binding to cluster-admin',
  category: 'rbac',
  severity: 'warning',
  enabledByDefault: true,
  description:
    'Flags RoleBindings and ClusterRoleBindings whose role is cluster-admin, or a role of the workspace that grants `*` on `*` in every API group (its aggregated rules included).',
  rationale:
    'cluster-admin is full control: every Secret, every workload, every permission. Bound cluster-wide it owns the cluster; bound with a RoleBinding it owns the namespace, including its RBAC. Few people and almost no workloads need it, and every binding to it is a credential worth stealing.',
  remediation: 'Bind a role that grants only what the subjects need (admin, edit or view in a namespace, or a dedicated role).',
  reads: ['roleRef', 'subjects', 'ClusterRole.rules', 'ClusterRole.aggregationRule'],
  concepts: ['RBAC-CLUSTER-ADMIN-BINDING'],
  peers: {
    polaris: 'clusterrolebindingClusterAdmin, rolebindingClusterAdminClusterRole, rolebindingClusterAdminRole',
    'kube-linter': 'cluster-admin-role-binding',
    kubescape: 'C-0035, C-0185',
    trivy: 'KSV-0111',
  },
  appliesTo: BINDING_KINDS,
  check({ object, workspace, report }) {
    if (!isRbacObject(object)) return;
    const binding = readBinding(object);
    if (binding.subjects.length === 0) return;
    const resolution = workspacePolicy(workspace).catalog.resolve(binding);
    if (resolution.status !== 'ok' && resolution.status !== 'builtin-role') return;
    const everything = resolution.rules.some(({ rule }) => classifyRule(rule, 'cluster').some((m) => m.id === 'rbac-cluster-admin'));
    if (!everything) return;
    const role = resolution.role;
    const what = role.name === 'cluster-admin' ? 'cluster-admin' : `${role.kind} ${role.name}, which grants everything (* on * in every API group)`;
    report({
      span: object.valueSpan(['roleRef', 'name']) ?? object.valueSpan(['kind'])!,
      message: `${object.label} grants ${what} to ${subjectsText(binding)} ${whereText(binding)}.`,
    });
  },
};

/** Who each special subject stands for, for messages. */
const SPECIAL_SUBJECTS: Readonly<Record<string, { kind: string; who: string }>> = {
  'system:anonymous': { kind: 'User', who: 'every request without credentials, from anyone who can reach the API server' },
  'system:unauthenticated': { kind: 'Group', who: 'every request without credentials, from anyone who can reach the API server' },
  'system:authenticated': { kind: 'Group', who: 'every authenticated identity: every ServiceAccount of every namespace, and on some clouds any account of the provider' },
  'system:masters': { kind: 'Group', who: 'the group that bypasses RBAC entirely (its members already hold every permission), so the binding suggests credentials in that group are in use' },
};

/** Default ClusterRoles the API server itself binds to these groups: public discovery information only. */
const PUBLIC_DEFAULT_ROLES = new Set(['system:public-info-viewer', 'system:discovery', 'system:basic-user', 'system:service-account-issuer-discovery']);

export const rbacAnonymousBinding: Rule = {
  id: 'rbac-anonymous-binding',
  title: 'Binding to anonymous or all authenticated users',
  category: 'rbac',
  severity: 'warning',
  enabledByDefault: true,
  description:
    "Flags binding subjects system:anonymous (User), system:unauthenticated, system:authenticated and system:masters (Groups), except the API server's own bindings of its public discovery roles (system:public-info-viewer, system:discovery, system:basic-user, system:service-account-issuer-discovery).",
  rationale:
    'These subjects are not people: system:unauthenticated and system:anonymous are everyone who can reach the API server, system:authenticated is every account in and around the cluster. A role bound to them is granted to attackers first; misconfigured anonymous bindings are a recurring cause of cluster takeovers.',
  remediation: 'Bind the role to the specific users, groups or ServiceAccounts that need it.',
  reads: ['subjects[*].kind', 'subjects[*].name', 'roleRef.name'],
  concepts: ['RBAC-ANON-BINDING'],
  peers: { kubesec: 'BindingsToSystemAnonymous', kubescape: 'C-0262', trivy: 'KSV-0122, KSV-01011, KSV-0123' },
  appliesTo: BINDING_KINDS,
  check({ object, report }) {
    if (!isRbacObject(object)) return;
    const binding = readBinding(object);
    if (PUBLIC_DEFAULT_ROLES.has(binding.roleRef.name)) return;
    for (const s of binding.subjects) {
      const special = SPECIAL_SUBJECTS[s.name];
      if (!special || special.kind !== s.kind) continue;
      report({
        span: object.valueSpan(['subjects', s.index, 'name']) ?? s.span!,
        message: `${object.label} grants ${binding.roleRef.kind} ${binding.roleRef.name} ${whereText(binding)} to ${s.kind} ${s.name}: ${special.who}.`,
        fix: { title: `Remove subject ${s.name}`, safe: false, intents: [{ op: 'removeFromSeq', path: ['subjects'], value: { kind: s.kind, name: s.name } }] },
      });
    }
  },
};

/** Whether the pod gets its ServiceAccount's token: its own setting, else the ServiceAccount's, else yes. */
function tokenMounted(object: K8sObject, spec: YAMLMap, account: K8sObject | undefined): boolean {
  const own = object.value(['automountServiceAccountToken'], spec);
  const automount = typeof own === 'boolean' ? own : account?.value(['automountServiceAccountToken']) !== false;
  return automount || projectsToken(object, spec);
}

/** A projected volume with a serviceAccountToken source mounts a token whatever automount says. */
function projectsToken(object: K8sObject, spec: YAMLMap): boolean {
  return entries(object, ['volumes'], spec).some(
    (v) => v.node !== undefined && entries(object, ['projected', 'sources'], v.node).some((s) => s.node !== undefined && object.has(['serviceAccountToken'], s.node)),
  );
}

export const workloadPrivilegedServiceAccount: Rule = {
  id: 'workload-privileged-service-account',
  title: 'Workload runs as a ServiceAccount with risky permissions',
  category: 'rbac',
  severity: 'warning',
  enabledByDefault: true,
  description:
    "Flags workloads whose ServiceAccount (serviceAccountName, else the namespace's default) a RoleBinding or ClusterRoleBinding in the workspace binds to a role with a critical or high risk in the binding's scope (cluster-admin, Secrets read, exec, escalation, the default admin and edit roles, …), directly or through a group such as system:serviceaccounts. Pods that do not mount the account's token are skipped.",
  rationale:
    'A pod\'s ServiceAccount token is readable by every process in its containers: anyone who gets code execution in the pod (a dependency, an RCE, a compromised image) holds those permissions. A workload bound to a risky role turns an application bug into a cluster compromise.',
  remediation: 'Run the workload as a dedicated ServiceAccount bound to a role with only the permissions it uses, or stop mounting the token (automountServiceAccountToken: false) if it does not call the API.',
  reads: ['spec.serviceAccountName', 'spec.automountServiceAccountToken', 'ServiceAccount.automountServiceAccountToken', '{Role,ClusterRole}Binding.subjects', '{Role,ClusterRole}.rules'],
  concepts: ['RBAC-WORKLOAD-PRIVSA'],
  peers: { kubescape: 'C-0267, C-0272, C-0053' },
  appliesTo: 'workloads',
  check({ object, pod, workspace, report }) {
    if (!pod?.spec || object.kind === 'PodTemplate') return;
    const field = object.has(['serviceAccountName'], pod.spec) ? 'serviceAccountName' : object.has(['serviceAccount'], pod.spec) ? 'serviceAccount' : undefined;
    const raw = field ? object.value([field], pod.spec) : undefined;
    const name = typeof raw === 'string' && raw !== '' ? raw : 'default';
    const namespace = object.namespace ?? DEFAULT_NAMESPACE;
    const account = workspace.objectsOfKind('ServiceAccount').find((sa) => sa.name === name && (sa.namespace ?? DEFAULT_NAMESPACE) === namespace);
    if (!tokenMounted(object, pod.spec, account)) return;
    const risky = riskyBindingsOf(workspacePolicy(workspace), { kind: 'ServiceAccount', namespace, name });
    if (risky.length === 0) return;
    const top = risky[0]!;
    const risk = top.risks[0]!;
    const via = top.viaGroup ? ` (through Group ${top.viaGroup})` : '';
    const more = risky.length > 1 ? ` ${risky.length - 1} more binding${risky.length > 2 ? 's' : ''} in the workspace also grant${risky.length > 2 ? '' : 's'} it risky permissions.` : '';
    report({
      span: field ? object.valueSpan([...pod.specPath, field])! : podAnchor(pod, 'serviceAccountName'),
      message: `${object.label} runs as ServiceAccount ${namespace}/${name}, which ${top.binding.kind} ${top.binding.name} in the workspace binds${via} to ${top.role.kind} ${top.role.name} ${whereText(top.binding)}: ${risk.title} (${risk.severity} risk). Code execution in these pods gets those permissions.${more}`,
      fix: null,
    });
  },
};

export const RBAC_BINDING_RULES: readonly Rule[] = [rbacClusterAdminBinding, rbacAnonymousBinding, workloadPrivilegedServiceAccount];
