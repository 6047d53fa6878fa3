/**
 * Which bindings give an identity (a workload's ServiceAccount) a risky role, for the manifest rule that
 * flags workloads running as such an account. A binding counts when it applies to the identity directly
 * or through an implicit group (system:serviceaccounts, system:authenticated), and its role grants a
 * critical or high risk in the binding's scope. The default `admin` and `edit` roles, whose rules are
 * not modelled, count as high: both read Secrets and run pods as any ServiceAccount of the namespace.
 */
import { appliesTo, groupsOf, identityKey, serviceAccountUsername, subjectNamespace, usernameOf } from '../identity';
import type { BindingDef, Identity, RoleDef, SubjectDef } from '../model';
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

/** Exported for the test that compares it with a pass over every binding. */
export function computeRiskyBindings(policy: RbacPolicy, id: Identity, bindings: readonly BindingDef[] = candidateBindings(policy, id)): RiskyBinding[] {
  const out: RiskyBinding[] = [];
  for (const binding of bindings) {
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

/**
 * The bindings that may apply to the identity, in policy order: those with a subject that names its
 * username or one of its groups. Each workload's ServiceAccount is asked about, and with thousands of
 * workloads and hundreds of bindings a pass over every subject per account was most of the rule's
 * time; the subjects are indexed once per policy instead. A superset is fine: `appliesTo` decides.
 */
function candidateBindings(policy: RbacPolicy, id: Identity): BindingDef[] {
  let index = subjectIndex.get(policy);
  if (!index) {
    index = indexSubjects(policy.bindings);
    subjectIndex.set(policy, index);
  }
  const username = usernameOf(id);
  const keys = [...(username === undefined ? [] : [userKey(username)]), ...groupsOf(id).map(groupKey)];
  const positions = new Set<number>();
  for (const key of keys) for (const at of index.get(key) ?? []) positions.add(at);
  return [...positions].sort((a, b) => a - b).map((at) => policy.bindings[at]!);
}

const subjectIndex = new WeakMap<RbacPolicy, Map<string, number[]>>();

/**
 * Binding positions by the key of each subject (`appliesTo`'s cases): a User by its name, a Group by its
 * name, a ServiceAccount by the username it stands for (a User identity spelled as a ServiceAccount's
 * username matches it, as in `appliesTo`); subjects of other kinds match no one.
 */
function indexSubjects(bindings: readonly BindingDef[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  bindings.forEach((binding, at) => {
    for (const s of binding.subjects) {
      const key = subjectKey(s, binding);
      if (key === undefined) continue;
      const list = index.get(key);
      if (!list) index.set(key, [at]);
      else if (list[list.length - 1] !== at) list.push(at);
    }
  });
  return index;
}

function subjectKey(s: SubjectDef, binding: BindingDef): string | undefined {
  switch (s.kind) {
    case 'User':
      return userKey(s.name);
    case 'Group':
      return groupKey(s.name);
    case 'ServiceAccount': {
      const namespace = subjectNamespace(s, binding);
      return namespace ? userKey(serviceAccountUsername(namespace, s.name)) : undefined;
    }
    default:
      return undefined;
  }
}

const userKey = (name: string): string => `u:${name}`;
const groupKey = (name: string): string => `g:${name}`;
