/** Cluster-wide pod policies other than Pod Security admission: PodSecurityPolicy (removed) and OpenShift SCCs. */
import type { Rule } from '../rule';
import { stringEntries } from './podFacts';

export const podSecurityPolicy: Rule = {
  id: 'pod-security-policy',
  title: 'PodSecurityPolicy is removed',
  category: 'api',
  severity: 'warning',
  enabledByDefault: true,
  description:
    'Flags PodSecurityPolicy objects (policy/v1beta1 or extensions/v1beta1) and names the permissive settings they grant (privileged, host namespaces, hostPath or any volume, privilege escalation, any user).',
  rationale:
    'PodSecurityPolicy was removed in Kubernetes v1.25: a cluster that runs a current version ignores the object entirely, so a manifest that still relies on it enforces nothing. Pod Security admission, configured by namespace labels, is its built-in replacement.',
  remediation: 'Delete the PodSecurityPolicy and label the namespaces with pod-security.kubernetes.io/enforce (baseline or restricted) instead.',
  reads: ['kind', 'spec.{privileged,hostNetwork,hostPID,hostIPC,allowPrivilegeEscalation,volumes,runAsUser.rule}'],
  concepts: ['MISC-PSP'],
  peers: { kubescape: 'C-0214..C-0220, C-0068', checkov: 'CKV_K8S_1..7, 24, 32, 36' },
  appliesTo: ['PodSecurityPolicy'],
  check({ object, report }) {
    const grants: string[] = [];
    if (object.value(['spec', 'privileged']) === true) grants.push('privileged containers');
    for (const f of ['hostNetwork', 'hostPID', 'hostIPC']) if (object.value(['spec', f]) === true) grants.push(f);
    const volumes = stringEntries(object, ['spec', 'volumes']);
    if (volumes.includes('*')) grants.push('any volume type');
    else if (volumes.includes('hostPath')) grants.push('hostPath volumes');
    if (object.value(['spec', 'allowPrivilegeEscalation']) !== false) grants.push('privilege escalation');
    if (object.value(['spec', 'runAsUser', 'rule']) === 'RunAsAny') grants.push('any user, root included');
    report({
      span: object.valueSpan(['kind'])!,
      message: `PodSecurityPolicy ${object.name ?? '(unnamed)'} is ignored since Kubernetes v1.25${grants.length > 0 ? ` (and it allows ${grants.join(', ')})` : ''}; enforce Pod Security Standards with namespace labels.`,
    });
  },
};

export const sccPrivilegedContainer: Rule = {
  id: 'scc-privileged-container',
  title: 'OpenShift SCC allows privileged containers',
  category: 'pod-security',
  severity: 'warning',
  enabledByDefault: true,
  description: 'Flags OpenShift SecurityContextConstraints with `allowPrivilegedContainer: true`.',
  rationale:
    'Every pod whose ServiceAccount (or user) may use this SCC can run privileged containers: all capabilities, host devices, no confinement, and from there the node. Privileged SCCs should be limited to a few infrastructure accounts.',
  remediation: 'Set allowPrivilegedContainer to false, or restrict who may use this SCC to the infrastructure accounts that need it.',
  reads: ['allowPrivilegedContainer'],
  concepts: ['MISC-OPENSHIFT-SCC'],
  peers: { 'kube-linter': 'scc-deny-privileged-container' },
  fix: { title: 'Set allowPrivilegedContainer: false', scope: 'object', safe: false, intents: [{ op: 'set', path: ['allowPrivilegedContainer'], value: false }] },
  appliesTo: ['SecurityContextConstraints'],
  check({ object, report }) {
    if (object.value(['allowPrivilegedContainer']) !== true) return;
    report({ span: object.pairSpan(['allowPrivilegedContainer'])!, message: `SecurityContextConstraints ${object.name ?? '(unnamed)'} allows privileged containers.` });
  },
};

export const CLUSTER_POLICY_RULES: readonly Rule[] = [podSecurityPolicy, sccPrivilegedContainer];
