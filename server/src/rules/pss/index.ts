/** The Pod Security Standards rules, one per PSS check of `policy/check_*.go`, baseline first. */
import type { Rule } from '../rule';
import { capabilitiesBaseline, capabilitiesRestricted } from './capabilities';
import { hostPorts, hostProbesLifecycle, windowsHostProcess } from './hostAccess';
import { hostNamespaces } from './hostNamespaces';
import { runAsNonRoot, runAsRootUser } from './nonRoot';
import { allowPrivilegeEscalation, privilegedContainer } from './privilege';
import { procMount, procMountRestricted } from './procMount';
import { seccompProfileBaseline, seccompProfileRestricted } from './seccomp';
import { appArmorProfile, seLinuxOptions } from './securityModules';
import { unsafeSysctls } from './sysctls';
import { hostPathVolumes, restrictedVolumeTypes } from './volumes';

export const PSS_RULES: readonly Rule[] = [
  // Baseline
  hostNamespaces,
  privilegedContainer,
  capabilitiesBaseline,
  hostPathVolumes,
  hostPorts,
  appArmorProfile,
  seLinuxOptions,
  procMount,
  seccompProfileBaseline,
  unsafeSysctls,
  windowsHostProcess,
  hostProbesLifecycle,
  // Restricted
  restrictedVolumeTypes,
  allowPrivilegeEscalation,
  runAsNonRoot,
  runAsRootUser,
  seccompProfileRestricted,
  capabilitiesRestricted,
  procMountRestricted,
];
