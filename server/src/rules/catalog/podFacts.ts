/**
 * Facts about a workload's pod that several catalog rules share: effective security-context values with
 * pod-level inheritance, sequence entries with their spans, and how messages name a container.
 */
import type { Node } from 'yaml';
import type { K8sObject } from '../../document/k8sObject';
import type { Span } from '../../document/span';
import { containerLabel, type ContainerRef, type PodView } from '../../document/workloads';
import { asMap, asSeq, keyText, scalarOf, type Path, type ScalarValue } from '../../document/yamlNodes';

/** `Container "app"` / `Init container "setup"`: how a message starts when it names a container. */
export function subject(c: ContainerRef): string {
  const label = containerLabel(c);
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** Where an effective security-context value comes from. */
export interface Effective {
  readonly value: ScalarValue | undefined;
  /** `container` when the container sets the key, `pod` when it inherits it, undefined when neither does. */
  readonly from: 'container' | 'pod' | undefined;
  /** Path from the object root to the key that decides (the container's when neither sets it). */
  readonly path: Path;
}

/**
 * The value a container runs with for a key that exists at both levels (runAsUser, runAsGroup,
 * runAsNonRoot, seccompProfile, seLinuxOptions, appArmorProfile): the container's own, else the pod's.
 */
export function effectiveSecurity(obj: K8sObject, pod: PodView, c: ContainerRef, key: Path): Effective {
  const own = ['securityContext', ...key];
  if (obj.has(own, c.node)) return { value: obj.value(own, c.node), from: 'container', path: [...c.path, ...own] };
  const podPath = [...pod.specPath, 'securityContext', ...key];
  if (obj.has(podPath)) return { value: obj.value(podPath), from: 'pod', path: podPath };
  return { value: undefined, from: undefined, path: [...c.path, ...own] };
}

/** One entry of a sequence: its node, scalar value (undefined for mappings) and span. */
export interface Entry {
  readonly index: number;
  readonly node: Node | undefined;
  readonly value: ScalarValue | undefined;
  readonly span: Span;
}

export function entries(obj: K8sObject, path: Path, from?: Node): Entry[] {
  const seq = asSeq(obj.get(path, from));
  if (!seq) return [];
  const out: Entry[] = [];
  seq.items.forEach((item, index) => {
    const node = obj.document.resolve(item);
    const span = obj.spanOf(node) ?? obj.spanOf(seq);
    if (span) out.push({ index, node, value: scalarOf(node), span });
  });
  return out;
}

/** The string values of a sequence of scalars (other entries skipped). */
export function stringEntries(obj: K8sObject, path: Path, from?: Node): string[] {
  return entries(obj, path, from).flatMap((e) => (typeof e.value === 'string' ? [e.value] : []));
}

/** The key of the deepest existing step of `path` below `from`, e.g. `capabilities` when `capabilities.drop` is missing. */
export function deepestKey(obj: K8sObject, path: Path, from?: Node): Span | undefined {
  for (let n = path.length; n > 0; n--) {
    const s = obj.keySpan(path.slice(0, n), from);
    if (s) return s;
  }
  return undefined;
}

/** Keys of the mapping at `path` (empty when it is missing or not a mapping). */
export function mapKeys(obj: K8sObject, path: Path, from?: Node): string[] {
  const m = asMap(obj.get(path, from));
  return m ? m.items.flatMap((p) => (keyText(p.key) === undefined ? [] : [keyText(p.key)!])) : [];
}

/** Containers that run for the pod's lifetime: regular containers and sidecars (init containers with restartPolicy Always). */
export function isLongLived(obj: K8sObject, c: ContainerRef): boolean {
  return c.list === 'containers' || (c.list === 'initContainers' && obj.value(['restartPolicy'], c.node) === 'Always');
}

/** Workloads whose pods run to completion: Jobs, CronJobs and bare pods that do not restart. */
export function runsToCompletion(obj: K8sObject, pod: PodView): boolean {
  if (obj.kind === 'Job' || obj.kind === 'CronJob') return true;
  const restart = pod.spec ? obj.value(['restartPolicy'], pod.spec) : undefined;
  return restart === 'Never' || restart === 'OnFailure';
}
