/**
 * Well-formed requests the store must refuse (ids from another plan, clashes, stale lists, broken rules):
 * each answers a specific code with a message a person can act on, and writes nothing (row counts of
 * every table, audit included). Two plans are seeded so cross-plan ids are real ids.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createPlanFromDraft, getPlanTree, type Store } from '../../db';
import type { ErrorCode } from '../../shared/result';
import type { PlanTree } from '../../shared/model';
import { ctx, dispatcherFor, freshStore, rowCounts, smallDraft } from '../db/helpers';

const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

const NO_SUCH = '00000000-0000-4000-8000-000000000000';

type Refusal = [
  name: string,
  channel: string,
  payload: (a: PlanTree, b: PlanTree) => unknown,
  code: ErrorCode,
  message: RegExp,
];

const REFUSALS: Refusal[] = [
  [
    'a rating in another plan’s period',
    'ratings:set',
    (a, b) => ({ actionId: a.actions[0]!.id, periodId: b.periods[0]!.id, levelId: a.levels[0]!.id }),
    'not_found',
    /another plan/,
  ],
  [
    'a rating at another plan’s level',
    'ratings:set',
    (a, b) => ({ actionId: a.actions[0]!.id, periodId: a.periods[0]!.id, levelId: b.levels[0]!.id }),
    'not_found',
    /not part of this plan's scale/,
  ],
  [
    'progress in another plan’s period',
    'progress:add',
    (a, b) => ({ actionId: a.actions[0]!.id, periodId: b.periods[0]!.id, body: 'x' }),
    'not_found',
    /another plan/,
  ],
  [
    'moving an action to another plan',
    'actions:move',
    (a, b) => ({ actionId: a.actions[0]!.id, sectionId: b.sections[0]!.id }),
    'invalid_input',
    /within its own plan/,
  ],
  [
    'an objective of another section',
    'actions:update',
    (a) => ({ actionId: a.actions[2]!.id, patch: { objectiveId: a.objectives[0]!.id } }),
    'invalid_input',
    /another section/,
  ],
  [
    'linking another plan’s recommendation',
    'recommendations:link',
    (a, b) => ({ actionId: a.actions[0]!.id, recommendationIds: [b.recommendations[0]!.id] }),
    'not_found',
    /not part of this plan/,
  ],
  [
    'another plan’s period as current',
    'periods:setCurrent',
    (a, b) => ({ planId: a.plan.id, currentPeriodId: b.periods[0]!.id, comparePeriodId: null }),
    'not_found',
    /another plan/,
  ],
  [
    'comparing a period with itself',
    'periods:setCurrent',
    (a) => ({ planId: a.plan.id, currentPeriodId: a.periods[0]!.id, comparePeriodId: a.periods[0]!.id }),
    'invalid_input',
    /different period/,
  ],
  [
    'a stale section order',
    'sections:reorder',
    (a, b) => ({ parentId: a.plan.id, orderedIds: b.sections.map((s) => s.id) }),
    'conflict',
    /changed since/,
  ],
  [
    'the same action twice in an order',
    'actions:reorder',
    (a) => ({ parentId: a.sections[0]!.id, orderedIds: [a.actions[0]!.id, a.actions[0]!.id] }),
    'invalid_input',
    /twice/,
  ],
  ['purging a plan not in the trash', 'plans:purge', (a) => ({ planId: a.plan.id }), 'conflict', /in the trash/],
  ['removing a level in use', 'scale:set', (a) => ({ planId: a.plan.id, levels: [] }), 'in_use', /cannot be removed/],
  [
    'a lead linked to nobody',
    'actions:setLeads',
    (a) => ({ actionId: a.actions[0]!.id, leads: [{ name: 'X', personId: NO_SUCH }] }),
    'not_found',
    /not in the directory/,
  ],
  [
    'a period ending before it starts',
    'periods:create',
    (a) => ({ planId: a.plan.id, label: 'Bad', startDate: '2020-07-01', endDate: '2020-06-01' }),
    'invalid_input',
    /end before it starts/,
  ],
  [
    'a second period with the same label',
    'periods:create',
    (a) => ({ planId: a.plan.id, label: 'march 2020' }),
    'conflict',
    /already has a reporting period/,
  ],
  [
    'a second recommendation with the same label',
    'recommendations:create',
    (a) => ({ planId: a.plan.id, label: 'Ofsted 1', text: 'Again' }),
    'conflict',
    /already has a recommendation/,
  ],
  [
    'a summary for another plan’s period',
    'summary:get',
    (a, b) => ({ planId: a.plan.id, periodId: b.periods[0]!.id }),
    'not_found',
    /not a period of this plan/,
  ],
  [
    'an indicator in another plan’s section',
    'indicators:upsert',
    (a, b) => ({ planId: a.plan.id, sectionId: b.sections[0]!.id, name: 'x' }),
    'not_found',
    /another plan/,
  ],
  [
    'inserting after another plan’s action',
    'actions:create',
    (a, b) => ({ sectionId: a.sections[0]!.id, afterActionId: b.actions[0]!.id }),
    'not_found',
    /not in that section/,
  ],
  ['a plan that does not exist', 'plans:get', () => ({ planId: NO_SUCH }), 'not_found', /./],
  [
    'an action that does not exist',
    'actions:update',
    () => ({ actionId: NO_SUCH, patch: { description: 'x' } }),
    'not_found',
    /./,
  ],
  ['deleting a person who does not exist', 'people:delete', () => ({ personId: NO_SUCH }), 'not_found', /not found/],
];

describe('well-formed requests that break a rule are refused with a code and write nothing', () => {
  it.each(REFUSALS)('%s (%s)', async (_name, channel, payload, code, message) => {
    const { store } = freshStore();
    stores.push(store);
    const { dispatch, errors } = dispatcherFor(store);
    const a = getPlanTree(store, createPlanFromDraft(store, smallDraft()).id);
    const b = getPlanTree(store, createPlanFromDraft(store, { ...smallDraft(), title: 'Another plan' }).id);
    const before = rowCounts(store);
    const result = await dispatch(channel, payload(a, b), ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message).toMatch(message);
    }
    expect(rowCounts(store)).toEqual(before);
    expect(errors).toEqual([]);
  });

  it('a locked period refuses rating and progress changes', async () => {
    const { store } = freshStore();
    stores.push(store);
    const { dispatch } = dispatcherFor(store);
    const a = getPlanTree(store, createPlanFromDraft(store, smallDraft()).id);
    const period = a.periods[0]!;
    expect((await dispatch('periods:lock', { periodId: period.id, locked: true }, ctx)).ok).toBe(true);
    const before = rowCounts(store);
    for (const [channel, payload] of [
      ['ratings:set', { actionId: a.actions[1]!.id, periodId: period.id, levelId: a.levels[2]!.id }],
      ['progress:add', { actionId: a.actions[1]!.id, periodId: period.id, body: 'Late update' }],
    ] as const) {
      const r = await dispatch(channel, payload, ctx);
      expect(r.ok ? null : r.error.code).toBe('locked');
    }
    expect(rowCounts(store)).toEqual(before);
  });
});
