/**
 * Shared helpers of the PSS rules: where a finding goes when the offending field is missing (on the
 * smallest node that must change), which mappings carry a security context, and Go-like presence tests.
 *
 * Missing-field anchors: pod-level → the pod's `securityContext` key, else the pod `spec` key.
 * Container-level → the container's `securityContext` key, else its `name` entry.
 */
import { isScalar, type Node, type YAMLMap } from 'yaml';
import type { K8sObject } from '../../document/k8sObject';
import type { Span } from '../../document/span';
import { containerLabel, type ContainerRef, type PodView } from '../../document/workloads';
import { asSeq, scalarOf, type Path, type ScalarValue } from '../../document/yamlNodes';

export function podAnchor(pod: PodView, field = 'securityContext'): Span {
  const obj = pod.object;
  return (
    obj.keySpan([...pod.specPath, field]) ??
    obj.keySpan(pod.specPath) ??
    nearestExistingKey(obj, pod.specPath) ??
    obj.valueSpan(['kind'])!
  );
}

export function containerAnchor(obj: K8sObject, c: ContainerRef, field = 'securityContext'): Span {
  return obj.keySpan([field], c.node) ?? obj.pairSpan(['name'], c.node) ?? obj.spanOf(c.node.items[0]?.key as never) ?? obj.spanOf(c.node)!;
}

/**
 * The key of the deepest existing step of `path` below `from` (e.g. `capabilities` when
 * `capabilities.drop` is missing), or undefined when not even the first step exists.
 */
export function deepestKey(obj: K8sObject, path: Path, from: Node): Span | undefined {
  for (let n = path.length; n > 0; n--) {
    const s = obj.keySpan(path.slice(0, n), from);
    if (s) return s;
  }
  return undefined;
}

/** The key of the deepest existing prefix of `path` (e.g. `template` when `template.spec` is missing). */
function nearestExistingKey(obj: K8sObject, path: readonly (string | number)[]): Span | undefined {
  for (let n = path.length - 1; n > 0; n--) {
    const s = obj.keySpan(path.slice(0, n));
    if (s) return s;
  }
  return undefined;
}

/** True for Windows pods, exempt from some restricted checks from policy v1.25 (`spec.os.name: windows`). */
export function isWindowsPod(pod: PodView): boolean {
  return pod.spec !== undefined && pod.object.value(['os', 'name'], pod.spec) === 'windows';
}

/** True when the pod runs in a user namespace (`spec.hostUsers: false`), which relaxes some checks from v1.35. */
export function usesUserNamespace(pod: PodView): boolean {
  return pod.spec !== undefined && pod.object.value(['hostUsers'], pod.spec) === false;
}

/**
 * Whether the field at `path` is set to something, as a Go pointer would be after decoding: `key:` and
 * `key: null` decode to nil, so they count as unset (PSA's `x != nil` tests).
 */
export function isSet(obj: K8sObject, path: Path, from?: Node): boolean {
  const node = obj.get(path, from);
  return node !== undefined && !(isScalar(node) && (node.value === null || node.value === undefined));
}

/** A mapping that carries a `securityContext`: the pod spec, or one container. */
export interface SecuritySite {
  /** The container, or undefined for the pod-level security context. */
  readonly container: ContainerRef | undefined;
  /** The pod spec mapping or the container mapping; rule paths are relative to it. */
  readonly node: YAMLMap;
  /** Path from the object root to `node` (for fix intents). */
  readonly path: Path;
  /** How a message starts: `Pod web` or `Container "app"`. */
  readonly subject: string;
}

/** The pod-level site first, then every container in PSA order (init, regular, ephemeral). */
export function securitySites(pod: PodView | undefined): SecuritySite[] {
  if (!pod?.spec) return [];
  const sites: SecuritySite[] = [{ container: undefined, node: pod.spec, path: pod.specPath, subject: pod.object.label }];
  for (const c of pod.containers) sites.push({ container: c, node: c.node, path: c.path, subject: capitalize(containerLabel(c)) });
  return sites;
}

/** One entry of a YAML sequence: its value (scalars only; `undefined` for mappings) and where it is. */
export interface SeqEntry {
  readonly index: number;
  readonly node: Node | undefined;
  readonly value: ScalarValue | undefined;
  readonly span: Span;
}

/** The entries of the sequence at `path` below `from`; empty when it is missing or not a sequence. */
export function seqEntries(obj: K8sObject, path: Path, from?: Node): SeqEntry[] {
  const seq = asSeq(obj.get(path, from));
  if (!seq) return [];
  const out: SeqEntry[] = [];
  seq.items.forEach((item, index) => {
    const node = obj.document.resolve(item);
    const span = obj.spanOf(item as Node) ?? obj.spanOf(seq);
    if (span) out.push({ index, node, value: scalarOf(node), span });
  });
  return out;
}

/** A scalar as a message shows it: strings bare, anything else as YAML would print it. */
export function show(v: ScalarValue | undefined): string {
  return v === undefined ? '(not a scalar)' : v === null ? 'null' : typeof v === 'string' ? (v === '' ? '""' : v) : String(v);
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
