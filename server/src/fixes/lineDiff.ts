/**
 * Minimal line-based edits between two versions of a document: common leading and trailing lines are
 * skipped, the middle is aligned with a longest-common-subsequence table, and each run of changed lines
 * becomes one edit. Everything outside the edits is byte-identical.
 */
import type { OffsetEdit } from './textEdit';

/** Above this many changed lines the table would be too big; the middle becomes a single edit. */
const MAX_TABLE_LINES = 1500;

export function lineDiffEdits(before: string, after: string): OffsetEdit[] {
  if (before === after) return [];
  const a = splitLines(before);
  const b = splitLines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const aMid = a.slice(head, a.length - tail);
  const bMid = b.slice(head, b.length - tail);
  const aOffsets = offsets(a);
  const base = aOffsets[head]!;
  if (aMid.length > MAX_TABLE_LINES || bMid.length > MAX_TABLE_LINES) {
    return [{ start: base, end: base + aMid.join('').length, newText: bMid.join('') }];
  }
  const edits: OffsetEdit[] = [];
  for (const h of hunks(aMid, bMid)) {
    const start = aOffsets[head + h.aStart]!;
    const end = aOffsets[head + h.aEnd]!;
    edits.push({ start, end, newText: bMid.slice(h.bStart, h.bEnd).join('') });
  }
  return edits;
}

/** Lines with their terminators, so joining them gives the text back exactly. */
function splitLines(text: string): string[] {
  const out: string[] = [];
  let s = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', s)) {
    out.push(text.slice(s, i + 1));
    s = i + 1;
  }
  if (s < text.length) out.push(text.slice(s));
  return out;
}

function offsets(lines: readonly string[]): number[] {
  const out = [0];
  for (const l of lines) out.push(out[out.length - 1]! + l.length);
  return out;
}

interface Hunk {
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
}

function hunks(a: readonly string[], b: readonly string[]): Hunk[] {
  const n = a.length;
  const m = b.length;
  // lcs[i][j] = LCS length of a[i..] and b[j..], stored row-major in one array.
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] = a[i] === b[j] ? lcs[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(lcs[(i + 1) * (m + 1) + j]!, lcs[i * (m + 1) + j + 1]!);
    }
  }
  const out: Hunk[] = [];
  let i = 0;
  let j = 0;
  let open: Hunk | undefined;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      if (open) out.push(open);
      open = undefined;
      i++;
      j++;
      continue;
    }
    open ??= { aStart: i, aEnd: i, bStart: j, bEnd: j };
    if (j < m && (i >= n || lcs[i * (m + 1) + j + 1]! >= lcs[(i + 1) * (m + 1) + j]!)) {
      j++;
      open.bEnd = j;
    } else {
      i++;
      open.aEnd = i;
    }
  }
  if (open) out.push(open);
  return out;
}
