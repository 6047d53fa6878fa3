/**
 * In-manifest suppression syntax: where directives live and how they read. Pure parsing: it finds the
 * directives of a file and says what each one names; suppressions.ts decides what they hide.
 *
 *   metadata.annotations (object, or a workload's pod template):
 *     kubeguard.io/ignore: "privileged-container, host-namespaces -- reason"
 *     ignore-container.kubeguard.io/<container-name>: "allow-privilege-escalation -- reason"
 *   comments:
 *     # kubeguard-disable-next-line privileged-container -- reason   (findings starting on the next content line)
 *     # kubeguard-disable-file run-as-non-root -- reason             (the whole file)
 */
import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import type { K8sObject } from '../document/k8sObject';
import type { ManifestDocument } from '../document/manifestDocument';
import type { ParsedFile } from '../document/parseManifests';
import type { Span } from '../document/span';
import { podOf } from '../document/workloads';

export const IGNORE_ANNOTATION = 'kubeguard.io/ignore';
/** Followed by the container name. The prefix form keeps the name part ≤ 63 characters as the API requires. */
export const IGNORE_CONTAINER_ANNOTATION_PREFIX = 'ignore-container.kubeguard.io/';
export const DISABLE_NEXT_LINE = 'kubeguard-disable-next-line';
export const DISABLE_FILE = 'kubeguard-disable-file';
/** What the quick-fixes write where the reason goes, inviting the user to replace it. */
export const REASON_PLACEHOLDER = 'TODO: reason';

export type DirectiveScope =
  | { readonly kind: 'object'; readonly object: K8sObject }
  | { readonly kind: 'container'; readonly object: K8sObject; readonly container: string }
  | { readonly kind: 'line'; readonly lineStart: number; readonly lineEnd: number }
  | { readonly kind: 'file' };

export interface Directive {
  readonly scope: DirectiveScope;
  readonly ruleIds: readonly string[];
  readonly reason: string | undefined;
  /** Where the directive is written (annotation entry or comment); notices about it go here. */
  readonly span: Span;
  /** How messages name it: `annotation kubeguard.io/ignore`, `comment kubeguard-disable-next-line`. */
  readonly label: string;
  readonly by: 'annotation' | 'comment';
}

/** `"a, b -- reason"` → ids and reason. Rule ids are kebab-case, so `--` cannot occur inside one. */
export function parseDirectiveText(text: string): { ruleIds: string[]; reason: string | undefined } {
  const sep = text.indexOf('--');
  const ids = sep === -1 ? text : text.slice(0, sep);
  const reason = sep === -1 ? '' : text.slice(sep + 2).trim();
  return { ruleIds: ids.split(/[\s,]+/).filter((s) => s !== ''), reason: reason === '' ? undefined : reason };
}

/** The text of a directive value for a list of ids and a reason (what the quick-fixes write). */
export function formatDirectiveText(ruleIds: readonly string[], reason: string | undefined): string {
  return `${ruleIds.join(', ')}${reason === undefined ? '' : ` -- ${reason}`}`;
}

/** Every directive in a file: annotations of each object, then comments. */
export function findDirectives(file: ParsedFile): Directive[] {
  const out: Directive[] = [];
  for (const doc of file.documents) for (const object of doc.objects) out.push(...annotationDirectives(object));
  out.push(...commentDirectives(file));
  return out;
}

/** Where an object's directives may be written: its metadata and, for workloads, the pod template's. */
export function annotationPaths(object: K8sObject): (readonly string[])[] {
  const paths: (readonly string[])[] = [['metadata', 'annotations']];
  const pod = podOf(object);
  if (pod && pod.metadataPath.join('.') !== 'metadata') paths.push([...(pod.metadataPath as string[]), 'annotations']);
  return paths;
}

function annotationDirectives(object: K8sObject): Directive[] {
  const out: Directive[] = [];
  const at = object.document.start;
  for (const { key, value, start, end } of directiveAnnotations(object)) {
    const span = { start: at + start, end: at + end };
    const { ruleIds, reason } = parseDirectiveText(value);
    if (key === IGNORE_ANNOTATION) {
      out.push({ scope: { kind: 'object', object }, ruleIds, reason, span, label: `annotation ${key}`, by: 'annotation' });
    } else {
      const container = key.slice(IGNORE_CONTAINER_ANNOTATION_PREFIX.length);
      out.push({ scope: { kind: 'container', object, container }, ruleIds, reason, span, label: `annotation ${key}`, by: 'annotation' });
    }
  }
  return out;
}

/** A directive annotation as written, with its span relative to its document (which may move in the file). */
interface DirectiveAnnotation {
  readonly key: string;
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Suppressions are applied to the whole file on every analysis, so the annotations of every object are
 * read each time; they depend only on the object's syntax tree, which edits elsewhere keep, so they are
 * read once per tree (an edit reads one document's), in document-relative offsets.
 */
const annotationCache = new WeakMap<YAMLMap, readonly DirectiveAnnotation[]>();

function directiveAnnotations(object: K8sObject): readonly DirectiveAnnotation[] {
  const known = annotationCache.get(object.root);
  if (known) return known;
  const out: DirectiveAnnotation[] = [];
  const at = object.document.start;
  for (const path of annotationPaths(object)) {
    for (const [key, value] of object.stringMap(path)) {
      const isDirective = key === IGNORE_ANNOTATION || (key.startsWith(IGNORE_CONTAINER_ANNOTATION_PREFIX) && key.length > IGNORE_CONTAINER_ANNOTATION_PREFIX.length);
      if (!isDirective) continue;
      const span = object.pairSpan([...path, key]);
      if (span) out.push({ key, value, start: span.start - at, end: span.end - at });
    }
  }
  annotationCache.set(object.root, out);
  return out;
}

const COMMENT = /^[ \t]*#[ \t]*(kubeguard-disable-next-line|kubeguard-disable-file)(?=[ \t]|$)(.*)$/gm;

function commentDirectives(file: ParsedFile): Directive[] {
  const { text } = file;
  if (!text.includes('kubeguard-disable')) return [];
  const out: Directive[] = [];
  for (const m of text.matchAll(COMMENT)) {
    const start = m.index + m[0].indexOf('#');
    const end = m.index + m[0].replace(/\r$/, '').length;
    // A `#` line inside a block scalar (a script in a ConfigMap) is content, not a comment.
    if (insideScalar(file, start)) continue;
    const { ruleIds, reason } = parseDirectiveText(m[2]!.replace(/\r$/, ''));
    const keyword = m[1]!;
    const span = { start, end };
    if (keyword === DISABLE_FILE) {
      out.push({ scope: { kind: 'file' }, ruleIds, reason, span, label: `comment ${keyword}`, by: 'comment' });
      continue;
    }
    const target = nextContentLine(text, end);
    // Above `key: |`, the directive also covers findings inside that block scalar (a script, a properties file).
    if (target) out.push({ scope: { kind: 'line', lineStart: target.lineStart, lineEnd: blockScalarsEnd(file, target.lineStart, target.lineEnd) }, ruleIds, reason, span, label: `comment ${keyword}`, by: 'comment' });
  }
  return out;
}

/** The next line after `from` that is neither blank nor a comment: what a next-line directive covers. */
export function nextContentLine(text: string, from: number): { lineStart: number; lineEnd: number } | undefined {
  let s = text.indexOf('\n', from);
  while (s !== -1) {
    const lineStart = s + 1;
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl === -1 ? text.length : nl;
    const line = text.slice(lineStart, lineEnd).trim();
    if (line !== '' && !line.startsWith('#')) return { lineStart, lineEnd };
    s = nl;
  }
  return undefined;
}

function insideScalar(file: ParsedFile, offset: number): boolean {
  return blockScalarAt(file, offset) !== undefined;
}

/** A scalar spanning several lines (block scalar, folded quoted string) and the line it hangs from. */
export interface MultiLineScalar {
  /** Offset of the key (or sequence item) the scalar belongs to: its line is where a comment can go. */
  readonly owner: number;
  readonly start: number;
  readonly end: number;
}

/** The multi-line scalar holding `offset` (strictly inside its text), if any. */
export function blockScalarAt(file: ParsedFile, offset: number): MultiLineScalar | undefined {
  const doc = file.documents.find((d) => offset >= d.start && offset < d.end);
  return doc ? multiLineScalars(doc).find((s) => offset > s.start && offset < s.end) : undefined;
}

/** The end of the multi-line scalars hanging from a line, so a next-line directive covers their content. */
export function blockScalarsEnd(file: ParsedFile, lineStart: number, lineEnd: number): number {
  const doc = file.documents.find((d) => lineStart >= d.start && lineStart < d.end);
  if (!doc) return lineEnd;
  return multiLineScalars(doc).reduce((end, s) => (s.owner >= lineStart && s.owner <= lineEnd ? Math.max(end, s.end) : end), lineEnd);
}

const scalarCache = new WeakMap<ManifestDocument, MultiLineScalar[]>();

function multiLineScalars(doc: ManifestDocument): MultiLineScalar[] {
  const cached = scalarCache.get(doc);
  if (cached) return cached;
  const out: MultiLineScalar[] = [];
  const add = (owner: number, n: unknown): void => {
    if (!isScalar(n) || !n.range) return;
    const [start, end] = n.range;
    if (doc.text.slice(start, end).trimEnd().includes('\n')) out.push({ owner: doc.start + owner, start: doc.start + start, end: doc.start + end });
  };
  // An explicit stack: documents can nest deeply and must not overflow the call stack.
  const stack: unknown[] = [doc.yaml.contents];
  while (stack.length > 0) {
    const n = stack.pop();
    if (isMap(n)) {
      for (const p of n.items) {
        const keyStart = (p.key as { range?: [number, number, number] } | null)?.range?.[0];
        if (keyStart !== undefined) add(keyStart, p.value);
        stack.push(p.value);
      }
    } else if (isSeq(n)) {
      for (const item of n.items) {
        const r = (item as { range?: [number, number, number] } | null)?.range;
        if (r) add(r[0], item);
        stack.push(item);
      }
    }
  }
  scalarCache.set(doc, out);
  return out;
}
