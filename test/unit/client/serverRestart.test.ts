/**
 * The restart policy for a crashed language server: the budget (4 restarts within 3 minutes, older
 * restarts forgotten) as a pure function with a hand-driven clock, and the handler's promise to the user:
 * one notification however often the server crashes, one more only when it gives up.
 */
import assert from 'node:assert/strict';
import { DEFAULT_RESTART_BUDGET, RESTARTED_MESSAGE, ServerRestartHandler, decideRestart, gaveUpMessage } from '../../../client/src/serverRestart';

const MINUTE = 60_000;
// vscode-languageclient's CloseAction / ErrorAction values (the module cannot be loaded without `vscode`).
const RESTART = 2;
const DO_NOT_RESTART = 1;
const CONTINUE = 1;
const SHUTDOWN = 2;

/** Feeds crashes at the given times through decideRestart; returns which ones restarted. */
function run(times: readonly number[]): boolean[] {
  let restarts: readonly number[] = [];
  return times.map((t) => {
    const d = decideRestart(restarts, t);
    restarts = d.restarts;
    return d.restart;
  });
}

describe('client/serverRestart: bounded restart of a crashed language server', () => {
  describe('decideRestart (pure)', () => {
    it('allows 4 restarts within 3 minutes and refuses the 5th crash', () => {
      assert.deepEqual(DEFAULT_RESTART_BUDGET, { maxRestarts: 4, windowMs: 3 * MINUTE });
      assert.deepEqual(run([0, 1000, 2000, 3000, 4000]), [true, true, true, true, false]);
    });

    it('forgets restarts older than the window, so rare crashes always restart', () => {
      const hourly = Array.from({ length: 20 }, (_, i) => i * 60 * MINUTE);
      assert.ok(run(hourly).every((r) => r));
      // Four quick crashes, then one just after the first left the window: allowed again.
      assert.deepEqual(run([0, 1, 2, 3, 3 * MINUTE]), [true, true, true, true, true]);
      // …but one just inside the window is not.
      assert.deepEqual(run([0, 1, 2, 3, 3 * MINUTE - 1]), [true, true, true, true, false]);
    });

    it('does not count refused crashes as restarts', () => {
      const d = decideRestart([0, 1, 2, 3], 10);
      assert.equal(d.restart, false);
      assert.deepEqual(d.restarts, [0, 1, 2, 3]);
    });

    it('honours a custom budget, including none at all', () => {
      const two = { maxRestarts: 2, windowMs: MINUTE };
      assert.equal(decideRestart([0, 1], 2, two).restart, false);
      assert.equal(decideRestart([], 0, { maxRestarts: 0, windowMs: MINUTE }).restart, false);
      assert.deepEqual(decideRestart([5], 10, { maxRestarts: 2, windowMs: 100 }), { restart: true, restarts: [5, 10] });
    });
  });

  describe('ServerRestartHandler', () => {
    function handler(clock: { now: number }): { h: ServerRestartHandler; shown: { level: string; message: string }[] } {
      const shown: { level: string; message: string }[] = [];
      const h = new ServerRestartHandler({ notify: (level, message) => shown.push({ level, message }) }, DEFAULT_RESTART_BUDGET, () => clock.now);
      return { h, shown };
    }

    it('restarts on each crash within the budget and notifies only once', () => {
      const clock = { now: 0 };
      const { h, shown } = handler(clock);
      for (let i = 0; i < 4; i++) {
        clock.now += 1000;
        const r = h.closed();
        assert.equal(r.action, RESTART, `crash ${i + 1}`);
        assert.equal(r.handled, true, 'the library shows no popup of its own');
        assert.match(r.message ?? '', new RegExp(`restart ${i + 1} of 4`), 'each crash is logged with its count');
      }
      assert.deepEqual(shown, [{ level: 'warn', message: RESTARTED_MESSAGE }]);
      assert.deepEqual(h.notifications, [RESTARTED_MESSAGE]);
      assert.equal(h.crashes, 4);
    });

    it('gives up on the 5th crash within 3 minutes and says so, once more', () => {
      const clock = { now: 0 };
      const { h, shown } = handler(clock);
      for (let i = 0; i < 4; i++) h.closed();
      const r = h.closed();
      assert.equal(r.action, DO_NOT_RESTART);
      assert.equal(r.handled, true);
      assert.equal(r.message, gaveUpMessage(DEFAULT_RESTART_BUDGET));
      assert.match(r.message ?? '', /5 times in 3 minutes and will not be restarted/);
      assert.deepEqual(shown.map((s) => s.level), ['warn', 'error']);
    });

    it('a crash after a long quiet spell restarts again without a second notification', () => {
      const clock = { now: 0 };
      const { h, shown } = handler(clock);
      h.closed();
      clock.now += 60 * MINUTE;
      assert.equal(h.closed().action, RESTART);
      assert.equal(shown.length, 1);
    });

    it('tolerates a few connection errors, then shuts down and tells the user', () => {
      const { h, shown } = handler({ now: 0 });
      const err = new Error('write EPIPE');
      for (const count of [1, 2, 3]) {
        const r = h.error(err, undefined, count);
        assert.equal(r.action, CONTINUE);
        assert.equal(r.handled, true);
      }
      assert.equal(shown.length, 0, 'a tolerated error is only logged');
      const r = h.error(err, undefined, 4);
      assert.equal(r.action, SHUTDOWN);
      assert.match(r.message ?? '', /EPIPE/);
      assert.equal(shown.length, 1);
      assert.equal(shown[0]?.level, 'error');
    });
  });
});
