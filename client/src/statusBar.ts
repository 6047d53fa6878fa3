/**
 * The status bar item: the Pod Security level and version and the finding count of the active YAML
 * file, from the FileStatusNotification the server sends after each analysis. Clicking it picks the level
 * (podSecurityLevelCommand.ts).
 */
import * as vscode from 'vscode';
import { type LanguageClient, State } from 'vscode-languageclient/node';
import { type FilePodSecurity, FileStatusNotification } from '../../server/src/protocol';
import { accessibleLabel, SELECT_LEVEL_COMMAND, SERVER_STOPPED_VIEW, statusView } from './statusBarText';

/** What the item shows; the item's own text is not readable through the VS Code API, so tests read this. */
export interface StatusBarSnapshot {
  readonly visible: boolean;
  readonly text: string;
  /** Markdown source of the tooltip. */
  readonly tooltip: string;
  /** The active document, when the item is visible. */
  readonly uri?: string;
  /** The document version of the status shown; undefined before the file's first analysis. */
  readonly version?: number | null;
}

export interface StatusBarApi {
  readonly current: StatusBarSnapshot;
  /** Fires after every change of the item (active editor change, a new status for the active file). */
  readonly onDidUpdate: vscode.Event<StatusBarSnapshot>;
  /** The configured Pod Security policy of the active file, as the server last reported it. */
  activePolicy(): FilePodSecurity | undefined;
}

/** The documents the language client sends to the server (its documentSelector): only those get a status. */
function isAnalysed(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'yaml' && (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled');
}

class KubeGuardStatusBar implements StatusBarApi {
  private readonly item = vscode.window.createStatusBarItem('kubeguard.status', vscode.StatusBarAlignment.Right, 100);
  private readonly statuses = new Map<string, FileStatusNotification.Params>();
  private readonly updated = new vscode.EventEmitter<StatusBarSnapshot>();
  private snapshot: StatusBarSnapshot = { visible: false, text: '', tooltip: '' };
  private serverRunning = true;
  readonly onDidUpdate = this.updated.event;

  constructor() {
    this.item.name = 'KubeGuard';
    this.item.command = SELECT_LEVEL_COMMAND;
  }

  get current(): StatusBarSnapshot {
    return this.snapshot;
  }

  activePolicy(): FilePodSecurity | undefined {
    const doc = vscode.window.activeTextEditor?.document;
    return doc ? this.statuses.get(doc.uri.toString())?.podSecurity : undefined;
  }

  onStatus(status: FileStatusNotification.Params): void {
    const known = this.statuses.get(status.uri);
    // Notifications of an older version can arrive after a newer one's; the same version is re-sent
    // when settings or other files change, and then carries news.
    if (known && known.version !== null && status.version !== null && status.version < known.version) return;
    this.statuses.set(status.uri, status);
    if (status.uri === vscode.window.activeTextEditor?.document.uri.toString()) this.render();
  }

  forget(uri: string): void {
    this.statuses.delete(uri);
  }

  /** A stopped server sends nothing more: its last counts would be stale, so say it is stopped instead. */
  onServerState(running: boolean): void {
    if (running === this.serverRunning) return;
    this.serverRunning = running;
    // A restarted server analyses every open document again and sends fresh statuses.
    if (!running) this.statuses.clear();
    this.render();
  }

  render(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !isAnalysed(doc)) {
      this.hide();
      return;
    }
    const uri = doc.uri.toString();
    const status = this.statuses.get(uri);
    // YAML that is not Kubernetes (docker-compose, CI pipelines): nothing to say, so say nothing. A
    // skipped file (Helm template) holds no parsed objects but its notice is news.
    if (this.serverRunning && status?.objects === 0 && status.skipped === undefined && status.findings === 0) {
      this.hide();
      return;
    }
    const view = this.serverRunning ? statusView(status) : SERVER_STOPPED_VIEW;
    const tooltip = new vscode.MarkdownString(view.tooltip, true);
    tooltip.isTrusted = { enabledCommands: [SELECT_LEVEL_COMMAND] };
    this.item.text = view.text;
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: accessibleLabel(view), role: 'button' };
    this.item.show();
    this.publish({ visible: true, text: view.text, tooltip: view.tooltip, uri, ...(status ? { version: status.version } : {}) });
  }

  private hide(): void {
    this.item.hide();
    this.publish({ visible: false, text: '', tooltip: '' });
  }

  private publish(snapshot: StatusBarSnapshot): void {
    this.snapshot = snapshot;
    this.updated.fire(snapshot);
  }

  dispose(): void {
    this.item.dispose();
    this.updated.dispose();
  }
}

export function registerStatusBar(context: vscode.ExtensionContext, client: LanguageClient): StatusBarApi {
  const bar = new KubeGuardStatusBar();
  context.subscriptions.push(
    bar,
    client.onNotification(FileStatusNotification.method, (p: FileStatusNotification.Params) => bar.onStatus(p)),
    vscode.window.onDidChangeActiveTextEditor(() => bar.render()),
    // A document whose language changes (e.g. to YAML) is reopened under the same editor.
    vscode.workspace.onDidOpenTextDocument((doc) => {
      if (doc === vscode.window.activeTextEditor?.document) bar.render();
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => bar.forget(doc.uri.toString())),
    client.onDidChangeState((e) => bar.onServerState(e.newState !== State.Stopped)),
  );
  bar.render();
  return bar;
}
