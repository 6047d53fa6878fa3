/**
 * Removed API versions, from the Kubernetes deprecated API migration guide
 * (kubernetes.io/docs/reference/using-api/deprecation-guide). A quick-fix renames `apiVersion` only where
 * the guide lists no schema change that the manifest uses; where defaults change it is offered but not
 * applied by fix-all.
 */
import { isMap } from 'yaml';
import type { K8sObject } from '../../document/k8sObject';
import type { Rule } from '../rule';

interface Removal {
  readonly from: readonly string[];
  readonly kinds: readonly string[];
  /** Minor version of Kubernetes that stopped serving `from`. */
  readonly removed: number;
  readonly to: string;
  /** How the rename behaves: `safe` (no notable change), `defaults` (valid, but some defaults change), `none` (schema changes). */
  readonly rename: 'safe' | 'defaults' | 'none';
  /** Why this manifest cannot simply be renamed, if it cannot. */
  readonly blocker?: (obj: K8sObject) => string | undefined;
  readonly note?: string;
}

const needsSelector = (obj: K8sObject): string | undefined => (obj.has(['spec', 'selector']) ? undefined : 'apps/v1 requires spec.selector (use the template labels)');
const field = (path: string[], why: string) => (obj: K8sObject): string | undefined => (obj.has(path) ? why : undefined);

const REMOVALS: readonly Removal[] = [
  { from: ['extensions/v1beta1'], kinds: ['NetworkPolicy'], removed: 16, to: 'networking.k8s.io/v1', rename: 'safe' },
  {
    from: ['extensions/v1beta1', 'apps/v1beta2'],
    kinds: ['DaemonSet'],
    removed: 16,
    to: 'apps/v1',
    rename: 'defaults',
    blocker: (o) => needsSelector(o) ?? field(['spec', 'templateGeneration'], 'spec.templateGeneration no longer exists')(o),
    note: 'updateStrategy now defaults to RollingUpdate',
  },
  {
    from: ['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2'],
    kinds: ['Deployment'],
    removed: 16,
    to: 'apps/v1',
    rename: 'defaults',
    blocker: (o) => needsSelector(o) ?? field(['spec', 'rollbackTo'], 'spec.rollbackTo no longer exists')(o),
    note: 'progressDeadlineSeconds, revisionHistoryLimit and rolling-update surge defaults change',
  },
  { from: ['apps/v1beta1', 'apps/v1beta2'], kinds: ['StatefulSet'], removed: 16, to: 'apps/v1', rename: 'defaults', blocker: needsSelector, note: 'updateStrategy now defaults to RollingUpdate' },
  { from: ['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2'], kinds: ['ReplicaSet'], removed: 16, to: 'apps/v1', rename: 'defaults', blocker: needsSelector },
  {
    from: ['admissionregistration.k8s.io/v1beta1'],
    kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
    removed: 22,
    to: 'admissionregistration.k8s.io/v1',
    rename: 'none',
    note: 'sideEffects and admissionReviewVersions become required; failurePolicy, matchPolicy and timeoutSeconds defaults change',
  },
  { from: ['apiextensions.k8s.io/v1beta1'], kinds: ['CustomResourceDefinition'], removed: 22, to: 'apiextensions.k8s.io/v1', rename: 'none', note: 'schemas move under spec.versions[*] and must be structural' },
  { from: ['apiregistration.k8s.io/v1beta1'], kinds: ['APIService'], removed: 22, to: 'apiregistration.k8s.io/v1', rename: 'safe' },
  { from: ['authentication.k8s.io/v1beta1'], kinds: ['TokenReview'], removed: 22, to: 'authentication.k8s.io/v1', rename: 'safe' },
  {
    from: ['authorization.k8s.io/v1beta1'],
    kinds: ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SubjectAccessReview'],
    removed: 22,
    to: 'authorization.k8s.io/v1',
    rename: 'safe',
    blocker: field(['spec', 'group'], 'spec.group is renamed spec.groups'),
  },
  { from: ['certificates.k8s.io/v1beta1'], kinds: ['CertificateSigningRequest'], removed: 22, to: 'certificates.k8s.io/v1', rename: 'none', note: 'spec.signerName and spec.usages become required' },
  { from: ['coordination.k8s.io/v1beta1'], kinds: ['Lease'], removed: 22, to: 'coordination.k8s.io/v1', rename: 'safe' },
  { from: ['extensions/v1beta1', 'networking.k8s.io/v1beta1'], kinds: ['Ingress'], removed: 22, to: 'networking.k8s.io/v1', rename: 'none', note: 'backends become service.name/service.port and pathType is required' },
  { from: ['networking.k8s.io/v1beta1'], kinds: ['IngressClass'], removed: 22, to: 'networking.k8s.io/v1', rename: 'safe' },
  { from: ['rbac.authorization.k8s.io/v1beta1'], kinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], removed: 22, to: 'rbac.authorization.k8s.io/v1', rename: 'safe' },
  { from: ['scheduling.k8s.io/v1beta1'], kinds: ['PriorityClass'], removed: 22, to: 'scheduling.k8s.io/v1', rename: 'safe' },
  { from: ['storage.k8s.io/v1beta1'], kinds: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], removed: 22, to: 'storage.k8s.io/v1', rename: 'safe' },
  { from: ['batch/v1beta1'], kinds: ['CronJob'], removed: 25, to: 'batch/v1', rename: 'safe' },
  { from: ['discovery.k8s.io/v1beta1'], kinds: ['EndpointSlice'], removed: 25, to: 'discovery.k8s.io/v1', rename: 'none', note: 'endpoints[*].topology is replaced by nodeName and zone' },
  { from: ['events.k8s.io/v1beta1'], kinds: ['Event'], removed: 25, to: 'events.k8s.io/v1', rename: 'none', note: 'several fields are renamed or become required' },
  {
    from: ['autoscaling/v2beta1'],
    kinds: ['HorizontalPodAutoscaler'],
    removed: 25,
    to: 'autoscaling/v2',
    rename: 'safe',
    blocker: field(['spec', 'metrics'], 'metric targets move to target.type/averageUtilization'),
  },
  {
    from: ['policy/v1beta1'],
    kinds: ['PodDisruptionBudget'],
    removed: 25,
    to: 'policy/v1',
    rename: 'safe',
    // policy/v1 reads an empty selector as "every pod in the namespace"; v1beta1 read it as "none".
    blocker: (o) => {
      const sel = o.get(['spec', 'selector']);
      return isMap(sel) && sel.items.length === 0 ? 'an empty spec.selector selects every pod in policy/v1, none in v1beta1' : undefined;
    },
  },
  { from: ['node.k8s.io/v1beta1'], kinds: ['RuntimeClass'], removed: 25, to: 'node.k8s.io/v1', rename: 'safe' },
  { from: ['autoscaling/v2beta2'], kinds: ['HorizontalPodAutoscaler'], removed: 26, to: 'autoscaling/v2', rename: 'safe' },
  { from: ['flowcontrol.apiserver.k8s.io/v1beta1', 'flowcontrol.apiserver.k8s.io/v1beta2'], kinds: ['FlowSchema'], removed: 26, to: 'flowcontrol.apiserver.k8s.io/v1', rename: 'safe' },
  {
    from: ['flowcontrol.apiserver.k8s.io/v1beta1', 'flowcontrol.apiserver.k8s.io/v1beta2'],
    kinds: ['PriorityLevelConfiguration'],
    removed: 26,
    to: 'flowcontrol.apiserver.k8s.io/v1',
    rename: 'none',
    note: 'spec.limited.assuredConcurrencyShares is renamed nominalConcurrencyShares',
  },
  { from: ['storage.k8s.io/v1beta1'], kinds: ['CSIStorageCapacity'], removed: 27, to: 'storage.k8s.io/v1', rename: 'safe' },
  { from: ['flowcontrol.apiserver.k8s.io/v1beta3'], kinds: ['FlowSchema'], removed: 32, to: 'flowcontrol.apiserver.k8s.io/v1', rename: 'safe' },
  {
    from: ['flowcontrol.apiserver.k8s.io/v1beta3'],
    kinds: ['PriorityLevelConfiguration'],
    removed: 32,
    to: 'flowcontrol.apiserver.k8s.io/v1',
    rename: 'safe',
    blocker: (o) => (o.value(['spec', 'limited', 'nominalConcurrencyShares']) === 0 ? 'an explicit nominalConcurrencyShares: 0 is no longer raised to 30' : undefined),
  },
];

/** A row can list versions removed in different releases: flowcontrol v1beta1 went in v1.26, v1beta2 in v1.29. */
function removedIn(r: Removal, apiVersion: string): number {
  return apiVersion === 'flowcontrol.apiserver.k8s.io/v1beta2' ? 29 : r.removed;
}

export function findRemoval(apiVersion: string, kind: string): Removal | undefined {
  return REMOVALS.find((r) => r.from.includes(apiVersion) && r.kinds.includes(kind));
}

export const KINDS_WITH_REMOVED_VERSIONS: readonly string[] = [...new Set(REMOVALS.flatMap((r) => r.kinds))];

export const deprecatedApiVersion: Rule = {
  id: 'deprecated-api-version',
  title: 'Removed API version',
  category: 'api',
  severity: 'warning',
  enabledByDefault: true,
  description:
    'Flags objects whose `apiVersion` is no longer served by Kubernetes (v1.16 to v1.32 removals: extensions/v1beta1, apps/v1beta1/2, the v1beta1 RBAC, storage, scheduling, policy and batch APIs, autoscaling/v2beta1/2, flowcontrol v1beta1–3…), naming the release that removed it and the replacement. PodSecurityPolicy has its own rule.',
  rationale:
    'An API version that is no longer served cannot be applied: kubectl fails with "no matches for kind", and GitOps tools stall. Some replacements also change defaults or fields, so the migration is worth doing deliberately rather than during an upgrade incident.',
  remediation: 'Change apiVersion to the replacement and adapt the fields the migration guide lists for that kind.',
  reads: ['apiVersion', 'kind'],
  concepts: ['MISC-DEPRECATED-API'],
  peers: { 'kube-linter': 'no-extensions-v1beta', 'kube-score': 'stable-version', trivy: 'KSV-0107' },
  defaultsNote:
    'The quick-fix renames apiVersion only where the guide lists no schema change the manifest uses; where defaults change (apps/v1 workloads) it is offered but left out of fix-all; Ingress, CRDs, webhooks, CSRs, EndpointSlices and Events need edits beyond the rename and get no fix.',
  appliesTo: KINDS_WITH_REMOVED_VERSIONS,
  check({ object, report }) {
    const r = findRemoval(object.apiVersion, object.kind);
    if (!r) return;
    const blocker = r.rename === 'none' ? undefined : r.blocker?.(object);
    const canRename = r.rename !== 'none' && blocker === undefined;
    const details = [r.note, blocker].filter((s): s is string => s !== undefined);
    report({
      span: object.valueSpan(['apiVersion'])!,
      message: `${object.kind} ${object.apiVersion} was removed in Kubernetes v1.${removedIn(r, object.apiVersion)}; use ${r.to}${details.length > 0 ? ` (${details.join('; ')})` : ''}.`,
      fix: canRename ? { title: `Change apiVersion to ${r.to}`, safe: r.rename === 'safe', intents: [{ op: 'set', path: ['apiVersion'], value: r.to }] } : null,
    });
  },
};

export const API_VERSION_RULES: readonly Rule[] = [deprecatedApiVersion];
