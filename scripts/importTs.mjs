// Lets a node-side script use a TypeScript module of the project (e.g. the engine, to know what the UI
// must show): esbuild bundles it with its dependencies into a temporary CommonJS file that is required.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';

export async function importTs(file) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubeguard-ts-'));
  const outfile = path.join(dir, `${path.basename(file, '.ts')}.cjs`);
  try {
    await esbuild.build({ entryPoints: [file], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, logLevel: 'warning' });
    return createRequire(import.meta.url)(outfile);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
