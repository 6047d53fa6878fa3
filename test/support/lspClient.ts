/**
 * A real LSP client for tests: spawns the bundled server over stdio and speaks JSON-RPC to it. Waits are
 * on the server's own notifications, with a timeout; nothing sleeps.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type CodeAction,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
} from 'vscode-languageserver-protocol/node';

export const ROOT = path.resolve(__dirname, '../../..');
export const SERVER_MODULE = path.join(ROOT, 'server/out/server.js');

type Listener = (p: PublishDiagnosticsParams) => void;

export class TestLspClient {
  readonly connection: ProtocolConnection;
  private readonly proc: ChildProcessWithoutNullStreams;
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  private readonly listeners = new Set<Listener>();
  readonly notifications: { method: string; params: unknown }[] = [];
  stderr = '';
  /** What the server reads from `workspace/configuration`, by section. */
  settings: Record<string, unknown> = {};
  /** The server's answer to `initialize` (its capabilities). */
  initializeResult: { capabilities: Record<string, unknown> } | undefined;

  private constructor(workspaceFolder: string) {
    this.proc = spawn(process.execPath, [SERVER_MODULE, '--stdio'], { stdio: 'pipe', cwd: workspaceFolder });
    this.proc.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(this.proc.stdout), new StreamMessageWriter(this.proc.stdin), undefined);
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.latest.set(p.uri, p);
      for (const l of [...this.listeners]) l(p);
    });
    this.connection.onUnhandledNotification((n) => this.notifications.push({ method: n.method, params: n.params }));
    this.connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map((i) => (i.section ? (this.settings[i.section] ?? null) : null)));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  /**
   * Starts a server; the workspace folder defaults to a new empty temporary folder. `workspaceEdit`
   * adds client capabilities (snippet edits, resource operations) for tests of what they change;
   * `codeAction` adds code action capabilities (`resolveSupport`, as VS Code declares it).
   */
  static async start(
    workspaceFolder = mkdtempSync(path.join(tmpdir(), 'kubeguard-ws-')),
    settings: Record<string, unknown> = {},
    workspaceEdit: Record<string, unknown> = {},
    codeAction: Record<string, unknown> = {},
  ): Promise<TestLspClient> {
    const c = new TestLspClient(workspaceFolder);
    c.settings = settings;
    c.initializeResult = await c.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(workspaceFolder).href,
      workspaceFolders: [{ uri: pathToFileURL(workspaceFolder).href, name: 'ws' }],
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true, workspaceEdit },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true, tagSupport: { valueSet: [1, 2] } },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll', 'refactor'] } }, isPreferredSupport: true, dataSupport: true, ...codeAction },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
      },
    });
    await c.connection.sendNotification('initialized', {});
    return c;
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
  }

  async change(uri: string, version: number, changes: { range?: Range; text: string }[]): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Resolves with the first publish for `uri` (already received or future) that satisfies `accept`. */
  waitForDiagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10000): Promise<Diagnostic[]> {
    const seen = this.latest.get(uri);
    if (seen && accept(seen)) return Promise.resolve(seen.diagnostics);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(this.latest.get(uri)?.diagnostics.map((d) => d.code))}\n${this.stderr}`));
      }, timeoutMs);
      const listener: Listener = (p) => {
        if (p.uri !== uri || !accept(p)) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(p.diagnostics);
      };
      this.listeners.add(listener);
    });
  }

  /** Diagnostics published for exactly this document version. */
  diagnosticsAt(uri: string, version: number, timeoutMs?: number): Promise<Diagnostic[]> {
    return this.waitForDiagnostics(uri, (p) => p.version === version, timeoutMs);
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return this.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
  }

  resolveCodeAction(action: CodeAction): Promise<CodeAction> {
    return this.connection.sendRequest('codeAction/resolve', action);
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // The server may already be gone in a crash test; killing it below is enough.
    }
    this.connection.dispose();
    this.proc.kill();
  }
}

/** Applies LSP text edits to a text (edits from one code action never overlap). */
export function applyTextEdits(text: string, edits: readonly { range: Range; newText: string }[]): string {
  const offsetAt = (p: { line: number; character: number }): number => {
    let o = 0;
    for (let l = 0; l < p.line; l++) {
      const nl = text.indexOf('\n', o);
      if (nl === -1) return text.length;
      o = nl + 1;
    }
    return o + p.character;
  };
  const withOffsets = edits.map((e) => ({ start: offsetAt(e.range.start), end: offsetAt(e.range.end), newText: e.newText })).sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of withOffsets) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
