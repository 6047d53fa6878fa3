/**
 * `.kubeguard.yaml` (or `.kubeguard.yml`): the repository's KubeGuard configuration, read by the
 * language server at each workspace-folder root and by the CLI. Same shape as the `kubeguard.*`
 * settings. Parsing never throws: problems come back with spans (shown as diagnostics on the file);
 * a file with YAML syntax errors is ignored as a whole, and a wrong value is ignored on its own.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';
import type { Span } from '../document/span';
import { isPssLevel } from '../pss/policy';
import { ruleById } from '../rules/catalog';
import { isPolicyVersion, isSeverity, layerFromSection, ruleSettingOf } from './sectionLayer';
import type { SettingsLayer } from './settingsLayer';

export const CONFIG_FILE_NAMES: readonly string[] = ['.kubeguard.yaml', '.kubeguard.yml'];

export function isConfigFileName(basename: string): boolean {
  return CONFIG_FILE_NAMES.includes(basename);
}

export interface ConfigProblem {
  readonly span: Span;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

export interface ParsedConfig {
  readonly text: string;
  readonly layer: SettingsLayer;
  readonly problems: readonly ConfigProblem[];
}

type Check = (node: Node | null, at: Span, out: ConfigProblem[]) => void;

const KEYS: Readonly<Record<string, Check>> = {
  podSecurity: mapOf({
    level: scalar((v) => isPssLevel(v), 'level must be privileged, baseline or restricted'),
    version: scalar((v) => isPolicyVersion(v), 'version must be latest or v1.N (e.g. v1.30)'),
  }),
  rules: checkRules,
  strict: scalar((v) => typeof v === 'boolean', 'strict must be true or false'),
  exclude: stringList('exclude must be a list of glob patterns'),
  excludeNamespaces: stringList('excludeNamespaces must be a list of namespace names'),
  networkPolicy: mapOf({
    required: scalar((v) => typeof v === 'boolean', 'required must be true or false'),
    placement: scalar((v) => v === 'sameFile' || v === 'newFile', 'placement must be sameFile or newFile'),
  }),
};

export function parseConfig(text: string): ParsedConfig {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const problems: ConfigProblem[] = [];
  const newline = text.indexOf('\n');
  const whole = { start: 0, end: newline === -1 ? text.length : newline };
  for (const e of doc.errors) problems.push({ span: posSpan(e.pos, text), message: `YAML error: ${e.message}`, severity: 'error' });
  if (doc.errors.length > 0) {
    problems.push({ span: whole, message: 'KubeGuard ignores this configuration file until its YAML errors are fixed.', severity: 'error' });
    return { text, layer: {}, problems };
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === undefined))) return { text, layer: {}, problems };
  if (!isMap(root)) {
    problems.push({ span: spanOf(root) ?? whole, message: 'The KubeGuard configuration must be a mapping of settings (podSecurity, rules, exclude, …).', severity: 'error' });
    return { text, layer: {}, problems };
  }
  checkKeys(root.items, KEYS, 'KubeGuard configuration', problems);
  const value = valueOf(doc);
  if (value instanceof Error) {
    problems.push({ span: whole, message: `KubeGuard ignores this configuration file: ${value.message}`, severity: 'error' });
    return { text, layer: {}, problems };
  }
  return { text, layer: layerFromSection(value), problems };
}

/**
 * The document as plain data. yaml's toJS expands aliases, so an alias bomb (billion laughs) throws at
 * its alias cap, and extreme nesting can overflow the stack: both become a problem, not a dead server.
 */
function valueOf(doc: ReturnType<typeof parseDocument>): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (e) {
    return new Error(e instanceof RangeError ? 'it is nested too deeply.' : 'it uses too many aliases (an alias bomb?).');
  }
}

function checkKeys(items: readonly Pair[], checks: Readonly<Record<string, Check>>, where: string, out: ConfigProblem[]): void {
  for (const pair of items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    const at = spanOf(pair.key as Node) ?? { start: 0, end: 0 };
    const check = key !== undefined ? checks[key] : undefined;
    if (!check) {
      out.push({ span: at, message: `Unknown key "${key ?? '?'}" in the ${where}; known keys: ${Object.keys(checks).join(', ')}.`, severity: 'warning' });
      continue;
    }
    check(pair.value as Node | null, spanOf(pair.value as Node) ?? at, out);
  }
}

function mapOf(checks: Readonly<Record<string, Check>>): Check {
  return (node, at, out) => {
    if (!isMap(node)) {
      out.push({ span: at, message: `Expected a mapping with ${Object.keys(checks).join(', ')}.`, severity: 'error' });
      return;
    }
    checkKeys(node.items, checks, 'section', out);
  };
}

function scalar(ok: (v: unknown) => boolean, message: string): Check {
  return (node, at, out) => {
    if (!isScalar(node) || !ok(node.value)) out.push({ span: at, message: `${message}; this value is ignored.`, severity: 'error' });
  };
}

function stringList(message: string): Check {
  return (node, at, out) => {
    if (!isSeq(node)) {
      out.push({ span: at, message: `${message}; this value is ignored.`, severity: 'error' });
      return;
    }
    for (const item of node.items as Node[]) {
      if (!isScalar(item) || typeof item.value !== 'string' || item.value.trim() === '') {
        out.push({ span: spanOf(item) ?? at, message: `${message}; this entry is ignored.`, severity: 'error' });
      }
    }
  };
}

function checkRules(node: Node | null, at: Span, out: ConfigProblem[]): void {
  if (!isMap(node)) {
    out.push({ span: at, message: 'rules must map rule ids to off, a severity (error, warning, information, hint) or { enabled, severity }.', severity: 'error' });
    return;
  }
  for (const pair of node.items) {
    const id = isScalar(pair.key) ? String(pair.key.value) : '';
    const keySpan = spanOf(pair.key as Node) ?? at;
    if (!ruleById(id)) out.push({ span: keySpan, message: `Unknown rule id "${id}" (\`kubeguard rules\` lists them); the entry has no effect.`, severity: 'warning' });
    const value = pair.value as Node | null;
    const valueSpan = spanOf(value) ?? keySpan;
    if (isMap(value)) {
      checkKeys(value.items, RULE_KEYS, `setting of rule ${id}`, out);
      continue;
    }
    if (!isScalar(value) || ruleSettingOf(value.value) === undefined) {
      out.push({ span: valueSpan, message: `The setting of rule ${id} must be off, on, a severity (error, warning, information, hint) or { enabled, severity }; it is ignored.`, severity: 'error' });
    }
  }
}

const RULE_KEYS: Readonly<Record<string, Check>> = {
  enabled: scalar((v) => typeof v === 'boolean', 'enabled must be true or false'),
  severity: scalar((v) => isSeverity(v), 'severity must be error, warning, information or hint'),
};

function spanOf(node: Node | null | undefined): Span | undefined {
  const r = node?.range;
  return r ? { start: r[0], end: r[1] } : undefined;
}

function posSpan(pos: readonly [number, number], text: string): Span {
  const start = Math.min(pos[0], text.length);
  return { start, end: Math.max(start, Math.min(pos[1], text.length)) };
}
