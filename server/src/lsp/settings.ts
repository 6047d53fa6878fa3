/**
 * VS Code settings → engine settings, cached per resource (workspace folders may differ).
 *
 * Adding a setting: declare it in package.json `contributes.configuration`, add it to `ClientSettings`
 * and `layerFromSection` (server/src/config/sectionLayer.ts) and to ANALYSIS_SETTING_KEYS (protocol.ts),
 * merge it in `mergeLayers`, and document it in the README's settings table and docs/configuration.md.
 */
import type { Connection } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import type { EngineSettings } from '../analysis/settings';
import { layerFromSection, type ClientSettings } from '../config/sectionLayer';
import { mergeLayers, onlyKeys, type SettingsLayer } from '../config/settingsLayer';
import { CONFIG_SECTION, EXPLICIT_SETTINGS_KEY } from '../protocol';

export type { ClientSettings };

/**
 * The user's layer of configuration: what the section sets. When the client says which keys the user
 * set explicitly (EXPLICIT_SETTINGS_KEY), only those count, so VS Code's defaults never override the
 * repository's `.kubeguard.yaml`; without it, every key the client sends counts.
 */
export function userLayer(raw: ClientSettings | null | undefined): SettingsLayer {
  const layer = layerFromSection(raw);
  const explicit = (raw as Record<string, unknown> | null | undefined)?.[EXPLICIT_SETTINGS_KEY];
  return Array.isArray(explicit) ? onlyKeys(layer, new Set(explicit.filter((k): k is string => typeof k === 'string'))) : layer;
}

/** Engine settings from the VS Code section alone (no `.kubeguard.yaml`). */
export function toEngineSettings(raw: ClientSettings | null | undefined): EngineSettings {
  return mergeLayers([{ layer: userLayer(raw), origin: 'settings' }]);
}

/** The user's settings layer per resource (workspace folders may differ), pulled or pushed. */
export class SettingsCache {
  private readonly cache = new Map<string, Promise<SettingsLayer>>();
  private supportsPull = false;
  private pushed: SettingsLayer = {};

  constructor(private readonly connection: Connection) {}

  setPullSupported(v: boolean): void {
    this.supportsPull = v;
  }

  /** Settings pushed with didChangeConfiguration, for clients without `workspace/configuration`. */
  setPushed(raw: unknown): void {
    const section = (raw as Record<string, unknown> | null)?.[CONFIG_SECTION] as ClientSettings | undefined;
    this.pushed = userLayer(section);
  }

  invalidate(): void {
    this.cache.clear();
  }

  /** The same promise (and layer object) until the next invalidate: analyses compare layers by identity. */
  get(uri: string): Promise<SettingsLayer> {
    if (!this.supportsPull) return Promise.resolve(this.pushed);
    let p = this.cache.get(uri);
    if (!p) {
      p = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: CONFIG_SECTION })
        .then((raw: ClientSettings | null) => userLayer(raw))
        .catch((): SettingsLayer => ({}));
      this.cache.set(uri, p);
    }
    return p;
  }
}

/**
 * A document's path relative to the workspace folder holding it (forward slashes), which is what
 * `kubeguard.exclude` patterns are matched against; undefined outside every folder.
 */
export function workspaceRelativePath(uri: string, folders: readonly string[]): string | undefined {
  const file = URI.parse(uri);
  for (const f of folders) {
    const folder = URI.parse(f);
    if (folder.scheme !== file.scheme || folder.authority !== file.authority) continue;
    const base = folder.path.endsWith('/') ? folder.path : `${folder.path}/`;
    if (file.path.startsWith(base)) return file.path.slice(base.length);
  }
  return undefined;
}
