/** Opening refusals that must explain themselves and touch nothing (issue 8, points 4 and 8). */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, SCHEMA_VERSION, StoreOpenError, type Store } from '../../db';
import { MIGRATIONS } from '../../db/migrations';
import { tempDir } from './helpers';

const open: Store[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

function refusal(file: string, opts: Parameters<typeof openStore>[1] = {}): StoreOpenError {
  try {
    open.push(openStore(file, opts));
  } catch (e) {
    if (e instanceof StoreOpenError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('opening refusals', () => {
  it('a newer-schema store in WAL mode is refused without creating -wal or -shm files', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'newer.sqlite');
    const s = openStore(file);
    await s.close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 3}`);
    raw.close();
    expect(new Database(file, { readonly: true }).pragma('journal_mode', { simple: true })).toBe('wal');
    for (const f of fs.readdirSync(dir)) if (/-(wal|shm)$/.test(f)) fs.rmSync(path.join(dir, f));
    const before = fs.readFileSync(file);
    const e = refusal(file);
    expect(e.code).toBe('newer_schema');
    expect(fs.readdirSync(dir).sort()).toEqual(['newer.sqlite']);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('a folder, a device, a pipe and a file that is not a database get plain refusals', () => {
    const dir = tempDir();
    expect(refusal(dir)).toMatchObject({ code: 'unreadable', message: expect.stringContaining('is a folder') });
    expect(refusal('/dev/null')).toMatchObject({
      code: 'unreadable',
      message: expect.stringContaining('not an ordinary file'),
    });
    const fifo = path.join(dir, 'pipe.sqlite');
    execFileSync('mkfifo', [fifo]);
    expect(refusal(fifo)).toMatchObject({
      code: 'unreadable',
      message: expect.stringContaining('not an ordinary file'),
    });
    const text = path.join(dir, 'notes.sqlite');
    fs.writeFileSync(text, 'SQLite format 3'); // looks like the start of a header, but is not one
    expect(refusal(text).code).toBe('not_a_database');
    expect(refusal(path.join(dir, 'no-such-folder', 'plans.sqlite'))).toMatchObject({
      code: 'unreadable',
      message: expect.stringContaining('folder does not exist'),
    });
  });

  it('a failing migration is a plain refusal naming what failed', async () => {
    const file = path.join(tempDir(), 'plans.sqlite');
    open.push(openStore(file));
    const e = refusal(file, {
      migrations: [
        ...MIGRATIONS,
        { version: SCHEMA_VERSION + 1, name: 'test: broken', up: (db) => db.exec('SELECT * FROM nowhere') },
      ],
    });
    expect(e.code).toBe('migration_failed');
    expect(e.message).toContain('test: broken');
    expect(e.message).not.toMatch(/\n\s+at /);
  });
});
