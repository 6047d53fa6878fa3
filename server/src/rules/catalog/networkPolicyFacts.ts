/**
 * What the network rules need to know about NetworkPolicies and the pods they select, read from the
 * workspace. The workspace is not the cluster: every helper here leans towards "selected" and "may be
 * the same namespace" when a manifest leaves it open, so that the rules err on the side of silence.
 */
import type { YAMLMap } from 'yaml';
import type { K8sObject } from '../../document/k8sObject';
import { podOf, WORKLOAD_KINDS } from '../../document/workloads';
import { asMap, asSeq, scalarOf, type Path } from '../../document/yamlNodes';
import type { WorkspaceView } from '../../analysis/workspaceView';
import { selectorMatches } from '../../rbac/labelSelector';
import type { LabelSelector, LabelSelectorRequirement } from '../../rbac/model';
import { entries } from './podFacts';

export type Direction = 'Ingress' | 'Egress';
export const DIRECTIONS: readonly Direction[] = ['Ingress', 'Egress'];

/** A label selector as written; `uncertain` when part of it cannot be evaluated (then it counts as matching). */
export interface Selector extends LabelSelector {
  readonly uncertain: boolean;
  /** `{}` (or missing where the API reads missing as empty): selects everything in scope. */
  readonly empty: boolean;
}

export interface PolicyFacts {
  readonly object: K8sObject;
  readonly namespace: string | undefined;
  readonly podSelector: Selector;
  readonly types: ReadonlySet<Direction>;
}

export interface WorkloadFacts {
  readonly object: K8sObject;
  readonly namespace: string | undefined;
  readonly labels: ReadonlyMap<string, string>;
}

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

export function readSelector(obj: K8sObject, path: Path): Selector {
  const map = asMap(obj.get(path));
  if (!map) return { matchLabels: new Map(), matchExpressions: [], uncertain: false, empty: true };
  const matchLabels = obj.stringMap([...path, 'matchLabels']);
  const labelsNode = asMap(obj.get([...path, 'matchLabels']));
  let uncertain = labelsNode !== undefined && labelsNode.items.length !== matchLabels.size;
  const matchExpressions: LabelSelectorRequirement[] = [];
  for (const e of entries(obj, [...path, 'matchExpressions'])) {
    const key = e.node ? obj.value(['key'], e.node) : undefined;
    const operator = e.node ? obj.value(['operator'], e.node) : undefined;
    if (typeof key !== 'string' || typeof operator !== 'string' || !OPERATORS.has(operator)) {
      uncertain = true;
      continue;
    }
    const values = entries(obj, ['values'], e.node).flatMap((v) => (v.value === undefined || v.value === null ? [] : [String(v.value)]));
    matchExpressions.push({ key, operator, values });
  }
  const empty = !uncertain && matchLabels.size === 0 && matchExpressions.length === 0;
  return { matchLabels, matchExpressions, uncertain, empty };
}

/** Whether the selector selects these labels; a selector that cannot be evaluated counts as selecting. */
export function selects(selector: Selector, labels: ReadonlyMap<string, string>): boolean {
  return selector.uncertain || selectorMatches(selector, labels);
}

/** `app=web, tier in (front)`: a selector as messages show it. */
export function describeSelector(selector: Selector): string {
  const parts = [...selector.matchLabels].map(([k, v]) => `${k}=${v}`);
  for (const e of selector.matchExpressions) {
    if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${e.operator === 'In' ? 'in' : 'notin'} (${e.values.join(', ')})`);
  }
  return parts.join(', ') || '(everything)';
}

export function isNetworkPolicy(o: K8sObject): boolean {
  return o.kind === 'NetworkPolicy' && (o.apiVersion.startsWith('networking.k8s.io/') || o.apiVersion === 'extensions/v1beta1');
}

/** Which directions a policy isolates: `policyTypes`, else Ingress plus Egress when it has egress rules. */
export function policyTypes(o: K8sObject): Set<Direction> {
  const listed = asSeq(o.get(['spec', 'policyTypes']));
  if (listed) {
    const out = new Set<Direction>();
    for (const item of listed.items) {
      const v = scalarOf(o.document.resolve(item));
      if (v === 'Ingress' || v === 'Egress') out.add(v);
    }
    return out;
  }
  return new Set<Direction>(o.has(['spec', 'egress']) ? ['Ingress', 'Egress'] : ['Ingress']);
}

const policyCache = new WeakMap<readonly K8sObject[], PolicyFacts[]>();

/** The NetworkPolicies of the workspace (networking.k8s.io), read once per workspace view. */
export function networkPolicies(workspace: WorkspaceView): readonly PolicyFacts[] {
  const objects = workspace.objectsOfKind('NetworkPolicy');
  let out = policyCache.get(objects);
  if (!out) {
    out = objects.filter(isNetworkPolicy).map(policyFacts);
    policyCache.set(objects, out);
  }
  return out;
}

/** Kinds whose pods run (PodTemplate only describes pods). */
export const RUNNING_WORKLOAD_KINDS: readonly string[] = WORKLOAD_KINDS.filter((k) => k !== 'PodTemplate');

export function workloadFacts(object: K8sObject): WorkloadFacts | undefined {
  const pod = podOf(object);
  if (!pod || object.kind === 'PodTemplate') return undefined;
  return perObject(workloadFactCache, object, () => ({ object, namespace: object.namespace, labels: object.stringMap([...pod.metadataPath, 'labels']) }));
}

function policyFacts(object: K8sObject): PolicyFacts {
  return perObject(policyFactCache, object, () => ({ object, namespace: object.namespace, podSelector: readSelector(object, ['spec', 'podSelector']), types: policyTypes(object) }));
}

/**
 * Facts read from one object, kept per syntax tree: an edit changes one document's tree, yet every
 * list holding a kind it touched is new (and so are the objects of the documents it moved), and the
 * facts of the whole list were otherwise read again from every object on each keystroke.
 */
const workloadFactCache = new WeakMap<YAMLMap, WorkloadFacts>();
const policyFactCache = new WeakMap<YAMLMap, PolicyFacts>();

function perObject<T extends { readonly object: K8sObject }>(cache: WeakMap<YAMLMap, T>, object: K8sObject, read: () => T): T {
  const known = cache.get(object.root);
  if (known?.object === object) return known;
  const facts = known ? { ...known, object } : read();
  cache.set(object.root, facts);
  return facts;
}

const workloadCache = new WeakMap<readonly K8sObject[], { lists: (readonly K8sObject[])[]; facts: WorkloadFacts[] }>();

/**
 * The running workloads of the workspace, read once per set of workload lists (they stay the same
 * until the workspace changes), though always asked through the view so that the read is recorded.
 * Asked for the `pod-labels` facet (analysis/facets.ts): callers may read only a workload's namespace
 * and labels (and how many there are), never `object` beyond that, so that editing a workload's
 * containers does not re-run the NetworkPolicies that read the workloads.
 */
export function workloads(workspace: WorkspaceView): readonly WorkloadFacts[] {
  const lists = RUNNING_WORKLOAD_KINDS.map((k) => workspace.objectsOfKind(k, 'pod-labels'));
  const key = lists.find((l) => l.length > 0);
  if (!key) return [];
  const cached = workloadCache.get(key);
  // Kinds without objects may come back as new empty lists: equal when both are empty.
  if (cached && cached.lists.every((l, i) => l === lists[i] || (l.length === 0 && lists[i]!.length === 0))) return cached.facts;
  const facts = lists.flat().flatMap((o) => workloadFacts(o) ?? []);
  workloadCache.set(key, { lists, facts });
  return facts;
}

/** Manifests that leave the namespace to `kubectl -n` may land in any namespace: they may share one. */
export function mayShareNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

const sharingCache = new WeakMap<readonly { readonly namespace: string | undefined }[], Map<string | undefined, readonly unknown[]>>();

/**
 * The facts that may share a namespace with `ns` (mayShareNamespace), in list order. Asked once per
 * workload and once per policy: grouped by namespace once per list, so the CLI's workspace of a
 * thousand workloads and policies is not scanned once per object (which was quadratic).
 */
export function sharingNamespace<T extends { readonly namespace: string | undefined }>(facts: readonly T[], ns: string | undefined): readonly T[] {
  if (ns === undefined) return facts;
  let byNs = sharingCache.get(facts);
  if (!byNs) {
    byNs = new Map();
    sharingCache.set(facts, byNs);
  }
  let out = byNs.get(ns) as readonly T[] | undefined;
  if (!out) {
    out = facts.filter((f) => mayShareNamespace(f.namespace, ns));
    byNs.set(ns, out);
  }
  return out;
}

/**
 * Policy engines whose rules KubeGuard does not evaluate (Cilium, Calico, Antrea, admin network
 * policies). When the workspace holds any, a pod that no Kubernetes NetworkPolicy selects may still be
 * isolated: the coverage rules stay silent. Returns the first such kind found.
 */
const OTHER_POLICY_KINDS = ['CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy', 'GlobalNetworkPolicy', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy', 'ClusterNetworkPolicy'];

export function otherPolicyEngine(workspace: WorkspaceView): string | undefined {
  const kind = OTHER_POLICY_KINDS.find((k) => workspace.objectsOfKind(k).length > 0);
  if (kind) return kind;
  // Calico and Antrea also name a namespaced kind NetworkPolicy, in their own API groups. Asked for
  // every workload: scanned once per list, not once per workload (quadratic in the CLI's workspace).
  const policies = workspace.objectsOfKind('NetworkPolicy');
  let other = foreignPolicyApi.get(policies);
  if (other === undefined) {
    other = policies.find((o) => !isNetworkPolicy(o))?.apiVersion ?? null;
    foreignPolicyApi.set(policies, other);
  }
  return other ?? undefined;
}

const foreignPolicyApi = new WeakMap<readonly K8sObject[], string | null>();
