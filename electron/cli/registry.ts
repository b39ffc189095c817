/**
 * The list of commands. Each file in ./commands calls `defineCommand` when imported; to add a command,
 * add a file there and one import line to ./commands/index.ts.
 */
import type { Command } from 'commander';
import type { CliDeps } from './context';

export type CommandDefinition = (program: Command, deps: CliDeps) => void;

const definitions: CommandDefinition[] = [];

export function defineCommand(definition: CommandDefinition): void {
  definitions.push(definition);
}

/** Adds every defined command to the program, each with the shared --db option. */
export function registerCommands(program: Command, deps: CliDeps): void {
  for (const define of definitions) define(program, deps);
  for (const command of program.commands) {
    if (!command.options.some((o) => o.long === '--db')) {
      command.option('--db <path>', `the plan store (default: ${deps.defaultDbPath})`);
    }
  }
}
