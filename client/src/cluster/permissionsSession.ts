/**
 * One load of the permissions of one kubeconfig context: kubeconfig → context → identity and namespaces
 * → one SelfSubjectRulesReview per shown namespace. Progress is published as snapshots; results stay
 * cached in the session until it is replaced (refresh, context switch, kubeconfig change). Nothing here
 * throws: every failure ends up in the snapshot, classified and redacted.
 */
import { setMaxListeners } from 'node:events';
import { type AccessAnswer, type AccessQuery, ClusterApi } from './clusterApi';
import { type CallContext, type ClusterFailure, classifyError } from './failures';
import { loadKubeconfig, selectContext } from './kubeconfig';
import { resolveKubeconfigFiles } from './kubeconfigFiles';
import { Redactor } from './redact';
import { type NamespaceState, type NamespacesState, type PermissionsSnapshot, EMPTY_SNAPSHOT } from './snapshot';

/** More namespaces than this are reviewed on demand (when expanded) rather than all at once. */
export const MAX_EAGER_NAMESPACES = 30;

export type LogLevel = 'info' | 'warn' | 'error';
export type Logger = (level: LogLevel, message: string) => void;

export interface SessionInput {
  readonly trusted: boolean;
  /** `kubeguard.kubeconfig` (ignored when not trusted). */
  readonly kubeconfigSetting?: string;
  /** `kubeguard.rbac.namespaces`: shown when namespaces cannot be listed. */
  readonly extraNamespaces: readonly string[];
  /** Namespaces to show; undefined shows all. */
  readonly namespaceFilter?: readonly string[];
  /** KubeGuard's own context choice; the kubeconfig's current-context otherwise. */
  readonly contextOverride?: string;
  readonly timeoutMs: number;
  readonly maxInFlight?: number;
  /** For tests: the environment and home directory that locate the default kubeconfig. */
  readonly env?: NodeJS.ProcessEnv;
  readonly home?: string;
}

export type CanIResult = { readonly ok: true; readonly answer: AccessAnswer } | { readonly ok: false; readonly failure: ClusterFailure };

export class PermissionsSession {
  readonly redactor = new Redactor();
  private snap: PermissionsSnapshot = EMPTY_SNAPSHOT;
  private api: ClusterApi | undefined;
  private readonly abort = new AbortController();
  private readonly listeners = new Set<(s: PermissionsSnapshot) => void>();
  private readonly pending = new Set<Promise<unknown>>();
  private filter: readonly string[] | undefined;

  constructor(
    private readonly input: SessionInput,
    private readonly logger: Logger,
  ) {
    this.filter = input.namespaceFilter;
    // Every queued or running call listens for cancellation: one listener per namespace is expected.
    setMaxListeners(0, this.abort.signal);
  }

  get snapshot(): PermissionsSnapshot {
    return this.snap;
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /** The limiter's high-water mark; tests check the bound of 8. */
  get peakInFlight(): number {
    return this.api?.limiter.peakRunning ?? 0;
  }

  onDidChange(listener: (s: PermissionsSnapshot) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Stops every call of this session; their namespaces show "cancelled". */
  cancel(): void {
    this.abort.abort();
  }

  /** Resolves once no call of this session is running. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private log(level: LogLevel, message: string): void {
    this.logger(level, this.redactor.redact(message));
  }

  private update(patch: Partial<PermissionsSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const l of this.listeners) l(this.snap);
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p)).catch(() => undefined);
    return p;
  }

  private callContext(operation: string): CallContext {
    const t = this.snap.target;
    return { server: t?.server ?? '', userName: t?.userName ?? '', authMode: t?.authMode ?? 'none', execCommand: t?.execCommand, operation };
  }

  private fail(failure: ClusterFailure): PermissionsSnapshot {
    this.log('warn', `${failure.title}: ${failure.message}${failure.detail ? ` (${failure.detail})` : ''}`);
    this.update({ phase: failure.kind === 'untrusted' ? 'untrusted' : failure.kind === 'noKubeconfig' ? 'noKubeconfig' : 'failed', failure });
    return this.snap;
  }

  /** Loads everything the view shows up front; resolves (never rejects) when those calls settled. */
  async run(): Promise<PermissionsSnapshot> {
    await this.track(this.load().catch((err: unknown) => this.fail(classifyError(err, this.callContext('load permissions'), this.redactor))));
    await this.idle();
    return this.snap;
  }

  private async load(): Promise<PermissionsSnapshot> {
    const input = this.input;
    if (!input.trusted) {
      // Restricted mode: not even the kubeconfig is read, so an exec plugin cannot run either.
      return this.fail({
        kind: 'untrusted',
        title: 'Cluster access is off in this untrusted workspace',
        message: 'KubeGuard makes no cluster calls until you trust this workspace; diagnostics and quick-fixes still work.',
        nextStep: 'Trust the workspace to see your cluster permissions.',
        action: 'manageTrust',
      });
    }
    const files = resolveKubeconfigFiles({ setting: input.kubeconfigSetting, trusted: input.trusted, env: input.env, home: input.home });
    this.update({ files });
    if (files.existing.length === 0) {
      if (files.source === 'default') {
        return this.fail({
          kind: 'noKubeconfig',
          title: 'No kubeconfig',
          message: 'No kubeconfig found: KUBECONFIG is not set and ~/.kube/config does not exist.',
          nextStep: 'Create a kubeconfig (your cluster provider\'s CLI does) or set kubeguard.kubeconfig.',
          action: 'openSettings',
        });
      }
      return this.fail({
        kind: 'kubeconfigMissing',
        title: 'Kubeconfig file not found',
        message: `The ${files.source === 'setting' ? 'kubeguard.kubeconfig setting' : 'KUBECONFIG variable'} names ${files.candidates.join(', ')}, which does not exist.`,
        nextStep: files.source === 'setting' ? 'Fix the path in the kubeguard.kubeconfig setting.' : 'Fix KUBECONFIG, or set kubeguard.kubeconfig.',
        action: 'openSettings',
      });
    }
    const loaded = await loadKubeconfig(files, this.redactor);
    if (!loaded.ok) return this.fail(loaded.failure);
    this.update({ contexts: loaded.value.contexts });
    const selected = selectContext(loaded.value, input.contextOverride);
    if (!selected.ok) return this.fail(selected.failure);
    const target = selected.value;
    this.update({ target, identity: { status: 'loading' } });
    this.log('info', `Loading permissions: context "${target.context}", server ${target.server}, user "${target.userName}" (${target.authMode}) from ${target.files.join(', ')}`);
    if (target.insecureSkipTlsVerify) this.log('warn', `Context "${target.context}": TLS certificate verification is disabled by insecure-skip-tls-verify in the kubeconfig`);
    this.api = await ClusterApi.create(loaded.value.kc, target, { timeoutMs: input.timeoutMs, maxInFlight: input.maxInFlight, redactor: this.redactor });

    const [, namespacesFailure] = await Promise.all([this.loadIdentity(), this.loadNamespaces()]);
    if (namespacesFailure) return this.fail(namespacesFailure);
    this.update({ phase: 'ready' });
    this.reviewShown();
    return this.snap;
  }

  private async loadIdentity(): Promise<void> {
    try {
      const user = await this.api!.whoAmI(this.signal);
      this.update({
        identity: user
          ? { status: 'known', user }
          : { status: 'unavailable', reason: 'This cluster does not offer SelfSubjectReview (authentication.k8s.io/v1, Kubernetes 1.28+).' },
      });
    } catch (err) {
      const failure = classifyError(err, this.callContext('ask who you are (SelfSubjectReview)'), this.redactor);
      this.update({
        identity: failure.kind === 'notFound' ? { status: 'unavailable', reason: 'This cluster does not offer SelfSubjectReview.' } : { status: 'failed', failure },
      });
    }
  }

  /** Returns a failure only when it is fatal (the cluster cannot be used at all). */
  private async loadNamespaces(): Promise<ClusterFailure | undefined> {
    this.update({ namespaces: { status: 'loading', all: [], shown: [], filtered: false } });
    try {
      const names = await this.api!.listNamespaces(this.signal);
      this.log('info', `Namespaces listed: ${names.length}`);
      this.setNamespaces({ status: 'listed', all: names });
      return undefined;
    } catch (err) {
      const failure = classifyError(err, this.callContext('list namespaces'), this.redactor);
      if (failure.kind !== 'forbidden') return failure;
      const fallback = [...new Set([this.snap.target?.namespace ?? 'default', ...this.input.extraNamespaces])].filter((n) => n.length > 0);
      this.log('info', `Namespaces cannot be listed (403); showing ${fallback.join(', ')}`);
      this.setNamespaces({ status: 'fallback', all: fallback, listFailure: failure });
      return undefined;
    }
  }

  private setNamespaces(ns: Pick<NamespacesState, 'status' | 'all' | 'listFailure'>): void {
    const filter = this.filter?.filter((n) => ns.all.includes(n));
    const shown = filter && filter.length > 0 ? filter : ns.all;
    this.update({ namespaces: { ...ns, shown, filtered: shown.length !== ns.all.length } });
  }

  /** Changes the namespace filter; newly shown namespaces are reviewed (cached ones are not asked again). */
  setFilter(filter: readonly string[] | undefined): void {
    this.filter = filter;
    const ns = this.snap.namespaces;
    if (!ns || ns.status === 'loading') return;
    this.setNamespaces(ns);
    if (this.snap.phase === 'ready') this.reviewShown();
  }

  private reviewShown(): void {
    const shown = this.snap.namespaces?.shown ?? [];
    const eager = shown.length <= MAX_EAGER_NAMESPACES;
    const reviews = new Map(this.snap.reviews);
    for (const ns of shown) if (!reviews.has(ns)) reviews.set(ns, { status: 'pending' });
    this.update({ reviews });
    if (eager) for (const ns of shown) void this.review(ns);
  }

  /** Reviews one namespace unless it is loaded or loading; resolves when done. */
  review(namespace: string): Promise<void> {
    const state = this.snap.reviews.get(namespace);
    if (!this.api || (state && state.status !== 'pending' && !(state.status === 'failed' && state.failure.kind === 'cancelled'))) {
      return Promise.resolve();
    }
    this.setReview(namespace, { status: 'loading' });
    return this.track(
      this.api.rulesReview(namespace, this.signal).then(
        (review) => {
          this.log('info', `Rules review "${namespace}": ${review.resourceRules.length} resource rules${review.incomplete ? ', incomplete' : ''}`);
          this.setReview(namespace, { status: 'loaded', review });
        },
        (err: unknown) => {
          const failure = classifyError(err, this.callContext(`review your rules in namespace "${namespace}"`), this.redactor);
          if (failure.kind !== 'cancelled') this.log('warn', `Rules review "${namespace}" failed: ${failure.message}${failure.detail ? ` (${failure.detail})` : ''}`);
          this.setReview(namespace, { status: 'failed', failure });
        },
      ),
    );
  }

  private setReview(namespace: string, state: NamespaceState): void {
    const reviews = new Map(this.snap.reviews);
    reviews.set(namespace, state);
    this.update({ reviews });
  }

  /** SelfSubjectAccessReview: the authoritative answer for one action. */
  async canI(query: AccessQuery, signal?: AbortSignal): Promise<CanIResult> {
    if (!this.api) {
      return { ok: false, failure: this.snap.failure ?? { kind: 'unexpected', title: 'Not connected', message: 'The Permissions view has not loaded a context.', nextStep: 'Refresh the view.', action: 'refresh' } };
    }
    try {
      const answer = await this.track(this.api.accessReview(query, signal));
      this.log('info', `Can I ${query.verb} ${query.nonResourcePath ?? query.resource ?? ''}${query.namespace ? ` in "${query.namespace}"` : ''}: ${answer.allowed ? 'yes' : 'no'}`);
      return { ok: true, answer };
    } catch (err) {
      const failure = classifyError(err, this.callContext('ask a SelfSubjectAccessReview'), this.redactor);
      this.log('warn', `Can I failed: ${failure.message}${failure.detail ? ` (${failure.detail})` : ''}`);
      return { ok: false, failure };
    }
  }
}
