/** Which user and groups a container runs as, beyond PSS's runAsNonRoot/runAsUser: high UIDs/GIDs, the root group. */
import { containerLabel, type ContainerRef, type PodView } from '../../document/workloads';
import type { Path, ScalarValue } from '../../document/yamlNodes';
import type { Fix } from '../../fixes/intent';
import { isWindowsPod, podAnchor, usesUserNamespace } from '../pss/anchors';
import type { Rule, RuleContext } from '../rule';
import { entries, subject } from './podFacts';
import { pssForbidsRootUser } from './pssOverlap';

/** 10001: the first ID above the range kube-score, Checkov and Trivy consider likely to collide with host accounts. */
const SAFE_ID = 10001;

function setTo(title: string, path: Path, value: number): Fix {
  return { title, safe: false, intents: [{ op: 'set', path, value }] };
}

/**
 * Walks one key that exists at pod and container level with inheritance: a container's own value wins,
 * the pod's applies to every container that does not set it. `bad` decides which values to report.
 */
function checkInherited(
  ctx: RuleContext,
  pod: PodView,
  key: string,
  bad: (v: ScalarValue | undefined) => boolean,
  say: { container: (c: ContainerRef, v: ScalarValue | undefined) => string; pod: (v: ScalarValue | undefined, inheritors: string) => string; unset?: (inheritors: string) => string },
  fixValue: number | undefined,
): void {
  const { object, report } = ctx;
  const own = ['securityContext', key];
  const podPath = [...pod.specPath, 'securityContext', key];
  const inheritors: ContainerRef[] = [];
  for (const c of pod.containers) {
    if (!object.has(own, c.node)) {
      inheritors.push(c);
      continue;
    }
    const v = object.value(own, c.node);
    if (!bad(v)) continue;
    report({
      span: object.pairSpan(own, c.node)!,
      container: c,
      message: say.container(c, v),
      fix: fixValue === undefined ? null : setTo(`Set ${key}: ${fixValue}`, [...c.path, ...own], fixValue),
    });
  }
  if (inheritors.length === 0) return;
  const names = inheritors.map(containerLabel).join(', ');
  if (object.has(podPath)) {
    const v = object.value(podPath);
    if (!bad(v)) return;
    report({ span: object.pairSpan(podPath)!, message: say.pod(v, names), fix: fixValue === undefined ? null : setTo(`Set ${key}: ${fixValue} on the pod`, podPath, fixValue) });
  } else if (say.unset && bad(undefined)) {
    report({ span: podAnchor(pod), message: say.unset(names), fix: fixValue === undefined ? null : setTo(`Set ${key}: ${fixValue} on the pod`, podPath, fixValue) });
  }
}

export const lowUserId: Rule = {
  id: 'low-user-id',
  title: 'UID or GID not above 10000',
  category: 'container',
  severity: 'information',
  enabledByDefault: false,
  description:
    'Flags `runAsUser` and `runAsGroup` values of 10000 or less, and containers for which neither the container nor the pod sets them (the image decides). Pod-level values are inherited. Pods in a user namespace (`hostUsers: false`) and Windows pods are skipped; UID 0 where PSS restricted already forbids it and GID 0 (see root-group) are left to those rules.',
  rationale:
    'IDs at or below 10000 are where host accounts live. If a process escapes its container it keeps its UID; a UID that no host account uses limits what it can touch on the node. The setting also makes the identity explicit instead of whatever the image declares.',
  remediation: 'Set securityContext.runAsUser and runAsGroup to values above 10000 (e.g. 10001) at pod level.',
  reads: ['spec.securityContext.{runAsUser,runAsGroup}', 'spec.{initContainers,containers,ephemeralContainers}[*].securityContext.{runAsUser,runAsGroup}', 'spec.hostUsers', 'spec.os.name'],
  concepts: ['SEC-HIGH-UID'],
  peers: { 'kube-score': 'container-security-context-user-group-id', kubesec: 'RunAsUser, RunAsGroup', trivy: 'KSV-0020, KSV-0021', checkov: 'CKV_K8S_40' },
  defaultsNote:
    'Off by default: contested. PSS only forbids UID 0, and many images are built for a fixed UID (often 1000 or 101), so a higher UID can break file permissions. Turn it on where host-UID separation is policy; user namespaces (`hostUsers: false`) make it unnecessary.',
  appliesTo: 'workloads',
  check(ctx) {
    const { pod, policy } = ctx;
    if (!pod?.spec || isWindowsPod(pod) || usesUserNamespace(pod)) return;
    const rootUserLeftToPss = pssForbidsRootUser(policy, pod);
    for (const key of ['runAsUser', 'runAsGroup'] as const) {
      const what = key === 'runAsUser' ? 'UID' : 'GID';
      const bad = (v: ScalarValue | undefined): boolean => {
        if (v === undefined) return true;
        if (typeof v !== 'number') return false;
        if (v === 0 && (key === 'runAsGroup' || rootUserLeftToPss)) return false;
        return v <= 10000;
      };
      checkInherited(
        ctx,
        pod,
        key,
        bad,
        {
          container: (c, v) => `${subject(c)} runs with ${what} ${String(v)}; use a ${what} above 10000.`,
          pod: (v, names) => `${ctx.object.label} runs ${names} with ${what} ${String(v)}; use a ${what} above 10000.`,
          unset: (names) => `${ctx.object.label} sets no ${key}, so the image decides the ${what} of ${names}; set one above 10000.`,
        },
        SAFE_ID,
      );
    }
  },
};

export const rootGroup: Rule = {
  id: 'root-group',
  title: 'Runs with the root group',
  category: 'container',
  severity: 'warning',
  enabledByDefault: true,
  description:
    'Flags an explicit GID 0: `runAsGroup: 0` (pod level when a container inherits it, or container level), `fsGroup: 0`, or 0 in `supplementalGroups`. Unset values are not flagged. Pods in a user namespace (`hostUsers: false`), where GID 0 maps to an unprivileged host group, and Windows pods are skipped.',
  rationale:
    'Group 0 owns much of a Linux filesystem and is often granted write access to files that only root should change. A non-root user that runs in the root group can still modify them, in the image and on mounted volumes (fsGroup makes volumes group-owned by it). runAsNonRoot does not look at the group.',
  remediation: 'Use a non-zero group: set runAsGroup and fsGroup to a dedicated GID (e.g. 10001) and remove 0 from supplementalGroups.',
  reads: [
    'spec.securityContext.{runAsGroup,fsGroup,supplementalGroups}',
    'spec.{initContainers,containers,ephemeralContainers}[*].securityContext.runAsGroup',
    'spec.hostUsers',
  ],
  concepts: ['SEC-ROOT-GROUP'],
  peers: { 'kube-linter': 'run-as-non-root (root group)', kubescape: 'C-0013', trivy: 'KSV-0116' },
  defaultsNote: 'Only explicit zeros are reported, so the rule stays quiet on manifests that do not mention groups.',
  appliesTo: 'workloads',
  check(ctx) {
    const { object, pod, report } = ctx;
    if (!pod?.spec || isWindowsPod(pod) || usesUserNamespace(pod)) return;
    checkInherited(
      ctx,
      pod,
      'runAsGroup',
      (v) => v === 0,
      {
        container: (c) => `${subject(c)} runs with the root group (runAsGroup: 0).`,
        pod: (_v, names) => `${object.label} runs ${names} with the root group (runAsGroup: 0).`,
      },
      SAFE_ID,
    );
    const fsGroup = [...pod.specPath, 'securityContext', 'fsGroup'];
    if (object.value(fsGroup) === 0) {
      report({
        span: object.pairSpan(fsGroup)!,
        message: `${object.label} sets fsGroup: 0: its volumes become owned by the root group and every container joins it.`,
        fix: setTo(`Set fsGroup: ${SAFE_ID}`, fsGroup, SAFE_ID),
      });
    }
    const supplemental = [...pod.specPath, 'securityContext', 'supplementalGroups'];
    for (const e of entries(object, supplemental)) {
      if (e.value !== 0) continue;
      report({
        span: e.span,
        message: `${object.label} adds the root group (0) to supplementalGroups.`,
        fix: { title: 'Remove 0 from supplementalGroups', safe: false, intents: [{ op: 'removeFromSeq', path: supplemental, value: 0 }] },
      });
    }
  },
};

export const USER_ID_RULES: readonly Rule[] = [lowUserId, rootGroup];
