/**
 * The short fuzz run of `npm test` (issue 8): a few thousand mutated manifests through parse → analyse →
 * every kind of offered edit → re-parse (properties in fuzzSupport.ts). `npm run fuzz` runs ≥ 100,000.
 * The seed is fixed so a failure here reproduces; `FUZZ_SEED` overrides it.
 */
import assert from 'node:assert/strict';
import { runFuzz } from './fuzzSupport';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? 8);

describe('robustness: fuzzing', () => {
  it(`mutated fixtures never throw, stay in bounds, and every edit keeps the YAML parseable (${RUNS} cases)`, function () {
    // About 15 s on an idle machine; generous because the suite shares CPUs with whatever else runs.
    this.timeout(300_000);
    const figures = runFuzz(RUNS, SEED);
    console.log(`      fuzz: ${figures.cases} cases, ${figures.edits} edits re-parsed in ${figures.seconds.toFixed(1)} s; slowest analysis ${figures.slowestMs.toFixed(1)} ms (${figures.slowestMsPerMb.toFixed(0)} ms/MB)`);
    assert.equal(figures.cases, RUNS);
    assert.ok(figures.edits > RUNS / 10, `only ${figures.edits} edits were checked: the mutations no longer leave fixable findings`);
  });
});
