/** Text-level facts about YAML source that edits must respect: indentation, line ends, scalar rendering. */
import { isMap, isPair, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { FixValue } from './intent';
import type { ScalarValue } from '../document/yamlNodes';

export interface Style {
  /** Spaces per nesting level of block mappings. */
  readonly indent: number;
  /** Spaces between a key and the `-` of its block sequence items (0 for `key:\n- item`). */
  readonly seqIndent: number;
  /** Line terminator used by the text. */
  readonly eol: string;
}

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

export function column(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** Offset of the line break ending the line that holds `offset` (before any `\r`), or the text's end. */
export function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl === -1) return text.length;
  return nl > 0 && text[nl - 1] === '\r' ? nl - 1 : nl;
}

/** The offset just after the last non-blank character before `end` (skips trailing newlines of block values). */
export function contentEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1]!)) e--;
  return e;
}

/**
 * Where the content of a node really ends: the end of its last meaningful character, ignoring the
 * trailing newlines and blank lines that `yaml` includes in block values. Comments stay outside.
 */
export function nodeContentEnd(text: string, node: Node): number {
  const [start, valueEnd] = node.range!;
  return contentEnd(text, start, valueEnd);
}

/** Detects the indentation style of a document from its own nesting, so inserted lines match it. */
export function detectStyle(text: string, root: Node | null | undefined): Style {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let indent: number | undefined;
  let seqIndent: number | undefined;
  const stack: unknown[] = [root];
  let visited = 0;
  while (stack.length > 0 && (indent === undefined || seqIndent === undefined) && visited++ < 2000) {
    const n = stack.pop();
    if (!isMap(n) || n.flow) continue;
    for (const p of n.items) {
      if (!isPair(p) || !isScalar(p.key) || !p.key.range) continue;
      const keyCol = column(text, p.key.range[0]);
      const v = p.value as Node | null;
      if (isMap(v) && !v.flow && v.range && v.items.length > 0 && indent === undefined) {
        const d = column(text, v.range[0]) - keyCol;
        if (d > 0) indent = d;
      }
      if (isSeq(v) && !v.flow && v.range && seqIndent === undefined && text[v.range[0]] === '-') {
        const d = column(text, v.range[0]) - keyCol;
        if (d >= 0) seqIndent = d;
      }
      if (isMap(v)) stack.push(v);
      if (isSeq(v)) for (const item of v.items) stack.push(item);
    }
  }
  const i = indent ?? 2;
  return { indent: i, seqIndent: seqIndent ?? i, eol };
}

const PLAIN_SAFE = /^[A-Za-z_/][A-Za-z0-9_./-]*$/;
/** Plain scalars that YAML 1.1 (what Kubernetes reads) would not read as a string. */
const AMBIGUOUS = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;

export function renderScalar(value: ScalarValue, quote?: '"' | "'"): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (quote === "'" ) return `'${value.replace(/'/g, "''")}'`;
  if (quote === '"' || !PLAIN_SAFE.test(value) || AMBIGUOUS.test(value)) return JSON.stringify(value);
  return value;
}

export function isScalarValue(v: FixValue): v is ScalarValue {
  return v === null || typeof v !== 'object';
}

/** A value in flow style: `[ALL]`, `{type: RuntimeDefault}`. */
export function renderFlow(value: FixValue): string {
  if (isScalarValue(value)) return renderScalar(value);
  if (Array.isArray(value)) return `[${value.map(renderFlow).join(', ')}]`;
  const entries = Object.entries(value as Record<string, FixValue>);
  return entries.length === 0 ? '{}' : `{${entries.map(([k, v]) => `${renderScalar(k)}: ${renderFlow(v)}`).join(', ')}}`;
}

/**
 * `key: value` as block lines, indented relative to the key's column (the caller adds the base indent).
 * Mappings nest by `style.indent`; sequences of scalars use the document's sequence style.
 */
export function renderEntry(key: string, value: FixValue, style: Style): string[] {
  const k = renderScalar(key);
  if (isScalarValue(value)) return [`${k}: ${renderScalar(value)}`];
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${k}: []`];
    const pad = ' '.repeat(style.seqIndent);
    return [`${k}:`, ...value.flatMap((item: FixValue) => renderSeqItem(item, style).map((l) => pad + l))];
  }
  const entries = Object.entries(value as Record<string, FixValue>);
  if (entries.length === 0) return [`${k}: {}`];
  const pad = ' '.repeat(style.indent);
  return [`${k}:`, ...entries.flatMap(([ck, cv]) => renderEntry(ck, cv, style).map((l) => pad + l))];
}

export function renderSeqItem(item: FixValue, style: Style): string[] {
  if (isScalarValue(item) || Array.isArray(item)) return [`- ${renderFlow(item)}`];
  const lines = Object.entries(item as Record<string, FixValue>).flatMap(([k, v]) => renderEntry(k, v, style));
  return lines.map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`));
}

/** The quote style of an existing scalar, so a replaced string keeps it. */
export function quoteOf(node: Node | null | undefined): '"' | "'" | undefined {
  if (!isScalar(node)) return undefined;
  return node.type === 'QUOTE_DOUBLE' ? '"' : node.type === 'QUOTE_SINGLE' ? "'" : undefined;
}

export function isEmptyMap(node: unknown): node is YAMLMap {
  return isMap(node) && node.items.length === 0;
}
