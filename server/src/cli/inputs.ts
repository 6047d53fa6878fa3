/** The files a `lint` run reads: paths as given, directories searched for YAML, `-` for stdin. */
import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { isConfigFileName } from '../config/configFile';
import { UsageError } from './args';

export interface Input {
  /** As shown in output: the path as given or found under a given directory; `<stdin>` for `-`. */
  readonly path: string;
  readonly text: string;
}

export const STDIN_PATH = '<stdin>';

/** Folders that never hold a project's manifests: dependencies, VCS data, build output. */
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

const YAML_FILE = /\.ya?ml$/i;

/** Reads every input; an argument that does not exist or cannot be read is a usage error. */
export function readInputs(args: readonly string[], readStdin: () => string): Input[] {
  const inputs: Input[] = [];
  const seen = new Set<string>();
  let stdinRead = false;
  for (const arg of args) {
    if (arg === '-') {
      if (stdinRead) continue;
      stdinRead = true;
      inputs.push({ path: STDIN_PATH, text: readStdin() });
      continue;
    }
    const files = statOrThrow(arg).isDirectory() ? yamlFilesUnder(arg) : [arg];
    for (const file of files) {
      const key = path.resolve(file);
      if (seen.has(key)) continue;
      seen.add(key);
      inputs.push({ path: file, text: readText(file) });
    }
  }
  return inputs;
}

function statOrThrow(p: string): Stats {
  try {
    return statSync(p);
  } catch {
    throw new UsageError(`no such file or directory: ${p}`);
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** YAML files under a directory, depth-first in name order so output is stable; hidden folders are skipped. */
function yamlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) out.push(...yamlFilesUnder(p));
    } else if (e.isFile() && YAML_FILE.test(e.name) && !isConfigFileName(e.name)) {
      // .kubeguard.yaml configures the run (see configLookup.ts); it is not a manifest.
      out.push(p);
    }
  }
  return out;
}
