/**
 * The whole pipeline for one file, shared by the language server and the CLI: classify, parse, analyse,
 * and decide which YAML problems are worth reporting.
 */
import { parseManifests, splitDocuments, type ParsedFile } from '../document/parseManifests';
import type { SyntaxProblem } from '../document/manifestDocument';
import { LineIndex, type Span } from '../document/span';
import type { Finding } from '../rules/rule';
import { analyzeFile, type AnalysisInput } from './analyzeFile';

export interface FileAnalysis {
  readonly parsed: ParsedFile;
  readonly findings: readonly Finding[];
  /** YAML syntax problems, reported only for files that look like Kubernetes manifests. */
  readonly problems: readonly SyntaxProblem[];
  /**
   * Set when the file was not analysed, or only in part (too large): why, and where to show it (one
   * Information diagnostic, code `file-skipped`).
   */
  readonly skipped?: SkipReason;
}

export interface SkipReason {
  readonly reason: string;
  readonly span: Span;
}

// Blanks only, not `\s`: with the m flag `^\s*` would rescan every following blank line from each line
// start, quadratic on a file of empty lines (test/unit/robustness/adversarialInputs.test.ts).
const KUBERNETES_HINT = /^[ \t]*(?:-[ \t]+)?(?:apiVersion|kind)[ \t]*:/m;

/**
 * Go templates (Helm charts) are not YAML until rendered; analysing them would only produce false errors.
 * The expression is bounded and excludes braces: `\{\{[^}]*\}\}` rescans to the end of the text from every
 * `{{`, quadratic on a megabyte of `{`.
 */
const TEMPLATE_MARKER = /\{\{[^{}]{0,1000}\}\}|\{\{-?\s/;

/**
 * Files longer than this (UTF-16 units, about bytes for manifests) or than MAX_ANALYSED_LINES are
 * analysed up to the last YAML document that ends within both; the rest gets one Information
 * diagnostic. A full analysis costs about 4 s per MB of manifests in the server (docs/performance.md),
 * so 1 MiB keeps the worst open or edit to a few seconds and a 10 MB file does not freeze the editor.
 * The workspace index reads files up to 2 MiB (workspace/scanFolder.ts), cut the same way. Not a
 * setting: a larger limit only moves the freeze.
 */
export const MAX_ANALYSED_CHARS = 1024 * 1024;

/**
 * `yaml` spends about 25 µs on every line however short (a megabyte of empty lines parses in 25 s), so
 * lines are bounded too: 50,000 is five times the 10,000-line benchmark file, about 1.2 s of lines.
 */
export const MAX_ANALYSED_LINES = 50_000;

/** Why a file must not be analysed as YAML, if it must not. */
export function skipReason(text: string): SkipReason | undefined {
  // Runs on every analysis of the whole text: `includes` is a native scan, several times faster on a
  // 10,000-line file than the regular expression, which then runs only on the rare file with `{{`.
  if (!text.includes('{{')) return undefined;
  const template = TEMPLATE_MARKER.exec(text);
  if (!template) return undefined;
  return {
    reason:
      'KubeGuard skipped this file: it contains Go template expressions ({{ }}) as Helm chart templates do, which are not YAML until rendered. Lint the rendered output instead, e.g. `helm template . | kubeguard lint -`.',
    span: { start: template.index, end: template.index + template[0].length },
  };
}

/** A parse with no documents, for skipped files (positions still work for the skip notice). */
export function emptyParse(text: string): ParsedFile {
  return { text, documents: [], lines: new LineIndex(text) };
}

/** How much of one file is analysed: characters (UTF-16 units) and lines. */
export interface AnalysisLimits {
  readonly chars: number;
  readonly lines: number;
}

/** The editor's limits (the language server and its workspace index). */
export const EDITOR_LIMITS: AnalysisLimits = { chars: MAX_ANALYSED_CHARS, lines: MAX_ANALYSED_LINES };

/** The CLI's: it freezes no editor, so it analyses files of any size. */
export const NO_LIMITS: AnalysisLimits = { chars: Number.POSITIVE_INFINITY, lines: Number.POSITIVE_INFINITY };

/**
 * Parses a file, or returns an empty parse when the file is skipped. A file over the limits is parsed up
 * to the end of its last document within them; positions still cover the whole text.
 */
export function parseForAnalysis(text: string, previous?: ParsedFile, limits: AnalysisLimits = EDITOR_LIMITS): ParsedFile {
  if (skipReason(text)) return emptyParse(text);
  const limit = Math.min(limits.chars, lineLimitOffset(text, limits.lines));
  if (text.length <= limit) return parseManifests(text, previous);
  const cut = analysedLength(text, limit);
  const documents = cut === 0 ? [] : parseManifests(text.slice(0, cut), previous).documents;
  return { text, documents, lines: new LineIndex(text) };
}

/** The offset just after line `maxLines` (the text's length when it has fewer lines). */
function lineLimitOffset(text: string, maxLines: number): number {
  // Fewer characters than lines allowed: fewer newlines too, and no scan on every keystroke.
  if (text.length < maxLines) return text.length;
  let at = -1;
  for (let n = 0; n < maxLines; n++) {
    at = text.indexOf('\n', at + 1);
    if (at === -1) return text.length;
  }
  return at + 1;
}

/** How much of a large file is analysed: whole documents only, so no document is cut into false errors. */
function analysedLength(text: string, maxChars: number): number {
  let end = 0;
  for (const seg of splitDocuments(text)) {
    if (seg.end > maxChars) break;
    end = seg.end;
  }
  return end;
}

/**
 * The notice of a file analysed only in part, at the first document left out. A full parse always ends
 * at the end of the text (the last document runs to it), so a shorter one was cut by parseForAnalysis.
 */
function partialReason(parsed: ParsedFile): SkipReason | undefined {
  const last = parsed.documents[parsed.documents.length - 1];
  const cut = last ? last.end : 0;
  if (cut >= parsed.text.length) return undefined;
  const mb = (n: number): string => (n / (1024 * 1024)).toFixed(1);
  const what = parsed.documents.length === 0 ? 'not analysed: its first YAML document alone is' : `analysed only up to line ${parsed.lines.positionAt(cut).line} (the first ${parsed.documents.length} YAML documents): it is`;
  const size = `${mb(parsed.text.length)} MB, ${parsed.lines.lineCount.toLocaleString('en-US')} lines`;
  return {
    reason: `KubeGuard ${what} larger than the ${mb(MAX_ANALYSED_CHARS)} MB or ${MAX_ANALYSED_LINES.toLocaleString('en-US')} lines it analyses per file (the file has ${size}). Split it into smaller files, or lint it with \`kubeguard lint\`, which analyses files of any size.`,
    span: { start: cut, end: Math.min(parsed.text.length, cut + 1) },
  };
}

export function analyzeParsed(parsed: ParsedFile, input: AnalysisInput): FileAnalysis {
  const skipped = skipReason(parsed.text);
  if (skipped) return { parsed, findings: [], problems: [], skipped };
  const findings = analyzeFile(parsed, input);
  const looksKubernetes = parsed.documents.some((d) => d.objects.length > 0) || KUBERNETES_HINT.test(parsed.text);
  const problems = looksKubernetes ? parsed.documents.flatMap((d) => d.problems()) : [];
  const partial = partialReason(parsed);
  return { parsed, findings, problems, ...(partial ? { skipped: partial } : {}) };
}

export function analyzeText(text: string, input: AnalysisInput, previous?: ParsedFile): FileAnalysis {
  return analyzeParsed(parseForAnalysis(text, previous), input);
}
