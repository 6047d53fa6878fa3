/**
 * Edits of code actions, remembered per YAML document. Whether an action is offered and what its title
 * says (fix-all's count) depend on its edits: a fix whose result would not parse is not offered, and
 * fix-all's "(N)" is the number of fixes that compose. So the list request has to compute them; this
 * memo makes that cost once per document text instead of once per request, and lets `codeAction/resolve`
 * (and the next request after an edit elsewhere in the file) read the result instead of re-parsing.
 *
 * Keyed by the document's `yaml` syntax tree, like the analysis caches (ARCHITECTURE.md, "Incremental
 * analysis"): a document that only moved keeps its tree, so its entries survive edits elsewhere in the
 * file, and they die with the tree. Results are stored relative to the document's start and shifted to
 * where the document is now. A computation may be memoized here only if its result is a function of the
 * document's own text and its key.
 */
import type { Document } from 'yaml';
import type { ManifestDocument } from '../document/manifestDocument';
import type { OffsetEdit } from '../fixes/textEdit';

interface Slot {
  /** The text the results were computed from (a tree is never shared by two texts; checked anyway). */
  readonly text: string;
  readonly results: Map<string, unknown>;
}

/** Keys per document are a handful (fix, hardenings, fix-all); the bound only stops pathological growth. */
const MAX_RESULTS_PER_DOCUMENT = 64;

const slots = new WeakMap<Document.Parsed, Slot>();

/**
 * `compute()` for this document and key, remembered. `shift(value, by)` moves a value's offsets by `by`:
 * values are stored relative to the document (shifted by -start) and handed out at its current start.
 */
export function memoized<T>(document: ManifestDocument, key: string, compute: () => T, shift: (value: T, by: number) => T): T {
  let slot = slots.get(document.yaml);
  if (!slot || slot.text !== document.text) {
    slot = { text: document.text, results: new Map() };
    slots.set(document.yaml, slot);
  }
  if (slot.results.has(key)) return shift(slot.results.get(key) as T, document.start);
  const value = compute();
  if (slot.results.size >= MAX_RESULTS_PER_DOCUMENT) slot.results.clear();
  slot.results.set(key, shift(value, -document.start));
  return value;
}

export function shiftEdits<E extends readonly OffsetEdit[] | undefined>(edits: E, by: number): E {
  if (!edits || by === 0) return edits;
  return edits.map((e) => ({ start: e.start + by, end: e.end + by, newText: e.newText })) as unknown as E;
}

/** Edits that depend only on the document's text and `key` (intents applied to one of its objects). */
export function memoEdits(document: ManifestDocument, key: string, compute: () => OffsetEdit[] | undefined): OffsetEdit[] | undefined {
  return memoized(document, key, compute, shiftEdits);
}
