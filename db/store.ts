/**
 * Opening the plan store: one SQLite file (WAL, foreign keys on, busy timeout) checked and migrated
 * before use, exposed as kysely (for building queries) plus the raw better-sqlite3 handle (for the
 * synchronous transactions and prepared statements the service layer runs).
 */
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import fs from 'node:fs';
import { StoreOpenError } from './errors';
import { listBackups, migrate, newerSchemaError, readSchemaVersion } from './migrate';
import { MIGRATIONS, type Migration } from './migrations';
import type { DB } from './schema';

export interface Store {
  db: Kysely<DB>;
  sqlite: Database.Database;
  path: string;
  schemaVersion: number;
  /** Who acts when no handler context says otherwise (the user name saved in settings). */
  actor(): string;
  setActor(name: string): void;
  /** The clock (injectable for tests). */
  now(): Date;
  /** Backup taken before migrating at this open, if any. */
  backupPath: string | null;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  actor?: string;
  now?: () => Date;
  /** Milliseconds to wait for another writer (default 5000). */
  busyTimeoutMs?: number;
  /**
   * Path to a better_sqlite3.node built for another runtime (Electron in development: `npm start` builds
   * one for Electron's ABI under out/native/ so the Node build used by tests and the CLI stays intact).
   */
  nativeBinding?: string;
  /**
   * The migrations to apply (default: every shipped one). Tests pass the shipped list plus a test-only
   * later migration to prove an upgrade of a store holding real data.
   */
  migrations?: readonly Migration[];
}

/** The newest schema version a list of migrations brings a store to. */
function knownVersion(migrations: readonly Migration[]): number {
  return migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version;
}

const SQLITE_HEADER = 'SQLite format 3\0';

function recoveryMessage(dbPath: string, detail: string): StoreOpenError {
  const newest = listBackups(dbPath)[0] ?? null;
  const recover = newest
    ? `Your newest backup is ${newest}. To recover, close Planwright and copy that backup over ${dbPath}.`
    : 'No backup of it was found next to it; restore the file from your organisation\'s backups.';
  return new StoreOpenError('corrupt', `The plan store at ${dbPath} is damaged (${detail}) and was not opened, so nothing in it was changed. ${recover}`, newest);
}

function classify(error: unknown, dbPath: string): StoreOpenError | null {
  if (error instanceof StoreOpenError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_NOTADB') return new StoreOpenError('not_a_database', `The file at ${dbPath} is not a Planwright plan store (it is not a SQLite database). Nothing was changed.`);
  if (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT')) return recoveryMessage(dbPath, message);
  if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')))
    return new StoreOpenError('locked', `The plan store at ${dbPath} is in use by another program (perhaps another copy of Planwright). Close it and try again.`);
  return null;
}

/** Reads the file header without SQLite, so a non-database is refused before anything opens it. */
function checkHeader(dbPath: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(dbPath, 'r');
    const buf = Buffer.alloc(16);
    const n = fs.readSync(fd, buf, 0, 16, 0);
    if (n === 0) return; // empty file: SQLite treats it as a new database
    if (n < 16 || buf.toString('latin1') !== SQLITE_HEADER)
      throw new StoreOpenError('not_a_database', `The file at ${dbPath} is not a Planwright plan store (it is not a SQLite database). Nothing was changed.`);
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/** Read-only probe of an existing file: version and integrity, before anything writes to it. */
function probe(dbPath: string, busyTimeoutMs: number, known: number, nativeBinding?: string): void {
  const ro = new Database(dbPath, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    const version = readSchemaVersion(ro);
    if (version > known) throw newerSchemaError(version, known);
    const check = ro.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw recoveryMessage(dbPath, `integrity check: ${String(check)}`);
  } finally {
    ro.close();
  }
}

function build(sqlite: Database.Database, dbPath: string, backupPath: string | null, opts: OpenStoreOptions): Store {
  let actor = opts.actor ?? '';
  if (!actor) {
    const saved = sqlite.prepare("SELECT value FROM meta WHERE key = 'user_name'").pluck().get();
    actor = typeof saved === 'string' && saved ? saved : 'Planwright user';
  }
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  const now = opts.now ?? (() => new Date());
  let closed = false;
  return {
    db,
    sqlite,
    path: dbPath,
    schemaVersion: readSchemaVersion(sqlite),
    backupPath,
    actor: () => actor,
    setActor: (name: string) => {
      actor = name;
    },
    now,
    close: async () => {
      if (closed) return;
      closed = true;
      // Kysely's destroy closes the better-sqlite3 handle too.
      await db.destroy();
      if (sqlite.open) sqlite.close();
    },
  };
}

/**
 * Opens (creating if needed) the plan store at `dbPath`, checks it and migrates it.
 * Throws StoreOpenError with a user-facing message: newer_schema (refused untouched), corrupt (names
 * the newest backup), not_a_database, locked.
 */
export function openStore(dbPath: string, opts: OpenStoreOptions = {}): Store {
  const busy = opts.busyTimeoutMs ?? 5000;
  const migrations = opts.migrations ?? MIGRATIONS;
  let sqlite: Database.Database | null = null;
  try {
    if (fs.existsSync(dbPath) && fs.statSync(dbPath).size > 0) {
      checkHeader(dbPath);
      probe(dbPath, busy, knownVersion(migrations), opts.nativeBinding);
    }
    sqlite = new Database(dbPath, { timeout: busy, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
    sqlite.pragma(`busy_timeout = ${Math.trunc(busy)}`);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    // A 32 MB page cache keeps a large plan's pages in memory between tree reads.
    sqlite.pragma('cache_size = -32768');
    const result = migrate(sqlite, dbPath, opts.now, migrations);
    return build(sqlite, dbPath, result.backupPath, opts);
  } catch (error) {
    if (sqlite?.open) sqlite.close();
    throw classify(error, dbPath) ?? error;
  }
}

/** A fresh in-memory store (tests, previews). */
export function openMemoryStore(opts: OpenStoreOptions = {}): Store {
  const sqlite = new Database(':memory:');
  sqlite.pragma('foreign_keys = ON');
  migrate(sqlite, null, opts.now);
  return build(sqlite, ':memory:', null, opts);
}
