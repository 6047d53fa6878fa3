// A throwaway copy of examples/: tests edit and save files there, so the repository stays clean.
import { cpSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root } from './harness.mjs';

/** Copies examples/ to `<tmp>/examples` (the folder name is what the Explorer shows). */
export function copyExamples() {
  // realpath: the extension host reports real paths, and URIs must compare equal in the tests.
  const parent = realpathSync(mkdtempSync(path.join(tmpdir(), 'kubeguard-host-ws-')));
  const folder = path.join(parent, 'examples');
  cpSync(path.join(root, 'examples'), folder, { recursive: true });
  return { folder, dispose: () => rmSync(parent, { recursive: true, force: true }) };
}
