/**
 * Declarative fixes. A rule says *what* must change ("set securityContext.privileged to false in this
 * container"); fixes/applyIntents.ts turns that into minimal text edits on the current text.
 */
import type { Path, ScalarValue } from '../document/yamlNodes';

/** A value a fix may write: scalars, lists and mappings of them. */
export type FixValue = ScalarValue | readonly FixValue[] | { readonly [key: string]: FixValue };

/** Paths are relative to the object's root mapping. */
export type FixIntent =
  /** Set the value at `path`, creating missing mappings on the way. */
  | { readonly op: 'set'; readonly path: Path; readonly value: FixValue }
  /** Remove the key at `path` (and its value). */
  | { readonly op: 'remove'; readonly path: Path }
  /**
   * Ensure the sequence at `path` contains `value`, creating the sequence when missing. A mapping value
   * (a volume, a volume mount) counts as present when an entry has all of its keys with equal values.
   */
  | { readonly op: 'addToSeq'; readonly path: Path; readonly value: FixValue }
  /**
   * Remove every entry matching `value` from the sequence at `path`: equal scalars, or (for a mapping
   * value such as `{ name: 'kernel.msgmax' }`) mapping entries that have all of its keys with equal values.
   */
  | { readonly op: 'removeFromSeq'; readonly path: Path; readonly value: FixValue };

export interface Fix {
  readonly title: string;
  readonly intents: readonly FixIntent[];
  /** Safe fixes are applied by fix-all; unsafe ones (that may break an image) only on request. */
  readonly safe: boolean;
}

export function prefixIntent(prefix: Path, intent: FixIntent): FixIntent {
  return { ...intent, path: [...prefix, ...intent.path] };
}
