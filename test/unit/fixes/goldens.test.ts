/**
 * Golden tests: test/fixtures/fixes/<case>.yaml names an action in its first line; applying it must give
 * <case>.fixed.yaml byte for byte. `UPDATE_GOLDENS=1` rewrites the expected files (review the diff).
 * Every output must parse, and every NetworkPolicy in it must validate against the Kubernetes API schema.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseManifests } from '../../../server/src/document/parseManifests';
import { runGolden } from './goldenActions';
import { validateNetworkPolicy } from './networkPolicySchema';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/fixes');
const UPDATE = process.env.UPDATE_GOLDENS === '1';

describe('fix goldens (test/fixtures/fixes)', () => {
  const cases = readdirSync(DIR).filter((f) => f.endsWith('.yaml') && !f.endsWith('.fixed.yaml')).sort();

  it('has a golden for each fix kind', () => {
    const actions = new Set(cases.map((c) => /^# golden: (\S+)/.exec(readFileSync(path.join(DIR, c), 'utf8'))?.[1]));
    for (const a of ['fix', 'fix-all', 'harden', 'extra', 'ignore-object', 'ignore-container', 'ignore-line', 'remove-unused', 'default-deny', 'network-policy']) {
      assert.ok(actions.has(a), `no golden for ${a}`);
    }
    assert.ok(cases.some((c) => readFileSync(path.join(DIR, c), 'utf8').includes('\r\n')), 'a CRLF case');
  });

  for (const name of cases) {
    it(name.replace(/\.yaml$/, ''), async () => {
      const input = readFileSync(path.join(DIR, name), 'utf8');
      const expectedPath = path.join(DIR, name.replace(/\.yaml$/, '.fixed.yaml'));
      const out = runGolden(input);
      if (UPDATE) writeFileSync(expectedPath, out.text);
      assert.ok(existsSync(expectedPath), `no ${path.basename(expectedPath)}: run with UPDATE_GOLDENS=1 and review it`);
      assert.equal(out.text, readFileSync(expectedPath, 'utf8'));
      assert.notEqual(out.text, input, 'the action changes something');
      const parsed = parseManifests(out.text);
      assert.deepEqual(parsed.documents.flatMap((d) => d.problems().filter((p) => p.severity === 'error')), [], 'the result parses');
      // Line endings stay what the file used.
      if (input.includes('\r\n')) assert.ok(!/[^\r]\n/.test(out.text), 'CRLF kept');
      for (const d of parsed.documents) {
        for (const o of d.objects.filter((x) => x.kind === 'NetworkPolicy')) {
          await validateNetworkPolicy(o.root.toJSON());
        }
      }
      assert.equal(out.generated.length > 0, /network-policy|default-deny/.test(input.split('\n')[0]!));
    });
  }
});
