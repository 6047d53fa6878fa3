/**
 * `kubeguard` command line: `lint` and `rules` on the same engine as the language server. Exit codes:
 * 0 nothing found at or above --min-severity, 1 findings or YAML errors, 2 usage error, configuration
 * error or unreadable input (message on stderr).
 */
import { readFileSync } from 'node:fs';
import { mergeLayers, type OriginLayer } from '../config/settingsLayer';
import { parseArgs, USAGE, UsageError, type Command } from './args';
import { configProblemLines, loadConfig } from './configLookup';
import { lintJsonChunks, rulesJson } from './formatJson';
import { lintSarif } from './formatSarif';
import { lintSummary, lintText, rulesText } from './formatText';
import { readInputs } from './inputs';
import { exitCodeOf, lint } from './lint';
import { filterBySeverity } from './minSeverity';

const VERSION = process.env.KUBEGUARD_VERSION ?? '0.1.0';

export interface Io {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly readStdin: () => string;
  /** The working directory (where the default .kubeguard.yaml lookup starts); process.cwd() by default. */
  readonly cwd?: string;
}

/** Runs one command line and returns the exit code; all output goes through `io`. */
export function run(argv: readonly string[], io: Io): number {
  let command: Command;
  try {
    command = parseArgs(argv);
  } catch (e) {
    return usageError(e, io);
  }
  switch (command.name) {
    case 'help':
      io.stdout(`${USAGE}\n`);
      return 0;
    case 'version':
      io.stdout(`${VERSION}\n`);
      return 0;
    case 'rules':
      io.stdout(command.format === 'json' ? rulesJson() : rulesText());
      return 0;
    case 'lint': {
      let inputs;
      let config;
      try {
        config = loadConfig(command.config, io.cwd ?? process.cwd());
        inputs = readInputs(command.paths, io.readStdin);
      } catch (e) {
        return usageError(e, io);
      }
      const problems = config ? configProblemLines(config) : [];
      for (const line of problems) io.stderr(`${line}\n`);
      // A configuration with errors would not run the checks the team configured: stop, as for bad flags.
      if (config?.parsed.problems.some((p) => p.severity === 'error')) return 2;
      // Flags play the part of settings and override .kubeguard.yaml: a Namespace's enforce labels still
      // win for its workloads, as admission would apply them (see docs/pod-security.md).
      const layers: OriginLayer[] = [];
      if (config) layers.push({ layer: config.parsed.layer, origin: 'file' });
      const flags = { ...(command.level !== undefined ? { level: command.level } : {}), ...(command.pssVersion !== undefined ? { version: command.pssVersion } : {}) };
      layers.push({ layer: { podSecurity: flags }, origin: 'cli' });
      const { report, omitted } = filterBySeverity(lint(inputs, mergeLayers(layers), config?.dir), command.minSeverity);
      if (command.format === 'json') for (const chunk of lintJsonChunks(report)) io.stdout(chunk);
      else if (command.format === 'sarif') io.stdout(lintSarif(report, { cwd: io.cwd ?? process.cwd(), version: VERSION }));
      else {
        io.stdout(lintText(report));
        io.stderr(`${lintSummary(report, omitted > 0 ? { omitted, minSeverity: command.minSeverity } : undefined)}\n`);
      }
      return exitCodeOf(report);
    }
  }
}

function usageError(e: unknown, io: Io): number {
  if (!(e instanceof UsageError)) throw e;
  io.stderr(`kubeguard: ${e.message}\n\n${USAGE}\n`);
  return 2;
}

/** The process entry: real stdin/stdout/stderr and exit code. Used by bin/kubeguard.js. */
export function main(): void {
  // `kubeguard lint - | head` closes the pipe early: that is the reader's choice, not a crash.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
  process.exitCode = run(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readStdin: () => readFileSync(0, 'utf8'),
  });
}

// `node server/out/cli.js …` works too.
if (require.main === module) main();
