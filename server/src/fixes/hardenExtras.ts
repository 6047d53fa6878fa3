/**
 * Hardening beyond Pod Security Standards restricted. Each can break an image (one that writes to its
 * root filesystem, needs a particular user, or calls the Kubernetes API), so each is its own explicitly
 * labelled action and none is ever part of fix-all. Windows pods get none of the Linux-only ones.
 */
import type { K8sObject } from '../document/k8sObject';
import { podOf } from '../document/workloads';
import type { FixIntent } from './intent';
import { containerSites, isWindows, seqMaps } from './hardenSites';

export type ExtraHardening = 'readOnlyRootFilesystem' | 'runAsHighUid' | 'noServiceAccountToken';

export const EXTRA_HARDENINGS: readonly ExtraHardening[] = ['readOnlyRootFilesystem', 'runAsHighUid', 'noServiceAccountToken'];

/** The first UID/GID outside the range images and hosts commonly assign (SEC-HIGH-UID asks for > 10000). */
export const HIGH_ID = 10001;

/** Intents for one extra hardening, or undefined when it does not apply or changes nothing. */
export function extraHardeningIntents(object: K8sObject, which: ExtraHardening): FixIntent[] | undefined {
  const pod = podOf(object);
  if (!pod?.spec) return undefined;
  const spec = pod.spec;
  const intents: FixIntent[] = [];
  const windows = isWindows(object, spec);
  if (which === 'noServiceAccountToken') {
    if (object.value(['automountServiceAccountToken'], spec) !== false) intents.push({ op: 'set', path: [...pod.specPath, 'automountServiceAccountToken'], value: false });
  } else if (which === 'runAsHighUid' && !windows) {
    for (const field of ['runAsUser', 'runAsGroup']) {
      // The pod-level value covers every container; container overrides below it are raised too.
      if (isLow(object.value(['securityContext', field], spec), true)) intents.push({ op: 'set', path: [...pod.specPath, 'securityContext', field], value: HIGH_ID });
      for (const c of containerSites(pod)) {
        if (isLow(object.value(['securityContext', field], c.node), false)) intents.push({ op: 'set', path: [...c.path, 'securityContext', field], value: HIGH_ID });
      }
    }
  } else if (which === 'readOnlyRootFilesystem' && !windows) {
    intents.push(...readOnlyRoot(object, pod));
  }
  return intents.length > 0 ? intents : undefined;
}

/** Unset (when `unsetIsLow`) or a number below HIGH_ID. */
function isLow(v: unknown, unsetIsLow: boolean): boolean {
  if (v === undefined || v === null) return unsetIsLow;
  return typeof v === 'number' && v < HIGH_ID;
}

/**
 * `readOnlyRootFilesystem: true` in every container that does not have it, and a writable /tmp (one
 * shared emptyDir volume) for those that mount nothing there: most images expect to write temp files.
 */
function readOnlyRoot(object: K8sObject, pod: NonNullable<ReturnType<typeof podOf>>): FixIntent[] {
  const spec = pod.spec!;
  const intents: FixIntent[] = [];
  const volumes = seqMaps(object, ['volumes'], spec);
  const names = new Set(volumes.map((v) => object.value(['name'], v.node)));
  const existingTmp = volumes.find((v) => object.has(['emptyDir'], v.node) && object.value(['name'], v.node) === 'tmp');
  const volumeName = existingTmp ? 'tmp' : ['tmp', 'tmp-dir', 'kubeguard-tmp'].find((n) => !names.has(n)) ?? 'kubeguard-tmp-1';
  let needVolume = false;
  for (const c of containerSites(pod)) {
    if (object.value(['securityContext', 'readOnlyRootFilesystem'], c.node) === true) continue;
    intents.push({ op: 'set', path: [...c.path, 'securityContext', 'readOnlyRootFilesystem'], value: true });
    const mountsTmp = seqMaps(object, ['volumeMounts'], c.node).some((m) => object.value(['mountPath'], m.node) === '/tmp');
    if (mountsTmp) continue;
    intents.push({ op: 'addToSeq', path: [...c.path, 'volumeMounts'], value: { name: volumeName, mountPath: '/tmp' } });
    needVolume = true;
  }
  if (needVolume && !existingTmp) intents.push({ op: 'addToSeq', path: [...pod.specPath, 'volumes'], value: { name: volumeName, emptyDir: {} } });
  return intents;
}
