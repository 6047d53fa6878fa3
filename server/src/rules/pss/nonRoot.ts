/** PSS restricted `runAsNonRoot`: the pod, or every container, must declare it runs as non-root. */
import { containerLabel } from '../../document/workloads';
import type { Rule } from '../rule';
import { podAnchor, usesUserNamespace } from './anchors';
import { capitalize } from './privilege';

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
    const podValue = object.value(podPath);
    const podFix = { title: 'Set runAsNonRoot: true on the pod', safe: true, intents: [{ op: 'set' as const, path: podPath, value: true }] };
    if (object.has(podPath) && podValue !== true) {
      report({ span: object.pairSpan(podPath)!, message: `${object.label} sets runAsNonRoot: ${String(podValue)} at pod level; it must be true.`, fix: podFix });
    }
    const implicit: string[] = [];
    for (const c of pod.containers) {
      const path = ['securityContext', 'runAsNonRoot'];
      if (object.has(path, c.node)) {
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
    if (implicit.length > 0 && !object.has(podPath)) {
      report({
        span: podAnchor(pod),
        message: `${object.label} must set securityContext.runAsNonRoot: true at pod level (not set for ${implicit.join(', ')}).`,
        fix: podFix,
      });
    }
  },
};
