/** Pod-level isolation beyond PSS: user namespaces and the pod's own /etc/hosts. */
import { asSeq } from '../../document/yamlNodes';
import { isWindowsPod, podAnchor } from '../pss/anchors';
import type { Rule } from '../rule';

const HOST_NAMESPACES = ['hostNetwork', 'hostPID', 'hostIPC'];

export const userNamespaceNotUsed: Rule = {
  id: 'user-namespace-not-used',
  title: 'Pod does not use a user namespace',
  category: 'container',
  severity: 'information',
  enabledByDefault: false,
  description:
    'Flags pods that do not set `spec.hostUsers: false`. Pods that share a host namespace (hostNetwork, hostPID, hostIPC — incompatible with user namespaces) and Windows pods are skipped.',
  rationale:
    'With `hostUsers: false` the pod runs in its own user namespace: UID 0 inside maps to an unprivileged UID on the node, so a process that escapes the container is nobody on the host. Pod Security Standards relax runAsNonRoot and runAsUser for such pods from v1.35 because of it.',
  remediation: 'Set spec.hostUsers to false where the nodes support user namespaces (Kubernetes v1.33+ with a recent runtime and kernel).',
  reads: ['spec.hostUsers', 'spec.{hostNetwork,hostPID,hostIPC}', 'spec.os.name'],
  concepts: ['SEC-HOSTUSERS'],
  peers: { kubesec: 'HostUsers', checkov: '(CKV_K8S_40 passes with hostUsers: false)' },
  defaultsNote:
    'Off by default: user namespaces need node support (Kubernetes v1.33+, a runtime and kernel with idmapped mounts) and some volume types do not work with them, so whether the fix is possible is a cluster question the manifest cannot answer.',
  fix: { title: 'Set hostUsers: false', scope: 'pod', safe: false, intents: [{ op: 'set', path: ['hostUsers'], value: false }] },
  appliesTo: 'workloads',
  check({ object, pod, report }) {
    if (!pod?.spec || isWindowsPod(pod)) return;
    const hostUsers = object.value(['hostUsers'], pod.spec);
    if (hostUsers === false) return;
    if (HOST_NAMESPACES.some((f) => object.value([f], pod.spec) === true)) return;
    const explicit = object.has(['hostUsers'], pod.spec);
    report({
      span: explicit ? object.pairSpan([...pod.specPath, 'hostUsers'])! : podAnchor(pod, 'hostUsers'),
      message: explicit
        ? `${object.label} sets hostUsers: ${String(hostUsers)}; its containers share the node's user IDs.`
        : `${object.label} does not run in a user namespace (spec.hostUsers: false); root in its containers is root's UID on the node.`,
    });
  },
};

export const hostAliases: Rule = {
  id: 'host-aliases',
  title: 'Pod overrides /etc/hosts',
  category: 'container',
  severity: 'information',
  enabledByDefault: true,
  description: 'Flags pods with a non-empty `spec.hostAliases`.',
  rationale:
    'hostAliases writes entries into the pod\'s /etc/hosts, which take precedence over cluster DNS. Names resolved there bypass DNS-based controls and can silently redirect traffic (for example an API endpoint pointed at another address); entries also go stale when the target moves.',
  remediation: 'Remove spec.hostAliases and resolve the names through DNS (a Service, an ExternalName Service or CoreDNS configuration).',
  reads: ['spec.hostAliases'],
  concepts: ['SEC-HOSTALIASES'],
  peers: { kubesec: 'HostAliases', trivy: 'KSV-0007' },
  defaultsNote: 'Information: hostAliases is sometimes the pragmatic answer for legacy names; the finding documents the choice.',
  fix: { title: 'Remove hostAliases', scope: 'pod', safe: false, intents: [{ op: 'remove', path: ['hostAliases'] }] },
  appliesTo: 'workloads',
  check({ object, pod, report }) {
    if (!pod?.spec) return;
    const path = [...pod.specPath, 'hostAliases'];
    const n = asSeq(object.get(path))?.items.length ?? 0;
    if (n === 0) return;
    report({ span: object.keySpan(path)!, message: `${object.label} writes ${n} entr${n === 1 ? 'y' : 'ies'} into /etc/hosts (hostAliases), bypassing DNS.` });
  },
};

export const POD_ISOLATION_RULES: readonly Rule[] = [userNamespaceNotUsed, hostAliases];
