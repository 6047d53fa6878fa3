/** PSS baseline `privileged` and restricted `allowPrivilegeEscalation`: per-container privilege. */
import { containerLabel } from '../../document/workloads';
import type { Rule } from '../rule';
import { capitalize, containerAnchor, isWindowsPod } from './anchors';

export const privilegedContainer: Rule = {
  id: 'privileged-container',
  title: 'Privileged container',
  category: 'pod-security',
  severity: 'error',
  enabledByDefault: true,
  description: 'Flags containers (including init and ephemeral containers) with `securityContext.privileged: true`.',
  rationale:
    'A privileged container runs with all capabilities and direct access to host devices; escaping to the node from it is trivial. It disables almost every other isolation mechanism Kubernetes applies.',
  remediation: 'Set securityContext.privileged to false, or remove it, and grant only the specific capabilities the process needs.',
  reads: ['spec.{initContainers,containers,ephemeralContainers}[*].securityContext.privileged'],
  concepts: ['SEC-PRIVILEGED'],
  pss: { check: 'privileged', level: 'baseline', since: 0, control: 'Privileged Containers' },
  peers: { polaris: 'runAsPrivileged', 'kube-linter': 'privileged-container', 'kube-score': 'container-security-context-privileged', kubesec: 'Privileged', kubescape: 'C-0057', trivy: 'KSV-0017', checkov: 'CKV_K8S_16' },
  fix: { title: 'Set privileged: false', scope: 'container', safe: true, intents: [{ op: 'set', path: ['securityContext', 'privileged'], value: false }] },
  appliesTo: 'workloads',
  check({ object, pod, report }) {
    for (const c of pod?.containers ?? []) {
      if (object.value(['securityContext', 'privileged'], c.node) !== true) continue;
      report({ span: object.pairSpan(['securityContext', 'privileged'], c.node)!, container: c, message: `${capitalize(containerLabel(c))} runs privileged.` });
    }
  },
};

export const allowPrivilegeEscalation: Rule = {
  id: 'allow-privilege-escalation',
  title: 'Privilege escalation not disabled',
  category: 'pod-security',
  severity: 'warning',
  enabledByDefault: true,
  description:
    'Requires every container to set `securityContext.allowPrivilegeEscalation: false` explicitly; unset counts as allowed, as in PSS restricted. Windows pods are exempt from policy v1.25.',
  rationale:
    'With privilege escalation allowed, a process can gain more privileges than its parent through setuid binaries or file capabilities (the no_new_privs flag is not set), turning a foothold in the container into root inside it.',
  remediation: 'Set securityContext.allowPrivilegeEscalation to false in every container.',
  reads: ['spec.{initContainers,containers,ephemeralContainers}[*].securityContext.allowPrivilegeEscalation', 'spec.os.name'],
  concepts: ['SEC-PRIV-ESCALATION'],
  pss: { check: 'allowPrivilegeEscalation', level: 'restricted', since: 8, control: 'Privilege Escalation' },
  peers: { polaris: 'privilegeEscalationAllowed', 'kube-linter': 'privilege-escalation-container', kubesec: 'AllowPrivilegeEscalation', kubescape: 'C-0016', trivy: 'KSV-0001', checkov: 'CKV_K8S_20' },
  fix: { title: 'Set allowPrivilegeEscalation: false', scope: 'container', safe: true, intents: [{ op: 'set', path: ['securityContext', 'allowPrivilegeEscalation'], value: false }] },
  appliesTo: 'workloads',
  check({ object, pod, policy, report }) {
    if (!pod || (policy.minor >= 25 && isWindowsPod(pod))) return;
    for (const c of pod.containers) {
      const path = ['securityContext', 'allowPrivilegeEscalation'];
      const value = object.value(path, c.node);
      if (value === false) continue;
      const explicit = object.has(path, c.node);
      // The API server rejects allowPrivilegeEscalation: false on a privileged container, so the fix for a
      // privileged one must also turn privileged off; otherwise the "fixed" manifest no longer applies.
      const privileged = object.value(['securityContext', 'privileged'], c.node) === true;
      report({
        span: explicit ? object.pairSpan(path, c.node)! : containerAnchor(object, c),
        container: c,
        ...(privileged
          ? {
              fix: {
                title: 'Set allowPrivilegeEscalation: false and privileged: false',
                safe: true,
                intents: [
                  { op: 'set', path: [...c.path, 'securityContext', 'privileged'], value: false },
                  { op: 'set', path: [...c.path, ...path], value: false },
                ],
              },
            }
          : {}),
        message: explicit
          ? `${capitalize(containerLabel(c))} allows privilege escalation (allowPrivilegeEscalation: ${String(value)}); it must be false.`
          : `${capitalize(containerLabel(c))} must set securityContext.allowPrivilegeEscalation: false.`,
      });
    }
  },
};
