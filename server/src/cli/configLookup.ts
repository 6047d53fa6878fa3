/**
 * The configuration file of a `lint` run: `--config <file>`, else the nearest `.kubeguard.yaml` (or
 * `.kubeguard.yml`) in the working directory or one of its parents, as the repository root usually
 * holds it. Problems are printed like findings (`path:line:col: severity message`).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE_NAMES, parseConfig, type ParsedConfig } from '../config/configFile';
import { LineIndex } from '../document/span';
import { UsageError } from './args';

export interface LoadedConfig {
  /** As given, or found (absolute). */
  readonly path: string;
  /** The directory `exclude` patterns are relative to. */
  readonly dir: string;
  readonly parsed: ParsedConfig;
}

export function findConfigFile(startDir: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The run's configuration; a `--config` file that cannot be read is a usage error. */
export function loadConfig(explicit: string | undefined, cwd: string): LoadedConfig | undefined {
  const file = explicit ?? findConfigFile(cwd);
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read configuration ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { path: file, dir: path.dirname(path.resolve(cwd, file)), parsed: parseConfig(text) };
}

/** One line per problem, as `path:line:col: severity message`. */
export function configProblemLines(config: LoadedConfig): string[] {
  const lines = new LineIndex(config.parsed.text);
  return config.parsed.problems.map((p) => {
    const at = lines.rangeOf(p.span).start;
    return `${config.path}:${at.line + 1}:${at.character + 1}: ${p.severity} ${p.message}`;
  });
}
