/** What containers listen on: privileged ports and SSH. */
import { isWindowsPod } from '../pss/anchors';
import type { Rule } from '../rule';
import { entries, subject } from './podFacts';

export const privilegedPort: Rule = {
  id: 'privileged-port',
  title: 'Container port below 1024',
  category: 'container',
  severity: 'information',
  enabledByDefault: false,
  description: 'Flags `ports[*].containerPort` values from 1 to 1023 in containers and init containers. Windows pods are skipped.',
  rationale:
    'Binding a port below 1024 traditionally needs root or the NET_BIND_SERVICE capability, which pushes images to keep privileges they otherwise would not need. Listening on a high port and mapping it in the Service (port 80 → targetPort 8080) keeps the container unprivileged.',
  remediation: 'Listen on a port of 1024 or above and map the public port in the Service (targetPort).',
  reads: ['spec.{initContainers,containers}[*].ports[*].containerPort', 'spec.os.name'],
  concepts: ['SEC-PRIVILEGED-PORT'],
  peers: { 'kube-linter': 'privileged-ports', trivy: 'KSV-0117' },
  defaultsNote:
    'Off by default: containerPort is informational (it does not open or restrict anything), and current runtimes (containerd 2, CRI-O) let unprivileged processes bind low ports through the net.ipv4.ip_unprivileged_port_start sysctl, so a low port no longer implies privileges.',
  appliesTo: 'workloads',
  check({ object, pod, report }) {
    if (!pod || isWindowsPod(pod)) return;
    for (const c of pod.containers) {
      if (c.list === 'ephemeralContainers') continue;
      for (const p of entries(object, ['ports'], c.node)) {
        if (!p.node) continue;
        const port = object.value(['containerPort'], p.node);
        if (typeof port !== 'number' || port < 1 || port > 1023) continue;
        report({ span: object.pairSpan(['containerPort'], p.node)!, container: c, message: `${subject(c)} listens on privileged port ${port}.` });
      }
    }
  },
};

export const sshPort: Rule = {
  id: 'ssh-port',
  title: 'Container exposes SSH',
  category: 'container',
  severity: 'information',
  enabledByDefault: true,
  description: 'Flags container ports 22 (TCP) and ports named `ssh`.',
  rationale:
    'An SSH server inside a container is a second, long-lived way in, with its own credentials to leak and patch. `kubectl exec` (governed by RBAC and audited by the API server) already gives operators a shell when they need one.',
  remediation: 'Remove the SSH server and port 22; use kubectl exec or an ephemeral debug container for interactive access.',
  reads: ['spec.{initContainers,containers}[*].ports[*].{containerPort,name,protocol}'],
  concepts: ['SEC-SSH'],
  peers: { 'kube-linter': 'ssh-port', kubescape: 'C-0042' },
  defaultsNote: 'Information: Git servers and SFTP gateways expose SSH on purpose; everywhere else it is worth a look.',
  appliesTo: 'workloads',
  check({ object, pod, report }) {
    for (const c of pod?.containers ?? []) {
      if (c.list === 'ephemeralContainers') continue;
      for (const p of entries(object, ['ports'], c.node)) {
        if (!p.node) continue;
        const port = object.value(['containerPort'], p.node);
        const protocol = object.value(['protocol'], p.node) ?? 'TCP';
        const name = object.value(['name'], p.node);
        const isSsh = (port === 22 && protocol === 'TCP') || (typeof name === 'string' && name.toLowerCase() === 'ssh');
        if (!isSsh) continue;
        report({
          span: (port === 22 ? object.pairSpan(['containerPort'], p.node) : object.pairSpan(['name'], p.node)) ?? p.span,
          container: c,
          message: `${subject(c)} exposes SSH (port ${String(port)}${typeof name === 'string' ? `, "${name}"` : ''}).`,
        });
      }
    }
  },
};

export const PORT_RULES: readonly Rule[] = [privilegedPort, sshPort];
