/**
 * The RBAC facts of a workspace for the Workspace RBAC view and who-can: every subject the bindings name
 * (plus the ServiceAccounts defined in the workspace, which group bindings may cover) with its effective
 * permissions, and the bindings that grant nothing as written.
 */
import type { K8sObject } from '../document/k8sObject';
import { identityKey, identityLabel } from './identity';
import { ruleAllows } from './matching';
import { DEFAULT_NAMESPACE, type Identity } from './model';
import { byScope, expandGrant, permissionsOf, type PermissionRow } from './permissions';
import { RbacPolicy, type BindingIssue, type ScopedRequest } from './policy';
import type { PolicyRule } from './policyRule';
import { RBAC_KINDS, isRbacObject } from './readManifests';

/** What the report reads: the workspace's objects by kind (the workspace index's view, or any list). */
export interface ObjectsByKind {
  objectsOfKind(kind: string): readonly K8sObject[];
}

/** Kinds whose objects change the report: the RBAC kinds and ServiceAccounts. */
export const REPORT_KINDS: readonly string[] = [...RBAC_KINDS, 'ServiceAccount'];

export interface SubjectReport {
  readonly identity: Identity;
  readonly label: string;
  readonly rows: readonly PermissionRow[];
  /** Bindings naming this subject that grant nothing (or not everything) as written. */
  readonly issues: readonly BindingIssue[];
}

export interface WorkspaceReport {
  readonly rbacObjects: number;
  readonly subjects: readonly SubjectReport[];
  readonly issues: readonly BindingIssue[];
}

export function rbacObjectsOf(view: ObjectsByKind): K8sObject[] {
  return RBAC_KINDS.flatMap((k) => view.objectsOfKind(k)).filter(isRbacObject);
}

export function policyOf(view: ObjectsByKind): RbacPolicy {
  return RbacPolicy.fromObjects(rbacObjectsOf(view));
}

/** ServiceAccounts defined in the workspace, as identities. */
export function workspaceServiceAccounts(view: ObjectsByKind): Identity[] {
  return view
    .objectsOfKind('ServiceAccount')
    .filter((o) => o.apiVersion === 'v1' && o.name)
    .map((o) => ({ kind: 'ServiceAccount', namespace: o.namespace ?? DEFAULT_NAMESPACE, name: o.name! }));
}

export function workspaceReport(view: ObjectsByKind): WorkspaceReport {
  const objects = rbacObjectsOf(view);
  const policy = RbacPolicy.fromObjects(objects);
  const ids = new Map<string, Identity>();
  for (const id of [...policy.subjects(), ...workspaceServiceAccounts(view)]) if (!ids.has(identityKey(id))) ids.set(identityKey(id), id);
  const subjects: SubjectReport[] = [];
  for (const identity of ids.values()) {
    const rows = permissionsOf(policy, identity);
    const issues = policy.issuesOf(identity);
    if (rows.length === 0 && issues.length === 0) continue;
    subjects.push({ identity, label: identityLabel(identity), rows: [...byScope(rows).values()].flat(), issues });
  }
  subjects.sort((a, b) => kindRank(a.identity) - kindRank(b.identity) || compare(a.label, b.label));
  return { rbacObjects: objects.length, subjects, issues: policy.issues() };
}

export interface WhoCanReportEntry {
  readonly identity: Identity;
  readonly label: string;
  /** One row per grant that allows the request (the rule's row for the requested resource). */
  readonly rows: readonly (PermissionRow & { readonly restrictedTo?: readonly string[] })[];
}

export function whoCanReport(view: ObjectsByKind, request: ScopedRequest): WhoCanReportEntry[] {
  const policy = policyOf(view);
  return policy.whoCan(request, workspaceServiceAccounts(view)).map((e) => ({
    identity: e.identity,
    label: identityLabel(e.identity),
    rows: e.grants.flatMap((g) => {
      // The grant's rule may hold several resources and groups: keep the rows that cover the request.
      const covering = expandGrant(g).filter((r) => !r.ineffective && ruleAllows(rowRule(r), { ...request, name: undefined }));
      return covering.map((r) => ({ ...r, ...(g.restrictedTo ? { restrictedTo: g.restrictedTo } : {}) }));
    }),
  }));
}

/** A row as a one-entry rule (names dropped: who-can reports name restrictions separately). */
function rowRule(r: PermissionRow): PolicyRule {
  return {
    verbs: r.verbs,
    apiGroups: r.apiGroup === undefined ? [] : [r.apiGroup],
    resources: r.resource === undefined ? [] : [r.resource],
    resourceNames: [],
    nonResourceURLs: r.nonResourceURL === undefined ? [] : [r.nonResourceURL],
  };
}

const KIND_ORDER = ['User', 'Group', 'ServiceAccount'];

function kindRank(id: Identity): number {
  return KIND_ORDER.indexOf(id.kind);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
