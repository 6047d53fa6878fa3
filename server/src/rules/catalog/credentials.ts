/**
 * Does this name/value pair look like a committed credential? Shared by the env-var and ConfigMap rules.
 * Two independent signals, each tuned to stay quiet:
 * - a value in a well-known token format (AWS key id, private key block, GitHub/GitLab/Slack/Stripe/
 *   Google tokens, JWTs, passwords in URLs) is reported whatever the name;
 * - a name that says "secret" (PASSWORD, TOKEN, API_KEY…, but not TOKEN_URL, SECRET_NAME, PASSWORD_FILE…)
 *   is reported only with a literal value that is not a placeholder, a reference, a path, a boolean or a
 *   small number.
 */
import { remember } from '../../util/remember';

/** Token formats with a fixed, recognisable shape; the label goes into messages (never the value). */
const KNOWN_FORMATS: readonly { readonly label: string; readonly re: RegExp }[] = [
  { label: 'a private key', re: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/ },
  { label: 'an AWS access key id', re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { label: 'a GitHub token', re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/ },
  { label: 'a GitLab token', re: /\bglpat-[A-Za-z0-9_-]{20,}\b/ },
  { label: 'a Slack token', re: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/ },
  { label: 'a Stripe secret key', re: /\b[sr]k_live_[A-Za-z0-9]{20,}\b/ },
  { label: 'a Google API key', re: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { label: 'a JSON Web Token', re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
];

/** `scheme://user:password@host`: the password part, when it is not a placeholder. */
const URL_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:([^/\s@]+)@/i;
/** `Server=db;User Id=app;Password=...;`: the password of an ADO/JDBC-style connection string. */
const CONNECTION_STRING_PASSWORD = /(?:^|[;\s])(?:password|pwd)\s*=\s*([^;\s]+)/i;

/** Name tokens that mean the value is a secret. */
const SECRET_WORDS = new Set(['PASSWORD', 'PASSWD', 'PASSPHRASE', 'PASS', 'PWD', 'SECRET', 'SECRETS', 'TOKEN', 'TOKENS', 'APIKEY', 'CREDENTIAL', 'CREDENTIALS', 'CREDS', 'PRIVATEKEY', 'SECRETKEY', 'ACCESSKEY', 'AUTHTOKEN']);
/** `<word> KEY` pairs that mean the same (API_KEY, ACCESS_KEY, PRIVATE_KEY…). */
const KEY_QUALIFIERS = new Set(['API', 'ACCESS', 'SECRET', 'PRIVATE', 'SIGNING', 'ENCRYPTION', 'MASTER', 'AUTH', 'CLIENT', 'SESSION', 'LICENSE']);
/**
 * A final name token that makes the value *about* a secret rather than the secret itself: where it is
 * (FILE, PATH, URL), what it is called (NAME, REF, ID), how it behaves (TTL, LENGTH, ENABLED)…
 */
const META_SUFFIXES = new Set([
  'FILE', 'FILES', 'PATH', 'DIR', 'DIRECTORY', 'URL', 'URI', 'ENDPOINT', 'HOST', 'HOSTNAME', 'PORT', 'NAME', 'NAMES', 'USER', 'USERNAME',
  'ID', 'KEYID', 'REF', 'SOURCE', 'PROVIDER', 'STORE', 'BACKEND', 'LOCATION', 'MOUNT', 'TTL', 'EXPIRY', 'EXPIRES', 'EXPIRATION', 'LIFETIME',
  'DURATION', 'TIMEOUT', 'INTERVAL', 'SECONDS', 'MINUTES', 'HOURS', 'DAYS', 'MS', 'LENGTH', 'LEN', 'SIZE', 'MIN', 'MAX', 'COUNT', 'LIMIT',
  'RETRIES', 'ENABLED', 'ENABLE', 'DISABLED', 'DISABLE', 'REQUIRED', 'TYPE', 'KIND', 'MODE', 'FORMAT', 'ALGORITHM', 'ALG', 'HEADER',
  'PREFIX', 'SUFFIX', 'ISSUER', 'AUDIENCE', 'SCOPE', 'SCOPES', 'POLICY', 'VERSION', 'REGEX', 'PATTERN', 'FIELD', 'PARAM', 'METHOD',
  'STRATEGY', 'HASH', 'ROTATION', 'CACHE', 'LOOKUP',
]);
/** Values that stand for "fill me in", not a real credential. */
const PLACEHOLDERS = /^(?:change[-_ ]?me|change[-_ ]?it|replace[-_ ]?me|placeholder|redacted|example|dummy|fake|todo|tbd|none|null|nil|undefined|empty|x+|\*+|\.+|-+|_+|<[^>]*>|\[[^\]]*\]|your[-_ ].*)$/i;
/** Substitutions filled in at deploy or run time: envsubst, Kubernetes `$(VAR)`, Helm/Jinja, Spring `${...}`, `%VAR%`. */
const REFERENCE = /\$\{[^}]*\}|\$\([^)]*\)|\{\{[^}]*\}\}|^%[A-Z0-9_]+%$|^\$[A-Za-z_][A-Za-z0-9_]*$/;

/** `DB_PASSWORD`, `dbPassword`, `db.password`, `api-key` → upper-case word tokens. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((t) => t !== '');
}

/** Whether a variable or key name says its value is a secret. */
export function isSecretName(name: string): boolean {
  const tokens = nameTokens(name);
  if (tokens.length === 0) return false;
  const last = tokens[tokens.length - 1]!;
  if (META_SUFFIXES.has(last)) return false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (SECRET_WORDS.has(t) || /(PASSWORD|PASSWD)$/.test(t)) return true;
    if (t === 'KEY' && i > 0 && KEY_QUALIFIERS.has(tokens[i - 1]!)) return true;
  }
  return false;
}

/** A value that is not a literal credential: empty, a placeholder, a reference, a path, a boolean, a small number. */
export function isInertValue(value: string): boolean {
  const v = value.trim().replace(/^(['"])(.*)\1$/, '$2').trim();
  if (v === '') return true;
  if (PLACEHOLDERS.test(v) || REFERENCE.test(v)) return true;
  if (/^(?:true|false|yes|no|on|off|enabled|disabled)$/i.test(v)) return true;
  if (/^\d{1,5}$/.test(v)) return true;
  if (/^(?:\/|\.\/|~\/)[^\s]*$/.test(v)) return true;
  // A URL without userinfo names where a secret lives, not the secret.
  if (/^[a-z][a-z0-9+.-]*:\/\/[^@\s]*$/i.test(v)) return true;
  return false;
}

/**
 * Answers of the checks below, kept per input. A repository's workloads repeat the same variables and
 * arguments (every replica of a chart, every environment's overlay), and each check runs about a dozen
 * regular expressions: on 2,000 manifests this was the costliest rule. Bounded in count (an editor
 * produces a new input per keystroke) and in length (a certificate in a value is read once anyway).
 */
function remembered(cache: Map<string, string | undefined>, key: string, compute: () => string | undefined): string | undefined {
  return key.length > MAX_REMEMBERED_LENGTH ? compute() : remember(cache, key, MAX_REMEMBERED, compute);
}

const MAX_REMEMBERED = 10_000;
const MAX_REMEMBERED_LENGTH = 1024;
const formats = new Map<string, string | undefined>();
const reasons = new Map<string, string | undefined>();

/** The recognisable token format in `value`, if any: "an AWS access key id", "a password in a URL"… */
export function knownCredentialFormat(value: string): string | undefined {
  return remembered(formats, value, () => formatOf(value));
}

function formatOf(value: string): string | undefined {
  for (const f of KNOWN_FORMATS) if (f.re.test(value)) return f.label;
  const url = URL_PASSWORD.exec(value);
  if (url && !isInertValue(decodeSafe(url[1]!))) return 'a password in a URL';
  const conn = CONNECTION_STRING_PASSWORD.exec(value);
  if (conn && value.includes(';') && !isInertValue(conn[1]!)) return 'a password in a connection string';
  return undefined;
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Why `value` under `name` looks like a committed credential ("holds a GitHub token"…), or undefined. */
export function credentialReason(name: string, value: string): string | undefined {
  // The name's length first: `${name}${value}` alone would not tell "ab" + "c" from "a" + "bc".
  return remembered(reasons, `${name.length}:${name}${value}`, () => reasonOf(name, value));
}

function reasonOf(name: string, value: string): string | undefined {
  const format = knownCredentialFormat(value);
  if (format) return `holds ${format}`;
  if (!isSecretName(name) || isInertValue(value)) return undefined;
  if (namesASecretObject(name, value)) return undefined;
  return 'has a literal value and its name says it is a secret';
}

/** `<word>_SECRET` names whose value is the secret itself (an OAuth client secret, a JWT signing secret…). */
const VALUE_SECRET_QUALIFIERS = new Set(['CLIENT', 'JWT', 'SESSION', 'COOKIE', 'WEBHOOK', 'SHARED', 'SIGNING', 'APP', 'API', 'HMAC', 'OAUTH', 'AUTH', 'CSRF']);

/**
 * `TLS_SECRET: web-tls`, `existingSecret: mysql-credentials`: when the name only says SECRET (not
 * PASSWORD, TOKEN, KEY, or a qualifier such as CLIENT_SECRET) and the value reads like an object name
 * (lower-case words joined by dashes), it names a Secret object.
 */
function namesASecretObject(name: string, value: string): boolean {
  const tokens = nameTokens(name);
  const at = tokens.findIndex((t) => t === 'SECRET' || t === 'SECRETS');
  if (at === -1 || tokens.some((t) => /PASS|PWD|TOKEN|KEY|CRED/.test(t))) return false;
  if (at > 0 && VALUE_SECRET_QUALIFIERS.has(tokens[at - 1]!)) return false;
  const v = value.trim();
  return v.includes('-') && v.split('-').every((seg) => /^[a-z]+[0-9]*$/.test(seg));
}
