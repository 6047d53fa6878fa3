#!/usr/bin/env node
// Smoke test of the benchmark harness (not of performance): a --quick run against our bundled server
// on the 100-line file and a 100-file workspace must produce finite figures. About 5 s; not part of
// npm test, run it after changing bench/:   node esbuild.mjs && node --test bench/selftest.mjs
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const isFigure = (x) => typeof x === 'number' && Number.isFinite(x) && x > 0;

test('a quick run measures our server, the parse and transfer floors and workspace indexing', () => {
  const json = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kubeguard-bench-')), 'result.json');
  const md = execFileSync(process.execPath, [path.join(here, 'run.mjs'), '--quick', '--skip', 'yamlls,cli', '--json', json], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const res = JSON.parse(fs.readFileSync(json, 'utf8'));
  const ours = res.files['k8s-100'].kubeguard;
  assert.deepEqual(ours.errors, []);
  assert.ok(isFigure(ours.coldMs.median), 'cold diagnostics time');
  assert.ok(isFigure(ours.coldUnindexedMs.median), 'cold time in an empty workspace');
  assert.equal(ours.editMs.n, res.config.edits, 'every edit got versioned diagnostics');
  assert.equal(ours.editTimeouts, 0);
  assert.ok(ours.versioned, 'our server publishes with a version');
  assert.ok(isFigure(ours.peakRssMiB.median), 'peak RSS');
  assert.ok(isFigure(res.floor.results['k8s-100'].medianMs), 'parse floor');
  const transfer = res.files['k8s-100'].transfer;
  assert.equal(transfer.editMs.n, res.config.edits, 'the transfer floor got every edit');
  assert.equal(transfer.settledDiagnostics.median, ours.settledDiagnostics.median, 'it replays our diagnostics');
  assert.ok(isFigure(res.workspace.indexMs.median), 'workspace indexing time');
  assert.equal(res.workspace.filesReported, res.config.files);
  assert.equal(res.workspace.editMs.n, res.config.edits, 'edits in the indexed workspace were timed');
  assert.match(md, /\| k8s-100 \(91 lines/);
});
