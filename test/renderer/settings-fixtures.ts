/** Test helpers for the library and settings component tests: a fake `window.planwright` and a plan tree. */
import { vi } from 'vitest';
import type { Channel, InputOf, OutputOf } from '../../shared/contract';
import type { Action, PlanTree, RatingLevel } from '../../shared/model';
import { fromRow } from '../../db/fields';
import { ACTION_FIELDS } from '../../db/schema';
import type { Result } from '../../shared/result';
import { SCALE_PRESETS } from '../../shared/ratings';
import { templateColumns } from '../../shared/templates';

type Answer<C extends Channel> = (
  input: InputOf<C>,
) => Result<OutputOf<C>> | OutputOf<C> | Promise<Result<OutputOf<C>> | OutputOf<C>>;
export type FakeHandlers = { [C in Channel]?: Answer<C> };

const isResult = (v: unknown): v is Result<unknown> =>
  typeof v === 'object' &&
  v !== null &&
  'ok' in v &&
  (('value' in v && (v as { ok: unknown }).ok === true) || ('error' in v && (v as { ok: unknown }).ok === false));

/** Installs a fake `window.planwright`; unknown channels answer an error. Returns the invoke spy. */
export function installFakeApi(handlers: FakeHandlers) {
  const invoke = vi.fn(async (channel: Channel, input: unknown): Promise<Result<unknown>> => {
    const h = handlers[channel] as ((i: unknown) => unknown) | undefined;
    if (!h) return { ok: false, error: { code: 'unknown_channel', message: `No fake for ${channel}` } };
    const out = await h(input);
    return isResult(out) ? out : { ok: true, value: out };
  });
  (window as unknown as { planwright: unknown }).planwright = { invoke, on: () => () => undefined };
  return invoke;
}

/** Calls of one channel made through the fake. */
export function callsOf(invoke: ReturnType<typeof installFakeApi>, channel: Channel): unknown[] {
  return invoke.mock.calls.filter(([c]) => c === channel).map(([, input]) => input);
}

export const PLAN_ID = '00000000-0000-4000-8000-000000000001';
const NOW = '2018-02-13T10:00:00.000Z';
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Stored levels of a preset for the fake plan. */
export function presetLevels(id: keyof typeof SCALE_PRESETS, first = 100): RatingLevel[] {
  return SCALE_PRESETS[id].levels.map((l, i) => ({
    id: uuid(first + i),
    planId: PLAN_ID,
    position: i,
    key: l.key,
    label: l.label,
    colour: l.colour,
    value: l.value,
    definition: l.definition,
    countsAsComplete: l.countsAsComplete,
    canBeRemoved: l.canBeRemoved,
    requiresExplanation: l.requiresExplanation,
    updatedAt: NOW,
    deletedAt: null,
  }));
}

/** A small plan with a RAG scale, one period and one action rated Red. */
export function fakeTree(levels: RatingLevel[] = presetLevels('rag')): PlanTree {
  return {
    plan: {
      id: PLAN_ID,
      title: 'Children’s Services Improvement Plan',
      organisation: 'Thurrock Council',
      service: 'Children’s Services',
      planPeriod: '2017-19',
      template: 'blank',
      introduction: '',
      governance: '',
      recommendationsHeading: 'Recommendations',
      columns: templateColumns('blank'),
      appendixNumber: 1,
      currentPeriodId: uuid(50),
      comparePeriodId: null,
      archived: false,
      createdAt: NOW,
      updatedAt: NOW,
      deletedAt: null,
    },
    levels,
    periods: [
      {
        id: uuid(50),
        planId: PLAN_ID,
        position: 0,
        label: 'Initial',
        startDate: null,
        endDate: null,
        locked: false,
        lockedAt: null,
        updatedAt: NOW,
        deletedAt: null,
      },
    ],
    recommendations: [],
    sections: [],
    objectives: [],
    actions: [],
    ratings: levels[0]
      ? [
          {
            id: uuid(70),
            actionId: uuid(60),
            periodId: uuid(50),
            levelId: levels[0].id,
            explanation: '',
            correctiveAction: '',
            ratedBy: 'Test',
            ratedAt: NOW,
            updatedAt: NOW,
          },
        ]
      : [],
    progress: [],
    indicators: [],
  };
}

/** What `scale:set` would store for an input (ids kept or made up, positions in order). */
export function storedFromInput(input: InputOf<'scale:set'>): RatingLevel[] {
  return input.levels.map((l, i) => ({
    id: l.id ?? uuid(900 + i),
    planId: PLAN_ID,
    position: i,
    key: l.key,
    label: l.label,
    colour: String(l.colour).replace('#', '').toUpperCase(),
    value: l.value,
    definition: l.definition,
    countsAsComplete: l.countsAsComplete,
    canBeRemoved: l.canBeRemoved,
    requiresExplanation: l.requiresExplanation,
    updatedAt: NOW,
    deletedAt: null,
  }));
}

/**
 * An action of a fake plan: every field at its starting value (from the actions descriptor, db/schema.ts, so
 * a new field of Action needs no line here), in the plan `PLAN_ID`, then `fields`.
 */
export function fakeAction(fields: Partial<Action> & Pick<Action, 'id' | 'sectionId'>): Action {
  const blank = fromRow<Action>(ACTION_FIELDS, () => undefined, { leads: [], recommendationIds: [] });
  return { ...blank, planId: PLAN_ID, position: 0, createdAt: NOW, updatedAt: NOW, ...fields };
}
