/**
 * Schema migrations. The version lives in `PRAGMA user_version`; each pending migration runs in its own
 * transaction that also bumps the version, so a failure leaves the store at the last good version.
 * A store written by a newer build is refused untouched; an existing store is backed up before its
 * first pending migration.
 */
import type Database from 'better-sqlite3';
import { backupBeforeUpgrade, BackupError } from './backups';
import { StoreOpenError } from './errors';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations';

export function readSchemaVersion(sqlite: Database.Database): number {
  return Number(sqlite.pragma('user_version', { simple: true }));
}

/** The refusal for a store from a newer build (the store is not touched). */
export function newerSchemaError(found: number, known: number = SCHEMA_VERSION): StoreOpenError {
  return new StoreOpenError(
    'newer_schema',
    `This plan store was written by a newer version of Planwright (schema ${found}; this version knows up to ${known}). Update Planwright to open it; your data has not been touched.`,
  );
}

export { backupPathFor, listBackups } from './backups';

/** Migrations must be numbered 1, 2, 3 ... in order, with no gaps (a programming error otherwise). */
export function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(
        `Migration "${m.name}" is number ${m.version} but stands at place ${i + 1}; migrations must be numbered 1, 2, 3 ... in order.`,
      );
  });
}

/** A migration that failed (rolled back): the store stays at the last good version. */
export class MigrationError extends Error {
  constructor(
    readonly migration: Migration,
    detail: string,
    override readonly cause?: unknown,
  ) {
    super(`Migration ${migration.version} (${migration.name}) failed: ${detail}; it was rolled back.`);
    this.name = 'MigrationError';
  }
}

export interface MigrateResult {
  from: number;
  to: number;
  backupPath: string | null;
}

/**
 * Brings the store up to the newest schema. `dbPath` null (in-memory) skips the backup.
 * Throws StoreOpenError('newer_schema') without writing when the store is newer than this build.
 */
export function migrate(
  sqlite: Database.Database,
  dbPath: string | null,
  now: () => Date = () => new Date(),
  migrations: readonly Migration[] = MIGRATIONS,
): MigrateResult {
  checkMigrationList(migrations);
  const known = migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version;
  const from = readSchemaVersion(sqlite);
  if (from > known) throw newerSchemaError(from, known);
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from, backupPath: null };

  let backupPath: string | null = null;
  const hasContent =
    Number(sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").pluck().get()) > 0;
  if (dbPath && hasContent) {
    try {
      backupPath = backupBeforeUpgrade(sqlite, dbPath, from, now());
    } catch (error) {
      const why = error instanceof BackupError ? error.message : String(error);
      throw new StoreOpenError(
        'migration_failed',
        `Planwright could not back up the plan store at ${dbPath} before upgrading it (${why}), so it did not upgrade it. Nothing in it was changed. Free some disk space or check the folder, then try again.`,
      );
    }
  }

  // Foreign keys are off while migrating (SQLite's own procedure for schema changes): rebuilding a table
  // (create new, copy, drop old, rename) would otherwise cascade the DROP into every child row. Each
  // migration must leave the references whole: `foreign_key_check` runs before its commit.
  const foreignKeys = Number(sqlite.pragma('foreign_keys', { simple: true })) === 1;
  if (foreignKeys) sqlite.pragma('foreign_keys = OFF');
  try {
    for (const m of pending) {
      sqlite
        .transaction(() => {
          try {
            m.up(sqlite);
          } catch (error) {
            throw new MigrationError(m, error instanceof Error ? error.message : String(error), error);
          }
          const broken = sqlite.pragma('foreign_key_check') as unknown[];
          if (broken.length > 0) throw new MigrationError(m, `it left ${broken.length} broken reference(s)`);
          sqlite.pragma(`user_version = ${Math.trunc(m.version)}`);
        })
        .immediate();
    }
  } finally {
    if (foreignKeys) sqlite.pragma('foreign_keys = ON');
  }
  return { from, to: readSchemaVersion(sqlite), backupPath };
}
