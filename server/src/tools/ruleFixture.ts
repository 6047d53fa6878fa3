/**
 * The rule fixture format (test/fixtures/rules/<rule-id>.yaml), read by the table-driven rule test and by
 * the docs generator (which takes its failing and passing examples from it):
 *
 * - multi-document YAML; a line where a finding of the rule must start carries a trailing comment
 *   `# expect: <rule-id>` (`# expect: <rule-id> x2` for two findings starting on that line);
 * - objects named `dont-fire-*` must get no finding of the rule;
 * - an optional header line `# settings: {json}` gives engine settings for the whole file (e.g. a PSS
 *   level); a Namespace manifest with Pod Security labels is the other way to set a level.
 */

export interface FixtureMarker {
  /** 1-based line, as editors and `where()` show it. */
  readonly line: number;
  readonly ruleId: string;
  readonly count: number;
}

export interface FixtureDocument {
  /** The document's text as written (markers included). */
  readonly raw: string;
  /** The same text without `# expect:` comments, for documentation examples. */
  readonly clean: string;
  /** 1-based line of the document's first line in the file. */
  readonly firstLine: number;
  readonly name: string | undefined;
  readonly markers: readonly FixtureMarker[];
}

export interface RuleFixture {
  readonly settings: Record<string, unknown> | undefined;
  readonly markers: readonly FixtureMarker[];
  readonly documents: readonly FixtureDocument[];
}

const MARKER = /\s*#\s*expect:\s*([a-z0-9-]+)(?:\s*[x×](\d+))?\s*$/;
const SETTINGS = /^#\s*settings:\s*(\{.*\})\s*$/m;
const SETTINGS_LINE = /^#\s*settings:/;
const SEPARATOR = /^(?:---|\.\.\.)(?:\s.*)?$/;

export function parseFixture(text: string): RuleFixture {
  const lines = text.split(/\r?\n/);
  const markers: FixtureMarker[] = [];
  lines.forEach((l, i) => {
    const m = MARKER.exec(l);
    if (m) markers.push({ line: i + 1, ruleId: m[1]!, count: m[2] === undefined ? 1 : Number(m[2]) });
  });
  const documents: FixtureDocument[] = [];
  let start = 0;
  const flush = (end: number): void => {
    const slice = lines.slice(start, end);
    if (slice.some((l) => l.trim() !== '' && !l.trim().startsWith('#'))) {
      const raw = slice.join('\n');
      documents.push({
        raw,
        clean: slice
          .filter((l) => !SETTINGS_LINE.test(l))
          .map((l) => l.replace(MARKER, ''))
          .join('\n')
          .trim(),
        firstLine: start + 1,
        name: /^metadata:\s*\n(?:[ \t].*\n)*?[ \t]+name:\s*["']?([^"'\s#]+)/m.exec(`${raw}\n`)?.[1],
        markers: markers.filter((m) => m.line > start && m.line <= end),
      });
    }
  };
  lines.forEach((l, i) => {
    if (!SEPARATOR.test(l)) return;
    flush(i);
    start = i + 1;
  });
  flush(lines.length);
  const settings = SETTINGS.exec(text)?.[1];
  return { settings: settings === undefined ? undefined : (JSON.parse(settings) as Record<string, unknown>), markers, documents };
}

export function isDontFire(name: string | undefined): boolean {
  return name?.startsWith('dont-fire') ?? false;
}
