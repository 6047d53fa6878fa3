/**
 * The fuzzing of issue 8, shared by the short run in the unit suite (fuzz.test.ts) and `npm run fuzz`
 * (fuzz.runner.ts): manifests mutated from every fixture of the test data (lines deleted, duplicated,
 * grafted from another fixture, values retyped, indentation shifted, anchors and aliases and merge keys
 * added, text truncated, tabs, BOMs, NULs, template braces and arbitrary Unicode injected, CRLF line
 * endings) go through parse → analyse → every kind of offered edit → re-parse.
 *
 * Properties: nothing throws; every finding, problem and notice lies inside the text; every edit lies
 * inside the text, edits do not overlap, and the edited text has no more YAML errors than before; the
 * analysis takes no longer than a bound per megabyte.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { analyzeParsed, parseForAnalysis } from '../../../server/src/analysis/fileAnalysis';
import { DEFAULT_SETTINGS } from '../../../server/src/analysis/settings';
import { ignoreForContainerEdits, ignoreForObjectEdits, ignoreOnLineEdits } from '../../../server/src/analysis/suppressionsEdits';
import { workspaceOf } from '../../../server/src/analysis/workspaceView';
import { allObjects, parseManifests, type ParsedFile } from '../../../server/src/document/parseManifests';
import type { Span } from '../../../server/src/document/span';
import { editsForIntents } from '../../../server/src/fixes/applyIntents';
import { fixAllEdits } from '../../../server/src/fixes/fixAll';
import { restrictedPatch } from '../../../server/src/fixes/harden';
import type { OffsetEdit } from '../../../server/src/fixes/textEdit';

/** test/fixtures, found upwards from the bundle (out/test/unit/robustness, or out/fuzz for `npm run fuzz`). */
function fixturesDir(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'test', 'fixtures');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`no test/fixtures above ${__dirname}`);
  }
}

export const FIXTURES = fixturesDir();

/**
 * The analysis of a case may take at most this much CPU time (not wall time: on a busy shared machine
 * the wall clock measures the neighbours): a floor, so a GC pause cannot fail a small case, plus a bound
 * per megabyte well above the measured cost (docs/reliability.md).
 */
export const TIME_FLOOR_MS = 1500;
export const TIME_PER_MB_MS = 10_000;

/** Every YAML fixture of the test data, plus shapes the fixtures lack. */
export function seedTexts(dir = FIXTURES): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(name)) out.push(readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  out.push(
    'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: a}\n  spec:\n    containers:\n    - name: c\n      image: nginx\n      securityContext: {privileged: true}\n',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {replicas: 3}\n',
    'base: &base\n  image: nginx\n  securityContext: {privileged: true}\napiVersion: v1\nkind: Pod\nmetadata: {name: m}\nspec:\n  containers:\n  - <<: *base\n    name: c\n',
  );
  return out;
}

/** Fragments worth injecting: YAML indicators, template braces, control and exotic characters. */
const TOKENS = [
  '\t', '\uFEFF', '\u0000', '\r', '\r\n', '\u2028', '\uD800', '\u{1F600}', 'é', '&a ', '*a', '<<: *a', '? ', ': ', '- ', '[', ']', '{', '}', ',',
  '"', "'", '|', '>-', '#', '%YAML 1.1\n', '---\n', '...\n', '!!binary ', '!!str ', '!custom ', '{{ .Values.x }}', '@', '`', '\\', 'null', '~',
];

/** Values a key's value is retyped to. */
const VALUES = ['[]', '{}', 'null', '~', '0', '-1', '1e400', '0x10', 'yes', 'off', '"true"', '[a, b]', '{a: 1}', '*a', '&a x', '!!int "3"', '|\n  block', "''", '- x'];

type Mutation =
  | { readonly op: 'delete'; readonly line: number; readonly n: number }
  | { readonly op: 'duplicate'; readonly line: number; readonly n: number; readonly to: number }
  | { readonly op: 'graft'; readonly seed: number; readonly line: number; readonly n: number; readonly to: number }
  | { readonly op: 'truncate'; readonly at: number }
  | { readonly op: 'insert'; readonly at: number; readonly text: string }
  | { readonly op: 'retype'; readonly line: number; readonly value: string }
  | { readonly op: 'indent'; readonly line: number; readonly delta: number }
  | { readonly op: 'alias'; readonly from: number; readonly to: number; readonly merge: boolean };

const nat = fc.nat({ max: 1_000_000 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), line: nat, n: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ op: fc.constant('duplicate' as const), line: nat, n: fc.integer({ min: 1, max: 6 }), to: nat }),
  fc.record({ op: fc.constant('graft' as const), seed: nat, line: nat, n: fc.integer({ min: 1, max: 8 }), to: nat }),
  fc.record({ op: fc.constant('truncate' as const), at: nat }),
  fc.record({ op: fc.constant('insert' as const), at: nat, text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ unit: 'binary', maxLength: 6 })) }),
  fc.record({ op: fc.constant('retype' as const), line: nat, value: fc.constantFrom(...VALUES) }),
  fc.record({ op: fc.constant('indent' as const), line: nat, delta: fc.integer({ min: -3, max: 3 }) }),
  fc.record({ op: fc.constant('alias' as const), from: nat, to: nat, merge: fc.boolean() }),
);

export interface FuzzInput {
  readonly seed: number;
  readonly mutations: readonly Mutation[];
  readonly crlf: boolean;
}

export const fuzzInput: fc.Arbitrary<FuzzInput> = fc.record({
  seed: nat,
  mutations: fc.array(mutation, { maxLength: 5 }),
  crlf: fc.boolean(),
});

const KEY_VALUE = /^(\s*(?:- )?[^\s:#][^:#]*:)( .*)?$/;

function applyMutation(lines: string[], m: Mutation, seeds: readonly string[]): string[] {
  const at = (n: number, len = lines.length): number => (len === 0 ? 0 : n % len);
  const out = [...lines];
  switch (m.op) {
    case 'delete':
      out.splice(at(m.line), m.n);
      return out;
    case 'duplicate':
      out.splice(at(m.to, out.length + 1), 0, ...lines.slice(at(m.line), at(m.line) + m.n));
      return out;
    case 'graft': {
      const other = seeds[m.seed % seeds.length]!.split('\n');
      out.splice(at(m.to, out.length + 1), 0, ...other.slice(at(m.line, other.length), at(m.line, other.length) + m.n));
      return out;
    }
    case 'truncate':
    case 'insert': {
      const text = lines.join('\n');
      const pos = text.length === 0 ? 0 : m.at % (text.length + 1);
      return (m.op === 'truncate' ? text.slice(0, pos) : text.slice(0, pos) + m.text + text.slice(pos)).split('\n');
    }
    case 'retype': {
      const i = at(m.line);
      const kv = KEY_VALUE.exec(out[i] ?? '');
      if (kv) out[i] = `${kv[1]} ${m.value}`;
      return out;
    }
    case 'indent': {
      const i = at(m.line);
      const line = out[i] ?? '';
      out[i] = m.delta >= 0 ? ' '.repeat(m.delta) + line : line.replace(new RegExp(`^ {0,${-m.delta}}`), '');
      return out;
    }
    case 'alias': {
      const from = at(m.from);
      const to = at(m.to);
      const src = KEY_VALUE.exec(out[from] ?? '');
      const dst = KEY_VALUE.exec(out[to] ?? '');
      if (!src || !dst) return out;
      out[from] = `${src[1]} &a${src[2] ?? ''}`;
      if (m.merge) out.splice(to + 1, 0, `${/^\s*/.exec(out[to]!)![0]}  <<: *a`);
      else out[to] = `${dst[1]} *a`;
      return out;
    }
  }
}

export function buildText(input: FuzzInput, seeds: readonly string[]): string {
  let lines = seeds[input.seed % seeds.length]!.split('\n');
  for (const m of input.mutations) lines = applyMutation(lines, m, seeds);
  const text = lines.join('\n');
  return input.crlf ? text.replace(/\r?\n/g, '\r\n') : text;
}

export interface CaseResult {
  /** Parse and analysis CPU time (the edits' checks excluded). */
  readonly ms: number;
  readonly chars: number;
  /** Edits applied and re-parsed. */
  readonly edits: number;
}

/** YAML errors of the whole text; documents unchanged since `previous` are not parsed again. */
function yamlErrors(text: string, previous?: ParsedFile): number {
  return parseManifests(text, previous).documents.reduce((n, d) => n + d.yaml.errors.length, 0);
}

/** CPU milliseconds (user and system) of this process since `since`. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

function checkSpan(what: string, s: Span, length: number): void {
  if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start <= s.end && s.end <= length)) {
    throw new Error(`${what} span [${s.start}, ${s.end}) outside the text of ${length} characters`);
  }
}

/** Applies edits after checking they are inside the text and disjoint. */
function applyEdits(text: string, edits: readonly OffsetEdit[], what: string): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    checkSpan(`${what} edit`, e, text.length);
    if (e.start < at) throw new Error(`${what}: overlapping edits`);
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}

/**
 * Checks every property on one text; throws an Error naming the broken property. At most `maxFixes`
 * single-finding fixes are tried per case (each is a few parses), plus fix-all, hardening of each
 * object and the three suppressions of the first finding.
 */
export function checkCase(text: string, maxFixes = 3): CaseResult {
  const t0 = process.cpuUsage();
  const parsed = parseForAnalysis(text);
  const workspace = workspaceOf(allObjects(parsed));
  const analysis = analyzeParsed(parsed, { settings: DEFAULT_SETTINGS, workspace });
  const ms = cpuMs(t0);
  for (const f of analysis.findings) checkSpan(`finding ${f.ruleId}`, f.span, text.length);
  for (const p of analysis.problems) checkSpan(`problem ${p.code}`, p, text.length);
  if (analysis.skipped) checkSpan('skip notice', analysis.skipped.span, text.length);
  for (const f of analysis.findings) {
    const r = parsed.lines.rangeOf(f.span);
    if (r.start.line >= parsed.lines.lineCount || r.end.line >= parsed.lines.lineCount) throw new Error(`finding ${f.ruleId} on a line past the end`);
  }
  const bound = TIME_FLOOR_MS + (TIME_PER_MB_MS * text.length) / 1e6;
  if (ms > bound) throw new Error(`analysis took ${ms.toFixed(0)} ms, over the ${bound.toFixed(0)} ms bound for ${text.length} characters`);

  const before = yamlErrors(text);
  let edits = 0;
  const check = (what: string, list: readonly OffsetEdit[] | undefined): void => {
    if (!list || list.length === 0) return;
    const after = applyEdits(text, list, what);
    const errors = yamlErrors(after, parsed);
    if (errors > before) throw new Error(`${what} made the YAML invalid (${before} → ${errors} errors):\n${JSON.stringify(after.slice(0, 2000))}`);
    edits++;
  };
  const findings = analysis.findings;
  let fixes = 0;
  for (const f of findings) {
    if (!f.fix || fixes >= maxFixes) continue;
    const doc = parsed.documents[f.object.documentIndex];
    if (!doc) throw new Error(`finding ${f.ruleId} names document ${f.object.documentIndex}, which does not exist`);
    fixes++;
    check(`fix ${f.ruleId}`, editsForIntents({ document: doc, objectPath: f.objectPath }, f.fix.intents));
  }
  const all = fixAllEdits(parsed, findings);
  check('fix-all', all.edits);
  if (all.edits.length > 0) {
    // The fixed text must analyse as well as the original did.
    const fixed = applyEdits(text, all.edits, 'fix-all');
    const reparsed = parseForAnalysis(fixed);
    analyzeParsed(reparsed, { settings: DEFAULT_SETTINGS, workspace: workspaceOf(allObjects(reparsed)) });
  }
  for (const o of allObjects(parsed)) {
    const plan = restrictedPatch(o, 37);
    if (plan && plan.intents.length > 0) check(`harden ${o.label}`, editsForIntents({ document: o.document, objectPath: o.pathInDocument }, plan.intents));
  }
  const first = findings.find((f) => !f.suppressed);
  if (first) {
    check('ignore-object', ignoreForObjectEdits(parsed, first));
    check('ignore-container', ignoreForContainerEdits(parsed, first));
    check('ignore-line', ignoreOnLineEdits(parsed, first));
  }
  return { ms, chars: text.length, edits };
}

export interface FuzzFigures {
  readonly cases: number;
  readonly edits: number;
  readonly seconds: number;
  /** The slowest analysis, in ms per MB of its text (texts under 10 kB count as 10 kB: below that, fixed costs dominate). */
  readonly slowestMsPerMb: number;
  readonly slowestMs: number;
}

/** Runs `runs` cases; fast-check shrinks a failure to a small counterexample and throws with it. */
export function runFuzz(runs: number, seed?: number, progress?: (done: number) => void): FuzzFigures {
  const seeds = seedTexts();
  let edits = 0;
  let slowestMsPerMb = 0;
  let slowestMs = 0;
  let done = 0;
  const t0 = performance.now();
  fc.assert(
    fc.property(fuzzInput, (input) => {
      const r = checkCase(buildText(input, seeds));
      edits += r.edits;
      slowestMs = Math.max(slowestMs, r.ms);
      slowestMsPerMb = Math.max(slowestMsPerMb, (r.ms * 1e6) / Math.max(r.chars, 10_000));
      if (++done % 10_000 === 0) progress?.(done);
    }),
    { numRuns: runs, ...(seed === undefined ? {} : { seed }) },
  );
  return { cases: runs, edits, seconds: (performance.now() - t0) / 1000, slowestMsPerMb, slowestMs };
}
