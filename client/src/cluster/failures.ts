/**
 * Every way a cluster call can fail, as data the tree can show: a one-line title, a sentence saying
 * what happened, the next step, and the (redacted) raw error for the tooltip. `classifyError` turns
 * whatever @kubernetes/client-node, node-fetch, Node's TLS stack or an exec plugin threw into one of them.
 */
import { type Redactor } from './redact';

export type FailureKind =
  | 'untrusted'
  | 'noKubeconfig'
  | 'kubeconfigMissing'
  | 'kubeconfigInvalid'
  | 'noCurrentContext'
  | 'contextMissing'
  | 'unreachable'
  | 'timeout'
  | 'tls'
  | 'unauthorized'
  | 'forbidden'
  | 'execPlugin'
  | 'credentialFile'
  | 'notFound'
  | 'serverError'
  | 'cancelled'
  | 'unexpected';

/** What clicking the failure node (or its button) does. */
export type FailureAction = 'manageTrust' | 'openSettings' | 'switchContext' | 'refresh' | 'openKubeconfig';

export interface ClusterFailure {
  readonly kind: FailureKind;
  /** Short, for the node label. */
  readonly title: string;
  /** One or two sentences: what happened. */
  readonly message: string;
  /** What to do about it. */
  readonly nextStep: string;
  /** The underlying error, redacted; for the tooltip and the log. */
  readonly detail?: string;
  readonly action?: FailureAction;
}

/** Thrown by the API layer when a call runs out of time. */
export class TimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs / 1000} s`);
    this.name = 'TimeoutError';
  }
}

/** Thrown by the API layer when the caller cancelled. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

/** What the classifier needs to word a failure; no credentials. */
export interface CallContext {
  readonly server: string;
  readonly userName: string;
  /** `exec` when the user's credentials come from an exec plugin. */
  readonly authMode: string;
  readonly execCommand?: string;
  /** e.g. "list namespaces"; used in 403 messages. */
  readonly operation: string;
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EPIPE', 'ECONNABORTED']);

const TLS_REASONS: Record<string, string> = {
  SELF_SIGNED_CERT_IN_CHAIN: 'the server certificate is signed by a CA the kubeconfig does not trust (self-signed certificate in chain)',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server presents a self-signed certificate the kubeconfig does not trust',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server certificate is signed by an unknown CA',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the server certificate is signed by an unknown CA',
  UNABLE_TO_GET_ISSUER_CERT: 'the server certificate is signed by an unknown CA',
  CERT_SIGNATURE_FAILURE: 'the server certificate signature does not verify',
  CERT_HAS_EXPIRED: 'the server certificate has expired',
  CERT_NOT_YET_VALID: 'the server certificate is not valid yet',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the server certificate is not valid for this host name',
};

interface ErrorLike {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly code?: unknown;
  readonly type?: unknown;
  readonly syscall?: unknown;
  readonly path?: unknown;
  readonly body?: unknown;
}

function asErrorLike(err: unknown): ErrorLike {
  return typeof err === 'object' && err !== null ? err : { message: String(err) };
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim().length > 0) ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line.trim();
}

/** The `message` of a Kubernetes `Status` body, when the API answered with one. */
function statusMessage(body: unknown): string | undefined {
  // client-node hands over the body as text or parsed, depending on the call.
  if (typeof body === 'string' && body.trimStart().startsWith('{')) {
    try {
      return statusMessage(JSON.parse(body) as unknown);
    } catch {
      // not JSON after all: quoted as text below
    }
  }
  if (typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string') {
    return (body as { message: string }).message;
  }
  if (typeof body === 'string' && body.trim().length > 0) return body.trim();
  return undefined;
}

export function classifyError(err: unknown, ctx: CallContext, redactor: Redactor): ClusterFailure {
  const e = asErrorLike(err);
  // KubernetesObjectApi prefixes errors met during discovery; the prefix says nothing to the user.
  const raw = (typeof e.message === 'string' ? e.message : String(err)).replace(/^Failed to fetch resource metadata for [^:]+: /, '');
  const detail = redactor.redact(raw);
  const server = redactor.redact(ctx.server);

  if (err instanceof TimeoutError) {
    return {
      kind: 'timeout',
      title: 'Cluster did not answer',
      message: `The cluster at ${server} did not answer within ${err.timeoutMs / 1000} s (${ctx.operation}).`,
      nextStep: 'Check the network or VPN and that the cluster is running, then refresh. The limit is the kubeguard.cluster.requestTimeoutSeconds setting.',
      detail,
      action: 'refresh',
    };
  }
  if (err instanceof CancelledError || e.name === 'AbortError') {
    return { kind: 'cancelled', title: 'Loading cancelled', message: 'Loading was cancelled.', nextStep: 'Refresh to load again.', action: 'refresh' };
  }

  // An HTTP answer: ApiException from client-node carries the status code and the parsed body.
  if (typeof e.code === 'number') {
    const code = e.code;
    const said = statusMessage(e.body);
    const quoted = said ? redactor.redact(firstLine(said)) : undefined;
    if (code === 401) {
      return {
        kind: 'unauthorized',
        title: 'Credentials rejected (401 Unauthorized)',
        message: `The cluster rejected the credentials of kubeconfig user "${ctx.userName}".`,
        nextStep: 'The token or certificate may have expired or been revoked: log in again (e.g. with your cloud provider\'s CLI) or fix the user entry in the kubeconfig, then refresh.',
        detail: quoted ?? detail,
        action: 'refresh',
      };
    }
    if (code === 403) {
      return {
        kind: 'forbidden',
        title: `Not allowed to ${ctx.operation} (403 Forbidden)`,
        message: quoted ?? `The cluster does not allow this identity to ${ctx.operation}.`,
        nextStep: 'Ask a cluster administrator for the permission, or use a context with more rights.',
        detail: quoted ?? detail,
        action: 'switchContext',
      };
    }
    if (code === 404) {
      return {
        kind: 'notFound',
        title: 'Not offered by this cluster (404)',
        message: `The cluster does not offer the API needed to ${ctx.operation}.`,
        nextStep: 'The cluster may be too old for this API; nothing to fix on your side.',
        detail: quoted ?? detail,
      };
    }
    return {
      kind: 'serverError',
      title: `Cluster answered ${code}`,
      message: `The cluster answered HTTP ${code} when asked to ${ctx.operation}${quoted ? `: ${quoted}` : '.'}`,
      nextStep: 'Refresh; if it persists, check the API server.',
      detail: quoted ?? detail,
      action: 'refresh',
    };
  }

  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code && code in TLS_REASONS) {
    return {
      kind: 'tls',
      title: 'TLS verification failed',
      message: `Could not verify the server certificate of ${server}: ${TLS_REASONS[code]}.`,
      nextStep: 'Put the cluster\'s CA in the kubeconfig (certificate-authority or certificate-authority-data). KubeGuard does not turn certificate verification off on its own.',
      detail,
      action: 'openKubeconfig',
    };
  }
  if (code && UNREACHABLE_CODES.has(code)) {
    const why = code === 'ECONNREFUSED' ? 'connection refused' : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'host name not found' : code.toLowerCase();
    return {
      kind: 'unreachable',
      title: 'Cluster unreachable',
      message: `Cannot reach the cluster at ${server} (${why}).`,
      nextStep: 'Check that the cluster is running and that the server address in the kubeconfig is right (VPN, proxy, port), then refresh.',
      detail,
      action: 'refresh',
    };
  }
  if ((code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') && e.syscall === 'open') {
    const file = typeof e.path === 'string' ? e.path : 'a file';
    return {
      kind: 'credentialFile',
      title: 'Credential file unreadable',
      message: `The kubeconfig refers to ${file}, which cannot be read (${code}).`,
      nextStep: 'Fix the certificate, key or token file path in the kubeconfig.',
      detail,
      action: 'openKubeconfig',
    };
  }
  if (/HTTP protocol is not allowed/.test(raw)) {
    return {
      kind: 'kubeconfigInvalid',
      title: 'Plain HTTP refused',
      message: `The cluster server ${server} uses http:// without TLS.`,
      nextStep: 'Use the https:// address of the API server.',
      detail,
      action: 'openKubeconfig',
    };
  }
  if (/Unrecognized API version and kind/.test(raw)) {
    return {
      kind: 'notFound',
      title: 'Not offered by this cluster',
      message: `The cluster does not offer the API needed to ${ctx.operation}.`,
      nextStep: 'The cluster may be too old for this API; nothing to fix on your side.',
      detail,
    };
  }
  // TLS errors without a verification code: the client certificate or key cannot be used.
  if ((code && /^ERR_(OSSL|SSL|TLS)/.test(code)) || /\b(PEM|SSL|TLS)\b/.test(raw)) {
    return {
      kind: 'tls',
      title: 'TLS setup failed',
      message: 'The client certificate, key or CA from the kubeconfig could not be used.',
      nextStep: 'Check the client-certificate, client-key and certificate-authority entries of the kubeconfig user and cluster.',
      detail,
      action: 'openKubeconfig',
    };
  }
  // Everything else thrown before a request left: with exec credentials that is the plugin failing
  // (not found, non-zero exit with its stderr as the message, output that is not an ExecCredential).
  if (ctx.authMode === 'exec') {
    const command = ctx.execCommand ?? 'the exec plugin';
    const notFound = code === 'ENOENT' || (typeof e.syscall === 'string' && e.syscall.startsWith('spawn'));
    return {
      kind: 'execPlugin',
      title: 'Credential plugin failed',
      message: notFound
        ? `The credential plugin "${command}" could not be started (${code ?? 'spawn failed'}).`
        : `The credential plugin "${command}" failed: ${redactor.redact(firstLine(raw)) || 'no error output'}.`,
      nextStep: notFound
        ? 'Install the plugin or fix users[].user.exec.command in the kubeconfig (VS Code must see it on its PATH).'
        : 'Run the plugin in a terminal to see its full output; log in again if your session expired, then refresh.',
      detail,
      action: 'refresh',
    };
  }
  return {
    kind: 'unexpected',
    title: 'Cluster call failed',
    message: `Could not ${ctx.operation}: ${redactor.redact(firstLine(raw))}`,
    nextStep: 'Refresh; if it persists, check the KubeGuard output channel.',
    detail,
    action: 'refresh',
  };
}
