/**
 * `rulesFor` selects the rules of an object once per catalog, kind and policy instead of once per object
 * (docs/performance.md, CLI). The table must be exactly what the per-object selection was: every rule
 * whose kinds cover the object, filtered by PSS level, version and restricted overrides (`pssApplies`,
 * which the PSS conformance tests check against Kubernetes' own fixtures).
 */
import assert from 'node:assert/strict';
import { pssApplies, rulesFor } from '../../../server/src/analysis/analyzeFile';
import { WORKLOAD_KINDS } from '../../../server/src/document/workloads';
import { LATEST_MINOR, PSS_LEVELS, type PodSecurityPolicy } from '../../../server/src/pss/policy';
import { RULES } from '../../../server/src/rules/catalog';
import type { Rule } from '../../../server/src/rules/rule';

type Level = Pick<PodSecurityPolicy, 'level' | 'minor'>;

/** The per-object selection as analyzeObject made it before the table: `pssApplies` is that code, unchanged. */
function referenceSelection(catalog: readonly Rule[], kind: string, isWorkload: boolean, policy: Level): Rule[] {
  return catalog.filter((rule) => (rule.appliesTo === 'workloads' ? isWorkload : rule.appliesTo.includes(kind)) && pssApplies(rule, policy, catalog));
}

const KINDS = [...new Set([...WORKLOAD_KINDS, ...RULES.flatMap((r) => (r.appliesTo === 'workloads' ? [] : r.appliesTo)), 'Unknown', '', 'constructor'])];
const MINORS = Array.from({ length: LATEST_MINOR + 3 }, (_, i) => i);
/** The whole catalog, the PSS rules alone, and the PSS rules without the overriding ones (overrides are looked up in the given list). */
const CATALOGS: readonly (readonly Rule[])[] = [RULES, RULES.filter((r) => r.pss), RULES.filter((r) => r.pss && !r.pss.overrides)];

describe('rule selection table (rulesFor)', () => {
  it('selects exactly the per-object rules for every catalog, kind, level and version', () => {
    let compared = 0;
    for (const catalog of CATALOGS) {
      for (const kind of KINDS) {
        for (const isWorkload of [true, false]) {
          for (const level of PSS_LEVELS) {
            for (const minor of MINORS) {
              const policy = { level, minor };
              const expected = referenceSelection(catalog, kind, isWorkload, policy).map((r) => r.id);
              // Twice: the second answer comes from the table.
              assert.deepEqual(rulesFor(catalog, kind, isWorkload, policy).map((r) => r.id), expected, `${kind} ${isWorkload} ${level} v1.${minor}`);
              assert.deepEqual(rulesFor(catalog, kind, isWorkload, policy).map((r) => r.id), expected);
              compared++;
            }
          }
        }
      }
    }
    assert.ok(compared > 10_000, `${compared} selections compared`);
  });

  it('selects without the table for versions that are not whole numbers', () => {
    for (const minor of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      for (const level of PSS_LEVELS) {
        const policy = { level, minor };
        assert.deepEqual(rulesFor(RULES, 'Pod', true, policy).map((r) => r.id), referenceSelection(RULES, 'Pod', true, policy).map((r) => r.id), `${level} ${minor}`);
      }
    }
  });

  it('keeps one table per catalog: a list with other rules gets its own selection', () => {
    const policy = { level: 'restricted' as const, minor: LATEST_MINOR };
    const withoutOverrides = RULES.filter((r) => !r.pss?.overrides);
    const full = rulesFor(RULES, 'Pod', true, policy).map((r) => r.id);
    const partial = rulesFor(withoutOverrides, 'Pod', true, policy).map((r) => r.id);
    // Without the restricted rules that override them, the baseline checks run again.
    assert.ok(!full.includes('host-path-volumes') && partial.includes('host-path-volumes'));
    assert.deepEqual(partial, referenceSelection(withoutOverrides, 'Pod', true, policy).map((r) => r.id));
  });
});
