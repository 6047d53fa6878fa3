/** Which files the docs generator writes, and with what content: docs/rules/*.md and the README's rule table. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { RULES } from '../rules/catalog';
import type { Rule } from '../rules/rule';
import { runFixture } from './fixtureRun';
import { renderIndex, renderRulePage, updateReadme, type RuleExample } from './ruleDocs';

export const DOCS_DIR = 'docs/rules';
export const FIXTURES_DIR = 'test/fixtures/rules';

function example(root: string, rule: Rule): RuleExample | undefined {
  const file = path.join(root, FIXTURES_DIR, `${rule.id}.yaml`);
  if (!existsSync(file)) return undefined;
  const run = runFixture(rule, readFileSync(file, 'utf8'));
  return { text: run.text, fixture: run.fixture, findings: run.own };
}

/** Every generated file, by path relative to the repository root. The README is included only if it exists. */
export function generatedDocs(root: string, rules: readonly Rule[] = RULES): Map<string, string> {
  const examples = new Map<string, RuleExample>();
  for (const rule of rules) {
    const e = example(root, rule);
    if (e) examples.set(rule.id, e);
  }
  const out = new Map<string, string>();
  for (const rule of rules) out.set(`${DOCS_DIR}/${rule.id}.md`, renderRulePage(rule, examples.get(rule.id)));
  out.set(`${DOCS_DIR}/README.md`, renderIndex(rules, examples));
  const readme = path.join(root, 'README.md');
  if (existsSync(readme)) out.set('README.md', updateReadme(readFileSync(readme, 'utf8'), rules, examples));
  return out;
}
