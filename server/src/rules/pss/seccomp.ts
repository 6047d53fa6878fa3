/**
 * PSS seccomp: baseline `seccompProfile_baseline` (legacy annotations before v1.19, fields from v1.19;
 * an explicit Unconfined is the violation) and restricted `seccompProfile_restricted` (v1.19+: every
 * container must end up with RuntimeDefault or Localhost, inheriting the pod's profile).
 */
import type { K8sObject } from '../../document/k8sObject';
import type { Span } from '../../document/span';
import { containerLabel } from '../../document/workloads';
import type { Path } from '../../document/yamlNodes';
import type { Fix } from '../../fixes/intent';
import {
  ALLOWED_SECCOMP_TYPES,
  isAllowedSeccompAnnotation,
  SECCOMP_CONTAINER_ANNOTATION_PREFIX,
  SECCOMP_POD_ANNOTATION,
} from '../../pss/standards';
import type { Rule } from '../rule';
import { isSet, isWindowsPod, podAnchor, securitySites, show, type SecuritySite } from './anchors';

const PROFILE = ['securityContext', 'seccompProfile'];

/** Sets the profile type to RuntimeDefault; a `localhostProfile` is only valid with type Localhost, so it goes. */
function runtimeDefault(at: Path, title = 'Use the RuntimeDefault seccomp profile'): Fix {
  return {
    title,
    safe: true,
    intents: [
      { op: 'set', path: [...at, ...PROFILE, 'type'], value: 'RuntimeDefault' },
      { op: 'remove', path: [...at, ...PROFILE, 'localhostProfile'] },
    ],
  };
}

/** The finding for an explicit seccompProfile whose type is missing or not RuntimeDefault/Localhost. */
function explicitBadProfile(site: SecuritySite, object: K8sObject): { span: Span; message: string } | undefined {
  if (!isSet(object, PROFILE, site.node)) return undefined;
  const type = object.value([...PROFILE, 'type'], site.node);
  if (typeof type === 'string' && ALLOWED_SECCOMP_TYPES.has(type)) return undefined;
  const hasType = isSet(object, [...PROFILE, 'type'], site.node);
  return {
    span: hasType ? object.pairSpan([...PROFILE, 'type'], site.node)! : object.keySpan(PROFILE, site.node)!,
    message: hasType
      ? `${site.subject} sets seccomp profile type ${show(type)}${site.container ? '' : ' at pod level'}; it must be RuntimeDefault or Localhost.`
      : `${site.subject} sets seccompProfile without a type; it must be RuntimeDefault or Localhost.`,
  };
}

export const seccompProfileBaseline: Rule = {
  id: 'seccomp-profile-baseline',
  title: 'Seccomp disabled',
  category: 'pod-security',
  severity: 'error',
  enabledByDefault: true,
  description:
    'From policy v1.19: flags a pod or container `securityContext.seccompProfile` whose type is not RuntimeDefault or Localhost (unset is fine). Before v1.19: flags the `seccomp.security.alpha.kubernetes.io/pod` and `container.seccomp.security.alpha.kubernetes.io/<container>` annotations unless they are runtime/default, docker/default or localhost/*.',
  rationale:
    'Seccomp filters the system calls a container may make. Unconfined re-enables hundreds of syscalls (keyctl, unshare, bpf, mount…) that most kernel-exploit container escapes start with.',
  remediation: 'Set seccompProfile.type to RuntimeDefault (or Localhost) instead of Unconfined.',
  reads: [
    'spec.securityContext.seccompProfile.type',
    'spec.{initContainers,containers,ephemeralContainers}[*].securityContext.seccompProfile.type',
    'metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]',
    'metadata.annotations["container.seccomp.security.alpha.kubernetes.io/*"]',
  ],
  concepts: ['SEC-SECCOMP-UNCONFINED'],
  pss: { check: 'seccompProfile_baseline', level: 'baseline', since: 0, control: 'Seccomp' },
  peers: { polaris: 'linuxHardening', kubesec: 'SeccompUnconfined', trivy: 'KSV-0104' },
  appliesTo: 'workloads',
  check({ object, pod, policy, report }) {
    if (!pod) return;
    if (policy.minor < 19) {
      // Before v1.19 PSA reads only the legacy annotations: the pod's, and one per existing container name.
      const annotations = [...pod.metadataPath, 'annotations'];
      const keys: { key: string; container?: (typeof pod.containers)[number] }[] = [{ key: SECCOMP_POD_ANNOTATION }];
      for (const c of pod.containers) if (c.name !== undefined) keys.push({ key: SECCOMP_CONTAINER_ANNOTATION_PREFIX + c.name, container: c });
      for (const { key, container } of keys) {
        const path = [...annotations, key];
        if (!object.has(path)) continue;
        const raw = object.value(path);
        const value = raw === null || raw === undefined ? '' : String(raw);
        if (isAllowedSeccompAnnotation(value)) continue;
        report({
          span: object.pairSpan(path)!,
          container,
          message: `${object.label} sets seccomp profile ${show(value)} for ${container ? containerLabel(container) : 'the pod'} (annotation ${key}); baseline allows runtime/default, docker/default or localhost/<profile>.`,
          fix: { title: 'Use the runtime/default seccomp profile', safe: true, intents: [{ op: 'set', path, value: 'runtime/default' }] },
        });
      }
      return;
    }
    for (const site of securitySites(pod)) {
      const bad = explicitBadProfile(site, object);
      if (bad) report({ ...bad, container: site.container, fix: runtimeDefault(site.path) });
    }
  },
};

export const seccompProfileRestricted: Rule = {
  id: 'seccomp-profile-restricted',
  title: 'Seccomp profile not set',
  category: 'pod-security',
  severity: 'warning',
  enabledByDefault: true,
  description:
    'Requires `securityContext.seccompProfile.type` RuntimeDefault or Localhost at pod level, or in every container that does not inherit one; an explicit other type anywhere is a violation. Replaces seccomp-profile-baseline at restricted from policy v1.19. Windows pods are exempt from v1.25.',
  rationale:
    'Without a profile, containers run Unconfined on most runtimes: every system call is available to an attacker. RuntimeDefault blocks the rarely needed, dangerous ones and almost never breaks an application.',
  remediation: 'Set securityContext.seccompProfile.type to RuntimeDefault at pod level.',
  reads: ['spec.securityContext.seccompProfile.type', 'spec.{initContainers,containers,ephemeralContainers}[*].securityContext.seccompProfile.type', 'spec.os.name'],
  concepts: ['SEC-SECCOMP-REQUIRED'],
  pss: { check: 'seccompProfile_restricted', level: 'restricted', since: 19, overrides: 'seccompProfile_baseline', control: 'Seccomp' },
  peers: { polaris: 'linuxHardening', 'kube-score': 'container-seccomp-profile', kubesec: 'SeccompAny', kubescape: 'C-0210', trivy: 'KSV-0030', checkov: 'CKV_K8S_31' },
  appliesTo: 'workloads',
  check({ object, pod, policy, report }) {
    if (!pod?.spec || (policy.minor >= 25 && isWindowsPod(pod))) return;
    const [podSite, ...containerSites] = securitySites(pod);
    const podBad = explicitBadProfile(podSite!, object);
    if (podBad) report({ ...podBad, severity: 'error', fix: runtimeDefault(pod.specPath) });
    // As PSA: a container without its own profile inherits the pod's; only a valid pod profile covers it.
    const podValid = !podBad && isSet(object, PROFILE, pod.spec);
    const implicit: string[] = [];
    for (const site of containerSites) {
      if (isSet(object, PROFILE, site.node)) {
        const bad = explicitBadProfile(site, object);
        // An explicit profile other than RuntimeDefault/Localhost is what baseline forbids too: an error.
        if (bad) report({ ...bad, severity: 'error', container: site.container, fix: runtimeDefault(site.path) });
      } else if (!podValid) {
        implicit.push(containerLabel(site.container!));
      }
    }
    // One finding where one edit fixes every inheriting container; a bad pod profile is already reported.
    if (implicit.length > 0 && !podBad) {
      report({
        span: object.keySpan([...pod.specPath, ...PROFILE]) ?? podAnchor(pod),
        message: `${object.label} must set securityContext.seccompProfile.type to RuntimeDefault or Localhost at pod level (not set for ${implicit.join(', ')}).`,
        fix: runtimeDefault(pod.specPath, 'Set seccompProfile.type: RuntimeDefault on the pod'),
      });
    }
  },
};
