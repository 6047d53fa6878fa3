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
