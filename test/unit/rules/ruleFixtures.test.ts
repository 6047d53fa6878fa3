/**
 * The table-driven rule test: every rule runs on its fixture (test/fixtures/rules/<rule-id>.yaml) and must
 * report exactly at the lines marked `# expect: <rule-id>` and nowhere in objects named `dont-fire-*`.
 * `RULE=<id>` (comma-separated ids allowed) focuses the run.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { RULES } from '../../../server/src/rules/catalog';
import { isDontFire } from '../../../server/src/tools/ruleFixture';
import { FIXTURE_DIR, lineAt, readFixture, runFixture, type FixtureRun } from './fixtureSupport';

const focus = process.env['RULE']?.split(',').map((s) => s.trim()).filter((s) => s !== '');
const rules = RULES.filter((r) => !focus || focus.includes(r.id));

describe('rule fixtures', () => {
  if (focus) {
    it('focuses on known rule ids', () => {
      assert.deepEqual(focus.filter((id) => !RULES.some((r) => r.id === id)), [], 'RULE names an unknown rule id');
    });
  }

  for (const rule of rules) {
    const text = readFixture(rule.id);
    // A missing fixture is reported once, by the catalog well-formedness test.
    if (text === undefined) continue;

    describe(rule.id, () => {
      let run: FixtureRun;
      before(() => {
        run = runFixture(rule, text);
      });

      it('has markers for its own rule only, and at least one dont-fire object', () => {
        assert.ok(run.fixture.markers.length > 0, 'no `# expect:` marker');
        const foreign = run.fixture.markers.filter((m) => m.ruleId !== rule.id);
        assert.deepEqual(foreign.map((m) => `line ${m.line}: ${m.ruleId}`), [], 'markers for another rule');
        assert.ok(run.fixture.documents.some((d) => isDontFire(d.name)), 'no object named dont-fire-*');
      });

      it('reports exactly at the marked lines', () => {
        const expected = new Map<number, number>();
        for (const m of run.fixture.markers) expected.set(m.line, (expected.get(m.line) ?? 0) + m.count);
        const actual = new Map<number, number>();
        for (const f of run.own) {
          const line = lineAt(text, f.span.start);
          actual.set(line, (actual.get(line) ?? 0) + 1);
        }
        const render = (m: Map<number, number>): string[] => [...m].sort((a, b) => a[0] - b[0]).map(([l, n]) => `line ${l}${n > 1 ? ` x${n}` : ''}`);
        const messages = run.own.map((f) => `line ${lineAt(text, f.span.start)}: ${f.message}`).join('\n  ');
        assert.deepEqual(render(actual), render(expected), `findings of ${rule.id}:\n  ${messages || '(none)'}`);
      });

      it('stays silent on dont-fire objects', () => {
        const loud = run.own.filter((f) => isDontFire(f.object.name));
        assert.deepEqual(loud.map((f) => `${f.object.name}: ${f.message}`), []);
      });

      it('reports no internal error', () => {
        assert.deepEqual(run.own.filter((f) => f.message.startsWith('KubeGuard could not evaluate')).map((f) => f.message), []);
      });
    });
  }

  it('has no fixture without a rule', () => {
    const ids = new Set(RULES.map((r) => r.id));
    const orphans = readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.yaml') && !ids.has(f.slice(0, -'.yaml'.length)));
    assert.deepEqual(orphans, []);
  });
});
