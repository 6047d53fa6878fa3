/** Namespaces and placement: the default and kube-system namespaces, Pod Security labels, bare pods. */
import { WORKLOAD_KINDS } from '../../document/workloads';
import { ENFORCE_LABEL, isPssLevel } from '../../pss/policy';
import type { Rule } from '../rule';

/** Core kinds that live in a namespace; cluster-scoped kinds and unknown CRDs are never asked for one. */
const NAMESPACED_KINDS = [
  ...WORKLOAD_KINDS,
  'Service',
  'ConfigMap',
  'Secret',
  'ServiceAccount',
  'Role',
  'RoleBinding',
  'Ingress',
  'NetworkPolicy',
  'PersistentVolumeClaim',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'LimitRange',
  'ResourceQuota',
];

export const defaultNamespace: Rule = {
  id: 'default-namespace',
  title: 'Object in the default namespace',
  category: 'namespaces',
  severity: 'information',
  enabledByDefault: false,
  description: 'Flags namespaced objects whose `metadata.namespace` is `default` or missing (then the kubectl context decides, usually default).',
  rationale:
    'The default namespace is where everything lands that nobody placed: it rarely has Pod Security labels, NetworkPolicies, quotas or narrow RBAC, and workloads there share it with whatever else was dropped in. A dedicated namespace gives a workload its own policy boundary.',
  remediation: 'Deploy into a dedicated namespace: set metadata.namespace (or the namespace of your kustomization or Helm release).',
  reads: ['metadata.namespace'],
  concepts: ['NS-DEFAULT'],
  peers: { 'kube-linter': 'use-namespace', kubescape: 'C-0061', trivy: 'KSV-0110', checkov: 'CKV_K8S_21' },
  defaultsNote:
    'Off by default: most manifests leave the namespace to `kubectl -n`, kustomize or Helm on purpose, so a missing namespace usually is not a default-namespace deployment.',
  appliesTo: NAMESPACED_KINDS,
  check({ object, report }) {
    if (object.namespace === 'default') {
      report({ span: object.valueSpan(['metadata', 'namespace'])!, message: `${object.label} is placed in the default namespace.` });
    } else if (object.namespace === undefined && !object.has(['metadata', 'namespace'])) {
      report({
        span: object.keySpan(['metadata']) ?? object.valueSpan(['kind'])!,
        message: `${object.label} sets no metadata.namespace, so it lands in the current context's namespace (usually default).`,
      });
    }
  },
};

export const kubeSystemNamespace: Rule = {
  id: 'kube-system-namespace',
  title: 'Workload in kube-system',
  category: 'namespaces',
  severity: 'information',
  enabledByDefault: true,
  description: 'Flags workloads whose `metadata.namespace` is `kube-system`.',
  rationale:
    'kube-system holds the control plane\'s add-ons and their highly privileged ServiceAccounts and Secrets; it is usually exempt from Pod Security admission. A workload placed there shares that trust and escapes the policies applied to application namespaces.',
  remediation: 'Deploy the workload into its own namespace unless it is a cluster add-on that must run in kube-system.',
  reads: ['metadata.namespace'],
  concepts: ['NS-KUBE-SYSTEM'],
  peers: { trivy: 'KSV-0037' },
  defaultsNote: 'Information: cluster add-ons (CNI, CSI drivers, DNS) legitimately live in kube-system.',
  appliesTo: 'workloads',
  check({ object, report }) {
    if (object.namespace !== 'kube-system') return;
    report({ span: object.valueSpan(['metadata', 'namespace'])!, message: `${object.label} runs in kube-system, alongside the cluster's own privileged components.` });
  },
};

/** Namespaces Kubernetes creates for itself; their Pod Security level is the cluster admin's business. */
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

export const namespacePssLabelMissing: Rule = {
  id: 'namespace-pss-label-missing',
  title: 'Namespace without a Pod Security level',
  category: 'namespaces',
  severity: 'information',
  enabledByDefault: true,
  description:
    'Flags Namespace manifests without a valid `pod-security.kubernetes.io/enforce` label (baseline, restricted or privileged). An explicit `privileged` is a decision and is not reported; kube-system, kube-public and kube-node-lease are skipped.',
  rationale:
    'Without an enforce label a namespace gets the cluster\'s default Pod Security level, which is privileged unless an admin configured otherwise: any pod, including privileged ones with host mounts, is admitted. The label makes the policy explicit and reviewable next to the workloads, and KubeGuard then checks those workloads at that level.',
  remediation: 'Add the label pod-security.kubernetes.io/enforce: restricted (or baseline) to the Namespace.',
  reads: ['metadata.labels[pod-security.kubernetes.io/enforce]'],
  concepts: ['NS-PSA-LABEL'],
  peers: { kubescape: 'C-0192..C-0204' },
  defaultsNote: 'The quick-fix writes the level configured in kubeguard.podSecurity.level (baseline if that is privileged); it is not applied by fix-all, since admission then rejects non-compliant pods.',
  appliesTo: ['Namespace'],
  check({ object, policy, report }) {
    if (object.name !== undefined && SYSTEM_NAMESPACES.has(object.name)) return;
    const labels = object.stringMap(['metadata', 'labels']);
    const enforce = labels.get(ENFORCE_LABEL);
    if (isPssLevel(enforce)) return;
    const level = policy.level === 'privileged' ? 'baseline' : policy.level;
    const fix = { title: `Enforce Pod Security level ${level}`, safe: false, intents: [{ op: 'set' as const, path: ['metadata', 'labels', ENFORCE_LABEL], value: level }] };
    if (enforce !== undefined) {
      report({
        span: object.pairSpan(['metadata', 'labels', ENFORCE_LABEL])!,
        message: `Namespace ${object.name ?? '(unnamed)'} has an invalid ${ENFORCE_LABEL} value "${enforce}"; use privileged, baseline or restricted.`,
        fix,
      });
      return;
    }
    const others = ['warn', 'audit'].filter((m) => labels.has(`pod-security.kubernetes.io/${m}`));
    report({
      span: object.keySpan(['metadata', 'labels']) ?? object.keySpan(['metadata']) ?? object.valueSpan(['kind'])!,
      message: `Namespace ${object.name ?? '(unnamed)'} has no ${ENFORCE_LABEL} label${others.length > 0 ? ` (only ${others.join(' and ')})` : ''}, so the cluster default applies (privileged unless configured).`,
      fix,
    });
  },
};

export const nakedPod: Rule = {
  id: 'naked-pod',
  title: 'Bare Pod without a controller',
  category: 'namespaces',
  severity: 'information',
  enabledByDefault: false,
  description: 'Flags Pod manifests without `metadata.ownerReferences`, i.e. pods no Deployment, StatefulSet, DaemonSet or Job manages.',
  rationale:
    'A bare pod is not rescheduled when its node fails or is drained, is not replaced when it is deleted, and cannot be rolled out or rolled back: security patches to its image reach it only by hand.',
  remediation: 'Run the pod from a controller: a Deployment, StatefulSet, DaemonSet or Job.',
  reads: ['kind', 'metadata.ownerReferences'],
  concepts: ['NS-NAKED-POD'],
  peers: { kubescape: 'C-0073' },
  defaultsNote: 'Off by default: bare pods are normal for one-off debugging, tests and examples.',
  appliesTo: ['Pod'],
  check({ object, report }) {
    if (object.has(['metadata', 'ownerReferences'])) return;
    report({ span: object.valueSpan(['kind'])!, message: `${object.label} is a bare Pod: nothing recreates it if its node fails or it is deleted.` });
  },
};

export const NAMESPACE_RULES: readonly Rule[] = [defaultNamespace, kubeSystemNamespace, namespacePssLabelMissing, nakedPod];
