/**
 * Where a finding goes when the offending field is missing: on the smallest node that must change.
 * Pod-level: the pod's `securityContext` key, else the pod `spec` key. Container-level: the container's
 * `securityContext` key, else its `name` entry.
 */
import type { K8sObject } from '../../document/k8sObject';
import type { Span } from '../../document/span';
import type { ContainerRef, PodView } from '../../document/workloads';

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
