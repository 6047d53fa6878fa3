/**
 * What the .vsix holds, as `vsce ls --no-dependencies` lists it from .vscodeignore: exactly the files
 * of expectedFiles.ts. A new file in the package (a source map, a fixture, node_modules) fails here, and so does a
 * path package.json points at that the allowlist leaves out (VS Code would load the extension without
 * its icon, snippets or grammar, and say nothing). test:package builds and installs the real .vsix.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EXPECTED_FILES } from './expectedFiles';

const ROOT = path.resolve(__dirname, '../../../..');

interface Manifest {
  main: string;
  icon: string;
  contributes: {
    snippets?: { path: string }[];
    grammars?: { path: string }[];
    viewsContainers?: Record<string, { icon: string }[]>;
  };
}

/** Every file package.json makes VS Code load, relative to the extension root. */
function referencedFiles(pkg: Manifest): string[] {
  const c = pkg.contributes;
  return [
    pkg.main,
    pkg.icon,
    // The language client starts the server from here (client/src/languageClient.ts).
    'server/out/server.js',
    ...(c.snippets ?? []).map((s) => s.path),
    ...(c.grammars ?? []).map((g) => g.path),
    ...Object.values(c.viewsContainers ?? {}).flatMap((list) => list.map((v) => v.icon)),
  ].map((p) => path.posix.normalize(p));
}

describe('packaging: the .vsix file list', function () {
  // vsce reads the tree and package.json; about two seconds.
  this.timeout(60_000);
  let listed: string[];

  before(() => {
    const vsce = path.join(ROOT, 'node_modules/@vscode/vsce/vsce');
    const r = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8', timeout: 55_000 });
    assert.equal(r.status, 0, `vsce ls failed (${r.status ?? r.signal}):\n${r.stderr}`);
    listed = r.stdout
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .sort();
  });

  it('is exactly the allowlist: bundles, manifest, docs, icons, snippets, grammar', () => {
    assert.deepEqual(listed, [...EXPECTED_FILES].sort());
  });

  it('holds every file package.json references', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
    const missing = referencedFiles(pkg).filter((p) => !listed.includes(p));
    assert.deepEqual(missing, [], 'package.json references files the .vsix leaves out');
  });
});
