/**
 * Which bindings give an identity (a workload's ServiceAccount) a risky role, for the manifest rule that
 * flags workloads running as such an account. A binding counts when it applies to the identity directly
 * or through an implicit group (system:serviceaccounts, system:authenticated), and its role grants a
 * critical or high risk in the binding's scope. The default `admin` and `edit` roles, whose rules are
 * not modelled, count as high: both read Secrets and run pods as any ServiceAccount of the namespace.
 */
import { appliesTo, identityKey } from '../identity';
import type { BindingDef, Identity, RoleDef } from '../model';
import type { RbacPolicy } from '../policy';
import { classifyRule, rank, type RiskMatch } from './classify';
import type { RiskScope, RiskSeverity } from './riskRule';
import { MANIFEST_RISK_RULES } from './manifestRisks';

export interface RiskyBinding {
  readonly binding: BindingDef;
  readonly role: RoleDef;
  readonly scope: RiskScope;
  /** Set when the binding names the identity through a group, e.g. system:serviceaccounts. */
  readonly viaGroup?: string;
  /** The most severe risk first. */
  readonly risks: readonly Pick<RiskMatch, 'id' | 'severity' | 'title' | 'reason'>[];
}

const SERIOUS: readonly RiskSeverity[] = ['critical', 'high'];
const BROAD_DEFAULT_ROLES = new Set(['admin', 'edit']);

type BindingRisks = Omit<RiskyBinding, 'viaGroup'>;

/** Per binding (of one policy): its role's serious risks in the binding's scope, or null when none. */
const byBinding = new WeakMap<BindingDef, BindingRisks | null>();

function risksOfBinding(policy: RbacPolicy, binding: BindingDef): BindingRisks | null {
  const cached = byBinding.get(binding);
  if (cached !== undefined) return cached;
  let out: BindingRisks | null = null;
  const resolution = policy.resolution(binding);
  if (resolution && (resolution.status === 'ok' || resolution.status === 'builtin-role')) {
    const scope: RiskScope = binding.kind === 'ClusterRoleBinding' ? 'cluster' : 'namespace';
    const risks: RiskyBinding['risks'][number][] = [];
    for (const { rule } of resolution.rules) {
      for (const m of classifyRule(rule, scope, MANIFEST_RISK_RULES)) if (SERIOUS.includes(m.severity) && !risks.some((r) => r.id === m.id)) risks.push(m);
    }
    const role = resolution.role;
    if (role.builtin && !role.builtin.rulesKnown && BROAD_DEFAULT_ROLES.has(role.name)) {
      risks.push({ id: `default-role-${role.name}`, severity: 'high', title: `Default role ${role.name}`, reason: role.builtin.description });
    }
    risks.sort((a, b) => rank(a.severity) - rank(b.severity));
    if (risks.length > 0) out = { binding, role, scope, risks };
  }
  byBinding.set(binding, out);
  return out;
}

export function riskyBindingsOf(policy: RbacPolicy, id: Identity): RiskyBinding[] {
  // Asked for each workload's ServiceAccount: workloads sharing an account share the answer, which
  // otherwise costs a pass over every binding of the workspace per workload.
  let known = byIdentity.get(policy);
  if (!known) {
    known = new Map();
    byIdentity.set(policy, known);
  }
  const key = identityKey(id);
  let out = known.get(key);
  if (!out) {
    out = computeRiskyBindings(policy, id);
    known.set(key, out);
  }
  return [...out];
}

const byIdentity = new WeakMap<RbacPolicy, Map<string, RiskyBinding[]>>();

function computeRiskyBindings(policy: RbacPolicy, id: Identity): RiskyBinding[] {
  const out: RiskyBinding[] = [];
  for (const binding of policy.bindings) {
    const matches = binding.subjects.map((s) => appliesTo(s, binding, id)).filter((m) => m !== undefined);
    if (matches.length === 0) continue;
    const risky = risksOfBinding(policy, binding);
    if (!risky) continue;
    // Direct naming wins over a group when the binding does both.
    const direct = matches.some((m) => !m.viaGroup);
    const viaGroup = direct ? undefined : matches[0]!.viaGroup;
    out.push({ ...risky, ...(viaGroup ? { viaGroup } : {}) });
  }
  return out.sort((a, b) => rank(a.risks[0]!.severity) - rank(b.risks[0]!.severity));
}
