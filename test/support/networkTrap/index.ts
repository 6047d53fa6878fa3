/**
 * A preload (`node --require`, through NODE_OPTIONS) that records and refuses every way a Node process
 * can reach the network, or start another process that could: test/lsp/noNetwork.test.ts loads it into
 * the language server. Records are JSON lines appended to the file named by KUBEGUARD_NETWORK_TRAP_LOG
 * (the server's stdout is the LSP channel, so nothing may be printed).
 *
 * Why this catches everything the server could do, not only the calls we thought of:
 * - It runs before the server bundle is loaded, and patches the exports objects of the built-in modules
 *   (one shared instance per process) and the prototypes, so the bundle's `require("net")` sees the
 *   patched functions whenever and however it calls them.
 * - `net.Socket.prototype.connect` is the single place where every TCP/IPC-socket client connection
 *   starts in Node's JavaScript layer: net.connect, tls.connect (a TLSSocket is a Socket), the http and
 *   https agents, http2 and undici (hence `fetch`) all end up there. Name lookups go through `dns`, UDP
 *   through `dgram`. The wrappers of the higher-level APIs (http.request, fetch, …) are only there to
 *   name the culprit in the failure message; the socket wrapper would catch them anyway.
 * - A child process could reach the network unobserved, so spawning one counts as an attempt too.
 * - The only bypass left would be Node's internal bindings (`process.binding('tcp_wrap')`), which no
 *   library of the server uses; noNetwork.test.ts also checks the bundle's imports statically.
 * The test proves each trap fires with a positive control (a script calling each API under the trap).
 */
import childProcess from 'node:child_process';
import dgram from 'node:dgram';
import dns from 'node:dns';
import { appendFileSync } from 'node:fs';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

/** The environment variable naming the record file (test/lsp/noNetwork.test.ts repeats it: importing this module installs the trap). */
const TRAP_LOG_ENV = 'KUBEGUARD_NETWORK_TRAP_LOG';

export interface TrapRecord {
  /** `loaded` once at start, otherwise the API that was called (`net.Socket#connect`, `fetch`, …). */
  readonly api: string;
  readonly detail: string;
  readonly stack?: string;
}

const logFile = process.env[TRAP_LOG_ENV];

function write(r: TrapRecord): void {
  if (logFile) appendFileSync(logFile, `${JSON.stringify(r)}\n`);
}

function describe(args: readonly unknown[]): string {
  try {
    return JSON.stringify(args.map((a) => (typeof a === 'function' ? '[function]' : a instanceof URL ? a.href : a)), (_k, v: unknown) => (typeof v === 'object' && v !== null && 'pipe' in v ? '[stream]' : v)).slice(0, 300);
  } catch {
    return String(args[0]).slice(0, 300);
  }
}

/** Records the attempt and refuses it: the caller gets an error, as with no network at all. */
function blocked(api: string, args: readonly unknown[]): never {
  write({ api, detail: describe(args), stack: new Error().stack });
  throw new Error(`KubeGuard network trap: ${api} is not allowed in the language server`);
}

/** Replaces `target[name]` (when it is a function) with a recording, refusing stand-in. */
function trap(target: object, name: string, api: string): void {
  const holder = target as Record<string, unknown>;
  if (typeof holder[name] !== 'function') return;
  Object.defineProperty(target, name, {
    configurable: true,
    writable: true,
    value: function trapped(...args: unknown[]): unknown {
      return blocked(api, args);
    },
  });
}

trap(net.Socket.prototype, 'connect', 'net.Socket#connect');
for (const name of ['connect', 'createConnection']) trap(net, name, `net.${name}`);
trap(tls, 'connect', 'tls.connect');
for (const name of ['request', 'get']) {
  trap(http, name, `http.${name}`);
  trap(https, name, `https.${name}`);
}
trap(http2, 'connect', 'http2.connect');
trap(dgram, 'createSocket', 'dgram.createSocket');
for (const name of Object.keys(dns)) if (/^(lookup|lookupService|resolve.*|reverse)$/.test(name)) trap(dns, name, `dns.${name}`);
for (const name of Object.keys(dns.promises)) if (/^(lookup|lookupService|resolve.*|reverse)$/.test(name)) trap(dns.promises, name, `dns.promises.${name}`);
// A Resolver queries DNS servers itself (c-ares, below the JavaScript socket layer): trap its methods too.
for (const [proto, label] of [[dns.Resolver.prototype, 'dns.Resolver'], [dns.promises.Resolver.prototype, 'dns.promises.Resolver']] as const) {
  for (const name of Object.getOwnPropertyNames(proto)) if (/^(resolve.*|reverse)$/.test(name)) trap(proto, name, `${label}#${name}`);
}
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) trap(childProcess, name, `child_process.${name}`);
for (const name of ['fetch', 'WebSocket', 'EventSource']) trap(globalThis, name, name);

write({ api: 'loaded', detail: `pid ${process.pid}` });
