/** Why a plan store could not be opened. Each carries a message fit to show the user. */
export type StoreOpenErrorCode = 'newer_schema' | 'corrupt' | 'not_a_database' | 'locked';

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
