/** What the user sees when the plan store cannot be opened at start-up (shown in a native dialog). */
import type { StoreOpenErrorCode } from '../../db/errors';

export interface StoreErrorLike {
  code: StoreOpenErrorCode;
  message: string;
  backupPath: string | null;
}

export interface StartupDialog {
  title: string;
  message: string;
  detail: string;
  buttons: string[];
}

const TITLES: Record<StoreOpenErrorCode, string> = {
  newer_schema: 'Planwright needs updating',
  corrupt: 'Your plan store is damaged',
  not_a_database: 'This file is not a Planwright plan store',
  locked: 'Your plan store is in use',
  unreadable: 'Your plan store could not be read',
  disk_full: 'The disk is full',
  migration_failed: 'Your plan store could not be upgraded',
};

/** Buttons: 0 = Quit, 1 = Show the file (and its backups) in the file manager. */
export function storeErrorDialog(error: StoreErrorLike, dbPath: string): StartupDialog {
  const lines = [error.message];
  if (error.backupPath) lines.push(`The newest backup is ${error.backupPath}.`);
  lines.push(`Plan store: ${dbPath}`);
  return {
    title: TITLES[error.code],
    message: TITLES[error.code],
    detail: lines.join('\n\n'),
    buttons: ['Quit', 'Show in folder'],
  };
}
