/**
 * "Also set as current-context in kubeconfig": the one edit KubeGuard makes to a kubeconfig, and only
 * when the user picks it. Like `kubectl config use-context`, it writes to the first file that sets
 * current-context (else the first file), and it changes that one line only: comments, order and
 * formatting of the rest of the file stay as they are.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const CURRENT_CONTEXT_LINE = /^current-context:[^\n]*$/m;

/** The file kubectl would write current-context to. */
export function currentContextFile(files: readonly string[]): string | undefined {
  return files.find((f) => {
    try {
      return CURRENT_CONTEXT_LINE.test(readFileSync(f, 'utf8'));
    } catch {
      return false;
    }
  }) ?? files[0];
}

/** The file's text with current-context set to `context` (a JSON string is a valid YAML scalar). */
export function withCurrentContext(text: string, context: string): string {
  const line = `current-context: ${JSON.stringify(context)}`;
  if (CURRENT_CONTEXT_LINE.test(text)) return text.replace(CURRENT_CONTEXT_LINE, line);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return text.length === 0 || text.endsWith('\n') ? `${text}${line}${eol}` : `${text}${eol}${line}${eol}`;
}

/** Writes current-context; returns the file written. Throws when the file is JSON (not edited by hand here). */
export function setCurrentContext(files: readonly string[], context: string): string {
  const file = currentContextFile(files);
  if (!file) throw new Error('no kubeconfig file to write to');
  const text = readFileSync(file, 'utf8');
  if (/^\s*\{/.test(text)) throw new Error(`${file} is JSON; run "kubectl config use-context ${context}" instead`);
  writeFileSync(file, withCurrentContext(text, context));
  return file;
}
