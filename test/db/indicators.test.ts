/** Indicators through the contract: what is kept, and what is refused (plain message, nothing written). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPlanFromDraft, getPlanTree, openStore, type Store } from '../../db';
import type { PlanTree } from '../../shared/model';
import { ctx, dispatcherFor, freshStore, rowCounts, smallDraft, tempDir } from './helpers';

let store: Store;
let file: string;
let dispatch: ReturnType<typeof dispatcherFor>['dispatch'];
let tree: PlanTree;

beforeEach(() => {
  ({ store, file } = freshStore());
  ({ dispatch } = dispatcherFor(store));
  tree = getPlanTree(store, createPlanFromDraft(store, smallDraft()).id);
});
afterEach(async () => {
  await store.close();
});

const valid = () => ({
  planId: tree.plan.id,
  sectionId: tree.sections[0]!.id,
  name: 'Re-referrals within 12 months',
  unit: 'percent' as const,
  polarity: 'lower-is-better' as const,
  baselineLabel: '2016/17',
  baseline: 24.1,
  snAverage: 21.9,
  target: 20,
  yearToDate: 'mean' as const,
  values: [
    { label: 'Jul', value: 23.5 },
    { label: 'Aug', value: null, note: 'data being collated' },
    { label: 'Sep', value: 21 },
  ],
  notes: 'Monthly from the case management system',
});

describe('indicators:upsert', () => {
  it('keeps every field, missing values as null with their notes, and reads back in the tree', async () => {
    const r = await dispatch('indicators:upsert', valid(), ctx);
    expect(r.ok).toBe(true);
    const back = getPlanTree(store, tree.plan.id).indicators;
    expect(back).toHaveLength(1);
    expect(back[0]).toMatchObject({
      ...valid(),
      values: [
        { label: 'Jul', value: 23.5, note: '' },
        { label: 'Aug', value: null, note: 'data being collated' },
        { label: 'Sep', value: 21, note: '' },
      ],
    });
    // Survives closing and opening the store.
    await store.close();
    store = openStore(file);
    expect(getPlanTree(store, tree.plan.id).indicators[0]).toMatchObject({ target: 20, yearToDate: 'mean' });
  });

  it('is copied with the plan', async () => {
    await dispatch('indicators:upsert', valid(), ctx);
    const copy = await dispatch('plans:duplicate', { planId: tree.plan.id, title: 'Copy' }, ctx);
    if (!copy.ok) throw new Error(copy.error.message);
    expect(getPlanTree(store, (copy.value as { id: string }).id).indicators[0]).toMatchObject({
      target: 20,
      yearToDate: 'mean',
      baseline: 24.1,
    });
  });

  it.each([
    ['no name', { name: '  ' }, /needs a name/],
    ['a unit that is not one of the four', { unit: 'furlongs' }, /unit must be percent, days, count, rate or other/],
    [
      'a percentage over 100',
      { values: [{ label: 'Jul', value: 130 }] },
      /percentage must be between 0 and 100 \(130 was given\)/,
    ],
    [
      'a value that is text',
      { values: [{ label: 'Jul', value: 'eighty' }] },
      /must be a number \(leave it empty when it is missing\)/,
    ],
    [
      'the same month twice',
      {
        values: [
          { label: 'Jul', value: 1 },
          { label: 'jul', value: 2 },
        ],
      },
      /"jul" appears twice/,
    ],
    ['a month with no label', { values: [{ label: ' ', value: 1 }] }, /needs a month or period label/],
    [
      'a year to date that is not latest, sum or mean',
      { yearToDate: 'median' },
      /year to date must be the latest value, the sum or the mean/,
    ],
  ])('refuses %s with a plain message and writes nothing', async (_name, patch, message) => {
    const before = rowCounts(store);
    const r = await dispatch('indicators:upsert', { ...valid(), ...patch }, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_input');
    expect(r.error.message).toMatch(message);
    expect(r.error.message).not.toMatch(/ZodError|at Object|\n\s+at /);
    expect(rowCounts(store)).toEqual(before);
  });

  it('refuses an indicator for another plan’s section, writing nothing', async () => {
    const other = getPlanTree(store, createPlanFromDraft(store, smallDraft()).id);
    const before = rowCounts(store);
    const r = await dispatch('indicators:upsert', { ...valid(), sectionId: other.sections[0]!.id }, ctx);
    expect(r.ok || r.error.message).toMatch(/another plan/);
    expect(rowCounts(store)).toEqual(before);
  });
});

describe('migration 2 (indicator target and year to date)', () => {
  it('gives the indicators of an older store no target and "latest"', async () => {
    const { MIGRATIONS } = await import('../../db/migrations');
    const oldFile = `${tempDir()}/old.sqlite`;
    const v1 = openStore(oldFile, { migrations: MIGRATIONS.slice(0, 1) });
    const plan = createPlanFromDraft(v1, { ...smallDraft() });
    v1.sqlite
      .prepare(
        'INSERT INTO indicators (id, plan_id, section_id, position, name, values_json, updated_at) VALUES (\'00000000-0000-4000-8000-0000000000a1\', ?, NULL, 0, \'Old\', \'[{"label":"Jul","value":null,"note":"n/a"}]\', \'2026-01-01T00:00:00.000Z\')',
      )
      .run(plan.id);
    await v1.close();
    const v2 = openStore(oldFile);
    expect(getPlanTree(v2, plan.id).indicators[0]).toMatchObject({
      name: 'Old',
      target: null,
      yearToDate: 'latest',
      values: [{ label: 'Jul', value: null, note: 'n/a' }],
    });
    await v2.close();
  });
});
