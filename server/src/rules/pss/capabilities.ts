/**
 * PSS baseline `capabilities_baseline` and restricted `capabilities_restricted`: which Linux capabilities
 * a container may add, and (restricted) that it drops all the others.
 */
import { containerLabel, type ContainerRef } from '../../document/workloads';
import type { ScalarValue } from '../../document/yamlNodes';
import type { Fix } from '../../fixes/intent';
import { BASELINE_CAPABILITIES, RESTRICTED_ADDABLE_CAPABILITY } from '../../pss/standards';
import type { Rule } from '../rule';
import { capitalize, containerAnchor, deepestKey, isWindowsPod, seqEntries, show } from './anchors';

const ADD = ['securityContext', 'capabilities', 'add'];
const DROP = ['securityContext', 'capabilities', 'drop'];

/** `cap_sys_admin` → `SYS_ADMIN`: the spelling PSS matches exactly, for hints on near misses. */
function canonicalCapability(v: string): string {
  return v.toUpperCase().replace(/^CAP_/, '');
}

function removeAdded(c: ContainerRef, value: ScalarValue): Fix {
  return { title: `Remove ${show(value)} from capabilities.add`, safe: false, intents: [{ op: 'removeFromSeq', path: [...c.path, ...ADD], value }] };
}

export const capabilitiesBaseline: Rule = {
  id: 'capabilities-baseline',
  title: 'Adds a non-default capability',
  category: 'pod-security',
  severity: 'error',
  enabledByDefault: true,
  description:
    'Flags each entry of a container\'s `securityContext.capabilities.add` (init and ephemeral containers included) outside the default set AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT. The match is exact: `chown` and `CAP_CHOWN` are violations.',
  rationale:
    'Capabilities beyond the runtime defaults (SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE, NET_RAW, ALL…) hand a container parts of root\'s power over the node: mounting filesystems, changing the host network, tracing or loading kernel modules. Most are one step from a container escape.',
  remediation: 'Remove capabilities outside the default set from securityContext.capabilities.add.',
  reads: ['spec.{initContainers,containers,ephemeralContainers}[*].securityContext.capabilities.add'],
  // The default set excludes every capability the peers call dangerous (ALL, SYS_ADMIN, NET_ADMIN, NET_RAW, SYS_MODULE…).
  concepts: ['SEC-CAPS-ADD-NONDEFAULT', 'SEC-CAPS-DANGEROUS'],
  pss: { check: 'capabilities_baseline', level: 'baseline', since: 0, control: 'Capabilities' },
  peers: { trivy: 'KSV-0022', checkov: 'CKV_K8S_25' },
  appliesTo: 'workloads',
  check({ object, pod, report }) {
    for (const c of pod?.containers ?? []) {
      for (const entry of seqEntries(object, ADD, c.node)) {
        if (typeof entry.value === 'string' && BASELINE_CAPABILITIES.has(entry.value)) continue;
        const near = typeof entry.value === 'string' && BASELINE_CAPABILITIES.has(canonicalCapability(entry.value)) ? canonicalCapability(entry.value) : undefined;
        report({
          span: entry.span,
          container: c,
          message: near
            ? `${capitalize(containerLabel(c))} adds capability ${show(entry.value)}; PSS matches names exactly, write ${near}.`
            : `${capitalize(containerLabel(c))} adds capability ${show(entry.value)}, which is outside the default set baseline allows.`,
          fix: near
            ? { title: `Write ${near}`, safe: true, intents: [{ op: 'removeFromSeq', path: [...c.path, ...ADD], value: entry.value! }, { op: 'addToSeq', path: [...c.path, ...ADD], value: near }] }
            : entry.value === undefined
              ? null
              : removeAdded(c, entry.value),
        });
      }
    }
  },
};

export const capabilitiesRestricted: Rule = {
  id: 'capabilities-restricted',
  title: 'Capabilities not dropped',
  category: 'pod-security',
  severity: 'warning',
  enabledByDefault: true,
  description:
    'Requires every container to list `ALL` in `securityContext.capabilities.drop` and to add nothing but NET_BIND_SERVICE. Replaces capabilities-baseline at restricted from policy v1.22. Windows pods are exempt from v1.25.',
  rationale:
    'Even the runtime\'s default capabilities (CHOWN, DAC_OVERRIDE, FOWNER, SETUID, NET_RAW…) let a compromised process change file ownership, bypass file permissions or forge packets. Dropping ALL and adding back only what is needed (at most NET_BIND_SERVICE) leaves an attacker nothing to work with.',
  remediation: 'Add ALL to securityContext.capabilities.drop and remove every added capability except NET_BIND_SERVICE.',
  reads: ['spec.{initContainers,containers,ephemeralContainers}[*].securityContext.capabilities.{drop,add}', 'spec.os.name'],
  concepts: ['SEC-CAPS-DROP-ALL', 'SEC-CAPS-ADD-ONLY-NBS'],
  pss: { check: 'capabilities_restricted', level: 'restricted', since: 22, overrides: 'capabilities_baseline', control: 'Capabilities' },
  peers: { polaris: 'insecureCapabilities', kubesec: 'CapDropAll', trivy: 'KSV-0003, KSV-0106', checkov: 'CKV_K8S_37' },
  // Dropping every capability can break an image that relies on one (e.g. CHOWN at start-up): not fix-all.
  fix: { title: 'Drop ALL capabilities', scope: 'container', safe: false, intents: [{ op: 'addToSeq', path: DROP, value: 'ALL' }] },
  appliesTo: 'workloads',
  check({ object, pod, policy, report }) {
    if (!pod || (policy.minor >= 25 && isWindowsPod(pod))) return;
    for (const c of pod.containers) {
      const label = capitalize(containerLabel(c));
      const drop = seqEntries(object, DROP, c.node);
      if (!drop.some((e) => e.value === 'ALL')) {
        const lower = drop.find((e) => typeof e.value === 'string' && e.value.toUpperCase() === 'ALL');
        report({
          span: lower?.span ?? deepestKey(object, DROP, c.node) ?? containerAnchor(object, c),
          container: c,
          message: lower
            ? `${label} drops ${show(lower.value)}; PSS matches exactly, capabilities.drop must contain ALL.`
            : `${label} must drop all capabilities: securityContext.capabilities.drop must contain ALL.`,
        });
      }
      for (const entry of seqEntries(object, ADD, c.node)) {
        if (entry.value === RESTRICTED_ADDABLE_CAPABILITY) continue;
        report({
          span: entry.span,
          container: c,
          message: `${label} adds capability ${show(entry.value)}; restricted allows adding only NET_BIND_SERVICE.`,
          // Outside the default set it is a baseline violation too (capabilities_baseline, overridden here).
          ...(typeof entry.value === 'string' && BASELINE_CAPABILITIES.has(entry.value) ? {} : { severity: 'error' as const }),
          fix: entry.value === undefined ? null : removeAdded(c, entry.value),
        });
      }
    }
  },
};
