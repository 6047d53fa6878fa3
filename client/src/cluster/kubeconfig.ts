/**
 * Loading the kubeconfig files into one @kubernetes/client-node `KubeConfig` and choosing the context.
 *
 * client-node's `loadFromDefault` merges KUBECONFIG files but throws on a name defined twice, lets later
 * files override current-context, and only reads KUBECONFIG; kubectl's rule is "the first file to set a
 * value wins" and we also load the `kubeguard.kubeconfig` files. So each file is loaded with client-node
 * (`loadFromFile`: parsing, relative paths, token files) and merged here by that rule.
 *
 * Everything this module returns besides the KubeConfig itself is safe to show: names, server URLs, the
 * kind of credential, never the credential.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node/dist/config.js' with { 'resolution-mode': 'import' };
import type { User } from '@kubernetes/client-node/dist/config_types.js' with { 'resolution-mode': 'import' };
import { loadClientNode } from './clientNode';
import { type ClusterFailure } from './failures';
import { type KubeconfigFiles, describeSource } from './kubeconfigFiles';
import { type Redactor } from './redact';

export type AuthMode = 'token' | 'client certificate' | 'exec' | 'basic' | 'auth provider' | 'none';

/** The chosen context, as the tree shows it. */
export interface ContextTarget {
  readonly context: string;
  readonly clusterName: string;
  readonly server: string;
  /** insecure-skip-tls-verify: true in the kubeconfig; the tree says so. */
  readonly insecureSkipTlsVerify: boolean;
  readonly userName: string;
  readonly authMode: AuthMode;
  /** Base name of the exec plugin command, when authMode is exec. */
  readonly execCommand?: string;
  readonly namespace?: string;
  /** Where the kubeconfig came from and which files, for tooltips. */
  readonly sourceDescription: string;
  readonly files: readonly string[];
}

export interface LoadedKubeconfig {
  readonly kc: KubeConfig;
  readonly files: KubeconfigFiles;
  readonly contexts: readonly string[];
  /** current-context of the files (the first file that sets it). */
  readonly currentContext?: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: ClusterFailure };

function invalid(file: string, reason: string): ClusterFailure {
  return {
    kind: 'kubeconfigInvalid',
    title: 'Kubeconfig unreadable',
    message: `${file} is not a valid kubeconfig: ${reason}.`,
    nextStep: 'Fix the file (kubectl config view shows what kubectl makes of it), or point kubeguard.kubeconfig at another one.',
    action: 'openKubeconfig',
  };
}

/**
 * js-yaml errors quote the lines around the error, which may hold a token: keep only the reason and
 * the position.
 */
function describeLoadError(err: unknown, redactor: Redactor): string {
  const e = err as { reason?: unknown; mark?: { line?: number; column?: number }; message?: unknown };
  if (typeof e.reason === 'string' && e.mark && typeof e.mark.line === 'number') {
    return `${e.reason} at line ${e.mark.line + 1}, column ${(e.mark.column ?? 0) + 1}`;
  }
  const message = typeof e.message === 'string' ? e.message.split('\n')[0] ?? '' : String(err);
  return redactor.redact(message);
}

/** Tells the redactor every credential of every user, before anything can fail with it in a message. */
function registerSecrets(kc: KubeConfig, redactor: Redactor): void {
  const strings = (value: unknown, out: string[] = []): string[] => {
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) for (const v of value) strings(v, out);
    else if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) strings(v, out);
    return out;
  };
  for (const user of kc.getUsers()) {
    for (const secret of [user.token, user.password, user.certData, user.keyData]) redactor.add(secret);
    for (const file of [user.keyFile, user.certFile]) {
      if (!file) continue;
      try {
        redactor.add(readFileSync(file));
      } catch {
        // Unreadable now: the request that needs it fails with a credentialFile failure instead.
      }
    }
    // Auth-provider config (id-token, refresh-token, client-secret …) and exec env values may all be secret.
    for (const value of strings(user.authProvider)) redactor.add(value);
    for (const value of strings((user.exec as { env?: unknown } | undefined)?.env)) redactor.add(value);
  }
}

export async function loadKubeconfig(files: KubeconfigFiles, redactor: Redactor): Promise<Result<LoadedKubeconfig>> {
  const { KubeConfig } = await loadClientNode();
  const merged = new KubeConfig();
  merged.loadFromOptions({ clusters: [], users: [], contexts: [], currentContext: '' });
  let currentContext: string | undefined;
  for (const file of files.existing) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      return { ok: false, failure: invalid(file, describeLoadError(err, redactor)) };
    }
    // kubectl treats an empty file as an empty config.
    if (text.trim().length === 0) continue;
    const one = new KubeConfig();
    try {
      // FILTER: an incomplete entry is dropped (and reported if the chosen context needs it) instead of
      // failing the whole file, as kubectl does.
      one.loadFromString(text, { onInvalidEntry: 'filter' });
      one.makePathsAbsolute(path.dirname(file));
    } catch (err) {
      return { ok: false, failure: invalid(file, describeLoadError(err, redactor)) };
    }
    registerSecrets(one, redactor);
    for (const c of one.getClusters()) if (!merged.getCluster(c.name)) merged.addCluster(c);
    for (const u of one.getUsers()) if (!merged.getUser(u.name)) merged.addUser(u);
    for (const x of one.getContexts()) if (!merged.getContextObject(x.name)) merged.addContext(x);
    const current: unknown = one.getCurrentContext();
    if (!currentContext && typeof current === 'string' && current.length > 0) currentContext = current;
  }
  return { ok: true, value: { kc: merged, files, contexts: merged.getContexts().map((c) => c.name), currentContext } };
}

function authModeOf(user: User): AuthMode {
  if (user.exec) return 'exec';
  if (user.authProvider) return 'auth provider';
  if (user.token) return 'token';
  if (user.certData || user.certFile) return 'client certificate';
  if (user.username) return 'basic';
  return 'none';
}

function execCommandOf(user: User): string | undefined {
  const command = (user.exec as { command?: unknown } | undefined)?.command;
  return typeof command === 'string' ? path.basename(command) : undefined;
}

/**
 * Points the KubeConfig at `override` (KubeGuard's own choice, never written to the file) or the
 * file's current-context, and checks the context, its cluster and its user exist.
 */
export function selectContext(loaded: LoadedKubeconfig, override: string | undefined): Result<ContextTarget> {
  const name = override && loaded.contexts.includes(override) ? override : loaded.currentContext;
  if (!name) {
    return {
      ok: false,
      failure: {
        kind: 'noCurrentContext',
        title: 'No current context',
        message: loaded.contexts.length > 0 ? 'The kubeconfig sets no current-context.' : 'The kubeconfig defines no context.',
        nextStep: loaded.contexts.length > 0 ? 'Pick one with "KubeGuard: Switch Context".' : 'Add a context (kubectl config set-context) or use another kubeconfig.',
        action: loaded.contexts.length > 0 ? 'switchContext' : 'openKubeconfig',
      },
    };
  }
  const context = loaded.kc.getContextObject(name);
  const missing = (what: string): Result<ContextTarget> => ({
    ok: false,
    failure: {
      kind: 'contextMissing',
      title: 'Context missing',
      message: what,
      nextStep: loaded.contexts.length > 0 ? 'Switch to a context that exists, or fix the kubeconfig.' : 'Fix the kubeconfig.',
      action: loaded.contexts.length > 0 ? 'switchContext' : 'openKubeconfig',
    },
  });
  if (!context) return missing(`The current context "${name}" is not defined in the kubeconfig.`);
  const cluster = loaded.kc.getCluster(context.cluster);
  if (!cluster) return missing(`Context "${name}" refers to cluster "${context.cluster}", which is not defined (or has no server) in the kubeconfig.`);
  const user = loaded.kc.getUser(context.user);
  if (!user) return missing(`Context "${name}" refers to user "${context.user}", which is not defined in the kubeconfig.`);
  loaded.kc.setCurrentContext(name);
  return {
    ok: true,
    value: {
      context: name,
      clusterName: cluster.name,
      server: cluster.server,
      insecureSkipTlsVerify: cluster.skipTLSVerify,
      userName: user.name,
      authMode: authModeOf(user),
      execCommand: execCommandOf(user),
      namespace: context.namespace || undefined,
      sourceDescription: describeSource(loaded.files),
      files: loaded.files.existing,
    },
  };
}
