/**
 * RBAC role rules about what a role reaches: Secrets, running pods (exec, attach, port-forward),
 * workloads, PersistentVolumes, broad delete and configuration/networking writes. The check and the
 * classification are shared (rbacRoleCheck.ts, server/src/rbac/risk).
 */
import type { Rule } from '../rule';
import { roleRiskRule } from './rbacRoleCheck';

const READS = ['rules[*].verbs', 'rules[*].resources', 'rules[*].apiGroups', 'rules[*].resourceNames', 'aggregationRule.clusterRoleSelectors'];

export const rbacSecretsRead = roleRiskRule({
  risk: 'rbac-secrets-read',
  anchor: 'resources',
  title: 'Read access to Secrets',
  severity: 'warning',
  enabledByDefault: true,
  description: 'Flags rules that grant get, list or watch on secrets (directly or through wildcards) without restricting them to named Secrets with resourceNames.',
  rationale:
    "Secrets hold service account tokens, database passwords and TLS keys: reading them is acting as everything they unlock. list and watch return every Secret's value, not just names, so \"list only\" is no safer than get.",
  remediation: 'Restrict the rule to the Secrets the subject needs with resourceNames (get only), or mount those Secrets into the pod instead of reading them through the API.',
  reads: READS,
});

export const rbacPodsExec = roleRiskRule({
  risk: 'rbac-pods-exec',
  anchor: 'resources',
  removable: true,
  title: 'Exec into pods',
  severity: 'warning',
  enabledByDefault: true,
  description: 'Flags rules that grant create or get on pods/exec (kubectl exec uses get over SPDY and create over WebSocket).',
  rationale:
    "Exec runs arbitrary commands in running containers: the holder gets each container's service account token, mounted Secrets and network position, whatever RBAC says about those directly.",
  remediation: 'Remove pods/exec outside break-glass roles, and use logs, metrics or ephemeral debug containers under review instead.',
  reads: READS,
});

export const rbacPodsAttach = roleRiskRule({
  risk: 'rbac-pods-attach',
  anchor: 'resources',
  removable: true,
  title: 'Attach to pods',
  severity: 'warning',
  enabledByDefault: true,
  description: 'Flags rules that grant create or get on pods/attach.',
  rationale: "Attach connects to a running container's main process console: with a shell as entrypoint it is as good as exec, and it can feed input to the application.",
  remediation: 'Remove pods/attach outside break-glass roles.',
  reads: READS,
});

export const rbacPodsPortforward = roleRiskRule({
  risk: 'rbac-pods-portforward',
  anchor: 'resources',
  removable: true,
  title: 'Port-forward to pods',
  severity: 'information',
  enabledByDefault: true,
  description: 'Flags rules that grant create or get on pods/portforward.',
  rationale:
    'Port-forwarding tunnels from the holder\'s machine to any port of a pod, bypassing Services, Ingress authentication and NetworkPolicies: admin ports and databases become reachable from a laptop.',
  remediation: 'Remove pods/portforward from roles that do not need interactive debugging.',
  defaultsNote: 'Information: developers use port-forward routinely in their own namespaces.',
  reads: READS,
});

export const rbacWorkloadWrite = roleRiskRule({
  risk: 'rbac-workload-write',
  anchor: 'resources',
  title: 'Create or update workloads',
  severity: 'information',
  enabledByDefault: true,
  description: 'Flags rules that grant create, update or patch on pods or pod controllers (deployments, daemonsets, statefulsets, replicasets, replicationcontrollers, jobs, cronjobs), or update on pods/ephemeralcontainers.',
  rationale:
    'Whoever can create pods can run one as any ServiceAccount of the namespace, mount any of its Secrets and ConfigMaps, and (where admission allows) run it privileged on a node: workload write is close to everything the namespace holds.',
  remediation: 'Grant workload write only to deployment pipelines and controllers, scoped to their namespaces, and enforce Pod Security admission there.',
  defaultsNote: 'Information: CI/CD and operators legitimately create workloads; the finding keeps the grant visible.',
  reads: READS,
});

export const rbacPvCreate = roleRiskRule({
  risk: 'rbac-pv-create',
  anchor: 'resources',
  title: 'Create PersistentVolumes',
  severity: 'information',
  enabledByDefault: true,
  description: 'Flags rules that grant create on persistentvolumes.',
  rationale:
    'A PersistentVolume can be a hostPath: whoever creates one and claims it mounts any directory of a node (the kubelet\'s credentials, other pods\' data), sidestepping Pod Security checks on the pod.',
  remediation: 'Leave PersistentVolume creation to storage provisioners and let applications use PersistentVolumeClaims.',
  defaultsNote: 'Information: CSI provisioners need it; their ClusterRoles are expected to show it.',
  reads: READS,
});

export const rbacDeleteBroad = roleRiskRule({
  risk: 'rbac-delete-broad',
  anchor: 'verbs',
  title: 'Broad delete',
  severity: 'information',
  enabledByDefault: false,
  description: 'Flags rules that grant delete or deletecollection on every resource, or on namespaces, persistentvolumes, persistentvolumeclaims, secrets, events or pods/log.',
  rationale: 'Deleting namespaces, volumes or Secrets destroys data and availability in one call, and deleting events and logs covers the tracks of everything else.',
  remediation: 'Grant delete on the specific resources the subject manages.',
  defaultsNote: 'Off by default: peers disagree (only Kubescape and Trivy check it, at medium), and most controllers delete what they create.',
  reads: READS,
});

export const rbacConfigNetworkWrite = roleRiskRule({
  risk: 'rbac-config-network-write',
  anchor: 'resources',
  title: 'Write access to ConfigMaps or networking',
  severity: 'information',
  enabledByDefault: false,
  description:
    'Flags rules that grant create, update, patch or delete on configmaps, services, services/status, endpoints, endpointslices, networkpolicies or ingresses, unless restricted to named objects with resourceNames.',
  rationale:
    'ConfigMaps configure other workloads (CoreDNS, aws-auth, application settings) and the networking objects decide where traffic goes: writing them can redirect or intercept traffic, or open what NetworkPolicies closed.',
  remediation: 'Restrict the rule with resourceNames to the objects the subject manages, or drop the write verbs.',
  defaultsNote: 'Off by default: peers disagree on severity (Trivy medium to critical, Kubescape medium) and many controllers write their own ConfigMaps and Services.',
  reads: READS,
});

export const RBAC_RESOURCE_ACCESS_RULES: readonly Rule[] = [
  rbacSecretsRead,
  rbacPodsExec,
  rbacPodsAttach,
  rbacPodsPortforward,
  rbacWorkloadWrite,
  rbacPvCreate,
  rbacDeleteBroad,
  rbacConfigNetworkWrite,
];
