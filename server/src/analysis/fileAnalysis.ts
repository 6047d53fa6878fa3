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
  readonly skipped?: { readonly reason: string; readonly span: Span };
}

const KUBERNETES_HINT = /^\s*(?:-\s+)?(?:apiVersion|kind)\s*:/m;

/** Go templates (Helm charts) are not YAML until rendered; analysing them would only produce false errors. */
const TEMPLATE_MARKER = /\{\{-?\s|\{\{[^}]*\}\}/;

export function analyzeText(text: string, input: AnalysisInput, previous?: ParsedFile): FileAnalysis {
  const template = TEMPLATE_MARKER.exec(text);
  if (template) {
    const parsed = parseManifests('', undefined);
    return {
      parsed: { ...parsed, text, lines: new LineIndex(text) },
      findings: [],
      problems: [],
      skipped: {
        reason:
          'KubeGuard skipped this file: it contains Go template expressions ({{ }}) as Helm chart templates do, which are not YAML until rendered. Lint the rendered output instead, e.g. `helm template . | kubeguard lint -`.',
        span: { start: template.index, end: template.index + template[0].length },
      },
    };
  }
  const parsed = parseManifests(text, previous);
  const findings = analyzeFile(parsed, input);
  const looksKubernetes = parsed.documents.some((d) => d.objects.length > 0) || KUBERNETES_HINT.test(text);
  const problems = looksKubernetes ? parsed.documents.flatMap((d) => d.problems()) : [];
  return { parsed, findings, problems };
}
