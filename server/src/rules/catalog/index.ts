/** The rule catalog: every rule KubeGuard has, in one list. Ids are checked for uniqueness at load time. */
import { PSS_RULES } from '../pss';
import type { Rule } from '../rule';
import { API_VERSION_RULES } from './apiVersions';
import { CLUSTER_POLICY_RULES } from './clusterPolicies';
import { COMMAND_RULES } from './commands';
import { CONTAINER_HARDENING_RULES } from './containerHardening';
import { HOST_MOUNT_RULES } from './hostMounts';
import { IMAGE_RULES } from './images';
import { NAMESPACE_RULES } from './namespaces';
import { POD_ISOLATION_RULES } from './podIsolation';
import { PORT_RULES } from './ports';
import { PROBE_RULES } from './probes';
import { RESOURCE_RULES } from './resources';
import { SECRET_RULES } from './secrets';
import { SERVICE_ACCOUNT_RULES } from './serviceAccounts';
import { USER_ID_RULES } from './userIds';
import { NETWORK_EXPOSURE_RULES } from './networkExposure';
import { NETWORK_POLICY_RULES } from './networkPolicies';
import { RBAC_BINDING_RULES } from './rbacBindings';
import { RBAC_PRIVILEGE_RULES } from './rbacPrivilegeRules';
import { RBAC_RESOURCE_ACCESS_RULES } from './rbacResourceAccessRules';
import { WORKSPACE_REFERENCE_RULES } from './workspaceReferences';

export const RULES: readonly Rule[] = [
  ...PSS_RULES,
  // Single-object rules beyond PSS, by catalog group (C–I, L).
  ...CONTAINER_HARDENING_RULES,
  ...USER_ID_RULES,
  ...POD_ISOLATION_RULES,
  ...PORT_RULES,
  ...COMMAND_RULES,
  ...HOST_MOUNT_RULES,
  ...SECRET_RULES,
  ...SERVICE_ACCOUNT_RULES,
  ...IMAGE_RULES,
  ...RESOURCE_RULES,
  ...PROBE_RULES,
  ...NAMESPACE_RULES,
  ...API_VERSION_RULES,
  ...CLUSTER_POLICY_RULES,
  // Cross-object rules: they read the workspace (groups J and K, SEC-SA-MISSING, RES-NS-LIMITRANGE).
  ...NETWORK_POLICY_RULES,
  ...NETWORK_EXPOSURE_RULES,
  ...RBAC_PRIVILEGE_RULES,
  ...RBAC_RESOURCE_ACCESS_RULES,
  ...RBAC_BINDING_RULES,
  ...WORKSPACE_REFERENCE_RULES,
];

const byId = new Map<string, Rule>();
for (const r of RULES) {
  if (byId.has(r.id)) throw new Error(`Duplicate rule id in the catalog: ${r.id}`);
  byId.set(r.id, r);
}

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}
