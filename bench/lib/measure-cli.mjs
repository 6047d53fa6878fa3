// The CLI over a directory of manifest files: wall time of `node bin/kubeguard.js lint --format json
// DIR` from spawn to exit (Node start-up included: that is what a CI job pays), and MB/s of YAML.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { stats } from './stats.mjs';
import { ROOT } from './servers.mjs';

function runOnce(argv) {
  return new Promise((resolve) => {
    const t = performance.now();
    const child = spawn(argv[0], argv.slice(1), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    let err = '';
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => (err = (err + d.toString()).slice(-2000)));
    child.on('error', (e) => resolve({ ms: null, code: null, stdout: '', stderr: e.message }));
    child.on('close', (code) => resolve({ ms: performance.now() - t, code, stdout: Buffer.concat(out).toString('utf8'), stderr: err }));
  });
}

/** Median over `runs` of the CLI's wall time, or `{ skipped }` saying why it could not be timed. */
export async function measureCli(dir, { runs, bytes, files, emptyDir }) {
  const bin = path.join(ROOT, 'bin/kubeguard.js');
  const cli = path.join(ROOT, 'server/out/cli.js');
  if (!fs.existsSync(bin) || !fs.existsSync(cli)) return { skipped: `the CLI is not there yet (${path.relative(ROOT, fs.existsSync(bin) ? cli : bin)} is missing)` };
  const argv = [process.execPath, bin, 'lint', '--format', 'json', dir];
  const samples = [];
  let findings = null;
  for (let i = 0; i < runs; i++) {
    const r = await runOnce(argv);
    let json;
    try {
      json = JSON.parse(r.stdout);
    } catch {
      // A linter exits non-zero when it finds problems, so the exit code alone says nothing: JSON on stdout is the proof it ran.
      return { skipped: `\`kubeguard lint --format json\` gave no JSON (exit ${r.code}): ${(r.stderr || r.stdout).trim().slice(0, 300)}` };
    }
    findings ??= countFindings(json);
    samples.push({ ms: r.ms, exitCode: r.code });
  }
  const wall = stats(samples.map((s) => s.ms));
  // The fixed cost (Node start-up, loading the bundle) on an empty folder: what is left is the per-byte cost.
  const startup = [];
  for (let i = 0; i < runs; i++) startup.push((await runOnce([process.execPath, bin, 'lint', '--format', 'json', emptyDir])).ms);
  return {
    command: `node bin/kubeguard.js lint --format json ${path.relative(ROOT, dir)}`,
    files,
    bytes,
    runs: samples,
    wallMs: wall,
    startupMs: stats(startup),
    mbPerSec: wall.median ? bytes / 1e6 / (wall.median / 1000) : null,
    findings,
  };
}

/** The number of findings in the JSON report, whatever its exact shape (an array, or `{ findings }`, or files of findings). */
function countFindings(json) {
  if (Array.isArray(json)) return json.reduce((n, x) => n + (Array.isArray(x?.findings) ? x.findings.length : 1), 0);
  if (Array.isArray(json?.findings)) return json.findings.length;
  if (Array.isArray(json?.files)) return json.files.reduce((n, f) => n + (f.findings?.length ?? 0), 0);
  return null;
}
