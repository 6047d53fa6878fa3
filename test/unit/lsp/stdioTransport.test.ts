/** The stdio writer (server/src/lsp/stdioTransport.ts): exact LSP framing, whatever the size or characters, one write per message. */
import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import { StreamMessageReader, type Message } from 'vscode-languageserver/node';
import { StdioMessageWriter } from '../../../server/src/lsp/stdioTransport';

const message = (text: string): Message => ({ jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: text } }) as Message;
// ASCII, two- and three-byte characters, a surrogate pair, and sizes below and far above the first 256 kB buffer.
const TEXTS = ['plain', 'café ü', '日本語'.repeat(40_000), 'x', '🚀 '.repeat(200_000), 'ä'.repeat(10)];

describe('stdio writer', () => {
  it('frames each message as Content-Length, blank line and the UTF-8 of its JSON', () => {
    const writer = new StdioMessageWriter(new PassThrough());
    for (const text of TEXTS) {
      const body = Buffer.from(JSON.stringify(message(text)), 'utf8');
      const expected = Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
      assert.ok(writer.frame(message(text)).equals(expected), `frame of a ${text.length}-character message`);
    }
  });

  it('writes exactly what JSON.stringify writes, also for long arrays written element by element', () => {
    const writer = new StdioMessageWriter(new PassThrough());
    const diagnostic = (i: number): Record<string, unknown> => ({
      range: { start: { line: i, character: 0 }, end: { line: i, character: 5 } },
      severity: 2,
      code: 'rule',
      message: i % 7 === 0 ? `naïve 🚀 "quoted" \\ ${i}` : `m${i}`,
      skipped: undefined,
      fn: () => i,
      tags: i % 5 === 0 ? [1, undefined, () => 0] : undefined,
    });
    const messages = [
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///é.yaml', version: 3, diagnostics: Array.from({ length: 500 }, (_, i) => diagnostic(i)) } },
      { jsonrpc: '2.0', id: 7, result: [...Array.from({ length: 40 }, (_, i) => ({ title: `t${i}`, when: new Date(0), missing: undefined })), undefined, null] },
      { jsonrpc: '2.0', id: 8, result: null },
      { jsonrpc: '2.0', method: 'x', params: Object.assign(Object.create(null) as object, { nested: { list: Array.from({ length: 33 }, (_, i) => i) } }) },
    ];
    for (const m of messages) {
      const body = Buffer.from(JSON.stringify(m), 'utf8');
      const framed = writer.frame(m);
      assert.equal(framed.subarray(framed.indexOf('\r\n\r\n') + 4).toString('utf8'), body.toString('utf8'));
      assert.ok(framed.toString('ascii').startsWith(`Content-Length: ${body.length}\r\n\r\n`));
    }
  });

  it('writes every message once, in order, readable by the LSP stream reader', async () => {
    // Like a pipe, the sink copies what it is given before the write completes.
    const writes: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        writes.push(Buffer.from(chunk));
        setImmediate(done);
      },
    });
    const writer = new StdioMessageWriter(sink);
    // Not awaited one by one: the writer must keep order and not refill its buffer under a pending write.
    await Promise.all(TEXTS.map((t) => writer.write(message(t))));
    assert.equal(writes.length, TEXTS.length, 'one write per message, header included');
    const received: Message[] = [];
    const pipe = new PassThrough();
    const all = new Promise<void>((resolve) =>
      new StreamMessageReader(pipe).listen((m) => {
        received.push(m);
        if (received.length === TEXTS.length) resolve();
      }),
    );
    pipe.end(Buffer.concat(writes));
    await all;
    assert.deepEqual(received, TEXTS.map(message));
  });
});
