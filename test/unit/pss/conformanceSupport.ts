/**
 * Helpers of the PSS conformance suite: the fixture index, the same pod wrapped in workload kinds, and
 * where a fixture differs from its level's minimal valid pod (so a finding can be checked to lie there).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Node } from 'yaml';
import type { K8sObject } from '../../../server/src/document/k8sObject';
import type { Span } from '../../../server/src/document/span';
import type { Path } from '../../../server/src/document/yamlNodes';

/** test/fixtures/pss, from the bundled test at out/test/unit/pss/. */
export const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/pss');

export interface FixtureRow {
  readonly path: string;
  readonly level: 'baseline' | 'restricted';
  readonly version: string;
  readonly minor: number;
  readonly expect: 'pass' | 'fail';
  readonly fixtureCheck: string;
  /** Fail rows: the check that must report the failure at (level, version), after overrides. */
  readonly reportingCheck: string | undefined;
  /** Cross-check column: every check an independent re-statement flags at (level, version). */
  readonly derivedFindings: readonly string[];
  /** Cross-check column: the highest minor version up to which the expectation still holds. */
  readonly holdsThrough: number;
}

export function readIndex(): FixtureRow[] {
  const lines = readFileSync(path.join(FIXTURES, 'INDEX.tsv'), 'utf8').trim().split('\n');
  const header = lines[0]!.split('\t');
  if (header.join(',') !== 'path,level,version,expect,fixture_check,reporting_check,derived_findings_at_level_version,derived_expectation_holds_through') {
    throw new Error(`unexpected INDEX.tsv header: ${header.join(',')}`);
  }
  return lines.slice(1).map((line) => {
    const [p, level, version, expect, fixtureCheck, reporting, derived, holds] = line.split('\t') as [string, ...string[]];
    return {
      path: p,
      level: level as FixtureRow['level'],
      version: version!,
      minor: minorOf(version!),
      expect: expect as FixtureRow['expect'],
      fixtureCheck: fixtureCheck!,
      reportingCheck: reporting === '-' ? undefined : reporting,
      derivedFindings: derived === '-' ? [] : derived!.split(','),
      holdsThrough: minorOf(holds!),
    };
  });
}

function minorOf(v: string): number {
  const m = /^v1\.(\d+)$/.exec(v);
  if (!m) throw new Error(`bad version ${v}`);
  return Number(m[1]);
}

/** A workload kind the pod is wrapped in, and where the pod template sits in it. */
export interface Wrapper {
  readonly kind: string;
  readonly podPrefix: Path;
  wrap(podText: string): string;
}

/** Top-level `key:` blocks of a block-style YAML document: key → body lines. */
function topLevelBlocks(text: string): Map<string, string[]> {
  const blocks = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    const top = /^([A-Za-z]\w*):\s*$/.exec(line);
    if (top) {
      current = [];
      blocks.set(top[1]!, current);
    } else if (/^\S/.test(line)) {
      current = undefined;
    } else if (current && line.trim() !== '') {
      current.push(line);
    }
  }
  return blocks;
}

function indent(lines: readonly string[], by: number): string {
  return lines.map((l) => ' '.repeat(by) + l).join('\n');
}

function wrapper(kind: string, apiVersion: string, podPrefix: Path, header: (name: string) => string, by: number): Wrapper {
  return {
    kind,
    podPrefix,
    wrap(podText) {
      const blocks = topLevelBlocks(podText);
      const metadata = blocks.get('metadata') ?? [];
      const spec = blocks.get('spec') ?? [];
      const name = /^\s+name:\s*(\S+)/m.exec(metadata.join('\n'))?.[1] ?? 'unnamed';
      const pad = ' '.repeat(by);
      // The pod's whole metadata (annotations included) becomes the template's metadata, as a
      // controller copies it to the pods it creates.
      return `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\nspec:\n${header(name)}${pad}metadata:\n${indent(metadata, by)}\n${pad}spec:\n${indent(spec, by)}\n`;
    },
  };
}

export const WRAPPERS: readonly Wrapper[] = [
  wrapper('Deployment', 'apps/v1', ['spec', 'template'], (name) => `  selector:\n    matchLabels:\n      app: ${name}\n  template:\n`, 4),
  wrapper('CronJob', 'batch/v1', ['spec', 'jobTemplate', 'spec', 'template'], () => `  schedule: '@daily'\n  jobTemplate:\n    spec:\n      template:\n`, 8),
];

/**
 * Paths (relative to the pod) where two pods differ: added, removed or changed values. `metadata.name`
 * is ignored: every fixture is named after its file.
 */
export function changedPaths(base: unknown, fixture: unknown, at: Path = []): Path[] {
  if (at.length === 2 && at[0] === 'metadata' && at[1] === 'name') return [];
  if (Array.isArray(base) && Array.isArray(fixture) && (base as unknown[]).concat(fixture as unknown[]).some(isPlainObject)) {
    // Lists of objects (containers, volumes, ports) differ item by item; a list of scalars (capabilities)
    // differs as a whole, so a finding may name the list when an entry is missing from it.
    const out: Path[] = [];
    for (let i = 0; i < Math.max(base.length, fixture.length); i++) out.push(...changedPaths(base[i], fixture[i], [...at, i]));
    return out;
  }
  if (isPlainObject(base) && isPlainObject(fixture)) {
    const keys = new Set([...Object.keys(base), ...Object.keys(fixture)]);
    return [...keys].flatMap((k) => changedPaths(base[k], fixture[k], [...at, k]));
  }
  return JSON.stringify(base) === JSON.stringify(fixture) ? [] : [at];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The text region a finding about a change at `changed` may point at: the deepest part of that path that
 * exists in the object (the changed node itself, or for a removal the mapping it was removed from),
 * from its key to the end of its value.
 */
export function regionOf(object: K8sObject, changed: Path): Span | undefined {
  for (let n = changed.length; n > 0; n--) {
    const p = changed.slice(0, n);
    const last = p[p.length - 1];
    if (typeof last === 'number') {
      const s = object.spanOf(object.get(p));
      if (s) return s;
      continue;
    }
    const pair = object.pair(p);
    if (!pair) continue;
    const key = object.spanOf(pair.key as Node);
    const value = object.spanOf(pair.value as Node);
    if (key) return { start: key.start, end: Math.max(key.end, value?.end ?? key.end) };
  }
  return undefined;
}

export function contains(outer: Span, inner: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end && inner.end > inner.start;
}
