/**
 * Findings of the acceptance review of issue 2, each pinned by a test: recommendation labels are unique
 * within a plan, and the sample plan is dated to the store's today (first run and `plans:createSample`).
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPlanFromDraft, ensureSamplePlan, getPlanTree, openStore, type Store } from '../../db';
import { ctx, dispatcherFor, freshStore, rowCounts, smallDraft, tempDir } from './helpers';

const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

function setup() {
  const { store } = freshStore();
  stores.push(store);
  const { dispatch, errors } = dispatcherFor(store);
  const tree = getPlanTree(store, createPlanFromDraft(store, smallDraft()).id);
  return { store, dispatch, errors, tree };
}

describe('recommendation labels are unique within a plan', () => {
  it('refuses a second "Ofsted 1" on create, rename and restore with conflict, writing nothing', async () => {
    const { store, dispatch, errors, tree } = setup();
    const planId = tree.plan.id;
    const existing = tree.recommendations[0]!;
    const before = rowCounts(store);

    const dup = await dispatch(
      'recommendations:create',
      { planId, number: 5, label: ' ofsted 1 ', text: 'Another one' },
      ctx,
    );
    expect(dup).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: 'This plan already has a recommendation called "Ofsted 1". Give this one a different label.',
      },
    });
    expect(rowCounts(store)).toEqual(before);

    const second = await dispatch(
      'recommendations:create',
      { planId, number: 2, label: 'Ofsted 2', text: 'Audit case files.' },
      ctx,
    );
    if (!second.ok) throw new Error(second.error.message);
    const secondId = (second.value as { id: string }).id;
    const afterCreate = rowCounts(store);
    const rename = await dispatch(
      'recommendations:update',
      { recommendationId: secondId, patch: { label: 'OFSTED 1' } },
      ctx,
    );
    expect(rename.ok ? null : rename.error.code).toBe('conflict');
    expect(rowCounts(store)).toEqual(afterCreate);
    // Renaming to its own label (or changing only its case) is fine.
    expect(
      (
        await dispatch(
          'recommendations:update',
          { recommendationId: existing.id, patch: { label: 'Ofsted 1', text: 'Edited' } },
          ctx,
        )
      ).ok,
    ).toBe(true);

    // A deleted label is free again; restoring the deleted one then clashes.
    expect((await dispatch('recommendations:delete', { recommendationId: existing.id }, ctx)).ok).toBe(true);
    expect(
      (await dispatch('recommendations:update', { recommendationId: secondId, patch: { label: 'Ofsted 1' } }, ctx)).ok,
    ).toBe(true);
    const beforeRestore = rowCounts(store);
    const restore = await dispatch('recommendations:restore', { recommendationId: existing.id }, ctx);
    expect(restore.ok ? null : restore.error.code).toBe('conflict');
    expect(rowCounts(store)).toEqual(beforeRestore);

    // Another plan may use the same label.
    const other = createPlanFromDraft(store, { ...smallDraft(), title: 'Other plan' });
    expect((await dispatch('recommendations:create', { planId: other.id, label: 'Ofsted 2', text: 'x' }, ctx)).ok).toBe(
      true,
    );
    expect(errors).toEqual([]);
  });
});

describe('the sample plan is dated to the store’s today', () => {
  const at = (iso: string) => () => new Date(iso);

  it('first run on 22 November 2026: current period October 2026, compared with August 2026', async () => {
    const store = openStore(path.join(tempDir(), 'first.sqlite'), { now: at('2026-11-22T09:00:00Z') });
    stores.push(store);
    const plan = ensureSamplePlan(store)!;
    const tree = getPlanTree(store, plan.id);
    const label = (id: string | null) => tree.periods.find((p) => p.id === id)?.label;
    expect(tree.periods.map((p) => p.label)).toEqual(['August 2026', 'October 2026', 'December 2026']);
    expect(label(tree.plan.currentPeriodId)).toBe('October 2026');
    expect(label(tree.plan.comparePeriodId)).toBe('August 2026');
    const { dispatch } = dispatcherFor(store);
    const summary = await dispatch('summary:get', { planId: plan.id }, ctx);
    if (!summary.ok) throw new Error(summary.error.message);
    const s = summary.value as { actions: { reference: string; overdue: boolean }[] };
    expect(s.actions.filter((a) => a.overdue).map((a) => a.reference)).toEqual(['2.3', '3.1', '5.1']);
  });

  it('plans:createSample: today from the store by default, a given day, or the dates as written (null)', async () => {
    const store = openStore(path.join(tempDir(), 'create.sqlite'), { now: at('2026-11-22T09:00:00Z') });
    stores.push(store);
    const { dispatch } = dispatcherFor(store);
    const currentOf = async (payload: unknown) => {
      const r = await dispatch('plans:createSample', payload, ctx);
      if (!r.ok) throw new Error(r.error.message);
      const tree = getPlanTree(store, (r.value as { id: string }).id);
      return tree.periods.find((p) => p.id === tree.plan.currentPeriodId)?.label;
    };
    expect(await currentOf({})).toBe('October 2026');
    expect(await currentOf({ today: '2026-05-10' })).toBe('April 2026');
    expect(await currentOf({ today: null })).toBe('January 2026');
    const before = rowCounts(store);
    const bad = await dispatch('plans:createSample', { today: '22/11/2026' }, ctx);
    expect(bad.ok ? null : bad.error.code).toBe('invalid_input');
    expect(rowCounts(store)).toEqual(before);
  });
});
