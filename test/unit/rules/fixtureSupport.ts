/** Where the rule fixtures live, and running a rule on one (see server/src/tools/fixtureRun.ts). */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export { runFixture, type FixtureRun } from '../../../server/src/tools/fixtureRun';

/** The repository root (tests run from out/test/unit/rules). */
export const ROOT = path.resolve(__dirname, '../../../..');
export const FIXTURE_DIR = path.join(ROOT, 'test/fixtures/rules');

export function fixturePath(ruleId: string): string {
  return path.join(FIXTURE_DIR, `${ruleId}.yaml`);
}

export function readFixture(ruleId: string): string | undefined {
  const p = fixturePath(ruleId);
  return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
}

/** 1-based line of an offset. */
export function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}
