/** Command-line arguments → a command, or a usage error (exit code 2). No I/O here. */
import { isPssLevel, parsePolicyVersion, type PssLevel } from '../pss/policy';
import { SEVERITIES, type Severity } from '../rules/rule';

export type Format = 'text' | 'json' | 'sarif';

export type Command =
  | {
      readonly name: 'lint';
      readonly level?: PssLevel;
      readonly pssVersion?: string;
      readonly format: Format;
      readonly paths: readonly string[];
      /** `--min-severity`: findings below it are left out of the output and the exit code. */
      readonly minSeverity: Severity;
      /** `--config <file>`; without it the nearest .kubeguard.yaml in the working directory or a parent is used. */
      readonly config?: string;
    }
  | { readonly name: 'rules'; readonly format: Exclude<Format, 'sarif'> }
  | { readonly name: 'help' }
  | { readonly name: 'version' };

export class UsageError extends Error {}

export const USAGE = `Usage:
  kubeguard lint [--level L] [--pss-version V] [--config FILE] [--format text|json|sarif]
                 [--min-severity S] <file|dir|->...
  kubeguard rules [--format text|json]
  kubeguard --help | --version

lint     Checks Kubernetes manifests: files, directories (searched for *.yaml and *.yml) and - (stdin).
         Multi-document files are supported. Namespace manifests among the inputs set the Pod Security
         level of their workloads through their pod-security.kubernetes.io/enforce labels. Rendered Helm
         output works on stdin (helm template . | kubeguard lint -): findings name the template of their
         object from helm's "# Source:" comments.
rules    Lists every rule: id, title, default severity, enabled by default, PSS check, concepts, docs.

Options:
  --level L          Pod Security Standards level: privileged | baseline | restricted (default restricted).
  --pss-version V    Pod Security Standards version: latest or v1.N (default latest).
  --config FILE      KubeGuard configuration (.kubeguard.yaml format: podSecurity, rules, exclude,
                     excludeNamespaces, …). Default: the nearest .kubeguard.yaml or .kubeguard.yml in the
                     working directory or its parents. --level and --pss-version override its podSecurity.
  --format F         text (default; path:line:col: severity rule-id message), json, or sarif (SARIF 2.1.0
                     for code scanning: rule metadata, help and docs links; suppressed findings are
                     included with their suppression).
  --min-severity S   error | warning | information | hint (default hint: everything). Findings and YAML
                     problems below S are left out of the output and do not affect the exit code.

Exit codes: 0 no findings (or YAML errors) at or above --min-severity, 1 findings, 2 usage error,
configuration error or unreadable input.`;

/** Options that take a value, per command. */
const VALUE_OPTIONS: Readonly<Record<'lint' | 'rules', readonly string[]>> = {
  lint: ['--level', '--pss-version', '--format', '--config', '--min-severity'],
  rules: ['--format'],
};

export function parseArgs(argv: readonly string[]): Command {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') return { name: 'help' };
  if (name === '--version' || name === '-v') return { name: 'version' };
  if (name !== 'lint' && name !== 'rules') throw new UsageError(`unknown command "${name}"`);
  const options = new Map<string, string>();
  const paths: string[] = [];
  let onlyPaths = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (onlyPaths || arg === '-' || !arg.startsWith('-')) {
      paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    if (arg === '-h' || arg === '--help') return { name: 'help' };
    const eq = arg.indexOf('=');
    const key = eq === -1 ? arg : arg.slice(0, eq);
    if (!VALUE_OPTIONS[name].includes(key)) throw new UsageError(`unknown option "${key}" for "${name}"`);
    const value = eq === -1 ? rest[++i] : arg.slice(eq + 1);
    if (value === undefined || value === '') throw new UsageError(`option ${key} needs a value`);
    options.set(key, value);
  }
  const format = options.get('--format') ?? 'text';
  if (name === 'rules') {
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
    if (paths.length > 0) throw new UsageError(`"rules" takes no paths`);
    return { name, format };
  }
  if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
  const minSeverity = options.get('--min-severity') ?? 'hint';
  if (!isSeverity(minSeverity)) throw new UsageError(`--min-severity must be error, warning, information or hint, not "${minSeverity}"`);
  const level = options.get('--level');
  if (level !== undefined && !isPssLevel(level)) throw new UsageError(`--level must be privileged, baseline or restricted, not "${level}"`);
  const pssVersion = options.get('--pss-version');
  if (pssVersion !== undefined && parsePolicyVersion(pssVersion) === undefined) throw new UsageError(`--pss-version must be latest or v1.N, not "${pssVersion}"`);
  if (paths.length === 0) throw new UsageError('lint needs at least one file, directory or - (stdin)');
  const config = options.get('--config');
  return { name, format, paths, minSeverity, ...(level !== undefined ? { level } : {}), ...(pssVersion !== undefined ? { pssVersion } : {}), ...(config !== undefined ? { config } : {}) };
}

function isSeverity(s: string): s is Severity {
  return (SEVERITIES as readonly string[]).includes(s);
}
