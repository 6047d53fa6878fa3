/**
 * `kubeguard lint` on the engine the editor runs: every input is parsed, one WorkspaceView spans them
 * all (so a Namespace in one file sets the policy of workloads in another), and each file is analysed.
 * The result is plain data with 0-based LSP positions; formatters turn it into text or JSON.
 */
import path from 'node:path';
import { analyzeParsed, NO_LIMITS, parseForAnalysis } from '../analysis/fileAnalysis';
import { yamlProblemMessage } from '../analysis/messages';
import { suppressionSource } from '../analysis/suppressions';
import { DEFAULT_SETTINGS, type EngineSettings } from '../analysis/settings';
import { workspaceOf } from '../analysis/workspaceView';
import type { ParsedFile } from '../document/parseManifests';
import type { Range } from '../document/span';
import type { PolicySettings } from '../pss/policy';
import { ruleById } from '../rules/catalog';
import type { Finding, Severity } from '../rules/rule';
import { templateSource } from './helmSource';
import { STDIN_PATH, type Input } from './inputs';

export interface ReportFinding {
  readonly ruleId: string;
  readonly pssCheck: string | null;
  readonly concepts: readonly string[];
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  readonly object: {
    readonly kind: string;
    readonly name: string | null;
    readonly namespace: string | null;
    readonly documentIndex: number;
    /** Only for objects inside a `kind: List`. */
    readonly itemIndex?: number;
  };
  /** The Helm template the object was rendered from (`# Source:` comment of `helm template` output). */
  readonly template?: string;
  /** Only in `suppressedFindings`: what hid the finding (`annotation kubeguard.io/ignore`, …) and why. */
  readonly suppression?: { readonly kind: 'annotation' | 'comment' | 'settings'; readonly source: string; readonly reason: string | null };
}

export interface ReportProblem {
  readonly code: 'yaml-syntax';
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly range: Range;
}

export interface FileReport {
  readonly path: string;
  readonly findings: readonly ReportFinding[];
  /** YAML syntax problems (reported for files that look like Kubernetes manifests). */
  readonly problems: readonly ReportProblem[];
  /** Findings hidden by suppressions (annotations, comments, settings). */
  readonly suppressed: number;
  /** Those findings, each with its `suppression` (SARIF reports them as suppressed results). */
  readonly suppressedFindings: readonly ReportFinding[];
  /** Why the file was not analysed (e.g. a Helm template), when it was not. */
  readonly skipped?: string;
}

export interface LintReport {
  readonly files: readonly FileReport[];
}

/**
 * Lints the inputs with full engine settings (from .kubeguard.yaml and flags) or just a Pod Security
 * policy. `exclude` patterns match paths relative to `excludeBase` (the configuration file's
 * directory) when given, else the paths as given on the command line.
 */
export function lint(inputs: readonly Input[], config: PolicySettings | EngineSettings, excludeBase?: string): LintReport {
  const settings: EngineSettings = 'rules' in config ? config : { ...DEFAULT_SETTINGS, podSecurity: config };
  const parsed = inputs.map((input) => ({ input, parsed: parseForAnalysis(input.text, undefined, NO_LIMITS) }));
  const workspace = workspaceOf(parsed.flatMap((p) => p.parsed.documents.flatMap((d) => d.objects)));
  const files = parsed.map(({ input, parsed: file }): FileReport => {
    const analysis = analyzeParsed(file, { settings, workspace, filePath: excludePath(input.path, excludeBase) });
    const lines = file.lines;
    const ordered = [...analysis.findings].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || compare(a.ruleId, b.ruleId));
    // Each document's `# Source:` template, read once per document rather than once per finding.
    const templates = file.documents.map((d) => templateSource(d.text));
    const report = (f: Finding): ReportFinding => reportFinding(f, file, templates);
    const findings = ordered.filter((f) => !f.suppressed).map(report);
    const suppressedFindings = ordered.filter((f) => f.suppressed).map(report);
    const problems = analysis.problems.map((p): ReportProblem => ({
      code: 'yaml-syntax',
      severity: p.severity,
      message: yamlProblemMessage(p),
      range: lines.rangeOf({ start: p.start, end: p.end }),
    }));
    return {
      path: input.path,
      findings,
      problems,
      suppressed: suppressedFindings.length,
      suppressedFindings,
      ...(analysis.skipped ? { skipped: analysis.skipped.reason } : {}),
    };
  });
  return { files };
}

/** `templates`: the `# Source:` template of each of the file's documents, in order. */
function reportFinding(f: Finding, file: ParsedFile, templates: readonly (string | undefined)[]): ReportFinding {
  const rule = ruleById(f.ruleId);
  const template = templates[file.documents.findIndex((d) => f.span.start >= d.start && f.span.start < d.end)];
  const s = f.suppressed;
  return {
    ruleId: f.ruleId,
    pssCheck: rule?.pss?.check ?? null,
    concepts: rule?.concepts ?? [],
    severity: f.severity,
    message: f.message,
    range: file.lines.rangeOf(f.span),
    object: {
      kind: f.object.kind,
      name: f.object.name ?? null,
      namespace: f.object.namespace ?? null,
      documentIndex: f.object.documentIndex,
      ...(f.object.itemIndex !== undefined ? { itemIndex: f.object.itemIndex } : {}),
    },
    ...(template !== undefined ? { template } : {}),
    ...(s ? { suppression: { kind: s.by, source: suppressionSource(s), reason: s.reason ?? null } } : {}),
  };
}

/** 1 when anything needs attention (a finding or a YAML error), else 0. */
export function exitCodeOf(report: LintReport): 0 | 1 {
  return report.files.some((f) => f.findings.length > 0 || f.problems.some((p) => p.severity === 'error')) ? 1 : 0;
}

/** The path `exclude` patterns see: relative to the configuration's directory when the file is below it. */
function excludePath(file: string, base: string | undefined): string {
  if (base === undefined || file === STDIN_PATH) return file;
  const rel = path.relative(base, path.resolve(file));
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
