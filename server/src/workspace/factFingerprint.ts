/**
 * Which kinds of objects a file change touched, for cross-file re-publishing. Rules read other files
 * only through WorkspaceView (objects by kind, Namespace labels), so a change matters to another
 * document exactly when it changes the objects of a kind that document's analysis read. A kind changed
 * when the documents holding its objects differ in text or order; an edit inside a Deployment touches
 * only `Deployment`, which the workload rules of other files never read.
 *
 * Documents are hashed once each (parses reuse unchanged documents, so an edit re-hashes one).
 */
import type { ManifestDocument } from '../document/manifestDocument';
import type { ParsedFile } from '../document/parseManifests';

/** Per kind, the hashes of the documents holding objects of that kind, in file order. */
export type KindFingerprints = ReadonlyMap<string, readonly string[]>;

// Keyed by syntax tree, which a document keeps when an edit before it only moves it: keyed by document,
// every document after the edit point was hashed again on each keystroke.
const byTree = new WeakMap<ManifestDocument['yaml'], { hash: string; kinds: readonly string[] }>();

function documentFacts(d: ManifestDocument): { hash: string; kinds: readonly string[] } {
  let facts = byTree.get(d.yaml);
  if (!facts) {
    facts = { hash: hash(d.text), kinds: [...new Set(d.objects.map((o) => o.kind))] };
    byTree.set(d.yaml, facts);
  }
  return facts;
}

export function kindFingerprints(file: ParsedFile | undefined): KindFingerprints {
  const out = new Map<string, string[]>();
  for (const d of file?.documents ?? []) {
    const { hash: h, kinds } = documentFacts(d);
    for (const k of kinds) {
      const list = out.get(k);
      if (list) list.push(h);
      else out.set(k, [h]);
    }
  }
  return out;
}

/** The kinds whose objects differ between two versions of one file (either may be absent). */
export function changedKinds(before: ParsedFile | undefined, after: ParsedFile | undefined): Set<string> {
  if (before === after) return new Set();
  // A file new to the index (or gone from it) changes exactly the kinds it holds: no hashing needed.
  if (!before || !after) return kindsOf(before ?? after);
  const a = kindFingerprints(before);
  const b = kindFingerprints(after);
  const out = new Set<string>();
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(k) ?? [];
    const y = b.get(k) ?? [];
    if (x.length !== y.length || x.some((v, i) => v !== y[i])) out.add(k);
  }
  return out;
}

function kindsOf(file: ParsedFile | undefined): Set<string> {
  return new Set((file?.documents ?? []).flatMap((d) => d.objects.map((o) => o.kind)));
}

/** cyrb53: a fast 53-bit string hash; collisions are negligible at the scale of one file's documents. */
function hash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${text.length}:${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}`;
}
