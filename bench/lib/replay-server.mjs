/**
 * The transfer floor of the edit figure: a language server that does no analysis and, on every change,
 * publishes the diagnostics it was given (`--replay FILE`, a JSON array) through the same stdio writer
 * as KubeGuard (server/src/lsp/stdioTransport.ts). Timed with the same edits, it measures what any server
 * publishing that list pays: serialising it, the pipe, and the client reading and parsing it. Bundled by
 * bench/lib/servers.mjs at run time (esbuild resolves the TypeScript import); not part of the extension.
 */
import { readFileSync } from 'node:fs';
import { createConnection, ProposedFeatures, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { completeStdioConnection, stdioReader, stdioWriter } from '../../server/src/lsp/stdioTransport';

const file = process.argv[process.argv.indexOf('--replay') + 1];
if (!file) throw new Error('usage: replay-server --stdio --replay FILE');
const diagnostics = JSON.parse(readFileSync(file, 'utf8'));

const connection = createConnection(ProposedFeatures.all, stdioReader(), stdioWriter());
let shutdown = false;
completeStdioConnection(connection, () => shutdown);
connection.onInitialize(() => ({
  capabilities: { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental } },
  serverInfo: { name: 'replay', version: '1' },
}));
connection.onShutdown(() => {
  shutdown = true;
});
const publish = (uri, version) => void connection.sendDiagnostics({ uri, version, diagnostics });
connection.onDidOpenTextDocument((p) => publish(p.textDocument.uri, p.textDocument.version));
connection.onDidChangeTextDocument((p) => publish(p.textDocument.uri, p.textDocument.version));
connection.listen();
