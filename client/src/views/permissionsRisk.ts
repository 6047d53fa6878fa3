/**
 * Risk badges for the Permissions tree, from the language server: each loaded rules review is sent as
 * `kubeguard/classifyRbacRules` (one rule per tree entry) so the same rule set that squiggles RBAC
 * manifests badges the live permissions. The client classifies nothing itself.
 */
import { ClassifyRbacRulesRequest, type RbacRule, type RiskFlag } from '../../../server/src/protocol';
import type { PermissionsSnapshot } from '../cluster/snapshot';
import { entryRule, toEntries, toUrlEntries, urlRule } from './permissionsEntries';
import { CLUSTER_KEY, type RiskLookup } from './permissionsNodes';

/** The part of the LanguageClient used here (a stub in unit tests). */
export interface RequestSender {
  sendRequest<R>(method: string, params: unknown): Promise<R>;
}

export class PermissionsRisks implements RiskLookup {
  private flags = new Map<string, readonly (readonly RiskFlag[])[]>();
  /** Which review object each key was classified for: a new session's reviews are classified again. */
  private classified = new Map<string, unknown>();
  private readonly inFlight = new Set<Promise<void>>();
  private generation = 0;
  /** The session's redactor: a server error message could quote anything it was given. */
  private redact: (text: string) => string = (text) => text;
  error: string | undefined;

  constructor(
    private readonly client: RequestSender,
    private readonly onChange: () => void,
    private readonly log: (message: string) => void,
  ) {}

  get(key: string): readonly (readonly RiskFlag[])[] | undefined {
    return this.flags.get(key);
  }

  /** Forgets everything (new session); `redact` cleans error messages before they are shown or logged. */
  reset(redact: (text: string) => string = (text) => text): void {
    this.redact = redact;
    this.generation++;
    this.flags = new Map();
    this.classified = new Map();
    this.error = undefined;
  }

  /** Classifies the reviews of `snap` that are not classified yet. */
  update(snap: PermissionsSnapshot): void {
    let urlsDone = this.classified.has(CLUSTER_KEY);
    for (const [ns, state] of snap.reviews) {
      if (state.status !== 'loaded' || this.classified.get(ns) === state.review) continue;
      this.classified.set(ns, state.review);
      this.classify(ns, toEntries(state.review.resourceRules).map(entryRule), ns);
      if (!urlsDone) {
        // Non-resource URLs are cluster-wide and the same in every review: classified once.
        urlsDone = true;
        this.classified.set(CLUSTER_KEY, state.review);
        this.classify(CLUSTER_KEY, toUrlEntries(state.review.nonResourceRules).map(urlRule), undefined);
      }
    }
  }

  /** Resolves when every classification asked for so far has answered. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private classify(key: string, rules: RbacRule[], namespace: string | undefined): void {
    const generation = this.generation;
    const params: ClassifyRbacRulesRequest.Params = { rules, namespace };
    const p = this.client
      .sendRequest<ClassifyRbacRulesRequest.Result>(ClassifyRbacRulesRequest.method, params)
      .then((result) => {
        if (generation !== this.generation) return;
        if (result.risks.length !== rules.length) throw new Error(`expected ${rules.length} classifications, got ${result.risks.length}`);
        this.flags.set(key, result.risks);
        this.onChange();
      })
      .catch((err: unknown) => {
        if (generation !== this.generation) return;
        const message = this.redact(err instanceof Error ? err.message : String(err));
        if (this.error === undefined) this.log(`Risk classification unavailable: ${message}`);
        this.error = message;
        this.onChange();
      });
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }
}
