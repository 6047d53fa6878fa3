/** Language server entry: wires the connection to the handlers in lsp/. No analysis logic lives here. */
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, CodeActionKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisService } from './lsp/analysisService';
import { codeActions } from './lsp/codeActions';
import { OpenDocumentsIndex } from './lsp/openDocumentsIndex';
import { SettingsCache } from './lsp/settings';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const settings = new SettingsCache(connection);
const service: AnalysisService = new AnalysisService(connection, (uri) => settings.get(uri), () => index.get());
const index: OpenDocumentsIndex = new OpenDocumentsIndex(service, () => documents.keys());

connection.onInitialize((params) => {
  settings.setPullSupported(params.capabilities.workspace?.configuration === true);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: false },
    },
    serverInfo: { name: 'KubeGuard', version: process.env.KUBEGUARD_VERSION ?? '0.1.0' },
  };
});

connection.onDidChangeConfiguration((change) => {
  settings.invalidate();
  settings.setPushed(change.settings);
  service.invalidateAll();
  for (const doc of documents.all()) service.schedule(doc);
});

documents.onDidChangeContent(({ document }) => service.schedule(document));

// Namespace labels decide the PSS level of workloads in other files: when they change, re-run those too.
service.onDidAnalyze = (uri) => {
  if (!index.refresh()) return;
  service.invalidateAll(uri);
  for (const doc of documents.all()) if (doc.uri !== uri) service.schedule(doc);
};

documents.onDidClose(({ document }) => {
  service.forget(document.uri);
  index.refresh();
});

connection.onCodeAction(async (params) => {
  const doc = documents.get(params.textDocument.uri);
  return doc ? codeActions(params, doc, service) : [];
});

documents.listen(connection);
connection.listen();
