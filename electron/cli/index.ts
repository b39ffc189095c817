/**
 * The `planwright` command line (bin/planwright.mjs runs its bundle, built by scripts/build-cli.mjs). It opens the same plan
 * store as the app (or --db PATH) and goes through the same dispatcher, so validation is shared.
 */
import { Command, CommanderError } from 'commander';
import { SCHEMA_VERSION } from '../../db/migrations';
import type { Host } from '../host';
import './commands/index';
import { CliError, createCliDeps } from './context';
import { registerCommands } from './registry';
import { packageVersion } from './version';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** "planwright 0.1.0 (plan store schema 1)". */
export function versionLine(): string {
  return `planwright ${packageVersion()} (plan store schema ${SCHEMA_VERSION})`;
}

const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

export function buildProgram(io: CliIo, options: { defaultDbPath?: string; host?: Host } = {}) {
  const deps = createCliDeps(io, options);
  const program = new Command('planwright')
    .description(
      'Planwright: council improvement plans from the command line. Uses the same plan store as the app unless --db is given.',
    )
    .version(versionLine(), '-V, --version', 'print the Planwright version and plan store schema version')
    .showHelpAfterError('(run planwright --help to see the commands)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.replace(/\n$/, '')), writeErr: (s) => io.err(s.replace(/\n$/, '')) });
  registerCommands(program, deps);
  for (const command of program.commands) command.exitOverride();
  return { program, deps };
}

/** Runs the command line; answers the exit code (0 success, 1 failure, 2 bad usage). */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const { program, deps } = buildProgram(io);
  try {
    if (argv.length <= 2) {
      program.outputHelp();
      return 0;
    }
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit "successfully"; commander already printed usage errors.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof CliError) {
      io.err(`planwright: ${error.message}`);
      return error.exitCode;
    }
    // Never a stack trace for the user; PLANWRIGHT_DEBUG=1 shows it to a developer.
    const detail =
      error instanceof Error
        ? process.env.PLANWRIGHT_DEBUG
          ? (error.stack ?? error.message)
          : error.message
        : String(error);
    io.err(
      `planwright: something went wrong: ${detail}. Nothing was changed. (Set PLANWRIGHT_DEBUG=1 to see the details.)`,
    );
    return 1;
  } finally {
    await deps.closeAll();
  }
}
