/**
 * PSS `/proc Mount Type`: baseline `procMount` (relaxed for user-namespaced pods from v1.35) and
 * restricted `procMount_restricted` (v1.35+, no relaxation; it replaces `procMount` at restricted).
 */
import type { K8sObject } from '../../document/k8sObject';
import { containerLabel, type PodView } from '../../document/workloads';
import type { ReportInput, Rule } from '../rule';
import { capitalize, isSet, show, usesUserNamespace } from './anchors';

const PATH = ['securityContext', 'procMount'];

/** Reports every container whose procMount is set to anything but Default (PSA: non-nil and != Default). */
function reportUnmasked(object: K8sObject, pod: PodView | undefined, why: string, report: (r: ReportInput) => void, severity?: ReportInput['severity']): void {
  for (const c of pod?.containers ?? []) {
    if (!isSet(object, PATH, c.node)) continue;
    const v = object.value(PATH, c.node);
    if (v === 'Default') continue;
    report({ span: object.pairSpan(PATH, c.node)!, container: c, message: `${capitalize(containerLabel(c))} sets procMount: ${show(v)}; ${why}`, ...(severity ? { severity } : {}) });
  }
}

const shared = {
  category: 'pod-security',
  enabledByDefault: true,
  rationale:
    'The runtime masks and mounts read-only the sensitive parts of /proc (kcore, sysrq-trigger, keys…). procMount: Unmasked lifts that protection and exposes kernel interfaces the container can use to read host memory or crash the node.',
  remediation: 'Set securityContext.procMount to Default or remove it.',
  reads: ['spec.{initContainers,containers,ephemeralContainers}[*].securityContext.procMount', 'spec.hostUsers'],
  concepts: ['SEC-PROCMOUNT'],
  peers: { polaris: 'procMount', 'kube-linter': 'unsafe-proc-mount', kubescape: 'C-0211', trivy: 'KSV-0027' },
  fix: { title: 'Set procMount: Default', scope: 'container', safe: true, intents: [{ op: 'set', path: PATH, value: 'Default' }] },
  appliesTo: 'workloads',
} as const;

export const procMount: Rule = {
  ...shared,
  id: 'proc-mount',
  title: 'Unmasked /proc mount',
  severity: 'error',
  description:
    'Flags any container whose `securityContext.procMount` is set to anything but Default. From policy v1.35, baseline allows it in pods that run in a user namespace (`hostUsers: false`).',
  pss: { check: 'procMount', level: 'baseline', since: 0, control: '/proc Mount Type' },
  check({ object, pod, policy, report }) {
    if (policy.minor >= 35 && pod && usesUserNamespace(pod)) return;
    reportUnmasked(object, pod, policy.minor >= 35 ? 'it must be Default unless the pod sets hostUsers: false.' : 'it must be Default.', report);
  },
};

export const procMountRestricted: Rule = {
  ...shared,
  id: 'proc-mount-restricted',
  title: 'Unmasked /proc mount (restricted)',
  severity: 'warning',
  description:
    'Flags any container whose `securityContext.procMount` is set to anything but Default, with no exception for user-namespaced pods. Replaces proc-mount at restricted from policy v1.35.',
  pss: { check: 'procMount_restricted', level: 'restricted', since: 35, overrides: 'procMount', control: '/proc Mount Type' },
  check({ object, pod, report }) {
    // Without a user namespace, baseline forbids the same value (procMount, overridden here): an error.
    const alsoBaseline = !pod || !usesUserNamespace(pod);
    reportUnmasked(object, pod, 'restricted requires Default, even with hostUsers: false.', report, alsoBaseline ? 'error' : undefined);
  },
};
