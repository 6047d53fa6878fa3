/** JSON output: the lint report and the rule list as single JSON objects (0-based LSP positions). */
import type { LintReport } from './lint';
import { ruleEntries } from './ruleList';

export function lintJson(report: LintReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** How `JSON.stringify(report, null, 2)` opens and closes a report whose only field is `files`. */
const FILES_OPEN = '{\n  "files": [\n    ';
const FILES_CLOSE = '\n  ]\n}';
const FILES_SEPARATOR = ',\n    ';

/**
 * `lintJson(report)` in pieces, one per file, for writing as they are made. The report of 2,000 files
 * is 11 MB of JSON: as one string, `JSON.stringify` returns it as a rope that writing must first copy
 * into one flat 11 MB string (about 70 ms, more than serialising it), and small pieces skip that. Each
 * file is serialised inside a one-file report and cut out of it, so its indentation is the one it has
 * in the whole report: the pieces joined are `lintJson(report)`, byte for byte.
 */
export function* lintJsonChunks(report: LintReport): Generator<string> {
  if (report.files.length === 0 || Object.keys(report).length !== 1) {
    yield lintJson(report);
    return;
  }
  let separator = FILES_OPEN;
  for (const file of report.files) {
    const one = JSON.stringify({ files: [file] }, null, 2);
    yield separator + one.slice(FILES_OPEN.length, one.length - FILES_CLOSE.length);
    separator = FILES_SEPARATOR;
  }
  yield `${FILES_CLOSE}\n`;
}

export function rulesJson(): string {
  return `${JSON.stringify({ rules: ruleEntries() }, null, 2)}\n`;
}
