/**
 * The read-only commands (export, list, dump, summary) open the store without the quick check that reads the
 * whole file (db/store.ts `quickCheck`); a damaged store is still answered in plain words, and nothing is written.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from './run-main';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-cli-readonly-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

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

describe('read-only commands on a damaged store', () => {
  it('export and list answer in plain words, write nothing and show no library message', async () => {
    const db = path.join(dir, 'plans.sqlite');
    expect((await runMain('sample', '--db', db)).code).toBe(0);
    expect((await runMain('export', 'Continuous', '--db', db, '--out', path.join(dir, 'ok.docx'))).code).toBe(0);
    damageTable(db, 'actions');
    const out = path.join(dir, 'appendix.docx');
    for (const run of [
      await runMain('export', 'Continuous', '--db', db, '--out', out),
      await runMain('list', '--db', db),
    ]) {
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^planwright: The plan store is damaged.*Nothing was changed\./);
      expect(run.stderr).not.toMatch(/malformed|SQLITE|something went wrong|internal/i);
    }
    expect(fs.existsSync(out)).toBe(false);
  });
});
