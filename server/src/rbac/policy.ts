/**
 * The effective-permissions engine over a set of roles and bindings: who is granted which rule where,
 * whether a request is allowed, and who can make a request. Mirrors the RBAC authorizer: ClusterRoleBindings
 * grant everywhere; a RoleBinding grants (its Role, or a ClusterRole) only within its own namespace.
 */
import type { K8sObject } from '../document/k8sObject';
import { isClusterScoped } from './clusterScoped';
import { appliesTo, identityKey, identityOfSubject } from './identity';
import { ruleAllows, ruleAllowsSomeNames, type RequestAttributes } from './matching';
import type { BindingDef, Identity, RoleDef, SubjectDef } from './model';
import type { PolicyRule } from './policyRule';
import { readRbac } from './readManifests';
import { RoleCatalog, type RoleResolution } from './roleCatalog';

export interface Grant {
  readonly binding: BindingDef;
  /** The subject entry of the binding that applies. */
  readonly subject: SubjectDef;
  /** Set when the subject applies through a group the identity belongs to implicitly. */
  readonly viaGroup?: string;
  /** The role the binding refers to. */
  readonly role: RoleDef;
  readonly rule: PolicyRule;
  /** The role whose `rules` hold `rule`: `role` itself, or a ClusterRole aggregated into it. */
  readonly ruleOwner: RoleDef;
  /** The namespace the grant applies in (a RoleBinding's); undefined: cluster-wide. */
  readonly namespace?: string;
}

export interface BindingIssue {
  readonly binding: BindingDef;
  readonly status: 'missing-role' | 'builtin-role' | 'invalid';
  readonly message: string;
  /** Set when the issue is about one subject entry rather than the role reference. */
  readonly subject?: SubjectDef;
}

/** A request plus where it is made; `namespace` undefined: a cluster-scoped (or all-namespaces) request. */
export interface ScopedRequest extends RequestAttributes {
  readonly namespace?: string;
}

export interface WhoCanEntry {
  readonly identity: Identity;
  /** Grants that allow the request; those with `restrictedTo` allow it only for the named objects. */
  readonly grants: readonly (Grant & { readonly restrictedTo?: readonly string[] })[];
}

export class RbacPolicy {
  readonly catalog: RoleCatalog;
  private readonly resolutions = new Map<BindingDef, RoleResolution>();

  constructor(
    roles: readonly RoleDef[],
    readonly bindings: readonly BindingDef[],
  ) {
    this.catalog = new RoleCatalog(roles);
    for (const b of bindings) this.resolutions.set(b, this.catalog.resolve(b));
  }

  static fromObjects(objects: Iterable<K8sObject>): RbacPolicy {
    const { roles, bindings } = readRbac(objects);
    return new RbacPolicy(roles, bindings);
  }

  resolution(binding: BindingDef): RoleResolution | undefined {
    return this.resolutions.get(binding);
  }

  /** Bindings that grant nothing (or not everything) as written: missing or built-in roles, invalid references or subjects. */
  issues(): BindingIssue[] {
    const out: BindingIssue[] = [];
    for (const b of this.bindings) {
      const r = this.resolutions.get(b)!;
      if (r.status !== 'ok') out.push({ binding: b, status: r.status, message: r.message });
      for (const s of b.subjects) {
        const problem = subjectProblem(s, b);
        if (problem) out.push({ binding: b, status: 'invalid', message: problem, subject: s });
      }
    }
    return out;
  }

  /** Issues of the bindings whose subjects apply to the identity. */
  issuesOf(id: Identity): BindingIssue[] {
    return this.issues().filter((i) => !i.subject && i.binding.subjects.some((s) => appliesTo(s, i.binding, id)));
  }

  /** Every identity the bindings name, once each, in binding order. */
  subjects(): Identity[] {
    const out = new Map<string, Identity>();
    for (const b of this.bindings) {
      for (const s of b.subjects) {
        const id = identityOfSubject(s, b);
        if (id && !out.has(identityKey(id))) out.set(identityKey(id), id);
      }
    }
    return [...out.values()];
  }

  /** Every rule granted to the identity, directly or through its implicit groups, with where it applies. */
  grantsOf(id: Identity): Grant[] {
    const out: Grant[] = [];
    for (const binding of this.bindings) {
      const r = this.resolutions.get(binding)!;
      if (r.status !== 'ok' && r.status !== 'builtin-role') continue;
      const matches = binding.subjects.map((s) => ({ s, m: appliesTo(s, binding, id) })).filter((x) => x.m !== undefined);
      // A binding that names the identity both directly and through a group grants once; direct wins.
      const best = matches.find((x) => !x.m!.viaGroup) ?? matches[0];
      if (!best) continue;
      for (const { rule, owner } of r.rules) {
        out.push({
          binding,
          subject: best.s,
          ...(best.m!.viaGroup ? { viaGroup: best.m!.viaGroup } : {}),
          role: r.role,
          rule,
          ruleOwner: owner,
          ...(binding.kind === 'RoleBinding' ? { namespace: binding.namespace } : {}),
        });
      }
    }
    return out;
  }

  /** Whether the identity may make the request, and the grants that allow it. */
  allows(id: Identity, request: ScopedRequest): { allowed: boolean; grants: Grant[] } {
    const grants = this.grantsOf(id).filter((g) => grantApplies(g, request, 'exact') && ruleAllows(g.rule, request));
    return { allowed: grants.length > 0, grants };
  }

  /**
   * Who can make the request. `namespace` undefined asks about every scope: cluster-wide grants and each
   * namespace's. `extra` adds identities the bindings do not name (e.g. ServiceAccounts defined in the
   * workspace, which group bindings may cover).
   */
  whoCan(request: ScopedRequest, extra: readonly Identity[] = []): WhoCanEntry[] {
    const ids = new Map<string, Identity>();
    for (const id of [...this.subjects(), ...extra]) if (!ids.has(identityKey(id))) ids.set(identityKey(id), id);
    const out: WhoCanEntry[] = [];
    for (const id of ids.values()) {
      const grants: WhoCanEntry['grants'][number][] = [];
      for (const g of this.grantsOf(id)) {
        if (!grantApplies(g, request, 'any')) continue;
        if (ruleAllows(g.rule, request)) grants.push(g);
        else if (ruleAllowsSomeNames(g.rule, request)) grants.push({ ...g, restrictedTo: g.rule.resourceNames });
      }
      if (grants.length > 0) out.push({ identity: id, grants });
    }
    return out;
  }
}

/**
 * Whether a grant's scope covers the request. Requests for cluster-scoped resources and non-resource URLs
 * carry no namespace, so only cluster-wide grants cover them. In `any` mode a request without a namespace
 * is covered by every namespace's grants (who can do it *somewhere*).
 */
function grantApplies(g: Grant, request: ScopedRequest, mode: 'exact' | 'any'): boolean {
  if (g.namespace === undefined) return true;
  const clusterLevel = request.nonResourceURL !== undefined || (request.resource !== undefined && isClusterScoped(request.resource));
  if (clusterLevel) return false;
  if (request.namespace === undefined) return mode === 'any';
  return g.namespace === request.namespace;
}

function subjectProblem(s: SubjectDef, b: BindingDef): string | undefined {
  if (s.kind !== 'User' && s.kind !== 'Group' && s.kind !== 'ServiceAccount') return `Subject kind "${s.kind}" is not User, Group or ServiceAccount: it matches no one.`;
  if (!s.name) return `A ${s.kind} subject needs a name.`;
  if (s.kind === 'ServiceAccount' && !s.namespace && b.kind === 'ClusterRoleBinding') {
    return `ServiceAccount ${s.name} has no namespace: in a ClusterRoleBinding it matches no one (and the API requires it).`;
  }
  return undefined;
}
