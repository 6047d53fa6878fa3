/** Language server entry: wires the connection to the handlers in lsp/. No analysis logic lives here. */
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisService } from './lsp/analysisService';
import { CODE_ACTION_KINDS, codeActionClient, codeActions, fileExistsOnDisk, type CodeActionEnvironment } from './lsp/codeActions';
import { resolveCodeAction } from './lsp/codeActionsResolve';
import { CrossFileRepublisher } from './lsp/crossFileRepublisher';
import { guarded, installLastResortHandlers, logged } from './lsp/guard';
import { hover } from './lsp/hover';
import { fullCollection, IdleCollector } from './lsp/idleCollector';
import { registerRbacRequests } from './lsp/rbacRequests';
import { completeStdioConnection, stdioReader, stdioWriter } from './lsp/stdioTransport';
import { SettingsCache, workspaceRelativePath } from './lsp/settings';
import { WorkspaceConfig } from './lsp/workspaceConfig';
import { WorkspaceSync } from './lsp/workspaceSync';
import { WorkspaceIndex } from './workspace/workspaceIndex';

// `--stdio` gets a connection whose encoder reuses one buffer (stdioTransport.ts); `--node-ipc` (VS Code)
// and the other transports are set up by the library from the command line.
const stdio = process.argv.includes('--stdio');
const connection = stdio ? createConnection(ProposedFeatures.all, stdioReader(), stdioWriter()) : createConnection(ProposedFeatures.all);
let shutdownReceived = false;
if (stdio) completeStdioConnection(connection, () => shutdownReceived);
// Every handler below is guarded; these only log what slipped through, instead of exiting (issue 8).
installLastResortHandlers(connection.console);
const documents = new TextDocuments(TextDocument);
const settings = new SettingsCache(connection);
const index = new WorkspaceIndex();
// Settings per document: defaults < the folder's .kubeguard.yaml < the user's explicit VS Code settings.
const config = new WorkspaceConfig(connection, (uri) => settings.get(uri));
const service = new AnalysisService(connection, (uri) => config.settingsFor(uri), index);
let workspaceFolders: string[] = [];
let actionClient = codeActionClient({});
service.pathOf = (uri) => workspaceRelativePath(uri, workspaceFolders);
// Garbage left by keystrokes is collected when the server is quiet, not when V8 gets round to it.
const gc = fullCollection();
const collector = gc ? new IdleCollector(gc) : undefined;
service.onPublished = () => collector?.workDone();

/** `.kubeguard.yaml` documents get configuration diagnostics; every other document is analysed. */
const isManifest = (uri: string): boolean => !config.isConfigName(uri);
function analyse(doc: TextDocument): void {
  void logged(connection.console, `analysing ${doc.uri}`, () => (isManifest(doc.uri) ? service.schedule(doc) : config.publish(doc)));
}

// Another file's findings can depend on a changed one (Namespace labels, NetworkPolicies, RBAC, …):
// the republisher re-runs the open documents whose last analysis read what changed.
const republisher = new CrossFileRepublisher(index, service, () => documents.all(), isManifest);
// Watched-file changes reach the republisher through the index; the end of the scan re-runs everything.
const sync = new WorkspaceSync(connection, index, () => undefined);

connection.onInitialize((params) => {
  settings.setPullSupported(params.capabilities.workspace?.configuration === true);
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri);
  if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [params.rootUri];
  // Analyses wait for the folders' .kubeguard.yaml, so no document is first published without it.
  void logged(connection.console, 'loading .kubeguard.yaml', () => config.load(workspaceFolders));
  actionClient = codeActionClient(params.capabilities);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      // Clients that resolve edits get actions without them and ask for the one applied (codeActions.ts).
      codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: true },
      hoverProvider: true,
    },
    serverInfo: { name: 'KubeGuard', version: process.env.KUBEGUARD_VERSION ?? '0.1.0' },
  };
});

connection.onInitialized(() => {
  // Indexing runs in the background; open documents are analysed meanwhile and re-run when it ends.
  republisher.startScan();
  void logged(connection.console, 'indexing the workspace', () => sync.indexFolders(workspaceFolders)).then(() => logged(connection.console, 'ending the scan', () => republisher.endScan()));
});

connection.onDidChangeConfiguration((change) =>
  logged(connection.console, 'applying changed settings', () => {
    settings.invalidate();
    settings.setPushed(change.settings);
    republisher.rerunAll();
  }),
);

connection.onDidChangeWatchedFiles((params) =>
  logged(connection.console, 'reading changed files', async () => {
    // .kubeguard.yaml files configure the analysis; the other YAML files feed the workspace index.
    const configChanges = params.changes.filter((c) => config.isConfigName(c.uri));
    const changed = await Promise.all(configChanges.map((c) => config.changed(c.uri)));
    if (changed.some((c) => c)) republisher.rerunAll();
    await sync.onWatchedFiles({ changes: params.changes.filter((c) => !config.isConfigName(c.uri)) });
  }),
);

documents.onDidChangeContent(({ document }) => {
  collector?.cancel();
  analyse(document);
});

documents.onDidClose(({ document }) =>
  logged(connection.console, `closing ${document.uri}`, () => {
    config.forget(document.uri);
    service.forget(document.uri);
  }),
);

const actionEnv = (): CodeActionEnvironment => ({ service, index, client: actionClient, fileExists: fileExistsOnDisk });

// Requests for documents that are not open (closed meanwhile, or never opened) get an empty answer.
connection.onCodeAction((params, token) =>
  guarded(connection.console, 'textDocument/codeAction', token, [], () => {
    const doc = documents.get(params.textDocument.uri);
    return doc && isManifest(doc.uri) ? codeActions(params, doc, actionEnv()) : [];
  }).finally(() => collector?.workDone()),
);

// A failed or cancelled resolve answers the action as it came, without an edit: applying it does nothing.
connection.onCodeActionResolve((action, token) =>
  guarded(connection.console, 'codeAction/resolve', token, action, () =>
    resolveCodeAction(action, (uri) => (isManifest(uri) ? documents.get(uri) : undefined), actionEnv()),
  ),
);

connection.onHover((params, token) =>
  guarded(connection.console, 'textDocument/hover', token, null, () => {
    const doc = documents.get(params.textDocument.uri);
    return doc && isManifest(doc.uri) ? hover(params, doc, service) : null;
  }),
);

registerRbacRequests(connection, index);

connection.onShutdown(() => {
  shutdownReceived = true;
  sync.dispose();
  republisher.dispose();
});

documents.listen(connection);
connection.listen();
