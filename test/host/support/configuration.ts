/** Workspace settings for a test, always restored afterwards. */
import * as vscode from 'vscode';

type Restore = () => Promise<void>;
const pending: Restore[] = [];

/**
 * Sets a workspace setting (written to the temporary workspace's .vscode/settings.json) and returns a
 * function that restores the previous workspace value.
 */
export async function setConfiguration(section: string, key: string, value: unknown): Promise<Restore> {
  const config = vscode.workspace.getConfiguration(section);
  const previous = config.inspect(key)?.workspaceValue;
  await config.update(key, value, vscode.ConfigurationTarget.Workspace);
  return async () => {
    await vscode.workspace.getConfiguration(section).update(key, previous, vscode.ConfigurationTarget.Workspace);
  };
}

/** Runs `fn` with a workspace setting changed; the setting is restored even when `fn` throws. */
export async function withConfiguration<T>(section: string, key: string, value: unknown, fn: () => T | Promise<T>): Promise<T> {
  const restore = await setConfiguration(section, key, value);
  try {
    return await fn();
  } finally {
    await restore();
  }
}

/** Like setConfiguration, for hooks: `resetConfig()` (e.g. in afterEach) restores everything set since. */
export async function setConfig(section: string, key: string, value: unknown): Promise<void> {
  pending.push(await setConfiguration(section, key, value));
}

/** Restores every setting changed with setConfig, newest first. */
export async function resetConfig(): Promise<void> {
  for (let restore = pending.pop(); restore; restore = pending.pop()) await restore();
}

/**
 * Resolves once this extension host reads `value` for the setting: `update` can resolve before the
 * change reaches it, and a listener that reacts to the change (a view that reloads) would then run
 * after the test moved on. Waits on onDidChangeConfiguration, with a timeout.
 */
export function configurationReached(section: string, key: string, value: unknown, timeoutMs = 10_000): Promise<void> {
  const reached = (): boolean => JSON.stringify(vscode.workspace.getConfiguration(section).get(key)) === JSON.stringify(value);
  if (reached()) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`${section}.${key} did not become ${JSON.stringify(value)} within ${timeoutMs} ms`));
    }, timeoutMs);
    const sub = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(`${section}.${key}`) || !reached()) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}
