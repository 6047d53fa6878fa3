/**
 * Bounded, cancellable, time-limited calls: a limiter that lets at most N calls run at once, and a
 * per-call deadline that aborts the HTTP request and also settles the call when the work behind it
 * cannot be aborted (an exec credential plugin that never exits).
 */
import { CancelledError, TimeoutError } from './failures';

/** Rejects with the signal's reason as soon as it aborts, whatever `work` does. */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(signal.reason instanceof Error ? signal.reason : new CancelledError());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new CancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}

/**
 * Runs `work` with a signal that aborts after `timeoutMs` (TimeoutError) or when `outer` aborts
 * (CancelledError). The deadline covers credentials (exec plugin), connection and answer.
 */
export async function withDeadline<T>(work: (signal: AbortSignal) => Promise<T>, timeoutMs: number, outer?: AbortSignal): Promise<T> {
  if (outer?.aborted) throw new CancelledError();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new TimeoutError(timeoutMs)), timeoutMs);
  const onOuter = () => controller.abort(new CancelledError());
  outer?.addEventListener('abort', onOuter, { once: true });
  try {
    return await raceAbort(work(controller.signal), controller.signal);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuter);
  }
}

/** At most `limit` tasks at once; queued tasks whose signal aborts leave the queue with CancelledError. */
export class Limiter {
  private running = 0;
  private readonly queue: (() => void)[] = [];
  private peak = 0;

  constructor(readonly limit: number) {}

  /** The most tasks that ever ran at once (the tests check the bound). */
  get peakRunning(): number {
    return this.peak;
  }

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new CancelledError());
    if (this.running < this.limit) {
      this.take();
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const start = () => {
        signal?.removeEventListener('abort', onAbort);
        this.take();
        resolve();
      };
      const onAbort = () => {
        const i = this.queue.indexOf(start);
        if (i >= 0) this.queue.splice(i, 1);
        reject(new CancelledError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(start);
    });
  }

  private take(): void {
    this.running++;
    this.peak = Math.max(this.peak, this.running);
  }

  private release(): void {
    this.running--;
    this.queue.shift()?.();
  }
}
