/**
 * NetworkPolicy coverage (catalog group J): workloads no policy selects, namespaces without a default
 * deny, policies that allow everything or select nothing. These read the whole workspace, which is not
 * the cluster: they speak only where the workspace shows the team uses NetworkPolicies, and say "in
 * the workspace" in every message.
 */
import type { K8sObject } from '../../document/k8sObject';
import { asSeq } from '../../document/yamlNodes';
import type { Rule } from '../rule';
import {
  DIRECTIONS,
  describeSelector,
  isNetworkPolicy,
  mayShareNamespace,
  networkPolicies,
  sharingNamespace,
  otherPolicyEngine,
  policyTypes,
  readSelector,
  selects,
  workloads,
  type Direction,
} from './networkPolicyFacts';
import { entries } from './podFacts';

/** Namespaces Kubernetes creates for itself: their network policy is the cluster admin's business. */
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

const OPENNESS: Readonly<Record<string, string>> = {
  'Ingress,Egress': 'they accept connections from any pod (and, through Services, from outside the cluster) and can connect anywhere',
  Ingress: 'they accept connections from any pod and, through Services, from outside the cluster',
  Egress: 'they can connect to any address, the cloud metadata API and other namespaces included',
};

function directionWords(ds: readonly Direction[]): string {
  return ds.map((d) => d.toLowerCase()).join(' and ');
}

function namespaceWords(ns: string | undefined): string {
  return ns === undefined ? 'this namespace' : `namespace ${ns}`;
}

/** The directions checked in a namespace: both when required, else those some policy of the namespace isolates. */
function directionsInUse(namespace: string | undefined, required: boolean, policies: ReturnType<typeof networkPolicies>): Direction[] {
  if (required) return [...DIRECTIONS];
  const near = sharingNamespace(policies, namespace);
  return DIRECTIONS.filter((d) => near.some((p) => p.namespace === namespace && p.types.has(d)));
}

export const NETWORK_POLICY_MISSING = 'network-policy-missing';
export const DEFAULT_DENY_MISSING = 'namespace-default-deny-missing';

export const networkPolicyMissing: Rule = {
  id: NETWORK_POLICY_MISSING,
  title: 'Workload selected by no NetworkPolicy',
  category: 'network',
  severity: 'information',
  enabledByDefault: true,
  description:
    'Flags workloads whose pods no NetworkPolicy in the workspace selects, for ingress or egress, in namespaces that use NetworkPolicies (some policy of the namespace isolates that direction for other pods). With `kubeguard.networkPolicy.required` (or `networkPolicy.required` in .kubeguard.yaml) every namespace is checked in both directions. Pods with hostNetwork, which NetworkPolicies do not govern, are skipped, and so is everything when the workspace holds Cilium, Calico, Antrea or admin network policies, which KubeGuard does not evaluate.',
  rationale:
    'Pods that no NetworkPolicy selects accept connections from every pod of the cluster (and from outside it through a Service) and can connect anywhere: one compromised pod reaches databases, the cloud metadata API and other tenants. In a namespace that uses NetworkPolicies, an unselected workload is usually one added later and missed, and its openness goes unnoticed because its neighbours are locked down.',
  remediation:
    'Add a NetworkPolicy whose podSelector matches the pod labels (the "Generate NetworkPolicy" quick-fix writes one from what the workspace shows), or a default-deny policy for the namespace.',
  reads: ['spec.template.metadata.labels', 'metadata.namespace', 'spec.hostNetwork', 'NetworkPolicy.spec.podSelector', 'NetworkPolicy.spec.policyTypes'],
  concepts: ['NET-NO-POLICY-WORKLOAD'],
  codeActions: ['Generate NetworkPolicy for …', 'Add default-deny NetworkPolicy for namespace …'],
  peers: { polaris: 'missingNetworkPolicy', 'kube-linter': 'non-isolated-pod', 'kube-score': 'pod-networkpolicy', kubescape: 'C-0030, C-0260', checkov: 'CKV2_K8S_6' },
  defaultsNote:
    'Information, and only in namespaces whose NetworkPolicies show that the team uses them, per direction: policies may be applied from elsewhere, and a namespace without any is reported once, by namespace-default-deny-missing, when you ask for it with kubeguard.networkPolicy.required.',
  appliesTo: 'workloads',
  check({ object, pod, workspace, settings, report }) {
    if (!pod || object.kind === 'PodTemplate' || (pod.spec && object.value(['hostNetwork'], pod.spec) === true)) return;
    if (otherPolicyEngine(workspace)) return;
    const policies = networkPolicies(workspace);
    const ns = object.namespace;
    const checked = directionsInUse(ns, settings.networkPolicyRequired === true, policies);
    if (checked.length === 0) return;
    const labels = object.stringMap([...pod.metadataPath, 'labels']);
    const applicable = sharingNamespace(policies, ns).filter((p) => selects(p.podSelector, labels));
    const missing = checked.filter((d) => !applicable.some((p) => p.types.has(d)));
    if (missing.length === 0) return;
    const context =
      settings.networkPolicyRequired === true
        ? ' (networkPolicy.required is set)'
        : `, though other NetworkPolicies of ${namespaceWords(ns)} do`;
    report({
      span: object.keySpan([...pod.metadataPath, 'labels']) ?? object.keySpan(pod.metadataPath) ?? object.valueSpan(['kind'])!,
      message: `No NetworkPolicy in the workspace selects the pods of ${object.label} for ${directionWords(missing)}${context}: ${OPENNESS[missing.join(',')]}.`,
      fix: null,
    });
  },
};

export const namespaceDefaultDenyMissing: Rule = {
  id: DEFAULT_DENY_MISSING,
  title: 'Namespace without a default-deny NetworkPolicy',
  category: 'network',
  severity: 'information',
  enabledByDefault: true,
  description:
    'Flags Namespace manifests whose namespace has workloads in the workspace but no NetworkPolicy selecting every pod (`podSelector: {}`) for ingress or egress, when the namespace uses NetworkPolicies in that direction (or `kubeguard.networkPolicy.required` is set, then both directions are checked). System namespaces are skipped, and so is everything when the workspace holds Cilium, Calico, Antrea or admin network policies.',
  rationale:
    'NetworkPolicies are allow-lists only for the pods they select; every other pod stays open. A default deny (`podSelector: {}` with no rules) closes the namespace so that a new workload is isolated until a policy allows its traffic, instead of being silently open until someone writes one.',
  remediation: 'Add a NetworkPolicy with podSelector: {} and policyTypes [Ingress, Egress] to the namespace (the "Add default-deny NetworkPolicy" quick-fix writes one that keeps DNS open).',
  reads: ['Namespace.metadata.name', 'NetworkPolicy.spec.podSelector', 'NetworkPolicy.spec.policyTypes', '<workload>.metadata.namespace'],
  concepts: ['NET-NO-POLICY-NAMESPACE'],
  codeActions: ['Add default-deny NetworkPolicy for namespace …'],
  peers: { kubescape: 'C-0206, C-0054, C-0049' },
  defaultsNote:
    'Information, and only where the namespace already uses NetworkPolicies in that direction: a namespace without any may be protected by policies applied from elsewhere. Set kubeguard.networkPolicy.required to report every namespace with workloads.',
  appliesTo: ['Namespace'],
  check({ object, workspace, settings, report }) {
    const ns = object.name;
    if (object.apiVersion !== 'v1' || ns === undefined || SYSTEM_NAMESPACES.has(ns) || otherPolicyEngine(workspace)) return;
    const count = workloads(workspace).filter((w) => w.namespace === ns).length;
    if (count === 0) return;
    const policies = networkPolicies(workspace);
    const checked = directionsInUse(ns, settings.networkPolicyRequired === true, policies);
    const denies = policies.filter((p) => mayShareNamespace(p.namespace, ns) && p.podSelector.empty);
    const missing = checked.filter((d) => !denies.some((p) => p.types.has(d)));
    if (missing.length === 0) return;
    report({
      span: object.valueSpan(['metadata', 'name'])!,
      message: `Namespace ${ns} has ${count} workload${count > 1 ? 's' : ''} in the workspace but no NetworkPolicy in the workspace denies ${directionWords(missing)} by default: pods that no other policy selects stay open.`,
    });
  },
};

/** `ingress` rules and their peers (`from`), or `egress` rules and theirs (`to`). */
const RULE_LISTS = [
  { field: 'ingress', peers: 'from', type: 'Ingress' as const, word: 'ingress', what: 'from every source' },
  { field: 'egress', peers: 'to', type: 'Egress' as const, word: 'egress', what: 'to every destination' },
];

function isEmptySeqOrMissing(obj: K8sObject, path: (string | number)[]): boolean {
  const seq = asSeq(obj.get(path));
  return seq ? seq.items.length === 0 : obj.get(path) === undefined || obj.value(path) === null;
}

export const networkPolicyAllowsAll: Rule = {
  id: 'network-policy-allows-all',
  title: 'NetworkPolicy without selectors',
  category: 'network',
  severity: 'information',
  enabledByDefault: true,
  description:
    'Flags NetworkPolicies without `spec.podSelector` (which the API reads as `{}`: every pod of the namespace), and ingress or egress rules with neither peers (`from` / `to`) nor `ports`, which allow all traffic in that direction and so undo the policy for it.',
  rationale:
    'A rule with no peer selectors and no ports matches every connection: whatever the rest of the policy says, the selected pods are open in that direction. A missing podSelector silently widens a policy to every pod of the namespace. Both are easy to write by accident (an empty list item, a dropped key) and look restrictive at a glance.',
  remediation: 'Give the rule from/to selectors (podSelector, namespaceSelector or ipBlock) or ports, and write spec.podSelector explicitly.',
  reads: ['NetworkPolicy.spec.podSelector', 'NetworkPolicy.spec.ingress[*].from', 'NetworkPolicy.spec.ingress[*].ports', 'NetworkPolicy.spec.egress[*].to', 'NetworkPolicy.spec.egress[*].ports'],
  concepts: ['NET-POLICY-NOSELECTOR'],
  peers: { trivy: 'KSV-0038' },
  defaultsNote: 'Information: an allow-all rule is sometimes deliberate (a public endpoint); suppress it there with a reason.',
  appliesTo: ['NetworkPolicy'],
  check({ object, report }) {
    if (!isNetworkPolicy(object)) return;
    if (!object.has(['spec', 'podSelector'])) {
      report({
        span: object.keySpan(['spec']) ?? object.valueSpan(['kind'])!,
        message: `${object.label} has no spec.podSelector, which the API reads as {}: it applies to every pod of ${namespaceWords(object.namespace)}.`,
        fix: { title: 'Write podSelector: {} explicitly', safe: true, intents: [{ op: 'set', path: ['spec', 'podSelector'], value: {} }] },
      });
    }
    const types = policyTypes(object);
    for (const list of RULE_LISTS) {
      if (!types.has(list.type)) continue;
      for (const rule of entries(object, ['spec', list.field])) {
        const base: (string | number)[] = ['spec', list.field, rule.index];
        if (!isEmptySeqOrMissing(object, [...base, list.peers]) || !isEmptySeqOrMissing(object, [...base, 'ports'])) continue;
        report({
          span: rule.span,
          message: `${list.word.charAt(0).toUpperCase()}${list.word.slice(1)} rule ${rule.index + 1} of ${object.label} has no ${list.peers} and no ports: it allows all ${list.word} ${list.what}, so the policy does not restrict ${list.word}.`,
        });
      }
    }
  },
};

export const networkPolicySelectsNothing: Rule = {
  id: 'network-policy-selects-nothing',
  title: 'NetworkPolicy selects no workload',
  category: 'network',
  severity: 'information',
  enabledByDefault: true,
  description:
    "Flags NetworkPolicies whose podSelector matches no workload of the workspace in the policy's namespace, and same-namespace peers (`from` / `to` entries with a podSelector and no namespaceSelector) that match none. Only namespaces with workloads in the workspace are checked, and selectors that cannot be evaluated are left alone.",
  rationale:
    'A policy whose selector matches nothing protects nothing, usually because of a typo or a label renamed on one side: the workload it was written for stays open while the policy looks like it covers it. A peer selector that matches nothing silently blocks the traffic the rule was meant to allow.',
  remediation: 'Make the selector match the pod template labels of the workload it is meant for.',
  reads: ['NetworkPolicy.spec.podSelector', 'NetworkPolicy.spec.ingress[*].from[*].podSelector', 'NetworkPolicy.spec.egress[*].to[*].podSelector', '<workload>.spec.template.metadata.labels'],
  concepts: ['NET-POLICY-DANGLING'],
  peers: { 'kube-linter': 'dangling-networkpolicy, dangling-networkpolicypeer-podselector', 'kube-score': 'networkpolicy-targets-pod', kubescape: 'C-0299' },
  defaultsNote: 'Information, and only for namespaces that have workloads in the workspace: pods deployed from elsewhere (another repository, a Helm chart) are invisible here.',
  appliesTo: ['NetworkPolicy'],
  check({ object, workspace, report }) {
    if (!isNetworkPolicy(object)) return;
    const ns = object.namespace;
    const all = workloads(workspace);
    const candidates = sharingNamespace(all, ns);
    if (!candidates.some((w) => w.namespace === ns)) return;
    const matchesNone = (path: (string | number)[]): string | undefined => {
      const selector = readSelector(object, path);
      if (selector.empty || selector.uncertain || candidates.some((w) => selects(selector, w.labels))) return undefined;
      return describeSelector(selector);
    };
    const own = matchesNone(['spec', 'podSelector']);
    if (own !== undefined) {
      report({
        span: object.keySpan(['spec', 'podSelector'])!,
        message: `${object.label} selects no workload of the workspace in ${namespaceWords(ns)} (podSelector ${own}): it protects nothing here.`,
      });
    }
    for (const list of RULE_LISTS) {
      for (const rule of entries(object, ['spec', list.field])) {
        for (const peer of entries(object, ['spec', list.field, rule.index, list.peers])) {
          const base = ['spec', list.field, rule.index, list.peers, peer.index];
          if (!peer.node || object.has([...base, 'namespaceSelector']) || !object.has([...base, 'podSelector'])) continue;
          const peerSelector = matchesNone([...base, 'podSelector']);
          if (peerSelector === undefined) continue;
          report({
            span: object.keySpan([...base, 'podSelector'])!,
            message: `The ${list.peers} podSelector ${peerSelector} of ${list.word} rule ${rule.index + 1} of ${object.label} matches no workload of the workspace in ${namespaceWords(ns)}: the rule allows ${list.word} ${list.peers} nothing there.`,
          });
        }
      }
    }
  },
};

export const NETWORK_POLICY_RULES: readonly Rule[] = [networkPolicyMissing, namespaceDefaultDenyMissing, networkPolicyAllowsAll, networkPolicySelectsNothing];

/** Rules whose findings the NetworkPolicy generation actions resolve (they are offered on these diagnostics). */
export const NETWORK_COVERAGE_RULE_IDS: readonly string[] = [NETWORK_POLICY_MISSING, DEFAULT_DENY_MISSING];
