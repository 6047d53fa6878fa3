/** PSS baseline `hostNamespaces`: the pod must not share the node's network, PID or IPC namespace. */
import type { Rule } from '../rule';

const FIELDS = [
  { field: 'hostNetwork', concept: 'SEC-HOSTNETWORK', what: "the node's network namespace" },
  { field: 'hostPID', concept: 'SEC-HOSTPID', what: "the node's process ID namespace" },
  { field: 'hostIPC', concept: 'SEC-HOSTIPC', what: "the node's IPC namespace" },
] as const;

export const hostNamespaces: Rule = {
  id: 'host-namespaces',
  title: 'Host namespaces shared with the pod',
  category: 'pod-security',
  severity: 'error',
  enabledByDefault: true,
  description: 'Flags pods that set `hostNetwork`, `hostPID` or `hostIPC` to true.',
  rationale:
    'Sharing host namespaces removes the isolation between the pod and the node: with hostNetwork a pod can bind node ports and sniff node traffic, with hostPID it can see and signal every process on the node, with hostIPC it can read shared memory of host processes.',
  remediation: 'Remove hostNetwork, hostPID and hostIPC from the pod spec or set them to false.',
  reads: ['spec.hostNetwork', 'spec.hostPID', 'spec.hostIPC'],
  concepts: FIELDS.map((f) => f.concept),
  pss: { check: 'hostNamespaces', level: 'baseline', since: 0, control: 'Host Namespaces' },
  peers: { polaris: 'hostNetworkSet, hostPIDSet, hostIPCSet', 'kube-linter': 'host-network, host-pid, host-ipc', kubescape: 'C-0041, C-0038', trivy: 'KSV-0008, KSV-0009, KSV-0010', checkov: 'CKV_K8S_17, CKV_K8S_18, CKV_K8S_19' },
  appliesTo: 'workloads',
  check({ object, pod, report }) {
    if (!pod?.spec) return;
    for (const f of FIELDS) {
      if (object.value([f.field], pod.spec) !== true) continue;
      report({
        span: object.pairSpan([...pod.specPath, f.field])!,
        message: `${object.label} shares ${f.what} (${f.field}: true).`,
        fix: { title: `Set ${f.field}: false`, safe: true, intents: [{ op: 'set', path: [...pod.specPath, f.field], value: false }] },
      });
    }
  },
};
