/**
 * What the KubeGuard status bar item says about a file, from the server's FileStatusNotification: its
 * text, its tooltip (Markdown source) and the level picker's entries. Plain strings and no `vscode`
 * import, so the wording is unit-tested without an editor.
 */
import type { FilePodSecurity, FileStatusNotification, NamespacePodSecurity, PodSecurityLevel, PodSecurityOrigin } from '../../server/src/protocol';

/** Runs when the item is clicked; an optional level argument skips the picker. */
export const SELECT_LEVEL_COMMAND = 'kubeguard.selectPodSecurityLevel';

export const POD_SECURITY_LEVELS: readonly PodSecurityLevel[] = ['privileged', 'baseline', 'restricted'];

/** As package.json's enumDescriptions of `kubeguard.podSecurity.level` word them. */
const LEVEL_DESCRIPTIONS: Readonly<Record<PodSecurityLevel, string>> = {
  privileged: 'No Pod Security Standards checks.',
  baseline: 'Baseline: prevents known privilege escalations.',
  restricted: 'Restricted: current pod hardening best practice.',
};

const ORIGIN_TEXT: Readonly<Record<PodSecurityOrigin, string>> = {
  settings: 'VS Code settings',
  file: '.kubeguard.yaml',
  default: 'the default (no setting or .kubeguard.yaml sets it)',
  cli: 'command-line flags',
};

export interface StatusView {
  readonly text: string;
  /** Markdown source. */
  readonly tooltip: string;
}

export function isPodSecurityLevel(v: unknown): v is PodSecurityLevel {
  return typeof v === 'string' && (POD_SECURITY_LEVELS as readonly string[]).includes(v);
}

/** Shown while the language server is not running (restarting, or stopped after too many crashes). */
export const SERVER_STOPPED_VIEW: StatusView = {
  text: '$(shield) KubeGuard stopped',
  tooltip: 'The KubeGuard language server is not running, so this file is not being analysed. The KubeGuard output channel says why.',
};

/** The item for a file: `undefined` status means its first analysis has not arrived yet. */
export function statusView(status: FileStatusNotification.Params | undefined): StatusView {
  if (!status) return { text: '$(shield) KubeGuard', tooltip: 'KubeGuard is analysing this file…' };
  if (status.skipped !== undefined) return { text: '$(shield) skipped', tooltip: `**KubeGuard skipped this file**\n\n${status.skipped}` };
  const parts = [status.podSecurity ? policyText(status.podSecurity) : undefined, findingsText(status.findings), status.suppressed > 0 ? `${status.suppressed} suppressed` : undefined];
  return { text: `$(shield) ${parts.filter((p) => p !== undefined).join(' · ')}`, tooltip: tooltipOf(status) };
}

/** `restricted · latest`, or `mixed` when the file's workloads are checked at different policies. */
export function policyText(p: FilePodSecurity): string {
  const policies = new Set(effectivePolicies(p).map((x) => `${x.level} · ${x.version}`));
  const [only] = policies;
  return policies.size === 1 && only !== undefined ? only : 'mixed';
}

/** The policies the file's workloads are checked at; the configured one when it has no workload in a labelled namespace. */
function effectivePolicies(p: FilePodSecurity): { level: PodSecurityLevel; version: string }[] {
  return [...(p.workloads > 0 || p.namespaces.length === 0 ? [p] : []), ...p.namespaces];
}

function findingsText(n: number): string {
  return n === 0 ? 'no findings' : n === 1 ? '1 finding' : `${n} findings`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function tooltipOf(status: FileStatusNotification.Params): string {
  const lines = ['**KubeGuard** · Pod Security Standards'];
  const p = status.podSecurity;
  if (p) {
    const workloads = p.namespaces.length > 0 ? ` (${plural(p.workloads, 'workload')} of this file)` : '';
    lines.push(`Level **${p.level}**, version **${p.version}**, from ${ORIGIN_TEXT[p.origin]}${workloads}`);
    for (const ns of p.namespaces) lines.push(namespaceLine(ns));
    if (p.namespaces.length > 0) lines.push('Namespace labels override the configured level and version for workloads in their namespace, as Pod Security Admission does.');
  }
  lines.push(status.findings === 0 ? 'No findings' : `${plural(status.findings, 'finding')}: ${severityText(status)}`);
  if (status.suppressed > 0) lines.push(`${status.suppressed} suppressed (shown as hints, not in the Problems panel)`);
  lines.push(`[Change level…](command:${SELECT_LEVEL_COMMAND})`);
  return lines.join('\n\n');
}

function namespaceLine(ns: NamespacePodSecurity): string {
  const labels =
    ns.fromLabels.length === 2
      ? 'its enforce and enforce-version labels'
      : ns.fromLabels.includes('level')
        ? 'its enforce label (version configured)'
        : 'its enforce-version label (level configured)';
  const invalid = ns.invalid.length > 0 ? `; ${escapeMarkdown(ns.invalid.join('; '))}` : '';
  return `Namespace \`${ns.namespace}\`: level **${ns.level}**, version **${escapeMarkdown(ns.version)}**, from ${labels} (${plural(ns.workloads, 'workload')})${invalid}`;
}

function severityText(status: FileStatusNotification.Params): string {
  const s = status.bySeverity;
  if (!s) return 'see the Problems panel';
  const counts: [number, string][] = [
    [s.error, 'error'],
    [s.warning, 'warning'],
    [s.information, 'information'],
    [s.hint, 'hint'],
  ];
  return counts
    .filter(([n]) => n > 0)
    .map(([n, word]) => (word === 'information' ? `${n} information` : plural(n, word)))
    .join(', ');
}

/** What a screen reader says for the item: the text without its icon. */
export function accessibleLabel(view: StatusView): string {
  return `KubeGuard: ${view.text.replace(/\$\([\w~-]+\)\s*/g, '')}`;
}

/** Label values come from manifests: they must not inject links or formatting (the text is mid-line, so line-start markers are safe). */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_[\]()!|<>~]/g, '\\$&');
}

export interface LevelPickEntry {
  readonly level: PodSecurityLevel;
  readonly label: string;
  readonly description: string;
  readonly detail: string;
}

/** The picker's entries, least to most strict, the current level marked. */
export function levelPickEntries(current: PodSecurityLevel | undefined): LevelPickEntry[] {
  return POD_SECURITY_LEVELS.map((level) => ({
    level,
    label: level === current ? `$(check) ${level}` : level,
    description: level === current ? 'current' : '',
    detail: LEVEL_DESCRIPTIONS[level],
  }));
}

/** Why a typed version is not one `kubeguard.podSecurity.version` accepts (its pattern in package.json). */
export function versionProblem(v: string): string | undefined {
  return /^(latest|v1\.[0-9]+)$/.test(v.trim()) ? undefined : 'Use "latest" or a version such as "v1.30".';
}
