// Workspace indexing: the server is started with a folder of manifest files as its workspace folder; it
// indexes them in the background from `initialized` and reports window/workDoneProgress. Timed from
// sending `initialized` to the progress `end`. Each run is a fresh process (nothing cached).
// Then, in the same server, a file is opened and edited: edits re-run rules against a workspace view
// of every indexed object, so their latency with a big workspace is not the single-file figure.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { findEditSites } from './edits.mjs';
import { LspSession } from './lsp-client.mjs';
import { editLoop } from './measure-file.mjs';
import { makeRng } from './random.mjs';
import { stats } from './stats.mjs';

async function oneRun(server, dir, o) {
  const s = new LspSession({ argv: server.argv, folder: dir, settings: server.settings, timeoutMs: o.timeoutMs });
  const res = { indexMs: null, beginMs: null, filesReported: null, openMs: null, editMs: [], memory: null, errors: [] };
  try {
    await s.initialize();
    const t0 = await s.initialized();
    const created = await s.waitFor(() => [...s.progress.values()][0], 10000);
    if (!created) throw new Error('the server created no window/workDoneProgress within 10 s of initialized');
    const ended = await s.waitFor(() => (created.endAt != null ? created : null));
    if (!ended) throw new Error(`indexing did not end within ${o.timeoutMs} ms`);
    res.indexMs = ended.endAt - t0;
    res.beginMs = ended.beginAt != null ? ended.beginAt - t0 : null;
    const m = /(\d+)\s*\/\s*(\d+)/.exec(ended.lastReport?.message ?? '');
    if (m) res.filesReported = Number(m[2]);
    if (o.editFile) await editInWorkspace(s, res, o);
  } catch (e) {
    res.errors.push(e.message);
  }
  res.memory = s.snapshot();
  await s.close();
  return res;
}

async function editInWorkspace(s, res, o) {
  await s.waitQuiet(o.settleMs);
  const text = fs.readFileSync(o.editFile, 'utf8');
  const from = s.publishes.length;
  const t = performance.now();
  await s.open(o.editFile, text, 1);
  const first = await s.waitPublish(o.editFile, from);
  if (!first) throw new Error('no diagnostics for the opened file');
  res.openMs = first.t - t;
  await s.waitQuiet(o.settleMs);
  const lines = text.split('\n');
  const edits = await editLoop(s, o.editFile, lines, findEditSites(lines), makeRng(o.seed).next, o);
  res.editMs = edits.ms;
}

export async function measureWorkspace(server, dir, o) {
  const runs = [];
  for (let i = 0; i < o.runs; i++) {
    const t = performance.now();
    runs.push(await oneRun(server, dir, o));
    o.onRun?.(runs.at(-1), i, performance.now() - t);
  }
  return {
    runs,
    indexMs: stats(runs.map((r) => r.indexMs)),
    peakRssMiB: stats(runs.map((r) => r.memory?.peakRssMiB)),
    serverCpuMs: stats(runs.map((r) => r.memory?.cpuMs)),
    filesReported: runs.find((r) => r.filesReported != null)?.filesReported ?? null,
    openMs: stats(runs.map((r) => r.openMs)),
    editMs: stats(runs.flatMap((r) => r.editMs)),
    errors: runs.flatMap((r, i) => r.errors.map((e) => `run ${i + 1}: ${e}`)),
  };
}
