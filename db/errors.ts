import { DomainError } from '../shared/result';

/** Why a plan store could not be opened. Each carries a message fit to show the user. */
export type StoreOpenErrorCode =
  'newer_schema' | 'corrupt' | 'not_a_database' | 'locked' | 'unreadable' | 'disk_full' | 'migration_failed';

export class StoreOpenError extends Error {
  constructor(
    readonly code: StoreOpenErrorCode,
    message: string,
    /** The newest backup next to the store, when one exists (for recovery). */
    readonly backupPath: string | null = null,
  ) {
    super(message);
    this.name = 'StoreOpenError';
  }
}

/**
 * Plain words for a failure the disk or another program caused while the store was in use (never
 * `internal`): another Planwright holding the write lock past the busy timeout, a full disk, a disk
 * error, a read-only file, damage found while reading. Answers null for anything else.
 */
export function operationalError(error: unknown): DomainError | null {
  if (error instanceof DomainError) return null;
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return new DomainError(
      'unavailable',
      'The plan store is in use by another Planwright window or the planwright command line, and it stayed busy, so this was not saved. Close the other one or try again in a moment. Nothing was changed.',
    );
  if (code === 'SQLITE_FULL' || code === 'ENOSPC')
    return new DomainError(
      'unavailable',
      'The disk is full, so this was not saved. Free some space and try again. Nothing was changed.',
    );
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS')
    return new DomainError(
      'unavailable',
      'The plan store cannot be written to (the file or its folder is read-only), so this was not saved. Nothing was changed.',
    );
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO')
    return new DomainError(
      'unavailable',
      'The disk could not be read or written, so this was not done. Check the drive (or the network connection) and try again. Nothing was changed.',
    );
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
    return new DomainError(
      'unavailable',
      'The plan store is damaged, so this could not be done. Use Help › Restore a backup, or repair the store. Nothing was changed.',
    );
  return null;
}
