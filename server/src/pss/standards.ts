/**
 * What the Pod Security Standards allow, by policy version: the value sets of `policy/check_*.go`
 * (pod-security-admission at kubernetes/kubernetes dde51bfc). Data only; the rules in rules/pss/ read it.
 */

/** Capabilities a baseline container may add (`capabilities_baseline`); the match is exact and case-sensitive. */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** The only capability a restricted container may add (`capabilities_restricted`). */
export const RESTRICTED_ADDABLE_CAPABILITY = 'NET_BIND_SERVICE';

/** Volume sources restricted allows (`restrictedVolumes`). */
export const RESTRICTED_VOLUME_SOURCES: ReadonlySet<string> = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

/**
 * Every other volume source of core/v1 `VolumeSource`. A key outside both sets is not a volume source
 * (the API server drops unknown fields), so it neither violates nor counts as a source.
 */
export const OTHER_VOLUME_SOURCES: ReadonlySet<string> = new Set([
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
]);

/** Sysctls allowed at baseline, each from the policy version that added it (`sysctls`). */
const SYSCTLS_BY_VERSION: readonly { readonly since: number; readonly names: readonly string[] }[] = [
  {
    since: 0,
    names: ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start'],
  },
  { since: 27, names: ['net.ipv4.ip_local_reserved_ports'] },
  { since: 29, names: ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'] },
  { since: 32, names: ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'] },
  { since: 37, names: ['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'] },
];

const sysctlsByMinor = new Map<number, ReadonlySet<string>>();

/**
 * The sysctl names allowed at policy version v1.`minor`. Asked for every workload the sysctls check
 * runs on, so each version's set is built once (versions are a few dozen small integers).
 */
export function allowedSysctls(minor: number): ReadonlySet<string> {
  let allowed = sysctlsByMinor.get(minor);
  if (!allowed) {
    allowed = new Set(SYSCTLS_BY_VERSION.filter((g) => g.since <= minor).flatMap((g) => g.names));
    sysctlsByMinor.set(minor, allowed);
  }
  return allowed;
}

/** The first policy version that allows a sysctl, if any does (for messages: "allowed from v1.32"). */
export function sysctlAllowedSince(name: string): number | undefined {
  return SYSCTLS_BY_VERSION.find((g) => g.names.includes(name))?.since;
}

const SELINUX_TYPES: ReadonlySet<string> = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
const SELINUX_TYPES_V1_31: ReadonlySet<string> = new Set([...SELINUX_TYPES, 'container_engine_t']);

/** SELinux types baseline allows at v1.`minor` (`seLinuxOptions`); the empty type is the runtime's default. */
export function allowedSelinuxTypes(minor: number): ReadonlySet<string> {
  return minor >= 31 ? SELINUX_TYPES_V1_31 : SELINUX_TYPES;
}

/** Seccomp profile types accepted in `securityContext.seccompProfile.type` (both seccomp checks, v1.19+). */
export const ALLOWED_SECCOMP_TYPES: ReadonlySet<string> = new Set(['RuntimeDefault', 'Localhost']);

/** Legacy seccomp annotations, read by `seccompProfile_baseline` before v1.19 only. */
export const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
export const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

/** Legacy seccomp annotation values allowed at baseline before v1.19. */
export function isAllowedSeccompAnnotation(value: string): boolean {
  return value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/');
}

/** AppArmor profile types accepted in `securityContext.appArmorProfile.type`. */
export const ALLOWED_APPARMOR_TYPES: ReadonlySet<string> = new Set(['RuntimeDefault', 'Localhost']);

/** Deprecated AppArmor annotation prefix; baseline checks it at every version. */
export const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

export function isAllowedAppArmorAnnotation(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}
