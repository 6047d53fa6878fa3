/**
 * Applies suppressions to a file's findings. Suppressed findings are kept (with `suppressed` set) so the
 * editor and the CLI can count and show them; nothing is dropped. Each in-manifest directive is checked
 * for use: one that names an unknown rule, or hides nothing, becomes an `unused-suppression` finding so
 * stale suppressions get noticed. Settings-level exclusions apply even in strict mode; in-manifest ones
 * do not, and in strict mode each directive gets an `ignored-suppression` hint saying so.
 */
import type { K8sObject } from '../document/k8sObject';
import type { ParsedFile } from '../document/parseManifests';
import { ruleById } from '../rules/catalog';
import type { Finding, Severity, Suppression } from '../rules/rule';
import type { EngineSettings } from './settings';
import { fileExclusion, namespaceExclusion } from './suppressionsSettings';
import { findDirectives, type Directive } from './suppressionsSyntax';

export const UNUSED_SUPPRESSION = 'unused-suppression';
export const IGNORED_SUPPRESSION = 'ignored-suppression';

/** A suppression and where it came from (`annotation kubeguard.io/ignore`, `kubeguard.exclude`, …). */
export interface SuppressionInfo extends Suppression {
  readonly source: string;
}

/** Where a suppression came from (`annotation kubeguard.io/ignore`, `kubeguard.exclude`, …), else its kind. */
export function suppressionSource(s: Suppression): string {
  return 'source' in s && typeof s.source === 'string' ? s.source : s.by;
}

/**
 * `Suppressed by <source>: <reason>` (or `(no reason given)`), as the diagnostic and the hover say it;
 * `escape` guards the source and reason for Markdown.
 */
export function suppressedByText(s: Suppression, escape: (text: string) => string = (t) => t): string {
  return `Suppressed by ${escape(suppressionSource(s))}${s.reason !== undefined ? `: ${escape(s.reason)}` : ' (no reason given)'}`;
}

export interface SuppressionInput {
  readonly settings: EngineSettings;
  /** Workspace-relative path of the file (for `exclude`); unknown paths are never excluded. */
  readonly filePath?: string;
}

export function applySuppressions(file: ParsedFile, findings: readonly Finding[], input: SuppressionInput): Finding[] {
  const excludedFile = fileExclusion(input.settings, input.filePath);
  if (excludedFile) return findings.map((f) => suppress(f, { by: 'settings', reason: excludedFile, source: 'kubeguard.exclude' }));
  const { out, usages } = evaluate(file, findings, input.settings);
  out.push(...notices(file, usages, input.settings));
  return out;
}

/** A directive and the rule ids it actually hid. */
export interface DirectiveUsage {
  readonly directive: Directive;
  readonly used: ReadonlySet<string>;
}

/** The rule ids of a directive that hide nothing or are unknown: what "remove unused suppression" drops. */
export function unusedRuleIds(u: DirectiveUsage): string[] {
  return u.directive.ruleIds.filter((r) => !ruleById(r) || !u.used.has(r));
}

/**
 * How each in-manifest directive of a file is used by these findings (suppression flags and notices in
 * `findings` are ignored, so an analysis' own findings can be passed back in).
 */
export function directiveUsages(file: ParsedFile, findings: readonly Finding[], settings: EngineSettings): DirectiveUsage[] {
  const raw = findings.filter((f) => f.ruleId !== UNUSED_SUPPRESSION && f.ruleId !== IGNORED_SUPPRESSION);
  return evaluate(file, raw, { ...settings, strict: false }).usages;
}

function evaluate(file: ParsedFile, findings: readonly Finding[], settings: EngineSettings): { out: Finding[]; usages: DirectiveUsage[] } {
  // Most files have no directive and most settings exclude no namespace: then nothing is suppressed, and
  // the per-finding work below (about 0.7 ms per keystroke at 10,000 lines) is skipped.
  if ((settings.excludeNamespaces ?? []).length === 0) {
    const directives = findDirectives(file);
    if (directives.length === 0) return { out: [...findings], usages: [] };
  }
  const objects = new Map<string, K8sObject>();
  for (const d of file.documents) for (const o of d.objects) objects.set(objectKey(o.ref), o);
  const nsExcluded = new Map<string, string | undefined>();
  const excludedNs = (o: K8sObject): string | undefined => {
    const key = objectKey(o.ref);
    if (!nsExcluded.has(key)) nsExcluded.set(key, namespaceExclusion(settings, o));
    return nsExcluded.get(key);
  };

  const directives = findDirectives(file).filter((d) => !directiveExcluded(d, file, excludedNs));
  const used = directives.map(() => new Set<string>());
  const out: Finding[] = [];
  for (const f of findings) {
    const object = objects.get(objectKey(f.object));
    const ns = object ? excludedNs(object) : undefined;
    if (ns) {
      out.push(suppress(f, { by: 'settings', reason: ns, source: 'kubeguard.excludeNamespaces' }));
      continue;
    }
    if (settings.strict) {
      out.push(f);
      continue;
    }
    let best: Directive | undefined;
    directives.forEach((d, i) => {
      if (!d.ruleIds.includes(f.ruleId) || !covers(d, f)) return;
      used[i]!.add(f.ruleId);
      if (!best || specificity(d) > specificity(best)) best = d;
    });
    const by: Directive | undefined = best;
    out.push(by ? suppress(f, { by: by.by, reason: by.reason, source: by.label }) : f);
  }
  return { out, usages: directives.map((directive, i) => ({ directive, used: used[i]! })) };
}

function suppress(f: Finding, s: SuppressionInfo): Finding {
  return { ...f, suppressed: s };
}

/** Identity of an object within its file, as findings carry it. */
function objectKey(ref: { documentIndex: number; itemIndex?: number }): string {
  return `${ref.documentIndex}/${ref.itemIndex ?? ''}`;
}

function covers(d: Directive, f: Finding): boolean {
  switch (d.scope.kind) {
    case 'file':
      return true;
    case 'line':
      return f.span.start >= d.scope.lineStart && f.span.start <= d.scope.lineEnd;
    case 'object':
      return objectKey(d.scope.object.ref) === objectKey(f.object);
    case 'container':
      return objectKey(d.scope.object.ref) === objectKey(f.object) && f.container?.name === d.scope.container;
  }
}

/** The most specific directive is the one a suppressed finding names. */
function specificity(d: Directive): number {
  return { line: 3, container: 2, object: 1, file: 0 }[d.scope.kind];
}

/** A directive on an object whose findings settings already exclude is not checked for use. */
function directiveExcluded(d: Directive, file: ParsedFile, excludedNs: (o: K8sObject) => string | undefined): boolean {
  const o = ownerObject(d, file);
  return o !== undefined && excludedNs(o) !== undefined && d.scope.kind !== 'file';
}

/** The object a directive belongs to: its annotated object, or the object holding a comment's target line. */
function ownerObject(d: Directive, file: ParsedFile): K8sObject | undefined {
  if (d.scope.kind === 'object' || d.scope.kind === 'container') return d.scope.object;
  const at = d.scope.kind === 'line' ? d.scope.lineStart : d.span.start;
  const doc = file.documents.find((x) => at >= x.start && at < x.end) ?? file.documents.find((x) => x.objects.length > 0);
  if (!doc || doc.objects.length === 0) return file.documents.flatMap((x) => x.objects)[0];
  const inside = doc.objects.find((o) => {
    const r = o.root.range;
    return r !== undefined && r !== null && at >= doc.start + r[0] && at < doc.start + r[2];
  });
  return inside ?? doc.objects[0];
}

function notices(file: ParsedFile, usages: readonly DirectiveUsage[], settings: EngineSettings): Finding[] {
  const strict = settings.strict;
  const id = strict ? IGNORED_SUPPRESSION : UNUSED_SUPPRESSION;
  const setting = settings.rules[id];
  if (setting?.enabled === false) return [];
  const severity: Severity = setting?.severity ?? (strict ? 'hint' : 'information');
  const out: Finding[] = [];
  for (const { directive: d, used } of usages) {
    const object = ownerObject(d, file);
    if (!object) continue;
    const base = { ruleId: id, severity, span: d.span, object: object.ref, objectPath: object.pathInDocument };
    if (strict) {
      out.push({ ...base, message: `This suppression (${d.label}) is ignored because kubeguard.strict is on.` });
      continue;
    }
    if (d.ruleIds.length === 0) {
      out.push({ ...base, message: `This suppression (${d.label}) names no rule id; write the ids before " -- reason".` });
      continue;
    }
    const unknown = d.ruleIds.filter((r) => !ruleById(r));
    const idle = d.ruleIds.filter((r) => ruleById(r) && !used.has(r));
    if (unknown.length === 0 && idle.length === 0) continue;
    const where = d.scope.kind === 'line' ? 'on the next line' : d.scope.kind === 'file' ? 'in this file' : d.scope.kind === 'container' ? `in container "${d.scope.container}"` : `on ${object.label}`;
    const parts = [
      ...(idle.length > 0 ? [`${idle.join(', ')} ${idle.length > 1 ? 'report' : 'reports'} nothing ${where} with the current settings`] : []),
      ...(unknown.length > 0 ? [`${unknown.join(', ')} ${unknown.length > 1 ? 'are not KubeGuard rule ids' : 'is not a KubeGuard rule id'}`] : []),
    ];
    out.push({ ...base, message: `Unused suppression (${d.label}): ${parts.join('; ')}.` });
  }
  return out;
}
