/**
 * The one RBAC risk rule set: it badges the Workspace RBAC and Permissions trees and (issue 6) squiggles
 * Role/ClusterRole manifests. Ids are stable. Severities follow the checks catalog row K and the peers
 * (rbac-tool, krane, KubiScan, Kubescape, Trivy), with one scale: critical = takes over the cluster or
 * the identities in it, high = takes over workloads or their credentials, medium = local damage or a
 * step towards more, low = narrow.
 */
import { ANY_GROUP, type RiskRule } from './riskRule';

const CORE = '';
const RBAC = 'rbac.authorization.k8s.io';
const WRITE = ['create', 'update', 'patch'];
const READ_SECRETS = ['get', 'list', 'watch'];
const DELETE = ['delete', 'deletecollection'];

/** Kinds with a pod template or a pod: writing any of them runs arbitrary pods. */
const WORKLOADS = [
  { apiGroups: [CORE], resources: ['pods', 'replicationcontrollers'] },
  { apiGroups: ['apps', 'extensions'], resources: ['deployments', 'daemonsets', 'statefulsets', 'replicasets'] },
  { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'] },
];

export const RISK_RULES: readonly RiskRule[] = [
  {
    id: 'rbac-cluster-admin',
    title: 'Cluster-admin equivalent',
    reason: 'Whoever holds it can do anything in its scope, including reading every Secret and granting any permission to anyone.',
    severity: { cluster: 'critical', namespace: 'high' },
    test: { wildcards: ['verbs', 'resources', 'apiGroups'] },
    supersedes: 'all',
    peers: {
      catalog: 'RBAC-WILDCARD-ALL',
      trivy: ['KSV-0044'],
      kubescape: ['C-0187', 'C-0035'],
      checkov: ['CKV_K8S_49'],
      polaris: ['clusterrolebindingClusterAdmin', 'rolebindingClusterAdminClusterRole', 'rolebindingClusterAdminRole'],
      kubeLinter: ['wildcard-in-rules', 'cluster-admin-role-binding'],
      krane: ['subjects-with-open-cluster-wide-access', 'subjects-with-open-ns-level-access'],
      kubiscan: ['risky-any-verb'],
    },
  },
  {
    id: 'rbac-secrets-read',
    title: 'Secrets read',
    reason: 'An attacker can read Secret values such as service account tokens, passwords and TLS keys, and act as the identities they belong to.',
    severity: { cluster: 'critical', namespace: 'high' },
    test: { grants: [{ verbs: READ_SECRETS, resources: ['secrets'], apiGroups: [CORE] }] },
    resourceNamesMitigate: true,
    peers: {
      catalog: 'RBAC-SECRETS',
      trivy: ['KSV-0041', 'KSV-0113'],
      kubescape: ['C-0015', 'C-0186'],
      checkov: ['CKV2_K8S_5'],
      kubeLinter: ['access-to-secrets'],
      rbacTool: ['Secret Readers'],
      krane: ['risky-get-secrets', 'risky-list-secrets', 'risky-any-verb-secrets'],
      kubiscan: ['risky-get-secrets', 'risky-list-secrets', 'risky-any-verb-secrets'],
    },
  },
  {
    id: 'rbac-pods-exec',
    title: 'Exec into pods',
    reason: "An attacker can run commands in running containers and take their service account token, mounted Secrets and network access.",
    severity: { cluster: 'high', namespace: 'high' },
    // kubectl exec upgrades a GET (SPDY) or, since 1.31, needs create (WebSocket): both verbs count.
    test: { grants: [{ verbs: ['create', 'get'], resources: ['pods/exec'], apiGroups: [CORE] }] },
    peers: {
      catalog: 'RBAC-EXEC-ATTACH',
      trivy: ['KSV-0053'],
      kubescape: ['C-0002'],
      checkov: ['CKV2_K8S_2'],
      polaris: ['clusterrolePodExecAttach', 'rolePodExecAttach', 'clusterrolebindingPodExecAttach', 'rolebindingRolePodExecAttach', 'rolebindingClusterRolePodExecAttach'],
      rbacTool: ['pods/exec'],
      krane: ['risky-exec-pods'],
      kubiscan: ['risky-exec-pods'],
    },
  },
  {
    id: 'rbac-pods-attach',
    title: 'Attach to pods',
    reason: "An attacker can attach to a running container's console and interact with its processes.",
    severity: { cluster: 'high', namespace: 'high' },
    test: { grants: [{ verbs: ['create', 'get'], resources: ['pods/attach'], apiGroups: [CORE] }] },
    peers: {
      catalog: 'RBAC-EXEC-ATTACH',
      trivy: ['KSV-0054'],
      kubescape: ['C-0002'],
      polaris: ['clusterrolePodExecAttach', 'rolePodExecAttach'],
      krane: ['risky-attach-pods'],
      kubiscan: ['risky-attach-pods'],
    },
  },
  {
    id: 'rbac-pods-portforward',
    title: 'Port-forward to pods',
    reason: 'An attacker can tunnel to any port of a pod, bypassing Services and NetworkPolicies.',
    severity: { cluster: 'medium', namespace: 'medium' },
    test: { grants: [{ verbs: ['create', 'get'], resources: ['pods/portforward'], apiGroups: [CORE] }] },
    peers: { catalog: 'RBAC-PORTFORWARD', kubescape: ['C-0063'] },
  },
  {
    id: 'rbac-escalate',
    title: 'Escalate roles',
    reason: 'An attacker can write Roles with permissions they do not hold, bypassing the RBAC privilege-escalation check.',
    severity: { cluster: 'critical', namespace: 'high' },
    test: { grants: [{ verbs: ['escalate'], resources: ['roles', 'clusterroles'], apiGroups: [RBAC] }] },
    peers: {
      catalog: 'RBAC-ESCALATE-BIND',
      trivy: ['KSV-0050'],
      kubescape: ['C-0191'],
      checkov: ['CKV_K8S_158'],
      rbacTool: ['Identify Privileges Escalators - via bind or escalate'],
    },
  },
  {
    id: 'rbac-bind',
    title: 'Bind roles',
    reason: 'An attacker can bind roles with permissions they do not hold, such as cluster-admin, to themselves.',
    severity: { cluster: 'critical', namespace: 'high' },
    test: { grants: [{ verbs: ['bind'], resources: ['roles', 'clusterroles'], apiGroups: [RBAC] }] },
    peers: {
      catalog: 'RBAC-ESCALATE-BIND',
      trivy: ['KSV-0050'],
      kubescape: ['C-0191'],
      checkov: ['CKV_K8S_157'],
      rbacTool: ['Identify Privileges Escalators - via bind or escalate'],
      krane: ['risky-create-rolebinding-role', 'risky-create-rolebinding-clusterrole'],
      kubiscan: ['risky-create-rolebinding-role', 'risky-create-rolebinding-clusterrole', 'risky-create-clusterrolebinding-clusterrole'],
    },
  },
  {
    id: 'rbac-impersonate',
    title: 'Impersonation',
    reason: 'An attacker can send requests as another user, group or service account, for example as a member of system:masters.',
    severity: { cluster: 'critical', namespace: 'high' },
    test: {
      grants: [
        { verbs: ['impersonate'], resources: ['users', 'groups', 'serviceaccounts'], apiGroups: [CORE] },
        { verbs: ['impersonate'], resources: ['uids', 'userextras/*'], apiGroups: ['authentication.k8s.io'] },
      ],
    },
    peers: {
      catalog: 'RBAC-IMPERSONATE',
      trivy: ['KSV-0043'],
      kubescape: ['C-0065', 'C-0191'],
      checkov: ['CKV2_K8S_3'],
      rbacTool: ['Identify Privileges Escalators - via impersonate'],
      krane: ['risky-impersonate-privileged-groups', 'risky-any-resource-impersonate'],
      kubiscan: ['risky-impersonate-groups', 'risky-any-resource-impersonate'],
    },
  },
  {
    id: 'rbac-workload-write',
    title: 'Workload create/update',
    reason: 'An attacker can run a pod with any service account, Secret or ConfigMap of the namespace, or a privileged pod where admission allows it.',
    severity: { cluster: 'high', namespace: 'medium' },
    test: {
      grants: [
        ...WORKLOADS.map((w) => ({ verbs: WRITE, ...w })),
        // Ephemeral containers run arbitrary images inside an existing pod.
        { verbs: ['update', 'patch'], resources: ['pods/ephemeralcontainers'], apiGroups: [CORE] },
      ],
    },
    peers: {
      catalog: 'RBAC-CREATE-WORKLOADS',
      trivy: ['KSV-0048'],
      kubescape: ['C-0188'],
      kubeLinter: ['access-to-create-pods'],
      rbacTool: ['Workload Creators & Editors', 'ephemeral containers'],
      krane: ['risky-create-deployments', 'risky-update-deployments', 'risky-any-verb-pods'],
      kubiscan: ['risky-create-pod', 'risky-create-deployments', 'risky-update-deployments'],
    },
  },
  {
    id: 'rbac-nodes-proxy',
    title: 'nodes/proxy',
    reason: "An attacker can call every node's kubelet API, including running commands in any pod, without the API server's audit or admission.",
    severity: { cluster: 'critical', namespace: 'critical' },
    test: { grants: [{ verbs: ['get', 'create', 'update', 'patch', 'delete'], resources: ['nodes/proxy'], apiGroups: [CORE] }] },
    peers: { catalog: 'RBAC-NODES-PROXY', trivy: ['KSV-0047'], kubescape: ['C-0279'], checkov: ['CKV2_K8S_2'], rbacTool: ['nodes/proxy'] },
  },
  {
    id: 'rbac-admission-webhooks',
    title: 'Admission webhook write',
    reason: 'An attacker can register a webhook that reads or rewrites every object sent to the API, Secrets included, or blocks changes.',
    severity: { cluster: 'critical', namespace: 'critical' },
    test: {
      grants: [{ verbs: [...WRITE, 'delete'], resources: ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations'], apiGroups: ['admissionregistration.k8s.io'] }],
    },
    peers: {
      catalog: 'RBAC-WEBHOOKS',
      trivy: ['KSV-0114'],
      kubescape: ['C-0281'],
      checkov: ['CKV_K8S_155'],
      rbacTool: ['Installing or Modifying Admission Controllers'],
    },
  },
  {
    id: 'rbac-csr-approval',
    title: 'CSR approval',
    reason: 'An attacker can approve certificate signing requests and mint client certificates for any user or group, such as system:masters.',
    severity: { cluster: 'high', namespace: 'high' },
    test: {
      grants: [
        { verbs: ['update', 'patch'], resources: ['certificatesigningrequests/approval'], apiGroups: ['certificates.k8s.io'] },
        { verbs: ['approve'], resources: ['signers'], apiGroups: ['certificates.k8s.io'] },
      ],
    },
    peers: { catalog: 'RBAC-CSR-TOKEN-PV', kubescape: ['C-0280'], checkov: ['CKV_K8S_156'] },
  },
  {
    id: 'rbac-token-create',
    title: 'Service account token create',
    reason: 'An attacker can mint tokens for service accounts and use their permissions.',
    severity: { cluster: 'high', namespace: 'high' },
    test: { grants: [{ verbs: ['create'], resources: ['serviceaccounts/token'], apiGroups: [CORE] }] },
    peers: { catalog: 'RBAC-CSR-TOKEN-PV', kubescape: ['C-0282'] },
  },
  {
    id: 'rbac-rbac-write',
    title: 'RBAC write',
    reason: 'An attacker can create or change roles and bindings and hand any permission they hold to other subjects.',
    severity: { cluster: 'high', namespace: 'medium' },
    test: { grants: [{ verbs: WRITE, resources: ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'], apiGroups: [RBAC] }] },
    peers: {
      catalog: 'RBAC-BINDING-CREATE',
      trivy: ['KSV-0051', 'KSV-0052', 'KSV-0055'],
      kubescape: ['C-0191'],
      checkov: ['CKV2_K8S_1'],
      rbacTool: ['Identify Privileges Escalators - via bind or escalate'],
      krane: ['subjects-with-rbac-management', 'risky-create-clusterrolebinding', 'risky-add-rolebinding'],
      kubiscan: ['risky-add-rolebinding'],
    },
  },
  {
    id: 'rbac-pv-create',
    title: 'PersistentVolume create',
    reason: "An attacker can create a hostPath PersistentVolume and mount any directory of a node, such as the kubelet's credentials.",
    severity: { cluster: 'high', namespace: 'high' },
    test: { grants: [{ verbs: ['create'], resources: ['persistentvolumes'], apiGroups: [CORE] }] },
    peers: { catalog: 'RBAC-CSR-TOKEN-PV', kubescape: ['C-0278'], rbacTool: ['Storage & Data - Manipulate Cluster Shared Resources'] },
  },
  {
    id: 'rbac-delete-broad',
    title: 'Broad delete',
    reason: 'An attacker can destroy data or cover their tracks by deleting any resource, namespaces, volumes, Secrets, events or pod logs.',
    severity: { cluster: 'medium', namespace: 'low' },
    test: {
      grants: [
        { verbs: DELETE, resources: ['*'], apiGroups: [ANY_GROUP] },
        { verbs: DELETE, resources: ['namespaces', 'persistentvolumes', 'persistentvolumeclaims', 'secrets', 'events', 'pods/log'], apiGroups: [CORE] },
        { verbs: DELETE, resources: ['events'], apiGroups: ['events.k8s.io'] },
      ],
    },
    peers: {
      catalog: 'RBAC-DELETE',
      trivy: ['KSV-0042'],
      kubescape: ['C-0007', 'C-0031'],
      krane: ['risky-any-resource-delete', 'risky-any-resource-deletecollection'],
      kubiscan: ['risky-any-resource-delete'],
    },
  },
  {
    id: 'rbac-wildcard-verbs',
    title: 'Wildcard verbs',
    reason: 'Every current and future verb is granted, including escalate, bind and impersonate wherever the resources allow them.',
    severity: { cluster: 'high', namespace: 'medium' },
    test: { wildcards: ['verbs'] },
    peers: {
      catalog: 'RBAC-WILDCARD-ANY',
      trivy: ['KSV-0045'],
      kubescape: ['C-0187'],
      checkov: ['CKV_K8S_49'],
      kubeLinter: ['wildcard-in-rules'],
      krane: ['risky-any-verb-secrets', 'risky-any-verb-pods'],
      kubiscan: ['risky-any-verb-secrets', 'risky-any-verb-pods'],
    },
  },
  {
    id: 'rbac-wildcard-resources',
    title: 'Wildcard resources',
    reason: 'Every current and future resource and subresource is granted, including Secrets, pods/exec and new custom resources.',
    severity: { cluster: 'high', namespace: 'medium' },
    test: { wildcards: ['resources'] },
    peers: {
      catalog: 'RBAC-WILDCARD-ANY',
      trivy: ['KSV-0046', 'KSV-0112'],
      kubescape: ['C-0187'],
      checkov: ['CKV_K8S_49'],
      kubeLinter: ['wildcard-in-rules'],
      krane: ['risky-any-resource-get', 'risky-any-resource-list', 'risky-any-resource-create'],
      kubiscan: ['risky-any-resource-get', 'risky-any-resource-list', 'risky-any-resource-create'],
    },
  },
  {
    id: 'rbac-wildcard-api-groups',
    title: 'Wildcard API groups',
    reason: 'The rule also covers same-named resources of every current and future API group, custom resources included.',
    severity: { cluster: 'medium', namespace: 'low' },
    test: { wildcards: ['apiGroups'] },
    peers: { catalog: 'RBAC-WILDCARD-ANY', kubescape: ['C-0187'], kubeLinter: ['wildcard-in-rules'] },
  },
];
