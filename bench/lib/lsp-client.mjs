// One language-server process driven over stdio with real JSON-RPC, recording every publish and every
// work-done progress with a timestamp. It answers the requests a server sends to VS Code (configuration,
// registration, progress creation), since a server that waits on an unanswered request would make the
// timings meaningless. Adapted from /work/shared/tools/lsp-bench/lsp-bench.mjs (oneRun).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as P from 'vscode-languageserver-protocol/node';
import { processSnapshot } from './proc.mjs';
import { clientCapabilities } from './capabilities.mjs';

/** Servers may re-encode URIs (drive letters, colons); compare file paths instead. */
function uriKey(u) {
  try {
    return path.resolve(fileURLToPath(u));
  } catch {
    return u;
  }
}

function sectionOf(settings, section) {
  if (!section) return settings;
  let cur = settings;
  for (const part of section.split('.')) {
    if (cur && typeof cur === 'object' && Object.hasOwn(cur, part)) cur = cur[part];
    else return null;
  }
  return cur;
}

export function withTimeout(promise, ms, what) {
  let timer;
  const t = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, t]).finally(() => clearTimeout(timer));
}

export class LspSession {
  /** @param {{ argv: string[], cwd?: string, folder: string, settings: object, timeoutMs?: number }} opts */
  constructor(opts) {
    this.opts = { timeoutMs: 120000, ...opts };
    this.folderUri = pathToFileURL(opts.folder).href;
    this.publishes = []; // { t, key, version, diagnostics }
    this.progress = new Map(); // token -> { createdAt, beginAt, endAt, lastReport }
    this.lastMessageAt = performance.now();
    this.waiters = new Set();
    this.stderr = '';
    this.exited = false;

    this.spawnedAt = performance.now();
    this.child = spawn(opts.argv[0], opts.argv.slice(1), { cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.exit = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
    void this.exit.then(() => (this.exited = true));
    this.child.on('error', (e) => (this.stderr += `spawn: ${e.message}\n`));
    this.child.stderr.on('data', (d) => (this.stderr = (this.stderr + d.toString()).slice(-4000)));

    const conn = P.createProtocolConnection(new P.StreamMessageReader(this.child.stdout), new P.StreamMessageWriter(this.child.stdin));
    this.conn = conn;
    conn.onNotification(P.PublishDiagnosticsNotification.type, (p) => {
      const rec = { t: performance.now(), key: uriKey(p.uri), version: p.version ?? null, diagnostics: p.diagnostics ?? [] };
      this.publishes.push(rec);
      this.touch();
    });
    conn.onNotification('$/progress', (p) => {
      const rec = this.progressRec(p.token);
      const v = p.value ?? {};
      if (v.kind === 'begin') rec.beginAt = performance.now();
      else if (v.kind === 'report') rec.lastReport = v;
      else if (v.kind === 'end') rec.endAt = performance.now();
      this.touch();
    });
    conn.onUnhandledNotification(() => this.touch());
    conn.onRequest(P.WorkDoneProgressCreateRequest.type, (p) => {
      this.progressRec(p.token);
      this.touch();
      return null;
    });
    conn.onRequest(P.ConfigurationRequest.type, (p) => {
      this.touch();
      return p.items.map((it) => sectionOf(this.opts.settings, it.section) ?? null);
    });
    conn.onRequest(P.WorkspaceFoldersRequest.type, () => [{ uri: this.folderUri, name: path.basename(opts.folder) }]);
    // registerCapability, showMessageRequest, diagnostic/refresh...: acknowledging is all a benchmark needs.
    conn.onRequest(() => {
      this.touch();
      return null;
    });
    conn.onError(() => undefined);
    conn.listen();
  }

  touch() {
    this.lastMessageAt = performance.now();
    for (const w of [...this.waiters]) w.check();
  }

  progressRec(token) {
    const key = String(token);
    if (!this.progress.has(key)) this.progress.set(key, { createdAt: performance.now(), beginAt: null, endAt: null, lastReport: null });
    return this.progress.get(key);
  }

  /** Resolves with `probe()`'s first truthy value, checked after each message; null on timeout. */
  waitFor(probe, timeoutMs = this.opts.timeoutMs) {
    return new Promise((resolve) => {
      const w = {
        check: () => {
          const v = probe();
          if (!v && !this.exited) return;
          this.waiters.delete(w);
          clearTimeout(w.timer);
          resolve(v || null);
        },
      };
      w.timer = setTimeout(() => {
        this.waiters.delete(w);
        resolve(null);
      }, timeoutMs);
      this.waiters.add(w);
      void this.exit.then(() => w.check());
      w.check();
    });
  }

  /** The first publish for `file`, from the `from`-th publish on, that satisfies `accept`. */
  waitPublish(file, from, accept = () => true, timeoutMs) {
    const key = path.resolve(file);
    return this.waitFor(() => {
      for (let i = from; i < this.publishes.length; i++) {
        const p = this.publishes[i];
        if (p.key === key && accept(p)) return p;
      }
      return null;
    }, timeoutMs);
  }

  /** Waits until the server has sent nothing for `quietMs` (it finished its start-up work). */
  async waitQuiet(quietMs, maxMs = 30000) {
    const start = performance.now();
    while (performance.now() - start < maxMs) {
      const idle = performance.now() - this.lastMessageAt;
      if (idle >= quietMs) return;
      await sleep(Math.max(5, quietMs - idle));
    }
  }

  async initialize() {
    const result = await withTimeout(
      this.conn.sendRequest(P.InitializeRequest.type, {
        processId: process.pid,
        clientInfo: { name: 'kubeguard-bench', version: '1' },
        locale: 'en',
        rootUri: this.folderUri,
        rootPath: this.opts.folder,
        workspaceFolders: [{ uri: this.folderUri, name: path.basename(this.opts.folder) }],
        capabilities: clientCapabilities(),
        initializationOptions: this.opts.settings,
        trace: 'off',
      }),
      this.opts.timeoutMs,
      'initialize',
    );
    this.initializeMs = performance.now() - this.spawnedAt;
    const caps = result?.capabilities ?? {};
    const sync = caps.textDocumentSync;
    this.syncKind = typeof sync === 'number' ? sync : (sync?.change ?? P.TextDocumentSyncKind.None);
    this.serverInfo = result?.serverInfo ?? null;
    return result;
  }

  /** Sends `initialized` (and the settings, as VS Code does); returns when it was sent. */
  async initialized() {
    const t = performance.now();
    await this.conn.sendNotification(P.InitializedNotification.type, {});
    await this.conn.sendNotification(P.DidChangeConfigurationNotification.type, { settings: this.opts.settings });
    return t;
  }

  open(file, text, version = 1) {
    return this.conn.sendNotification(P.DidOpenTextDocumentNotification.type, { textDocument: { uri: pathToFileURL(file).href, languageId: 'yaml', version, text } });
  }

  change(file, version, contentChanges) {
    return this.conn.sendNotification(P.DidChangeTextDocumentNotification.type, { textDocument: { uri: pathToFileURL(file).href, version }, contentChanges });
  }

  codeAction(file, diagnostic) {
    return withTimeout(
      this.conn.sendRequest(P.CodeActionRequest.type, {
        textDocument: { uri: pathToFileURL(file).href },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic], triggerKind: P.CodeActionTriggerKind.Invoked },
      }),
      this.opts.timeoutMs,
      'textDocument/codeAction',
    );
  }

  snapshot() {
    return this.exited ? null : processSnapshot(this.child.pid);
  }

  /** shutdown + exit, then signals if the server lingers; never leaves a process behind. */
  async close() {
    if (!this.exited) {
      try {
        await withTimeout(this.conn.sendRequest(P.ShutdownRequest.type), 5000, 'shutdown');
        await this.conn.sendNotification(P.ExitNotification.type);
      } catch {
        // A hung or crashed server is killed below.
      }
    }
    const gone = await Promise.race([this.exit, sleep(5000).then(() => null)]);
    if (!gone) {
      this.child.kill('SIGTERM');
      if (!(await Promise.race([this.exit, sleep(2000).then(() => null)]))) this.child.kill('SIGKILL');
    }
    this.conn.dispose();
  }
}
