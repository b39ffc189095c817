import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ensureSamplePlan,
  listBackups,
  listPlans,
  openStore,
  SCHEMA_VERSION,
  StoreOpenError,
  type Store,
} from '../../db';
import { backupInfos, KEEP_DAILY, KEEP_UPGRADE, writeVerifiedBackup } from '../../db/backups';
import { MIGRATIONS } from '../../db/migrations';
import { backupIfDue, restoreBackup } from '../../db/services/backups';
import { ctx, dispatcherFor, tempDir } from './helpers';

const open: Store[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});
const track = (s: Store) => (open.push(s), s);

const failing = {
  version: SCHEMA_VERSION + 1,
  name: 'test: always fails',
  up: (db: Database.Database) => db.exec('SELECT * FROM no_such_table'),
};

describe('backups', () => {
  it('a failed upgrade names only verified backups, keeps the last three per version, and explains itself', async () => {
    const file = path.join(tempDir(), 'plans.sqlite');
    const s = openStore(file);
    ensureSamplePlan(s);
    await s.close();
    // A short backup left by a crash: it must never be named.
    fs.writeFileSync(`${file}.backup-v${SCHEMA_VERSION}-20990101T000000Z.sqlite`, Buffer.alloc(0));
    const errors: StoreOpenError[] = [];
    for (let i = 0; i < 5; i++) {
      try {
        openStore(file, { migrations: [...MIGRATIONS, failing], now: () => new Date(Date.UTC(2026, 0, 1 + i)) });
      } catch (e) {
        errors.push(e as StoreOpenError);
      }
    }
    expect(errors).toHaveLength(5);
    for (const e of errors) {
      expect(e).toBeInstanceOf(StoreOpenError);
      expect(e.code).toBe('migration_failed');
      expect(e.message).toContain('could not upgrade');
      expect(e.message).toContain('nothing in it was changed');
    }
    const upgrades = backupInfos(file).filter((b) => b.kind === 'upgrade');
    expect(upgrades).toHaveLength(KEEP_UPGRADE);
    // The store itself is still at the old version and opens normally.
    expect(listPlans(track(openStore(file)), {})).toHaveLength(1);
  });

  it('a damaged store names the newest backup that verifies, never a short one', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'plans.sqlite');
    const s = openStore(file, { now: () => new Date('2026-01-05T08:00:00Z') });
    ensureSamplePlan(s);
    const good = backupIfDue(s)!;
    await s.close();
    fs.writeFileSync(`${file}.backup-daily-20990101T000000Z.sqlite`, Buffer.from('SQLite format 3\0short'));
    const size = fs.statSync(file).size;
    const fd = fs.openSync(file, 'r+');
    const junk = Buffer.alloc(Math.min(8192, size - 8192), 0xa5);
    fs.writeSync(fd, junk, 0, junk.length, 4096 * 2);
    fs.closeSync(fd);
    let error: StoreOpenError | null = null;
    try {
      openStore(file);
    } catch (e) {
      error = e as StoreOpenError;
    }
    expect(error?.code).toBe('corrupt');
    expect(error?.backupPath).toBe(good);
    expect(error?.message).toContain(`Your newest backup is ${good}`);
  });

  it('writes a verified copy under a temporary name first; a failed copy leaves no backup', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'plans.sqlite');
    const store = track(openStore(file));
    ensureSamplePlan(store);
    const dest = path.join(dir, 'no-such-folder', 'x.backup-daily-20260101T000000Z.sqlite');
    expect(() => writeVerifiedBackup(store.sqlite, dest)).toThrow();
    const written = writeVerifiedBackup(store.sqlite, `${file}.backup-daily-20260101T000000Z.sqlite`);
    const copy = new Database(written, { readonly: true });
    expect(copy.prepare('SELECT count(*) FROM actions').pluck().get()).toBe(
      store.sqlite.prepare('SELECT count(*) FROM actions').pluck().get(),
    );
    copy.close();
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.partial'))).toEqual([]);
  });

  it('takes one daily backup per day and keeps the last seven', () => {
    const file = path.join(tempDir(), 'plans.sqlite');
    let now = new Date('2026-03-01T09:00:00Z');
    const store = track(openStore(file, { now: () => now }));
    ensureSamplePlan(store);
    expect(backupIfDue(store)).not.toBeNull();
    now = new Date('2026-03-01T17:00:00Z');
    expect(backupIfDue(store)).toBeNull(); // already one today
    for (let d = 2; d <= 12; d++) {
      now = new Date(`2026-03-${String(d).padStart(2, '0')}T09:00:00Z`);
      expect(backupIfDue(store)).not.toBeNull();
    }
    const daily = backupInfos(file).filter((b) => b.kind === 'daily');
    expect(daily).toHaveLength(KEEP_DAILY);
    expect(daily[0]!.at).toBe('2026-03-12T09:00:00Z');
  });

  it('lists and restores a backup through the contract, keeping the replaced file as a backup', async () => {
    const file = path.join(tempDir(), 'plans.sqlite');
    const store = track(openStore(file, { now: () => new Date('2026-03-01T09:00:00Z') }));
    const { dispatch, errors } = dispatcherFor(store);
    ensureSamplePlan(store);
    const made = await dispatch('backups:create', {}, ctx);
    expect(made.ok).toBe(true);
    const backupPath = (made as { value: { path: string } }).value.path;
    // A change after the backup: a second plan.
    expect((await dispatch('plans:create', { title: 'Made after the backup', template: 'blank' }, ctx)).ok).toBe(true);
    expect(listPlans(store, {})).toHaveLength(2);
    const list = await dispatch('backups:list', {}, ctx);
    expect(list.ok && (list.value as { path: string }[]).map((b) => b.path)).toContain(backupPath);

    // Only a listed backup can be restored (never an arbitrary path).
    const outside = await dispatch('backups:restore', { path: '/etc/passwd' }, ctx);
    expect(outside.ok ? null : outside.error.code).toBe('not_found');

    const restored = await dispatch('backups:restore', { path: backupPath }, ctx);
    expect(restored.ok).toBe(true);
    expect(listPlans(store, {})).toHaveLength(1); // the same Store object now reads the restored file
    const previous = (restored as { value: { previous: string } }).value.previous;
    expect(listBackups(file)).toContain(previous);
    const kept = new Database(previous, { readonly: true });
    expect(kept.prepare('SELECT count(*) FROM plans').pluck().get()).toBe(2);
    kept.close();
    // The store still takes writes after the restore.
    expect((await dispatch('plans:create', { title: 'After the restore', template: 'blank' }, ctx)).ok).toBe(true);
    expect(errors).toEqual([]);
    void restoreBackup;
  });

  it('refuses to restore a damaged backup, changing nothing', async () => {
    const file = path.join(tempDir(), 'plans.sqlite');
    const store = track(openStore(file, { now: () => new Date('2026-03-01T09:00:00Z') }));
    ensureSamplePlan(store);
    const backup = backupIfDue(store)!;
    const bytes = fs.readFileSync(backup);
    bytes.fill(0xa5, 4096, Math.min(bytes.length, 4096 * 4));
    fs.writeFileSync(backup, bytes);
    const { dispatch } = dispatcherFor(store);
    const r = await dispatch('backups:restore', { path: backup }, ctx);
    expect(r.ok ? null : r.error.code).toBe('invalid_input');
    expect(r.ok ? '' : r.error.message).toContain('cannot be restored');
    expect(listPlans(store, {})).toHaveLength(1);
  });
});
