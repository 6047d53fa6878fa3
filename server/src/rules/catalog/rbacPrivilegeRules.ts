/**
 * RBAC role rules about privilege itself: wildcards, cluster-admin equivalents, escalation (escalate,
 * bind, impersonate, RBAC write), admission webhooks, nodes/proxy, certificates and tokens. The check
 * and the classification are shared (rbacRoleCheck.ts, server/src/rbac/risk).
 */
import type { Rule } from '../rule';
import { roleRiskRule } from './rbacRoleCheck';

const READS = ['rules[*].verbs', 'rules[*].resources', 'rules[*].apiGroups', 'rules[*].resourceNames', 'aggregationRule.clusterRoleSelectors'];

export const rbacClusterAdmin = roleRiskRule({
  risk: 'rbac-cluster-admin',
  anchor: 'verbs',
  title: 'Role grants everything (cluster-admin equivalent)',
  severity: 'warning',
  enabledByDefault: true,
  description:
    'Flags Role and ClusterRole rules with `*` in verbs, resources and apiGroups: the rule of cluster-admin. An aggregated ClusterRole is judged by the rules it aggregates from the workspace. Other wildcard findings are not reported next to this one.',
  rationale:
    'A rule that allows every verb on every resource of every API group is full control of its scope: reading every Secret, running any pod, and granting any permission to anyone. Operators and CI pipelines that get it "to make it work" become the easiest path to owning the cluster.',
  remediation: 'List the verbs, resources and API groups the subject actually uses instead of wildcards.',
  reads: READS,
});

export const rbacWildcardVerbs = roleRiskRule({
  risk: 'rbac-wildcard-verbs',
  anchor: 'verbs',
  title: 'Wildcard verbs',
  severity: 'warning',
  enabledByDefault: true,
  description: 'Flags Role and ClusterRole rules with `*` in verbs (unless the rule is a cluster-admin equivalent, reported as such).',
  rationale:
    'A verb wildcard grants every current and future verb, including escalate, bind and impersonate where the resources allow them, and deletecollection. Reviewers reading `*` cannot tell what was meant, and new API verbs are granted silently.',
  remediation: 'Replace "*" with the verbs the subject needs, such as get, list and watch.',
  reads: READS,
});

export const rbacWildcardResources = roleRiskRule({
  risk: 'rbac-wildcard-resources',
  anchor: 'resources',
  title: 'Wildcard resources',
  severity: 'warning',
  enabledByDefault: true,
  description: 'Flags Role and ClusterRole rules with `*` in resources (unless the rule is a cluster-admin equivalent, reported as such).',
  rationale:
    'A resource wildcard covers every resource and subresource of the listed API groups, now and in the future: Secrets, pods/exec and custom resources installed later included. What looks like "all deployments things" usually grants far more.',
  remediation: 'Replace "*" with the resources the subject needs.',
  reads: READS,
});

export const rbacWildcardApiGroups = roleRiskRule({
  risk: 'rbac-wildcard-api-groups',
  anchor: 'apiGroups',
  title: 'Wildcard API groups',
  severity: 'information',
  enabledByDefault: true,
  description: 'Flags Role and ClusterRole rules with `*` in apiGroups (unless the rule is a cluster-admin equivalent, reported as such).',
  rationale:
    'An API group wildcard makes the rule cover same-named resources of every group, custom resources of operators installed later included, which is rarely the intent and hard to review.',
  remediation: 'Name the API groups the resources belong to ("" for the core group).',
  defaultsNote: 'Information: with named resources the extra reach is usually small; it is reported so the rule stays reviewable.',
  reads: READS,
});

export const rbacEscalate = roleRiskRule({
  risk: 'rbac-escalate',
  anchor: 'verbs',
  removable: true,
  title: 'escalate on roles',
  severity: 'warning',
  enabledByDefault: true,
  description: 'Flags rules that grant the `escalate` verb on roles or clusterroles (directly or through a verb wildcard).',
  rationale:
    'RBAC normally refuses to let anyone write a role with permissions they do not hold. escalate switches that check off: its holder can edit a role they are bound to until it grants everything.',
  remediation: 'Remove escalate; grant the needed permissions directly to whoever administers the roles.',
  reads: READS,
});

export const rbacBind = roleRiskRule({
  risk: 'rbac-bind',
  anchor: 'verbs',
  removable: true,
  title: 'bind on roles',
  severity: 'warning',
  enabledByDefault: true,
  description: 'Flags rules that grant the `bind` verb on roles or clusterroles (directly or through a verb wildcard).',
  rationale:
    'bind lets its holder create bindings to roles with permissions they do not hold themselves, such as binding cluster-admin to their own account: it is a direct path to full control unless restricted with resourceNames to harmless roles.',
  remediation: 'Remove bind, or restrict it with resourceNames to the roles the subject may hand out.',
  reads: READS,
});

export const rbacImpersonate = roleRiskRule({
  risk: 'rbac-impersonate',
  anchor: 'verbs',
  removable: true,
  title: 'impersonate users, groups or service accounts',
  severity: 'warning',
  enabledByDefault: true,
  description: 'Flags rules that grant `impersonate` on users, groups, serviceaccounts, uids or userextras.',
  rationale:
    'Impersonation lets the holder send requests as someone else; without resourceNames that includes any administrator, any ServiceAccount and the system:masters group, which bypasses RBAC entirely.',
  remediation: 'Remove impersonate, or restrict it with resourceNames to the identities the subject must act as.',
  reads: READS,
});

export const rbacRbacWrite = roleRiskRule({
  risk: 'rbac-rbac-write',
  anchor: 'resources',
  title: 'Write access to roles and bindings',
  severity: 'information',
  enabledByDefault: true,
  description: 'Flags rules that grant create, update or patch on roles, rolebindings, clusterroles or clusterrolebindings.',
  rationale:
    'Whoever can write roles and bindings can hand every permission they hold to any subject, including identities outside your control, and can weaken the roles others depend on. It is the administrator\'s permission and deserves review wherever else it appears.',
  remediation: 'Keep RBAC write to cluster administrators and GitOps controllers, and restrict it with resourceNames where a controller manages specific objects.',
  defaultsNote: 'Information: operators and GitOps controllers legitimately manage RBAC objects.',
  reads: READS,
});

export const rbacAdmissionWebhooks = roleRiskRule({
  risk: 'rbac-admission-webhooks',
  anchor: 'resources',
  title: 'Write access to admission webhooks',
  severity: 'warning',
  enabledByDefault: true,
  description: 'Flags rules that grant create, update, patch or delete on validatingwebhookconfigurations or mutatingwebhookconfigurations.',
  rationale:
    'An admission webhook sees every object sent to the API, Secrets included, and a mutating one can rewrite them (inject containers, change images). Whoever can register webhooks can also disable the policy webhooks that protect the cluster.',
  remediation: 'Restrict webhook write to the controller that owns the webhook, with resourceNames naming its configuration.',
  reads: READS,
});

export const rbacNodesProxy = roleRiskRule({
  risk: 'rbac-nodes-proxy',
  anchor: 'resources',
  removable: true,
  title: 'Access to nodes/proxy',
  severity: 'warning',
  enabledByDefault: true,
  description: 'Flags rules that grant get, create, update, patch or delete on nodes/proxy.',
  rationale:
    "nodes/proxy reaches every kubelet's API, which can run commands in any pod of the node, and those requests bypass the API server's audit log and admission control.",
  remediation: 'Remove nodes/proxy; monitoring agents need nodes/metrics or nodes/stats instead.',
  reads: READS,
});

export const rbacCsrApproval = roleRiskRule({
  risk: 'rbac-csr-approval',
  anchor: 'resources',
  title: 'Approve certificate signing requests',
  severity: 'warning',
  enabledByDefault: true,
  description: 'Flags rules that grant update or patch on certificatesigningrequests/approval, or approve on signers.',
  rationale:
    'Approving CSRs mints client certificates: the approver can issue a certificate for any user or group, system:masters included, and use it to act as them for the certificate\'s lifetime, with no way to revoke it.',
  remediation: 'Leave CSR approval to the cluster\'s own controllers, or restrict approve on signers with resourceNames to one non-kubernetes.io signer.',
  reads: READS,
});

export const rbacTokenCreate = roleRiskRule({
  risk: 'rbac-token-create',
  anchor: 'resources',
  removable: true,
  title: 'Create service account tokens',
  severity: 'information',
  enabledByDefault: true,
  description: 'Flags rules that grant create on serviceaccounts/token.',
  rationale:
    'Creating tokens for service accounts lets the holder act as any ServiceAccount in scope, with all of their permissions, from outside the cluster and for as long as the token lives.',
  remediation: 'Remove serviceaccounts/token, or restrict it with resourceNames to the accounts the subject must mint tokens for.',
  defaultsNote: 'Information: only Kubescape checks it, and token brokers legitimately need it for named accounts.',
  reads: READS,
});

export const RBAC_PRIVILEGE_RULES: readonly Rule[] = [
  rbacClusterAdmin,
  rbacWildcardVerbs,
  rbacWildcardResources,
  rbacWildcardApiGroups,
  rbacEscalate,
  rbacBind,
  rbacImpersonate,
  rbacRbacWrite,
  rbacAdmissionWebhooks,
  rbacNodesProxy,
  rbacCsrApproval,
  rbacTokenCreate,
];
