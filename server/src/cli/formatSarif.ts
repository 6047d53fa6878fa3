/**
 * SARIF 2.1.0 output for code scanning (GitHub, Azure DevOps, …): one run whose driver lists every rule
 * with its help from the catalog, and one result per finding or YAML problem. Suppressed findings are
 * results with a `suppressions` entry, so a viewer can show what was waived and why; the engine's
 * notices about suppressions and YAML syntax are rules too, so every result has a descriptor.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Location, Log, Notification, ReportingDescriptor, Result, Suppression } from 'sarif';
import { IGNORED_SUPPRESSION, UNUSED_SUPPRESSION } from '../analysis/suppressions';
import type { Range } from '../document/span';
import { RULES } from '../rules/catalog';
import { docsUrl, REPOSITORY_URL } from '../rules/docsUrl';
import { conceptTexts, ruleHelpMarkdown, ruleHelpText } from '../rules/ruleHelp';
import type { Rule, Severity } from '../rules/rule';
import { STDIN_PATH } from './inputs';
import type { FileReport, LintReport, ReportFinding, ReportProblem } from './lint';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** The base every relative artifact URI is resolved against: the working directory of the run. */
export const SRCROOT = 'SRCROOT';

const LEVEL: Readonly<Record<Severity, Result.level>> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/**
 * GitHub ranks security alerts by `security-severity` (≥ 9 critical, ≥ 7 high, ≥ 4 medium, else low).
 * Derived from the rule's default severity: KubeGuard has no separate exploitability score.
 */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { error: '8.0', warning: '5.5', information: '3.0', hint: '1.0' };

/** Results that no catalog rule reports: the engine's own notices. */
const ENGINE_RULES: readonly { id: string; title: string; description: string; severity: Severity }[] = [
  { id: 'yaml-syntax', title: 'YAML syntax', description: 'The file is not valid YAML where it looks like a Kubernetes manifest; objects that do not parse are not checked.', severity: 'error' },
  { id: UNUSED_SUPPRESSION, title: 'Unused suppression', description: 'A kubeguard.io/ignore annotation or kubeguard-disable comment names an unknown rule or hides no finding.', severity: 'information' },
  { id: IGNORED_SUPPRESSION, title: 'Ignored suppression', description: 'In strict mode in-manifest suppressions are ignored; this notes each one that was.', severity: 'hint' },
];

export interface SarifOptions {
  /** The working directory: artifact URIs are relative to it (uriBaseId SRCROOT). */
  readonly cwd: string;
  readonly version: string;
}

export function lintSarif(report: LintReport, options: SarifOptions): string {
  const rules = [...RULES.map(catalogDescriptor), ...ENGINE_RULES.map(engineDescriptor)];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results: Result[] = [];
  const notifications: Notification[] = [];
  for (const file of report.files) {
    const artifact = artifactLocation(file.path, options.cwd);
    for (const p of file.problems) results.push(problemResult(p, artifact, index));
    for (const f of file.findings) results.push(findingResult(f, artifact, index));
    for (const f of file.suppressedFindings) results.push(findingResult(f, artifact, index));
    // A skipped file (a Helm template) was not analysed: that is about the run, not a finding.
    if (file.skipped) notifications.push({ level: 'note', message: { text: file.skipped }, locations: [{ physicalLocation: { artifactLocation: artifact } }], descriptor: { id: 'file-skipped' } });
  }
  const log: Log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'KubeGuard', version: options.version, semanticVersion: options.version, informationUri: REPOSITORY_URL, rules } },
        invocations: [{ executionSuccessful: true, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) }],
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(options.cwd).href.replace(/\/?$/, '/') } },
        // Columns count UTF-16 code units, as the engine's (and LSP's) positions do.
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function catalogDescriptor(rule: Rule): ReportingDescriptor {
  const tags = ['security', 'kubernetes', rule.category, ...(rule.pss ? ['pod-security-standards', `pss-${rule.pss.level}`] : []), ...rule.concepts];
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: { text: ruleHelpText(rule), markdown: ruleHelpMarkdown(rule) },
    helpUri: docsUrl(rule.id),
    defaultConfiguration: { level: LEVEL[rule.severity], enabled: rule.enabledByDefault },
    properties: {
      tags,
      'security-severity': SECURITY_SEVERITY[rule.severity],
      category: rule.category,
      concepts: conceptTexts(rule),
      ...(rule.pss ? { pssCheck: rule.pss.check, pssLevel: rule.pss.level, pssControl: rule.pss.control } : {}),
    },
  };
}

function engineDescriptor(r: (typeof ENGINE_RULES)[number]): ReportingDescriptor {
  return {
    id: r.id,
    name: pascalCase(r.id),
    shortDescription: { text: r.title },
    fullDescription: { text: r.description },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { tags: ['kubeguard-notice'] },
  };
}

function findingResult(f: ReportFinding, artifact: ArtifactLocation, index: ReadonlyMap<string, number>): Result {
  const suppressions: Suppression[] = f.suppression
    ? [{ kind: f.suppression.kind === 'settings' ? 'external' : 'inSource', ...(f.suppression.reason !== null ? { justification: f.suppression.reason } : {}), properties: { source: f.suppression.source } }]
    : [];
  return {
    ruleId: f.ruleId,
    ...ruleIndex(f.ruleId, index),
    level: LEVEL[f.severity],
    message: { text: f.template !== undefined ? `${f.message} (template ${f.template})` : f.message },
    locations: [location(artifact, f.range, `${f.object.kind}/${f.object.name ?? '(unnamed)'}`)],
    // Empty: this tool supports suppressions and this result has none.
    suppressions,
    properties: { object: f.object, ...(f.template !== undefined ? { template: f.template } : {}) },
  };
}

function problemResult(p: ReportProblem, artifact: ArtifactLocation, index: ReadonlyMap<string, number>): Result {
  return { ruleId: p.code, ...ruleIndex(p.code, index), level: LEVEL[p.severity], message: { text: p.message }, locations: [location(artifact, p.range)], suppressions: [] };
}

type ArtifactLocation = NonNullable<NonNullable<Location['physicalLocation']>['artifactLocation']>;

function ruleIndex(id: string, index: ReadonlyMap<string, number>): { ruleIndex?: number } {
  const i = index.get(id);
  return i === undefined ? {} : { ruleIndex: i };
}

/** LSP ranges are 0-based with an exclusive end; SARIF regions are 1-based, `endColumn` one past the end. */
function location(artifactLocation: ArtifactLocation, r: Range, logicalName?: string): Location {
  return {
    physicalLocation: {
      artifactLocation,
      region: { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 },
    },
    ...(logicalName !== undefined ? { logicalLocations: [{ fullyQualifiedName: logicalName, kind: 'object' }] } : {}),
  };
}

/** Paths under the working directory are relative to SRCROOT; others are absolute file URIs. */
export function artifactLocation(file: FileReport['path'], cwd: string): ArtifactLocation {
  if (file === STDIN_PATH) return { uri: 'stdin', description: { text: 'standard input (-)' } };
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return { uri: pathToFileURL(absolute).href };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function pascalCase(id: string): string {
  return id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}
