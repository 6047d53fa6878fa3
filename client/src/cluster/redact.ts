/**
 * Redaction of credentials from any text the cluster layer shows or logs: error messages from
 * @kubernetes/client-node (which can quote exec-plugin stderr, response bodies and kubeconfig excerpts),
 * log lines and tree labels all pass through a `Redactor` first.
 *
 * Two layers: exact replacement of every secret the redactor has been told about (kubeconfig tokens,
 * passwords, key and certificate data, and the credentials actually put on the wire, captured by the
 * API layer), and patterns for credentials it cannot know in advance (an exec plugin's token, a PEM
 * block, a bearer header, `token: …` pairs).
 */

export const REDACTED = '[redacted]';

/** Shorter values are not registered: replacing e.g. "a" everywhere would garble messages, and such values are no secrets. */
const MIN_SECRET_LENGTH = 6;

const PATTERNS: readonly [RegExp, string][] = [
  // PEM blocks (keys, certificates, CSRs), complete or cut off by a truncated message.
  [/-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(?:-----END [A-Z0-9 ]+-----|$)/g, REDACTED],
  // Authorization headers and bearer/basic credentials wherever they are quoted.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=:-]+/gi, `$1 ${REDACTED}`],
  [/("?authorization"?\s*[:=]\s*"?)[^"\n,}]+/gi, `$1${REDACTED}`],
  // `key: value`, `key=value` and JSON pairs whose key names a credential (kubeconfig, ExecCredential, env).
  [
    /("?\b(?:[\w-]*token|password|passwd|secret|client-key-data|client-certificate-data|certificate-authority-data|clientKeyData|clientCertificateData|id-token|refresh-token|access-token)\b"?\s*[:=]\s*"?)([^\s",}]+)/gi,
    `$1${REDACTED}`,
  ],
  // JSON Web Tokens (service-account and OIDC tokens).
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, REDACTED],
  // Credentials embedded in URLs (https://user:password@host).
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi, `$1${REDACTED}@`],
];

/**
 * Long runs of standard base64 with upper case, lower case and digits mixed are encoded keys,
 * certificates or opaque tokens. Paths, host names and Kubernetes names do not look like that: they are
 * lower case or broken up by `-`, `_` and `.`, which standard base64 never contains.
 */
const OPAQUE_RUN = /[A-Za-z0-9+/]{40,}={0,2}/g;
function looksOpaque(run: string): boolean {
  return /[A-Z]/.test(run) && /[a-z]/.test(run) && /[0-9]/.test(run);
}

export class Redactor {
  private readonly secrets = new Set<string>();

  /** Registers a secret (and, for base64 data, its decoded text and the lines of a decoded PEM). */
  add(value: string | Buffer | null | undefined): void {
    if (value === null || value === undefined) return;
    const text = typeof value === 'string' ? value : value.toString('utf8');
    this.addExact(text);
    if (typeof value === 'string' && /^[A-Za-z0-9+/=\s]+$/.test(text) && text.length >= 16) {
      this.addDecoded(Buffer.from(text, 'base64').toString('utf8'));
    } else {
      this.addDecoded(text);
    }
  }

  private addDecoded(text: string): void {
    if (!text.includes('-----BEGIN')) return;
    this.addExact(text);
    // A message may quote one line of a PEM body; every body line is secret on its own.
    for (const line of text.split(/\r?\n/)) if (!line.startsWith('-----')) this.addExact(line);
  }

  private addExact(text: string): void {
    const trimmed = text.trim();
    if (trimmed.length >= MIN_SECRET_LENGTH) this.secrets.add(trimmed);
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is replaced whole.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join(REDACTED);
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out.replace(OPAQUE_RUN, (run) => (looksOpaque(run) ? REDACTED : run));
  }
}

/** Pattern-only redaction, for text produced before any kubeconfig is known. */
export function redactPatterns(text: string): string {
  return new Redactor().redact(text);
}
