/**
 * Which kinds of objects a file change touched, for cross-file re-publishing and the findings cache.
 * Rules read other files only through WorkspaceView (objects by kind, Namespace labels), so a change
 * matters to another document exactly when it changes the objects of a kind that document's analysis
 * read. A kind changed when the documents holding its objects differ in text or order; an edit inside a
 * Deployment touches only `Deployment`, which the workload rules of other files never read.
 *
 * Facets (analysis/facets.ts) refine this for readers that look at only part of a kind: `Deployment#pod-labels`
 * changes only when a Deployment's namespace or pod labels do (or one is added, removed or reordered),
 * so the NetworkPolicies, which read workloads' labels, are not re-run while someone edits containers.
 *
 * Documents are hashed once each (parses reuse unchanged documents, so an edit re-hashes one).
 */
import { FACET_NAMES, FACETS } from '../analysis/facets';
import { readKey } from '../analysis/workspaceView';
import type { ManifestDocument } from '../document/manifestDocument';
import type { ParsedFile } from '../document/parseManifests';

/**
 * Per read key (a kind, or a kind's facet), the fingerprints of the documents holding objects of that
 * kind, in file order: the text hash for a kind, the objects' projections for a facet.
 */
export type KindFingerprints = ReadonlyMap<string, readonly string[]>;

// Keyed by syntax tree, which a document keeps when an edit before it only moves it: keyed by document,
// every document after the edit point was hashed again on each keystroke.
const byTree = new WeakMap<ManifestDocument['yaml'], ReadonlyMap<string, string>>();

/** The document's fingerprint per read key it holds. */
function documentFacts(d: ManifestDocument): ReadonlyMap<string, string> {
  let facts = byTree.get(d.yaml);
  if (!facts) {
    const out = new Map<string, string>();
    const h = hash(d.text);
    for (const o of d.objects) {
      out.set(o.kind, h);
      for (const facet of FACET_NAMES) {
        const key = readKey(o.kind, facet);
        const projection = FACETS[facet](o);
        const before = out.get(key);
        out.set(key, before === undefined ? projection : `${before}\n${projection}`);
      }
    }
    facts = out;
    byTree.set(d.yaml, facts);
  }
  return facts;
}

// Per parse: each keystroke compares the previous parse (fingerprinted on the keystroke before) with the new one.
const byFile = new WeakMap<ParsedFile, KindFingerprints>();

export function kindFingerprints(file: ParsedFile | undefined): KindFingerprints {
  if (!file) return new Map();
  const known = byFile.get(file);
  if (known) return known;
  const out = new Map<string, string[]>();
  for (const d of file.documents) {
    for (const [key, fingerprint] of documentFacts(d)) {
      const list = out.get(key);
      if (list) list.push(fingerprint);
      else out.set(key, [fingerprint]);
    }
  }
  byFile.set(file, out);
  return out;
}

/** The read keys (kinds and their facets) whose objects differ between two versions of one file (either may be absent). */
export function changedKinds(before: ParsedFile | undefined, after: ParsedFile | undefined): Set<string> {
  if (before === after) return new Set();
  // A file new to the index (or gone from it) changes exactly the keys it holds: nothing to hash or
  // project, which matters when the start-up scan adds thousands of files.
  if (!before || !after) return keysOf(before ?? after);
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

function keysOf(file: ParsedFile | undefined): Set<string> {
  const out = new Set<string>();
  for (const d of file?.documents ?? []) {
    for (const o of d.objects) {
      if (out.has(o.kind)) continue;
      out.add(o.kind);
      for (const facet of FACET_NAMES) out.add(readKey(o.kind, facet));
    }
  }
  return out;
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
