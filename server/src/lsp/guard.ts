/**
 * Keeps one failing handler from taking the language server down (issue 8): an exception while serving
 * one request or one document becomes one log line (and, for analyses, one diagnostic), never a dead
 * server whose diagnostics silently stop for every file.
 */
import type { CancellationToken } from 'vscode-languageserver';

/** Where failures are written: `connection.console` (the client's output channel). */
export interface ErrorLog {
  error(message: string): void;
}

/** The stack when there is one: the message alone rarely says which rule or helper failed. */
export function describeError(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

/**
 * Runs a request handler. A request already cancelled does no work; a result computed after the client
 * cancelled is dropped; an exception is logged and answered with `fallback` (an empty answer), because
 * an error response makes VS Code show a failure for what is only a missing hover or quick fix.
 */
export async function guarded<T>(log: ErrorLog, what: string, token: CancellationToken | undefined, fallback: T, run: () => T | Promise<T>): Promise<T> {
  if (token?.isCancellationRequested) return fallback;
  try {
    const result = await run();
    return token?.isCancellationRequested ? fallback : result;
  } catch (e) {
    log.error(`KubeGuard: ${what} failed: ${describeError(e)}`);
    return fallback;
  }
}

/** Runs a notification handler (no answer to give): an exception is logged. */
export async function logged(log: ErrorLog, what: string, run: () => unknown): Promise<void> {
  try {
    await run();
  } catch (e) {
    log.error(`KubeGuard: ${what} failed: ${describeError(e)}`);
  }
}

/**
 * The last resort, for a promise someone forgot to await: Node's default for an unhandled rejection is
 * to exit. Logging keeps the server alive; every known path is guarded explicitly, so these lines in
 * the output channel are bugs to fix, not flow control. The log is wrapped because after the client is
 * gone writing to it throws too, and a throw here would exit anyway.
 */
export function installLastResortHandlers(log: ErrorLog): void {
  const write = (what: string, e: unknown): void => {
    try {
      log.error(`KubeGuard: ${what}: ${describeError(e)}`);
    } catch {
      // Nowhere left to report it.
    }
  };
  process.on('unhandledRejection', (reason) => write('unhandled promise rejection', reason));
  process.on('uncaughtException', (e) => write('uncaught exception', e));
}
