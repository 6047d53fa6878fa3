/**
 * The `kubeguard` settings section as data (the shape VS Code sends, and the shape of `.kubeguard.yaml`)
 * → a settings layer. Lenient: a value of the wrong type is left out rather than failing the section;
 * configFile.ts reports such values as problems on the file, and VS Code validates its settings itself.
 */
import type { RuleSetting } from '../analysis/settings';
import { isPssLevel } from '../pss/policy';
import { SEVERITIES, type Severity } from '../rules/rule';
import type { SettingsLayer } from './settingsLayer';

/** The shape of the `kubeguard` configuration section as the client sends it. */
export interface ClientSettings {
  readonly podSecurity?: { readonly level?: unknown; readonly version?: unknown };
  readonly rules?: Readonly<Record<string, unknown>>;
  readonly strict?: unknown;
  readonly exclude?: unknown;
  readonly excludeNamespaces?: unknown;
  readonly networkPolicy?: { readonly placement?: unknown; readonly required?: unknown };
}

export function isSeverity(v: unknown): v is Severity {
  return typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v);
}

/** `"off"` / false, `"on"` / true, a severity, or `{ enabled, severity }`; undefined when it is none of them. */
export function ruleSettingOf(v: unknown): RuleSetting | undefined {
  if (v === 'off' || v === false) return { enabled: false };
  if (v === 'on' || v === true) return { enabled: true };
  if (isSeverity(v)) return { enabled: true, severity: v };
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as { enabled?: unknown; severity?: unknown };
    return {
      ...(typeof o.enabled === 'boolean' ? { enabled: o.enabled } : {}),
      ...(isSeverity(o.severity) ? { severity: o.severity } : {}),
    };
  }
  return undefined;
}

/** A list of non-empty strings; other entries are left out. Undefined when the value is not a list. */
function stringList(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim()) : undefined;
}

export function isPolicyVersion(v: unknown): v is string {
  return typeof v === 'string' && /^(latest|v?1\.[0-9]+)$/.test(v.trim());
}

function objectOf(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

export function layerFromSection(raw: unknown): SettingsLayer {
  const section = objectOf(raw) as ClientSettings | undefined;
  if (!section) return {};
  const ps = objectOf(section.podSecurity);
  const level = isPssLevel(ps?.['level']) ? ps['level'] : undefined;
  const version = isPolicyVersion(ps?.['version']) ? ps['version'].trim() : undefined;
  const rules: Record<string, RuleSetting> = {};
  for (const [id, v] of Object.entries(objectOf(section.rules) ?? {})) {
    const setting = ruleSettingOf(v);
    if (setting) rules[id] = setting;
  }
  const np = objectOf(section.networkPolicy);
  const placement = np?.['placement'] === 'sameFile' || np?.['placement'] === 'newFile' ? np['placement'] : undefined;
  const required = typeof np?.['required'] === 'boolean' ? np['required'] : undefined;
  const exclude = stringList(section.exclude);
  const excludeNamespaces = stringList(section.excludeNamespaces);
  return {
    ...(level !== undefined || version !== undefined ? { podSecurity: { ...(level !== undefined ? { level } : {}), ...(version !== undefined ? { version } : {}) } } : {}),
    ...(section.rules !== undefined ? { rules } : {}),
    ...(typeof section.strict === 'boolean' ? { strict: section.strict } : {}),
    ...(exclude ? { exclude } : {}),
    ...(excludeNamespaces ? { excludeNamespaces } : {}),
    ...(placement !== undefined || required !== undefined
      ? { networkPolicy: { ...(placement !== undefined ? { placement } : {}), ...(required !== undefined ? { required } : {}) } }
      : {}),
  };
}
