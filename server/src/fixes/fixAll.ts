/**
 * Fix-all: every safe fix of every finding that is not suppressed, composed per document. All intents
 * of a document are applied together (re-parsing between them) so fixes that touch the same mapping
 * compose instead of conflicting; one line diff of the result gives the edits.
 */
import type { ParsedFile } from '../document/parseManifests';
import type { Finding } from '../rules/rule';
import { applyIntentsToText } from './applyIntents';
import { prefixIntent, type FixIntent } from './intent';
import { lineDiffEdits } from './lineDiff';
import type { OffsetEdit } from './textEdit';

export interface FixAllResult {
  readonly edits: OffsetEdit[];
  /** The findings whose fixes the edits apply. */
  readonly fixed: readonly Finding[];
}

/** Findings fix-all would fix: a safe fix, not suppressed. */
export function fixAllCandidates(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.fix?.safe === true && !f.suppressed && f.fix.intents.length > 0);
}

export function fixAllEdits(parsed: ParsedFile, findings: readonly Finding[]): FixAllResult {
  const byDoc = new Map<number, Finding[]>();
  for (const f of fixAllCandidates(findings)) {
    const list = byDoc.get(f.object.documentIndex) ?? [];
    list.push(f);
    byDoc.set(f.object.documentIndex, list);
  }
  const edits: OffsetEdit[] = [];
  const fixed: Finding[] = [];
  for (const [index, list] of byDoc) {
    const doc = parsed.documents[index];
    if (!doc) continue;
    const { text, applied } = composeFixes(doc.text, list);
    if (applied.length === 0 || text === doc.text) continue;
    fixed.push(...applied);
    for (const e of lineDiffEdits(doc.text, text)) edits.push({ start: e.start + doc.start, end: e.end + doc.start, newText: e.newText });
  }
  return { edits, fixed };
}

/** Intents of a finding's fix, relative to its document's root (findings' intents are relative to the object). */
export function documentIntents(f: Finding): FixIntent[] {
  return (f.fix?.intents ?? []).map((i) => prefixIntent(f.objectPath, i));
}

/**
 * Applies the fixes of one document together; when the whole set cannot apply (one fix's structure is
 * not what it expects), fixes are added one by one and any that fails is left out, so one bad fix never
 * costs the others.
 */
function composeFixes(docText: string, findings: readonly Finding[]): { text: string; applied: Finding[] } {
  const all = dedupe(findings.flatMap(documentIntents));
  const together = applyIntentsToText(docText, [], all);
  if (together !== undefined) return { text: together, applied: [...findings] };
  let text = docText;
  const applied: Finding[] = [];
  for (const f of findings) {
    const next = applyIntentsToText(text, [], documentIntents(f));
    if (next === undefined) continue;
    text = next;
    applied.push(f);
  }
  return { text, applied };
}

/** Several findings can carry the same fix (e.g. one pod-level setting); apply it once. */
function dedupe(intents: readonly FixIntent[]): FixIntent[] {
  const seen = new Set<string>();
  return intents.filter((i) => {
    const key = JSON.stringify(i);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
