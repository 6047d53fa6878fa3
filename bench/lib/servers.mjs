// The servers the benchmark drives, each with the settings it gets from the client.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * A copy of the bundle as it is now, so every run of a benchmark measures the same build even when
 * someone rebuilds server/out meanwhile. The source map's paths are rewritten for the new folder, so
 * profiles still map to server/src.
 */
function snapshotBundle() {
  const built = path.join(ROOT, 'server/out/server.js');
  if (!fs.existsSync(built)) throw new Error(`${built} is missing: build first (node esbuild.mjs), or run npm run bench`);
  const dir = path.join(ROOT, 'bench/.scratch/server');
  fs.mkdirSync(dir, { recursive: true });
  const main = path.join(dir, 'server.js');
  fs.copyFileSync(built, main);
  if (fs.existsSync(`${built}.map`)) {
    const map = JSON.parse(fs.readFileSync(`${built}.map`, 'utf8'));
    map.sources = map.sources.map((s) => path.relative(dir, path.resolve(path.dirname(built), s)));
    fs.writeFileSync(`${main}.map`, JSON.stringify(map));
  }
  return main;
}

/** Our bundled server (a snapshot of it); `nodeArgs` lets a run profile it (`--cpu-prof`). */
export function kubeguardServer(nodeArgs = []) {
  const main = snapshotBundle();
  return {
    id: 'kubeguard',
    name: 'KubeGuard',
    version: JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version,
    argv: [process.execPath, ...nodeArgs, main, '--stdio'],
    // The defaults, stated: the strictest level is what a user gets without settings.
    settings: { kubeguard: { podSecurity: { level: 'restricted', version: 'latest' } } },
  };
}

/**
 * yaml-language-server validating against the local Kubernetes schema (`*.yaml` mapped to it), with
 * the schema store and CRD store off: it cannot download anything here, and a download would be
 * measured as well.
 */
export function yamllsServer(schemaFile) {
  const pkgDir = path.join(ROOT, 'node_modules/yaml-language-server');
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  return {
    id: 'yamlls',
    name: 'yaml-language-server',
    version: pkg.version,
    argv: [process.execPath, path.join(pkgDir, 'bin/yaml-language-server'), '--stdio'],
    settings: {
      yaml: {
        validate: true,
        schemaStore: { enable: false },
        kubernetesCRDStore: { enable: false },
        schemas: { [schemaFile]: '*.yaml' },
      },
    },
  };
}

/**
 * The transfer floor (replay-server.mjs): a server that only re-publishes `diagnostics` on every change,
 * bundled here with esbuild, so it writes exactly as our server does.
 */
export function replayServer(diagnostics, name) {
  const dir = path.join(ROOT, 'bench/.scratch/replay');
  fs.mkdirSync(dir, { recursive: true });
  const bundle = path.join(dir, 'replay-server.js');
  esbuild.buildSync({ entryPoints: [path.join(ROOT, 'bench/lib/replay-server.mjs')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: bundle, logLevel: 'warning' });
  const data = path.join(dir, `${name}.json`);
  fs.writeFileSync(data, JSON.stringify(diagnostics));
  return { id: 'transfer', name: 'floor: transfer', version: '', argv: [process.execPath, bundle, '--stdio', '--replay', data], settings: {} };
}
