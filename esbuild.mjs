// Bundles the extension client, the language server, the CLI and the test suites. tsc only type-checks.
import * as esbuild from 'esbuild';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

// `yaml` resolves to its CommonJS build under Node, and esbuild's interop then routes every named import
// (isScalar, isMap, … called millions of times by the rules) through a getter, while the CJS parser
// reads process.env on every token. Its ESM build is the same code without either: parsing is about
// 20% faster and rule evaluation about twice as fast (docs/performance.md). Only bundles that inline
// `yaml` get the alias; the test bundles load it from node_modules.
const yamlEsm = { yaml: './node_modules/yaml/browser/index.js' };

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

function testEntries(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...testEntries(p));
    else if (/\.(test|index|runner)\.ts$/.test(name) || name === 'index.ts') out.push(p);
  }
  return out;
}

const builds = [
  {
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'client/out/extension.js',
    external: ['vscode'],
    // node-fetch (via @kubernetes/client-node) falls back to whatwg-url only where Node has no URL; the
    // shim keeps ~280 KB of it out of the bundle (see the file).
    alias: { 'whatwg-url': './client/src/cluster/whatwgUrlShim.ts' },
  },
  { ...common, alias: yamlEsm, entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js' },
  { ...common, alias: yamlEsm, entryPoints: ['server/src/cli/main.ts'], outfile: 'server/out/cli.js' },
  // `npm run docs`: the rule documentation generator (a dev tool; not shipped in the extension).
  { ...common, alias: yamlEsm, entryPoints: ['server/src/tools/generateDocs.ts'], outfile: 'out/tools/generateDocs.js' },
  {
    ...common,
    sourcemap: 'inline',
    minify: false,
    entryPoints: testEntries('test').filter((p) => !p.includes(`${path.sep}fixtures${path.sep}`)),
    outdir: 'out/test',
    outbase: 'test',
    // Test bundles load mocha, vscode and playwright from node_modules at run time.
    packages: 'external',
    external: ['vscode'],
  },
];

// `--production` (`npm run package`, via vscode:prepublish) builds only what ships: the .vsix holds
// client/out and server/out (see .vscodeignore); the docs tool and the test bundles stay as they are.
const selected = production ? builds.filter((b) => /^(client|server)\/out\//.test(b.outfile ?? '')) : builds;

if (watch) {
  for (const b of selected) await (await esbuild.context(b)).watch();
  console.log('esbuild: watching');
} else {
  await Promise.all(selected.map((b) => esbuild.build(b)));
}
