/**
 * VS Code settings → engine settings, cached per resource (workspace folders may differ).
 *
 * Adding a setting: declare it in package.json `contributes.configuration`, add it to `ClientSettings`
 * below with its default, map it in `toEngineSettings`, and document it in the README's settings table.
 */
import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, type EngineSettings, type RuleSetting } from '../analysis/settings';
import { isPssLevel } from '../pss/policy';
import { SEVERITIES, type Severity } from '../rules/rule';
import { CONFIG_SECTION } from '../protocol';

/** The shape of the `kubeguard` configuration section as the client sends it. */
export interface ClientSettings {
  readonly podSecurity?: { readonly level?: unknown; readonly version?: unknown };
  readonly rules?: Readonly<Record<string, unknown>>;
  readonly strict?: unknown;
}

export function toEngineSettings(raw: ClientSettings | null | undefined): EngineSettings {
  const level = isPssLevel(raw?.podSecurity?.level) ? raw.podSecurity.level : DEFAULT_SETTINGS.podSecurity.level;
  const version = typeof raw?.podSecurity?.version === 'string' ? raw.podSecurity.version : DEFAULT_SETTINGS.podSecurity.version;
  const rules: Record<string, RuleSetting> = {};
  for (const [id, v] of Object.entries(raw?.rules ?? {})) {
    // Accept `"rule-id": "off" | "<severity>"` and `"rule-id": { enabled, severity }`.
    if (v === 'off' || v === false) rules[id] = { enabled: false };
    else if (typeof v === 'string' && isSeverity(v)) rules[id] = { enabled: true, severity: v };
    else if (v && typeof v === 'object') {
      const o = v as { enabled?: unknown; severity?: unknown };
      rules[id] = {
        ...(typeof o.enabled === 'boolean' ? { enabled: o.enabled } : {}),
        ...(typeof o.severity === 'string' && isSeverity(o.severity) ? { severity: o.severity } : {}),
      };
    }
  }
  return { podSecurity: { level, version }, rules, strict: raw?.strict === true };
}

function isSeverity(v: string): v is Severity {
  return (SEVERITIES as readonly string[]).includes(v);
}

export class SettingsCache {
  private readonly cache = new Map<string, Promise<EngineSettings>>();
  private supportsPull = false;
  private pushed: EngineSettings = DEFAULT_SETTINGS;

  constructor(private readonly connection: Connection) {}

  setPullSupported(v: boolean): void {
    this.supportsPull = v;
  }

  /** Settings pushed with didChangeConfiguration, for clients without `workspace/configuration`. */
  setPushed(raw: unknown): void {
    const section = (raw as Record<string, unknown> | null)?.[CONFIG_SECTION] as ClientSettings | undefined;
    this.pushed = toEngineSettings(section);
  }

  invalidate(): void {
    this.cache.clear();
  }

  get(uri: string): Promise<EngineSettings> {
    if (!this.supportsPull) return Promise.resolve(this.pushed);
    let p = this.cache.get(uri);
    if (!p) {
      p = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: CONFIG_SECTION })
        .then((raw: ClientSettings | null) => toEngineSettings(raw))
        .catch(() => DEFAULT_SETTINGS);
      this.cache.set(uri, p);
    }
    return p;
  }
}
