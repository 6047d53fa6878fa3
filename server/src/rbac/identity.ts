/**
 * Who a binding's subject is, and which subjects apply to an identity, as the RBAC authorizer decides it
 * (`appliesToUser` in plugin/pkg/auth/authorizer/rbac/subject_locator.go and rbac.go).
 */
import type { BindingDef, Identity, SubjectDef } from './model';

const SA_USER_PREFIX = 'system:serviceaccount:';
export const ALL_SERVICE_ACCOUNTS = 'system:serviceaccounts';
export const AUTHENTICATED = 'system:authenticated';
export const UNAUTHENTICATED = 'system:unauthenticated';
export const ANONYMOUS = 'system:anonymous';
/** The API server allows this group everything before any authorizer runs. */
export const MASTERS = 'system:masters';

/** The username of a ServiceAccount: `system:serviceaccount:<namespace>:<name>`. */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SA_USER_PREFIX}${namespace}:${name}`;
}

/** The namespace a ServiceAccount subject names: its own, or a RoleBinding's when it has none. */
export function subjectNamespace(subject: SubjectDef, binding: BindingDef): string | undefined {
  if (subject.namespace) return subject.namespace;
  // The authorizer defaults an empty namespace to the namespace of the request, which for a RoleBinding is
  // the binding's own; ClusterRoleBindings are evaluated with no namespace, so such a subject matches no one.
  return binding.kind === 'RoleBinding' ? binding.namespace : undefined;
}

/** The identity a subject entry stands for, or undefined when it stands for no one (invalid kind, no namespace). */
export function identityOfSubject(subject: SubjectDef, binding: BindingDef): Identity | undefined {
  switch (subject.kind) {
    case 'User': {
      // A User subject spelled as a service account's username is that service account.
      const sa = parseServiceAccountUsername(subject.name);
      return sa ?? { kind: 'User', name: subject.name };
    }
    case 'Group':
      return { kind: 'Group', name: subject.name };
    case 'ServiceAccount': {
      const namespace = subjectNamespace(subject, binding);
      return namespace && subject.name ? { kind: 'ServiceAccount', namespace, name: subject.name } : undefined;
    }
    default:
      return undefined;
  }
}

export function parseServiceAccountUsername(username: string): Identity | undefined {
  if (!username.startsWith(SA_USER_PREFIX)) return undefined;
  const [namespace, name, ...rest] = username.slice(SA_USER_PREFIX.length).split(':');
  return namespace && name && rest.length === 0 ? { kind: 'ServiceAccount', namespace, name } : undefined;
}

export function usernameOf(id: Identity): string | undefined {
  if (id.kind === 'User') return id.name;
  if (id.kind === 'ServiceAccount') return serviceAccountUsername(id.namespace, id.name);
  return undefined;
}

/**
 * The groups an identity is known to belong to. A service account's token carries `system:serviceaccounts`
 * and `system:serviceaccounts:<namespace>`; every authenticated request carries `system:authenticated`.
 * Other memberships come from the credential and are unknown offline. A Group identity stands for the
 * members of that one group.
 */
export function groupsOf(id: Identity): string[] {
  switch (id.kind) {
    case 'ServiceAccount':
      return [ALL_SERVICE_ACCOUNTS, `${ALL_SERVICE_ACCOUNTS}:${id.namespace}`, AUTHENTICATED];
    case 'User':
      return id.name === ANONYMOUS ? [UNAUTHENTICATED] : [AUTHENTICATED];
    case 'Group':
      return [id.name];
  }
}

/** Whether the subject entry of the binding applies to the identity; `viaGroup` when through an implicit group. */
export function appliesTo(subject: SubjectDef, binding: BindingDef, id: Identity): { viaGroup?: string } | undefined {
  switch (subject.kind) {
    case 'User':
      return usernameOf(id) === subject.name ? {} : undefined;
    case 'Group':
      if (!groupsOf(id).includes(subject.name)) return undefined;
      return id.kind === 'Group' ? {} : { viaGroup: subject.name };
    case 'ServiceAccount': {
      const namespace = subjectNamespace(subject, binding);
      return namespace && usernameOf(id) === serviceAccountUsername(namespace, subject.name) ? {} : undefined;
    }
    default:
      return undefined;
  }
}

export function identityKey(id: Identity): string {
  return id.kind === 'ServiceAccount' ? `ServiceAccount:${id.namespace}/${id.name}` : `${id.kind}:${id.name}`;
}

/** "ServiceAccount shop/web", "User jane", "Group manager". */
export function identityLabel(id: Identity): string {
  return id.kind === 'ServiceAccount' ? `ServiceAccount ${id.namespace}/${id.name}` : `${id.kind} ${id.name}`;
}
