/**
 * PSS baseline checks that keep a pod off the node's own resources: `hostPorts`,
 * `hostProbesAndHostLifecycle` (v1.34+) and `windowsHostProcess`.
 */
import { asMap } from '../../document/yamlNodes';
import { containerLabel } from '../../document/workloads';
import type { Rule } from '../rule';
import { capitalize, securitySites, seqEntries, show } from './anchors';

export const hostPorts: Rule = {
  id: 'host-ports',
  title: 'Host port',
  category: 'pod-security',
  severity: 'error',
  enabledByDefault: true,
  description: 'Flags every `ports[*].hostPort` other than 0 in any container (init and ephemeral included).',
  rationale:
    'A hostPort binds the port on the node\'s own network interfaces: it bypasses NetworkPolicy-based isolation in many CNIs, pins the pod to nodes where the port is free, and exposes the process on the node\'s address.',
  remediation: 'Remove hostPort and expose the container through a Service.',
  reads: ['spec.{initContainers,containers,ephemeralContainers}[*].ports[*].hostPort'],
  concepts: ['SEC-HOSTPORT'],
  pss: { check: 'hostPorts', level: 'baseline', since: 0, control: 'Host Ports' },
  peers: { polaris: 'hostPortSet', kubescape: 'C-0044', trivy: 'KSV-0024', checkov: 'CKV_K8S_26' },
  appliesTo: 'workloads',
  check({ object, pod, report }) {
    for (const c of pod?.containers ?? []) {
      for (const port of seqEntries(object, ['ports'], c.node)) {
        const map = asMap(port.node);
        if (!map) continue;
        const hostPort = object.value(['hostPort'], map);
        if (hostPort === undefined || hostPort === null || Number(hostPort) === 0) continue;
        const path = [...c.path, 'ports', port.index, 'hostPort'];
        report({
          span: object.pairSpan(['hostPort'], map)!,
          container: c,
          message: `${capitalize(containerLabel(c))} binds port ${show(hostPort)} on the node (hostPort).`,
          // Without the host port, clients that reach the node's address lose the service: not fix-all.
          fix: { title: 'Remove hostPort', safe: false, intents: [{ op: 'remove', path }] },
        });
      }
    }
  },
};

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HOOKS = ['postStart', 'preStop'] as const;
const HANDLERS = ['httpGet', 'tcpSocket'] as const;

export const hostProbesLifecycle: Rule = {
  id: 'host-probes-lifecycle',
  title: 'Probe or lifecycle hook targets a host',
  category: 'pod-security',
  severity: 'error',
  enabledByDefault: true,
  description:
    'Flags a non-empty `host` in the `httpGet` or `tcpSocket` handler of any container\'s liveness, readiness or startup probe, or of its `lifecycle.postStart`/`preStop` hook (PSS v1.34+). `127.0.0.1` and `::1` count too.',
  rationale:
    'The kubelet runs probes and HTTP hooks from the node. With `host` set, a pod can make the kubelet send requests to any address the node can reach (other pods, node-local services, cloud metadata endpoints): a server-side request forgery from the node\'s network position.',
  remediation: 'Remove host from probe and lifecycle handlers so the kubelet targets the pod\'s own IP.',
  reads: [
    'spec.{initContainers,containers,ephemeralContainers}[*].{livenessProbe,readinessProbe,startupProbe}.{httpGet,tcpSocket}.host',
    'spec.{initContainers,containers,ephemeralContainers}[*].lifecycle.{postStart,preStop}.{httpGet,tcpSocket}.host',
  ],
  concepts: ['SEC-PROBE-HOST'],
  pss: { check: 'hostProbesAndHostLifecycle', level: 'baseline', since: 34, control: 'Host Probes / Lifecycle Hooks' },
  peers: {},
  appliesTo: 'workloads',
  check({ object, pod, report }) {
    for (const c of pod?.containers ?? []) {
      const handlers = [...PROBES.map((p) => [p]), ...HOOKS.map((h) => ['lifecycle', h])];
      for (const at of handlers) {
        for (const kind of HANDLERS) {
          const path = [...at, kind, 'host'];
          const host = object.value(path, c.node);
          if (host === undefined || host === null || host === '') continue;
          report({
            span: object.pairSpan(path, c.node)!,
            container: c,
            message: `${capitalize(containerLabel(c))} points its ${at.join('.')} ${kind} at host ${show(host)}; the kubelet would connect there from the node.`,
            // The handler then targets the pod IP; a probe that relied on another address changes meaning.
            fix: { title: 'Remove host', safe: false, intents: [{ op: 'remove', path: [...c.path, ...path] }] },
          });
        }
      }
    }
  },
};

export const windowsHostProcess: Rule = {
  id: 'windows-host-process',
  title: 'Windows HostProcess container',
  category: 'pod-security',
  severity: 'error',
  enabledByDefault: true,
  description: 'Flags `securityContext.windowsOptions.hostProcess: true` at pod level or in any container.',
  rationale:
    'A Windows HostProcess container runs directly on the node as a host process, with access to the node\'s filesystem, network and processes: it is the Windows equivalent of a privileged container with host namespaces.',
  remediation: 'Remove windowsOptions.hostProcess or set it to false.',
  reads: ['spec.securityContext.windowsOptions.hostProcess', 'spec.{initContainers,containers,ephemeralContainers}[*].securityContext.windowsOptions.hostProcess'],
  concepts: ['SEC-HOSTPROCESS'],
  pss: { check: 'windowsHostProcess', level: 'baseline', since: 0, control: 'HostProcess' },
  peers: { polaris: 'hostProcess', kubescape: 'C-0211', trivy: 'KSV-0103' },
  appliesTo: 'workloads',
  check({ object, pod, report }) {
    const path = ['securityContext', 'windowsOptions', 'hostProcess'];
    for (const site of securitySites(pod)) {
      if (object.value(path, site.node) !== true) continue;
      report({
        span: object.pairSpan(path, site.node)!,
        container: site.container,
        message: `${site.subject} runs as a Windows HostProcess ${site.container ? 'container' : 'pod'} (hostProcess: true).`,
        fix: { title: 'Set hostProcess: false', safe: true, intents: [{ op: 'set', path: [...site.path, ...path], value: false }] },
      });
    }
  },
};
