/** Finds the YAML files of a folder tree, skipping what never holds manifests (dependencies, VCS, build output). */
import { promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.vscode-host', '.vscode-test', 'out', 'dist', '.terraform']);

export interface ScanOptions {
  /** Files larger than this are left out of the index (they are still analysed when opened). */
  readonly maxFileBytes: number;
  readonly maxFiles: number;
  readonly isCancelled?: () => boolean;
}

export const DEFAULT_SCAN: ScanOptions = { maxFileBytes: 2 * 1024 * 1024, maxFiles: 20000 };

export function isYamlPath(p: string): boolean {
  return /\.ya?ml$/i.test(p);
}

/** Paths of YAML files under `root`, breadth-first, never following symlinks out of the tree. */
export async function scanFolder(root: string, options: ScanOptions = DEFAULT_SCAN): Promise<string[]> {
  const out: string[] = [];
  const queue = [root];
  while (queue.length > 0 && out.length < options.maxFiles && !options.isCancelled?.()) {
    const dir = queue.shift()!;
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      continue; // Unreadable folders are simply not indexed.
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) queue.push(p);
      } else if (e.isFile() && isYamlPath(e.name)) {
        out.push(p);
        if (out.length >= options.maxFiles) break;
      }
    }
  }
  return out;
}

/** Reads a file for the index, or undefined when it is too large, unreadable or not text. */
export async function readManifestFile(file: string, maxBytes: number): Promise<string | undefined> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile() || stat.size > maxBytes) return undefined;
    const buf = await fs.readFile(file);
    if (buf.includes(0)) return undefined; // Binary content.
    return buf.toString('utf8');
  } catch {
    return undefined;
  }
}
