/**
 * The four cluster calls KubeGuard makes, through @kubernetes/client-node: who am I
 * (SelfSubjectReview), which namespaces (list), what may I do in a namespace (SelfSubjectRulesReview)
 * and may I do this (SelfSubjectAccessReview). Each call is bounded by the limiter, has a deadline, can
 * be cancelled, and registers the credentials it sends with the redactor.
 */
import type { KubeConfig } from '@kubernetes/client-node/dist/config.js' with { 'resolution-mode': 'import' };
import type { KubernetesObjectApi } from '@kubernetes/client-node/dist/object.js' with { 'resolution-mode': 'import' };
import type { KubernetesListObject, KubernetesObject } from '@kubernetes/client-node/dist/types.js' with { 'resolution-mode': 'import' };
import type { RequestContext, ResponseContext } from '@kubernetes/client-node/dist/gen/http/http.js' with { 'resolution-mode': 'import' };
import type { V1APIResourceList, V1SelfSubjectReview, V1SelfSubjectRulesReview, V1SelfSubjectAccessReview } from '@kubernetes/client-node/dist/gen/models/all.js' with { 'resolution-mode': 'import' };
import type { RbacRule } from '../../../server/src/protocol';
import { Limiter, withDeadline } from './calls';
import { type ClientNode, loadClientNode } from './clientNode';
import { type ContextTarget } from './kubeconfig';
import { type Redactor } from './redact';

export const MAX_IN_FLIGHT = 8;
export const DEFAULT_TIMEOUT_MS = 10_000;

export interface UserInfo {
  readonly username: string;
  readonly uid?: string;
  readonly groups: readonly string[];
  readonly extra: Readonly<Record<string, readonly string[]>>;
}

export interface NonResourceRule {
  readonly verbs: readonly string[];
  readonly nonResourceURLs: readonly string[];
}

/** A SelfSubjectRulesReview status, in the API's own field names. */
export interface RulesReview {
  readonly namespace: string;
  readonly resourceRules: readonly RbacRule[];
  readonly nonResourceRules: readonly NonResourceRule[];
  readonly incomplete: boolean;
  readonly evaluationError?: string;
}

export interface AccessQuery {
  readonly verb: string;
  readonly group?: string;
  readonly resource?: string;
  readonly subresource?: string;
  readonly name?: string;
  readonly namespace?: string;
  /** A non-resource URL such as /healthz; resource fields are then ignored. */
  readonly nonResourcePath?: string;
}

export interface AccessAnswer {
  readonly allowed: boolean;
  readonly denied: boolean;
  readonly reason?: string;
  readonly evaluationError?: string;
}

export interface ClusterApiOptions {
  readonly timeoutMs?: number;
  readonly maxInFlight?: number;
  readonly redactor: Redactor;
}

/** KubernetesObjectApi with discovery exposed (`resource` is protected). */
interface ObjectApi extends KubernetesObjectApi {
  offers(apiVersion: string, kind: string): Promise<boolean>;
}

const strings = (value: readonly string[] | undefined): string[] => (value ?? []).filter((v) => typeof v === 'string');

export class ClusterApi {
  readonly limiter: Limiter;
  private readonly timeoutMs: number;
  private readonly redactor: Redactor;
  /** Discovery answers shared by every call of this context (KubernetesObjectApi caches per instance). */
  private readonly discoveryCache: Record<string, V1APIResourceList> = {};
  private readonly discovery = new Map<string, Promise<boolean>>();

  private constructor(
    private readonly cn: ClientNode,
    private readonly kc: KubeConfig,
    readonly target: ContextTarget,
    options: ClusterApiOptions,
  ) {
    this.limiter = new Limiter(options.maxInFlight ?? MAX_IN_FLIGHT);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.redactor = options.redactor;
  }

  /** `kc` must already point at `target.context` (selectContext does that). */
  static async create(kc: KubeConfig, target: ContextTarget, options: ClusterApiOptions): Promise<ClusterApi> {
    return new ClusterApi(await loadClientNode(), kc, target, options);
  }

  /**
   * A KubernetesObjectApi for one call: the signal reaches node-fetch through a request middleware,
   * which also hands every credential that goes on the wire (exec-plugin tokens included) to the redactor.
   */
  private objectApi(signal: AbortSignal): ObjectApi {
    const { createConfiguration, ServerConfiguration, KubernetesObjectApi } = this.cn;
    const redactor = this.redactor;
    const config = createConfiguration({
      baseServer: new ServerConfiguration(this.target.server, {}),
      authMethods: { default: this.kc },
      promiseMiddleware: [
        {
          pre: (ctx: RequestContext) => {
            ctx.setSignal(signal);
            const headers = ctx.getHeaders();
            redactor.add(headers.Authorization ?? headers.authorization);
            const agentOptions = (ctx.getAgent() as { options?: { key?: unknown; cert?: unknown } } | undefined)?.options;
            for (const v of [agentOptions?.key, agentOptions?.cert]) if (typeof v === 'string' || Buffer.isBuffer(v)) redactor.add(v);
            return Promise.resolve(ctx);
          },
          post: (rsp: ResponseContext) => Promise.resolve(rsp),
        },
      ],
    });
    const cache = this.discoveryCache;
    class SharedDiscoveryApi extends KubernetesObjectApi implements ObjectApi {
      constructor() {
        super(config);
        this.apiVersionResourceCache = cache;
      }
      async offers(apiVersion: string, kind: string): Promise<boolean> {
        return (await this.resource(apiVersion, kind)) !== undefined;
      }
    }
    return new SharedDiscoveryApi();
  }

  private call<T>(work: (api: ObjectApi) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.limiter.run(() => withDeadline((s) => work(this.objectApi(s)), this.timeoutMs, signal), signal);
  }

  /**
   * Whether the server offers `kind` in `apiVersion` (discovery, once per group version). A 404 on the
   * group version means "not offered"; other failures propagate.
   */
  offers(apiVersion: string, kind: string, signal?: AbortSignal): Promise<boolean> {
    const key = `${apiVersion}/${kind}`;
    let known = this.discovery.get(key);
    if (!known) {
      known = this.call(async (api) => {
        try {
          return await api.offers(apiVersion, kind);
        } catch (err) {
          if ((err as { code?: unknown }).code === 404) return false;
          throw err;
        }
      }, signal);
      // A failed lookup is retried by the next caller rather than cached.
      known.catch(() => this.discovery.delete(key));
      this.discovery.set(key, known);
    }
    return known;
  }

  /** The identity the cluster sees, or undefined when the server does not offer SelfSubjectReview. */
  async whoAmI(signal?: AbortSignal): Promise<UserInfo | undefined> {
    if (!(await this.offers('authentication.k8s.io/v1', 'SelfSubjectReview', signal))) return undefined;
    const review = await this.call(
      (api) => api.create<V1SelfSubjectReview>({ apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview', metadata: {} }),
      signal,
    );
    const info = review.status?.userInfo;
    const extra: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(info?.extra ?? {})) extra[k] = strings(v);
    return { username: info?.username ?? '', uid: info?.uid, groups: strings(info?.groups), extra };
  }

  async listNamespaces(signal?: AbortSignal): Promise<string[]> {
    await this.offers('v1', 'Namespace', signal);
    const list = await this.call<KubernetesListObject<KubernetesObject>>((api) => api.list('v1', 'Namespace'), signal);
    return list.items.map((ns) => ns.metadata?.name ?? '').filter((n) => n.length > 0).sort();
  }

  async rulesReview(namespace: string, signal?: AbortSignal): Promise<RulesReview> {
    await this.offers('authorization.k8s.io/v1', 'SelfSubjectRulesReview', signal);
    const review = await this.call(
      (api) =>
        api.create<V1SelfSubjectRulesReview>({
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectRulesReview',
          metadata: {},
          spec: { namespace },
        }),
      signal,
    );
    const status = review.status;
    return {
      namespace,
      resourceRules: (status?.resourceRules ?? []).map((r) => ({
        verbs: strings(r.verbs),
        apiGroups: strings(r.apiGroups),
        resources: strings(r.resources),
        resourceNames: strings(r.resourceNames),
      })),
      nonResourceRules: (status?.nonResourceRules ?? []).map((r) => ({ verbs: strings(r.verbs), nonResourceURLs: strings(r.nonResourceURLs) })),
      incomplete: status?.incomplete === true,
      evaluationError: status?.evaluationError ? this.redactor.redact(status.evaluationError) : undefined,
    };
  }

  async accessReview(query: AccessQuery, signal?: AbortSignal): Promise<AccessAnswer> {
    await this.offers('authorization.k8s.io/v1', 'SelfSubjectAccessReview', signal);
    const spec = query.nonResourcePath
      ? { nonResourceAttributes: { path: query.nonResourcePath, verb: query.verb } }
      : {
          resourceAttributes: {
            verb: query.verb,
            group: query.group,
            resource: query.resource,
            subresource: query.subresource,
            name: query.name,
            namespace: query.namespace,
          },
        };
    const review = await this.call(
      (api) => api.create<V1SelfSubjectAccessReview>({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', metadata: {}, spec }),
      signal,
    );
    const status = review.status;
    return {
      allowed: status?.allowed === true,
      denied: status?.denied === true,
      reason: status?.reason ? this.redactor.redact(status.reason) : undefined,
      evaluationError: status?.evaluationError ? this.redactor.redact(status.evaluationError) : undefined,
    };
  }
}
