/**
 * Resource requests and limits. A value counts as set when the container sets it, when Kubernetes
 * defaults it (a request defaults to the limit), or when a LimitRange of the same namespace in the
 * workspace gives containers a default: reporting those would be false positives.
 */
import type { K8sObject } from '../../document/k8sObject';
import type { ContainerRef, PodView } from '../../document/workloads';
import type { WorkspaceView } from '../../analysis/workspaceView';
import type { Fix } from '../../fixes/intent';
import type { Rule, RuleMeta } from '../rule';
import { containerAnchor } from '../pss/anchors';
import { entries, subject } from './podFacts';

type Resource = 'cpu' | 'memory' | 'ephemeral-storage';
type Kind = 'requests' | 'limits';

/** Defaults that LimitRanges of the object's namespace give containers: `limits` from `default`, `requests` from `defaultRequest` (or `default`). */
function limitRangeDefaults(workspace: WorkspaceView, namespace: string | undefined): { limits: Set<string>; requests: Set<string> } {
  const limits = new Set<string>();
  const requests = new Set<string>();
  for (const lr of workspace.objectsOfKind('LimitRange')) {
    if (lr.namespace !== namespace) continue;
    for (const item of entries(lr, ['spec', 'limits'])) {
      if (!item.node || lr.value(['type'], item.node) !== 'Container') continue;
      for (const r of lr.stringMap(['default'], item.node).keys()) {
        limits.add(r);
        requests.add(r);
      }
      for (const r of lr.stringMap(['defaultRequest'], item.node).keys()) requests.add(r);
    }
  }
  return { limits, requests };
}

function isSet(obj: K8sObject, c: ContainerRef, kind: Kind, resource: Resource): boolean {
  const v = obj.value(['resources', kind, resource], c.node);
  return v !== undefined && v !== null && v !== '';
}

/** Containers that hold resources: regular and init containers (ephemeral containers cannot set them). */
function resourceContainers(pod: PodView | undefined): ContainerRef[] {
  return (pod?.containers ?? []).filter((c) => c.list !== 'ephemeralContainers');
}

function resourceRule(
  kind: Kind,
  resource: Resource,
  meta: Omit<RuleMeta, 'reads' | 'category'>,
  options: { fixFor?: (obj: K8sObject, c: ContainerRef) => Fix | undefined } = {},
): Rule {
  const word = kind === 'requests' ? 'request' : 'limit';
  return {
    ...meta,
    category: 'resources',
    reads: [`spec.{initContainers,containers}[*].resources.{requests,limits}.${resource}`, 'LimitRange.spec.limits[*].{default,defaultRequest}'],
    appliesTo: 'workloads',
    check({ object, pod, workspace, report }) {
      const defaults = limitRangeDefaults(workspace, object.namespace);
      if ((kind === 'limits' ? defaults.limits : defaults.requests).has(resource)) return;
      for (const c of resourceContainers(pod)) {
        if (isSet(object, c, kind, resource)) continue;
        // Kubernetes copies a limit into a missing request, so a limit alone is a request too.
        if (kind === 'requests' && isSet(object, c, 'limits', resource)) continue;
        const fix = options.fixFor?.(object, c);
        report({
          span: containerAnchor(object, c, 'resources'),
          container: c,
          message: `${subject(c)} sets no ${resource} ${word} (resources.${kind}.${resource}).`,
          fix: fix ?? null,
        });
      }
    },
  };
}

export const cpuRequestMissing = resourceRule('requests', 'cpu', {
  id: 'cpu-request-missing',
  title: 'No CPU request',
  severity: 'information',
  enabledByDefault: true,
  description: 'Flags containers and init containers without `resources.requests.cpu` (a CPU limit, or a LimitRange default in the workspace, counts as one).',
  rationale:
    'Without a request the scheduler places the pod as if it needed no CPU, and under contention it gets the smallest share. A noisy or compromised neighbour can then starve it, and capacity planning is guesswork.',
  remediation: 'Set resources.requests.cpu to the CPU the container needs under normal load.',
  concepts: ['RES-CPU-REQUEST'],
  peers: { polaris: 'cpuRequestsMissing', 'kube-linter': 'unset-cpu-requirements', 'kube-score': 'container-resources', kubesec: 'RequestsCPU', kubescape: 'C-0050, C-0268', trivy: 'KSV-0015', checkov: 'CKV_K8S_10' },
  defaultsNote:
    'Information. The request, not the limit, is the CPU setting everyone agrees on, so this is the CPU rule that is on (cpu-limit-missing is off). No fix is offered: a placeholder request would be a guess presented as a decision.',
});

export const cpuLimitMissing = resourceRule('limits', 'cpu', {
  id: 'cpu-limit-missing',
  title: 'No CPU limit',
  severity: 'information',
  enabledByDefault: false,
  description: 'Flags containers and init containers without `resources.limits.cpu` (a LimitRange default in the workspace counts as one).',
  rationale:
    'A CPU limit caps how much CPU a runaway or compromised container can burn. It also throttles legitimate bursts, which is why many operators deliberately set requests only.',
  remediation: 'Set resources.limits.cpu if the workload must not burst beyond a fixed share.',
  concepts: ['RES-CPU-LIMIT'],
  peers: { polaris: 'cpuLimitsMissing', 'kube-linter': 'unset-cpu-requirements', 'kube-score': 'container-resources', kubesec: 'LimitsCPU', kubescape: 'C-0050, C-0270, C-0009', trivy: 'KSV-0011', checkov: 'CKV_K8S_11' },
  defaultsNote:
    'Off by default: CPU limits are contested. They cause throttling even when the node is idle, and the most requested change in peers\' trackers is to stop warning about them when requests are set (vscode-kubernetes-tools #1266, kubescape #1268).',
});

export const memoryRequestMissing = resourceRule('requests', 'memory', {
  id: 'memory-request-missing',
  title: 'No memory request',
  severity: 'information',
  enabledByDefault: false,
  description: 'Flags containers and init containers without `resources.requests.memory` (a memory limit, or a LimitRange default in the workspace, counts as one).',
  rationale:
    'Without a memory request the scheduler can pack the pod onto a node that cannot hold it, and the pod is among the first evicted under memory pressure.',
  remediation: 'Set resources.requests.memory to the memory the container needs under normal load.',
  concepts: ['RES-MEM-REQUEST'],
  peers: { polaris: 'memoryRequestsMissing', 'kube-linter': 'unset-memory-requirements', 'kube-score': 'container-resources', kubesec: 'RequestsMemory', kubescape: 'C-0004, C-0269', trivy: 'KSV-0016', checkov: 'CKV_K8S_12' },
  defaultsNote:
    'Off by default because memory-limit-missing (on) already reports every container this rule would: Kubernetes copies a limit into a missing request, so a container without a memory request never has a memory limit either, and setting the limit settles both. Turn it on if you turn memory-limit-missing off (requests without limits). No fix is offered: a placeholder request would be a guess presented as a decision.',
});

export const memoryLimitMissing = resourceRule(
  'limits',
  'memory',
  {
    id: 'memory-limit-missing',
    title: 'No memory limit',
    severity: 'warning',
    enabledByDefault: true,
    description: 'Flags containers and init containers without `resources.limits.memory` (a LimitRange default in the workspace counts as one).',
    rationale:
      'Memory is not compressible: a container without a limit that leaks or is made to allocate (a decompression bomb, a huge request body) takes memory from every pod on the node until the kernel OOM-kills something, not necessarily the culprit. A limit confines the damage to the container itself.',
    remediation: 'Set resources.limits.memory, typically equal to the memory request.',
    concepts: ['RES-MEM-LIMIT'],
    peers: { polaris: 'memoryLimitsMissing', 'kube-linter': 'unset-memory-requirements', 'kube-score': 'container-resources', kubesec: 'LimitsMemory', kubescape: 'C-0004, C-0271, C-0009', trivy: 'KSV-0018', checkov: 'CKV_K8S_13' },
    defaultsNote: 'The quick-fix (limit = request) is offered only when a memory request exists, and is not applied by fix-all: a limit can OOM-kill a container that bursts.',
  },
  {
    fixFor: (obj, c) => {
      const request = obj.value(['resources', 'requests', 'memory'], c.node);
      if (request === undefined || request === null || typeof request === 'boolean') return undefined;
      return { title: `Set the memory limit to the request (${String(request)})`, safe: false, intents: [{ op: 'set', path: [...c.path, 'resources', 'limits', 'memory'], value: request }] };
    },
  },
);

export const ephemeralStorageMissing: Rule = {
  id: 'ephemeral-storage-missing',
  title: 'No ephemeral-storage request and limit',
  category: 'resources',
  severity: 'information',
  enabledByDefault: false,
  description: 'Flags containers and init containers that lack `resources.requests.ephemeral-storage` or `resources.limits.ephemeral-storage` (a LimitRange default in the workspace counts).',
  rationale:
    'Container logs, the writable layer and emptyDir volumes live on the node\'s disk. Without an ephemeral-storage limit one container can fill it, and the kubelet then evicts pods across the node.',
  remediation: 'Set resources.requests and resources.limits for ephemeral-storage.',
  reads: ['spec.{initContainers,containers}[*].resources.{requests,limits}.ephemeral-storage', 'LimitRange.spec.limits[*].{default,defaultRequest}'],
  concepts: ['RES-EPHEMERAL'],
  peers: { 'kube-score': 'container-ephemeral-storage-request-and-limit' },
  defaultsNote: 'Off by default: only kube-score checks it, and most clusters rely on node-level eviction thresholds instead.',
  appliesTo: 'workloads',
  check({ object, pod, workspace, report }) {
    const defaults = limitRangeDefaults(workspace, object.namespace);
    for (const c of resourceContainers(pod)) {
      const limit = isSet(object, c, 'limits', 'ephemeral-storage') || defaults.limits.has('ephemeral-storage');
      const request = limit || isSet(object, c, 'requests', 'ephemeral-storage') || defaults.requests.has('ephemeral-storage');
      if (limit && request) continue;
      const missing = request ? 'limit' : 'request and limit';
      report({ span: containerAnchor(object, c, 'resources'), container: c, message: `${subject(c)} sets no ephemeral-storage ${missing}.` });
    }
  },
};

export const RESOURCE_RULES: readonly Rule[] = [cpuRequestMissing, cpuLimitMissing, memoryRequestMissing, memoryLimitMissing, ephemeralStorageMissing];
