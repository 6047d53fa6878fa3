/**
 * Writes a generated object (a NetworkPolicy) as YAML in a file's own style — indentation width,
 * sequence indentation, line endings — with comments attached by path, and places it: as a new document
 * after an object's document, or as the text of a new file.
 *
 * Comment paths: `spec.ingress` (before that key), `spec.ingress[0]` (before that item),
 * `spec.ingress[]` (after the last item), `` (before the first line).
 */
import type { ParsedFile } from '../document/parseManifests';
import type { FixValue } from './intent';
import type { OffsetEdit } from './textEdit';
import { detectStyle, isScalarValue, renderScalar, type Style } from './yamlText';

export type Comments = ReadonlyMap<string, readonly string[]>;

export interface GeneratedObject {
  /** The object as plain data (what schema validation sees). */
  readonly value: { readonly [key: string]: FixValue };
  readonly comments: Comments;
}

/** The object as YAML lines (no line terminators). */
export function renderObject(obj: GeneratedObject, style: Style): string[] {
  return [...commentLines(obj.comments.get(''), 0), ...renderMap(obj.value, '', 0, style, obj.comments)];
}

/** A value's YAML lines without comments: placeholder rules are written this way, then commented out. */
export function yamlLines(value: { readonly [key: string]: FixValue } | readonly FixValue[], style: Style): string[] {
  return Array.isArray(value) ? renderSeq(value, '', 0, style, new Map()) : renderMap(value as { [key: string]: FixValue }, '', 0, style, new Map());
}

function commentLines(lines: readonly string[] | undefined, col: number): string[] {
  const pad = ' '.repeat(col);
  return (lines ?? []).map((l) => (l === '' ? `${pad}#` : `${pad}# ${l}`));
}

function renderMap(map: { readonly [key: string]: FixValue }, path: string, col: number, style: Style, comments: Comments): string[] {
  const pad = ' '.repeat(col);
  const out: string[] = [];
  for (const [k, v] of Object.entries(map)) {
    const p = path === '' ? k : `${path}.${k}`;
    out.push(...commentLines(comments.get(p), col));
    const key = renderScalar(k);
    if (isScalarValue(v)) out.push(`${pad}${key}: ${renderScalar(v)}`);
    else if (Array.isArray(v)) {
      if (v.length === 0) out.push(`${pad}${key}: []`);
      else out.push(`${pad}${key}:`, ...renderSeq(v as readonly FixValue[], p, col + style.seqIndent, style, comments));
    } else {
      const entries = Object.keys(v);
      if (entries.length === 0) out.push(`${pad}${key}: {}`);
      else out.push(`${pad}${key}:`, ...renderMap(v as { [key: string]: FixValue }, p, col + style.indent, style, comments));
    }
  }
  return out;
}

function renderSeq(seq: readonly FixValue[], path: string, col: number, style: Style, comments: Comments): string[] {
  const pad = ' '.repeat(col);
  const out: string[] = [];
  seq.forEach((item, i) => {
    const p = `${path}[${i}]`;
    out.push(...commentLines(comments.get(p), col));
    if (isScalarValue(item) || Array.isArray(item)) {
      out.push(`${pad}- ${isScalarValue(item) ? renderScalar(item) : `[${(item as FixValue[]).map((x) => (isScalarValue(x) ? renderScalar(x) : '')).join(', ')}]`}`);
      return;
    }
    // An item mapping is written at col + 2 and its first entry moved onto the `- ` line; comments that
    // precede the first entry go above the dash, where they still read as belonging to the item.
    const lines = renderMap(item as { [key: string]: FixValue }, p, col + 2, style, comments);
    const first = lines.findIndex((l) => !l.trimStart().startsWith('#'));
    for (let j = 0; j < first; j++) out.push(`${pad}${lines[j]!.trimStart()}`);
    if (first === -1) return;
    out.push(`${pad}- ${lines[first]!.slice(col + 2)}`, ...lines.slice(first + 1));
  });
  out.push(...commentLines(comments.get(`${path}[]`), col));
  return out;
}

/** The style of the document an object is generated for; inserted or new-file text follows it. */
export function styleOf(parsed: ParsedFile, documentIndex: number): Style {
  const doc = parsed.documents[documentIndex];
  return doc ? detectStyle(doc.text, doc.yaml.contents) : detectStyle(parsed.text, null);
}

/** An edit inserting a new YAML document (with its `---`) right after the document `documentIndex`. */
export function insertDocumentAfter(parsed: ParsedFile, documentIndex: number, lines: readonly string[], style: Style): OffsetEdit | undefined {
  const doc = parsed.documents[documentIndex];
  if (!doc) return undefined;
  const at = doc.end;
  const needsBreak = doc.text.length > 0 && !doc.text.endsWith('\n');
  const body = ['---', ...lines].join(style.eol) + style.eol;
  return { start: at, end: at, newText: (needsBreak ? style.eol : '') + body };
}

/** The text of a new file holding one object. */
export function newFileText(lines: readonly string[], style: Style): string {
  return lines.join(style.eol) + style.eol;
}
