/** Roles, bindings and subjects as the RBAC engine reads them (from manifests, or built in). */
import type { K8sObject } from '../document/k8sObject';
import type { Span } from '../document/span';
import type { PolicyRule } from './policyRule';

export type RoleKind = 'Role' | 'ClusterRole';
export type BindingKind = 'RoleBinding' | 'ClusterRoleBinding';
export type SubjectKind = 'User' | 'Group' | 'ServiceAccount';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

/**
 * A namespaced manifest without `metadata.namespace` lands in the namespace kubectl applies it to: the
 * context's namespace, `default` unless configured. Roles and bindings written that way meet there.
 */
export const DEFAULT_NAMESPACE = 'default';

export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values: readonly string[];
}

/** A `metav1.LabelSelector`: `matchLabels` and `matchExpressions` are ANDed; an empty selector matches all. */
export interface LabelSelector {
  readonly matchLabels: ReadonlyMap<string, string>;
  readonly matchExpressions: readonly LabelSelectorRequirement[];
}

export interface RoleDef {
  readonly kind: RoleKind;
  readonly name: string;
  /** A Role's namespace; undefined for ClusterRoles. */
  readonly namespace?: string;
  readonly labels: ReadonlyMap<string, string>;
  readonly rules: readonly PolicyRule[];
  /** ClusterRoles only: the selectors whose matching ClusterRoles' rules replace `rules`. */
  readonly aggregationRule?: readonly LabelSelector[];
  /** The manifest it was read from; undefined for built-in roles. */
  readonly object?: K8sObject;
  /**
   * Set for the cluster's default roles: what the docs say they grant. `rulesKnown` is false when their
   * default rules are not modelled (only what workspace ClusterRoles aggregate into them is).
   */
  readonly builtin?: { readonly description: string; readonly rulesKnown: boolean };
}

export interface SubjectDef {
  /** `User`, `Group` or `ServiceAccount`; any other kind matches no one. */
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** Position in the binding's `subjects`. */
  readonly index: number;
  readonly span?: Span;
}

export interface RoleRef {
  readonly kind: string;
  readonly name: string;
  readonly apiGroup?: string;
  readonly span?: Span;
}

export interface BindingDef {
  readonly kind: BindingKind;
  readonly name: string;
  /** A RoleBinding's namespace; undefined for ClusterRoleBindings. */
  readonly namespace?: string;
  readonly roleRef: RoleRef;
  readonly subjects: readonly SubjectDef[];
  readonly object?: K8sObject;
}

/** What a user of the engine can name: one user, the members of one group, or one service account. */
export type Identity =
  | { readonly kind: 'User'; readonly name: string }
  | { readonly kind: 'Group'; readonly name: string }
  | { readonly kind: 'ServiceAccount'; readonly namespace: string; readonly name: string };
