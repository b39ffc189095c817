/**
 * Backups of the plan store, all beside it in the same folder:
 * - pre-upgrade: `<file>.backup-v<old>-<stamp>.sqlite`, written before the first pending migration; the
 *   last KEEP_UPGRADE per schema version are kept;
 * - daily: `<file>.backup-daily-<stamp>.sqlite`, written by `backupIfDue` at most once a (UTC) day; the
 *   last KEEP_DAILY are kept;
 * - before a restore: `<file>.backup-restore-<stamp>.sqlite` (the file a restore replaced; the last
 *   KEEP_DAILY are kept).
 * Every backup is written to a temporary name, verified (integrity_check, and each table's row count
 * compared with the source) and only then renamed, so a crash or a full disk never leaves a short
 * backup under a backup name, and every listed backup is one that was verified when it was written.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

export type BackupKind = 'upgrade' | 'daily' | 'restore';

export interface BackupInfo {
  path: string;
  kind: BackupKind;
  /** ISO time the backup was taken (from its name). */
  at: string;
  bytes: number;
  /** The schema version it was taken at (pre-upgrade backups). */
  version: number | null;
}

export const KEEP_UPGRADE = 3;
export const KEEP_DAILY = 7;

const NAME = /\.backup-(v(\d+)|daily|restore)-(\d{8}T\d{6}Z)(?:-\d+)?\.sqlite$/;

/** `20260213T093000Z` for a date. */
export function stampOf(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

function isoOfStamp(stamp: string): string {
  return `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}Z`;
}

/** `<file>.backup-v<old>-<timestamp>.sqlite` next to the store. */
export function backupPathFor(dbPath: string, oldVersion: number, at: Date): string {
  return `${dbPath}.backup-v${oldVersion}-${stampOf(at)}.sqlite`;
}

/** Every backup of `dbPath` (verified when written; temporary files excluded), newest first. */
/**
 * The schema version a backup holds, read from its SQLite header (`PRAGMA user_version` is the big-endian
 * 32-bit integer at offset 60) without opening it; null when the file is not a readable SQLite database.
 */
function headerVersion(file: string): number | null {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const header = Buffer.alloc(100);
      if (fs.readSync(fd, header, 0, 100, 0) < 100) return null;
      if (header.subarray(0, 16).toString('latin1') !== 'SQLite format 3\0') return null;
      return header.readUInt32BE(60);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return null;
  }
}

export function backupInfos(dbPath: string): BackupInfo[] {
  const dir = path.dirname(dbPath);
  const prefix = `${path.basename(dbPath)}.backup-`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const out: (BackupInfo & { stamp: string; name: string })[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = NAME.exec(name.slice(path.basename(dbPath).length));
    if (!m) continue;
    let bytes = 0;
    try {
      const st = fs.statSync(path.join(dir, name));
      if (!st.isFile()) continue;
      bytes = st.size;
    } catch {
      continue;
    }
    const kind: BackupKind = m[1] === 'daily' ? 'daily' : m[1] === 'restore' ? 'restore' : 'upgrade';
    out.push({
      path: path.join(dir, name),
      kind,
      at: isoOfStamp(m[3]!),
      bytes,
      version: m[2] !== undefined ? Number(m[2]) : headerVersion(path.join(dir, name)),
      stamp: m[3]!,
      name,
    });
  }
  out.sort((a, b) => b.stamp.localeCompare(a.stamp) || b.name.localeCompare(a.name));
  return out.map(({ stamp: _s, name: _n, ...info }) => info);
}

/** Backups of `dbPath`, newest first (by the timestamp in their name). */
export function listBackups(dbPath: string): string[] {
  return backupInfos(dbPath).map((b) => b.path);
}

/** The user tables of a database (FTS shadow tables included: their rows are data too). */
function tableCounts(sqlite: Database.Database, schema = 'main'): Map<string, number> {
  const names = sqlite
    .prepare(`SELECT name FROM ${schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .pluck()
    .all() as string[];
  const counts = new Map<string, number>();
  for (const n of names) {
    // Virtual tables (FTS5) are counted through their shadow tables.
    const sql = sqlite.prepare(`SELECT sql FROM ${schema}.sqlite_master WHERE name = ?`).pluck().get(n) as
      string | null;
    if (sql && /^CREATE VIRTUAL TABLE/i.test(sql)) continue;
    counts.set(
      n,
      Number(
        sqlite
          .prepare(`SELECT count(*) FROM ${schema}."${n.replace(/"/g, '""')}"`)
          .pluck()
          .get(),
      ),
    );
  }
  return counts;
}

/** Why a backup file cannot be trusted, or null when it passes integrity_check (and matches `expect`). */
export function verifyBackupFile(
  file: string,
  expect?: Map<string, number>,
  nativeBinding?: string,
  maxVersion?: number,
): string | null {
  let db: Database.Database | null = null;
  try {
    const st = fs.statSync(file);
    if (!st.isFile() || st.size === 0) return 'the file is empty';
    db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const version = Number(db.pragma('user_version', { simple: true }));
    if (maxVersion !== undefined && version > maxVersion)
      return `it was written by a newer version of Planwright (schema ${version})`;
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') return `integrity check: ${String(check)}`;
    if (expect) {
      const got = tableCounts(db);
      for (const [table, n] of expect)
        if (got.get(table) !== n) return `table ${table} holds ${got.get(table) ?? 0} rows, the store ${n}`;
    }
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    db?.close();
  }
}

/** A unique name for `dest` (adds -1, -2 ... when taken). */
function freeName(dest: string): string {
  let target = dest;
  for (let i = 1; fs.existsSync(target); i++) target = dest.replace(/\.sqlite$/, `-${i}.sqlite`);
  return target;
}

export class BackupError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

/**
 * Copies the open database to `dest` (VACUUM INTO a temporary name, verified, then renamed). Returns the
 * path written. Throws BackupError (the temporary file removed) when the copy fails or does not verify.
 */
export function writeVerifiedBackup(sqlite: Database.Database, dest: string, nativeBinding?: string): string {
  const target = freeName(dest);
  const temp = `${target}.partial`;
  try {
    fs.rmSync(temp, { force: true });
    const expect = tableCounts(sqlite);
    sqlite.prepare('VACUUM INTO ?').run(temp);
    const problem = verifyBackupFile(temp, expect, nativeBinding);
    if (problem) throw new BackupError(`the copy did not verify (${problem})`);
    // Flush the copy before it gets its real name.
    const fd = fs.openSync(temp, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
    return target;
  } catch (error) {
    fs.rmSync(temp, { force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(describeFsError(error), error);
  }
}

/** Plain words for a file-system or SQLite failure while writing. */
export function describeFsError(error: unknown): string {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  if (code === 'ENOSPC' || code === 'SQLITE_FULL' || code.startsWith('SQLITE_FULL')) return 'the disk is full';
  if (code === 'EACCES' || code === 'EPERM' || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN'))
    return 'Planwright may not write to that folder';
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return 'the disk could not be written to';
  return error instanceof Error ? error.message : String(error);
}

/** Removes all but the newest `keep` backups of one kind (and, for pre-upgrade ones, one schema version). */
export function pruneBackups(
  dbPath: string,
  kind: BackupKind,
  keep: number,
  version: number | null = null,
  justWritten: string | null = null,
): void {
  const matching = backupInfos(dbPath).filter((b) => b.kind === kind && (kind !== 'upgrade' || b.version === version));
  // The backup just written always stays (several taken within one second share a timestamp).
  const ordered = justWritten
    ? [...matching.filter((b) => b.path === justWritten), ...matching.filter((b) => b.path !== justWritten)]
    : matching;
  for (const b of ordered.slice(keep)) fs.rmSync(b.path, { force: true });
}

/** A verified pre-upgrade backup; keeps the last KEEP_UPGRADE for that version. */
export function backupBeforeUpgrade(sqlite: Database.Database, dbPath: string, version: number, at: Date): string {
  const written = writeVerifiedBackup(sqlite, backupPathFor(dbPath, version, at));
  pruneBackups(dbPath, 'upgrade', KEEP_UPGRADE, version, written);
  return written;
}

/** The daily backup's name for a moment. */
export function dailyBackupPathFor(dbPath: string, at: Date): string {
  return `${dbPath}.backup-daily-${stampOf(at)}.sqlite`;
}

/**
 * Writes today's backup unless one already exists for this UTC day; keeps the last KEEP_DAILY. Answers
 * the path written, or null when none was due. Throws BackupError when the copy fails.
 */
export function dailyBackupIfDue(
  sqlite: Database.Database,
  dbPath: string,
  at: Date,
  nativeBinding?: string,
): string | null {
  const today = at.toISOString().slice(0, 10);
  const newest = backupInfos(dbPath).find((b) => b.kind === 'daily');
  if (newest && newest.at.slice(0, 10) === today) return null;
  const written = writeVerifiedBackup(sqlite, dailyBackupPathFor(dbPath, at), nativeBinding);
  pruneBackups(dbPath, 'daily', KEEP_DAILY, null, written);
  return written;
}

/** The newest backup that passes an integrity check (recovery messages name only this one). */
export function newestGoodBackup(dbPath: string): string | null {
  for (const b of backupInfos(dbPath)) if (verifyBackupFile(b.path) === null) return b.path;
  return null;
}
