/**
 * Finds the role a binding refers to and its effective rules, aggregation included: an aggregated
 * ClusterRole's rules are the union of the rules of every other ClusterRole its selectors match (the
 * controller overwrites whatever its own `rules` say), de-duplicated as the controller does.
 */
import { BUILTIN_CLUSTER_ROLES, systemClusterRole } from './builtinRoles';
import { selectorMatches } from './labelSelector';
import { RBAC_GROUP, type BindingDef, type RoleDef } from './model';
import { sameRule, type PolicyRule } from './policyRule';

/** A rule a role grants, with the role that writes it (another ClusterRole when aggregated). */
export interface EffectiveRule {
  readonly rule: PolicyRule;
  readonly owner: RoleDef;
}

export type RoleResolution =
  | { readonly status: 'ok'; readonly role: RoleDef; readonly rules: readonly EffectiveRule[] }
  /** A default role of the cluster: `rules` are what is known (aggregated from the workspace). */
  | { readonly status: 'builtin-role'; readonly role: RoleDef; readonly rules: readonly EffectiveRule[]; readonly message: string }
  | { readonly status: 'missing-role' | 'invalid'; readonly message: string };

export class RoleCatalog {
  private readonly clusterRoles = new Map<string, RoleDef>();
  private readonly roles = new Map<string, RoleDef>();
  private readonly effective = new Map<RoleDef, readonly EffectiveRule[]>();

  constructor(roles: readonly RoleDef[], builtins: readonly RoleDef[] = BUILTIN_CLUSTER_ROLES) {
    for (const r of builtins) this.clusterRoles.set(r.name, r);
    // Workspace roles win over built-ins of the same name; of duplicates, the first one read wins.
    const seen = new Set<string>();
    for (const r of roles) {
      const key = r.kind === 'ClusterRole' ? r.name : `${r.namespace}/${r.name}`;
      if (seen.has(`${r.kind}:${key}`)) continue;
      seen.add(`${r.kind}:${key}`);
      if (r.kind === 'ClusterRole') this.clusterRoles.set(r.name, r);
      else this.roles.set(key, r);
    }
  }

  clusterRole(name: string): RoleDef | undefined {
    return this.clusterRoles.get(name);
  }

  role(namespace: string, name: string): RoleDef | undefined {
    return this.roles.get(`${namespace}/${name}`);
  }

  /** The rules the role grants, aggregation resolved. */
  rulesOf(role: RoleDef): readonly EffectiveRule[] {
    return this.rulesOfVisiting(role, new Set());
  }

  resolve(binding: BindingDef): RoleResolution {
    const { roleRef } = binding;
    const ref = `${roleRef.kind || '(no kind)'} ${roleRef.name || '(no name)'}`;
    if (roleRef.apiGroup !== RBAC_GROUP) {
      return { status: 'invalid', message: `roleRef.apiGroup must be ${RBAC_GROUP}: the API rejects this binding.` };
    }
    if (roleRef.kind === 'Role' && binding.kind === 'ClusterRoleBinding') {
      return { status: 'invalid', message: 'A ClusterRoleBinding can only refer to a ClusterRole: the API rejects this binding.' };
    }
    if (roleRef.kind !== 'Role' && roleRef.kind !== 'ClusterRole') {
      return { status: 'invalid', message: `roleRef.kind must be Role or ClusterRole, not "${roleRef.kind}".` };
    }
    const role = roleRef.kind === 'Role' ? this.role(binding.namespace ?? '', roleRef.name) : (this.clusterRole(roleRef.name) ?? systemClusterRole(roleRef.name));
    if (!role) {
      const where = roleRef.kind === 'Role' ? ` in namespace ${binding.namespace}` : '';
      return { status: 'missing-role', message: `${ref} is not defined in the workspace${where}: the binding grants nothing until it exists.` };
    }
    const rules = this.rulesOf(role);
    if (role.builtin && !role.builtin.rulesKnown) {
      const extra = rules.length > 0 ? ' Only the rules workspace ClusterRoles aggregate into it are shown.' : '';
      return { status: 'builtin-role', role, rules, message: `${ref} is a default role of the cluster: ${role.builtin.description}${extra}` };
    }
    return { status: 'ok', role, rules };
  }

  private rulesOfVisiting(role: RoleDef, visiting: Set<RoleDef>): readonly EffectiveRule[] {
    const cached = this.effective.get(role);
    if (cached) return cached;
    if (!role.aggregationRule) {
      const own = role.rules.map((rule) => ({ rule, owner: role }));
      this.effective.set(role, own);
      return own;
    }
    // Aggregation cycles (A selects B, B selects A) stop at the role already being expanded.
    if (visiting.has(role)) return [];
    visiting.add(role);
    const out: EffectiveRule[] = [];
    for (const selector of role.aggregationRule) {
      const matched = [...this.clusterRoles.values()]
        .filter((c) => c !== role && c.name !== role.name && selectorMatches(selector, c.labels))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const c of matched) {
        for (const er of this.rulesOfVisiting(c, visiting)) if (!out.some((o) => sameRule(o.rule, er.rule))) out.push(er);
      }
    }
    visiting.delete(role);
    this.effective.set(role, out);
    return out;
  }
}
