/** The rule docs are generated (`npm run docs`); this fails when they are stale or when a page is orphaned. */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { RULES } from '../../../server/src/rules/catalog';
import { docsUrl } from '../../../server/src/rules/docsUrl';
import { DOCS_DIR, generatedDocs } from '../../../server/src/tools/docsFiles';
import { README_END, README_START, updateReadme } from '../../../server/src/tools/ruleDocs';
import { ROOT } from './fixtureSupport';

describe('generated rule docs', () => {
  let files: Map<string, string>;
  before(() => {
    files = generatedDocs(ROOT);
  });

  it('are up to date (run `npm run docs`)', () => {
    const stale = [...files].filter(([rel, content]) => {
      const file = path.join(ROOT, rel);
      return !existsSync(file) || readFileSync(file, 'utf8') !== content;
    });
    assert.deepEqual(stale.map(([rel]) => rel), []);
  });

  it('have no page for a rule that does not exist', () => {
    const pages = readdirSync(path.join(ROOT, DOCS_DIR)).filter((n) => n.endsWith('.md'));
    assert.deepEqual(pages.filter((n) => !files.has(`${DOCS_DIR}/${n}`)), []);
  });

  it('give every rule a page with its remediation, an example and a settings snippet', () => {
    for (const rule of RULES) {
      const page = files.get(`${DOCS_DIR}/${rule.id}.md`)!;
      assert.ok(page.includes(rule.remediation), rule.id);
      assert.ok(page.includes('## Example'), `${rule.id}: no example (fixture missing?)`);
      assert.ok(page.includes('\nReported:\n') && page.includes('\nNot reported:\n'), `${rule.id}: the example needs a flagged and a dont-fire object`);
      assert.ok(page.includes('KubeGuard says:\n\n- '), `${rule.id}: the flagged example shows no message`);
      assert.ok(page.includes(`"${rule.id}"`), `${rule.id}: no settings snippet`);
    }
  });

  it('link diagnostics to the generated page', () => {
    for (const rule of RULES) assert.ok(docsUrl(rule.id).endsWith(`/${DOCS_DIR}/${rule.id}.md`));
  });

  it('replace only the README section between the markers', () => {
    const before = `# KubeGuard\n\nIntro.\n\n${README_START}\nold table\n${README_END}\n\n## License\n`;
    const after = updateReadme(before, RULES.slice(0, 2), new Map());
    assert.ok(after.startsWith('# KubeGuard\n\nIntro.\n\n<!-- rules:start -->'));
    assert.ok(after.endsWith(`${README_END}\n\n## License\n`));
    assert.ok(!after.includes('old table'));
    assert.ok(after.includes(`docs/rules/${RULES[0]!.id}.md`));
    const appended = updateReadme('# KubeGuard\n', RULES.slice(0, 1), new Map());
    assert.ok(appended.startsWith('# KubeGuard\n\n## Rules\n\n<!-- rules:start -->'));
  });
});
