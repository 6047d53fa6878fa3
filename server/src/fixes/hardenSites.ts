/**
 * Reading a workload the way Pod Security Admission does, for the hardening planners: the pod-level and
 * container-level security sites, Go-like presence (`key:` and `key: null` decode to nil), and entries
 * of sequences.
 */
import { isScalar, type Node, type YAMLMap } from 'yaml';
import type { K8sObject } from '../document/k8sObject';
import { asMap, asSeq, type Path, type ScalarValue } from '../document/yamlNodes';
import type { ContainerRef, PodView } from '../document/workloads';

/** The pod spec or one container: where a `securityContext` lives. */
export interface Site {
  readonly node: YAMLMap;
  /** Path from the object root to `node`. */
  readonly path: Path;
  readonly container: ContainerRef | undefined;
}

export function podSite(pod: PodView & { spec: YAMLMap }): Site {
  return { node: pod.spec, path: pod.specPath, container: undefined };
}

export function containerSites(pod: PodView): Site[] {
  return pod.containers.map((c) => ({ node: c.node, path: c.path, container: c }));
}

/** Whether a field decodes to a non-nil value: present, and not `key:` / `key: null`. */
export function isSet(obj: K8sObject, path: Path, from: Node): boolean {
  const node = obj.get(path, from);
  return node !== undefined && !(isScalar(node) && (node.value === null || node.value === undefined));
}

/** A string field's decoded value: missing and null decode to "" as Go strings do. */
export function stringField(obj: K8sObject, path: Path, from: Node): string {
  const v = obj.value(path, from);
  return v === undefined || v === null ? '' : String(v);
}

export interface SeqItem {
  readonly index: number;
  readonly node: Node | undefined;
  readonly value: ScalarValue | undefined;
}

export function seqItems(obj: K8sObject, path: Path, from: Node): SeqItem[] {
  const seq = asSeq(obj.get(path, from));
  if (!seq) return [];
  return seq.items.map((item, index) => {
    const node = obj.document.resolve(item);
    return { index, node, value: isScalar(node) ? obj.value([], node) : undefined };
  });
}

/** Mapping entries of a sequence (ports, volumes, volumeMounts), with their index. */
export function seqMaps(obj: K8sObject, path: Path, from: Node): { index: number; node: YAMLMap }[] {
  return seqItems(obj, path, from).flatMap((i) => {
    const m = asMap(i.node);
    return m ? [{ index: i.index, node: m }] : [];
  });
}

/** True for pods declaring `spec.os.name: windows`. */
export function isWindows(obj: K8sObject, spec: YAMLMap): boolean {
  return obj.value(['os', 'name'], spec) === 'windows';
}
