// Editor latency for one file and one server: each run starts a fresh server process (so "cold" is
// really cold: no JIT, no caches), opens the file, makes seeded edits and asks for code actions.
//   cold:       didOpen -> first publishDiagnostics for the file
//   edit:       didChange(version v) -> first publish with version >= v (next publish if unversioned)
//   codeAction: request -> response, at the range of seeded diagnostics left after the edits
//   resolve:    codeAction/resolve of the first quick-fix of each such response that has data and no
//               edit (what VS Code sends when a lazy action is applied), request -> response
//   peak RSS:   VmHWM of the server process just before shutdown
// Adapted from /work/shared/tools/lsp-bench/lsp-bench.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import * as P from 'vscode-languageserver-protocol/node';
import { applyEdit, findEditSites, planEdit } from './edits.mjs';
import { LspSession, withTimeout } from './lsp-client.mjs';
import { makeRng } from './random.mjs';
import { round, stats } from './stats.mjs';

/**
 * @param server  { argv, settings }
 * @param file    absolute path; its folder is the workspace folder
 * @param o       { runs, edits, codeActions, settleMs, editGapMs, timeoutMs, seed, onRun, emptyFolder? }
 */
export async function measureFile(server, file, o) {
  const runs = [];
  for (let i = 0; i < o.runs; i++) {
    const r = await oneRun(server, file, o, i);
    if (o.emptyFolder) r.coldUnindexedMs = await coldInEmptyWorkspace(server, file, o);
    runs.push(r);
    o.onRun?.(r, i);
  }
  return { runs, summary: summarize(runs) };
}

async function oneRun(server, file, o, runIndex) {
  const res = { run: runIndex + 1, initializeMs: null, coldMs: null, coldDiagnostics: null, settledDiagnostics: null, editMs: [], editTimeouts: 0, codeActionMs: [], codeActionsReturned: [], resolveMs: [], memory: null, errors: [] };
  const s = new LspSession({ argv: server.argv, folder: path.dirname(file), settings: server.settings, timeoutMs: o.timeoutMs });
  // Same seed for every run and server: the same edits, the same diagnostics asked about.
  const rand = makeRng(o.seed).next;
  try {
    await s.initialize();
    res.initializeMs = s.initializeMs;
    res.serverInfo = s.serverInfo;
    await s.initialized();
    await settle(s, o);

    const text = fs.readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const sites = findEditSites(lines);

    const from = s.publishes.length;
    const tOpen = performance.now();
    await s.open(file, text, 1);
    const first = await s.waitPublish(file, from);
    if (!first) throw new Error(`no publishDiagnostics within ${o.timeoutMs} ms of didOpen`);
    res.coldMs = first.t - tOpen;
    res.coldDiagnostics = first.diagnostics.length;
    res.versioned = first.version != null;
    // Some servers publish twice (syntax, then semantics); the settled count is the one to compare.
    await s.waitQuiet(o.settleMs);
    let last = s.publishes.filter((p) => p.key === first.key).at(-1);
    res.settledDiagnostics = last.diagnostics.length;

    const edits = await editLoop(s, file, lines, sites, rand, o);
    res.editMs = edits.ms;
    res.editTimeouts = edits.timeouts;
    last = edits.last ?? last;
    res.afterEditsDiagnostics = last.diagnostics.length;

    for (let i = 0; i < o.codeActions && last.diagnostics.length > 0; i++) {
      const d = last.diagnostics[Math.floor(rand() * last.diagnostics.length)];
      const t = performance.now();
      const actions = await s.codeAction(file, d);
      res.codeActionMs.push(performance.now() - t);
      res.codeActionsReturned.push(Array.isArray(actions) ? actions.length : 0);
      const lazy = Array.isArray(actions) ? actions.find((a) => a.kind === 'quickfix' && a.data !== undefined && !a.edit) : undefined;
      if (lazy) {
        const tr = performance.now();
        const resolved = await withTimeout(s.conn.sendRequest(P.CodeActionResolveRequest.type, lazy), o.timeoutMs, 'codeAction/resolve');
        res.resolveMs.push(performance.now() - tr);
        if (!resolved?.edit) res.errors.push(`codeAction/resolve of "${lazy.title}" returned no edit`);
      }
    }
  } catch (e) {
    res.errors.push(e.message);
  }
  res.memory = s.snapshot();
  if (!res.memory) res.errors.push(`server exited early; stderr: ${s.stderr.slice(-400)}`);
  await s.close();
  return res;
}

/** The diagnostics a server publishes for the file when it opens it (what the transfer floor replays). */
export async function publishedDiagnostics(server, file, o) {
  const s = new LspSession({ argv: server.argv, folder: path.dirname(file), settings: server.settings, timeoutMs: o.timeoutMs });
  try {
    await s.initialize();
    await s.initialized();
    await settle(s, o);
    await s.open(file, fs.readFileSync(file, 'utf8'), 1);
    const first = await s.waitPublish(file, 0);
    if (!first) throw new Error(`no publishDiagnostics within ${o.timeoutMs} ms of didOpen`);
    return first.diagnostics;
  } finally {
    await s.close();
  }
}

/** `o.edits` seeded edits of an open file (version 1), each timed to the diagnostics of its version. */
export async function editLoop(s, file, lines, sites, rand, o) {
  const out = { ms: [], timeouts: 0, last: null };
  for (let version = 2; version < o.edits + 2; version++) {
    const e = planEdit(lines, sites, rand);
    applyEdit(lines, e);
    const change =
      s.syncKind === P.TextDocumentSyncKind.Incremental
        ? { range: { start: { line: e.line, character: e.startCol }, end: { line: e.line, character: e.endCol } }, text: e.newText }
        : { text: lines.join('\n') };
    const from = s.publishes.length;
    const t = performance.now();
    await s.change(file, version, [change]);
    const rec = await s.waitPublish(file, from, (p) => p.version == null || p.version >= version);
    if (!rec) out.timeouts++;
    else {
      out.ms.push(rec.t - t);
      out.last = rec;
    }
    if (s.exited) throw new Error('server exited during the edits');
    await sleep(o.editGapMs);
  }
  return out;
}

/**
 * Cold diagnostics when the server has never seen the file: its workspace folder is empty, so nothing
 * was indexed (and no parser code JIT-compiled) before didOpen. The main runs open the file inside its
 * own folder, which the server indexes first, as in an editor that opens a folder and then a file.
 */
async function coldInEmptyWorkspace(server, file, o) {
  const s = new LspSession({ argv: server.argv, folder: o.emptyFolder, settings: server.settings, timeoutMs: o.timeoutMs });
  try {
    await s.initialize();
    await s.initialized();
    await settle(s, o);
    const from = s.publishes.length;
    const t = performance.now();
    await s.open(file, fs.readFileSync(file, 'utf8'), 1);
    const first = await s.waitPublish(file, from);
    return first ? first.t - t : null;
  } catch {
    return null;
  } finally {
    await s.close();
  }
}

/**
 * Before the cold measurement: let the server finish its start-up work (indexing the folder that holds
 * the file, pulling configuration) so didOpen is timed alone.
 */
async function settle(s, o) {
  await s.waitQuiet(o.settleMs);
  const open = [...s.progress.values()].filter((p) => p.endAt == null);
  if (open.length > 0) await s.waitFor(() => [...s.progress.values()].every((p) => p.endAt != null));
  await s.waitQuiet(o.settleMs);
}

function summarize(runs) {
  return {
    initializeMs: stats(runs.map((r) => r.initializeMs)),
    coldMs: stats(runs.map((r) => r.coldMs)),
    coldUnindexedMs: stats(runs.map((r) => r.coldUnindexedMs)),
    editMs: stats(runs.flatMap((r) => r.editMs)),
    codeActionMs: stats(runs.flatMap((r) => r.codeActionMs)),
    resolveMs: stats(runs.flatMap((r) => r.resolveMs)),
    peakRssMiB: stats(runs.map((r) => r.memory?.peakRssMiB)),
    serverCpuMs: stats(runs.map((r) => r.memory?.cpuMs)),
    coldDiagnostics: stats(runs.map((r) => r.coldDiagnostics)),
    settledDiagnostics: stats(runs.map((r) => r.settledDiagnostics)),
    afterEditsDiagnostics: stats(runs.map((r) => r.afterEditsDiagnostics)),
    codeActionsReturned: stats(runs.flatMap((r) => r.codeActionsReturned)),
    editTimeouts: runs.reduce((a, r) => a + r.editTimeouts, 0),
    versioned: runs.some((r) => r.versioned),
    errors: runs.flatMap((r) => r.errors.map((e) => `run ${r.run}: ${e}`)),
  };
}

export function describeRun(r) {
  const e = stats(r.editMs);
  return (
    `run ${r.run}: init ${round(r.initializeMs)} ms, cold ${round(r.coldMs)} ms (${r.coldDiagnostics} diags)` +
    `${r.coldUnindexedMs !== undefined ? `, cold unindexed ${round(r.coldUnindexedMs)} ms` : ''}, ` +
    `edits median ${e.median} ms${r.editTimeouts ? ` (${r.editTimeouts} timeouts)` : ''}, codeAction median ${stats(r.codeActionMs).median} ms` +
    `${r.resolveMs.length ? `, resolve median ${stats(r.resolveMs).median} ms` : ''}, ` +
    `peak RSS ${round(r.memory?.peakRssMiB)} MiB${r.errors.length ? `; errors: ${r.errors.join(' | ')}` : ''}`
  );
}
