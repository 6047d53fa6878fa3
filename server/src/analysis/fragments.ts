/**
 * Strategic-merge patches and kustomize fragments: a workload manifest that is not a whole object
 * (`kind: Deployment` with only `spec.replicas`, or a pod template with a securityContext but no
 * containers) is merged into a base the engine does not see. A rule that reports a *missing* field would be wrong
 * there (the base may set it); a rule that reports a field the fragment *sets* to a bad value is right,
 * because the patch writes that value into the base.
 *
 * So on a fragment a finding is kept only when it points at a field the rule reads (its `reads`, written
 * for a Pod, mapped onto the workload's pod template) that the fragment sets. Findings that point at
 * the object, the pod spec or a container as a whole (what rules do for an absent field) are dropped.
 */
import { isMap, isPair, isSeq, type Node } from 'yaml';
import type { K8sObject } from '../document/k8sObject';
import type { PodView } from '../document/workloads';
import type { Path } from '../document/yamlNodes';
import type { Rule } from '../rules/rule';

/**
 * A workload that cannot be applied on its own, in the shapes patches have: no pod spec, or a pod spec
 * without `containers` (both required by the API server). A patch of a container by name (a container
 * without `image`) is not recognised: a Pod or Deployment being typed has the same shape, and missing
 * its findings would be worse than reporting a patch's.
 */
export function isFragment(object: K8sObject, pod: PodView): boolean {
  return !pod.spec || !object.has(['containers'], pod.spec);
}

/** Whether a finding at `start` (file offset) points at a field the rule reads. */
export function pointsAtReadField(rule: Rule, object: K8sObject, pod: PodView, start: number): boolean {
  const at = pathAt(object, start - object.document.start);
  if (!at) return false;
  return readPatterns(rule).some((pattern) => candidates(pattern, pod).some((p) => isWithin(at, p)));
}

const patternCache = new WeakMap<Rule, readonly (readonly string[])[]>();

/**
 * A rule's `reads` as concrete path patterns (`*` = any key or index): braces expanded, `[*]` and
 * `["annotation/*"]` as one wildcard step. Reads of other kinds (`LimitRange.spec…`) are cross-object
 * facts, not fields of this object, and are left out.
 */
function readPatterns(rule: Rule): readonly (readonly string[])[] {
  let out = patternCache.get(rule);
  if (!out) {
    out = rule.reads
      .map((r) => r.replace(/\[[^\]]*\]/g, '.*'))
      .flatMap(expandBraces)
      .filter((r) => /^[a-z]/.test(r))
      .map((r) => r.split('.').filter((s) => s !== ''));
    patternCache.set(rule, out);
  }
  return out;
}

function expandBraces(text: string): string[] {
  const m = /\{([^{}]*)\}/.exec(text);
  if (!m) return [text];
  const before = text.slice(0, m.index);
  const after = text.slice(m.index + m[0].length);
  return m[1]!.split(',').flatMap((alt) => expandBraces(before + alt.trim() + after));
}

/** Reads are written for a Pod: `spec.x` is the pod spec, `metadata.x` the pod's metadata; or literal. */
function candidates(pattern: readonly string[], pod: PodView): Path[] {
  const [head, ...rest] = pattern;
  const out: Path[] = [pattern];
  if (head === 'spec') out.push([...pod.specPath, ...rest]);
  if (head === 'metadata') out.push([...pod.metadataPath, ...rest]);
  return out;
}

function isWithin(path: Path, pattern: Path): boolean {
  if (pattern.length > path.length) return false;
  return pattern.every((seg, i) => seg === '*' || String(path[i]) === String(seg));
}

/**
 * The path (from the object root) of the deepest key, value or item starting at `offset` (relative to
 * the document). Walks the object's own nodes without following aliases, with an explicit stack.
 */
function pathAt(object: K8sObject, offset: number): Path | undefined {
  let best: Path | undefined;
  const stack: { node: unknown; path: Path }[] = [{ node: object.root, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    const range = (node as Node | null)?.range;
    if (!range || offset < range[0] || offset > range[1]) continue;
    if (range[0] === offset && (!best || path.length >= best.length)) best = path;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = (pair.key as Node | null)?.range;
        const name = isScalarKey(pair.key) ? String((pair.key as { value: unknown }).value) : undefined;
        if (name === undefined) continue;
        if (key && key[0] === offset && (!best || path.length + 1 >= best.length)) best = [...path, name];
        stack.push({ node: pair.value, path: [...path, name] });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => stack.push({ node: item, path: [...path, i] }));
    }
  }
  return best;
}

function isScalarKey(key: unknown): boolean {
  return typeof key === 'object' && key !== null && 'value' in key && (typeof key.value === 'string' || typeof key.value === 'number' || typeof key.value === 'boolean');
}
