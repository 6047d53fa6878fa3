// The edit plan: each edit toggles one plain boolean or integer in a randomly chosen YAML document
// (true <-> false, n <-> n xor 1), the smallest change a person makes while typing, and one that can
// flip a finding (privileged, runAsUser, hostNetwork) or a schema error. Seeded: every server gets the
// same edits. Adapted from /work/shared/tools/lsp-bench/lsp-bench.mjs.

const SITE = /^(\s*(?:-\s+)?[A-Za-z0-9_./"'-]+:\s+)(true|false|\d{1,9})(\s*(?:#.*)?)$/;

/** Per document (split at `---` lines), the positions of values that an edit may toggle. */
export function findEditSites(lines) {
  const docs = [[]];
  for (let i = 0; i < lines.length; i++) {
    if (/^---(\s|$)/.test(lines[i])) {
      docs.push([]);
      continue;
    }
    const m = SITE.exec(lines[i]);
    if (m) docs[docs.length - 1].push({ line: i, col: m[1].length });
  }
  return docs.filter((d) => d.length > 0);
}

export function planEdit(lines, sites, rand) {
  if (sites.length === 0) {
    // Nothing to toggle anywhere: toggle a trailing comment instead, so the text still changes.
    const line = Math.floor(rand() * lines.length);
    const text = lines[line];
    const mark = ' # bench';
    if (text.endsWith(mark)) return { line, startCol: text.length - mark.length, endCol: text.length, newText: '' };
    return { line, startCol: text.length, endCol: text.length, newText: mark };
  }
  const doc = sites[Math.floor(rand() * sites.length)];
  const site = doc[Math.floor(rand() * doc.length)];
  const old = /^(true|false|\d+)/.exec(lines[site.line].slice(site.col))[1];
  const newText = old === 'true' ? 'false' : old === 'false' ? 'true' : String(parseInt(old, 10) ^ 1);
  return { line: site.line, startCol: site.col, endCol: site.col + old.length, newText };
}

export function applyEdit(lines, e) {
  const t = lines[e.line];
  lines[e.line] = t.slice(0, e.startCol) + e.newText + t.slice(e.endCol);
}
