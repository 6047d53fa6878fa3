#!/usr/bin/env node
// KubeGuard benchmark (issue 7): our bundled server over real LSP next to yaml-language-server with a
// Kubernetes schema and the bare `yaml` parse of the same files, plus the CLI over a 2,000-file tree
// and the server's indexing of that tree. A benchmark, not a test: it reports, it asserts nothing.
//
//   node esbuild.mjs && node bench/run.mjs [options]     (npm run bench = build + all + docs)
//
// Progress goes to stderr, the Markdown report to stdout.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeSizedInput, writeWorkspace, writeWrongManifest } from './inputs.mjs';
import { ensureK8sSchema } from './lib/k8s-schema.mjs';
import { measureCli } from './lib/measure-cli.mjs';
import { describeRun, measureFile, publishedDiagnostics } from './lib/measure-file.mjs';
import { measureWorkspace } from './lib/measure-workspace.mjs';
import { markdown, updateDoc } from './lib/report.mjs';
import { kubeguardServer, replayServer, ROOT, yamllsServer } from './lib/servers.mjs';
import { stats } from './lib/stats.mjs';
import { WRONG_MANIFEST_ERRORS } from './lib/generate.mjs';

const USAGE = `usage: node bench/run.mjs [options]
  --sizes 100,1000,10000   generated file sizes, in lines
  --runs N                 fresh server processes per file and server (default 5)
  --edits N                edits per run (default 50)
  --code-actions N         code action requests per run (default 10)
  --files N                files in the CLI / workspace-indexing tree (default 2000)
  --floor-iterations N     parses per file for the floor median (default 10)
  --skip LIST              any of: kubeguard,yamlls,floor,transfer,cli,workspace
  --quick                  smoke run: 100 lines, 1 run, 5 edits, 100 files (never written to the docs)
  --json FILE              write every sample as JSON
  --doc FILE               update the generated section of FILE (npm run bench: docs/performance.md)
  --profile DIR            run our server under node --cpu-prof, profiles into DIR
  --seed N                 input seed (default 42; the edit plan uses seed 1)
  --timeout MS             longest wait for any one response (default 120000)
`;

const { values: a } = parseArgs({
  options: {
    sizes: { type: 'string' },
    runs: { type: 'string' },
    edits: { type: 'string' },
    'code-actions': { type: 'string' },
    files: { type: 'string' },
    'floor-iterations': { type: 'string' },
    skip: { type: 'string', default: '' },
    quick: { type: 'boolean', default: false },
    json: { type: 'string' },
    doc: { type: 'string' },
    profile: { type: 'string' },
    seed: { type: 'string', default: '42' },
    timeout: { type: 'string', default: '120000' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (a.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const num = (v, quick, full) => Number(v ?? (a.quick ? quick : full));
const config = {
  quick: a.quick,
  sizes: (a.sizes ?? (a.quick ? '100' : '100,1000,10000')).split(',').map(Number),
  runs: num(a.runs, 1, 5),
  edits: num(a.edits, 5, 50),
  codeActions: num(a['code-actions'], 2, 10),
  files: num(a.files, 100, 2000),
  floorIterations: num(a['floor-iterations'], 3, 10),
  seed: Number(a.seed),
  editSeed: 1,
  settleMs: a.quick ? 200 : 500,
  editGapMs: 50,
  timeoutMs: Number(a.timeout),
};
const skip = new Set(a.skip.split(',').filter(Boolean));
const log = (s) => process.stderr.write(`${s}\n`);
const loadavg = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

const res = {
  date: new Date().toISOString(),
  machine: { cores: os.cpus().length, cpuModel: os.cpus()[0]?.model.trim(), ramGiB: os.totalmem() / 2 ** 30, node: process.version, platform: `${os.type()} ${os.release()}`, nice: os.getPriority(), loadBefore: loadavg() },
  config,
  inputs: [],
  floor: { yaml: null, results: {} },
  servers: {},
  files: {},
};

const ours = kubeguardServer(a.profile ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(a.profile)] : []);
res.servers.kubeguard = { name: ours.name, version: ours.version };
let peer = null;
if (!skip.has('yamlls')) {
  try {
    const schema = ensureK8sSchema(path.join(ROOT, 'bench/.scratch/k8s-v1.17.0.schema.json'));
    peer = yamllsServer(schema.file);
    res.servers.yamlls = { name: peer.name, version: peer.version, schema: schema.file };
  } catch (e) {
    log(`yaml-language-server skipped: ${e.message}`);
    res.servers.yamlls = { skipped: e.message };
  }
}

log(`inputs (seed ${config.seed}) in bench/inputs/`);
for (const size of config.sizes) res.inputs.push({ size, ...writeSizedInput(size, config.seed) });
const wrong = writeWrongManifest();
res.workspaceInput = writeWorkspace(config.files, config.seed);

if (!skip.has('floor')) {
  for (const input of res.inputs) {
    // One process per file: the "first" parse is then as cold as a server's first parse.
    const out = JSON.parse(execFileSync(process.execPath, [path.join(ROOT, 'bench/floor.mjs'), '--iterations', String(config.floorIterations), input.file], { encoding: 'utf8' }));
    res.floor.yaml = out.yaml;
    res.floor.results[input.name] = out.results[0];
    log(`floor ${input.name}: median ${out.results[0].medianMs.toFixed(1)} ms, first ${out.results[0].firstMs.toFixed(1)} ms`);
  }
}

function emptyWorkspace() {
  const dir = path.join(ROOT, 'bench/.scratch/empty-workspace');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

const fileOpts = { runs: config.runs, edits: config.edits, codeActions: config.codeActions, settleMs: config.settleMs, editGapMs: config.editGapMs, timeoutMs: config.timeoutMs, seed: config.editSeed };
for (const input of res.inputs) {
  res.files[input.name] = {};
  for (const server of [skip.has('kubeguard') ? null : ours, peer]) {
    if (!server) continue;
    log(`== ${server.name} on ${input.name} (${input.lines} lines): ${config.runs} runs × ${config.edits} edits`);
    // Only our server indexes its workspace, so only its cold time depends on what the folder holds.
    const emptyFolder = server === ours ? emptyWorkspace() : undefined;
    const { runs, summary } = await measureFile(server, input.file, { ...fileOpts, emptyFolder, onRun: (r) => log(`  ${describeRun(r)}`) });
    res.files[input.name][server.id] = { ...summary, runs };
  }
  if (!skip.has('transfer') && !skip.has('kubeguard')) {
    // The same edits against a server that only re-sends our diagnostics: what publishing them costs.
    const transfer = replayServer(await publishedDiagnostics(ours, input.file, fileOpts), input.name);
    log(`== transfer floor on ${input.name}: ${config.runs} runs × ${config.edits} edits`);
    const { runs, summary } = await measureFile(transfer, input.file, { ...fileOpts, codeActions: 0, onRun: (r) => log(`  ${describeRun(r)}`) });
    res.files[input.name].transfer = { ...summary, runs };
  }
}

if (peer) {
  // Proves the peer validates against the schema: it must flag the deliberate errors.
  const { summary } = await measureFile(peer, wrong, { ...fileOpts, runs: 1, edits: 0, codeActions: 0 });
  res.schemaCheck = { diagnostics: summary.settledDiagnostics.median, expected: WRONG_MANIFEST_ERRORS };
  log(`schema check: yaml-language-server reported ${res.schemaCheck.diagnostics} of ${WRONG_MANIFEST_ERRORS} deliberate errors`);
}

const ws = res.workspaceInput;
if (!skip.has('cli')) {
  log(`== CLI over ${ws.files} files (${(ws.bytes / 1e6).toFixed(2)} MB)`);
  res.cli = await measureCli(ws.dir, { runs: config.runs, bytes: ws.bytes, files: ws.files, emptyDir: emptyWorkspace() });
  log(res.cli.skipped ? `  skipped: ${res.cli.skipped}` : `  median ${res.cli.wallMs.median} ms, ${res.cli.mbPerSec.toFixed(2)} MB/s`);
}
if (!skip.has('workspace') && !skip.has('kubeguard')) {
  log(`== workspace indexing of ${ws.files} files`);
  const edited = res.inputs.find((i) => i.size === 1000) ?? res.inputs[0];
  res.workspace = await measureWorkspace(ours, ws.dir, {
    ...fileOpts,
    editFile: edited?.file,
    onRun: (r, i) =>
      log(
        `  run ${i + 1}: indexed in ${r.indexMs?.toFixed(1)} ms, ${r.filesReported} files; ${edited?.name} opened in ${r.openMs?.toFixed(1)} ms, ` +
          `edits median ${stats(r.editMs).median} ms; peak RSS ${r.memory?.peakRssMiB?.toFixed(1)} MiB${r.errors.length ? `; ${r.errors.join('; ')}` : ''}`,
      ),
  });
  res.workspace.editName = edited?.name;
}

res.machine.loadAfter = loadavg();
const md = markdown(res);
process.stdout.write(md);
if (a.json) {
  fs.mkdirSync(path.dirname(path.resolve(a.json)), { recursive: true });
  fs.writeFileSync(path.resolve(a.json), JSON.stringify(res, null, 1) + '\n');
}
if (a.doc) {
  if (config.quick) log(`--quick results are not written to ${a.doc}`);
  else {
    updateDoc(path.resolve(a.doc), md);
    log(`updated ${a.doc}`);
  }
}
