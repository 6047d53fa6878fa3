/** Starts the bundled language server over IPC for YAML documents (files and untitled editors). */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CONFIG_SECTION } from '../../server/src/protocol';
import { explicitSettingsMiddleware } from './explicitSettings';

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
    diagnosticCollectionName: 'kubeguard',
  };
  return new LanguageClient('kubeguard', 'KubeGuard', serverOptions, clientOptions);
}
