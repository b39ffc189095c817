import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureSamplePlan, openStore, type Store } from '../../db';
import { checkIntegrityInBackground, integrityStatus, repairStore, unchangedSinceCleanCheck } from '../../db/integrity';
import { tempDir } from './helpers';

const open: Store[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});
const track = (s: Store) => (open.push(s), s);

/** A closed store holding the sample plan, with one byte of an index's key changed on disk. */
async function storeWithDamagedIndex(): Promise<string> {
  const file = path.join(tempDir(), 'plans.sqlite');
  const s = openStore(file);
  ensureSamplePlan(s);
  await s.close();
  const raw = new Database(file, { readonly: true });
  const pageSize = Number(raw.pragma('page_size', { simple: true }));
  const root = Number(raw.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'actions_section'").pluck().get());
  raw.close();
  const bytes = fs.readFileSync(file);
  const page = bytes.subarray(pageSize * (root - 1), pageSize * root);
  // The index keys are section ids (UUID text): change the last character of the last key on the page.
  const text = page.toString('latin1');
  const at = text.lastIndexOf('-') + 12;
  expect(at).toBeGreaterThan(12);
  page[at] = page[at] === 0x30 ? 0x31 : 0x30;
  fs.writeFileSync(file, bytes);
  return file;
}

describe('the full integrity check after open', () => {
  it('detects a damaged index that quick_check lets through, and REINDEX repairs it', async () => {
    const file = await storeWithDamagedIndex();
    const store = track(openStore(file)); // quick_check at open passes
    expect(integrityStatus(store).state).toBe('unchecked');
    const seen: string[] = [];
    const status = await checkIntegrityInBackground(store, { onResult: (s) => seen.push(s.state) });
    expect(status.state).toBe('damaged');
    expect(status.detail).toMatch(/index|missing|wrong/i);
    expect(seen).toEqual(['damaged']);
    expect(integrityStatus(store).state).toBe('damaged');
    const repaired = repairStore(store);
    expect(repaired).toMatchObject({ state: 'ok', detail: null });
  });

  it('skips the check when the file is unchanged since a clean check, and checks again once it changed', async () => {
    const file = path.join(tempDir(), 'plans.sqlite');
    const first = openStore(file);
    ensureSamplePlan(first);
    expect((await checkIntegrityInBackground(first)).state).toBe('ok');
    await first.close();
    expect(fs.existsSync(`${file}.checked`)).toBe(true);
    const again = track(openStore(file));
    expect(unchangedSinceCleanCheck(again)).toBe(true);
    await again.close();
    open.splice(0);
    const raw = new Database(file);
    raw.exec("INSERT INTO meta (key, value) VALUES ('touched', 'yes')");
    raw.close();
    const third = track(openStore(file));
    expect(unchangedSinceCleanCheck(third)).toBe(false);
  });
});
