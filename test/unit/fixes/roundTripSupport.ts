/**
 * The round-trip property of an offered edit: apply it, re-analyse, and check that the YAML still parses,
 * the targeted finding is gone (or suppressed), no finding appears that was not there, and every byte
 * outside the edited ranges is unchanged.
 */
import { analyzeText } from '../../../server/src/analysis/fileAnalysis';
import type { EngineSettings } from '../../../server/src/analysis/settings';
import { workspaceOf } from '../../../server/src/analysis/workspaceView';
import { parseManifests, type ParsedFile } from '../../../server/src/document/parseManifests';
import type { OffsetEdit } from '../../../server/src/fixes/textEdit';
import type { Finding } from '../../../server/src/rules/rule';

export function analyse(text: string, settings: EngineSettings): { parsed: ParsedFile; findings: Finding[] } {
  const parsed = parseManifests(text);
  const workspace = workspaceOf(parsed.documents.flatMap((d) => d.objects));
  return { parsed, findings: [...analyzeText(text, { settings, workspace }, parsed).findings] };
}

/** Where a finding is, independent of offsets: rule, object, container. */
export function findingKey(f: Finding): string {
  return [f.ruleId, f.object.documentIndex, f.object.itemIndex ?? '-', f.container ? `${f.container.list}/${f.container.index}` : '-'].join('|');
}

function counts(findings: readonly Finding[], suppressed: boolean): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) if (Boolean(f.suppressed) === suppressed) m.set(findingKey(f), (m.get(findingKey(f)) ?? 0) + 1);
  return m;
}

function errorCount(parsed: ParsedFile): number {
  return parsed.documents.reduce((n, d) => n + d.yaml.errors.length, 0);
}

/** Applies edits, checking they are sorted-disjoint and within [lo, hi); returns the text and the unchanged-bytes check. */
export function applyChecked(text: string, edits: readonly OffsetEdit[], lo: number, hi: number): { text: string; problem?: string } {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) return { text, problem: 'overlapping edits' };
    if (e.start < lo || e.end > hi) return { text, problem: `edit [${e.start},${e.end}) outside the object's document [${lo},${hi})` };
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  out += text.slice(at);
  // Independently of how the text was built: the bytes before the first and after the last edit are the original's.
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first && last) {
    const tail = text.length - last.end;
    if (out.slice(0, first.start) !== text.slice(0, first.start) || out.slice(out.length - tail) !== text.slice(last.end)) return { text: out, problem: 'bytes outside the edits changed' };
  }
  return { text: out };
}

export interface Expectation {
  /** Findings that must be gone (or, for suppressions, now suppressed). */
  readonly targets: readonly Finding[];
  readonly mode: 'fixed' | 'suppressed';
  /**
   * Rules that stay silent while the fixed problem is present (documented masking, e.g. no NET_RAW
   * finding on a privileged container): their findings may surface after the fix. Counted, not failed.
   */
  readonly unmasks?: ReadonlySet<string>;
}

export interface CheckOutcome {
  readonly problems: string[];
  /** Findings of masked rules that surfaced (allowed by `unmasks`). */
  readonly unmasked: number;
}

/** The problems of an edit's result, or [] when the property holds. */
export function checkResult(before: { parsed: ParsedFile; findings: readonly Finding[] }, after: { parsed: ParsedFile; findings: readonly Finding[] }, exp: Expectation): CheckOutcome {
  const problems: string[] = [];
  let unmasked = 0;
  if (errorCount(after.parsed) > errorCount(before.parsed)) problems.push('the YAML no longer parses');
  const b = counts(before.findings, false);
  const a = counts(after.findings, false);
  const drop = new Map<string, number>();
  for (const t of exp.targets) drop.set(findingKey(t), (drop.get(findingKey(t)) ?? 0) + 1);
  for (const [key, n] of drop) {
    const left = a.get(key) ?? 0;
    if (left > (b.get(key) ?? 0) - n) problems.push(`${key} not ${exp.mode} (${b.get(key)} → ${left})`);
  }
  for (const [key, n] of a) {
    // Suppression notices are about the edit itself and are checked by the suppression tests.
    if (key.startsWith('unused-suppression|')) continue;
    if (n <= (b.get(key) ?? 0)) continue;
    if (exp.unmasks?.has(key.slice(0, key.indexOf('|')))) unmasked += n - (b.get(key) ?? 0);
    else problems.push(`new finding ${key}`);
  }
  if (exp.mode === 'suppressed') {
    const bs = counts(before.findings, true);
    const as = counts(after.findings, true);
    for (const [key, n] of drop) if ((as.get(key) ?? 0) < (bs.get(key) ?? 0) + n) problems.push(`${key} not marked suppressed`);
  }
  return { problems, unmasked };
}
