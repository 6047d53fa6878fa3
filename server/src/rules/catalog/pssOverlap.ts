/**
 * Where a catalog rule would repeat a Pod Security Standards finding. Rules beyond PSS stay silent on a
 * field that an active PSS check already reports, so one problem never shows two squiggles. The tests
 * mirror the PSS rules' own version gates (`policy/check_*.go` MinimumVersion) and exemptions.
 *
 * These read the effective policy only, not per-rule settings: a user who turns a PSS rule off in
 * settings while keeping its level does not get the catalog rule back (see the report on engine hooks).
 */
import type { PodView } from '../../document/workloads';
import type { PodSecurityPolicy } from '../../pss/policy';
import { isWindowsPod, usesUserNamespace } from '../pss/anchors';

/** baseline `hostPathVolumes` and restricted `restrictedVolumes` both forbid every hostPath volume. */
export function pssForbidsHostPath(policy: PodSecurityPolicy): boolean {
  return policy.level !== 'privileged';
}

/** restricted `capabilities_restricted` (v1.22+): every container drops ALL; Windows pods exempt from v1.25. */
export function pssRequiresDropAll(policy: PodSecurityPolicy, pod: PodView): boolean {
  return policy.level === 'restricted' && policy.minor >= 22 && !(policy.minor >= 25 && isWindowsPod(pod));
}

/** restricted `seccompProfile_restricted`: RuntimeDefault or Localhost everywhere; Windows pods exempt from v1.25. */
export function pssRequiresSeccomp(policy: PodSecurityPolicy, pod: PodView): boolean {
  return policy.level === 'restricted' && !(policy.minor >= 25 && isWindowsPod(pod));
}

/** restricted `runAsUser` (v1.23+): no UID 0; waived for pods in a user namespace from v1.35. */
export function pssForbidsRootUser(policy: PodSecurityPolicy, pod: PodView): boolean {
  return policy.level === 'restricted' && policy.minor >= 23 && !(policy.minor >= 35 && usesUserNamespace(pod));
}
