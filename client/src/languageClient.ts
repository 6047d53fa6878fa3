/** Starts the bundled language server over IPC for YAML documents (files and untitled editors). */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CONFIG_SECTION } from '../../server/src/protocol';
import { explicitSettingsMiddleware } from './explicitSettings';
import { ServerRestartHandler } from './serverRestart';

const SHOW_OUTPUT = 'Show Output';

/** Restarts a crashed server within a budget and tells the user once (see serverRestart.ts). */
function restartHandler(output: vscode.LogOutputChannel): ServerRestartHandler {
  return new ServerRestartHandler({
    notify(level, message) {
      const show = level === 'error' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
      void show(message, SHOW_OUTPUT).then((choice) => {
        if (choice === SHOW_OUTPUT) output.show(true);
      });
    },
  });
}

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('server/out/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: {
      configurationSection: CONFIG_SECTION,
      // The server indexes workspace manifests for cross-file facts; watching keeps that index current.
      // `.kubeguard.yaml` is watched on its own too: a dotfile must never depend on how a glob treats dots.
      fileEvents: [vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}'), vscode.workspace.createFileSystemWatcher('**/.kubeguard.{yaml,yml}')],
    },
    // Only settings the user set override `.kubeguard.yaml`; the middleware says which those are.
    middleware: explicitSettingsMiddleware,
    outputChannel: output,
    // The extension-host tests read it back through `client.clientOptions.errorHandler`.
    errorHandler: restartHandler(output),
    diagnosticCollectionName: 'kubeguard',
  };
  return new LanguageClient('kubeguard', 'KubeGuard', serverOptions, clientOptions);
}
