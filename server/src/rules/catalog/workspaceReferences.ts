/**
 * Cross-object references the workspace can check: a serviceAccountName naming no ServiceAccount, and
 * a namespace without LimitRange or ResourceQuota. The workspace is not the cluster, so both speak only
 * when the workspace evidently manages those objects, and say "in the workspace".
 */
import type { K8sObject } from '../../document/k8sObject';
import type { Rule } from '../rule';

/** Namespaces Kubernetes creates for itself. */
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

function inNamespace(ns: string | undefined): string {
  return ns === undefined ? 'the same namespace' : `namespace ${ns}`;
}

export const serviceAccountMissing: Rule = {
  id: 'service-account-missing',
  title: 'ServiceAccount not found in the workspace',
  category: 'service-accounts',
  severity: 'warning',
  enabledByDefault: true,
  description:
    "Flags a workload's serviceAccountName (or deprecated serviceAccount) naming a ServiceAccount that is not in the workspace, when the workspace does define ServiceAccounts for that namespace (otherwise they are evidently created elsewhere and the rule stays silent). `default` always exists and is never reported.",
  rationale:
    'Pods cannot be created with a ServiceAccount that does not exist: the Deployment rolls out nothing and the error only shows in controller events. Where the ServiceAccounts of a namespace live next to its workloads, a name that matches none of them is almost always a typo or a rename that missed one side.',
  remediation: 'Correct the name, or add the ServiceAccount manifest next to the workload.',
  reads: ['spec.serviceAccountName', 'spec.serviceAccount', 'ServiceAccount.metadata.name', 'ServiceAccount.metadata.namespace'],
  concepts: ['SEC-SA-MISSING'],
  peers: { 'kube-linter': 'non-existent-service-account', kubescape: 'C-0307' },
  appliesTo: 'workloads',
  check({ object, pod, workspace, report }) {
    if (!pod?.spec || object.kind === 'PodTemplate') return;
    const field = object.has(['serviceAccountName'], pod.spec) ? 'serviceAccountName' : object.has(['serviceAccount'], pod.spec) ? 'serviceAccount' : undefined;
    const name = field ? object.value([field], pod.spec) : undefined;
    // `default` always exists; a templated name (`${SA}`, `<name>`) is filled in later and cannot be judged.
    if (typeof name !== 'string' || name === '' || name === 'default' || /[${}<>]/.test(name)) return;
    const ns = object.namespace;
    const accounts = workspace.objectsOfKind('ServiceAccount').filter((sa) => sa.apiVersion === 'v1' && sa.name !== undefined);
    const managed = accounts.filter((sa) => sa.namespace === ns);
    if (managed.length === 0) return;
    // A manifest without a namespace may be applied to any: it can be the one referenced.
    if (accounts.some((sa) => sa.name === name && (sa.namespace === ns || sa.namespace === undefined || ns === undefined))) return;
    const known = managed.map((sa) => sa.name!).sort();
    const shown = known.length > 3 ? `${known.slice(0, 3).join(', ')}, …` : known.join(', ');
    report({
      span: object.valueSpan([...pod.specPath, field!])!,
      message: `ServiceAccount ${name} is not defined in the workspace, which defines ${known.length === 1 ? 'ServiceAccount' : 'ServiceAccounts'} ${shown} for ${inNamespace(ns)}: unless it is created elsewhere, the pods of ${object.label} cannot be created.`,
    });
  },
};

function coversNamespace(o: K8sObject, ns: string): boolean {
  return o.apiVersion === 'v1' && (o.namespace === ns || o.namespace === undefined);
}

export const namespaceWithoutResourceLimits: Rule = {
  id: 'namespace-without-resource-limits',
  title: 'Namespace without LimitRange or ResourceQuota',
  category: 'resources',
  severity: 'information',
  enabledByDefault: false,
  description:
    'Flags Namespace manifests for which the workspace has neither a LimitRange nor a ResourceQuota (system namespaces are skipped; a LimitRange or ResourceQuota without a namespace counts for every namespace, since it may be applied to any).',
  rationale:
    'Without a LimitRange, containers that set no limits may use a whole node\'s memory and CPU; without a ResourceQuota, one team or one runaway controller can exhaust the cluster. Either gives the namespace a ceiling that containers cannot forget to set.',
  remediation: 'Add a LimitRange with default requests and limits, and a ResourceQuota sized for the namespace.',
  reads: ['Namespace.metadata.name', 'LimitRange.metadata.namespace', 'ResourceQuota.metadata.namespace'],
  concepts: ['RES-NS-LIMITRANGE'],
  peers: { trivy: 'KSV-0039, KSV-0040' },
  defaultsNote: 'Off by default: quotas and limit ranges are often managed by the platform team outside the application repository, where the workspace cannot see them.',
  appliesTo: ['Namespace'],
  check({ object, workspace, report }) {
    const ns = object.name;
    if (object.apiVersion !== 'v1' || ns === undefined || SYSTEM_NAMESPACES.has(ns)) return;
    if (['LimitRange', 'ResourceQuota'].some((k) => workspace.objectsOfKind(k).some((o) => coversNamespace(o, ns)))) return;
    report({
      span: object.valueSpan(['metadata', 'name'])!,
      message: `Namespace ${ns} has no LimitRange and no ResourceQuota in the workspace: its containers can use whole nodes and the namespace the whole cluster.`,
    });
  },
};

export const WORKSPACE_REFERENCE_RULES: readonly Rule[] = [serviceAccountMissing, namespaceWithoutResourceLimits];
