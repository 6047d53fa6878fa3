/**
 * Expands a VS Code snippet body the way the editor does when the user accepts every placeholder:
 * `${1:default}` and `${1|a,b|}` become their value, every other `$1` / `${1}` mirrors it, `$0` is the
 * final cursor (empty). `values` overrides placeholders by number, as if the user had typed them.
 * Covers the syntax the KubeGuard snippets use (tabstops, placeholders, choices, `\$` escapes); a
 * variable or a nested placeholder throws, so a snippet cannot silently use what this cannot check.
 */
const TOKEN = /\\([$}\\])|\$(\d+)|\$\{(\d+)(?::((?:[^}\\]|\\.)*)|\|([^|]*)\|)?\}|\$\{?[A-Za-z_]/g;

export function expandSnippet(body: readonly string[], values: Readonly<Record<number, string>> = {}): string {
  const text = body.join('\n');
  const chosen = new Map<number, string>(Object.entries(values).map(([k, v]) => [Number(k), v]));
  // First pass: the value of each placeholder (its default or first choice) unless overridden.
  for (const m of text.matchAll(TOKEN)) {
    const n = m[3] !== undefined ? Number(m[3]) : undefined;
    if (n === undefined || chosen.has(n)) continue;
    if (m[4] !== undefined) {
      if (m[4].includes('${')) throw new Error(`nested placeholder in \${${n}:…}`);
      chosen.set(n, m[4].replace(/\\(.)/g, '$1'));
    } else if (m[5] !== undefined) chosen.set(n, m[5].split(',')[0]!);
  }
  return text.replace(TOKEN, (all: string, escaped?: string, bare?: string, braced?: string) => {
    if (escaped !== undefined) return escaped;
    const n = Number(bare ?? braced);
    if (bare === undefined && braced === undefined) throw new Error(`snippet variable ${all} is not supported by this expansion`);
    if (n === 0) return '';
    const v = chosen.get(n);
    if (v === undefined) throw new Error(`tabstop $${n} has no default and no value`);
    return v;
  });
}

/** The choices of `${n|a,b|}` placeholders, by number. */
export function choicesOf(body: readonly string[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const m of body.join('\n').matchAll(/\$\{(\d+)\|([^|]*)\|\}/g)) out.set(Number(m[1]), m[2]!.split(','));
  return out;
}
