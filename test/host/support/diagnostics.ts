/**
 * Waiting for and reading diagnostics. Every wait is on `vscode.languages.onDidChangeDiagnostics` with a
 * timeout: no sleeps, no polling.
 */
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../../../server/src/protocol';

/** Only KubeGuard's diagnostics of a document. */
export function kubeguardDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
}

/**
 * The rule id of a diagnostic. The language client turns an LSP `code` plus `codeDescription` into
 * `{ value, target }`, so `d.code` is not a plain string: compare with this instead.
 */
export function diagnosticCode(d: vscode.Diagnostic): string | undefined {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return code === undefined ? undefined : String(code);
}

/** `code (line:char)-(line:char) message`, 0-based like vscode.Range: for failure messages. */
export function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  if (diagnostics.length === 0) return '(no diagnostics)';
  return diagnostics
    .map((d) => {
      const { start, end } = d.range;
      return `${diagnosticCode(d) ?? '?'} (${start.line}:${start.character})-(${end.line}:${end.character}) ${d.message}`;
    })
    .join('\n');
}

function sameUri(a: vscode.Uri, b: vscode.Uri): boolean {
  return a.toString() === b.toString();
}

/**
 * Resolves with the document's diagnostics (all sources; in the test hosts only KubeGuard publishes on
 * YAML) as soon as `predicate` holds: at once if it already does, otherwise on the change event that
 * makes it hold. Rejects after `timeoutMs` with the last diagnostics in the message.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (d: vscode.Diagnostic[]) => boolean,
  timeoutMs = 20_000,
): Promise<vscode.Diagnostic[]> {
  const current = vscode.languages.getDiagnostics(uri);
  if (predicate(current)) return Promise.resolve(current);
  return new Promise((resolve, reject) => {
    let last = current;
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => sameUri(u, uri))) return;
      last = vscode.languages.getDiagnostics(uri);
      if (!predicate(last)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(last);
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for diagnostics of ${uri.toString()}; last diagnostics:\n${describeDiagnostics(last)}`));
    }, timeoutMs);
  });
}

/**
 * Resolves with the document's diagnostics at the next change for `uri`, whatever they are (an empty
 * publication counts). Call it before the action that triggers the publication.
 */
export function waitForNextDiagnostics(uri: vscode.Uri, timeoutMs = 20_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => sameUri(u, uri))) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(vscode.languages.getDiagnostics(uri));
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms: no diagnostics were published for ${uri.toString()}`));
    }, timeoutMs);
  });
}
