/**
 * Which kubeconfig files apply, in kubectl's order of precedence: the `kubeguard.kubeconfig` setting
 * (trusted workspaces only: a workspace must not be able to point the extension at credentials of its
 * choosing), then KUBECONFIG (several files joined with the OS path delimiter), then ~/.kube/config.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export type KubeconfigSource = 'setting' | 'KUBECONFIG' | 'default';

export interface KubeconfigFiles {
  readonly source: KubeconfigSource;
  /** Every file named by the source, in order (the watcher also watches the missing ones). */
  readonly candidates: readonly string[];
  /** The candidates that exist; kubectl skips missing KUBECONFIG entries and so do we. */
  readonly existing: readonly string[];
  /** Set when the setting was present but ignored because the workspace is not trusted. */
  readonly settingIgnored: boolean;
}

export interface KubeconfigFilesInput {
  /** `kubeguard.kubeconfig`, as configured (may be empty). */
  readonly setting?: string;
  readonly trusted: boolean;
  readonly env?: NodeJS.ProcessEnv;
  readonly home?: string;
  /** Injected by tests; defaults to fs.existsSync. */
  readonly exists?: (file: string) => boolean;
}

function expandHome(file: string, home: string): string {
  return file === '~' || file.startsWith('~/') || file.startsWith('~\\') ? path.join(home, file.slice(1)) : file;
}

function splitList(value: string, home: string): string[] {
  return value
    .split(path.delimiter)
    .map((f) => f.trim())
    .filter((f) => f.length > 0)
    .map((f) => path.resolve(expandHome(f, home)));
}

export function resolveKubeconfigFiles(input: KubeconfigFilesInput): KubeconfigFiles {
  const env = input.env ?? process.env;
  const home = input.home ?? homedir();
  const exists = input.exists ?? existsSync;
  const setting = input.setting?.trim() ?? '';
  const settingIgnored = setting.length > 0 && !input.trusted;
  let source: KubeconfigSource;
  let candidates: string[];
  if (setting.length > 0 && input.trusted) {
    source = 'setting';
    candidates = splitList(setting, home);
  } else if (env.KUBECONFIG && env.KUBECONFIG.trim().length > 0) {
    source = 'KUBECONFIG';
    candidates = splitList(env.KUBECONFIG, home);
  } else {
    source = 'default';
    candidates = [path.join(home, '.kube', 'config')];
  }
  // The same file twice would make client-node report duplicate entries.
  candidates = [...new Set(candidates)];
  return { source, candidates, existing: candidates.filter((f) => exists(f)), settingIgnored };
}

/** How the tree names the source. */
export function describeSource(files: KubeconfigFiles): string {
  switch (files.source) {
    case 'setting':
      return 'kubeguard.kubeconfig setting';
    case 'KUBECONFIG':
      return 'KUBECONFIG environment variable';
    case 'default':
      return 'default kubeconfig (~/.kube/config)';
  }
}
