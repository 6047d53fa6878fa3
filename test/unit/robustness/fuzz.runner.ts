/**
 * `npm run fuzz`: the long fuzz run of issue 8, ≥ 100,000 cases (`FUZZ_RUNS`), split across one worker
 * process per core (`FUZZ_WORKERS`), each with its own seed (`FUZZ_SEED` + worker index). Prints the
 * figures docs/reliability.md quotes; a failing property prints the shrunk counterexample and exits 1.
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { runFuzz, type FuzzFigures } from './fuzzSupport';

const runs = Number(process.env.FUZZ_RUNS ?? 100_000);
const seed = process.env.FUZZ_SEED === undefined ? Date.now() % 1_000_000 : Number(process.env.FUZZ_SEED);
const RESULT = 'fuzz-result ';

if (process.env.FUZZ_WORKER !== undefined) {
  // A worker: run its share and report the figures on one line for the parent.
  try {
    const f = runFuzz(runs, seed, (done) => console.log(`fuzz worker ${process.env.FUZZ_WORKER}: ${done} cases…`));
    console.log(RESULT + JSON.stringify(f));
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  }
} else {
  void main();
}

async function main(): Promise<void> {
  const workers = Math.max(1, Number(process.env.FUZZ_WORKERS ?? availableParallelism()));
  console.log(`fuzz: ${runs} cases, ${workers} workers, seeds ${seed}…${seed + workers - 1}`);
  const t0 = performance.now();
  const shares = Array.from({ length: workers }, (_, i) => Math.floor(runs / workers) + (i < runs % workers ? 1 : 0));
  const results = await Promise.all(shares.map((share, i) => worker(i, share, seed + i)));
  const seconds = (performance.now() - t0) / 1000;
  if (results.some((r) => r === undefined)) {
    console.error('fuzz: a property failed (counterexample above)');
    process.exitCode = 1;
    return;
  }
  const all = results as FuzzFigures[];
  const cases = all.reduce((n, r) => n + r.cases, 0);
  const edits = all.reduce((n, r) => n + r.edits, 0);
  console.log(`fuzz: ${cases} cases passed, ${edits} edits re-parsed, in ${seconds.toFixed(1)} s (${(cases / seconds).toFixed(0)} cases/s)`);
  console.log(
    `fuzz: slowest analysis ${Math.max(...all.map((r) => r.slowestMs)).toFixed(1)} ms of CPU; slowest per MB ${Math.max(...all.map((r) => r.slowestMsPerMb)).toFixed(0)} ms/MB (texts under 10 kB counted as 10 kB)`,
  );
}

function worker(index: number, share: number, workerSeed: number): Promise<FuzzFigures | undefined> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [__filename], { env: { ...process.env, FUZZ_WORKER: String(index), FUZZ_RUNS: String(share), FUZZ_SEED: String(workerSeed) }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      for (const line of d.toString().split('\n')) if (line && !line.startsWith(RESULT)) console.log(line);
    });
    child.on('close', () => {
      const line = out.split('\n').find((l) => l.startsWith(RESULT));
      resolve(line ? (JSON.parse(line.slice(RESULT.length)) as FuzzFigures) : undefined);
    });
  });
}
