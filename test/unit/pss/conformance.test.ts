/**
 * The engine against Kubernetes' own Pod Security Admission fixtures (test/fixtures/pss, see its
 * ATTRIBUTION.md): every fixture at its own level and version, as a Pod and wrapped in a Deployment and
 * a CronJob. Each fixture is parsed once per form; only the evaluation is repeated.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeParsed } from '../../../server/src/analysis/fileAnalysis';
import { DEFAULT_SETTINGS } from '../../../server/src/analysis/settings';
import { workspaceOf } from '../../../server/src/analysis/workspaceView';
import { parseManifests, type ParsedFile } from '../../../server/src/document/parseManifests';
import type { PssLevel } from '../../../server/src/pss/policy';
import { RULES, ruleById } from '../../../server/src/rules/catalog';
import type { Finding } from '../../../server/src/rules/rule';
import { changedPaths, contains, FIXTURES, readIndex, regionOf, WRAPPERS, type FixtureRow } from './conformanceSupport';

const EMPTY_WORKSPACE = workspaceOf([]);

function pssFindings(parsed: ParsedFile, level: PssLevel, version: string): Finding[] {
  const settings = { ...DEFAULT_SETTINGS, podSecurity: { level, version } };
  return analyzeParsed(parsed, { settings, workspace: EMPTY_WORKSPACE }).findings.filter((f) => ruleById(f.ruleId)?.pss !== undefined);
}

function checkOf(f: Finding): string {
  return ruleById(f.ruleId)!.pss!.check;
}

/** What must be identical between the pod and its wrapped forms: rule, text under the span, container, message. */
function signature(f: Finding, text: string, kind: string, name: string): string {
  return [f.ruleId, text.slice(f.span.start, f.span.end), f.container?.name ?? '-', f.message.split(`${kind} ${name}`).join(`Pod ${name}`)].join(' | ');
}

interface Form {
  readonly kind: string;
  readonly parsed: ParsedFile;
  readonly podPrefix: readonly (string | number)[];
  readonly findings: Finding[];
}

interface Evaluated {
  readonly row: FixtureRow;
  readonly name: string;
  readonly forms: readonly Form[];
}

function failures(list: string[]): string {
  return `${list.length} failures:\n  ${list.slice(0, 25).join('\n  ')}`;
}

describe('PSS conformance: the 4,537 Pod Security Admission fixtures', function () {
  // A few seconds on a 2-core machine; the margin is for slow or busy machines.
  this.timeout(60000);
  const rows = readIndex();
  const evaluated: Evaluated[] = [];
  const basePods = new Map<string, unknown>();

  before(() => {
    const started = Date.now();
    // Many fixtures are byte-identical across versions (380 distinct texts): each text is parsed once,
    // as the language server reuses an unchanged document's parse, and evaluated at every (level, version).
    const parses = new Map<string, ParsedFile>();
    const parse = (text: string): ParsedFile => {
      let p = parses.get(text);
      if (!p) parses.set(text, (p = parseManifests(text)));
      return p;
    };
    for (const row of rows) {
      const text = readFileSync(path.join(FIXTURES, row.path), 'utf8');
      const version = `v1.${row.minor}`;
      const podParsed = parse(text);
      const name = podParsed.documents[0]!.objects[0]!.name!;
      const forms: Form[] = [{ kind: 'Pod', parsed: podParsed, podPrefix: [], findings: pssFindings(podParsed, row.level, version) }];
      for (const w of WRAPPERS) {
        const parsed = parse(w.wrap(text));
        forms.push({ kind: w.kind, parsed, podPrefix: w.podPrefix, findings: pssFindings(parsed, row.level, version) });
      }
      evaluated.push({ row, name, forms });
      if (row.fixtureCheck === 'base') basePods.set(path.dirname(path.dirname(row.path)), podParsed.documents[0]!.yaml.toJS());
    }
    console.log(`      PSS conformance: ${rows.length} fixtures × ${1 + WRAPPERS.length} forms (${parses.size} distinct texts) evaluated in ${Date.now() - started} ms`);
  });

  it('has every fixture of the index, per level and outcome', () => {
    const count = (level: string, expect: string): number => rows.filter((r) => r.level === level && r.expect === expect).length;
    assert.equal(rows.length, 4537);
    assert.deepEqual([count('baseline', 'pass'), count('baseline', 'fail'), count('restricted', 'pass'), count('restricted', 'fail')], [433, 1122, 618, 2364]);
  });

  it('binds every PSS check to exactly one rule', () => {
    const checks = RULES.flatMap((r) => (r.pss ? [r.pss.check] : []));
    assert.equal(new Set(checks).size, checks.length);
    const used = new Set(rows.flatMap((r) => (r.reportingCheck ? [r.reportingCheck] : [])));
    assert.equal(used.size, 19);
    for (const c of used) assert.ok((checks as string[]).includes(c), `no rule for ${c}`);
  });

  it('pods: pass fixtures have no PSS finding, fail fixtures a finding of their reporting check', () => {
    const bad: string[] = [];
    let ok = 0;
    for (const { row, forms } of evaluated) {
      const checks = new Set(forms[0]!.findings.map(checkOf));
      const good = row.expect === 'pass' ? checks.size === 0 : checks.has(row.reportingCheck!);
      if (good) ok++;
      else bad.push(`${row.path}: expected ${row.expect === 'pass' ? 'no finding' : row.reportingCheck}, got [${[...checks].join(', ')}]`);
    }
    console.log(`      PSS conformance: ${ok} of ${rows.length} fixtures as upstream expects`);
    assert.equal(bad.length, 0, failures(bad));
  });

  for (const w of WRAPPERS) {
    it(`the same pods as a ${w.kind} template give the same findings`, () => {
      const bad: string[] = [];
      for (const { row, name, forms } of evaluated) {
        const pod = forms[0]!;
        const wrapped = forms.find((f) => f.kind === w.kind)!;
        const a = pod.findings.map((f) => signature(f, pod.parsed.text, 'Pod', name)).sort();
        const b = wrapped.findings.map((f) => signature(f, wrapped.parsed.text, w.kind, name)).sort();
        if (JSON.stringify(a) !== JSON.stringify(b)) bad.push(`${row.path}:\n    pod:     ${a.join('\n             ')}\n    ${w.kind}: ${b.join('\n             ')}`);
      }
      assert.equal(bad.length, 0, failures(bad));
    });
  }

  it('fail fixtures: every PSS finding lies on a field that differs from the minimal valid pod, in every form', () => {
    const bad: string[] = [];
    let checked = 0;
    for (const { row, forms } of evaluated) {
      if (row.expect !== 'fail') continue;
      const folder = path.dirname(path.dirname(row.path));
      const base = basePods.get(folder);
      assert.ok(base, `no base pod for ${folder}`);
      // Pod-relative; each form finds the same paths under its own pod template prefix.
      const changed = changedPaths(base, forms[0]!.parsed.documents[0]!.yaml.toJS());
      for (const form of forms) {
        const object = form.parsed.documents[0]!.objects[0]!;
        const regions = changed.flatMap((p) => regionOf(object, [...form.podPrefix, ...p]) ?? []);
        for (const f of form.findings) {
          checked++;
          if (!regions.some((r) => contains(r, f.span))) {
            bad.push(`${row.path} (${form.kind}): ${f.ruleId} at "${form.parsed.text.slice(f.span.start, f.span.end)}" is outside the changed fields ${changed.map((p) => p.join('.')).join(', ')}`);
          }
        }
      }
    }
    assert.ok(checked > 3 * 3486, `only ${checked} findings checked`);
    assert.equal(bad.length, 0, failures(bad));
  });

  it('flags exactly the checks of the independent re-statement (INDEX.tsv cross-check column)', () => {
    const bad: string[] = [];
    for (const { row, forms } of evaluated) {
      const ours = [...new Set(forms[0]!.findings.map(checkOf))].sort();
      const theirs = [...row.derivedFindings].sort();
      if (JSON.stringify(ours) !== JSON.stringify(theirs)) bad.push(`${row.path}: ours [${ours.join(', ')}], derived [${theirs.join(', ')}]`);
    }
    assert.equal(bad.length, 0, failures(bad));
  });

  it('keeps each expectation up to its last version and flips it right after (version gates)', () => {
    const bad: string[] = [];
    for (const { row, forms } of evaluated) {
      const parsed = forms[0]!.parsed;
      const failsAt = (minor: number): boolean => pssFindings(parsed, row.level, minor === 37 ? 'latest' : `v1.${minor}`).length > 0;
      if (failsAt(row.holdsThrough) !== (row.expect === 'fail')) bad.push(`${row.path}: expectation does not hold at v1.${row.holdsThrough}`);
      if (row.holdsThrough < 37 && failsAt(row.holdsThrough + 1) === (row.expect === 'fail')) bad.push(`${row.path}: expectation still holds at v1.${row.holdsThrough + 1}`);
    }
    assert.equal(bad.length, 0, failures(bad));
  });

  it('finds nothing at level privileged', () => {
    const sample = evaluated.filter((e) => e.row.expect === 'fail' && e.row.minor === 37);
    for (const e of sample) assert.deepEqual(pssFindings(e.forms[0]!.parsed, 'privileged', 'latest'), [], e.row.path);
  });
});
