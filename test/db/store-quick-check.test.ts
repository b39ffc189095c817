/**
 * `openStore(file, { quickCheck: false })` (the command line's read-only commands): the open does not read
 * the whole file, yet still refuses what the header shows (not a database, a newer schema), still checks a
 * store it must migrate, and a damaged page a read meets is answered in plain words.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureSamplePlan, getPlanTree, operationalError, openStore, StoreOpenError, type Store } from '../../db';
import { tempDir } from './helpers';

const open: Store[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});
const track = (s: Store) => (open.push(s), s);

/** Overwrites every page after the first with junk (a store whose schema fits on page 1). */
function damageTables(file: string): void {
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(size - 4096, 0xa5), 0, size - 4096, 4096);
  fs.closeSync(fd);
}

/** Overwrites the root page of one table with junk: the schema stays readable, that table is damaged. */
function damageTable(file: string, table: string): void {
  const raw = new Database(file, { readonly: true });
  const pageSize = Number(raw.pragma('page_size', { simple: true }));
  const root = Number(raw.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').pluck().get(table));
  raw.close();
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (root - 1) * pageSize);
  fs.closeSync(fd);
}

function refusal(open: () => Store): StoreOpenError {
  try {
    track(open());
  } catch (e) {
    if (e instanceof StoreOpenError) return e;
    throw e;
  }
  throw new Error('expected the store to be refused');
}

async function sampleStore(): Promise<{ file: string; planId: string }> {
  const file = path.join(tempDir(), 'plans.sqlite');
  const store = openStore(file);
  const planId = ensureSamplePlan(store)!.id;
  await store.close();
  return { file, planId };
}

describe('opening without the quick check (read-only commands)', () => {
  it('opens a store at the current version without reading it; the default open still checks it', async () => {
    const { file } = await sampleStore();
    damageTable(file, 'actions');
    expect(refusal(() => openStore(file, { actor: 'Reader' })).code).toBe('corrupt');
    const store = track(openStore(file, { actor: 'Reader', quickCheck: false }));
    // The damage is met by the first read, and answered in plain words (never a library message).
    let error: unknown;
    try {
      store.sqlite.prepare('SELECT * FROM actions').all();
    } catch (e) {
      error = e;
    }
    expect(String((error as { code?: string }).code)).toMatch(/^SQLITE_CORRUPT|SQLITE_NOTADB/);
    expect(operationalError(error)?.message).toMatch(/The plan store is damaged.*Nothing was changed\./);
  });

  it('reads an undamaged store exactly as the checked open does', async () => {
    const { file, planId } = await sampleStore();
    const checked = track(openStore(file, { actor: 'Reader' }));
    const tree = getPlanTree(checked, planId);
    await checked.close();
    open.splice(0);
    const unchecked = track(openStore(file, { actor: 'Reader', quickCheck: false }));
    expect(getPlanTree(unchecked, planId)).toEqual(tree);
  });

  it('still refuses a file that is not a store, and a store from a newer version', async () => {
    const dir = tempDir();
    const notDb = path.join(dir, 'notes.sqlite');
    fs.writeFileSync(notDb, 'These are my notes, not a plan store.'.repeat(20));
    expect(refusal(() => openStore(notDb, { quickCheck: false })).code).toBe('not_a_database');
    const { file } = await sampleStore();
    const raw = new Database(file);
    raw.pragma('user_version = 999');
    raw.close();
    expect(refusal(() => openStore(file, { quickCheck: false })).code).toBe('newer_schema');
  });

  it('still checks a store it has to migrate before writing to it', () => {
    const file = path.join(tempDir(), 'old.sqlite');
    const raw = new Database(file);
    raw.exec('CREATE TABLE legacy (x TEXT)');
    const insert = raw.prepare('INSERT INTO legacy (x) VALUES (?)');
    raw.transaction(() => {
      for (let i = 0; i < 400; i++) insert.run(`row ${i} `.repeat(20));
    })();
    raw.close();
    damageTables(file);
    const before = fs.readFileSync(file);
    expect(refusal(() => openStore(file, { quickCheck: false })).code).toBe('corrupt');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});
