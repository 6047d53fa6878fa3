/**
 * Text -> documents -> Kubernetes objects. Parsing never throws: YAML errors become problems.
 *
 * The file is split at document markers first and each document is parsed on its own. YAML forbids
 * `---` and `...` at column 0 inside any content, so the split is exact, and it lets an edit re-parse
 * only the documents whose text changed (the previous parse is passed back in).
 */
import { parseDocument, YAMLParseError } from 'yaml';
import type { K8sObject } from './k8sObject';
import { ManifestDocument, type SyntaxProblem } from './manifestDocument';
import { LineIndex } from './span';

export interface ParsedFile {
  readonly text: string;
  readonly documents: readonly ManifestDocument[];
  readonly lines: LineIndex;
}

export interface Segment {
  readonly start: number;
  readonly end: number;
}

/**
 * Options shared by every parse. Kubernetes decodes YAML with go-yaml's 1.1 rules (`yes`, `on` and `off`
 * are booleans; `0755` is octal), so the 1.1 schema makes `privileged: yes` mean what the API server reads.
 */
const PARSE_OPTIONS = { version: '1.1', prettyErrors: false, keepSourceTokens: false } as const;

const MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/;

/** Splits a YAML stream into document segments; each segment keeps its own `---` line. */
export function splitDocuments(text: string): Segment[] {
  const segments: Segment[] = [];
  let segStart = 0;
  // Whether the current segment already holds a `---` marker or content: comments and directives
  // before the first marker belong to the document that follows them.
  let segHasBody = false;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl === -1 ? text.length : nl + 1;
    const c = text.charCodeAt(lineStart);
    if ((c === 45 /* - */ || c === 46) /* . */ && MARKER.test(text.slice(lineStart, Math.min(lineEnd, lineStart + 4)))) {
      const isEnd = c === 46;
      if (isEnd) {
        segments.push({ start: segStart, end: lineEnd });
        segStart = lineEnd;
        segHasBody = false;
      } else {
        if (segHasBody) {
          segments.push({ start: segStart, end: lineStart });
          segStart = lineStart;
        }
        segHasBody = true;
      }
    } else if (!segHasBody && isContentLine(text, lineStart, lineEnd)) {
      segHasBody = true;
    }
    if (nl === -1) break;
    lineStart = lineEnd;
  }
  if (segStart < text.length || segments.length === 0) {
    if (segHasBody || segments.length === 0) segments.push({ start: segStart, end: text.length });
    else segments[segments.length - 1] = { start: segments[segments.length - 1]!.start, end: text.length };
  }
  return segments;
}

function isContentLine(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n' || ch === '\uFEFF') continue;
    return ch !== '#' && ch !== '%';
  }
  return false;
}

/** Parses a file; documents whose text is unchanged since `previous` are reused, not re-parsed. */
export function parseManifests(text: string, previous?: ParsedFile): ParsedFile {
  const reusable = new Map<string, ManifestDocument[]>();
  for (const d of previous?.documents ?? []) {
    const list = reusable.get(d.text) ?? [];
    list.push(d);
    reusable.set(d.text, list);
  }
  const documents = splitDocuments(text).map((seg, index) => {
    const docText = text.slice(seg.start, seg.end);
    const old = reusable.get(docText)?.shift();
    if (old && old.index === index && old.start === seg.start) return old;
    return new ManifestDocument(index, seg.start, docText, old ? old.yaml : parseDocumentSafely(docText));
  });
  return { text, documents, lines: new LineIndex(text) };
}

function parseDocumentSafely(docText: string): ManifestDocument['yaml'] {
  try {
    return parseDocument(docText, PARSE_OPTIONS);
  } catch (e) {
    // The parser is not expected to throw, but a pathological input (say, nesting deep enough to exhaust
    // the stack) must still become a problem on this document rather than take the server down.
    const doc = parseDocument('', PARSE_OPTIONS);
    const message = e instanceof RangeError ? 'This document is nested too deeply to analyse.' : `This document could not be parsed: ${String(e)}`;
    doc.errors.push(new YAMLParseError([0, Math.min(docText.length, 1)], 'RESOURCE_EXHAUSTION', message));
    return doc;
  }
}

export function allObjects(file: ParsedFile): K8sObject[] {
  return file.documents.flatMap((d) => d.objects);
}

export function syntaxProblems(file: ParsedFile): SyntaxProblem[] {
  return file.documents.flatMap((d) => d.problems());
}
