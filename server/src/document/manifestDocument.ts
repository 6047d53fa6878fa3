/** One YAML document of a multi-document file: its own parse, its objects and its syntax problems. */
import { isMap, isSeq, type Document, type Node, type YAMLMap } from 'yaml';
import { K8sObject } from './k8sObject';
import { AnchorTable, findPair, scalarOf } from './yamlNodes';

export interface SyntaxProblem {
  readonly message: string;
  /** Offsets relative to the whole file. */
  readonly start: number;
  readonly end: number;
  readonly code: string;
  readonly severity: 'error' | 'warning';
}

export class ManifestDocument {
  private readonly anchors: AnchorTable;
  private objectList: K8sObject[] | undefined;

  constructor(
    /** Position of this document in the file, counting from 0 as `kubectl` and the CLI report it. */
    readonly index: number,
    /** Offset of the document's first character in the file. */
    readonly start: number,
    /** The document's own text; node ranges are relative to it. */
    readonly text: string,
    readonly yaml: Document.Parsed,
  ) {
    this.anchors = new AnchorTable(yaml);
  }

  get end(): number {
    return this.start + this.text.length;
  }

  get hasErrors(): boolean {
    return this.yaml.errors.length > 0;
  }

  /** Kubernetes objects in this document: the document itself, or the items of a `kind: List`. */
  get objects(): readonly K8sObject[] {
    this.objectList ??= this.findObjects();
    return this.objectList;
  }

  resolve(node: unknown): Node | undefined {
    return this.anchors.resolve(node);
  }

  problems(): SyntaxProblem[] {
    const out: SyntaxProblem[] = [];
    for (const e of this.yaml.errors) out.push(this.problem(e.message, e.pos, e.code, 'error'));
    for (const w of this.yaml.warnings) out.push(this.problem(w.message, w.pos, w.code, 'warning'));
    return out;
  }

  private problem(message: string, pos: [number, number], code: string, severity: 'error' | 'warning'): SyntaxProblem {
    // yaml appends "at line L, column C:" plus a source excerpt; the diagnostic's range already says where.
    const firstLine = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    const start = Math.min(pos[0], this.text.length);
    const end = Math.min(Math.max(pos[1], start + 1), this.text.length);
    return { message: firstLine, start: this.start + start, end: this.start + end, code, severity };
  }

  private findObjects(): K8sObject[] {
    const root = this.resolve(this.yaml.contents);
    if (!isMap(root) || !isKubernetesShaped(this, root)) return [];
    const top = new K8sObject(this, root, []);
    const items = this.resolve(findPair(root, 'items')?.value);
    if (/List$/.test(top.kind) && isSeq(items)) {
      const out: K8sObject[] = [];
      items.items.forEach((item, i) => {
        const m = this.resolve(item);
        if (isMap(m) && isKubernetesShaped(this, m)) out.push(new K8sObject(this, m, ['items', i]));
      });
      return out;
    }
    return [top];
  }
}

/** An object is Kubernetes-shaped when it has string `apiVersion` and `kind`; any other YAML gets no findings. */
function isKubernetesShaped(doc: ManifestDocument, map: YAMLMap): boolean {
  const apiVersion = scalarOf(doc.resolve(findPair(map, 'apiVersion')?.value));
  const kind = scalarOf(doc.resolve(findPair(map, 'kind')?.value));
  return typeof apiVersion === 'string' && apiVersion !== '' && typeof kind === 'string' && kind !== '';
}
