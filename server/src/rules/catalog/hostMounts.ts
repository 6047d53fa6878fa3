/**
 * Host mounts: which hostPath volumes are dangerous beyond "any hostPath". PSS baseline and restricted
 * already forbid every hostPath volume, so these rules speak only where PSS allows them (level
 * privileged, typically node agents in a privileged namespace) and refine that permission.
 */
import type { Node } from 'yaml';
import type { K8sObject } from '../../document/k8sObject';
import type { PodView } from '../../document/workloads';
import type { Rule } from '../rule';
import { entries, subject } from './podFacts';
import { pssForbidsHostPath } from './pssOverlap';

export type HostPathKind = 'runtime-socket' | 'cloud-credentials' | 'sensitive';

const SOCKET_FILES = new Set(['docker.sock', 'containerd.sock', 'crio.sock', 'cri-dockerd.sock', 'dockershim.sock', 'podman.sock']);
/** Directories that hold a runtime socket: mounting them exposes the socket too. */
const SOCKET_DIRS = new Set([
  '/run',
  '/var/run',
  '/run/containerd',
  '/var/run/containerd',
  '/run/crio',
  '/var/run/crio',
  '/run/docker',
  '/var/run/docker',
  '/run/podman',
  '/var/run/podman',
  '/run/k3s',
  '/run/k3s/containerd',
  '/var/snap/microk8s/common/run',
]);
/** Mounting these or anything below them exposes host secrets or lets a writer take over the node. */
const SENSITIVE_TREES = ['/etc', '/boot', '/root', '/proc', '/sys', '/dev', '/var/lib/kubelet', '/var/lib/docker', '/var/lib/containerd', '/var/lib/etcd', '/var/lib/rancher'];
/** Sensitive as a whole (system binaries and libraries), though ordinary subdirectories are not. */
const SENSITIVE_EXACT = new Set(['/', '/bin', '/sbin', '/lib', '/lib64', '/usr', '/var', '/home']);

/** Host files inside sensitive trees that carry nothing secret and are commonly mounted (time zone, machine id, null devices). */
const BENIGN_FILES = new Set(['/etc/localtime', '/etc/timezone', '/etc/machine-id', '/etc/os-release', '/etc/hostname', '/dev/null', '/dev/zero', '/dev/random', '/dev/urandom', '/dev/full']);

/** `/var//run/./docker.sock/` → `/var/run/docker.sock`: how the kubelet resolves the path. */
export function normalizeHostPath(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return `/${out.join('/')}`;
}

/** What a host path exposes, most specific first; undefined for paths none of the rules care about. */
export function classifyHostPath(raw: string): HostPathKind | undefined {
  const p = normalizeHostPath(raw);
  const base = p.slice(p.lastIndexOf('/') + 1);
  if (SOCKET_FILES.has(base) || SOCKET_DIRS.has(p)) return 'runtime-socket';
  if (/\/\.(aws|azure)(\/|$)/.test(p) || /\/\.config\/gcloud(\/|$)/.test(p) || p === '/etc/kubernetes/azure.json' || base === 'application_default_credentials.json') {
    return 'cloud-credentials';
  }
  if (BENIGN_FILES.has(p)) return undefined;
  if (SENSITIVE_EXACT.has(p) || SENSITIVE_TREES.some((t) => p === t || p.startsWith(`${t}/`))) return 'sensitive';
  return undefined;
}

interface HostPathVolume {
  readonly name: string | undefined;
  readonly path: string;
  readonly node: Node;
}

function hostPathVolumes(obj: K8sObject, pod: PodView): HostPathVolume[] {
  const out: HostPathVolume[] = [];
  for (const v of entries(obj, [...pod.specPath, 'volumes'])) {
    if (!v.node) continue;
    const path = obj.value(['hostPath', 'path'], v.node);
    if (typeof path !== 'string') continue;
    const name = obj.value(['name'], v.node);
    out.push({ name: typeof name === 'string' ? name : undefined, path, node: v.node });
  }
  return out;
}

function hostPathRule(kind: HostPathKind, meta: Omit<Rule, 'check' | 'appliesTo'>, say: (obj: K8sObject, v: HostPathVolume) => string): Rule {
  return {
    ...meta,
    appliesTo: 'workloads',
    check({ object, pod, policy, report }) {
      if (!pod?.spec || pssForbidsHostPath(policy)) return;
      for (const v of hostPathVolumes(object, pod)) {
        if (classifyHostPath(v.path) !== kind) continue;
        report({ span: object.valueSpan(['hostPath', 'path'], v.node)!, message: say(object, v) });
      }
    },
  };
}

const PSS_NOTE =
  'Runs only where Pod Security allows hostPath volumes (level privileged, from settings or the namespace\'s enforce label): at baseline and restricted, host-path-volumes / restricted-volume-types already report every hostPath volume, and one problem gets one squiggle.';

export const runtimeSocketMount = hostPathRule(
  'runtime-socket',
  {
    id: 'runtime-socket-mount',
    title: 'Container runtime socket mounted',
    category: 'host',
    severity: 'error',
    enabledByDefault: true,
    description:
      'Flags hostPath volumes that point at a container runtime socket (docker.sock, containerd.sock, crio.sock, cri-dockerd.sock, podman.sock) or at a directory holding one (/var/run, /run/containerd, …).',
    rationale:
      'Whoever can talk to the runtime socket can start a privileged container with the host filesystem mounted: it is root on the node, and every other pod on it is exposed. Mounting it read-only does not help: connecting to a socket is not a write.',
    remediation: 'Remove the volume and its mounts; build images with a daemonless builder (BuildKit rootless, Kaniko) and read runtime state through the Kubernetes API.',
    reads: ['spec.volumes[*].hostPath.path'],
    concepts: ['SEC-RUNTIME-SOCKET'],
    peers: { 'kube-linter': 'docker-sock', kubesec: 'DockerSock', kubescape: 'C-0074', trivy: 'KSV-0006', checkov: 'CKV_K8S_27' },
    defaultsNote: PSS_NOTE,
  },
  (obj, v) => `${obj.label} mounts the container runtime socket from the node (${v.path}${v.name ? `, volume "${v.name}"` : ''}): that is root on the node.`,
);

/**
 * Trees that node agents read by design — kernel interfaces for metrics exporters, container log files
 * for log shippers: reported only when some mount can write them.
 */
const READ_ONLY_TOLERATED = ['/proc', '/sys', '/var/lib/docker/containers'];

function mountsOf(obj: K8sObject, pod: PodView, volume: string): { readOnly: boolean }[] {
  const out: { readOnly: boolean }[] = [];
  for (const c of pod.containers) {
    for (const m of entries(obj, ['volumeMounts'], c.node)) {
      if (m.node && obj.value(['name'], m.node) === volume) out.push({ readOnly: obj.value(['readOnly'], m.node) === true });
    }
  }
  return out;
}

export const sensitiveHostPath: Rule = {
  id: 'sensitive-host-path',
  title: 'Sensitive host directory mounted',
  category: 'host',
  severity: 'warning',
  enabledByDefault: true,
  description:
    'Flags hostPath volumes of /, /bin, /sbin, /lib, /lib64, /usr, /var, /home exactly, or of anything below /etc, /boot, /root, /proc, /sys, /dev, /var/lib/kubelet, /var/lib/docker, /var/lib/containerd, /var/lib/etcd, /var/lib/rancher. Not reported: /proc, /sys and /var/lib/docker/containers when every mount is read-only (metrics exporters, log shippers), and harmless files such as /etc/localtime, /etc/machine-id or /dev/null.',
  rationale:
    'These trees hold the node\'s credentials (kubelet client certificates, /etc/shadow, etcd data, every pod\'s mounted secrets under /var/lib/kubelet), its kernel interfaces and its boot chain. Reading them leaks secrets of every pod on the node; writing them is a node takeover.',
  remediation: 'Mount only the specific file or directory the agent needs, read-only, or get the data through an API instead of the host filesystem.',
  reads: ['spec.volumes[*].hostPath.path', 'spec.{initContainers,containers,ephemeralContainers}[*].volumeMounts[*].{name,readOnly}'],
  concepts: ['SEC-SENSITIVE-HOSTPATH'],
  peers: { 'kube-linter': 'sensitive-host-mounts', kubesec: 'ProcMount (hostPath /proc)', trivy: 'KSV-0121' },
  defaultsNote: PSS_NOTE,
  appliesTo: 'workloads',
  check({ object, pod, policy, report }) {
    if (!pod?.spec || pssForbidsHostPath(policy)) return;
    for (const v of hostPathVolumes(object, pod)) {
      if (classifyHostPath(v.path) !== 'sensitive') continue;
      const p = normalizeHostPath(v.path);
      if (v.name !== undefined && READ_ONLY_TOLERATED.some((t) => p === t || p.startsWith(`${t}/`))) {
        const mounts = mountsOf(object, pod, v.name);
        if (mounts.length > 0 && mounts.every((m) => m.readOnly)) continue;
      }
      report({ span: object.valueSpan(['hostPath', 'path'], v.node)!, message: `${object.label} mounts the sensitive host path ${v.path}${v.name ? ` (volume "${v.name}")` : ''}.` });
    }
  },
};

export const cloudCredentialsMount = hostPathRule(
  'cloud-credentials',
  {
    id: 'cloud-credentials-mount',
    title: 'Cloud credentials mounted from the node',
    category: 'secrets',
    severity: 'warning',
    enabledByDefault: true,
    description:
      'Flags hostPath volumes that point at cloud credential files: ~/.aws, ~/.azure, ~/.config/gcloud, application_default_credentials.json, or the AKS service principal file /etc/kubernetes/azure.json.',
    rationale:
      'The node\'s cloud credentials usually carry the node\'s (or the cluster\'s) cloud identity: enough to read other workloads\' storage, pull private images or change the cloud network. A pod that mounts them turns a pod compromise into a cloud account compromise.',
    remediation: 'Remove the mount and give the workload its own cloud identity (EKS Pod Identity or IRSA, GKE Workload Identity, Azure Workload Identity).',
    reads: ['spec.volumes[*].hostPath.path'],
    concepts: ['SEC-CLOUD-CREDS'],
    peers: { kubescape: 'C-0020' },
    defaultsNote: PSS_NOTE,
  },
  (obj, v) => `${obj.label} mounts cloud credentials from the node (${v.path}${v.name ? `, volume "${v.name}"` : ''}).`,
);

export const writableHostPath: Rule = {
  id: 'writable-host-path',
  title: 'hostPath mounted writable',
  category: 'host',
  severity: 'warning',
  enabledByDefault: true,
  description:
    'Flags each `volumeMounts` entry that mounts a hostPath volume without `readOnly: true` (runtime sockets excepted: runtime-socket-mount reports them, and read-only would not protect them).',
  rationale:
    'A writable host mount lets the container change files the node and other pods rely on: plant binaries or cron jobs, edit configuration, fill the node\'s disk. Most agents that need host data (log shippers, metrics exporters) only read it.',
  remediation: 'Set readOnly: true on the volume mount.',
  reads: ['spec.volumes[*].hostPath', 'spec.{initContainers,containers,ephemeralContainers}[*].volumeMounts[*].{name,readOnly}'],
  concepts: ['SEC-WRITABLE-HOSTPATH'],
  peers: { 'kube-linter': 'writable-host-mount', kubescape: 'C-0045' },
  defaultsNote: PSS_NOTE,
  appliesTo: 'workloads',
  check({ object, pod, policy, report }) {
    if (!pod?.spec || pssForbidsHostPath(policy)) return;
    const hostVolumes = new Map<string, string>();
    for (const v of hostPathVolumes(object, pod)) if (v.name !== undefined && classifyHostPath(v.path) !== 'runtime-socket') hostVolumes.set(v.name, v.path);
    if (hostVolumes.size === 0) return;
    for (const c of pod.containers) {
      for (const m of entries(object, ['volumeMounts'], c.node)) {
        if (!m.node) continue;
        const name = object.value(['name'], m.node);
        if (typeof name !== 'string' || !hostVolumes.has(name) || object.value(['readOnly'], m.node) === true) continue;
        report({
          span: object.pairSpan(['name'], m.node) ?? m.span,
          container: c,
          message: `${subject(c)} mounts host path ${hostVolumes.get(name)!} (volume "${name}") writable.`,
          fix: { title: 'Mount it read-only', safe: false, intents: [{ op: 'set', path: [...c.path, 'volumeMounts', m.index, 'readOnly'], value: true }] },
        });
      }
    }
  },
};

export const HOST_MOUNT_RULES: readonly Rule[] = [runtimeSocketMount, sensitiveHostPath, writableHostPath, cloudCredentialsMount];
