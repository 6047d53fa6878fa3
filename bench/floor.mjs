#!/usr/bin/env node
// The parse floor: how long the `yaml` package (the parser our server bundles) takes to parse each file
// with parseAllDocuments and nothing else: no analysis, no LSP. Run in its own process by the
// benchmark, so the first parse is as cold as a server's first parse. Prints JSON.
//   node bench/floor.mjs [--iterations 10] FILE...
// Adapted from /work/shared/tools/lsp-bench/floor.mjs (which loads the parser of another install).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { parseAllDocuments } from 'yaml';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { iterations: { type: 'string', default: '10' } } });
const iterations = Math.max(1, parseInt(values.iterations, 10));
const yamlVersion = createRequire(import.meta.url)('yaml/package.json').version;

const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const results = positionals.map((file) => {
  const text = fs.readFileSync(file, 'utf8');
  const times = [];
  let documents = 0;
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    documents = parseAllDocuments(text).length;
    times.push(performance.now() - t);
  }
  return { file, documents, iterations, medianMs: median(times), firstMs: times[0], minMs: Math.min(...times) };
});
process.stdout.write(JSON.stringify({ yaml: yamlVersion, node: process.version, results }) + '\n');
