import { LineCounter } from 'yaml';

/** Offsets into a file's text; positions (line/character) are derived only at the LSP and CLI edges. */

/** A half-open range of UTF-16 offsets `[start, end)` into the whole file text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export function span(start: number, end: number): Span {
  return { start, end: Math.max(start, end) };
}

/** Zero-based line and UTF-16 character, the same convention as LSP. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/**
 * Maps offsets to positions for one text, on top of `yaml`'s LineCounter (a binary search over line
 * starts computed once), so converting thousands of findings on a 10,000-line file stays cheap.
 */
export class LineIndex {
  private readonly counter = new LineCounter();

  /** `lineStarts`: the text's line starts, ascending and 0 first, when the caller knows them; else they are scanned for. */
  constructor(
    private readonly text: string,
    lineStarts?: number[],
  ) {
    if (lineStarts) {
      // Taken over, not copied: one 10,000-entry array per keystroke is enough.
      this.counter.lineStarts = lineStarts;
      return;
    }
    this.counter.addNewLine(0);
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.counter.addNewLine(i + 1);
  }

  get lineCount(): number {
    return this.counter.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const { line, col } = this.counter.linePos(clamped);
    return { line: line - 1, character: col - 1 };
  }

  offsetAt(position: Position): number {
    const starts = this.counter.lineStarts;
    if (position.line < 0) return 0;
    if (position.line >= starts.length) return this.text.length;
    const next = position.line + 1 < starts.length ? starts[position.line + 1]! : this.text.length;
    return Math.min(starts[position.line]! + Math.max(0, position.character), next);
  }

  rangeOf(s: Span): Range {
    return { start: this.positionAt(s.start), end: this.positionAt(s.end) };
  }

  /** Offset of the first character of the line holding `offset`. */
  lineStartOf(offset: number): number {
    return this.counter.lineStarts[this.positionAt(offset).line]!;
  }
}
