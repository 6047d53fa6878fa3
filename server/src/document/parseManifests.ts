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
  const reuse = reuser(text, previous);
  const documents = splitDocuments(text).map((seg, index) => {
    const old = reuse(seg);
    if (old && old.index === index && old.start === seg.start) return old;
    // A moved document keeps its syntax tree (and everything cached on it: findings, pod views, facts).
    if (old) return new ManifestDocument(index, seg.start, old.text, old.yaml);
    const docText = ownCopy(text.slice(seg.start, seg.end));
    return new ManifestDocument(index, seg.start, docText, parseDocumentSafely(docText));
  });
  return { text, documents, lines: new LineIndex(text, lineStartsOf(text, documents)) };
}

/**
 * The text as a string of its own. V8 represents a long slice as a view into the string it was cut
 * from, so a document's text (and every scalar `yaml` slices from it) would keep the whole file's text
 * of that version alive: documents live across edits, each re-parsed one pinning another version, and
 * after a few hundred keystrokes in a 10,000-line file that was 30 MB of old file texts, live. Slicing a
 * concatenation copies the document's characters once instead.
 */
function ownCopy(slice: string): string {
  return `${slice} `.slice(0, -1);
}

/**
 * Finds the document of `previous` with a segment's text. On every keystroke all but one document are
 * unchanged, either where they were (before the edit) or moved by the edit's change in length (after
 * it): those are compared in place, without slicing and hashing the whole file's text; only documents
 * that changed or moved otherwise (reordered, duplicated) are looked up by text.
 */
function reuser(text: string, previous: ParsedFile | undefined): (seg: Segment) => ManifestDocument | undefined {
  const old = previous?.documents ?? [];
  if (old.length === 0) return () => undefined;
  const delta = text.length - previous!.text.length;
  const byStart = new Map<number, ManifestDocument>();
  for (const d of old) byStart.set(d.start, d);
  const taken = new Set<ManifestDocument>();
  let byText: Map<string, ManifestDocument[]> | undefined;
  // `===` on a slice compares memory; `startsWith` walks characters, about 20 times slower here.
  const sameText = (d: ManifestDocument | undefined, seg: Segment): d is ManifestDocument =>
    d !== undefined && !taken.has(d) && d.text.length === seg.end - seg.start && text.slice(seg.start, seg.end) === d.text;
  return (seg) => {
    const inPlace = byStart.get(seg.start);
    const moved = byStart.get(seg.start - delta);
    let found = sameText(inPlace, seg) ? inPlace : sameText(moved, seg) ? moved : undefined;
    if (!found) {
      byText ??= groupByText(old);
      found = byText.get(text.slice(seg.start, seg.end))?.find((d) => !taken.has(d));
    }
    if (found) taken.add(found);
    return found;
  };
}

function groupByText(documents: readonly ManifestDocument[]): Map<string, ManifestDocument[]> {
  const out = new Map<string, ManifestDocument[]>();
  for (const d of documents) {
    const list = out.get(d.text);
    if (list) list.push(d);
    else out.set(d.text, [d]);
  }
  return out;
}

/** Offsets just after each newline of a document's text, relative to it: kept per syntax tree, like the tree. */
const newlinesByTree = new WeakMap<ManifestDocument['yaml'], readonly number[]>();

/**
 * The file's line starts, assembled from its documents' (which cover the text end to end), so an edit
 * scans one document for newlines rather than the whole file. Undefined when they do not cover it.
 */
function lineStartsOf(text: string, documents: readonly ManifestDocument[]): number[] | undefined {
  const starts = [0];
  let at = 0;
  for (const d of documents) {
    if (d.start !== at) return undefined;
    let newlines = newlinesByTree.get(d.yaml);
    if (!newlines) {
      const found: number[] = [];
      for (let i = d.text.indexOf('\n'); i !== -1; i = d.text.indexOf('\n', i + 1)) found.push(i + 1);
      newlines = found;
      newlinesByTree.set(d.yaml, newlines);
    }
    for (const n of newlines) starts.push(at + n);
    at += d.text.length;
  }
  return at === text.length ? starts : undefined;
}

/**
 * Deeper nesting than this is refused before parsing. `yaml` parses nesting in time that grows much
 * faster than the text (100,000 `[` take about 9 s, 100 kB of `- - - …` several seconds), and from about
 * 800 levels its composer overflows the stack (caught, but a stack overflow is no state to continue in).
 * Real manifests nest a few dozen levels, CRD schemas in flow style well under 100.
 */
export const MAX_NESTING = 200;

function parseDocumentSafely(docText: string): ManifestDocument['yaml'] {
  const depth = nestingDepth(docText);
  if (depth > MAX_NESTING) return unparsed(docText, `This document is nested more than ${MAX_NESTING} levels deep; KubeGuard does not analyse it.`);
  try {
    return parseDocument(docText, PARSE_OPTIONS);
  } catch (e) {
    // The parser is not expected to throw, but a pathological input (say, nesting deep enough to exhaust
    // the stack) must still become a problem on this document rather than take the server down.
    return unparsed(docText, e instanceof RangeError ? 'This document is nested too deeply to analyse.' : `This document could not be parsed: ${String(e)}`);
  }
}

/** An empty document carrying one error that says why the text was not parsed. */
function unparsed(docText: string, message: string): ManifestDocument['yaml'] {
  const doc = parseDocument('', PARSE_OPTIONS);
  doc.errors.push(new YAMLParseError([0, Math.min(docText.length, 1)], 'RESOURCE_EXHAUSTION', message));
  return doc;
}

/**
 * An upper bound of the nesting depth, in one pass: open flow brackets (`[`, `{`, wherever they are:
 * a quoted or block scalar full of brackets is as rare as it is harmless to refuse) and the count of
 * block indicators (`- `, `? `) opening one line (`- - - x` nests three sequences on one line).
 */
export function nestingDepth(text: string): number {
  let flow = 0;
  let max = 0;
  let atLineStart = true;
  let indicators = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) {
      atLineStart = true;
      indicators = 0;
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      max = Math.max(max, ++flow);
      atLineStart = false;
    } else if (c === 93 /* ] */ || c === 125 /* } */) {
      flow = Math.max(0, flow - 1);
      atLineStart = false;
    } else if (atLineStart && (c === 45 /* - */ || c === 63) /* ? */ && (text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 9)) {
      max = Math.max(max, ++indicators);
      i++;
    } else if (c !== 32 && c !== 9) {
      atLineStart = false;
    }
  }
  return max;
}

export function allObjects(file: ParsedFile): K8sObject[] {
  return file.documents.flatMap((d) => d.objects);
}

export function syntaxProblems(file: ParsedFile): SyntaxProblem[] {
  return file.documents.flatMap((d) => d.problems());
}
