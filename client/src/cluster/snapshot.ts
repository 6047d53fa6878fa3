/**
 * What the Permissions view shows, as plain data: the result (so far) of loading one context. It holds
 * names, URLs, rules and classified failures only; never the KubeConfig or a credential, so it can be
 * logged, compared in tests and rendered without redaction worries.
 */
import type { UserInfo, RulesReview } from './clusterApi';
import type { ClusterFailure } from './failures';
import type { ContextTarget } from './kubeconfig';
import type { KubeconfigFiles } from './kubeconfigFiles';

export type Phase = 'untrusted' | 'noKubeconfig' | 'failed' | 'loading' | 'ready';

export type IdentityState =
  | { readonly status: 'loading' }
  | { readonly status: 'known'; readonly user: UserInfo }
  | { readonly status: 'unavailable'; readonly reason: string }
  | { readonly status: 'failed'; readonly failure: ClusterFailure };

export type NamespaceState =
  /** Not requested yet: too many namespaces to review them all up front; expanding the node loads it. */
  | { readonly status: 'pending' }
  | { readonly status: 'loading' }
  | { readonly status: 'loaded'; readonly review: RulesReview }
  | { readonly status: 'failed'; readonly failure: ClusterFailure };

export interface NamespacesState {
  readonly status: 'loading' | 'listed' | 'fallback';
  /** Listed from the cluster, or (fallback) the context's namespace plus kubeguard.rbac.namespaces. */
  readonly all: readonly string[];
  /** `all` after the namespace filter. */
  readonly shown: readonly string[];
  readonly filtered: boolean;
  /** Why listing failed (403) when status is fallback. */
  readonly listFailure?: ClusterFailure;
}

export interface PermissionsSnapshot {
  readonly phase: Phase;
  readonly files?: KubeconfigFiles;
  /** Context names of the kubeconfig, for the switch-context picker. */
  readonly contexts: readonly string[];
  readonly target?: ContextTarget;
  /** Why the phase is failed / untrusted / noKubeconfig. */
  readonly failure?: ClusterFailure;
  readonly identity?: IdentityState;
  readonly namespaces?: NamespacesState;
  readonly reviews: ReadonlyMap<string, NamespaceState>;
}

export const EMPTY_SNAPSHOT: PermissionsSnapshot = { phase: 'loading', contexts: [], reviews: new Map() };
