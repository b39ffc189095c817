/**
 * One valid call for EVERY core channel, with whatever setup it needs, on a store seeded with the small
 * test draft. `satisfies Record<CoreChannel, ...>` makes a new channel without a case a type error.
 */
import { getPlanTree, type Store } from '../../db';
import type { Channel, CoreChannel, InputOf, OutputOf } from '../../shared/contract';
import type { PlanTree } from '../../shared/model';
import { ctx, smallDraft } from '../db/helpers';
import { typedInvoke, unwrapping, type Dispatch } from '../../shared/dispatch';

export interface Env {
  store: Store;
  tree: PlanTree;
  dispatch: Dispatch;
  /** Calls a channel and unwraps its value (throws on an error result). */
  call: <C extends Channel>(channel: C, payload: InputOf<C>) => Promise<OutputOf<C>>;
}

export function makeEnv(store: Store, dispatch: Dispatch, planId: string): Env {
  const call = unwrapping(
    typedInvoke(dispatch, ctx),
    (channel, error) => new Error(`${channel}: ${error.code} ${error.message}`),
  );
  return { store, dispatch, tree: getPlanTree(store, planId), call };
}

type Case = (env: Env) => unknown | Promise<unknown>;

const level = {
  key: 'X',
  label: 'Extra',
  colour: '7F7F7F',
  value: null,
  definition: 'Extra level',
  countsAsComplete: false,
  canBeRemoved: false,
  requiresExplanation: false,
};

export const validCases = {
  'app:info': () => ({}),
  'settings:setUserName': () => ({ userName: 'Alex Author' }),
  'plans:list': () => ({}),
  'plans:create': () => ({ title: 'New plan', template: 'continuous' }),
  'plans:createFromDraft': () => smallDraft(),
  'plans:createSample': () => ({}),
  'plans:get': ({ tree }) => ({ planId: tree.plan.id }),
  'plans:getFirstScreen': ({ tree }) => ({ planId: tree.plan.id }),
  'plans:update': ({ tree }) => ({
    planId: tree.plan.id,
    patch: { title: 'Renamed', governance: 'Overseen by the Improvement Board.' },
  }),
  'plans:duplicate': ({ tree }) => ({ planId: tree.plan.id, title: 'Copy' }),
  'plans:archive': ({ tree }) => ({ planId: tree.plan.id, archived: true }),
  'plans:delete': ({ tree }) => ({ planId: tree.plan.id }),
  'plans:restore': async ({ tree, call }) => (
    await call('plans:delete', { planId: tree.plan.id }),
    { planId: tree.plan.id }
  ),
  'plans:purge': async ({ tree, call }) => (
    await call('plans:delete', { planId: tree.plan.id }),
    { planId: tree.plan.id }
  ),

  'scale:set': ({ tree }) => ({
    planId: tree.plan.id,
    levels: [
      ...tree.levels.map(
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
        }),
      ),
      level,
    ],
  }),
  'scale:applyPreset': ({ tree }) => ({ planId: tree.plan.id, preset: 'rag-blue' }),

  'periods:create': ({ tree }) => ({
    planId: tree.plan.id,
    label: 'July 2020',
    startDate: '2020-06-01',
    endDate: '2020-07-31',
  }),
  'periods:update': ({ tree }) => ({ periodId: tree.periods[0]!.id, patch: { label: 'RAG initial' } }),
  'periods:reorder': ({ tree }) => ({
    parentId: tree.plan.id,
    orderedIds: [...tree.periods].reverse().map((p) => p.id),
  }),
  'periods:setCurrent': ({ tree }) => ({
    planId: tree.plan.id,
    currentPeriodId: tree.periods[0]!.id,
    comparePeriodId: null,
  }),
  'periods:lock': ({ tree }) => ({ periodId: tree.periods[0]!.id, locked: true }),
  'periods:delete': ({ tree }) => ({ periodId: tree.periods[0]!.id }),
  'periods:restore': async ({ tree, call }) => (
    await call('periods:delete', { periodId: tree.periods[0]!.id }),
    { periodId: tree.periods[0]!.id }
  ),

  'recommendations:create': ({ tree }) => ({
    planId: tree.plan.id,
    number: 2,
    label: 'Ofsted 2',
    text: 'Audit case files.',
  }),
  'recommendations:update': ({ tree }) => ({
    recommendationId: tree.recommendations[0]!.id,
    patch: { text: 'Improve supervision.' },
  }),
  'recommendations:delete': ({ tree }) => ({ recommendationId: tree.recommendations[0]!.id }),
  'recommendations:restore': async ({ tree, call }) => (
    await call('recommendations:delete', { recommendationId: tree.recommendations[0]!.id }),
    { recommendationId: tree.recommendations[0]!.id }
  ),
  'recommendations:link': ({ tree }) => ({
    actionId: tree.actions[2]!.id,
    recommendationIds: [tree.recommendations[0]!.id],
  }),

  'sections:create': ({ tree }) => ({ planId: tree.plan.id, title: 'Partnerships' }),
  'sections:update': ({ tree }) => ({ sectionId: tree.sections[0]!.id, patch: { title: 'Leadership and management' } }),
  'sections:reorder': ({ tree }) => ({
    parentId: tree.plan.id,
    orderedIds: [...tree.sections].reverse().map((s) => s.id),
  }),
  'sections:renumber': ({ tree }) => ({ planId: tree.plan.id }),
  'sections:archive': ({ tree }) => ({ sectionId: tree.sections[1]!.id, archived: true }),
  'sections:delete': ({ tree }) => ({ sectionId: tree.sections[1]!.id }),
  'sections:restore': async ({ tree, call }) => (
    await call('sections:delete', { sectionId: tree.sections[1]!.id }),
    { sectionId: tree.sections[1]!.id }
  ),

  'objectives:create': ({ tree }) => ({ sectionId: tree.sections[1]!.id, title: 'Good case recording' }),
  'objectives:update': ({ tree }) => ({ objectiveId: tree.objectives[0]!.id, patch: { title: 'Stable leadership' } }),
  'objectives:reorder': ({ tree }) => ({ parentId: tree.sections[0]!.id, orderedIds: [tree.objectives[0]!.id] }),
  'objectives:archive': ({ tree }) => ({ objectiveId: tree.objectives[0]!.id, archived: true }),
  'objectives:delete': ({ tree }) => ({ objectiveId: tree.objectives[0]!.id }),
  'objectives:restore': async ({ tree, call }) => (
    await call('objectives:delete', { objectiveId: tree.objectives[0]!.id }),
    { objectiveId: tree.objectives[0]!.id }
  ),

  'actions:create': ({ tree }) => ({
    sectionId: tree.sections[0]!.id,
    objectiveId: tree.objectives[0]!.id,
    description: 'Induction for new managers',
    dueText: 'Ongoing',
  }),
  'actions:update': ({ tree }) => ({
    actionId: tree.actions[0]!.id,
    patch: { outcome: 'Permanent team in post', notes: 'Asked John Cooke' },
  }),
  'actions:move': ({ tree }) => ({ actionId: tree.actions[0]!.id, sectionId: tree.sections[1]!.id, index: 0 }),
  'actions:reorder': ({ tree }) => ({
    parentId: tree.sections[0]!.id,
    orderedIds: [tree.actions[1]!.id, tree.actions[0]!.id],
  }),
  'actions:archive': ({ tree }) => ({ actionId: tree.actions[0]!.id, archived: true }),
  'actions:delete': ({ tree }) => ({ actionId: tree.actions[0]!.id }),
  'actions:restore': async ({ tree, call }) => (
    await call('actions:delete', { actionId: tree.actions[0]!.id }),
    { actionId: tree.actions[0]!.id }
  ),
  'actions:setLeads': ({ tree }) => ({
    actionId: tree.actions[0]!.id,
    leads: [{ name: 'All Service Leads' }, { name: 'Janet Simon', role: 'strategic' }],
  }),
  'actions:dueHistory': ({ tree }) => ({ actionId: tree.actions[0]!.id }),

  'people:list': () => ({ signatoriesOnly: false }),
  'people:upsert': () => ({ name: 'Roger Harris', jobTitle: 'Corporate Director', signatory: true }),
  'people:delete': async ({ call }) => ({ personId: (await call('people:upsert', { name: 'Temp Person' })).id }),
  'people:restore': async ({ call }) => {
    const { id } = await call('people:upsert', { name: 'Gone Person' });
    await call('people:delete', { personId: id });
    return { personId: id };
  },
  'people:link': async ({ call }) => ({
    text: 'F. Linkley',
    personId: (await call('people:upsert', { name: 'Fran Linkley' })).id,
  }),
  'leads:suggest': ({ tree }) => ({ planId: tree.plan.id, prefix: 'J' }),

  'ratings:set': ({ tree }) => ({
    actionId: tree.actions[1]!.id,
    periodId: tree.periods[1]!.id,
    levelId: tree.levels[0]!.id,
    explanation: 'Audits paused',
    correctiveAction: 'Restart in June',
  }),
  'progress:add': ({ tree }) => ({
    actionId: tree.actions[1]!.id,
    periodId: tree.periods[1]!.id,
    body: 'On track. First audit complete.',
  }),
  'progress:update': ({ tree }) => ({
    progressId: tree.progress[0]!.id,
    patch: { body: 'Completed.', internal: false },
  }),
  'progress:delete': ({ tree }) => ({ progressId: tree.progress[0]!.id }),
  'progress:restore': async ({ tree, call }) => (
    await call('progress:delete', { progressId: tree.progress[0]!.id }),
    { progressId: tree.progress[0]!.id }
  ),

  'indicators:upsert': ({ tree }) => ({
    planId: tree.plan.id,
    sectionId: tree.sections[0]!.id,
    name: 'Re-referrals',
    unit: 'percent',
    polarity: 'lower-is-better',
    values: [{ label: 'Jul', value: 21.5 }],
  }),
  'indicators:delete': async ({ tree, call }) => ({
    indicatorId: (await call('indicators:upsert', { planId: tree.plan.id, name: 'Temp' })).id,
  }),

  'summary:get': ({ tree }) => ({ planId: tree.plan.id, today: '2020-06-01' }),
  'history:get': ({ tree }) => ({ entityId: tree.plan.id }),
  'history:plan': ({ tree }) => ({ planId: tree.plan.id, limit: 10 }),
  'history:actors': ({ tree }) => ({ planId: tree.plan.id }),
  'search:query': ({ tree }) => ({ planId: tree.plan.id, query: 'leadership' }),

  'coveringReport:get': ({ tree }) => ({ planId: tree.plan.id, periodId: tree.periods[1]!.id }),
  'coveringReport:save': ({ tree }) => ({
    planId: tree.plan.id,
    periodId: tree.periods[1]!.id,
    content: { committee: 'Corporate Parenting Committee', itemNumber: '5' },
  }),

  'backups:list': () => ({}),
  'backups:create': () => ({}),
  'backups:restore': async ({ call }) => ({ path: (await call('backups:create', {})).path }),
  'store:status': () => ({}),
  'store:repair': () => ({}),
} satisfies Record<CoreChannel, Case>;

/** A near-valid payload: the valid one with its first field replaced by a value of the wrong type. */
export function malformed(valid: unknown): unknown[] {
  const out: unknown[] = [42, 'plans', [valid]];
  if (valid && typeof valid === 'object' && !Array.isArray(valid)) {
    for (const key of Object.keys(valid)) {
      out.push({ ...valid, [key]: 12345 });
      out.push({ ...valid, [key]: { nested: true } });
    }
  }
  return out;
}
