/**
 * The 93 check concepts of the unified catalog (../shared/docs/checks-catalog.md), as data: rules name
 * the concepts they implement, tests check those names, and the docs and `kubeguard rules` count them.
 */

export type ConceptGroup = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J' | 'K' | 'L';

export interface Concept {
  readonly id: string;
  readonly group: ConceptGroup;
  /** What the concept detects, in a few words. */
  readonly title: string;
}

export const CONCEPT_GROUPS: Readonly<Record<ConceptGroup, string>> = {
  A: 'Pod Security Standards - Baseline',
  B: 'Pod Security Standards - Restricted',
  C: 'Container hardening beyond PSS',
  D: 'Host mounts',
  E: 'Secrets and credentials',
  F: 'Service accounts',
  G: 'Images',
  H: 'Resources and probes',
  I: 'Namespaces and placement',
  J: 'Network exposure',
  K: 'RBAC',
  L: 'Other manifest-level checks',
};

const c = (group: ConceptGroup, id: string, title: string): Concept => ({ id, group, title });

export const CONCEPTS: readonly Concept[] = [
  c('A', 'SEC-HOSTPROCESS', 'Windows HostProcess containers'),
  c('A', 'SEC-HOSTNETWORK', 'hostNetwork'),
  c('A', 'SEC-HOSTPID', 'hostPID'),
  c('A', 'SEC-HOSTIPC', 'hostIPC'),
  c('A', 'SEC-PRIVILEGED', 'privileged containers'),
  c('A', 'SEC-CAPS-ADD-NONDEFAULT', 'capabilities added outside the default set'),
  c('A', 'SEC-CAPS-DANGEROUS', 'dangerous capabilities added'),
  c('A', 'SEC-HOSTPATH', 'hostPath volumes'),
  c('A', 'SEC-HOSTPORT', 'hostPort'),
  c('A', 'SEC-PROBE-HOST', 'probe or lifecycle handler host field'),
  c('A', 'SEC-APPARMOR', 'AppArmor profile overridden'),
  c('A', 'SEC-SELINUX', 'SELinux options'),
  c('A', 'SEC-PROCMOUNT', 'procMount'),
  c('A', 'SEC-SECCOMP-UNCONFINED', 'seccomp Unconfined'),
  c('A', 'SEC-SYSCTLS', 'unsafe sysctls'),
  c('B', 'SEC-VOLUME-TYPES', 'volume types outside the restricted set'),
  c('B', 'SEC-PRIV-ESCALATION', 'allowPrivilegeEscalation not false'),
  c('B', 'SEC-RUN-AS-NONROOT', 'runAsNonRoot not true'),
  c('B', 'SEC-RUN-AS-UID0', 'runAsUser 0'),
  c('B', 'SEC-SECCOMP-REQUIRED', 'seccomp profile required'),
  c('B', 'SEC-CAPS-DROP-ALL', 'capabilities.drop must include ALL'),
  c('B', 'SEC-CAPS-ADD-ONLY-NBS', 'only NET_BIND_SERVICE may be added'),
  c('C', 'SEC-DROP-NET-RAW', 'NET_RAW not dropped'),
  c('C', 'SEC-CAPS-DROP-ANY', 'no capability dropped'),
  c('C', 'SEC-READONLY-ROOTFS', 'root filesystem writable'),
  c('C', 'SEC-HIGH-UID', 'UID/GID at or below 10000'),
  c('C', 'SEC-ROOT-GROUP', 'root group (GID 0)'),
  c('C', 'SEC-NO-SECCTX', 'no securityContext'),
  c('C', 'SEC-LINUX-HARDENING', 'no AppArmor, seccomp, SELinux or capability drop'),
  c('C', 'SEC-HOSTUSERS', 'user namespace (hostUsers: false) not used'),
  c('C', 'SEC-HOSTALIASES', 'hostAliases'),
  c('C', 'SEC-PRIVILEGED-PORT', 'containerPort below 1024'),
  c('C', 'SEC-SSH', 'SSH port exposed'),
  c('C', 'SEC-SUDO', 'sudo in command or args'),
  c('D', 'SEC-RUNTIME-SOCKET', 'container runtime socket mounted'),
  c('D', 'SEC-SENSITIVE-HOSTPATH', 'sensitive host directory mounted'),
  c('D', 'SEC-WRITABLE-HOSTPATH', 'hostPath mounted writable'),
  c('E', 'SEC-SECRET-ENV-REF', 'Secret consumed through environment variables'),
  c('E', 'SEC-SECRET-ENV-LITERAL', 'credential literal in an environment variable'),
  c('E', 'SEC-CONFIGMAP-SECRET', 'credential in a ConfigMap'),
  c('E', 'SEC-CLOUD-CREDS', 'cloud credentials mounted from the node'),
  c('F', 'SEC-SA-AUTOMOUNT', 'service account token automounted'),
  c('F', 'SEC-DEFAULT-SA', 'default ServiceAccount used'),
  c('F', 'SEC-SA-MISSING', 'ServiceAccount missing / deprecated serviceAccount field'),
  c('G', 'SEC-IMAGE-LATEST', 'image without tag or with latest'),
  c('G', 'SEC-IMAGE-DIGEST', 'image not pinned by digest'),
  c('G', 'SEC-PULL-POLICY', 'imagePullPolicy not Always'),
  c('G', 'SEC-REGISTRY', 'untrusted or deprecated registry'),
  c('G', 'SEC-IMAGE-SIGNATURE', 'image signature'),
  c('H', 'RES-CPU-REQUEST', 'CPU request missing'),
  c('H', 'RES-CPU-LIMIT', 'CPU limit missing'),
  c('H', 'RES-MEM-REQUEST', 'memory request missing'),
  c('H', 'RES-MEM-LIMIT', 'memory limit missing'),
  c('H', 'RES-EPHEMERAL', 'ephemeral-storage request/limit missing'),
  c('H', 'RES-NS-LIMITRANGE', 'namespace without LimitRange/ResourceQuota'),
  c('H', 'PROBE-LIVENESS', 'liveness probe missing'),
  c('H', 'PROBE-READINESS', 'readiness probe missing'),
  c('H', 'PROBE-PORT', 'probe port not declared'),
  c('I', 'NS-DEFAULT', 'default namespace'),
  c('I', 'NS-KUBE-SYSTEM', 'workload in kube-system'),
  c('I', 'NS-PSA-LABEL', 'Namespace without Pod Security enforce label'),
  c('I', 'NS-NAKED-POD', 'bare Pod without a controller'),
  c('J', 'NET-NO-POLICY-WORKLOAD', 'workload selected by no NetworkPolicy'),
  c('J', 'NET-NO-POLICY-NAMESPACE', 'namespace without default-deny NetworkPolicy'),
  c('J', 'NET-POLICY-NOSELECTOR', 'NetworkPolicy without selectors'),
  c('J', 'NET-POLICY-DANGLING', 'NetworkPolicy selecting nothing'),
  c('J', 'NET-SVC-EXPOSED', 'NodePort / LoadBalancer Service'),
  c('J', 'NET-SVC-EXTERNALIP', 'Service externalIPs'),
  c('J', 'NET-INGRESS-TLS', 'Ingress without TLS'),
  c('J', 'NET-INGRESS-SNIPPET', 'ingress-nginx snippet annotations'),
  c('J', 'NET-SENSITIVE-UI', 'sensitive admin UIs deployed'),
  c('K', 'RBAC-WILDCARD-ALL', 'wildcard verbs and resources'),
  c('K', 'RBAC-WILDCARD-ANY', 'wildcard in verbs, resources or apiGroups'),
  c('K', 'RBAC-CLUSTER-ADMIN-BINDING', 'binding to cluster-admin'),
  c('K', 'RBAC-SECRETS', 'read access to secrets'),
  c('K', 'RBAC-EXEC-ATTACH', 'pods/exec or pods/attach'),
  c('K', 'RBAC-PORTFORWARD', 'pods/portforward'),
  c('K', 'RBAC-CREATE-WORKLOADS', 'create/update workloads'),
  c('K', 'RBAC-ESCALATE-BIND', 'escalate / bind verbs'),
  c('K', 'RBAC-IMPERSONATE', 'impersonate'),
  c('K', 'RBAC-BINDING-CREATE', 'create bindings'),
  c('K', 'RBAC-NODES-PROXY', 'nodes/proxy'),
  c('K', 'RBAC-WEBHOOKS', 'write on admission webhooks'),
  c('K', 'RBAC-CSR-TOKEN-PV', 'approve CSRs / create tokens / create PVs'),
  c('K', 'RBAC-DELETE', 'delete capabilities'),
  c('K', 'RBAC-CONFIGMAP-NET', 'write on configmaps / networking / services/status'),
  c('K', 'RBAC-ANON-BINDING', 'binding to anonymous or all-authenticated subjects'),
  c('K', 'RBAC-WORKLOAD-PRIVSA', 'workload bound to a privileged ServiceAccount'),
  c('L', 'MISC-DEPRECATED-API', 'deprecated or removed apiVersion'),
  c('L', 'MISC-CVE-APPS', 'known-vulnerable application versions'),
  c('L', 'MISC-PSP', 'PodSecurityPolicy objects'),
  c('L', 'MISC-CONTROL-PLANE-FLAGS', 'control-plane component flags'),
  c('L', 'MISC-OPENSHIFT-SCC', 'OpenShift SCC allows privileged containers'),
];

/** Concepts no offline, single-object rule can implement, and why (listed in docs/rules/README.md). */
export const UNREACHABLE_CONCEPTS: Readonly<Record<string, string>> = {
  'SEC-IMAGE-SIGNATURE': 'verifying a cosign signature needs the registry; an offline editor check cannot do it',
  'MISC-CVE-APPS': 'known-vulnerable application versions need a vulnerability feed to stay correct',
  'MISC-CONTROL-PLANE-FLAGS': 'flags of static control-plane pods are cluster administration, out of product scope',
};

const byId = new Map(CONCEPTS.map((x) => [x.id, x]));

export function conceptById(id: string): Concept | undefined {
  return byId.get(id);
}
