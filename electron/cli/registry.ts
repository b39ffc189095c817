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

/**
 * Adds every defined command to the program, each with the shared --db option. --db may also come
 * before the command (`planwright --db PATH list`): the program takes it and hands it to the command
 * being run, unless that command was given its own.
 */
export function registerCommands(program: Command, deps: CliDeps): void {
  for (const define of definitions) define(program, deps);
  const dbHelp = `the plan store (default: ${deps.defaultDbPath})`;
  for (const command of program.commands) {
    if (!command.options.some((o) => o.long === '--db')) command.option('--db <path>', dbHelp);
  }
  if (!program.options.some((o) => o.long === '--db')) program.option('--db <path>', dbHelp);
  program.hook('preAction', (root, actionCommand) => {
    const db: unknown = root.opts().db;
    if (typeof db === 'string' && actionCommand !== root && actionCommand.getOptionValue('db') === undefined)
      actionCommand.setOptionValue('db', db);
  });
}
