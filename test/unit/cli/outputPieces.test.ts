/**
 * The CLI writes its JSON report file by file (`lintJsonChunks`) and reads each document's `# Source:`
 * comment line by line (`templateSource`), both for speed (docs/performance.md, CLI). Both must give
 * exactly what the whole-string versions gave.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lintJson, lintJsonChunks } from '../../../server/src/cli/formatJson';
import { templateSource } from '../../../server/src/cli/helmSource';
import { lint, type LintReport } from '../../../server/src/cli/lint';
import { DEFAULT_SETTINGS } from '../../../server/src/analysis/settings';

const ROOT = path.resolve(__dirname, '../../../..');

/** templateSource as it was written before (one `split` of the whole document). */
function referenceTemplateSource(documentText: string): string | undefined {
  for (const raw of documentText.split('\n')) {
    const line = raw.trim();
    if (line === '' || /^---(\s|$)/.test(line)) continue;
    if (!line.startsWith('#')) return undefined;
    const m = /^#\s*Source:\s*(\S.*?)\s*$/.exec(line);
    if (m) return m[1];
  }
  return undefined;
}

describe('CLI output in pieces', () => {
  it('the JSON pieces joined are the JSON report, byte for byte', () => {
    const dir = path.join(ROOT, 'test/fixtures/rules');
    const inputs = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => ({ path: `rules/${f}`, text: readFileSync(path.join(dir, f), 'utf8') }));
    const reports: LintReport[] = [
      lint(inputs, DEFAULT_SETTINGS),
      lint(inputs.slice(0, 1), DEFAULT_SETTINGS),
      lint([{ path: 'empty.yaml', text: '' }], DEFAULT_SETTINGS),
      { files: [] },
    ];
    assert.ok(reports[0]!.files.length > 50);
    for (const report of reports) assert.equal([...lintJsonChunks(report)].join(''), lintJson(report));
    // One piece per file (plus the closing one), not one string for the report.
    assert.equal([...lintJsonChunks(reports[0]!)].length, reports[0]!.files.length + 1);
  });

  it('falls back to one string for a report with fields other than files', () => {
    const report = { files: [], extra: 1 } as unknown as LintReport;
    assert.deepEqual([...lintJsonChunks(report)], [lintJson(report)]);
  });

  it('templateSource reads the same `# Source:` as a split of the whole document', () => {
    const cases = [
      '',
      '\n',
      '---\n# Source: web/templates/deployment.yaml\napiVersion: v1\n',
      '---\r\n# Source: web/templates/a.yaml\r\nkind: Pod\r\n',
      '# Source:   spaced/path.yaml   \nkind: Pod',
      '--- \n\n   \n# a comment\n#Source: x.yaml\n',
      '---\nkind: Pod\n# Source: not/a/header.yaml\n',
      '# Source:\n# Source: second.yaml\n',
      '---x\n# Source: a.yaml\n',
      '# Source: last-line.yaml',
      '\n\n\n',
      '#\n#\n',
    ];
    for (const text of cases) assert.equal(templateSource(text), referenceTemplateSource(text), JSON.stringify(text));
  });
});
