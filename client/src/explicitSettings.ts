/**
 * Tells the server which `kubeguard.*` analysis settings the user set explicitly. VS Code answers
 * `workspace/configuration` with defaults filled in, and a default must not override the repository's
 * `.kubeguard.yaml`: this middleware adds, to each `kubeguard` section it returns, the list of keys that
 * have a value at some level (user, workspace, folder, or language-specific).
 */
import * as vscode from 'vscode';
import type { ConfigurationParams } from 'vscode-languageclient';
import type { Middleware } from 'vscode-languageclient/node';
import { ANALYSIS_SETTING_KEYS, CONFIG_SECTION, EXPLICIT_SETTINGS_KEY } from '../../server/src/protocol';

function explicitKeys(scopeUri: string | undefined): string[] {
  const scope = scopeUri ? vscode.Uri.parse(scopeUri) : undefined;
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION, scope);
  return ANALYSIS_SETTING_KEYS.filter((key) => {
    const i = config.inspect(key);
    return (
      i !== undefined &&
      [i.globalValue, i.workspaceValue, i.workspaceFolderValue, i.globalLanguageValue, i.workspaceLanguageValue, i.workspaceFolderLanguageValue].some((v) => v !== undefined)
    );
  });
}

export const explicitSettingsMiddleware: Middleware = {
  workspace: {
    async configuration(params: ConfigurationParams, token, next) {
      const result = await next(params, token);
      if (!Array.isArray(result)) return result;
      return result.map((value: unknown, i) => {
        const item = params.items[i];
        if (item?.section !== CONFIG_SECTION || value === null || typeof value !== 'object') return value;
        return { ...(value as Record<string, unknown>), [EXPLICIT_SETTINGS_KEY]: explicitKeys(item.scopeUri) };
      });
    },
  },
};
