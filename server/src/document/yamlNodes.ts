/** Read-only helpers over the `yaml` v2 AST: lookups by key or path, alias resolution with a cap, scalar values. */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

/** One step of a path: a mapping key or a sequence index. */
export type PathSegment = string | number;
export type Path = readonly PathSegment[];

export type ScalarValue = string | number | boolean | null;

/**
 * Resolves aliases through the anchors of one document. Resolution is one hop at a time with a hard cap
 * on hops per lookup, and never copies nodes, so an alias bomb costs no more than its own text.
 */
export class AnchorTable {
  private anchors: Map<string, Node[]> | undefined;

  constructor(private readonly doc: Document.Parsed) {}

  resolve(node: unknown): Node | undefined {
    let current = node;
    for (let hops = 0; isAlias(current); hops++) {
      if (hops >= 16) return undefined;
      current = this.lookup(current.source, current.range?.[0] ?? Number.MAX_SAFE_INTEGER);
    }
    return current === null || current === undefined ? undefined : (current as Node);
  }

  /** The anchor of that name defined last before `before`: YAML lets a later anchor shadow an earlier one. */
  private lookup(name: string, before: number): Node | undefined {
    if (!this.anchors) this.anchors = collectAnchors(this.doc);
    const candidates = this.anchors.get(name);
    if (!candidates) return undefined;
    let found: Node | undefined;
    for (const c of candidates) if ((c.range?.[0] ?? 0) < before) found = c;
    return found;
  }
}

function collectAnchors(doc: Document.Parsed): Map<string, Node[]> {
  const anchors = new Map<string, Node[]>();
  // An explicit stack instead of recursion: deeply nested input must not overflow the call stack.
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const n = stack.pop();
    if (isPair(n)) {
      stack.push(n.key, n.value);
      continue;
    }
    if (!n || isAlias(n)) continue;
    const node = n as Node;
    if ('anchor' in node && typeof node.anchor === 'string') {
      const list = anchors.get(node.anchor) ?? [];
      list.push(node);
      anchors.set(node.anchor, list);
    }
    if (isMap(node) || isSeq(node)) for (const item of node.items) stack.push(item);
  }
  for (const list of anchors.values()) list.sort((a, b) => (a.range?.[0] ?? 0) - (b.range?.[0] ?? 0));
  return anchors;
}

/** The scalar value of a key node or value node, as a string for comparison (`null` for non-scalars). */
export function keyText(key: unknown): string | undefined {
  if (isScalar(key)) {
    const v = scalarOf(key);
    return v === null || v === undefined ? '' : String(v);
  }
  return undefined;
}

export function findPair(map: YAMLMap, key: string): Pair | undefined {
  for (const item of map.items) {
    const k = item.key;
    // Nearly every key is a string scalar, whose text is its value: compared directly, without the
    // general conversion (kept for the rest). Every path lookup of every rule comes through here.
    if (isScalar(k) && typeof k.value === 'string') {
      if (k.value === key) return item;
    } else if (keyText(k) === key) return item;
  }
  return undefined;
}

export function scalarOf(node: Node | undefined): ScalarValue | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  // Timestamps and other typed scalars: compare by their source form.
  return node.source ?? (v instanceof Date ? v.toISOString() : null);
}

export function asMap(node: Node | undefined): YAMLMap | undefined {
  return isMap(node) ? node : undefined;
}

export function asSeq(node: Node | undefined): YAMLSeq | undefined {
  return isSeq(node) ? node : undefined;
}

/** `[start, end)` of a node's value (without trailing comments), relative to its document's text. */
export function nodeRange(node: Node | undefined | null): [number, number] | undefined {
  const r = node?.range;
  return r ? [r[0], r[1]] : undefined;
}

/** True when the scalar was written with quotes, e.g. `"true"`: a string, not the boolean true. */
export function isQuotedScalar(node: Node | undefined): boolean {
  return isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE');
}
