/**
 * What the client does when the language server dies: restart it, within a budget (4 restarts in 3
 * minutes), and tell the user once. vscode-languageclient's default handler does restart, but it posts
 * a notification per crash, and a server that crashes on one file would crash again on every edit.
 *
 * The budget is a pure function (`decideRestart`) so the unit tests can drive the clock; the handler
 * adds the side effects: the output channel gets every crash, the user one notification for the first
 * restart and one more only if KubeGuard gives up (diagnostics then stop, which the user must know).
 * Every result says `handled: true`: that is what keeps the library's own per-crash popup away.
 */
import type { CloseAction, CloseHandlerResult, ErrorAction, ErrorHandler, ErrorHandlerResult, Message } from 'vscode-languageclient/node';

// The library's enum values, typed by its declarations (tsc rejects a number that is not that member).
// Importing the enums themselves would load `vscode` through the library, and the unit tests of this
// module run in plain Node.
const CONTINUE: ErrorAction.Continue = 1;
const SHUTDOWN: ErrorAction.Shutdown = 2;
const DO_NOT_RESTART: CloseAction.DoNotRestart = 1;
const RESTART: CloseAction.Restart = 2;

export interface RestartBudget {
  /** Restarts allowed within `windowMs`; one crash more and the server stays stopped. */
  readonly maxRestarts: number;
  readonly windowMs: number;
}

export const DEFAULT_RESTART_BUDGET: RestartBudget = { maxRestarts: 4, windowMs: 3 * 60_000 };

export interface RestartDecision {
  readonly restart: boolean;
  /** Restart times to remember for the next crash (those within the window, plus this one if restarting). */
  readonly restarts: readonly number[];
}

/**
 * Whether a crash at `now` may restart the server, given the times of the earlier restarts. Only the
 * restarts within the last `windowMs` count, so a server that crashes once an hour restarts forever.
 */
export function decideRestart(restarts: readonly number[], now: number, budget: RestartBudget = DEFAULT_RESTART_BUDGET): RestartDecision {
  const recent = restarts.filter((t) => now - t < budget.windowMs);
  if (recent.length >= budget.maxRestarts) return { restart: false, restarts: recent };
  return { restart: true, restarts: [...recent, now] };
}

/**
 * The side of VS Code the handler needs (a notification with a "Show Output" button); an interface so
 * the handler runs in the unit tests too. The output channel needs nothing here: the language client
 * writes the `message` of each result below to it.
 */
export interface RestartUi {
  notify(level: 'warn' | 'error', message: string): void;
}

export const RESTARTED_MESSAGE =
  'The KubeGuard language server stopped unexpectedly and was restarted. Diagnostics continue; if it keeps happening, the output has the details.';

const STOPPED_MESSAGE = 'The KubeGuard language server was stopped: diagnostics and quick-fixes are off until the window is reloaded. The output has the details';

export function gaveUpMessage(budget: RestartBudget): string {
  const minutes = Math.round(budget.windowMs / 60_000);
  return `The KubeGuard language server stopped unexpectedly ${budget.maxRestarts + 1} times in ${minutes} minutes and will not be restarted: diagnostics and quick-fixes are off until the window is reloaded. The output has the details.`;
}

export class ServerRestartHandler implements ErrorHandler {
  private restarts: readonly number[] = [];
  private notifiedRestart = false;
  /** Every notification shown, in order; the extension-host test asserts there is exactly one. */
  readonly notifications: string[] = [];
  /** Crashes seen (connection closed without a stop request). */
  crashes = 0;

  constructor(
    private readonly ui: RestartUi,
    private readonly budget: RestartBudget = DEFAULT_RESTART_BUDGET,
    private readonly now: () => number = Date.now,
  ) {}

  private notify(level: 'warn' | 'error', message: string): void {
    this.notifications.push(message);
    this.ui.notify(level, message);
  }

  /**
   * A read/write error on the connection. Like the library's default, a few are tolerated (a dying
   * server often produces one just before the close, which `closed` handles); more stop the server for
   * good, which the user is told about since nothing restarts it.
   */
  error(error: Error, _message: Message | undefined, count: number | undefined): ErrorHandlerResult {
    if (count !== undefined && count <= 3) return { action: CONTINUE, message: `Connection to the language server failed: ${error.message}`, handled: true };
    const message = `${STOPPED_MESSAGE} (the connection kept failing: ${error.message})`;
    this.notify('error', message);
    return { action: SHUTDOWN, message, handled: true };
  }

  /** The server's connection closed (the process died or the connection broke) while the client wanted it. */
  closed(): CloseHandlerResult {
    this.crashes++;
    const decision = decideRestart(this.restarts, this.now(), this.budget);
    this.restarts = decision.restarts;
    if (!decision.restart) {
      const message = gaveUpMessage(this.budget);
      this.notify('error', message);
      // handled: the notification above replaces the library's own error popup.
      return { action: DO_NOT_RESTART, message, handled: true };
    }
    const message = `The language server stopped unexpectedly (crash ${this.crashes}); restarting it (restart ${decision.restarts.length} of ${this.budget.maxRestarts} allowed in ${Math.round(this.budget.windowMs / 60_000)} minutes).`;
    if (!this.notifiedRestart) {
      this.notifiedRestart = true;
      this.notify('warn', RESTARTED_MESSAGE);
    }
    // handled: without it the library shows a notification of its own on every restart.
    return { action: RESTART, message, handled: true };
  }
}
