/**
 * The plan-wide history (issue 11 point 7): `history:plan` filtered by person and by reporting period,
 * newest first, paged with a `before` cursor and a bounded limit; bad input refused in plain words.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createPlanFromDraft, getPlanTree } from '../../db';
import type { AuditEntry, PlanTree } from '../../shared/model';
import { dispatcherFor, freshStore, smallDraft } from './helpers';

const { store } = freshStore();
const { dispatch, errors } = dispatcherFor(store);
afterAll(async () => {
  expect(errors).toEqual([]);
  await store.close();
});
const as = (actor: string) => ({ actor, emit: () => undefined });
async function call<T>(channel: string, input: unknown, actor = 'Test Author'): Promise<T> {
  const r = await dispatch(channel, input, as(actor));
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}
async function refused(channel: string, input: unknown) {
  const r = await dispatch(channel, input, as('Test Author'));
  if (r.ok) throw new Error(`${channel} should have been refused`);
  return r.error;
}

const plan = createPlanFromDraft(store, smallDraft(), 'Importer');
let tree: PlanTree = getPlanTree(store, plan.id);
const [march, may] = tree.periods;
const [, a2, a3] = tree.actions;
const history = (input: Record<string, unknown>) => call<AuditEntry[]>('history:plan', { planId: plan.id, ...input });

describe('history:plan', () => {
  it('lists every change newest first, and names everyone who changed the plan', async () => {
    await call('actions:update', { actionId: a2!.id, patch: { description: 'Monthly supervision audits' } }, 'Alice');
    await call('actions:update', { actionId: a3!.id, patch: { outcome: 'Every chronology current' } }, 'Bob');
    const green = tree.levels.find((l) => l.key === 'G')!;
    await call('ratings:set', { actionId: a2!.id, periodId: march!.id, levelId: green.id }, 'Carol');
    await call('progress:add', { actionId: a2!.id, periodId: march!.id, body: 'Audit schedule agreed.' }, 'Carol');
    await call('periods:update', { periodId: march!.id, patch: { startDate: '2020-03-01', endDate: '2020-03-31' } });
    await call('periods:update', { periodId: may!.id, patch: { startDate: '2026-02-13', endDate: '2026-02-13' } });
    tree = getPlanTree(store, plan.id);
    const all = await history({ limit: 500 });
    const total = store.sqlite.prepare('SELECT count(*) FROM audit_log WHERE plan_id = ?').pluck().get(plan.id);
    expect(all).toHaveLength(total as number);
    expect(all[0]).toMatchObject({ actor: 'Test Author', entity: 'period', entityId: may!.id });
    for (let i = 1; i < all.length; i++) expect(all[i - 1]!.at >= all[i]!.at).toBe(true);
    expect(await call('history:actors', { planId: plan.id })).toEqual([
      'Alice',
      'Bob',
      'Carol',
      'Importer',
      'Test Author',
    ]);
    // The default page is 100 entries at most.
    expect((await history({})).length).toBe(Math.min(100, all.length));
  });

  it('filters by person', async () => {
    const alice = await history({ person: 'Alice' });
    expect(alice).toHaveLength(1);
    expect(alice[0]).toMatchObject({
      actor: 'Alice',
      entityId: a2!.id,
      field: 'description',
      oldValue: 'Quarterly supervision audits',
      newValue: 'Monthly supervision audits',
    });
    expect(await history({ person: 'Nobody' })).toEqual([]);
  });

  it("filters by period: changes made between its dates, plus changes to that period's ratings and updates", async () => {
    const ofMarch = new Set([
      ...tree.ratings.filter((r) => r.periodId === march!.id).map((r) => r.id),
      ...tree.progress.filter((p) => p.periodId === march!.id).map((p) => p.id),
    ]);
    const inMarch = await history({ periodId: march!.id });
    // Nothing was changed in March 2020 (the test clock is February 2026): only March's own ratings and updates.
    expect(inMarch.length).toBeGreaterThanOrEqual(2);
    expect(inMarch.every((e) => ofMarch.has(e.entityId) && e.actor === 'Carol')).toBe(true);
    expect(new Set(inMarch.map((e) => e.entity))).toEqual(new Set(['rating', 'progress']));
    // May's dates cover the test clock's day: everything, including Alice's and Bob's edits.
    const inMay = await history({ periodId: may!.id, limit: 500 });
    expect(inMay).toHaveLength((await history({ limit: 500 })).length);
    // Both filters together.
    expect((await history({ periodId: may!.id, person: 'Bob' })).map((e) => e.entityId)).toEqual([a3!.id]);
    expect(await history({ periodId: march!.id, person: 'Bob' })).toEqual([]);
  });

  it('pages with a before cursor, without gaps or repeats', async () => {
    const all = await history({ limit: 500 });
    const pages: AuditEntry[] = [];
    let before: string | undefined;
    for (;;) {
      const page = await history(before ? { limit: 7, before } : { limit: 7 });
      pages.push(...page);
      if (page.length < 7) break;
      before = page[page.length - 1]!.id;
    }
    expect(pages.map((e) => e.id)).toEqual(all.map((e) => e.id));
  });

  it('refuses bad input in plain words', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ limit: 0 }, /at least one change/],
      [{ limit: 501 }, /At most 500 changes/],
      [{ limit: 2.5 }, /whole number/],
      [{ person: '   ' }, /Choose a person/],
    ];
    for (const [input, message] of cases) {
      const e = await refused('history:plan', { planId: plan.id, ...input });
      expect(e.code).toBe('invalid_input');
      expect(e.message).toMatch(message);
    }
    const other = createPlanFromDraft(store, smallDraft(), 'Importer');
    const otherPeriod = getPlanTree(store, other.id).periods[0]!;
    const wrongPeriod = await refused('history:plan', { planId: plan.id, periodId: otherPeriod.id });
    expect(wrongPeriod).toMatchObject({ code: 'not_found', message: 'That reporting period is not in this plan.' });
    const otherEntry = (await call<AuditEntry[]>('history:plan', { planId: other.id, limit: 1 }))[0]!;
    const wrongCursor = await refused('history:plan', { planId: plan.id, before: otherEntry.id });
    expect(wrongCursor.code).toBe('not_found');
    expect(wrongCursor.message).toMatch(/Reload the history/);
  });
});
