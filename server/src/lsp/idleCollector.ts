/**
 * Collects garbage while the server is idle, once the old generation has grown well past what the last
 * full collection left. Every keystroke leaves garbage that outlives a young-generation collection (the
 * document text of the previous version, its analysis and diagnostics), and V8 starts a full collection
 * only when the old generation has grown by a large factor: editing a 10,000-line file, the server's
 * peak RSS was growing by about a megabyte per keystroke with a live heap of about 20 MB. A full
 * collection of such a heap takes a few milliseconds; run after a short quiet period (the next keystroke
 * cancels it), it does not delay diagnostics. See docs/performance.md, "Peak RSS".
 */
import v8 from 'node:v8';
import vm from 'node:vm';

export interface IdleCollectorOptions {
  /** Growth of the old generation (old and large-object spaces), in bytes, that is worth a collection. */
  readonly growth: number;
  /** How long the server must have been quiet. */
  readonly idleMs: number;
}

export const DEFAULT_IDLE_COLLECTOR: IdleCollectorOptions = { growth: 16 * 1024 * 1024, idleMs: 30 };

export class IdleCollector {
  private timer: NodeJS.Timeout | undefined;
  private baseline: number;
  /** Full collections run so far (a test hook). */
  collections = 0;

  constructor(
    private readonly collect: () => void,
    private readonly oldGeneration: () => number = oldGenerationUsed,
    private readonly options: IdleCollectorOptions = DEFAULT_IDLE_COLLECTOR,
  ) {
    this.baseline = oldGeneration();
  }

  /** Some work just ended (an analysis was published): collect after a quiet period if the heap grew enough. */
  workDone(): void {
    this.cancel();
    if (this.oldGeneration() - this.baseline < this.options.growth) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.collect();
      this.collections++;
      this.baseline = this.oldGeneration();
    }, this.options.idleMs);
    this.timer.unref();
  }

  /** New work arrived: a pending collection waits for the next quiet period. */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** Bytes in use in the spaces that only a full collection frees. */
export function oldGenerationUsed(): number {
  let used = 0;
  for (const s of v8.getHeapSpaceStatistics()) if (s.space_name === 'old_space' || s.space_name === 'large_object_space') used += s.space_used_size;
  return used;
}

/**
 * V8's `gc()`, which Node exposes only with `--expose-gc`: the flag can be set at run time, and the
 * function is then created in new contexts. Undefined if that ever stops working (no idle collection then).
 */
export function fullCollection(): (() => void) | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('gc');
    return typeof gc === 'function' ? () => (gc as () => void)() : undefined;
  } catch {
    return undefined;
  }
}
