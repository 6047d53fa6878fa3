/**
 * The stdio transport the server builds itself (server/src/lsp/stdioTransport.ts, to reuse one encoding
 * buffer): large publishes with multi-byte text arrive intact, console output from any code reaches the
 * client's log instead of corrupting the protocol stream, and the server exits when its client goes.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { SERVER_MODULE, TestLspClient } from '../support/lspClient';

const deployment = (name: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: app\n        securityContext:\n          privileged: true\n`;

const messageOf = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);

/** Spawns the server over stdio with raw streams; resolves its exit code. */
function rawServer(args: string[] = []): { exited: Promise<number | null>; connection: ReturnType<typeof createProtocolConnection>; stdin: NodeJS.WritableStream } {
  const folder = mkdtempSync(path.join(tmpdir(), 'kubeguard-stdio-'));
  const proc = spawn(process.execPath, [...args, SERVER_MODULE, '--stdio'], { stdio: 'pipe', cwd: folder });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const connection = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  connection.listen();
  return { exited, connection, stdin: proc.stdin };
}

const initialize = (c: ReturnType<typeof createProtocolConnection>): Promise<unknown> =>
  c.sendRequest('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: {} });

describe('stdio transport', () => {
  it('delivers publishes far larger than its first buffer, with multi-byte names, intact and in order', async function () {
    this.timeout(60_000);
    const client = await TestLspClient.start();
    try {
      const uri = pathToFileURL(path.join(mkdtempSync(path.join(tmpdir(), 'kubeguard-big-')), 'big.yaml')).href;
      const names = Array.from({ length: 400 }, (_, i) => `café-日本-${i}`);
      const big = names.map(deployment).join('---\n');
      await client.open(uri, big);
      const first = await client.diagnosticsAt(uri, 1, 30_000);
      const named = first.filter((d) => d.code === 'run-as-non-root').map((d) => messageOf(d));
      assert.equal(named.length, names.length);
      for (const name of names) assert.ok(named.some((m) => m.includes(`Deployment ${name} `)), name);
      assert.ok(Buffer.byteLength(JSON.stringify(first)) > 512 * 1024, 'the publish outgrew the first buffer');
      // Smaller, then large again: each list decodes to exactly what that version has.
      await client.change(uri, 2, [{ text: deployment('ü') }]);
      assert.deepEqual((await client.diagnosticsAt(uri, 2)).filter((d) => d.code === 'run-as-non-root').map((d) => messageOf(d).includes('Deployment ü ')), [true]);
      await client.change(uri, 3, [{ text: big }]);
      assert.equal((await client.diagnosticsAt(uri, 3, 30_000)).filter((d) => d.code === 'run-as-non-root').length, names.length);
    } finally {
      await client.stop();
    }
  });

  it("sends console output of any module to the client's log, never into the protocol stream", async function () {
    this.timeout(30_000);
    // A dependency that logs: required before the server, it logs once the server has set up the connection.
    const preload = path.join(mkdtempSync(path.join(tmpdir(), 'kubeguard-preload-')), 'chatty.js');
    writeFileSync(preload, "setTimeout(() => console.log('chatty dependency', { n: 1 }), 200);\n");
    const server = rawServer(['--require', preload]);
    const logged = new Promise<string>((resolve) =>
      server.connection.onNotification('window/logMessage', (p: { message: string }) => {
        if (p.message.includes('chatty')) resolve(p.message);
      }),
    );
    await initialize(server.connection);
    assert.equal(await logged, 'chatty dependency { n: 1 }');
    // The stream is still in step: a request after the log line is answered.
    assert.equal(await server.connection.sendRequest('shutdown'), null);
    server.stdin.end();
    assert.equal(await server.exited, 0);
  });

  it('exits when the client closes stdin: 0 after shutdown, 1 without', async function () {
    this.timeout(30_000);
    const abrupt = rawServer();
    await initialize(abrupt.connection);
    abrupt.stdin.end();
    assert.equal(await abrupt.exited, 1);
  });
});
