/**
 * The text surgery behind applyIntents.ts: one intent → one edit on the current text of a document,
 * computed from `yaml` node ranges so everything the edit does not touch stays byte-identical.
 */
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { findPair, scalarOf, type AnchorTable, type Path } from '../document/yamlNodes';
import type { FixIntent, FixValue } from './intent';
import type { OffsetEdit } from './textEdit';
import {
  column,
  contentEnd,
  isScalarValue,
  lineEnd,
  lineStart,
  nodeContentEnd,
  quoteOf,
  renderEntry,
  renderFlow,
  renderScalar,
  renderSeqItem,
  type Style,
} from './yamlText';

export function resolvePath(start: Node | null, path: Path, anchors: AnchorTable): Node | undefined {
  let node = anchors.resolve(start);
  for (const seg of path) {
    if (typeof seg === 'number') node = isSeq(node) ? anchors.resolve(node.items[seg]) : undefined;
    else node = isMap(node) ? anchors.resolve(findPair(node, seg)?.value) : undefined;
  }
  return node;
}

/**
 * Whether a sequence entry matches an intent value: equal scalars, or a mapping that has every key of a
 * mapping value with a matching value (so `{ name: 'tmp' }` finds the volume named tmp).
 */
export function matchesValue(item: unknown, value: FixValue, anchors: AnchorTable): boolean {
  const node = anchors.resolve(item);
  if (isScalarValue(value)) return isScalar(node) && scalarOf(node) === value;
  if (Array.isArray(value)) {
    const list = value as readonly FixValue[];
    return isSeq(node) && node.items.length === list.length && list.every((v, i) => matchesValue(node.items[i], v, anchors));
  }
  if (!isMap(node)) return false;
  return Object.entries(value as Record<string, FixValue>).every(([k, v]) => {
    const pair = findPair(node, k);
    return pair !== undefined && matchesValue(pair.value, v, anchors);
  });
}

/** One intent → one edit on the current text; `null` = nothing to do, `undefined` = cannot apply. */
export class IntentEditor {
  constructor(
    private readonly text: string,
    private readonly style: Style,
    private readonly anchors: AnchorTable,
  ) {}

  apply(root: YAMLMap, intent: FixIntent): OffsetEdit | null | undefined {
    switch (intent.op) {
      case 'set':
        return this.set(root, intent.path, intent.value);
      case 'remove':
        return this.remove(root, intent.path);
      case 'addToSeq':
        return this.addToSeq(root, intent.path, intent.value);
      case 'removeFromSeq':
        return this.removeFromSeq(root, intent.path, intent.value);
    }
  }

  private set(root: YAMLMap, path: Path, value: FixValue): OffsetEdit | null | undefined {
    let map: YAMLMap = root;
    let owner: Pair | undefined;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!;
      const last = i === path.length - 1;
      if (typeof seg === 'number') return undefined; // Paths index sequences only through `container.path` prefixes below.
      const pair = findPair(map, seg);
      if (!pair) return this.insertIntoMap(map, owner, nest(path.slice(i), value));
      const next = path[i + 1];
      if (last) return this.replaceValue(pair, value);
      if (typeof next === 'number') {
        const seq = this.anchors.resolve(pair.value);
        const item = isSeq(seq) ? this.anchors.resolve(seq.items[next]) : undefined;
        if (!isMap(item)) return undefined;
        map = item;
        owner = undefined;
        i++;
        if (i === path.length - 1) return undefined;
        continue;
      }
      const child = this.anchors.resolve(pair.value);
      if (isMap(child)) {
        map = child;
        owner = pair;
        continue;
      }
      if (isEmptyValue(child)) {
        const rest = nest(path.slice(i + 1), value);
        return this.fillEmptyValue(pair, { [rest.key]: rest.value });
      }
      return undefined;
    }
    return undefined;
  }

  /** Replaces an existing value; mappings merge key by key so sibling keys and comments survive. */
  private replaceValue(pair: Pair, value: FixValue): OffsetEdit | null | undefined {
    const current = pair.value as Node | null;
    if (isScalarValue(value)) {
      if (isScalar(current) && current.range && !isEmptyValue(current)) {
        if (scalarOf(current) === value) return null;
        const quote = typeof value === 'string' ? quoteOf(current) : undefined;
        return { start: current.range[0], end: current.range[1], newText: renderScalar(value, quote) };
      }
      if (isEmptyValue(current)) return this.fillEmptyValue(pair, value);
      return this.replaceNode(pair, value);
    }
    if (isEmptyValue(current)) return this.fillEmptyValue(pair, value);
    return this.replaceNode(pair, value);
  }

  private replaceNode(pair: Pair, value: FixValue): OffsetEdit | undefined {
    const current = pair.value as Node;
    if (!current.range) return undefined;
    const keyCol = column(this.text, (pair.key as Node).range![0]);
    const start = current.range[0];
    const end = nodeContentEnd(this.text, current);
    if (isScalarValue(value) || isFlow(current)) return { start, end, newText: renderFlow(value) };
    // A block value becomes a new block under the key.
    const keyEnd = this.afterColon(pair);
    const lines = renderEntry('x', value, this.style).slice(1);
    return { start: keyEnd, end, newText: this.style.eol + this.indentLines(lines, keyCol).join(this.style.eol).trimEnd() };
  }

  /** `key:` with nothing (or `null` / `~`) after it → `key:` followed by the new block. */
  private fillEmptyValue(pair: Pair, value: FixValue): OffsetEdit {
    const key = pair.key as Node;
    const keyCol = column(this.text, key.range![0]);
    const colon = this.afterColon(pair);
    const current = pair.value as Node | null;
    const valueEnd = current?.range && current.range[1] > colon ? current.range[1] : colon;
    if (isScalarValue(value)) return { start: colon, end: valueEnd, newText: ` ${renderScalar(value)}` };
    if (Array.isArray(value) && value.length === 0) return { start: colon, end: valueEnd, newText: ' []' };
    const lines = renderEntry('x', value, this.style).slice(1);
    const end = lineEnd(this.text, valueEnd);
    // Keep a trailing comment on the key's line where it was.
    const tail = this.text.slice(valueEnd, end).trimEnd();
    return { start: colon, end, newText: `${tail}${this.style.eol}${this.indentLines(lines, keyCol).join(this.style.eol)}` };
  }

  /** Adds `entry` to a mapping: a new line at the mapping's indentation after its last entry, or into `{...}`. */
  private insertIntoMap(map: YAMLMap, owner: Pair | undefined, entry: { key: string; value: FixValue }): OffsetEdit | undefined {
    if (!map.range) return undefined;
    if (map.flow) {
      if (map.items.length === 0) {
        if (!owner) return undefined;
        // `securityContext: {}` becomes a block mapping.
        return this.replaceEmptyFlowMap(owner, map, entry);
      }
      const lastPair = map.items[map.items.length - 1]!;
      const lastEnd = endOfPair(lastPair);
      if (lastEnd === undefined) return undefined;
      return { start: lastEnd, end: lastEnd, newText: `, ${renderScalar(entry.key)}: ${renderFlow(entry.value)}` };
    }
    const first = map.items[0];
    const firstKey = first?.key as Node | undefined;
    if (!firstKey?.range) return undefined;
    const col = column(this.text, firstKey.range[0]);
    const at = lineEnd(this.text, contentEnd(this.text, map.range[0], map.range[1]));
    const lines = this.indentLines(renderEntry(entry.key, entry.value, this.style), col);
    return { start: at, end: at, newText: this.style.eol + lines.join(this.style.eol) };
  }

  private replaceEmptyFlowMap(owner: Pair, map: YAMLMap, entry: { key: string; value: FixValue }): OffsetEdit {
    const keyCol = column(this.text, (owner.key as Node).range![0]);
    const colon = this.afterColon(owner);
    const end = lineEnd(this.text, map.range![1]);
    const tail = this.text.slice(map.range![1], end).trimEnd();
    const lines = this.indentLines(renderEntry(entry.key, entry.value, this.style), keyCol + this.style.indent);
    return { start: colon, end, newText: `${tail}${this.style.eol}${lines.join(this.style.eol)}` };
  }

  private remove(root: YAMLMap, path: Path): OffsetEdit | null | undefined {
    const key = path[path.length - 1];
    if (typeof key !== 'string') return undefined;
    const parent = resolvePath(root, path.slice(0, -1), this.anchors);
    if (!isMap(parent)) return null;
    const index = parent.items.findIndex((p) => isScalar(p.key) && String(p.key.value) === key);
    if (index === -1) return null;
    const pair = parent.items[index]!;
    if (parent.flow) return this.removeFlowItem(parent.items.map((p) => [(p.key as Node).range![0], endOfPair(p)!]), index);
    const keyStart = (pair.key as Node).range![0];
    const ls = lineStart(this.text, keyStart);
    const onlyIndentBefore = this.text.slice(ls, keyStart).trim() === '';
    if (parent.items.length === 1) {
      // Removing the last key would leave `parent:` empty (null); write `{}` instead so the meaning is clear.
      return this.replaceWholeMap(parent, '{}');
    }
    // A block value's range runs to the start of the next line; the removal must stop at its content.
    const rawEnd = endOfPair(pair) ?? (pair.key as Node).range![1];
    const valueEnd = contentEnd(this.text, keyStart, rawEnd);
    const endLine = this.lineBreakAfter(valueEnd);
    if (!onlyIndentBefore) {
      // The pair shares its line with a `- ` item marker: remove it and pull the next key up.
      const next = parent.items[index + 1];
      if (!next) return { start: keyStart, end: valueEnd, newText: '' };
      return { start: keyStart, end: (next.key as Node).range![0], newText: '' };
    }
    return { start: ls, end: endLine, newText: '' };
  }

  private replaceWholeMap(map: YAMLMap, replacement: string): OffsetEdit | undefined {
    if (!map.range) return undefined;
    const start = map.range[0];
    const end = contentEnd(this.text, start, map.range[1]);
    // Back up to just after the owning key's colon when the map starts on its own line.
    let s = start;
    const ls = lineStart(this.text, start);
    if (this.text.slice(ls, start).trim() === '' && ls > 0) {
      s = ls - 1;
      while (s > 0 && (this.text[s - 1] === '\r' || this.text[s - 1] === ' ')) s--;
    }
    return { start: s, end, newText: (s === start ? '' : ' ') + replacement };
  }

  private addToSeq(root: YAMLMap, path: Path, value: FixValue): OffsetEdit | null | undefined {
    const seq = resolvePath(root, path, this.anchors);
    if (seq === undefined || isEmptyValue(seq)) return this.set(root, path, [value]);
    if (!isSeq(seq) || !seq.range) return undefined;
    if (seq.items.some((i) => matchesValue(i, value, this.anchors))) return null;
    if (seq.flow) {
      const last = seq.items[seq.items.length - 1] as Node | undefined;
      if (!last?.range) {
        const close = this.text.lastIndexOf(']', seq.range[1]);
        return { start: close, end: close, newText: renderFlow(value) };
      }
      return { start: last.range[1], end: last.range[1], newText: `, ${renderFlow(value)}` };
    }
    const dash = seq.range[0];
    const col = column(this.text, dash);
    const at = lineEnd(this.text, contentEnd(this.text, dash, seq.range[1]));
    const lines = this.indentLines(renderSeqItem(value, this.style), col);
    return { start: at, end: at, newText: `${this.style.eol}${lines.join(this.style.eol)}` };
  }

  private removeFromSeq(root: YAMLMap, path: Path, value: FixValue): OffsetEdit | null | undefined {
    const seq = resolvePath(root, path, this.anchors);
    if (!isSeq(seq) || !seq.range) return null;
    const index = seq.items.findIndex((i) => matchesValue(i, value, this.anchors));
    if (index === -1) return null;
    if (seq.flow) return this.removeFlowItem(seq.items.map((i) => [(i as Node).range![0], (i as Node).range![1]]), index);
    if (seq.items.length === 1) return this.replaceSeqWithEmpty(seq);
    const item = seq.items[index] as Node;
    const ls = lineStart(this.text, item.range![0]);
    return { start: ls, end: this.lineBreakAfter(nodeContentEnd(this.text, item)), newText: '' };
  }

  private replaceSeqWithEmpty(seq: YAMLSeq): OffsetEdit | undefined {
    const start = seq.range![0];
    const end = contentEnd(this.text, start, seq.range![1]);
    let s = lineStart(this.text, start);
    if (s > 0) {
      s -= 1;
      while (s > 0 && (this.text[s - 1] === '\r' || this.text[s - 1] === ' ')) s--;
    }
    return { start: s, end, newText: ' []' };
  }

  /** Removes item `index` of a flow collection given each item's [start, end), with its comma. */
  private removeFlowItem(ranges: [number, number][], index: number): OffsetEdit {
    const [start, end] = ranges[index]!;
    if (ranges.length === 1) return { start, end, newText: '' };
    if (index < ranges.length - 1) return { start, end: ranges[index + 1]![0], newText: '' };
    return { start: ranges[index - 1]![1], end, newText: '' };
  }

  /** Offset just after the `:` that follows a pair's key. */
  private afterColon(pair: Pair): number {
    const keyEnd = (pair.key as Node).range![1];
    const colon = this.text.indexOf(':', keyEnd);
    return colon === -1 ? keyEnd : colon + 1;
  }

  /** Offset after the line break that ends the line holding `offset` (or the text end). */
  private lineBreakAfter(offset: number): number {
    const nl = this.text.indexOf('\n', offset);
    return nl === -1 ? this.text.length : nl + 1;
  }

  private indentLines(lines: readonly string[], col: number): string[] {
    const pad = ' '.repeat(col);
    return lines.map((l) => pad + l);
  }
}

function nest(path: Path, value: FixValue): { key: string; value: FixValue } {
  const [head, ...rest] = path;
  let v = value;
  for (let i = rest.length - 1; i >= 0; i--) v = { [rest[i] as string]: v };
  return { key: head as string, value: v };
}

function isEmptyValue(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && (node.value === null || node.value === undefined));
}

function isFlow(node: Node): boolean {
  return (isMap(node) || isSeq(node)) && node.flow === true;
}

function endOfPair(pair: Pair): number | undefined {
  const v = pair.value as Node | null;
  if (v?.range && v.range[1] > v.range[0]) return v.range[1];
  return (pair.key as Node | null)?.range?.[1];
}
