#!/usr/bin/env node
// Hot spots of a V8 CPU profile of the bundled server, mapped back to TypeScript through the bundle's
// linked source map, so a missed target names files and functions rather than bundle offsets.
//   node bench/run.mjs --sizes 10000 --runs 1 --skip yamlls,cli,workspace --profile /tmp/prof
//   node bench/profile-summary.mjs /tmp/prof/*.cpuprofile [--top 25]
import fs from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
const maps = new Map();

function sourceMapFor(url) {
  if (!url.startsWith('file:')) return null;
  const file = fileURLToPath(url);
  if (!maps.has(file)) {
    const mapFile = `${file}.map`;
    maps.set(file, fs.existsSync(mapFile) ? new SourceMap(JSON.parse(fs.readFileSync(mapFile, 'utf8'))) : null);
  }
  return maps.get(file);
}

/** "function (src/file.ts:line)" for a profile call frame, through the source map when there is one. */
function location(frame) {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  const map = sourceMapFor(frame.url);
  const entry = map?.findEntry(frame.lineNumber, frame.columnNumber);
  if (entry?.originalSource) {
    // Sources are relative to the bundle's folder (../src/x.ts, ../../node_modules/...): show them from the repository root.
    const src = path.relative(process.cwd(), path.resolve(path.dirname(fileURLToPath(frame.url)), entry.originalSource.replace(/^file:\/\//, '')));
    return `${name} (${src}:${entry.originalLine + 1})`;
  }
  return `${name} (${path.basename(frame.url)}:${frame.lineNumber + 1})`;
}

for (const file of positionals) {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map();
  for (let i = 0; i < prof.samples.length; i++) {
    const dt = prof.timeDeltas[i + 1] ?? 0;
    selfUs.set(prof.samples[i], (selfUs.get(prof.samples[i]) ?? 0) + dt);
  }
  const self = new Map();
  const total = new Map();
  let all = 0;
  for (const [id, us] of selfUs) {
    all += us;
    const key = location(byId.get(id).callFrame);
    self.set(key, (self.get(key) ?? 0) + us);
    // Inclusive time: once per function on the stack, however deep the recursion.
    const seen = new Set();
    for (let cur = id; cur != null; cur = parent.get(cur)) {
      const k = location(byId.get(cur).callFrame);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + us);
    }
  }
  const top = Number(values.top);
  const ms = (us) => (us / 1000).toFixed(1).padStart(8);
  const pct = (us) => `${((100 * us) / all).toFixed(1).padStart(5)}%`;
  console.log(`${path.basename(file)}: ${(all / 1000).toFixed(0)} ms sampled\n\nself time:`);
  for (const [k, us] of [...self].sort((x, y) => y[1] - x[1]).slice(0, top)) console.log(`${ms(us)} ms ${pct(us)}  ${k}`);
  console.log('\ninclusive time (server code and the yaml parser):');
  const interesting = [...total].filter(([k]) => /server\/src|node_modules\/yaml/.test(k));
  for (const [k, us] of interesting.sort((x, y) => y[1] - x[1]).slice(0, top)) console.log(`${ms(us)} ms ${pct(us)}  ${k}`);
  console.log();
}
