/**
 * The whole pipeline for one file, shared by the language server and the CLI: classify, parse, analyse,
 * and decide which YAML problems are worth reporting.
 */
import { parseManifests, type ParsedFile } from '../document/parseManifests';
import type { SyntaxProblem } from '../document/manifestDocument';
import { LineIndex, type Span } from '../document/span';
import type { Finding } from '../rules/rule';
import { analyzeFile, type AnalysisInput } from './analyzeFile';

export interface FileAnalysis {
  readonly parsed: ParsedFile;
  readonly findings: readonly Finding[];
  /** YAML syntax problems, reported only for files that look like Kubernetes manifests. */
  readonly problems: readonly SyntaxProblem[];
  /** Set when the file was not analysed: why, and where to show it (one Information diagnostic). */
  readonly skipped?: SkipReason;
}

export interface SkipReason {
  readonly reason: string;
  readonly span: Span;
}

const KUBERNETES_HINT = /^\s*(?:-\s+)?(?:apiVersion|kind)\s*:/m;

/** Go templates (Helm charts) are not YAML until rendered; analysing them would only produce false errors. */
const TEMPLATE_MARKER = /\{\{-?\s|\{\{[^}]*\}\}/;

/** Why a file must not be analysed as YAML, if it must not. */
export function skipReason(text: string): SkipReason | undefined {
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

/** Parses a file, or returns an empty parse when the file is skipped. */
export function parseForAnalysis(text: string, previous?: ParsedFile): ParsedFile {
  return skipReason(text) ? emptyParse(text) : parseManifests(text, previous);
}

export function analyzeParsed(parsed: ParsedFile, input: AnalysisInput): FileAnalysis {
  const skipped = skipReason(parsed.text);
  if (skipped) return { parsed, findings: [], problems: [], skipped };
  const findings = analyzeFile(parsed, input);
  const looksKubernetes = parsed.documents.some((d) => d.objects.length > 0) || KUBERNETES_HINT.test(parsed.text);
  const problems = looksKubernetes ? parsed.documents.flatMap((d) => d.problems()) : [];
  return { parsed, findings, problems };
}

export function analyzeText(text: string, input: AnalysisInput, previous?: ParsedFile): FileAnalysis {
  return analyzeParsed(parseForAnalysis(text, previous), input);
}
