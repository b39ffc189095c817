/** The shape of one schema migration. */
import type Database from 'better-sqlite3';

export interface Migration {
  /** The schema version this migration brings the store to (1, 2, 3 ... with no gaps). */
  version: number;
  name: string;
  /** Runs inside a transaction opened by the migrator; throw to roll it back. */
  up: (sqlite: Database.Database) => void;
}
