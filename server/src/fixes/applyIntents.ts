/**
 * Turns declarative fix intents into minimal text edits on the YAML source. Intents are applied one at a
 * time to the document's own text (re-parsing that document between them, so later intents see the
 * structure earlier ones created); the result is then diffed line by line against the original so the
 * edits touch only changed lines. Comments, key order, quoting and indentation elsewhere stay as written.
 * The per-intent text surgery lives in intentEditor.ts.
 */
import { isMap, parseDocument, type Document } from 'yaml';
import type { ManifestDocument } from '../document/manifestDocument';
import { AnchorTable, type Path } from '../document/yamlNodes';
import { IntentEditor, resolvePath } from './intentEditor';
import { lineDiffEdits } from './lineDiff';
import type { FixIntent, FixValue } from './intent';
import type { OffsetEdit } from './textEdit';
import { detectStyle, isScalarValue } from './yamlText';

export interface FixTarget {
  readonly document: ManifestDocument;
  /** Path from the document root to the object (`[]`, or `['items', i]` in a List). */
  readonly objectPath: Path;
}

/** A removal that matches several entries is applied again until nothing matches; this bounds it. */
const MAX_REPEATS = 200;

/**
 * Edits (in file offsets) that apply `intents` to the object, or undefined when an intent cannot be
 * applied safely (the structure is not what it expects, or the result would not parse).
 */
export function editsForIntents(target: FixTarget, intents: readonly FixIntent[]): OffsetEdit[] | undefined {
  const original = target.document.text;
  const text = applyIntentsToText(original, target.objectPath, intents);
  if (text === undefined || text === original) return text === original ? [] : undefined;
  return lineDiffEdits(original, text).map((e) => ({ start: e.start + target.document.start, end: e.end + target.document.start, newText: e.newText }));
}

/** The document text after applying every intent, or undefined when one fails or breaks the YAML. */
export function applyIntentsToText(docText: string, objectPath: Path, intents: readonly FixIntent[]): string | undefined {
  let text = docText;
  for (const intent of intents.flatMap(expandSetIntent)) {
    // `removeFromSeq` removes one entry per pass; repeat until no entry matches.
    const repeats = intent.op === 'removeFromSeq' ? MAX_REPEATS : 1;
    for (let n = 0; n < repeats; n++) {
      const doc = parse(text);
      if (doc.errors.length > 0 && text !== docText) return undefined;
      const anchors = new AnchorTable(doc);
      const root = resolvePath(doc.contents, objectPath, anchors);
      if (!isMap(root)) return undefined;
      const editor = new IntentEditor(text, detectStyle(text, root), anchors);
      const edit = editor.apply(root, intent);
      if (edit === undefined) return undefined;
      if (edit === null) break;
      text = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
    }
  }
  const after = parse(text);
  const before = parse(docText);
  // A fix must never introduce a YAML error; pre-existing errors elsewhere in the document are the user's.
  if (after.errors.length > before.errors.length) return undefined;
  return text;
}

function parse(text: string): Document.Parsed {
  return parseDocument(text, { version: '1.1', prettyErrors: false });
}

/**
 * `set(p, {a: {b: 1}, c: 2})` → `set(p.a.b, 1)`, `set(p.c, 2)`: applied leaf by leaf, a mapping merges into
 * an existing one key by key (siblings and comments survive) and is created whole where it is missing.
 */
function expandSetIntent(intent: FixIntent): FixIntent[] {
  if (intent.op !== 'set' || isScalarValue(intent.value) || Array.isArray(intent.value)) return [intent];
  const entries = Object.entries(intent.value as Record<string, FixValue>);
  if (entries.length === 0) return [intent];
  return entries.flatMap(([k, v]) => expandSetIntent({ op: 'set', path: [...intent.path, k], value: v }));
}
