/** PSS baseline `appArmorProfile` and `seLinuxOptions`: Linux security module profiles must not be lifted. */
import { ALLOWED_APPARMOR_TYPES, APPARMOR_ANNOTATION_PREFIX, allowedSelinuxTypes, isAllowedAppArmorAnnotation } from '../../pss/standards';
import type { Fix } from '../../fixes/intent';
import type { Rule } from '../rule';
import { isSet, securitySites, show } from './anchors';

export const appArmorProfile: Rule = {
  id: 'apparmor-profile',
  title: 'AppArmor profile lifted',
  category: 'pod-security',
  severity: 'error',
  enabledByDefault: true,
  description:
    'Flags a pod or container `securityContext.appArmorProfile.type` other than RuntimeDefault or Localhost, and any `container.apparmor.security.beta.kubernetes.io/*` annotation whose value is not empty, `runtime/default` or `localhost/*`.',
  rationale:
    'The runtime\'s default AppArmor profile blocks writes to /proc and /sys, mounts and other kernel interfaces that container escapes rely on. Running Unconfined removes that layer for the whole container.',
  remediation: 'Set appArmorProfile.type to RuntimeDefault (or Localhost with a profile loaded on the nodes), and the legacy annotation to runtime/default.',
  reads: [
    'spec.securityContext.appArmorProfile.type',
    'spec.{initContainers,containers,ephemeralContainers}[*].securityContext.appArmorProfile.type',
    'metadata.annotations["container.apparmor.security.beta.kubernetes.io/*"]',
  ],
  concepts: ['SEC-APPARMOR'],
  pss: { check: 'appArmorProfile', level: 'baseline', since: 0, control: 'AppArmor' },
  peers: { polaris: 'linuxHardening', kubesec: 'ApparmorAny', trivy: 'KSV-0002' },
  appliesTo: 'workloads',
  check({ object, pod, report }) {
    if (!pod) return;
    const profile = ['securityContext', 'appArmorProfile'];
    for (const site of securitySites(pod)) {
      if (!isSet(object, profile, site.node)) continue;
      const type = object.value([...profile, 'type'], site.node);
      if (typeof type === 'string' && ALLOWED_APPARMOR_TYPES.has(type)) continue;
      const hasType = isSet(object, [...profile, 'type'], site.node);
      report({
        span: hasType ? object.pairSpan([...profile, 'type'], site.node)! : object.keySpan(profile, site.node)!,
        container: site.container,
        message: hasType
          ? `${site.subject} sets AppArmor profile type ${show(type)}; baseline allows RuntimeDefault or Localhost.`
          : `${site.subject} sets appArmorProfile without a type; it must be RuntimeDefault or Localhost.`,
        fix: { title: 'Use the RuntimeDefault AppArmor profile', safe: true, intents: [{ op: 'set', path: [...site.path, ...profile, 'type'], value: 'RuntimeDefault' }] },
      });
    }
    const annotations = [...pod.metadataPath, 'annotations'];
    for (const [key, value] of object.stringMap(annotations)) {
      if (!key.startsWith(APPARMOR_ANNOTATION_PREFIX) || isAllowedAppArmorAnnotation(value)) continue;
      const target = key.slice(APPARMOR_ANNOTATION_PREFIX.length);
      report({
        span: object.pairSpan([...annotations, key])!,
        message: `${object.label} sets AppArmor profile ${show(value)} for container "${target}" (annotation ${key}); baseline allows runtime/default or localhost/<profile>.`,
        fix: { title: 'Use the runtime/default AppArmor profile', safe: true, intents: [{ op: 'set', path: [...annotations, key], value: 'runtime/default' }] },
      });
    }
  },
};

export const seLinuxOptions: Rule = {
  id: 'selinux-options',
  title: 'SELinux options outside baseline',
  category: 'pod-security',
  severity: 'error',
  enabledByDefault: true,
  description:
    'Flags a pod or container `seLinuxOptions.type` other than container_t, container_init_t, container_kvm_t or (from policy v1.31) container_engine_t, and any non-empty `seLinuxOptions.user` or `role`. `level` is not restricted.',
  rationale:
    'The SELinux type decides what the container process may touch on the node. A custom type such as spc_t (super-privileged container) or a custom user or role can give the process unconfined access to host files and devices.',
  remediation: 'Remove seLinuxOptions.user and role, and use an allowed type such as container_t (or leave type unset).',
  reads: ['spec.securityContext.seLinuxOptions.{type,user,role}', 'spec.{initContainers,containers,ephemeralContainers}[*].securityContext.seLinuxOptions.{type,user,role}'],
  concepts: ['SEC-SELINUX'],
  pss: { check: 'seLinuxOptions', level: 'baseline', since: 0, control: 'SELinux' },
  peers: { polaris: 'linuxHardening', trivy: 'KSV-0025' },
  appliesTo: 'workloads',
  check({ object, pod, policy, report }) {
    const options = ['securityContext', 'seLinuxOptions'];
    const allowed = allowedSelinuxTypes(policy.minor);
    for (const site of securitySites(pod)) {
      if (!isSet(object, options, site.node)) continue;
      // A custom SELinux label is deliberate (a policy module on the nodes): removing it is never fix-all.
      const removeFix = (field: string): Fix => ({
        title: `Remove seLinuxOptions.${field}`,
        safe: false,
        intents: [{ op: 'remove', path: [...site.path, ...options, field] }],
      });
      const type = object.value([...options, 'type'], site.node);
      const typeText = type === null || type === undefined ? '' : String(type);
      if (!allowed.has(typeText)) {
        const later = typeText === 'container_engine_t' ? ` (container_engine_t is allowed from policy v1.31; this policy is v1.${policy.minor})` : '';
        report({
          span: object.pairSpan([...options, 'type'], site.node)!,
          container: site.container,
          message: `${site.subject} sets SELinux type ${typeText}; baseline allows ${[...allowed].filter((t) => t !== '').join(', ')} or no type${later}.`,
          fix: removeFix('type'),
        });
      }
      for (const field of ['user', 'role'] as const) {
        const v = object.value([...options, field], site.node);
        if (v === undefined || v === null || v === '') continue;
        report({
          span: object.pairSpan([...options, field], site.node)!,
          container: site.container,
          message: `${site.subject} sets SELinux ${field} ${show(v)}; baseline forbids setting seLinuxOptions.${field}.`,
          fix: removeFix(field),
        });
      }
    }
  },
};
