/** Where the pod spec lives in each workload kind, and the containers inside it. All workload knowledge is here. */
import type { Node, YAMLMap } from 'yaml';
import type { K8sObject } from './k8sObject';
import { asMap, asSeq, scalarOf, type Path } from './yamlNodes';

/** Pod Security Admission extracts pod specs from exactly these kinds (`DefaultPodSpecExtractor`). */
const POD_TEMPLATE_PATHS: Readonly<Record<string, Path>> = {
  Pod: [],
  PodTemplate: ['template'],
  ReplicationController: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  Deployment: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

export const WORKLOAD_KINDS: readonly string[] = Object.keys(POD_TEMPLATE_PATHS);

export type ContainerList = 'initContainers' | 'containers' | 'ephemeralContainers';

/** The order Pod Security Admission visits container lists in (`policy/visitor.go`). */
export const CONTAINER_LISTS: readonly ContainerList[] = ['initContainers', 'containers', 'ephemeralContainers'];

export interface ContainerRef {
  readonly list: ContainerList;
  readonly index: number;
  readonly node: YAMLMap;
  readonly name: string | undefined;
  /** Path from the object root to this container's mapping. */
  readonly path: Path;
}

/** A workload's pod: its spec, the metadata that goes with it, and its containers. */
export interface PodView {
  readonly object: K8sObject;
  /** Path from the object root to the pod `spec` mapping. */
  readonly specPath: Path;
  /** Path from the object root to the pod's `metadata` (the template's for controllers). */
  readonly metadataPath: Path;
  readonly spec: YAMLMap | undefined;
  readonly containers: readonly ContainerRef[];
}

export function isWorkload(obj: K8sObject): boolean {
  return Object.hasOwn(POD_TEMPLATE_PATHS, obj.kind);
}

/**
 * The pod of a workload, or undefined for other kinds. A workload without a spec still gets a view
 * (with `spec` undefined) so that rules can point at the object rather than stay silent.
 */
export function podOf(obj: K8sObject): PodView | undefined {
  const templatePath = POD_TEMPLATE_PATHS[obj.kind];
  if (templatePath === undefined) return undefined;
  // Every rule, the suppressions and the workload facts ask for the pod of every object on each
  // analysis; it depends only on the object's syntax tree, which an edit elsewhere in the file keeps
  // (parseManifests reuses it), so it is read once per tree (docs/performance.md).
  const known = podViews.get(obj);
  if (known) return known;
  const core = podCores.get(obj.root);
  const view: PodView = core ? { ...core, object: obj } : readPod(obj, templatePath);
  if (!core) podCores.set(obj.root, view);
  podViews.set(obj, view);
  return view;
}

/** Pod views by object, and by object root for objects re-created around the same tree (a moved document). */
const podViews = new WeakMap<K8sObject, PodView>();
const podCores = new WeakMap<YAMLMap, PodView>();

function readPod(obj: K8sObject, templatePath: Path): PodView {
  const specPath = [...templatePath, 'spec'];
  const spec = asMap(obj.get(specPath));
  const containers: ContainerRef[] = [];
  if (spec) {
    for (const list of CONTAINER_LISTS) {
      const seq = asSeq(obj.get([list], spec));
      if (!seq) continue;
      seq.items.forEach((item, index) => {
        const node = asMap(obj.document.resolve(item));
        if (!node) return;
        const name = scalarOf(obj.get(['name'], node));
        containers.push({ list, index, node, name: typeof name === 'string' ? name : undefined, path: [...specPath, list, index] });
      });
    }
  }
  return { object: obj, specPath, metadataPath: [...templatePath, 'metadata'], spec, containers };
}

/** "container web" / "init container setup" / "ephemeral container debugger": how messages name a container. */
export function containerLabel(c: ContainerRef): string {
  const what = c.list === 'initContainers' ? 'init container' : c.list === 'ephemeralContainers' ? 'ephemeral container' : 'container';
  return c.name === undefined ? `${what} #${c.index + 1}` : `${what} "${c.name}"`;
}

/** The value at `path` inside a pod spec or container mapping. */
export function valueIn(obj: K8sObject, from: Node | undefined, path: Path): ReturnType<typeof scalarOf> {
  return from ? obj.value(path, from) : undefined;
}
