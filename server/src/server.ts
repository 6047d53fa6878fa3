/** Language server entry: wires the connection to the handlers in lsp/. No analysis logic lives here. */
import { CodeActionKind, createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisService } from './lsp/analysisService';
import { codeActions } from './lsp/codeActions';
import { SettingsCache } from './lsp/settings';
import { WorkspaceSync } from './lsp/workspaceSync';
import { WorkspaceIndex } from './workspace/workspaceIndex';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const settings = new SettingsCache(connection);
const index = new WorkspaceIndex();
const service = new AnalysisService(connection, (uri) => settings.get(uri), index);
let workspaceFolders: string[] = [];

/** Re-runs every open document: their findings may depend on what changed elsewhere. */
let rerunTimer: NodeJS.Timeout | undefined;
function rerunOpenDocuments(except?: string): void {
  if (rerunTimer) clearTimeout(rerunTimer);
  rerunTimer = setTimeout(() => {
    rerunTimer = undefined;
    for (const doc of documents.all()) if (doc.uri !== except) service.schedule(doc);
  }, 50);
}

const sync = new WorkspaceSync(connection, index, () => rerunOpenDocuments());

connection.onInitialize((params) => {
  settings.setPullSupported(params.capabilities.workspace?.configuration === true);
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri);
  if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [params.rootUri];
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: false },
    },
    serverInfo: { name: 'KubeGuard', version: process.env.KUBEGUARD_VERSION ?? '0.1.0' },
  };
});

connection.onInitialized(() => {
  // Indexing runs in the background; open documents are analysed meanwhile and re-run when it ends.
  void sync.indexFolders(workspaceFolders);
});

connection.onDidChangeConfiguration((change) => {
  settings.invalidate();
  settings.setPushed(change.settings);
  for (const doc of documents.all()) service.schedule(doc);
});

connection.onDidChangeWatchedFiles((params) => sync.onWatchedFiles(params));

documents.onDidChangeContent(({ document }) => service.schedule(document));
// Another file's findings can depend on this one (Namespace labels, Services, RBAC): re-run them.
service.onDidChangeIndex = (uri) => rerunOpenDocuments(uri);

documents.onDidClose(({ document }) => service.forget(document.uri));

connection.onCodeAction(async (params) => {
  const doc = documents.get(params.textDocument.uri);
  return doc ? codeActions(params, doc, service) : [];
});

connection.onShutdown(() => sync.dispose());

documents.listen(connection);
connection.listen();
