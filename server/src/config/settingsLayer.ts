/**
 * Configuration comes in layers: the defaults, the repository's `.kubeguard.yaml`, and what the user set
 * in VS Code (or on the command line). A layer holds only what its source sets; `mergeLayers` lets each
 * later layer override the earlier ones key by key (rules per rule id and per field), while the exclude
 * lists add up (a team excludes vendor/, a user adds their scratch folder). See docs/configuration.md.
 */
import { DEFAULT_SETTINGS, type EngineSettings, type NetworkPolicyPlacement, type RuleSetting } from '../analysis/settings';
import type { PolicyOrigin, PssLevel } from '../pss/policy';

export interface SettingsLayer {
  readonly podSecurity?: { readonly level?: PssLevel; readonly version?: string };
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  readonly strict?: boolean;
  readonly exclude?: readonly string[];
  readonly excludeNamespaces?: readonly string[];
  readonly networkPolicy?: { readonly placement?: NetworkPolicyPlacement; readonly required?: boolean };
}

/** A layer and who wrote it: the origin shows in Pod Security messages ("policy restricted latest from .kubeguard.yaml"). */
export interface OriginLayer {
  readonly layer: SettingsLayer;
  readonly origin: PolicyOrigin;
}

/** The layers, lowest precedence first, merged over the defaults. */
export function mergeLayers(layers: readonly OriginLayer[]): EngineSettings {
  let level = DEFAULT_SETTINGS.podSecurity.level;
  let version = DEFAULT_SETTINGS.podSecurity.version;
  let origin: PolicyOrigin = 'default';
  let strict = DEFAULT_SETTINGS.strict;
  let placement: NetworkPolicyPlacement = 'sameFile';
  let required = false;
  const rules: Record<string, RuleSetting> = {};
  const exclude: string[] = [];
  const excludeNamespaces: string[] = [];
  for (const { layer, origin: from } of layers) {
    const ps = layer.podSecurity;
    if (ps?.level !== undefined || ps?.version !== undefined) origin = from;
    if (ps?.level !== undefined) level = ps.level;
    if (ps?.version !== undefined) version = ps.version;
    for (const [id, setting] of Object.entries(layer.rules ?? {})) rules[id] = { ...rules[id], ...setting };
    if (layer.strict !== undefined) strict = layer.strict;
    if (layer.networkPolicy?.placement !== undefined) placement = layer.networkPolicy.placement;
    if (layer.networkPolicy?.required !== undefined) required = layer.networkPolicy.required;
    for (const p of layer.exclude ?? []) if (!exclude.includes(p)) exclude.push(p);
    for (const n of layer.excludeNamespaces ?? []) if (!excludeNamespaces.includes(n)) excludeNamespaces.push(n);
  }
  return {
    podSecurity: { level, version, origin },
    rules,
    strict,
    exclude,
    excludeNamespaces,
    networkPolicyPlacement: placement,
    networkPolicyRequired: required,
  };
}

/** The settings keys a layer can set, as VS Code names them under `kubeguard.` */
export const LAYER_KEYS = [
  'podSecurity.level',
  'podSecurity.version',
  'rules',
  'strict',
  'exclude',
  'excludeNamespaces',
  'networkPolicy.placement',
  'networkPolicy.required',
] as const;

export type LayerKey = (typeof LAYER_KEYS)[number];

/** Keeps only the keys that were set explicitly (VS Code also sends defaults, which must not override the file). */
export function onlyKeys(layer: SettingsLayer, keys: ReadonlySet<string>): SettingsLayer {
  const level = keys.has('podSecurity.level') ? layer.podSecurity?.level : undefined;
  const version = keys.has('podSecurity.version') ? layer.podSecurity?.version : undefined;
  const placement = keys.has('networkPolicy.placement') ? layer.networkPolicy?.placement : undefined;
  const required = keys.has('networkPolicy.required') ? layer.networkPolicy?.required : undefined;
  return {
    ...(level !== undefined || version !== undefined ? { podSecurity: { ...(level !== undefined ? { level } : {}), ...(version !== undefined ? { version } : {}) } } : {}),
    ...(keys.has('rules') && layer.rules ? { rules: layer.rules } : {}),
    ...(keys.has('strict') && layer.strict !== undefined ? { strict: layer.strict } : {}),
    ...(keys.has('exclude') && layer.exclude ? { exclude: layer.exclude } : {}),
    ...(keys.has('excludeNamespaces') && layer.excludeNamespaces ? { excludeNamespaces: layer.excludeNamespaces } : {}),
    ...(placement !== undefined || required !== undefined
      ? { networkPolicy: { ...(placement !== undefined ? { placement } : {}), ...(required !== undefined ? { required } : {}) } }
      : {}),
  };
}
