import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ensureSamplePlan,
  getPlanTree,
  listBackups,
  openStore,
  SCHEMA_VERSION,
  StoreOpenError,
  type Store,
} from '../../db';
import { migrate } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations';
import { tempDir } from './helpers';

const open: Store[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});
const track = (s: Store) => (open.push(s), s);

function openError(file: string): StoreOpenError {
  try {
    track(openStore(file));
  } catch (e) {
    if (e instanceof StoreOpenError) return e;
    throw e;
  }
  throw new Error('expected the store to be refused');
}

describe('opening and migrating the plan store', () => {
  it('creates every table from empty and records the schema version', () => {
    const file = path.join(tempDir(), 'new.sqlite');
    const store = track(openStore(file));
    expect(store.schemaVersion).toBe(SCHEMA_VERSION);
    expect(store.sqlite.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = store.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(
      expect.arrayContaining([
        'plans',
        'actions',
        'ratings',
        'progress_updates',
        'audit_log',
        'meta',
        'actions_fts',
        'progress_fts',
      ]),
    );
    expect(store.backupPath).toBeNull(); // nothing to back up in a new store
  });

  it('re-opens an existing store with its data and takes no backup', async () => {
    const file = path.join(tempDir(), 'reopen.sqlite');
    const first = openStore(file);
    const plan = ensureSamplePlan(first)!;
    await first.close();
    const again = track(openStore(file));
    expect(getPlanTree(again, plan.id).actions).toHaveLength(30);
    expect(ensureSamplePlan(again)).toBeNull(); // only on the very first run
    expect(again.backupPath).toBeNull();
    expect(listBackups(file)).toEqual([]);
  });

  it('refuses a store written by a newer version, leaving the file untouched', async () => {
    const file = path.join(tempDir(), 'newer.sqlite');
    const s = openStore(file);
    await s.close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.close();
    const before = fs.readFileSync(file);
    const e = openError(file);
    expect(e.code).toBe('newer_schema');
    expect(e.message).toBe(
      `This plan store was written by a newer version of Planwright (schema ${SCHEMA_VERSION + 5}; this version knows up to ${SCHEMA_VERSION}). Update Planwright to open it; your data has not been touched.`,
    );
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(listBackups(file)).toEqual([]);
  });

  it('backs up an older non-empty database before migrating it', () => {
    const dir = tempDir();
    const file = path.join(dir, 'old.sqlite');
    const raw = new Database(file);
    raw.exec(
      "CREATE TABLE legacy_notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO legacy_notes (text) VALUES ('kept');",
    );
    raw.close();
    const store = track(openStore(file, { now: () => new Date('2026-02-13T09:30:00Z') }));
    expect(store.schemaVersion).toBe(SCHEMA_VERSION);
    expect(store.backupPath).toBe(`${file}.backup-v0-20260213T093000Z.sqlite`);
    const backup = new Database(store.backupPath!, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(0);
    expect(backup.prepare('SELECT text FROM legacy_notes').pluck().get()).toBe('kept');
    expect(backup.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'plans'").pluck().get()).toBe(0);
    backup.close();
    expect(listBackups(file)).toEqual([store.backupPath]);
  });

  it('runs a later migration in its own transaction, after a backup, and rolls back a failing one', () => {
    const dir = tempDir();
    const file = path.join(dir, 'v1.sqlite');
    const sqlite = new Database(file);
    migrate(sqlite, file);
    sqlite.prepare("INSERT INTO meta (key, value) VALUES ('x', 'y')").run();
    const next = {
      version: SCHEMA_VERSION + 1,
      name: 'add column',
      up: (db: Database.Database) => db.exec('ALTER TABLE meta ADD COLUMN note TEXT'),
    };
    const result = migrate(sqlite, file, () => new Date('2026-03-01T00:00:00Z'), [...MIGRATIONS, next]);
    expect(result).toMatchObject({ from: SCHEMA_VERSION, to: SCHEMA_VERSION + 1 });
    expect(result.backupPath).toContain(`.backup-v${SCHEMA_VERSION}-20260301T000000Z.sqlite`);
    const failing = {
      version: SCHEMA_VERSION + 2,
      name: 'broken',
      up: (db: Database.Database) => db.exec('ALTER TABLE meta ADD COLUMN other TEXT; SELECT * FROM no_such_table'),
    };
    expect(() =>
      migrate(sqlite, file, () => new Date('2026-03-02T00:00:00Z'), [...MIGRATIONS, next, failing]),
    ).toThrow();
    expect(sqlite.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    const cols = sqlite.prepare("SELECT name FROM pragma_table_info('meta')").pluck().all();
    expect(cols).not.toContain('other');
    sqlite.close();
  });

  it('refuses a damaged store with a recovery message naming the newest backup', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'damaged.sqlite');
    // An older store, so a backup exists next to it.
    const raw = new Database(file);
    raw.exec('CREATE TABLE legacy (x TEXT)');
    raw.close();
    const s = openStore(file, { now: () => new Date('2026-01-05T08:00:00Z') });
    ensureSamplePlan(s);
    await s.close();
    const size = fs.statSync(file).size;
    const fd = fs.openSync(file, 'r+');
    const junk = Buffer.alloc(Math.min(8192, size - 8192), 0xa5);
    fs.writeSync(fd, junk, 0, junk.length, 4096 * 2);
    fs.closeSync(fd);
    const e = openError(file);
    expect(e.code).toBe('corrupt');
    const backup = `${file}.backup-v0-20260105T080000Z.sqlite`;
    expect(e.backupPath).toBe(backup);
    expect(e.message).toContain('is damaged');
    expect(e.message).toContain(`Your newest backup is ${backup}`);
  });

  it('reports a store held by another program as locked, after the busy timeout', () => {
    const file = path.join(tempDir(), 'busy.sqlite');
    const other = new Database(file);
    other.exec('CREATE TABLE legacy (x TEXT)');
    other.exec('BEGIN EXCLUSIVE');
    try {
      let error: unknown;
      try {
        track(openStore(file, { busyTimeoutMs: 50 }));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(StoreOpenError);
      expect((error as StoreOpenError).code).toBe('locked');
      expect((error as StoreOpenError).message).toContain('in use by another program');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });

  it('refuses a file that is not a database', () => {
    const file = path.join(tempDir(), 'notes.sqlite');
    fs.writeFileSync(file, 'These are my meeting notes, not a database. '.repeat(20));
    const before = fs.readFileSync(file);
    const e = openError(file);
    expect(e.code).toBe('not_a_database');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});
