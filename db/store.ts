/**
 * Opening the plan store: one SQLite file (WAL, foreign keys on, busy timeout) checked and migrated
 * before use, exposed as kysely (for building queries) plus the raw better-sqlite3 handle (for the
 * synchronous transactions and prepared statements the service layer runs).
 */
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import fs from 'node:fs';
import path from 'node:path';
import { StoreOpenError } from './errors';
import { newestGoodBackup } from './backups';
import { recordCleanClose } from './integrity';
import { migrate, MigrationError, newerSchemaError, readSchemaVersion } from './migrate';
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
  /** The better-sqlite3 binding the store was opened with (for helper connections and workers). */
  nativeBinding?: string | undefined;
  /**
   * Closes the handle, runs `replace` (which may rewrite the file: restoring a backup) and opens it again,
   * migrating it if it is older. Services keep using the same Store object.
   */
  replaceFile(replace: () => void): void;
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
  /**
   * Run `PRAGMA quick_check` on an existing file before opening it (default true). It reads the whole file
   * (a large store: most of a command's start-up), so a command that only reads (the command line's export,
   * list, dump, summary) passes false: the header and the schema version are still checked, a store that
   * needs migrating is still checked first, and a damaged page the reads meet is reported in plain words
   * (`operationalError`, db/errors.ts). The app always checks, then runs the full integrity check in the
   * background (db/integrity.ts).
   */
  quickCheck?: boolean;
}

/** The newest schema version a list of migrations brings a store to. */
function knownVersion(migrations: readonly Migration[]): number {
  return migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version;
}

const SQLITE_HEADER = 'SQLite format 3\0';

function recoveryMessage(dbPath: string, detail: string): StoreOpenError {
  // Only a backup that passes an integrity check is ever named (a short or damaged one never is).
  const newest = newestGoodBackup(dbPath);
  const recover = newest
    ? `Your newest backup is ${newest}. To recover, close Planwright and copy that backup over ${dbPath}.`
    : "No usable backup of it was found next to it; restore the file from your organisation's backups.";
  return new StoreOpenError(
    'corrupt',
    `The plan store at ${dbPath} is damaged (${detail}) and was not opened, so nothing in it was changed. ${recover}`,
    newest,
  );
}

const notADatabase = (dbPath: string): StoreOpenError =>
  new StoreOpenError(
    'not_a_database',
    `The file at ${dbPath} is not a Planwright plan store (it is not a SQLite database). Nothing was changed.`,
  );

/** The refusal for a store another program holds (after waiting the busy timeout). */
export function lockedMessage(dbPath: string): string {
  return `The plan store at ${dbPath} is in use by another program (perhaps another Planwright window or the planwright command line) and did not become free. Close it and try again.`;
}

function classify(error: unknown, dbPath: string): StoreOpenError | null {
  if (error instanceof StoreOpenError) return error;
  if (error instanceof MigrationError)
    return new StoreOpenError(
      'migration_failed',
      `Planwright could not upgrade the plan store at ${dbPath} to this version (${error.message}). The store was left as it was; nothing in it was changed. Please report this problem; meanwhile an older version of Planwright can still open it.`,
    );
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_NOTADB') return notADatabase(dbPath);
  if (code.startsWith('SQLITE_CORRUPT')) return recoveryMessage(dbPath, message);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return new StoreOpenError('locked', lockedMessage(dbPath));
  if (code === 'SQLITE_FULL' || code === 'ENOSPC')
    return new StoreOpenError(
      'disk_full',
      `The disk holding the plan store at ${dbPath} is full, so Planwright could not open it. Free some space and try again; nothing in it was changed.`,
    );
  if (
    code.startsWith('SQLITE_CANTOPEN') ||
    code === 'EACCES' ||
    code === 'EPERM' ||
    code === 'ENOENT' ||
    code === 'ENOTDIR'
  )
    return new StoreOpenError(
      'unreadable',
      `Planwright could not open the plan store at ${dbPath}: the folder does not exist or Planwright is not allowed to read and write there. Check the path and its permissions.`,
    );
  if (code.startsWith('SQLITE_READONLY'))
    return new StoreOpenError(
      'unreadable',
      `The plan store at ${dbPath} is read-only (the file or its folder cannot be written to), so Planwright could not open it. Check its permissions.`,
    );
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO')
    return new StoreOpenError(
      'unreadable',
      `The disk could not read or write the plan store at ${dbPath}. Check the drive (or the network connection, for a network folder) and try again.`,
    );
  return null;
}

interface Header {
  userVersion: number;
  wal: boolean;
}

/**
 * Checks the path is an ordinary file and reads its header without SQLite, so a folder, a device, a pipe
 * or a non-database is refused before anything opens it. Answers null for a missing or empty file.
 */
function checkFile(dbPath: string): Header | null {
  let st: fs.Stats;
  try {
    st = fs.statSync(dbPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    if (dbPath !== ':memory:' && !fs.existsSync(path.dirname(dbPath)))
      throw new StoreOpenError(
        'unreadable',
        `Planwright could not create a plan store at ${dbPath}: the folder does not exist or Planwright is not allowed to read and write there. Check the path and its permissions.`,
      );
    return null;
  }
  if (st.isDirectory())
    throw new StoreOpenError(
      'unreadable',
      `${dbPath} is a folder, not a Planwright plan store. Choose the plan store file itself.`,
    );
  if (!st.isFile())
    throw new StoreOpenError(
      'unreadable',
      `${dbPath} is not an ordinary file (it is a device, a pipe or another special file), so it cannot be a Planwright plan store. Nothing was changed.`,
    );
  if (st.size === 0) return null; // empty file: SQLite treats it as a new database
  let fd: number | null = null;
  try {
    fd = fs.openSync(dbPath, 'r');
    const buf = Buffer.alloc(100);
    const n = fs.readSync(fd, buf, 0, 100, 0);
    if (n < 100 || buf.toString('latin1', 0, 16) !== SQLITE_HEADER) throw notADatabase(dbPath);
    return { userVersion: buf.readUInt32BE(60), wal: buf[18] === 2 || buf[19] === 2 };
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

const fileSize = (file: string): number => {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
};

/**
 * Read-only probe of an existing file: version and integrity, before anything writes to it. Without
 * `quickCheck`, a store whose header says it is at the current version, with no write-ahead log to fold
 * in, is not opened here at all.
 */
function probe(
  dbPath: string,
  header: Header,
  busyTimeoutMs: number,
  known: number,
  nativeBinding?: string,
  quickCheck = true,
): void {
  // The schema version is in the header (offset 60): a newer store is refused without opening it in SQLite,
  // so no -wal or -shm file appears beside it. Only when a write-ahead log holds changes not yet copied
  // into the file can the header be out of date; then SQLite reads it, read-only.
  const walPending = header.wal && fileSize(`${dbPath}-wal`) > 0;
  if (header.userVersion > known && !walPending) throw newerSchemaError(header.userVersion, known);
  if (!quickCheck && header.userVersion === known && !walPending) return;
  const ro = new Database(dbPath, {
    readonly: true,
    fileMustExist: true,
    timeout: busyTimeoutMs,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  try {
    const version = readSchemaVersion(ro);
    if (version > known) throw newerSchemaError(version, known);
    const check = ro.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw recoveryMessage(dbPath, `integrity check: ${String(check)}`);
  } finally {
    ro.close();
  }
}

/** Opens the read-write handle with the store's pragmas. */
function openHandle(dbPath: string, busy: number, nativeBinding?: string): Database.Database {
  const sqlite = new Database(dbPath, { timeout: busy, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    sqlite.pragma(`busy_timeout = ${Math.trunc(busy)}`);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    // A 32 MB page cache keeps a large plan's pages in memory between tree reads.
    sqlite.pragma('cache_size = -32768');
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return sqlite;
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
  const store: Store = {
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
      const handle = store.sqlite;
      await store.db.destroy();
      if (handle.open) handle.close();
      recordCleanClose(store);
    },
    nativeBinding: opts.nativeBinding,
    replaceFile: (replace) => {
      if (closed) throw new Error('The plan store is closed.');
      const busy = opts.busyTimeoutMs ?? 5000;
      const old = store.sqlite;
      // Fold the write-ahead log into the file, then let go of it before the file is replaced.
      old.pragma('wal_checkpoint(TRUNCATE)');
      old.close();
      try {
        replace();
      } finally {
        const next = openHandle(dbPath, busy, opts.nativeBinding);
        const result = migrate(next, dbPath, opts.now, opts.migrations ?? MIGRATIONS);
        store.sqlite = next;
        store.db = new Kysely<DB>({ dialect: new SqliteDialect({ database: next }) });
        store.schemaVersion = result.to;
      }
    },
  };
  return store;
}

/**
 * Opens (creating if needed) the plan store at `dbPath`, checks it and migrates it.
 * Throws StoreOpenError with a user-facing message: newer_schema (refused untouched), corrupt (names
 * the newest verified backup), not_a_database, locked, unreadable (a folder, a device, no permission),
 * disk_full, migration_failed.
 */
export function openStore(dbPath: string, opts: OpenStoreOptions = {}): Store {
  const busy = opts.busyTimeoutMs ?? 5000;
  const migrations = opts.migrations ?? MIGRATIONS;
  let sqlite: Database.Database | null = null;
  try {
    const header = checkFile(dbPath);
    if (header) probe(dbPath, header, busy, knownVersion(migrations), opts.nativeBinding, opts.quickCheck);
    sqlite = openHandle(dbPath, busy, opts.nativeBinding);
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
