/** The idle-time collection (server/src/lsp/idleCollector.ts): when it runs, and that the collection it runs is real. */
import assert from 'node:assert/strict';
import { EventEmitter, once } from 'node:events';
import { fullCollection, IdleCollector } from '../../../server/src/lsp/idleCollector';

const MB = 1024 * 1024;

/** A collector over a pretend old generation; resolves `collected` when it collects. */
function fake(growth = 16 * MB): { collector: IdleCollector; heap: { used: number }; collected: Promise<unknown> } {
  const heap = { used: 20 * MB };
  const events = new EventEmitter();
  const collector = new IdleCollector(
    () => {
      heap.used = 20 * MB;
      events.emit('collected');
    },
    () => heap.used,
    { growth, idleMs: 5 },
  );
  return { collector, heap, collected: once(events, 'collected') };
}

describe('idle collector', () => {
  it('collects after a quiet period once the old generation grew by the threshold, and measures again from there', async () => {
    const { collector, heap, collected } = fake();
    heap.used += 10 * MB;
    collector.workDone();
    heap.used += 10 * MB;
    collector.workDone();
    await collected;
    assert.equal(collector.collections, 1);
    assert.equal(heap.used, 20 * MB);
  });

  it('does not collect below the threshold, and new work cancels a pending collection', async () => {
    const { collector, heap } = fake();
    heap.used += 15 * MB;
    collector.workDone();
    heap.used += 2 * MB;
    collector.workDone();
    collector.cancel();
    // Longer than the quiet period: the cancelled timer would have fired by now.
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(collector.collections, 0);
  });

  it("runs V8's full collection in this Node (the flag is set at run time)", async () => {
    const gc = fullCollection();
    assert.ok(gc, 'gc is available');
    const ref = new WeakRef({ big: new Array(100_000).fill(1) });
    // WeakRef targets are kept until the current job ends.
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    assert.equal(ref.deref(), undefined);
  });
});
