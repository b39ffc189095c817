/** Shared by the sync commands (pack, update, conflicts, resolve, sync): plan lookup and clear errors. */
import type { Store } from '../../../db';
import { DomainError } from '../../../shared/result';
import { CliError, type CliApp } from '../context';

/** The sync layer's own refusals (by name: the modules are loaded only when a command runs). */
const CLEAR_ERRORS = new Set(['PackError', 'KeyUnavailableError']);
import { resolvePlan } from '../resolve';

/** Runs `fn`, turning the sync layer's refusals into a CliError with their plain-English message. */
export async function friendly<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof DomainError || (error instanceof Error && CLEAR_ERRORS.has(error.name)))
      throw new CliError(error.message);
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'EACCES' || code === 'EPERM')
      throw new CliError(
        `Planwright is not allowed to write there (${(error as Error).message.replace(/^[A-Z]+: /, '')}).`,
      );
    if (code === 'ENOSPC') throw new CliError('The disk is full; nothing was written.');
    throw error;
  }
}

/** The plan a sync command names (id, id prefix or part of the title), trash included. */
export async function findPlan(app: CliApp, query: string): Promise<{ id: string; title: string }> {
  return resolvePlan(await app.call('plans:list', { includeArchived: true }), query);
}

export type { Store };
