/**
 * The connection over stdio (`--stdio`: Neovim, Helix, Emacs, the benchmark; VS Code uses `--node-ipc`),
 * built here for the way messages are written. vscode-jsonrpc's stream writer makes each message a fresh
 * `Buffer.from(JSON.stringify(msg))` and writes its header and body as two writes. At 10,000 lines a
 * publish is about 400 kB: V8 returns a JSON.stringify result that long as a chain of 16 kB parts, so
 * encoding it first copies the chain into a new 400 kB string, and the new buffer is an mmap'd block whose
 * pages fault in; with the second write (each a system call that wakes the client), 2.5–4.5 ms per
 * keystroke (docs/performance.md).
 *
 * This writer encodes header and body into one buffer, reused for every message, writing long arrays
 * element by element, and writes it at once. Messages are written one at a time, each after the previous
 * write has completed, so the buffer is never refilled while the stream still holds it.
 *
 * What `createConnection()` does for `--stdio` besides, and is kept here: exit when stdin ends, and
 * console output sent to the client's log rather than into the protocol stream.
 */
import { inspect } from 'node:util';
import { AbstractMessageWriter, StreamMessageReader, type Connection, type Message, type MessageWriter } from 'vscode-languageserver/node';

/** Room before the body for `Content-Length: <n>\r\n\r\n`. */
const HEADER_ROOM = 64;
/** A buffer grown past this size is not kept for the next message. */
const KEEP_LIMIT = 16 * 1024 * 1024;

/** An object JSON.stringify writes as its own properties (no toJSON, not a Date, Map, …). */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return (proto === Object.prototype || proto === null) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

export class StdioMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private buffer = Buffer.allocUnsafe(256 * 1024);
  /** Where the next byte of the message being framed goes. */
  private at = 0;
  private queue: Promise<void> = Promise.resolve();
  private errors = 0;

  constructor(private readonly out: NodeJS.WritableStream) {
    super();
    out.on('error', (e: Error) => this.fireError(e));
    out.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    const sent = this.queue.then(() => this.send(msg));
    this.queue = sent.catch(() => undefined);
    return sent;
  }

  end(): void {
    this.out.end();
  }

  /** The message framed as LSP wants it (header, blank line, UTF-8 JSON), in the reused buffer when it fits. */
  frame(msg: Message): Buffer {
    this.at = HEADER_ROOM;
    this.json(msg);
    const length = this.at - HEADER_ROOM;
    const header = `Content-Length: ${length}\r\n\r\n`;
    const start = HEADER_ROOM - header.length;
    this.buffer.write(header, start, 'ascii');
    const framed = this.buffer.subarray(start, HEADER_ROOM + length);
    // A rare huge message does not leave its buffer behind.
    if (this.buffer.length > KEEP_LIMIT) this.buffer = Buffer.allocUnsafe(256 * 1024);
    return framed;
  }

  /**
   * Writes `value` as JSON.stringify would. Long arrays (a publish's diagnostics) are written element by
   * element: V8 builds a large JSON.stringify result as a chain of 16 kB parts, and encoding it first
   * copies the whole chain into one new string, an allocation that cost as much as everything else here.
   */
  private json(value: unknown): void {
    if (Array.isArray(value) && value.length > 32) {
      this.text('[');
      value.forEach((item, i) => {
        if (i > 0) this.text(',');
        // Inside arrays, what JSON.stringify leaves out of objects becomes null.
        this.text(JSON.stringify(item) ?? 'null');
      });
      this.text(']');
      return;
    }
    if (isPlainObject(value) && Object.values(value).some((v) => Array.isArray(v) || isPlainObject(v))) {
      this.text('{');
      let first = true;
      for (const [key, v] of Object.entries(value)) {
        if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
        this.text(`${first ? '' : ','}${JSON.stringify(key)}:`);
        first = false;
        this.json(v);
      }
      this.text('}');
      return;
    }
    this.text(JSON.stringify(value) ?? 'null');
  }

  /** Appends text as UTF-8, growing the buffer as needed. */
  private text(s: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8, so with this much room `write` never truncates
    // and returns the exact length (measuring first with Buffer.byteLength costs as much as encoding).
    const room = s.length * 3;
    if (this.at + room > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.at + room, this.buffer.length * 2));
      this.buffer.copy(grown, 0, 0, this.at);
      this.buffer = grown;
    }
    this.at += this.buffer.write(s, this.at, 'utf8');
  }

  private send(msg: Message): Promise<void> {
    const chunk = this.frame(msg);
    return new Promise<void>((resolve, reject) => {
      this.out.write(chunk, (error?: Error | null) => {
        if (!error) return resolve();
        this.fireError(error, msg, ++this.errors);
        reject(error);
      });
    });
  }
}

export function stdioReader(): StreamMessageReader {
  return new StreamMessageReader(process.stdin);
}

export function stdioWriter(): StdioMessageWriter {
  return new StdioMessageWriter(process.stdout);
}

/** The rest of what `createConnection()` sets up for `--stdio`. */
export function completeStdioConnection(connection: Connection, shutdownReceived: () => boolean): void {
  const exit = (): never => process.exit(shutdownReceived() ? 0 : 1);
  process.stdin.on('end', exit);
  process.stdin.on('close', exit);
  const text = (args: unknown[]): string => args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ');
  // Redirecting the console is the point here, not logging through it.
  /* eslint-disable no-console */
  console.log = (...args: unknown[]) => connection.console.log(text(args));
  console.info = (...args: unknown[]) => connection.console.info(text(args));
  console.debug = (...args: unknown[]) => connection.console.log(text(args));
  console.warn = (...args: unknown[]) => connection.console.warn(text(args));
  console.error = (...args: unknown[]) => connection.console.error(text(args));
  /* eslint-enable no-console */
}
