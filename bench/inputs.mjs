#!/usr/bin/env node
// Writes the benchmark inputs under bench/inputs/ (git-ignored; same seed -> byte-identical files):
//   k8s-<N>/k8s-<N>.yaml   one multi-document file of about N lines, alone in its folder so a server
//                          given that folder as workspace indexes only it
//   wrong/wrong-manifest.yaml  deliberate schema errors
//   ws-<M>/team-XX/*.yaml  M small manifest files (the CLI and workspace-indexing inputs)
//
//   node bench/inputs.mjs [--sizes 100,1000,10000] [--files 2000] [--seed 42]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateFile, generateWorkspaceFiles, WRONG_MANIFEST } from './lib/generate.mjs';

export const INPUTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'inputs');

const lineCount = (text) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

/** Writes `text` unless the file already holds exactly it (keeps mtimes, and the page cache, stable). */
function writeIfChanged(file, text) {
  try {
    if (fs.readFileSync(file, 'utf8') === text) return;
  } catch {
    // Missing: write it.
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

export function writeSizedInput(size, seed = 42) {
  // The per-size seed matches the reference generator's, so the files are the ones it measured.
  const { text, documents } = generateFile(size, seed + size);
  const file = path.join(INPUTS, `k8s-${size}`, `k8s-${size}.yaml`);
  writeIfChanged(file, text);
  return { name: `k8s-${size}`, file, lines: lineCount(text), documents, bytes: Buffer.byteLength(text) };
}

export function writeWrongManifest() {
  const file = path.join(INPUTS, 'wrong', 'wrong-manifest.yaml');
  writeIfChanged(file, WRONG_MANIFEST);
  return file;
}

export function writeWorkspace(count, seed = 42) {
  const dir = path.join(INPUTS, `ws-${count}`);
  const expected = new Set();
  let bytes = 0;
  let lines = 0;
  for (const { name, text } of generateWorkspaceFiles(count, seed)) {
    const file = path.join(dir, name);
    expected.add(file);
    writeIfChanged(file, text);
    bytes += Buffer.byteLength(text);
    lines += lineCount(text);
  }
  // A file left over from another generator version would skew the figures: remove it.
  for (const team of fs.readdirSync(dir)) {
    for (const f of fs.readdirSync(path.join(dir, team))) {
      if (!expected.has(path.join(dir, team, f))) fs.rmSync(path.join(dir, team, f));
    }
  }
  return { dir, files: count, bytes, lines };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { sizes: { type: 'string', default: '100,1000,10000' }, files: { type: 'string', default: '2000' }, seed: { type: 'string', default: '42' } } });
  const seed = Number(values.seed);
  for (const s of values.sizes.split(',').map(Number)) {
    const r = writeSizedInput(s, seed);
    console.log(`${r.file}: ${r.lines} lines, ${r.documents} documents, ${r.bytes} bytes`);
  }
  console.log(writeWrongManifest());
  const ws = writeWorkspace(Number(values.files), seed);
  console.log(`${ws.dir}: ${ws.files} files, ${ws.lines} lines, ${ws.bytes} bytes`);
}
