/**
 * Health probes. Only containers that run for the pod's lifetime can carry liveness and readiness
 * probes: regular containers and sidecars. Init containers cannot (the API rejects them), so they are
 * never asked for one (peers.md §c item 5, checkov #4807), nor are pods that run to completion.
 */
import type { K8sObject } from '../../document/k8sObject';
import type { ContainerRef, PodView } from '../../document/workloads';
import type { WorkspaceView } from '../../analysis/workspaceView';
import { containerAnchor } from '../pss/anchors';
import type { Rule } from '../rule';
import { entries, isLongLived, runsToCompletion, subject } from './podFacts';

function servingContainers(obj: K8sObject, pod: PodView | undefined): ContainerRef[] {
  if (!pod?.spec || runsToCompletion(obj, pod)) return [];
  return pod.containers.filter((c) => isLongLived(obj, c));
}

/** Whether a Service in the workspace (same namespace) selects the pod's labels. */
function selectedByService(obj: K8sObject, pod: PodView, workspace: WorkspaceView): boolean {
  const labels = obj.stringMap([...pod.metadataPath, 'labels']);
  if (labels.size === 0) return false;
  return workspace.objectsOfKind('Service').some((svc) => {
    if (svc.namespace !== obj.namespace) return false;
    const selector = svc.stringMap(['spec', 'selector']);
    return selector.size > 0 && [...selector].every(([k, v]) => labels.get(k) === v);
  });
}

export const livenessProbeMissing: Rule = {
  id: 'liveness-probe-missing',
  title: 'No liveness probe',
  category: 'resources',
  severity: 'information',
  enabledByDefault: false,
  description: 'Flags long-running containers (regular containers and sidecars of workloads that do not run to completion) without a `livenessProbe`. Init containers, Jobs and CronJobs are never flagged.',
  rationale:
    'A liveness probe lets the kubelet restart a container that is still running but no longer working (deadlocked, wedged on a dependency). Without one, a hung process keeps its place and its traffic until someone notices.',
  remediation: 'Add a livenessProbe that checks the process is responsive (and only that: not its dependencies).',
  reads: ['spec.containers[*].livenessProbe', 'spec.initContainers[*].restartPolicy', 'spec.restartPolicy'],
  concepts: ['PROBE-LIVENESS'],
  peers: { polaris: 'livenessProbeMissing', 'kube-linter': 'no-liveness-probe', 'kube-score': 'pod-probes', kubescape: 'C-0056', checkov: 'CKV_K8S_8' },
  defaultsNote:
    'Off by default: a badly chosen liveness probe (one that checks a shared dependency, or with tight timeouts) causes restart storms, which is worse than none; many workloads are fine relying on the process exiting.',
  appliesTo: 'workloads',
  check({ object, pod, report }) {
    for (const c of servingContainers(object, pod)) {
      if (object.has(['livenessProbe'], c.node)) continue;
      report({ span: object.pairSpan(['name'], c.node) ?? containerAnchor(object, c), container: c, message: `${subject(c)} has no livenessProbe.` });
    }
  },
};

export const readinessProbeMissing: Rule = {
  id: 'readiness-probe-missing',
  title: 'No readiness probe',
  category: 'resources',
  severity: 'information',
  enabledByDefault: false,
  description:
    'Flags long-running containers without a `readinessProbe` when they serve traffic: they declare `ports`, or a Service in the workspace selects the pod. Init containers, Jobs and CronJobs are never flagged.',
  rationale:
    'Without a readiness probe a pod receives traffic as soon as its containers start, before the application is listening, and keeps receiving it while overloaded or shutting down: failed requests on every rollout.',
  remediation: 'Add a readinessProbe that succeeds only when the container can serve requests.',
  reads: ['spec.containers[*].{readinessProbe,ports}', 'Service.spec.selector'],
  concepts: ['PROBE-READINESS'],
  peers: { polaris: 'readinessProbeMissing', 'kube-linter': 'no-readiness-probe', 'kube-score': 'pod-probes', kubescape: 'C-0018', checkov: 'CKV_K8S_9' },
  defaultsNote: 'Off by default: it is a reliability check rather than a security one, and only containers that serve traffic need it.',
  appliesTo: 'workloads',
  check({ object, pod, workspace, report }) {
    const containers = servingContainers(object, pod);
    if (containers.length === 0) return;
    const selected = selectedByService(object, pod!, workspace);
    for (const c of containers) {
      if (object.has(['readinessProbe'], c.node)) continue;
      if (!selected && entries(object, ['ports'], c.node).length === 0) continue;
      report({ span: object.pairSpan(['name'], c.node) ?? containerAnchor(object, c), container: c, message: `${subject(c)} serves traffic but has no readinessProbe.` });
    }
  },
};

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

export const probePortUndeclared: Rule = {
  id: 'probe-port-undeclared',
  title: 'Probe targets an undeclared named port',
  category: 'resources',
  severity: 'warning',
  enabledByDefault: true,
  description:
    'Flags `httpGet.port` and `tcpSocket.port` of liveness, readiness and startup probes that name a port (a string) the container does not declare in `ports[*].name`. Numeric ports are not checked: they need no declaration.',
  rationale:
    'A probe on a named port that does not exist never succeeds: the kubelet reports the port as not found, a liveness probe restarts the container forever and a readiness probe keeps it out of every Service. It is nearly always a typo or a renamed port.',
  remediation: 'Use a port name declared in the container\'s ports (or the port number).',
  reads: ['spec.{initContainers,containers}[*].{livenessProbe,readinessProbe,startupProbe}.{httpGet,tcpSocket}.port', 'spec.{initContainers,containers}[*].ports[*].name'],
  concepts: ['PROBE-PORT'],
  peers: { 'kube-linter': 'liveness-port, readiness-port, startup-port' },
  defaultsNote:
    'Numeric probe ports are not reported even when absent from `ports`: containerPort is informational, and health endpoints on a separate, undeclared port (e.g. a management port) are common and work.',
  appliesTo: 'workloads',
  check({ object, pod, report }) {
    for (const c of pod?.containers ?? []) {
      const declared = new Set(
        entries(object, ['ports'], c.node).flatMap((p) => {
          const name = p.node ? object.value(['name'], p.node) : undefined;
          return typeof name === 'string' ? [name] : [];
        }),
      );
      for (const probe of PROBES) {
        for (const handler of ['httpGet', 'tcpSocket']) {
          const path = [probe, handler, 'port'];
          const port = object.value(path, c.node);
          if (typeof port !== 'string' || /^\d+$/.test(port) || declared.has(port)) continue;
          report({
            span: object.valueSpan(path, c.node)!,
            container: c,
            message: `${subject(c)}: ${probe} targets port "${port}", which the container does not declare${declared.size > 0 ? ` (declared: ${[...declared].join(', ')})` : ''}.`,
          });
        }
      }
    }
  },
};

export const PROBE_RULES: readonly Rule[] = [livenessProbeMissing, readinessProbeMissing, probePortUndeclared];
