/**
 * `npm run docs`: writes docs/rules/<rule-id>.md for every rule, docs/rules/README.md, and the rule table
 * between the README's `<!-- rules:start -->` / `<!-- rules:end -->` markers. Pages of rules that no
 * longer exist are deleted. A unit test regenerates in memory and fails when the files are stale.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { DOCS_DIR, generatedDocs } from './docsFiles';

function main(): void {
  const root = process.argv[2] ?? process.cwd();
  const files = generatedDocs(root);
  mkdirSync(path.join(root, DOCS_DIR), { recursive: true });
  let written = 0;
  for (const [rel, content] of files) {
    const file = path.join(root, rel);
    if (existsSync(file) && readFileSync(file, 'utf8') === content) continue;
    writeFileSync(file, content);
    written++;
  }
  let removed = 0;
  for (const name of readdirSync(path.join(root, DOCS_DIR))) {
    if (name.endsWith('.md') && !files.has(`${DOCS_DIR}/${name}`)) {
      rmSync(path.join(root, DOCS_DIR, name));
      removed++;
    }
  }
  process.stdout.write(`docs: ${files.size} files, ${written} written, ${removed} removed\n`);
}

main();
