/**
 * What the workspace says about a workload's traffic, for NetworkPolicy generation: the Services that
 * select it, the hosts its containers name (env values, args, command: `http://web:8080`,
 * `web.shop.svc.cluster.local`) and which of those are Services of the workspace. Inference only reads
 * explicit text; anything it cannot tie to a Service is returned as unresolved, never guessed.
 */
import type { K8sObject } from '../document/k8sObject';
import { podOf, type PodView } from '../document/workloads';
import { seqItems, seqMaps } from './hardenSites';

/** The part of a workspace view generation needs (WorkspaceView satisfies it). */
export interface ObjectSource {
  objectsOfKind(kind: string): readonly K8sObject[];
}

export const WORKLOAD_KINDS_FOR_POLICY = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'Pod'] as const;

export interface WorkloadInfo {
  readonly object: K8sObject;
  readonly pod: PodView;
  readonly namespace: string | undefined;
  /** Pod (template) labels. */
  readonly labels: ReadonlyMap<string, string>;
}

export interface ServicePortInfo {
  readonly port: number | undefined;
  /** Number or container port name; defaults to `port` as the API does. */
  readonly targetPort: number | string | undefined;
  readonly protocol: string;
}

export interface ServiceInfo {
  readonly object: K8sObject;
  readonly name: string;
  readonly namespace: string | undefined;
  readonly selector: ReadonlyMap<string, string>;
  readonly ports: readonly ServicePortInfo[];
  readonly externalName: string | undefined;
}

export interface HostRef {
  readonly host: string;
  readonly port: number | undefined;
  readonly scheme: string | undefined;
  /** Where it was found, for comments: `env API_URL of container "web"`. */
  readonly where: string;
  /** Written as an address (scheme, port, or the whole value), not just a word that happens to match. */
  readonly explicit: boolean;
}

export function workloadInfo(object: K8sObject): WorkloadInfo | undefined {
  const pod = podOf(object);
  if (!pod) return undefined;
  return { object, pod, namespace: object.namespace, labels: object.stringMap([...pod.metadataPath, 'labels']) };
}

export function allWorkloads(src: ObjectSource): WorkloadInfo[] {
  return WORKLOAD_KINDS_FOR_POLICY.flatMap((k) => src.objectsOfKind(k)).flatMap((o) => workloadInfo(o) ?? []);
}

export function allServices(src: ObjectSource): ServiceInfo[] {
  return src.objectsOfKind('Service').flatMap((o) => {
    if (o.apiVersion !== 'v1' || o.name === undefined) return [];
    const ports = seqMaps(o, ['spec', 'ports'], o.root).map(({ node }) => {
      const port = o.value(['port'], node);
      const target = o.value(['targetPort'], node);
      const protocol = o.value(['protocol'], node);
      return {
        port: typeof port === 'number' ? port : undefined,
        targetPort: typeof target === 'number' || (typeof target === 'string' && target !== '') ? target : typeof port === 'number' ? port : undefined,
        protocol: typeof protocol === 'string' && protocol !== '' ? protocol : 'TCP',
      };
    });
    const externalName = o.value(['spec', 'externalName']);
    return [{ object: o, name: o.name, namespace: o.namespace, selector: o.stringMap(['spec', 'selector']), ports, externalName: typeof externalName === 'string' ? externalName : undefined }];
  });
}

/** A Service selects a workload's pods: same namespace, a non-empty selector that the pod labels satisfy. */
export function selects(svc: ServiceInfo, w: WorkloadInfo): boolean {
  if (svc.namespace !== w.namespace || svc.selector.size === 0) return false;
  for (const [k, v] of svc.selector) if (w.labels.get(k) !== v) return false;
  return true;
}

const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
/** scheme://userinfo@host:port, each part optional, at a word boundary (not inside a path: `/x`). */
const ADDRESS = new RegExp(`(?<![A-Za-z0-9._/-])(?:([A-Za-z][A-Za-z0-9+.-]*)://)?(?:[^\\s/@'"]+@)?(${LABEL}(?:\\.${LABEL})*)\\.?(?::(\\d{1,5}))?(?![A-Za-z0-9_-])`, 'g');
const DEFAULT_PORTS: Readonly<Record<string, number>> = { http: 80, https: 443, ws: 80, wss: 443, grpc: 80 };

/** Every host named in a workload's env values, args and command. */
export function hostRefs(w: WorkloadInfo): HostRef[] {
  const out: HostRef[] = [];
  const { object } = w;
  for (const c of w.pod.containers) {
    const who = `container "${c.name ?? c.index + 1}"`;
    for (const env of seqMaps(object, ['env'], c.node)) {
      const value = object.value(['value'], env.node);
      const name = object.value(['name'], env.node);
      if (typeof value === 'string') out.push(...refsIn(value, `env ${String(name)} of ${who}`));
    }
    for (const field of ['args', 'command']) {
      for (const item of seqItems(object, [field], c.node)) {
        if (typeof item.value === 'string') out.push(...refsIn(item.value, `${field} of ${who}`));
      }
    }
  }
  return out;
}

export function refsIn(text: string, where: string): HostRef[] {
  const out: HostRef[] = [];
  for (const m of text.matchAll(ADDRESS)) {
    const scheme = m[1]?.toLowerCase();
    const host = m[2]!.toLowerCase();
    if (/^\d+$/.test(host)) continue; // A bare number, not a host.
    const port = m[3] !== undefined ? Number(m[3]) : scheme !== undefined ? DEFAULT_PORTS[scheme] : undefined;
    const explicit = scheme !== undefined || m[3] !== undefined || text.trim().toLowerCase() === host;
    out.push({ host, port, scheme, where, explicit });
  }
  return out;
}

/**
 * The Service a host names, seen from a pod in `fromNamespace`: `name` (same namespace, explicit
 * addresses only), `name.ns`, `name.ns.svc`, `name.ns.svc.<cluster-domain>`.
 */
export function resolveHost(ref: HostRef, fromNamespace: string | undefined, services: readonly ServiceInfo[]): ServiceInfo | undefined {
  const parts = ref.host.split('.');
  if (parts.length === 1) {
    if (!ref.explicit) return undefined;
    return services.find((s) => s.name === parts[0] && s.namespace === fromNamespace);
  }
  if (parts.length > 2 && parts[2] !== 'svc') return undefined;
  return services.find((s) => s.name === parts[0] && s.namespace === parts[1]);
}

/** Hosts a pod names that look like in-cluster or external destinations but are no Service of the workspace. */
export function isUnresolvedDestination(ref: HostRef): boolean {
  if (ref.host === 'localhost' || ref.host.startsWith('127.')) return false;
  return ref.explicit || /\.svc(?:\.|$)/.test(ref.host);
}

/** Which ports of a Service a reference uses: the one it names, else all of them. */
export function portsFor(svc: ServiceInfo, ref: HostRef | undefined): ServicePortInfo[] {
  const named = ref?.port !== undefined ? svc.ports.filter((p) => p.port === ref.port) : [];
  return named.length > 0 ? named : [...svc.ports];
}

/** A named target port as a number, looked up in the containers of the pods that receive the traffic. */
export function resolveTargetPort(target: number | string | undefined, receivers: readonly WorkloadInfo[]): number | string | undefined {
  if (typeof target !== 'string') return target;
  for (const w of receivers) {
    for (const c of w.pod.containers) {
      for (const p of seqMaps(w.object, ['ports'], c.node)) {
        const n = w.object.value(['containerPort'], p.node);
        if (w.object.value(['name'], p.node) === target && typeof n === 'number') return n;
      }
    }
  }
  return target;
}
