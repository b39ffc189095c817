/**
 * Schema migrations. The version lives in `PRAGMA user_version`; each pending migration runs in its own
 * transaction that also bumps the version, so a failure leaves the store at the last good version.
 * A store written by a newer build is refused untouched; an existing store is backed up before its
 * first pending migration.
 */
import type Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
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

/** `<file>.backup-v<old>-<timestamp>.sqlite` next to the store. */
export function backupPathFor(dbPath: string, oldVersion: number, at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${dbPath}.backup-v${oldVersion}-${stamp}.sqlite`;
}

/** Backups of `dbPath`, newest first (by the timestamp in their name). */
export function listBackups(dbPath: string): string[] {
  const dir = path.dirname(dbPath);
  const prefix = `${path.basename(dbPath)}.backup-v`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const stampOf = (n: string) => /-(\d{8}T\d{6}Z)(?:-\d+)?\.sqlite$/.exec(n)?.[1] ?? '';
  return names
    .filter((n) => n.startsWith(prefix) && n.endsWith('.sqlite'))
    .sort((a, b) => stampOf(b).localeCompare(stampOf(a)) || b.localeCompare(a))
    .map((n) => path.join(dir, n));
}

/** Copies the open database to a backup file (VACUUM INTO: a consistent, compact copy). */
export function backupDatabase(sqlite: Database.Database, dest: string): string {
  let target = dest;
  for (let i = 1; fs.existsSync(target); i++) target = dest.replace(/\.sqlite$/, `-${i}.sqlite`);
  sqlite.prepare('VACUUM INTO ?').run(target);
  return target;
}

/** Migrations must be numbered 1, 2, 3 ... in order, with no gaps (a programming error otherwise). */
export function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration "${m.name}" is number ${m.version} but stands at place ${i + 1}; migrations must be numbered 1, 2, 3 ... in order.`);
  });
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
  const hasContent = Number(sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").pluck().get()) > 0;
  if (dbPath && hasContent) backupPath = backupDatabase(sqlite, backupPathFor(dbPath, from, now()));

  // Foreign keys are off while migrating (SQLite's own procedure for schema changes): rebuilding a table
  // (create new, copy, drop old, rename) would otherwise cascade the DROP into every child row. Each
  // migration must leave the references whole: `foreign_key_check` runs before its commit.
  const foreignKeys = Number(sqlite.pragma('foreign_keys', { simple: true })) === 1;
  if (foreignKeys) sqlite.pragma('foreign_keys = OFF');
  try {
    for (const m of pending) {
      sqlite.transaction(() => {
        m.up(sqlite);
        const broken = sqlite.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) throw new Error(`Migration ${m.version} (${m.name}) left ${broken.length} broken reference(s); it was rolled back.`);
        sqlite.pragma(`user_version = ${Math.trunc(m.version)}`);
      }).immediate();
    }
  } finally {
    if (foreignKeys) sqlite.pragma('foreign_keys = ON');
  }
  return { from, to: readSchemaVersion(sqlite), backupPath };
}
