/**
 * The catalog is the single source of rule ids, docs and remediation: every rule must be complete
 * (docs page, fixture, valid concepts, a remediation sentence) and every quick-fix it offers on its
 * fixture must actually make its finding go away without creating others.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseManifests } from '../../../server/src/document/parseManifests';
import { editsForIntents } from '../../../server/src/fixes/applyIntents';
import { applyEdits } from '../../../server/src/fixes/textEdit';
import { RULES } from '../../../server/src/rules/catalog';
import { CONCEPTS, conceptById } from '../../../server/src/rules/concepts';
import { SEVERITIES, type Finding, type Rule } from '../../../server/src/rules/rule';
import { ROOT, readFixture, runFixture } from './fixtureSupport';

const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

function problems(rule: Rule): string[] {
  const out: string[] = [];
  if (!KEBAB.test(rule.id)) out.push('id is not kebab-case');
  if (rule.title.trim() === '') out.push('no title');
  if (rule.description.trim() === '') out.push('no description');
  if (rule.rationale.trim().length < 40) out.push('no rationale paragraph');
  if (!/^[A-Z].*\.$/s.test(rule.remediation.trim())) out.push('remediation is not a sentence ending with a period');
  // One sentence: no full stop followed by a new capitalised sentence ("e.g. 10001" is fine).
  if (/[a-z)]\. [A-Z]/.test(rule.remediation)) out.push('remediation has more than one sentence');
  if (!SEVERITIES.includes(rule.severity)) out.push(`unknown severity ${rule.severity}`);
  if (rule.reads.length === 0) out.push('reads nothing');
  for (const c of rule.concepts) if (!conceptById(c)) out.push(`unknown concept ${c}`);
  if (new Set(rule.concepts).size !== rule.concepts.length) out.push('duplicate concept');
  if (!rule.enabledByDefault && !rule.defaultsNote) out.push('off by default without a defaultsNote saying why');
  if (rule.fix && rule.fix.intents.length === 0) out.push('declarative fix without intents');
  if (!existsSync(path.join(ROOT, 'docs/rules', `${rule.id}.md`))) out.push('no docs page (run `npm run docs`)');
  if (readFixture(rule.id) === undefined) out.push(`no fixture test/fixtures/rules/${rule.id}.yaml`);
  return out;
}

function countByRule(findings: readonly Finding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) m.set(f.ruleId, (m.get(f.ruleId) ?? 0) + 1);
  return m;
}

describe('catalog well-formedness', () => {
  it('has unique rule ids', () => {
    const ids = RULES.map((r) => r.id);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
  });

  it('embeds the 93 concepts of the checks catalog, once each', () => {
    assert.equal(CONCEPTS.length, 93);
    assert.equal(new Set(CONCEPTS.map((c) => c.id)).size, 93);
  });

  for (const rule of RULES) {
    it(`${rule.id} is complete`, () => {
      assert.deepEqual(problems(rule), []);
    });
  }

  describe('every quick-fix removes its finding on the fixture', () => {
    for (const rule of RULES) {
      const text = readFixture(rule.id);
      if (text === undefined) continue;
      it(rule.id, () => {
        const run = runFixture(rule, text);
        const withFix = run.own.filter((f) => f.fix);
        if (rule.fix) assert.ok(withFix.some((f) => f.fix!.title === rule.fix!.title), `the fixture never offers the declarative fix "${rule.fix.title}"`);
        const before = countByRule(run.all);
        const parsed = parseManifests(text);
        for (const f of withFix) {
          const document = parsed.documents[f.object.documentIndex]!;
          const edits = editsForIntents({ document, objectPath: f.objectPath }, f.fix!.intents);
          assert.ok(edits && edits.length > 0, `"${f.fix!.title}" cannot be applied to: ${f.message}`);
          const fixed = applyEdits(text, edits);
          assert.equal(parseManifests(fixed).documents.some((d) => d.hasErrors), false, `"${f.fix!.title}" breaks the YAML`);
          const after = runFixture(rule, fixed);
          const counts = countByRule(after.all);
          // Offsets move with the edit; the finding is identified by its object and message. One fix may
          // settle several findings at once (e.g. the default ServiceAccount's automount for its pods).
          const same = (g: Finding): boolean => g.message === f.message && g.object.documentIndex === f.object.documentIndex && g.object.name === f.object.name;
          assert.equal(after.own.filter(same).length, 0, `"${f.fix!.title}" leaves its finding: ${f.message}`);
          assert.ok((counts.get(rule.id) ?? 0) < (before.get(rule.id) ?? 0), `"${f.fix!.title}" does not reduce the findings of ${rule.id}`);
          const worse = [...counts].filter(([id, n]) => n > (before.get(id) ?? 0)).map(([id]) => id);
          assert.deepEqual(worse, [], `"${f.fix!.title}" creates new findings`);
        }
      });
    }
  });
});
