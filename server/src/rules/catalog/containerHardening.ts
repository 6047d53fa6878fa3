/** Container hardening beyond PSS: dropped capabilities, a read-only root filesystem, Linux security modules. */
import type { K8sObject } from '../../document/k8sObject';
import type { ContainerRef, PodView } from '../../document/workloads';
import { containerAnchor, isWindowsPod } from '../pss/anchors';
import type { Rule } from '../rule';
import { deepestKey, effectiveSecurity, mapKeys, stringEntries, subject } from './podFacts';
import { pssRequiresDropAll, pssRequiresSeccomp } from './pssOverlap';

const DROP = ['securityContext', 'capabilities', 'drop'];
const ADD = ['securityContext', 'capabilities', 'add'];

/** Runtimes accept `net_raw` and `CAP_NET_RAW` for NET_RAW; for "is it dropped" any spelling counts. */
function capability(v: string): string {
  return v.toUpperCase().replace(/^CAP_/, '');
}

function isPrivileged(obj: K8sObject, c: ContainerRef): boolean {
  return obj.value(['securityContext', 'privileged'], c.node) === true;
}

export const netRawNotDropped: Rule = {
  id: 'net-raw-not-dropped',
  title: 'NET_RAW capability not dropped',
  category: 'container',
  severity: 'information',
  enabledByDefault: true,
  description:
    'Flags containers whose `securityContext.capabilities.drop` contains neither `NET_RAW` nor `ALL` (including containers that drop nothing). Silent where PSS restricted already requires dropping ALL, for privileged containers, for containers that add NET_RAW back on purpose, and for Windows pods.',
  rationale:
    'NET_RAW is in the runtime\'s default capability set. It lets a process craft raw packets: ARP and DNS spoofing against other pods on the same node, and it is a frequent ingredient of container-escape exploits. Almost no application needs it (ping is the usual exception), so dropping it costs nothing.',
  remediation: 'Add NET_RAW (better: ALL) to securityContext.capabilities.drop.',
  reads: ['spec.{initContainers,containers,ephemeralContainers}[*].securityContext.capabilities.{drop,add}', 'spec.os.name'],
  concepts: ['SEC-DROP-NET-RAW', 'SEC-CAPS-DROP-ANY'],
  peers: { 'kube-linter': 'drop-net-raw-capability', kubesec: 'CapDropAny', kubescape: 'C-0211 (drop-capability-netraw)', trivy: 'KSV-0004', checkov: 'CKV_K8S_28' },
  defaultsNote:
    'Information, and silent at PSS restricted (v1.22+), where capabilities-restricted already asks for drop ALL: one problem, one squiggle. It speaks up for workloads checked at baseline or privileged.',
  // Dropping NET_RAW alone breaks nothing but raw sockets, so fix-all may apply it; drop ALL is the stronger manual choice.
  fix: { title: 'Drop the NET_RAW capability', scope: 'container', safe: true, intents: [{ op: 'addToSeq', path: DROP, value: 'NET_RAW' }] },
  appliesTo: 'workloads',
  check({ object, pod, policy, report }) {
    if (!pod || isWindowsPod(pod) || pssRequiresDropAll(policy, pod)) return;
    for (const c of pod.containers) {
      if (isPrivileged(object, c)) continue;
      const added = stringEntries(object, ADD, c.node).map(capability);
      if (added.includes('NET_RAW') || added.includes('ALL')) continue;
      const dropped = stringEntries(object, DROP, c.node).map(capability);
      if (dropped.includes('NET_RAW') || dropped.includes('ALL')) continue;
      report({
        span: deepestKey(object, ['securityContext', 'capabilities', 'drop'], c.node) ?? containerAnchor(object, c),
        container: c,
        message:
          dropped.length === 0
            ? `${subject(c)} drops no capabilities, so it keeps NET_RAW (raw packets: ARP/DNS spoofing on the node).`
            : `${subject(c)} drops some capabilities but not NET_RAW (or ALL).`,
      });
    }
  },
};

export const writableRootFilesystem: Rule = {
  id: 'writable-root-filesystem',
  title: 'Root filesystem is writable',
  category: 'container',
  severity: 'information',
  enabledByDefault: true,
  description:
    'Flags containers that do not set `securityContext.readOnlyRootFilesystem: true` (unset or false). Windows pods are skipped: the field is not supported there.',
  rationale:
    'A writable root filesystem lets an attacker who gets code execution drop tools, modify binaries or configuration, and persist until the container restarts. With a read-only root filesystem, writes go only to the volumes you mount on purpose (an emptyDir for /tmp, a cache directory), which are easy to audit.',
  remediation: 'Set securityContext.readOnlyRootFilesystem to true and mount an emptyDir wherever the application must write.',
  reads: ['spec.{initContainers,containers,ephemeralContainers}[*].securityContext.readOnlyRootFilesystem', 'spec.os.name'],
  concepts: ['SEC-READONLY-ROOTFS'],
  peers: {
    polaris: 'notReadOnlyRootFilesystem',
    'kube-linter': 'no-read-only-root-fs',
    'kube-score': 'container-security-context-readonlyrootfilesystem',
    kubesec: 'ReadOnlyRootFilesystem',
    kubescape: 'C-0017',
    trivy: 'KSV-0014',
    checkov: 'CKV_K8S_22',
  },
  defaultsNote:
    'Information rather than warning: many images write to /tmp or their own directories and fail with a read-only root until an emptyDir is mounted, so the fix is a deliberate change, not a default.',
  fix: { title: 'Set readOnlyRootFilesystem: true', scope: 'container', safe: false, intents: [{ op: 'set', path: ['securityContext', 'readOnlyRootFilesystem'], value: true }] },
  appliesTo: 'workloads',
  check({ object, pod, report }) {
    if (!pod || isWindowsPod(pod)) return;
    for (const c of pod.containers) {
      const path = ['securityContext', 'readOnlyRootFilesystem'];
      const value = object.value(path, c.node);
      if (value === true) continue;
      const explicit = object.has(path, c.node);
      report({
        span: explicit ? object.pairSpan(path, c.node)! : containerAnchor(object, c),
        container: c,
        message: explicit
          ? `${subject(c)} sets readOnlyRootFilesystem: ${String(value)}; its root filesystem is writable.`
          : `${subject(c)} has a writable root filesystem (securityContext.readOnlyRootFilesystem is not true).`,
      });
    }
  },
};

const CONFINING_PROFILES = new Set(['RuntimeDefault', 'Localhost']);

/** Whether the pod-level security context confines every container with seccomp, AppArmor or SELinux. */
function podConfines(obj: K8sObject, pod: PodView): boolean {
  const sc = [...pod.specPath, 'securityContext'];
  const annotations = obj.stringMap([...pod.metadataPath, 'annotations']);
  const podSeccompAnnotation = annotations.get('seccomp.security.alpha.kubernetes.io/pod');
  return (
    CONFINING_PROFILES.has(String(obj.value([...sc, 'seccompProfile', 'type']))) ||
    CONFINING_PROFILES.has(String(obj.value([...sc, 'appArmorProfile', 'type']))) ||
    mapKeys(obj, [...sc, 'seLinuxOptions']).length > 0 ||
    (podSeccompAnnotation !== undefined && podSeccompAnnotation !== 'unconfined')
  );
}

function containerConfined(obj: K8sObject, pod: PodView, c: ContainerRef): boolean {
  const annotations = obj.stringMap([...pod.metadataPath, 'annotations']);
  const apparmor = c.name === undefined ? undefined : annotations.get(`container.apparmor.security.beta.kubernetes.io/${c.name}`);
  const seccomp = c.name === undefined ? undefined : annotations.get(`container.seccomp.security.alpha.kubernetes.io/${c.name}`);
  return (
    CONFINING_PROFILES.has(String(effectiveSecurity(obj, pod, c, ['seccompProfile', 'type']).value)) ||
    CONFINING_PROFILES.has(String(effectiveSecurity(obj, pod, c, ['appArmorProfile', 'type']).value)) ||
    mapKeys(obj, ['securityContext', 'seLinuxOptions'], c.node).length > 0 ||
    stringEntries(obj, DROP, c.node).length > 0 ||
    (apparmor !== undefined && apparmor !== 'unconfined') ||
    (seccomp !== undefined && seccomp !== 'unconfined')
  );
}

export const linuxHardeningMissing: Rule = {
  id: 'linux-hardening-missing',
  title: 'No Linux hardening configured',
  category: 'container',
  severity: 'information',
  enabledByDefault: true,
  description:
    'Flags containers confined by none of: a seccomp profile (RuntimeDefault or Localhost), an AppArmor profile, SELinux options, or a non-empty `capabilities.drop` — at pod or container level, fields or legacy annotations. A container with no `securityContext` at all (and none on the pod) is the common case. Silent where PSS restricted already requires a seccomp profile, for privileged containers, and for Windows pods.',
  rationale:
    'Without a seccomp profile the container can call every system call the kernel offers, including the ones most container escapes rely on; without dropped capabilities it keeps the runtime\'s defaults. RuntimeDefault seccomp plus `drop: [ALL]` removes most of the kernel attack surface at almost no compatibility cost.',
  remediation: 'Set securityContext.seccompProfile.type to RuntimeDefault and drop ALL capabilities (or configure AppArmor or SELinux).',
  reads: [
    'spec.securityContext.{seccompProfile,appArmorProfile,seLinuxOptions}',
    'spec.{initContainers,containers,ephemeralContainers}[*].securityContext.{seccompProfile,appArmorProfile,seLinuxOptions,capabilities.drop,privileged}',
    'metadata.annotations[seccomp.security.alpha.kubernetes.io/*, container.apparmor.security.beta.kubernetes.io/*]',
  ],
  concepts: ['SEC-NO-SECCTX', 'SEC-LINUX-HARDENING'],
  peers: { polaris: 'linuxHardening', kubescape: 'C-0055, C-0211', trivy: 'KSV-0118', checkov: 'CKV_K8S_29, CKV_K8S_30' },
  defaultsNote:
    'Silent at PSS restricted, where seccomp-profile-restricted (and capabilities-restricted) already report the same containers; information at baseline and privileged, where nothing else would mention it.',
  fix: {
    title: 'Add seccompProfile RuntimeDefault and drop ALL capabilities',
    scope: 'container',
    safe: false,
    intents: [
      { op: 'set', path: ['securityContext', 'seccompProfile', 'type'], value: 'RuntimeDefault' },
      { op: 'addToSeq', path: DROP, value: 'ALL' },
    ],
  },
  appliesTo: 'workloads',
  check({ object, pod, policy, report }) {
    if (!pod?.spec || isWindowsPod(pod) || pssRequiresSeccomp(policy, pod) || podConfines(object, pod)) return;
    const podHasContext = object.has([...pod.specPath, 'securityContext']);
    for (const c of pod.containers) {
      if (isPrivileged(object, c) || containerConfined(object, pod, c)) continue;
      const hasContext = object.has(['securityContext'], c.node);
      report({
        span: containerAnchor(object, c),
        container: c,
        message:
          !hasContext && !podHasContext
            ? `${subject(c)} has no securityContext (nor has the pod): no seccomp, AppArmor, SELinux or dropped capabilities confine it.`
            : `${subject(c)} configures no Linux hardening: no seccomp profile, AppArmor, SELinux options or dropped capabilities.`,
      });
    }
  },
};

export const CONTAINER_HARDENING_RULES: readonly Rule[] = [netRawNotDropped, writableRootFilesystem, linuxHardeningMissing];
