/** PSS restricted `runAsNonRoot` and `runAsUser`: the pod must not run its processes as root. */
import { containerLabel } from '../../document/workloads';
import type { Rule } from '../rule';
import { capitalize, isSet, podAnchor, securitySites, usesUserNamespace } from './anchors';

export const runAsNonRoot: Rule = {
  id: 'run-as-non-root',
  title: 'Not required to run as non-root',
  category: 'pod-security',
  severity: 'warning',
  enabledByDefault: true,
  description:
    'Requires `securityContext.runAsNonRoot: true` at pod level, or in every container that does not inherit it; an explicit `false` anywhere is a violation. Containers inherit the pod-level setting. From policy v1.35 pods with `hostUsers: false` are exempt.',
  rationale:
    'Containers run as the image\'s user, which is root for most images. runAsNonRoot makes the kubelet refuse to start a container whose user is UID 0, so a misbuilt image cannot silently run as root.',
  remediation: 'Set securityContext.runAsNonRoot to true at pod level (and remove any container-level false).',
  reads: ['spec.securityContext.runAsNonRoot', 'spec.{initContainers,containers,ephemeralContainers}[*].securityContext.runAsNonRoot', 'spec.hostUsers'],
  concepts: ['SEC-RUN-AS-NONROOT'],
  pss: { check: 'runAsNonRoot', level: 'restricted', since: 0, control: 'Running as Non-root' },
  peers: { polaris: 'runAsRootAllowed', 'kube-linter': 'run-as-non-root', kubesec: 'RunAsNonRoot', kubescape: 'C-0013', trivy: 'KSV-0012', checkov: 'CKV_K8S_23' },
  appliesTo: 'workloads',
  check({ object, pod, policy, report }) {
    if (!pod) return;
    if (policy.minor >= 35 && usesUserNamespace(pod)) return;
    const podPath = [...pod.specPath, 'securityContext', 'runAsNonRoot'];
    // As PSA: `runAsNonRoot:` with no value decodes to nil, i.e. unset, and is inherited like a missing key.
    const podSet = isSet(object, podPath);
    const podValue = object.value(podPath);
    const podFix = { title: 'Set runAsNonRoot: true on the pod', safe: true, intents: [{ op: 'set' as const, path: podPath, value: true }] };
    if (podSet && podValue !== true) {
      report({ span: object.pairSpan(podPath)!, message: `${object.label} sets runAsNonRoot: ${String(podValue)} at pod level; it must be true.`, fix: podFix });
    }
    const implicit: string[] = [];
    for (const c of pod.containers) {
      const path = ['securityContext', 'runAsNonRoot'];
      if (isSet(object, path, c.node)) {
        const v = object.value(path, c.node);
        if (v !== true) {
          report({
            span: object.pairSpan(path, c.node)!,
            container: c,
            message: `${capitalize(containerLabel(c))} sets runAsNonRoot: ${String(v)}; it must be true.`,
            fix: { title: 'Set runAsNonRoot: true', safe: true, intents: [{ op: 'set', path: [...c.path, ...path], value: true }] },
          });
        }
      } else if (podValue !== true) {
        implicit.push(containerLabel(c));
      }
    }
    // Containers that inherit an unset pod-level value: one finding at pod level, where one edit fixes them all.
    if (implicit.length > 0 && !podSet) {
      report({
        span: object.keySpan(podPath) ?? podAnchor(pod),
        message: `${object.label} must set securityContext.runAsNonRoot: true at pod level (not set for ${implicit.join(', ')}).`,
        fix: podFix,
      });
    }
  },
};

/** The distroless `nonroot` UID: a common non-root choice; a process needs no /etc/passwd entry to run as it. */
const NON_ROOT_UID = 65532;

export const runAsRootUser: Rule = {
  id: 'run-as-root-user',
  title: 'Runs as UID 0 (root)',
  category: 'pod-security',
  severity: 'warning',
  enabledByDefault: true,
  description:
    'Flags `securityContext.runAsUser: 0` at pod level or in any container (init and ephemeral included). Each explicit 0 is a violation, even when a container overrides the pod value. From policy v1.35 pods with `hostUsers: false` are exempt.',
  rationale:
    'runAsUser: 0 starts the container process as root, which defeats runAsNonRoot and gives any exploit root inside the container: write access to the image, the ability to use every capability the container keeps, and a much shorter path to the node.',
  remediation: 'Set runAsUser to a non-zero UID (for example 65532) or remove it and run as a non-root image user.',
  reads: ['spec.securityContext.runAsUser', 'spec.{initContainers,containers,ephemeralContainers}[*].securityContext.runAsUser', 'spec.hostUsers'],
  concepts: ['SEC-RUN-AS-UID0'],
  pss: { check: 'runAsUser', level: 'restricted', since: 23, control: 'Running as Non-root user' },
  peers: { polaris: 'runAsRootAllowed', 'kube-linter': 'run-as-non-root', kubescape: 'C-0013', trivy: 'KSV-0105' },
  appliesTo: 'workloads',
  check({ object, pod, policy, report }) {
    if (!pod || (policy.minor >= 35 && usesUserNamespace(pod))) return;
    for (const site of securitySites(pod)) {
      const path = ['securityContext', 'runAsUser'];
      if (object.value(path, site.node) !== 0) continue;
      report({
        span: object.pairSpan(path, site.node)!,
        container: site.container,
        message: `${site.subject} runs as root (runAsUser: 0${site.container ? '' : ' at pod level'}); use a non-zero UID.`,
        // A UID the image does not know may break file permissions inside it, so this is not a fix-all edit.
        fix: { title: `Set runAsUser: ${NON_ROOT_UID}`, safe: false, intents: [{ op: 'set', path: [...site.path, ...path], value: NON_ROOT_UID }] },
      });
    }
  },
};
