// `npm run snippets`: builds snippets/kubernetes.code-snippets from the YAML sources in snippets/src/.
// Each source is a manifest written in VS Code snippet syntax (`${1:web}`, `$1`, `${2|a,b|}`) that
// stays valid YAML, headed by `# name:`, `# prefix:` (comma-separated) and `# description:` comments.
// `--check` writes nothing and exits 1 when the generated file is stale (the unit tests run it).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = path.join(root, 'snippets/src');
export const OUTPUT = path.join(root, 'snippets/kubernetes.code-snippets');
const HEADER = /^#\s*(name|prefix|description):\s*(.+?)\s*$/;

/** The .code-snippets JSON text for the sources, in file-name order so the output is stable. */
export function buildSnippets() {
  const snippets = {};
  for (const file of readdirSync(SOURCES).filter((f) => f.endsWith('.yaml')).sort()) {
    const lines = readFileSync(path.join(SOURCES, file), 'utf8').replace(/\r\n/g, '\n').split('\n');
    const meta = {};
    let i = 0;
    for (; i < lines.length; i++) {
      const m = HEADER.exec(lines[i]);
      if (!m) break;
      meta[m[1]] = m[2];
    }
    for (const key of ['name', 'prefix', 'description']) if (!meta[key]) throw new Error(`snippets/src/${file}: missing "# ${key}:" header`);
    const body = lines.slice(i);
    while (body.length > 0 && body[body.length - 1].trim() === '') body.pop();
    snippets[meta.name] = { prefix: meta.prefix.split(',').map((p) => p.trim()), description: meta.description, body };
  }
  return `${JSON.stringify(snippets, null, 2)}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = buildSnippets();
  let current = '';
  try {
    current = readFileSync(OUTPUT, 'utf8');
  } catch {
    // not generated yet
  }
  if (process.argv.includes('--check')) {
    if (current !== text) {
      console.error('snippets/kubernetes.code-snippets is stale: run `npm run snippets`');
      process.exit(1);
    }
  } else if (current !== text) {
    writeFileSync(OUTPUT, text);
    console.log(`snippets: wrote ${path.relative(root, OUTPUT)}`);
  }
}
