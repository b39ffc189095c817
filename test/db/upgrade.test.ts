/**
 * Upgrading a plan store that holds real data: a store written at the shipped schema (the sample plan
 * plus edits: ratings, progress, a deleted section, leads, audit) is opened by a build with one more,
 * test-only migration. The migration rebuilds the `plans` table the way SQLite schema changes are done
 * (create new, copy, drop old, rename), which cascades into every child row unless the migrator turns
 * foreign keys off while it runs. Everything must come through: the tree, search, audit, row counts.
 */
import type Database from 'better-sqlite3';
import DatabaseCtor from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ensureSamplePlan,
  getPlanTree,
  listBackups,
  MIGRATIONS,
  openStore,
  SCHEMA_VERSION,
  StoreOpenError,
  type Store,
} from '../../db';
import { checkMigrationList, migrate } from '../../db/migrate';
import type { Migration } from '../../db/migrations';
import { ctx, dispatcherFor, rowCounts, tempDir } from './helpers';

const open: Store[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});
const track = (s: Store) => (open.push(s), s);

/** Test-only schema v(shipped + 1): `plans` rebuilt with a new column and a CHECK constraint. */
const rebuildPlans: Migration = {
  version: SCHEMA_VERSION + 1,
  name: 'test: rebuild plans with review_date',
  up: (db: Database.Database) => {
    const cols = (
      db.prepare("SELECT name FROM pragma_table_info('plans') ORDER BY cid").pluck().all() as string[]
    ).join(', ');
    const create = db
      .prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'plans'")
      .pluck()
      .get() as string;
    const withColumn = create
      .replace(/^CREATE TABLE plans \(/, 'CREATE TABLE plans_new (')
      .replace(/\)\s*$/, ',\n  review_date TEXT,\n  CHECK (archived IN (0, 1))\n)');
    db.exec(withColumn);
    db.exec(`INSERT INTO plans_new (${cols}) SELECT ${cols} FROM plans`);
    db.exec('DROP TABLE plans');
    db.exec('ALTER TABLE plans_new RENAME TO plans');
  },
};

/** A store at the shipped schema with the sample plan and some edits, closed again. */
async function seedStore(file: string): Promise<{ planId: string; sectionId: string; actionId: string }> {
  let t = Date.parse('2026-03-01T09:00:00.000Z');
  const store = openStore(file, { actor: 'Seeder', now: () => new Date(t++) });
  try {
    const plan = ensureSamplePlan(store)!;
    const { dispatch } = dispatcherFor(store);
    const call = async (channel: string, payload: unknown) => {
      const r = await dispatch(channel, payload, ctx);
      if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
      return r.value;
    };
    const tree = getPlanTree(store, plan.id);
    const action = tree.actions[0]!;
    const red = tree.levels[0]!;
    await call('ratings:set', {
      actionId: action.id,
      periodId: tree.plan.currentPeriodId,
      levelId: red.id,
      explanation: 'Recruitment paused',
      correctiveAction: 'Agency cover from April',
    });
    await call('progress:add', {
      actionId: action.id,
      periodId: tree.plan.currentPeriodId,
      body: 'Kestrelford panel met twice.\n\nSecond paragraph.',
      internal: true,
    });
    await call('actions:update', { actionId: action.id, patch: { dueText: 'September 2026' } });
    await call('actions:setLeads', {
      actionId: action.id,
      leads: [{ name: 'Service Lead R Example', role: 'operational' }],
    });
    // A locked period's rated actions cannot be deleted (issue 8): unlock around the section delete.
    const locked = tree.periods.filter((p) => p.locked);
    for (const p of locked) await call('periods:lock', { periodId: p.id, locked: false });
    await call('sections:delete', { sectionId: tree.sections.at(-1)!.id });
    for (const p of locked) await call('periods:lock', { periodId: p.id, locked: true });
    return { planId: plan.id, sectionId: tree.sections.at(-1)!.id, actionId: action.id };
  } finally {
    await store.close();
  }
}

describe('upgrading a store with real data to a later schema', () => {
  it('keeps every row, the tree, search and audit; backs up first; refuses the older build afterwards', async () => {
    const file = path.join(tempDir(), 'planwright.sqlite');
    const { planId, actionId } = await seedStore(file);

    const v1 = track(openStore(file));
    expect(v1.schemaVersion).toBe(SCHEMA_VERSION);
    const treeBefore = getPlanTree(v1, planId);
    const countsBefore = rowCounts(v1);
    const { dispatch: d1 } = dispatcherFor(v1);
    const searchBefore = await d1('search:query', { query: 'Kestrelford' }, ctx);
    const historyBefore = await d1('history:get', { entityId: actionId }, ctx);
    expect(countsBefore.actions).toBe(30);
    expect(searchBefore.ok && (searchBefore.value as unknown[]).length).toBeGreaterThan(0);
    await v1.close();
    open.splice(0);

    const v2 = track(
      openStore(file, { migrations: [...MIGRATIONS, rebuildPlans], now: () => new Date('2026-11-22T12:00:00Z') }),
    );
    expect(v2.schemaVersion).toBe(SCHEMA_VERSION + 1);
    expect(v2.sqlite.prepare("SELECT name FROM pragma_table_info('plans')").pluck().all()).toContain('review_date');
    expect(v2.sqlite.pragma('foreign_keys', { simple: true })).toBe(1); // back on after migrating
    expect(v2.sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(v2.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');

    // Data intact: the same rows, the same tree, search and history.
    expect(rowCounts(v2)).toEqual(countsBefore);
    expect(getPlanTree(v2, planId)).toEqual(treeBefore);
    const { dispatch: d2 } = dispatcherFor(v2);
    expect(await d2('search:query', { query: 'Kestrelford' }, ctx)).toEqual(searchBefore);
    expect(await d2('history:get', { entityId: actionId }, ctx)).toEqual(historyBefore);

    // The backup was taken at the old version, before migrating, and holds the data.
    const backup = `${file}.backup-v${SCHEMA_VERSION}-20261122T120000Z.sqlite`;
    expect(v2.backupPath).toBe(backup);
    expect(listBackups(file)).toEqual([backup]);
    const copy = new DatabaseCtor(backup, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(copy.prepare('SELECT count(*) FROM actions').pluck().get()).toBe(countsBefore.actions);
    copy.close();

    // The upgraded store still takes writes, with cascades working again.
    const write = await d2('ratings:set', { actionId, periodId: treeBefore.plan.currentPeriodId, levelId: null }, ctx);
    expect(write.ok).toBe(true);
    await v2.close();
    open.splice(0);

    // A build that only knows the shipped schema refuses the upgraded store, untouched.
    const bytes = fs.readFileSync(file);
    let refused: unknown = null;
    try {
      track(openStore(file));
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(StoreOpenError);
    expect((refused as StoreOpenError).code).toBe('newer_schema');
    expect((refused as StoreOpenError).message).toContain(
      `schema ${SCHEMA_VERSION + 1}; this version knows up to ${SCHEMA_VERSION}`,
    );
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);

    // Opening again with the newer build migrates nothing and takes no new backup.
    const again = track(openStore(file, { migrations: [...MIGRATIONS, rebuildPlans] }));
    expect(again.backupPath).toBeNull();
    expect(listBackups(file)).toHaveLength(1);
  });

  it('rolls back a migration that leaves broken references, keeping the data and the old version', async () => {
    const file = path.join(tempDir(), 'planwright.sqlite');
    await seedStore(file);
    const orphaning: Migration = {
      version: SCHEMA_VERSION + 1,
      name: 'test: orphans every section',
      up: (db) => db.exec('DELETE FROM plans'),
    };
    const sqlite = new DatabaseCtor(file);
    sqlite.pragma('foreign_keys = ON');
    const before = sqlite.prepare('SELECT count(*) FROM plans').pluck().get();
    expect(() => migrate(sqlite, file, () => new Date('2026-11-22T12:00:00Z'), [...MIGRATIONS, orphaning])).toThrow(
      /left \d+ broken reference/,
    );
    expect(sqlite.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(sqlite.prepare('SELECT count(*) FROM plans').pluck().get()).toBe(before);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    sqlite.close();
  });

  it('shipped migrations are numbered 1..n; a gap or a wrong order is refused before anything runs', () => {
    expect(() => checkMigrationList(MIGRATIONS)).not.toThrow();
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    const sqlite = new DatabaseCtor(':memory:');
    const gap: Migration = { version: SCHEMA_VERSION + 2, name: 'gap', up: () => undefined };
    expect(() => migrate(sqlite, null, undefined, [...MIGRATIONS, gap])).toThrow(/numbered 1, 2, 3/);
    expect(sqlite.pragma('user_version', { simple: true })).toBe(0);
    sqlite.close();
  });
});
