/**
 * Issue 8 (reliability probe): a locked period cannot change indirectly; a covering report for another
 * plan's or a deleted period is not_found; a store held by another process or a full disk answers plain
 * words, never `internal`. Each refusal writes nothing.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPlanFromDraft, getPlanTree, openStore, type Store } from '../../db';
import { createDispatcher, type Handlers } from '../../shared/dispatch';
import { createAppHandlers } from '../../electron/handlers';
import { headlessHost } from '../../electron/host';
import { ctx, freshStore, rowCounts, smallDraft, tempDir } from '../db/helpers';

const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

function setup() {
  const { store, dir } = freshStore();
  stores.push(store);
  const errors: unknown[] = [];
  const dispatch = createDispatcher(createAppHandlers({ store, host: headlessHost }) as Handlers, {
    validateOutput: true,
    onInternalError: (_c, e) => errors.push(e),
  });
  const a = getPlanTree(store, createPlanFromDraft(store, smallDraft()).id);
  const b = getPlanTree(store, createPlanFromDraft(store, { ...smallDraft(), title: 'Another plan' }).id);
  return { store, dir, dispatch, errors, a, b };
}

describe('a locked period does not change indirectly', () => {
  it('refuses relabelling or revaluing a level its ratings use, deleting its rated actions, and saving its covering report', async () => {
    const { store, dispatch, errors, a } = setup();
    // The small draft rates actions in its first period; lock that period.
    const rated = a.ratings.find((r) => r.periodId === a.periods[0]!.id)!;
    expect(rated).toBeDefined();
    expect((await dispatch('periods:lock', { periodId: a.periods[0]!.id, locked: true }, ctx)).ok).toBe(true);
    const level = a.levels.find((l) => l.id === rated.levelId)!;
    const action = a.actions.find((x) => x.id === rated.actionId)!;
    const levels = (patch: Record<string, unknown>) =>
      a.levels.map(
        ({ id, key, label, colour, value, definition, countsAsComplete, canBeRemoved, requiresExplanation }) => ({
          id,
          key,
          label,
          colour,
          value,
          definition,
          countsAsComplete,
          canBeRemoved,
          requiresExplanation,
          ...(id === level.id ? patch : {}),
        }),
      );
    const before = rowCounts(store);
    const attempts: [string, unknown][] = [
      ['scale:set', { planId: a.plan.id, levels: levels({ label: 'Renamed' }) }],
      ['scale:set', { planId: a.plan.id, levels: levels({ value: 9 }) }],
      ['scale:set', { planId: a.plan.id, levels: levels({ countsAsComplete: !level.countsAsComplete }) }],
      ['actions:delete', { actionId: action.id }],
      ['sections:delete', { sectionId: action.sectionId }],
      ['coveringReport:save', { planId: a.plan.id, periodId: a.periods[0]!.id, content: { committee: 'Cabinet' } }],
    ];
    for (const [channel, payload] of attempts) {
      const r = await dispatch(channel, payload, ctx);
      expect(r.ok ? 'ok' : r.error.code, channel).toBe('locked');
      expect(r.ok ? '' : r.error.message).toMatch(/locked/);
    }
    expect(rowCounts(store)).toEqual(before);
    // A change that does not alter what the ratings say is still allowed (the definition text).
    expect(
      (await dispatch('scale:set', { planId: a.plan.id, levels: levels({ definition: 'Clearer words' }) }, ctx)).ok,
    ).toBe(true);
    expect(errors).toEqual([]);
  });
});

describe('covering report export with a period that is not the plan’s', () => {
  it('answers not_found for another plan’s period and for a deleted period, writing nothing', async () => {
    const { store, dir, dispatch, errors, a, b } = setup();
    const out = path.join(dir, 'report.docx');
    const other = await dispatch(
      'export:coveringReport',
      { planId: a.plan.id, periodId: b.periods[0]!.id, path: out },
      ctx,
    );
    expect(other.ok ? 'ok' : other.error.code).toBe('not_found');
    expect((await dispatch('periods:delete', { periodId: a.periods[1]!.id }, ctx)).ok).toBe(true);
    const before = rowCounts(store);
    const deleted = await dispatch(
      'export:coveringReport',
      { planId: a.plan.id, periodId: a.periods[1]!.id, content: { committee: 'x' }, path: out },
      ctx,
    );
    expect(deleted.ok ? 'ok' : deleted.error.code).toBe('not_found');
    expect(rowCounts(store)).toEqual(before);
    expect(errors).toEqual([]);
  });
});

describe('operational failures answer plain words', () => {
  it('a store held by another process: waits the busy timeout, then says so (unavailable, not internal)', async () => {
    const file = path.join(tempDir(), 'busy.sqlite');
    const store = openStore(file, { busyTimeoutMs: 100 });
    stores.push(store);
    const errors: unknown[] = [];
    const dispatch = createDispatcher(createAppHandlers({ store, host: headlessHost }) as Handlers, {
      onInternalError: (_c, e) => errors.push(e),
    });
    const other = new Database(file);
    other.pragma('busy_timeout = 0');
    other.exec('BEGIN IMMEDIATE');
    try {
      const r = await dispatch('plans:create', { title: 'Blocked', template: 'blank' }, ctx);
      expect(r.ok ? 'ok' : r.error.code).toBe('unavailable');
      expect(r.ok ? '' : r.error.message).toContain('in use by another Planwright window');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(errors).toEqual([]);
  });

  it('a full disk (SQLITE_FULL) answers plain words', async () => {
    const file = path.join(tempDir(), 'full.sqlite');
    const store = openStore(file);
    stores.push(store);
    const dispatch = createDispatcher(createAppHandlers({ store, host: headlessHost }) as Handlers);
    // Cap the file at its current size: the next page it needs is refused as a full disk.
    const pages = Number(store.sqlite.pragma('page_count', { simple: true }));
    store.sqlite.pragma(`max_page_count = ${pages}`);
    let r = await dispatch('plans:createFromDraft', smallDraft(), ctx);
    for (let i = 0; i < 50 && r.ok; i++) r = await dispatch('plans:createFromDraft', smallDraft(), ctx);
    expect(r.ok ? 'ok' : r.error.code).toBe('unavailable');
    expect(r.ok ? '' : r.error.message).toContain('disk is full');
  });
});
