/** Parsed file -> findings: selects the rules for each object (kind, settings, PSS policy) and runs them. */
import type { K8sObject } from '../document/k8sObject';
import type { ManifestDocument } from '../document/manifestDocument';
import type { ParsedFile } from '../document/parseManifests';
import { podOf, type ContainerRef } from '../document/workloads';
import { prefixIntent, type Fix } from '../fixes/intent';
import { effectivePolicy, levelRank, type PodSecurityPolicy } from '../pss/policy';
import { RULES } from '../rules/catalog';
import type { Finding, Rule, RuleContext } from '../rules/rule';
import { remember } from '../util/remember';
import { recordingView, type FindingsCache } from './findingsCache';
import { isFragment, pointsAtReadField } from './fragments';
import type { EngineSettings, RuleSetting } from './settings';
import type { WorkspaceView } from './workspaceView';
import { pssSuffix } from './messages';
import { applySuppressions } from './suppressions';

export interface AnalysisInput {
  readonly settings: EngineSettings;
  readonly workspace: WorkspaceView;
  /** Rules to run; the whole catalog by default. */
  readonly rules?: readonly Rule[];
  /** The file's path relative to its workspace folder (or as given to the CLI), for `exclude` patterns. */
  readonly filePath?: string;
  /** Per-document findings kept across analyses (the language server's incremental analysis). */
  readonly cache?: FindingsCache;
  /** Filled with the kinds of objects the rules asked the workspace for (cross-file re-publishing). */
  readonly reads?: Set<string>;
}

/**
 * Every finding of a file, suppressed ones included (with `suppressed` set), plus a notice for each
 * suppression that hides nothing: see suppressions.ts.
 */
export function analyzeFile(file: ParsedFile, input: AnalysisInput): Finding[] {
  const findings: Finding[] = [];
  for (const doc of file.documents) {
    if (doc.objects.length === 0) continue;
    for (const f of documentFindings(doc, input)) findings.push(f);
  }
  return applySuppressions(file, findings, input);
}

/** The rule findings of one document (before suppressions), from the cache when it has them. */
function documentFindings(doc: ManifestDocument, input: AnalysisInput): readonly Finding[] {
  const run = (workspace: WorkspaceView): Finding[] => {
    const out: Finding[] = [];
    const docInput = workspace === input.workspace ? input : { ...input, workspace };
    for (const obj of doc.objects) analyzeObject(obj, docInput, out);
    return out;
  };
  if (input.cache) return input.cache.findings(doc, { settings: input.settings, rules: input.rules, workspace: input.workspace, ...(input.reads ? { reads: input.reads } : {}) }, run);
  return run(input.reads ? recordingView(input.workspace, input.reads) : input.workspace);
}

export function analyzeObject(object: K8sObject, input: AnalysisInput, out: Finding[] = []): Finding[] {
  const pod = podOf(object);
  const policy = effectivePolicy(input.settings.podSecurity, object.namespace, (ns) => input.workspace.namespaceLabels(ns));
  // A patch or fragment gets only the findings about fields it sets (fragments.ts).
  const fragment = pod !== undefined && isFragment(object, pod);
  // One context serves all of the object's rules, and `report` files each finding under the rule
  // running now: rules run synchronously, one at a time. A CLI run checks about a hundred thousand
  // rule-object pairs, and a context and closure for each was most of this function's own time.
  let rule: Rule | undefined;
  let setting: RuleSetting | undefined;
  // Built on the rule's first finding only: most rules find nothing on most objects.
  let suffix: string | undefined;
  const ctx: RuleContext = {
    object,
    pod,
    policy,
    workspace: input.workspace,
    settings: input.settings,
    report(r) {
      if (!rule) return;
      if (fragment && !pointsAtReadField(rule, object, pod, r.span.start)) return;
      const fix = r.fix === null ? undefined : (r.fix ?? declarativeFix(rule, r.container, pod?.specPath));
      suffix ??= rule.pss ? pssSuffix(rule, policy) : '';
      out.push({
        ruleId: rule.id,
        severity: setting?.severity ?? r.severity ?? rule.severity,
        message: r.message + suffix,
        span: r.span,
        object: object.ref,
        objectPath: object.pathInDocument,
        ...(r.container ? { container: { list: r.container.list, index: r.container.index, name: r.container.name, path: r.container.path } } : {}),
        ...(fix ? { fix } : {}),
      });
    },
  };
  for (const candidate of rulesFor(input.rules ?? RULES, object.kind, pod !== undefined, policy)) {
    const candidateSetting = input.settings.rules[candidate.id];
    if (!(candidateSetting?.enabled ?? candidate.enabledByDefault)) continue;
    rule = candidate;
    setting = candidateSetting;
    suffix = undefined;
    try {
      candidate.check(ctx);
    } catch (e) {
      // A rule bug must cost one rule on one object, never the whole file's diagnostics.
      out.push(internalErrorFinding(candidate, object, e));
    }
  }
  // A report after the analysis (a rule that kept `report`) has no rule to be filed under.
  rule = undefined;
  return out;
}

/**
 * The rules of `catalog` that run on an object of `kind` (a workload: one with a pod) under a policy,
 * by kind and PSS applicability (settings are applied by the caller), in catalog order. Selecting
 * them is a pass over the catalog with, for each PSS rule, another over the catalog for overriding
 * checks: done once per catalog, kind, level and version rather than once per object (thousands of
 * objects in a CLI run share a handful of kinds and policies). Catalogs are read-only arrays, so a
 * table keyed by one's identity cannot go stale.
 */
export function rulesFor(catalog: readonly Rule[], kind: string, isWorkload: boolean, policy: Pick<PodSecurityPolicy, 'level' | 'minor'>): readonly Rule[] {
  // Policies have whole, non-negative minor versions; anything else is selected without the table.
  if (!Number.isInteger(policy.minor) || policy.minor < 0) return selectRules(catalog, kind, isWorkload, policy);
  let byKind = plans.get(catalog);
  if (!byKind) {
    byKind = new Map();
    plans.set(catalog, byKind);
  }
  // Kinds come from the text being typed (`kind: Dep`, `Depl`, …): bounded, so a long editing session
  // does not grow the table. Rebuilding it costs one pass per kind and policy.
  const byPolicy = remember(byKind, kind, MAX_KINDS, () => new Map<number, readonly Rule[]>());
  // A number rather than a string key: no string is built per object. levelRank is 0–2.
  const key = policy.minor * 8 + levelRank(policy.level) * 2 + (isWorkload ? 1 : 0);
  let planned = byPolicy.get(key);
  if (!planned) {
    planned = selectRules(catalog, kind, isWorkload, policy);
    byPolicy.set(key, planned);
  }
  return planned;
}

const plans = new WeakMap<readonly Rule[], Map<string, Map<number, readonly Rule[]>>>();
const MAX_KINDS = 1000;

function selectRules(catalog: readonly Rule[], kind: string, isWorkload: boolean, policy: Pick<PodSecurityPolicy, 'level' | 'minor'>): Rule[] {
  return catalog.filter((rule) => appliesToKind(rule, kind, isWorkload) && pssApplies(rule, policy, catalog));
}

function appliesToKind(rule: Rule, kind: string, isWorkload: boolean): boolean {
  return rule.appliesTo === 'workloads' ? isWorkload : rule.appliesTo.includes(kind);
}

/**
 * Whether a PSS rule runs under a policy: its level is within the policy's, the policy version has the
 * check, and no restricted check overrides it at this version (`policy/registry.go`).
 */
export function pssApplies(rule: Rule, policy: Pick<PodSecurityPolicy, 'level' | 'minor'>, catalog: readonly Rule[] = RULES): boolean {
  const pss = rule.pss;
  if (!pss) return true;
  if (policy.level === 'privileged' || levelRank(pss.level) > levelRank(policy.level)) return false;
  if (policy.minor < pss.since) return false;
  if (policy.level === 'restricted') {
    for (const other of catalog) {
      if (other.pss?.overrides === pss.check && policy.minor >= other.pss.since) return false;
    }
  }
  return true;
}

function declarativeFix(rule: Rule, container: ContainerRef | undefined, podSpecPath: readonly (string | number)[] | undefined): Fix | undefined {
  const spec = rule.fix;
  if (!spec) return undefined;
  const prefix = spec.scope === 'container' ? container?.path : spec.scope === 'pod' ? podSpecPath : [];
  if (!prefix) return undefined;
  return { title: spec.title, safe: spec.safe, intents: spec.intents.map((i) => prefixIntent(prefix, i)) };
}

function internalErrorFinding(rule: Rule, object: K8sObject, e: unknown): Finding {
  const kind = object.valueSpan(['kind']) ?? { start: object.document.start, end: object.document.start };
  return {
    ruleId: rule.id,
    severity: 'hint',
    message: `KubeGuard could not evaluate rule ${rule.id} on ${object.label}: ${e instanceof Error ? e.message : String(e)}`,
    span: kind,
    object: object.ref,
    objectPath: object.pathInDocument,
  };
}
