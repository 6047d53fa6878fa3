/**
 * Named adversarial inputs of issue 8 through the engine the server runs (parse → analyse): each must
 * finish quickly, never throw, and keep every finding, problem and notice inside the text.
 * docs/reliability.md lists them with the behaviour each test pins down.
 */
import assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { analyzeParsed, MAX_ANALYSED_CHARS, MAX_ANALYSED_LINES, parseForAnalysis, type FileAnalysis } from '../../../server/src/analysis/fileAnalysis';
import { DEFAULT_SETTINGS } from '../../../server/src/analysis/settings';
import { workspaceOf } from '../../../server/src/analysis/workspaceView';
import { parseConfig } from '../../../server/src/config/configFile';
import { allObjects } from '../../../server/src/document/parseManifests';
import { aliasBomb, binaryText, deepBlock, deepFlow, longLine, manyDocuments, oneHugeDocument, POD } from '../../support/adversarialInputs';

/** Analyses like the server (size limit included) and checks every span; returns the time taken. */
function run(text: string): { analysis: FileAnalysis; ms: number } {
  const t0 = performance.now();
  const parsed = parseForAnalysis(text);
  const analysis = analyzeParsed(parsed, { settings: DEFAULT_SETTINGS, workspace: workspaceOf(allObjects(parsed)) });
  const ms = performance.now() - t0;
  const spans = [...analysis.findings.map((f) => f.span), ...analysis.problems, ...(analysis.skipped ? [analysis.skipped.span] : [])];
  for (const s of spans) assert.ok(s.start >= 0 && s.start <= s.end && s.end <= text.length, `span [${s.start}, ${s.end}) inside ${text.length}`);
  return { analysis, ms };
}

const ids = (a: FileAnalysis): string[] => [...new Set(a.findings.map((f) => f.ruleId))].sort();

describe('robustness: adversarial inputs', () => {
  it('alias bomb (billion laughs): analysed in bounded time without expanding aliases', () => {
    const { analysis, ms } = run(aliasBomb());
    assert.ok(ms < 3000, `${ms.toFixed(0)} ms`);
    assert.deepEqual(analysis.problems, []);
    assert.ok(analysis.findings.length < 500, `${analysis.findings.length} findings: one per alias at most, not one per expanded node`);
  });

  it("alias bomb: yaml's maxAliasCount caps toJS, and a .kubeguard.yaml bomb is a problem, not a throw", () => {
    // The engine reads the AST (aliases resolved one hop at a time, yamlNodes.ts) and never calls toJS on
    // manifests; where toJS is used (the configuration file), yaml's cap applies and is caught.
    assert.throws(() => parseDocument(aliasBomb()).toJS({ maxAliasCount: 100 }), /alias/i);
    let bomb = 'x0: &x0 [a, b, c, d, e, f, g, h, i, j]\n';
    for (let i = 1; i < 10; i++) bomb += `x${i}: &x${i} [${Array.from({ length: 10 }, () => `*x${i - 1}`).join(', ')}]\n`;
    const config = parseConfig(`${bomb}exclude: *x9\n`);
    assert.ok(config.problems.some((p) => /aliases/.test(p.message) && p.severity === 'error'), JSON.stringify(config.problems.map((p) => p.message)));
    assert.deepEqual(config.layer, {});
  });

  it('10 MB manifest of many documents: findings up to the 1 MiB limit and one "analysed partially" notice', function () {
    this.timeout(60_000);
    const text = manyDocuments(10_000_000);
    const { analysis, ms } = run(text);
    assert.ok(ms < 45_000, `${ms.toFixed(0)} ms`);
    assert.ok(analysis.findings.some((f) => f.ruleId === 'privileged-container'), 'the analysed part has findings');
    assert.ok(analysis.findings.every((f) => f.span.end <= MAX_ANALYSED_CHARS && analysis.parsed.lines.positionAt(f.span.end).line <= MAX_ANALYSED_LINES));
    assert.match(analysis.skipped?.reason ?? '', /analysed only up to line \d+ \(the first \d+ YAML documents\).*1\.0 MB or 50,000 lines.*9\.\d MB/);
  });

  it('10 MB single document: not analysed, one notice, no false syntax error', () => {
    const { analysis, ms } = run(oneHugeDocument(10_000_000));
    assert.ok(ms < 5000, `${ms.toFixed(0)} ms`);
    assert.deepEqual([analysis.findings.length, analysis.problems.length], [0, 0]);
    assert.match(analysis.skipped?.reason ?? '', /not analysed: its first YAML document alone is larger than the 1\.0 MB/);
    assert.deepEqual(analysis.skipped?.span, { start: 0, end: 1 });
  });

  it('a megabyte of empty lines: cut at 50,000 lines with one notice, no freeze', () => {
    const { analysis, ms } = run(`${'\n'.repeat(1_000_000)}apiVersion: v1\nkind: Pod\n`);
    assert.ok(ms < 5000, `${ms.toFixed(0)} ms`);
    assert.match(analysis.skipped?.reason ?? '', /not analysed.*1,000,00\d lines/);
  });

  it('binary file (NUL bytes, control characters): YAML problems at most, never a throw', () => {
    const { analysis, ms } = run(binaryText());
    assert.ok(ms < 2000);
    assert.equal(analysis.findings.length, 0);
    assert.ok(analysis.problems.every((p) => p.code !== 'RESOURCE_EXHAUSTION'));
  });

  it('10,000-deep flow nesting: one "too deep" problem, refused before parsing', () => {
    const { analysis, ms } = run(deepFlow());
    assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
    assert.deepEqual(analysis.problems.map((p) => p.message), ['This document is nested more than 200 levels deep; KubeGuard does not analyse it.']);
  });

  it('10,000-deep block nesting: one "too deep" problem, refused before parsing', () => {
    const { analysis, ms } = run(`apiVersion: v1\nkind: List\nitems:\n${deepBlock()}`);
    assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
    assert.equal(analysis.findings.length, 0);
    assert.match(analysis.problems[0]?.message ?? '', /nested more than 200 levels/);
  });

  it('nesting up to the limit is parsed as usual', () => {
    const { analysis } = run(`apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  x: ${'['.repeat(150)}${']'.repeat(150)}\n`);
    assert.ok(!analysis.problems.some((p) => /nested/.test(p.message)), JSON.stringify(analysis.problems));
  });

  it('very long line (1 MB): analysed like a short one', () => {
    const { analysis, ms } = run(longLine());
    assert.ok(ms < 5000, `${ms.toFixed(0)} ms`);
    assert.deepEqual(ids(analysis), ids(run(POD).analysis));
    assert.deepEqual(analysis.problems, []);
  });

  it('pathological text for the engine’s own regular expressions: linear time', () => {
    for (const text of ['{'.repeat(1_000_000), '{{'.repeat(300_000), `${'\n'.repeat(1_000_000)}x: 1\n`, `${' \n'.repeat(400_000)}x`, `#${' '.repeat(1_000_000)}x\n`]) {
      const { ms } = run(text);
      assert.ok(ms < 5000, `${JSON.stringify(text.slice(0, 8))}…: ${ms.toFixed(0)} ms`);
    }
  });

  it('CRLF line endings: the same findings on the same text as with LF', () => {
    const lf = `${POD}    securityContext: {privileged: true}\n`;
    const crlf = lf.replace(/\n/g, '\r\n');
    const covered = (text: string): string[] => run(text).analysis.findings.map((f) => `${f.ruleId}:${text.slice(f.span.start, f.span.end).replace(/\r/g, '')}`);
    assert.deepEqual(covered(crlf), covered(lf));
    assert.deepEqual(run(crlf).analysis.problems, []);
  });

  it('BOM: the same findings, shifted by one character', () => {
    const plain = run(POD).analysis.findings.map((f) => `${f.ruleId}@${f.span.start}`);
    const bom = run(`\uFEFF${POD}`).analysis.findings.map((f) => `${f.ruleId}@${f.span.start - 1}`);
    assert.deepEqual(bom, plain);
  });

  it('tabs as indentation: a YAML syntax problem, no crash', () => {
    const { analysis } = run(POD.replace(/^ {2}/gm, '\t'));
    assert.ok(analysis.problems.some((p) => p.code === 'TAB_AS_INDENT'), JSON.stringify(analysis.problems));
  });

  it('empty file, empty documents and comment-only documents: nothing reported', () => {
    for (const text of ['', '\n', '---\n', '---\n---\n...\n---\n', '# only a comment\n', '\uFEFF', '\r\n\r\n']) {
      const { analysis } = run(text);
      assert.deepEqual([analysis.findings.length, analysis.problems.length, analysis.skipped], [0, 0, undefined], JSON.stringify(text));
    }
  });

  it('documents that are scalars or lists: nothing reported', () => {
    for (const text of ['hello\n', '42\n---\ntrue\n', '- a\n- b\n', '- apiVersion: v1\n  kind: Pod\n', '[1, 2]\n', '"just a string"\n']) {
      const { analysis } = run(text);
      assert.deepEqual([analysis.findings.length, analysis.problems.length], [0, 0], JSON.stringify(text));
    }
  });

  it('kind: List with items: each item is analysed as an object of its own', () => {
    const item = (name: string): string => `- apiVersion: v1\n  kind: Pod\n  metadata: {name: ${name}}\n  spec:\n    containers:\n    - name: c\n      image: nginx\n      securityContext: {privileged: true}\n`;
    const { analysis } = run(`apiVersion: v1\nkind: List\nitems:\n${item('one')}${item('two')}`);
    const privileged = analysis.findings.filter((f) => f.ruleId === 'privileged-container');
    assert.deepEqual(privileged.map((f) => [f.object.name, f.object.itemIndex]), [['one', 0], ['two', 1]]);
  });
});
