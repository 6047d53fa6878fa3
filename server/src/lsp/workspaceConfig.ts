/**
 * The repository's `.kubeguard.yaml` at each workspace-folder root, and the settings each document is
 * analysed with: defaults < `.kubeguard.yaml` < the user's explicit VS Code settings (docs/configuration.md).
 *
 * The file is read from disk at start-up and again when the watcher reports a change, so saved
 * changes apply (as with .editorconfig or ESLint configs); while it is open, its problems are shown as
 * diagnostics on the current text. A broken file is reported, never fatal: it contributes nothing
 * (YAML errors) or only its valid values.
 */
import { promises as fs } from 'node:fs';
import type { Connection, Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI, Utils } from 'vscode-uri';
import type { EngineSettings } from '../analysis/settings';
import { CONFIG_FILE_NAMES, isConfigFileName, parseConfig, type ParsedConfig } from '../config/configFile';
import { mergeLayers, type SettingsLayer } from '../config/settingsLayer';
import { LineIndex } from '../document/span';
import { DIAGNOSTIC_SOURCE } from '../protocol';

interface Merged {
  readonly user: SettingsLayer;
  readonly file: ParsedConfig | undefined;
  readonly settings: EngineSettings;
}

export class WorkspaceConfig {
  private folders: URI[] = [];
  private readonly files = new Map<string, ParsedConfig | undefined>();
  private readonly merged = new Map<string, Merged>();
  private ready: Promise<void> = Promise.resolve();

  constructor(
    private readonly connection: Connection,
    private readonly userLayer: (uri: string) => Promise<SettingsLayer>,
  ) {}

  /** Reads every folder's configuration file; analyses wait for it, so no document runs without it. */
  load(folderUris: readonly string[]): Promise<void> {
    this.folders = folderUris.map((u) => URI.parse(u));
    this.ready = Promise.all(this.folders.map((f) => this.read(f))).then(() => undefined);
    return this.ready;
  }

  /** Whether the URI names a `.kubeguard.yaml` / `.kubeguard.yml` anywhere (such documents are not manifests). */
  isConfigName(uri: string): boolean {
    return isConfigFileName(Utils.basename(URI.parse(uri)));
  }

  /** The folder whose configuration file this is, when it is one (at a folder root). */
  private folderOfConfig(uri: string): URI | undefined {
    const u = URI.parse(uri);
    if (!isConfigFileName(Utils.basename(u))) return undefined;
    const dir = Utils.dirname(u).toString();
    return this.folders.find((f) => f.toString() === dir || `${f.toString()}/` === dir);
  }

  /**
   * A configuration file changed on disk: re-reads its folder's. Resolves true when the effective
   * configuration changed (then every open document must run again).
   */
  async changed(uri: string): Promise<boolean> {
    const folder = this.folderOfConfig(uri);
    if (!folder) return false;
    const before = this.files.get(folder.toString());
    await this.read(folder);
    return this.files.get(folder.toString())?.text !== before?.text;
  }

  /** The settings for a document; the same object until the user's settings or the file change. */
  async settingsFor(uri: string): Promise<EngineSettings> {
    await this.ready;
    const user = await this.userLayer(uri);
    const folder = this.folderOf(uri);
    const file = folder ? this.files.get(folder.toString()) : undefined;
    const cached = this.merged.get(uri);
    if (cached && cached.user === user && cached.file === file) return cached.settings;
    const settings = mergeLayers([...(file ? [{ layer: file.layer, origin: 'file' as const }] : []), { layer: user, origin: 'settings' }]);
    this.merged.set(uri, { user, file, settings });
    return settings;
  }

  forget(uri: string): void {
    this.merged.delete(uri);
  }

  /** Publishes the problems of an open configuration file (or says why a nested one is not read). */
  async publish(doc: TextDocument): Promise<void> {
    const text = doc.getText();
    const lines = new LineIndex(text);
    const diagnostics: Diagnostic[] = [];
    if (this.folderOfConfig(doc.uri)) {
      for (const p of parseConfig(text).problems) {
        diagnostics.push({
          range: lines.rangeOf(p.span),
          severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
          source: DIAGNOSTIC_SOURCE,
          code: 'kubeguard-config',
          message: p.message,
        });
      }
    } else {
      diagnostics.push({
        range: lines.rangeOf({ start: 0, end: 0 }),
        severity: DiagnosticSeverity.Information,
        source: DIAGNOSTIC_SOURCE,
        code: 'kubeguard-config',
        message: 'KubeGuard reads .kubeguard.yaml only at the root of a workspace folder in the editor; this file is not used there (the CLI uses the nearest one above its working directory).',
      });
    }
    await this.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  }

  private folderOf(uri: string): URI | undefined {
    const file = URI.parse(uri);
    let best: URI | undefined;
    for (const f of this.folders) {
      if (f.scheme !== file.scheme || f.authority !== file.authority) continue;
      const base = f.path.endsWith('/') ? f.path : `${f.path}/`;
      if (file.path.startsWith(base) && (!best || f.path.length > best.path.length)) best = f;
    }
    return best;
  }

  private async read(folder: URI): Promise<void> {
    let parsed: ParsedConfig | undefined;
    if (folder.scheme === 'file') {
      for (const name of CONFIG_FILE_NAMES) {
        const text = await fs.readFile(Utils.joinPath(folder, name).fsPath, 'utf8').catch(() => undefined);
        if (text === undefined) continue;
        parsed = parseConfig(text);
        break;
      }
    }
    const previous = this.files.get(folder.toString());
    // Same text, same object: analyses compare settings by identity and need not run again.
    if (previous?.text === parsed?.text) return;
    this.files.set(folder.toString(), parsed);
  }
}
