/**
 * "Harden workload (PSS restricted)": the smallest set of intents after which a workload passes every
 * check of Pod Security Standards restricted at policy version v1.`minor`, written against the checks of
 * `policy/check_*.go` (see /work/shared/conformance/pss/SOURCE.md), version by version:
 * allowPrivilegeEscalation from v1.8, seccomp from v1.19 (legacy annotations before), capabilities
 * drop ALL from v1.22 (baseline add list before), runAsUser 0 from v1.23, host probes from v1.34, Windows
 * exemptions from v1.25, user-namespace relaxations from v1.35.
 *
 * Values are changed, never invented: a forbidden value is replaced by the permitted one or removed.
 * What cannot be fixed without changing what the workload does (a hostPath volume) is reported as
 * unresolved instead.
 */
import type { K8sObject } from '../document/k8sObject';
import { podOf, type PodView } from '../document/workloads';
import {
  ALLOWED_APPARMOR_TYPES,
  ALLOWED_SECCOMP_TYPES,
  APPARMOR_ANNOTATION_PREFIX,
  BASELINE_CAPABILITIES,
  OTHER_VOLUME_SOURCES,
  RESTRICTED_ADDABLE_CAPABILITY,
  SECCOMP_CONTAINER_ANNOTATION_PREFIX,
  SECCOMP_POD_ANNOTATION,
  allowedSelinuxTypes,
  allowedSysctls,
  isAllowedAppArmorAnnotation,
  isAllowedSeccompAnnotation,
} from '../pss/standards';
import type { FixIntent } from './intent';
import { containerSites, isSet, isWindows, podSite, seqItems, seqMaps, stringField, type Site } from './hardenSites';

export interface HardenPlan {
  readonly intents: readonly FixIntent[];
  /** Violations the plan leaves in place because no mechanical change keeps the workload's meaning. */
  readonly unresolved: readonly string[];
}

type PodWithSpec = PodView & { spec: NonNullable<PodView['spec']> };

/** The restricted patch for a workload, or undefined for objects without a pod spec. */
export function restrictedPatch(object: K8sObject, minor: number): HardenPlan | undefined {
  const pod = podOf(object);
  if (!pod?.spec) return undefined;
  const p = new Planner(object, pod as PodWithSpec, minor);
  p.hostNamespaces();
  p.runAsNonRoot();
  p.seccomp();
  p.sysctls();
  p.annotations();
  for (const site of [podSite(p.pod), ...containerSites(pod)]) p.site(site);
  for (const site of containerSites(pod)) p.container(site);
  p.volumes();
  return { intents: p.intents, unresolved: p.unresolved };
}

const SC = 'securityContext';
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'].map((p) => [p]);
const HOOKS = ['postStart', 'preStop'].map((h) => ['lifecycle', h]);

class Planner {
  readonly intents: FixIntent[] = [];
  readonly unresolved: string[] = [];
  /** From v1.25 Windows pods are exempt from allowPrivilegeEscalation, seccomp and capabilities. */
  private readonly windowsExempt: boolean;
  /** From v1.35 pods in a user namespace are exempt from runAsNonRoot and runAsUser. */
  private readonly userNamespace: boolean;

  constructor(
    private readonly obj: K8sObject,
    readonly pod: PodWithSpec,
    private readonly minor: number,
  ) {
    this.windowsExempt = minor >= 25 && isWindows(obj, pod.spec);
    this.userNamespace = minor >= 35 && obj.value(['hostUsers'], pod.spec) === false;
  }

  hostNamespaces(): void {
    for (const f of ['hostNetwork', 'hostPID', 'hostIPC']) {
      if (this.obj.value([f], this.pod.spec) === true) this.set([...this.pod.specPath, f], false);
    }
  }

  runAsNonRoot(): void {
    if (this.userNamespace) return;
    const path = [SC, 'runAsNonRoot'];
    const spec = this.pod.spec;
    let podTrue = this.obj.value(path, spec) === true;
    if (isSet(this.obj, path, spec) && !podTrue) {
      this.set([...this.pod.specPath, ...path], true);
      podTrue = true;
    }
    let inherit = false;
    for (const c of containerSites(this.pod)) {
      if (isSet(this.obj, path, c.node)) {
        if (this.obj.value(path, c.node) !== true) this.set([...c.path, ...path], true);
      } else if (!podTrue) {
        inherit = true;
      }
    }
    // One pod-level value covers every container that does not set its own.
    if (inherit) this.set([...this.pod.specPath, ...path], true);
  }

  seccomp(): void {
    if (this.minor < 19 || this.windowsExempt) return;
    const profile = [SC, 'seccompProfile'];
    const valid = (s: Site): boolean => ALLOWED_SECCOMP_TYPES.has(stringField(this.obj, [...profile, 'type'], s.node));
    const fixSite = (s: Site): void => {
      this.set([...s.path, ...profile, 'type'], 'RuntimeDefault');
      // localhostProfile is only valid with type Localhost.
      if (this.obj.has([...profile, 'localhostProfile'], s.node)) this.intents.push({ op: 'remove', path: [...s.path, ...profile, 'localhostProfile'] });
    };
    const podS = podSite(this.pod);
    let podValid = isSet(this.obj, profile, podS.node) && valid(podS);
    if (isSet(this.obj, profile, podS.node) && !podValid) {
      fixSite(podS);
      podValid = true;
    }
    let inherit = false;
    for (const c of containerSites(this.pod)) {
      if (isSet(this.obj, profile, c.node)) {
        if (!valid(c)) fixSite(c);
      } else if (!podValid) {
        inherit = true;
      }
    }
    if (inherit) this.set([...this.pod.specPath, ...profile, 'type'], 'RuntimeDefault');
  }

  sysctls(): void {
    const allowed = allowedSysctls(this.minor);
    const path = [SC, 'sysctls'];
    for (const item of seqMaps(this.obj, path, this.pod.spec)) {
      const name = this.obj.value(['name'], item.node);
      if (typeof name === 'string' && allowed.has(name)) continue;
      if (typeof name === 'string') this.intents.push({ op: 'removeFromSeq', path: [...this.pod.specPath, ...path], value: { name } });
      else this.unresolved.push(`sysctl #${item.index + 1} without a name`);
    }
  }

  /** Legacy annotations on the pod (template) metadata: AppArmor at every version, seccomp before v1.19. */
  annotations(): void {
    const base = [...this.pod.metadataPath, 'annotations'];
    for (const [key, value] of this.obj.stringMap(base)) {
      const apparmor = key.startsWith(APPARMOR_ANNOTATION_PREFIX) && !isAllowedAppArmorAnnotation(value);
      const seccomp = this.minor < 19 && (key === SECCOMP_POD_ANNOTATION || key.startsWith(SECCOMP_CONTAINER_ANNOTATION_PREFIX)) && !isAllowedSeccompAnnotation(value);
      if (apparmor || seccomp) this.set([...base, key], 'runtime/default');
    }
  }

  /** Checks that read both the pod-level and the container-level security context. */
  site(s: Site): void {
    const apparmor = [SC, 'appArmorProfile'];
    if (isSet(this.obj, apparmor, s.node) && !ALLOWED_APPARMOR_TYPES.has(stringField(this.obj, [...apparmor, 'type'], s.node))) {
      this.set([...s.path, ...apparmor, 'type'], 'RuntimeDefault');
      if (this.obj.has([...apparmor, 'localhostProfile'], s.node)) this.intents.push({ op: 'remove', path: [...s.path, ...apparmor, 'localhostProfile'] });
    }
    const selinux = [SC, 'seLinuxOptions'];
    const type = stringField(this.obj, [...selinux, 'type'], s.node);
    if (type !== '' && !allowedSelinuxTypes(this.minor).has(type)) this.remove([...s.path, ...selinux, 'type']);
    for (const f of ['user', 'role']) if (stringField(this.obj, [...selinux, f], s.node) !== '') this.remove([...s.path, ...selinux, f]);
    const hostProcess = [SC, 'windowsOptions', 'hostProcess'];
    if (this.obj.value(hostProcess, s.node) === true) this.set([...s.path, ...hostProcess], false);
    if (this.minor >= 23 && !this.userNamespace && this.obj.value([SC, 'runAsUser'], s.node) === 0) this.remove([...s.path, SC, 'runAsUser']);
  }

  container(c: Site): void {
    const { obj } = this;
    if (obj.value([SC, 'privileged'], c.node) === true) this.set([...c.path, SC, 'privileged'], false);
    if (this.minor >= 8 && !this.windowsExempt && obj.value([SC, 'allowPrivilegeEscalation'], c.node) !== false) {
      this.set([...c.path, SC, 'allowPrivilegeEscalation'], false);
    }
    this.capabilities(c);
    const procMount = [SC, 'procMount'];
    // Restricted allows only the Default proc mount at every version (user namespaces relax baseline only).
    if (isSet(obj, procMount, c.node) && obj.value(procMount, c.node) !== 'Default') this.remove([...c.path, ...procMount]);
    for (const port of seqMaps(obj, ['ports'], c.node)) {
      const hostPort = obj.value(['hostPort'], port.node);
      if (hostPort !== undefined && hostPort !== null && Number(hostPort) !== 0) this.remove([...c.path, 'ports', port.index, 'hostPort']);
    }
    if (this.minor >= 34) {
      for (const at of [...PROBES, ...HOOKS]) {
        for (const kind of ['httpGet', 'tcpSocket']) {
          if (stringField(obj, [...at, kind, 'host'], c.node) !== '') this.remove([...c.path, ...at, kind, 'host']);
        }
      }
    }
  }

  private capabilities(c: Site): void {
    const caps = [SC, 'capabilities'];
    const restricted = this.minor >= 22;
    // From v1.22 the restricted check replaces the baseline one, and from v1.25 it exempts Windows pods.
    if (restricted && this.windowsExempt) return;
    for (const item of seqItems(this.obj, [...caps, 'add'], c.node)) {
      const v = item.value;
      if (v === undefined) continue;
      const ok = restricted ? v === RESTRICTED_ADDABLE_CAPABILITY : typeof v === 'string' && BASELINE_CAPABILITIES.has(v);
      if (!ok) this.intents.push({ op: 'removeFromSeq', path: [...c.path, ...caps, 'add'], value: v });
    }
    if (restricted && !seqItems(this.obj, [...caps, 'drop'], c.node).some((i) => i.value === 'ALL')) {
      this.intents.push({ op: 'addToSeq', path: [...c.path, ...caps, 'drop'], value: 'ALL' });
    }
  }

  /** Volume types outside the restricted list cannot be swapped without changing what the pod mounts. */
  volumes(): void {
    for (const v of seqMaps(this.obj, ['volumes'], this.pod.spec)) {
      const source = [...OTHER_VOLUME_SOURCES].find((k) => isSet(this.obj, [k], v.node));
      if (source === undefined) continue;
      const name = this.obj.value(['name'], v.node);
      this.unresolved.push(`volume ${typeof name === 'string' ? `"${name}"` : `#${v.index + 1}`} (${source})`);
    }
  }

  private set(path: FixIntent['path'], value: string | boolean): void {
    this.intents.push({ op: 'set', path, value });
  }

  private remove(path: FixIntent['path']): void {
    this.intents.push({ op: 'remove', path });
  }
}
