/** One Kubernetes object inside a YAML document: identity, value-at-path and span-of-path. */
import { isMap, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { ManifestDocument } from './manifestDocument';
import { span, type Span } from './span';
import { asMap, findPair, keyText, nodeRange, scalarOf, type Path, type ScalarValue } from './yamlNodes';

/** What a finding names as its object, in messages, the CLI's JSON and code actions. */
export interface ObjectRef {
  readonly kind: string;
  readonly apiVersion: string;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
  readonly documentIndex: number;
  /** Index within a `kind: List`'s `items`, when the object is one of them. */
  readonly itemIndex?: number;
}

export class K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string | undefined;
  readonly namespace: string | undefined;

  constructor(
    readonly document: ManifestDocument,
    readonly root: YAMLMap,
    /** Path from the document root to this object: `[]`, or `['items', i]` inside a List. */
    readonly pathInDocument: Path,
  ) {
    this.apiVersion = stringOf(this.value(['apiVersion'])) ?? '';
    this.kind = stringOf(this.value(['kind'])) ?? '';
    this.name = stringOf(this.value(['metadata', 'name']));
    this.namespace = stringOf(this.value(['metadata', 'namespace']));
  }

  get ref(): ObjectRef {
    const itemIndex = this.pathInDocument.length === 2 ? (this.pathInDocument[1] as number) : undefined;
    return {
      kind: this.kind,
      apiVersion: this.apiVersion,
      name: this.name,
      namespace: this.namespace,
      documentIndex: this.document.index,
      ...(itemIndex === undefined ? {} : { itemIndex }),
    };
  }

  /** "Deployment web" / "Pod (unnamed)": how messages name the object. */
  get label(): string {
    return `${this.kind} ${this.name ?? '(unnamed)'}`;
  }

  /** The node at `path` (aliases resolved), or undefined when any step is missing. */
  get(path: Path, from: Node = this.root): Node | undefined {
    let current: Node | undefined = this.document.resolve(from);
    for (const seg of path) {
      if (current === undefined) return undefined;
      if (typeof seg === 'number') {
        if (!isSeq(current)) return undefined;
        current = this.document.resolve(current.items[seg]);
      } else {
        if (!isMap(current)) return undefined;
        const pair = findPair(current, seg);
        current = pair ? this.document.resolve(pair.value) : undefined;
      }
    }
    return current;
  }

  /** The key/value pair for the last (string) segment of `path`. */
  pair(path: Path, from: Node = this.root): Pair | undefined {
    const last = path[path.length - 1];
    if (typeof last !== 'string') return undefined;
    const parent = asMap(this.get(path.slice(0, -1), from));
    return parent ? findPair(parent, last) : undefined;
  }

  has(path: Path, from?: Node): boolean {
    return this.pair(path, from) !== undefined;
  }

  value(path: Path, from?: Node): ScalarValue | undefined {
    return scalarOf(this.get(path, from));
  }

  /** Absolute span of a node in the file. */
  spanOf(node: Node | undefined | null): Span | undefined {
    const r = nodeRange(node);
    return r ? span(this.document.start + r[0], this.document.start + r[1]) : undefined;
  }

  /** Span of the key at `path` (e.g. the word `securityContext`). */
  keySpan(path: Path, from?: Node): Span | undefined {
    const p = this.pair(path, from);
    return p ? this.spanOf(p.key as Node) : undefined;
  }

  /** Span of the value at `path`; falls back to the key when the value is empty (`key:`). */
  valueSpan(path: Path, from?: Node): Span | undefined {
    const p = this.pair(path, from);
    if (!p) return this.spanOf(this.get(path, from));
    return this.spanOf(p.value as Node) ?? this.spanOf(p.key as Node);
  }

  /** Span from the key to the end of its value: `hostNetwork: true`. */
  pairSpan(path: Path, from?: Node): Span | undefined {
    const p = this.pair(path, from);
    if (!p) return undefined;
    const k = this.spanOf(p.key as Node);
    const v = this.spanOf(p.value as Node);
    if (!k) return v;
    return span(k.start, v && isSingleLine(this.document.text, v, this.document.start) ? v.end : k.end);
  }

  /** A mapping of string keys to string values at `path` (labels, annotations); non-scalars are skipped. */
  stringMap(path: Path, from?: Node): Map<string, string> {
    const out = new Map<string, string>();
    const m = asMap(this.get(path, from));
    if (!m) return out;
    for (const item of m.items) {
      const k = keyText(item.key);
      const v = scalarOf(this.document.resolve(item.value));
      if (k !== undefined && v !== undefined && v !== null) out.set(k, String(v));
    }
    return out;
  }
}

function stringOf(v: ScalarValue | undefined): string | undefined {
  return v === undefined || v === null ? undefined : String(v);
}

function isSingleLine(docText: string, s: Span, docStart: number): boolean {
  return !docText.slice(s.start - docStart, s.end - docStart).includes('\n');
}
