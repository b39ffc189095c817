import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPlanFromDraft, getPlanTree, type Store } from '../../db';
import type { Channel, InputOf, OutputOf } from '../../shared/contract';
import { typedInvoke, unwrapping } from '../../shared/dispatch';
import type { PlanTree } from '../../shared/model';
import { liveActions } from '../../shared/tree';
import { ctx, dispatcherFor, freshStore, rowCounts, smallDraft } from './helpers';

let store: Store;
let dispatch: ReturnType<typeof dispatcherFor>['dispatch'];
let errors: unknown[];
let tree: PlanTree;

/** Calls a channel and returns its value, failing the test on an error result. */
/** Calls a channel and returns its value, failing the test on an error result. */
function call<C extends Channel>(channel: C, payload: InputOf<C>): Promise<OutputOf<C>> {
  return unwrapping(typedInvoke(dispatch, ctx), (ch, error) => new Error(`${ch}: ${error.code} ${error.message}`))(
    channel,
    payload,
  );
}
async function refuse(channel: string, payload: unknown) {
  const r = await dispatch(channel, payload, ctx);
  if (r.ok) throw new Error(`${channel} should have been refused`);
  return r.error;
}
const auditOf = (entityId: string) =>
  store.sqlite
    .prepare(
      'SELECT op, field, old_value AS old, new_value AS new, actor FROM audit_log WHERE entity_id = ? ORDER BY at, rowid',
    )
    .all(entityId) as {
    op: string;
    field: string | null;
    old: string | null;
    new: string | null;
    actor: string;
  }[];
const refresh = () => (tree = getPlanTree(store, tree.plan.id));

beforeEach(() => {
  ({ store } = freshStore());
  ({ dispatch, errors } = dispatcherFor(store));
  const plan = createPlanFromDraft(store, smallDraft(), 'Importer');
  tree = getPlanTree(store, plan.id);
});
afterEach(async () => {
  expect(errors).toEqual([]);
  await store.close();
});

describe('createPlanFromDraft', () => {
  it('writes the whole draft: numbering, objectives, leads, links, ratings, progress, current and compare periods', () => {
    expect(tree.sections.map((s) => [s.number, s.title])).toEqual([
      ['1', 'Leadership'],
      ['2', 'Practice'],
    ]);
    expect(tree.actions.map((a) => a.reference)).toEqual(['1.1', '1.2', '2.1']);
    expect(tree.objectives).toHaveLength(1);
    expect(tree.actions[0]!.objectiveId).toBe(tree.objectives[0]!.id);
    expect(tree.actions[1]!.objectiveId).toBe(tree.objectives[0]!.id);
    expect(tree.actions[0]!.leads.map((l) => l.name)).toEqual(['J Tynan AD']);
    expect(tree.actions[0]!.recommendationIds).toEqual([tree.recommendations[0]!.id]);
    expect(tree.ratings).toHaveLength(2);
    expect(tree.progress).toHaveLength(2);
    expect(tree.plan.currentPeriodId).toBe(tree.periods[1]!.id);
    expect(tree.plan.comparePeriodId).toBe(tree.periods[0]!.id);
    expect(tree.plan.columns.length).toBeGreaterThan(0);
    expect(auditOf(tree.plan.id)).toEqual([
      { op: 'create', field: null, old: null, new: 'Test improvement plan', actor: 'Importer' },
    ]);
  });

  it('writes nothing when any part of the draft is bad', () => {
    const before = rowCounts(store);
    const bad = smallDraft();
    bad.sections![1]!.actions![0]!.ratings = [{ period: 'No such period', level: 'G' }];
    expect(() => createPlanFromDraft(store, bad)).toThrow(/No such period/);
    const badLevel = smallDraft();
    badLevel.sections![0]!.actions![1]!.ratings = [{ period: 'May 2020', level: 'Purple' }];
    expect(() => createPlanFromDraft(store, badLevel)).toThrow(/Purple/);
    expect(() => createPlanFromDraft(store, { title: '' })).toThrow(/needs a title/);
    expect(rowCounts(store)).toEqual(before);
  });
});

describe('service writes and their audit rows', () => {
  it('plans:update audits one row per changed field and ignores unchanged ones', async () => {
    const plan = await call('plans:update', {
      planId: tree.plan.id,
      patch: { title: 'Renamed plan', organisation: 'Testshire County Council', appendixNumber: 2 },
    });
    expect(plan.title).toBe('Renamed plan');
    const rows = auditOf(tree.plan.id).filter((r) => r.op === 'update');
    expect(rows).toEqual([
      { op: 'update', field: 'title', old: 'Test improvement plan', new: 'Renamed plan', actor: 'Test Author' },
      { op: 'update', field: 'appendixNumber', old: '1', new: '2', actor: 'Test Author' },
    ]);
    expect(plan.updatedAt > tree.plan.updatedAt).toBe(true);
  });

  it('actions:update keeps the deferral history when the due date changes', async () => {
    const a = tree.actions[0]!;
    const first = await call('actions:update', { actionId: a.id, patch: { dueText: 'June 2020' } });
    const second = await call('actions:update', {
      actionId: a.id,
      patch: { dueText: 'September 2020', description: 'Recruit a permanent head' },
    });
    expect(first.dueHistory.map((d: { dueText: string }) => d.dueText)).toEqual(['March 2020']);
    expect(second.dueText).toBe('September 2020');
    expect(second.dueHistory.map((d: { dueText: string; changedBy: string }) => [d.dueText, d.changedBy])).toEqual([
      ['March 2020', 'Test Author'],
      ['June 2020', 'Test Author'],
    ]);
    expect(await call('actions:dueHistory', { actionId: a.id })).toEqual(second.dueHistory);
    expect(auditOf(a.id).map((r) => [r.field, r.old, r.new])).toEqual([
      ['dueText', 'March 2020', 'June 2020'],
      ['description', 'Recruit a permanent head of service', 'Recruit a permanent head'],
      ['dueText', 'June 2020', 'September 2020'],
    ]);
  });

  it('progress edits are audited with the old text; deleted progress can be restored', async () => {
    const p = tree.progress[0]!;
    const updated = await call('progress:update', { progressId: p.id, patch: { body: 'Candidate appointed.' } });
    expect(updated.body).toBe('Candidate appointed.');
    expect(auditOf(p.id).at(-1)).toMatchObject({
      op: 'update',
      field: 'body',
      old: p.body,
      new: 'Candidate appointed.',
    });
    await call('progress:delete', { progressId: p.id });
    expect(refresh().progress.map((x) => x.id)).not.toContain(p.id);
    await call('progress:restore', { progressId: p.id });
    expect(refresh().progress.map((x) => x.id)).toContain(p.id);
    const added = await call('progress:add', {
      actionId: tree.actions[2]!.id,
      periodId: tree.periods[0]!.id,
      body: 'Started.',
      internal: true,
    });
    expect(added).toMatchObject({ author: 'Test Author', internal: true });
  });

  it('ratings: set, change with audit in words, clear to not rated (null, never 0)', async () => {
    const [red, , green] = tree.levels;
    const action = tree.actions[2]!;
    const period = tree.periods[1]!;
    const r1 = await call('ratings:set', {
      actionId: action.id,
      periodId: period.id,
      levelId: red!.id,
      explanation: 'Behind',
      correctiveAction: 'Extra staff',
    });
    expect(r1).toMatchObject({ levelId: red!.id, ratedBy: 'Test Author' });
    const r2 = await call('ratings:set', { actionId: action.id, periodId: period.id, levelId: green!.id });
    expect(auditOf(r1!.id).map((r) => [r.op, r.field, r.old, r.new])).toEqual([
      ['create', 'level', null, 'Red (May 2020)'],
      ['update', 'explanation', '', 'Behind'],
      ['update', 'correctiveAction', '', 'Extra staff'],
      ['update', 'level', 'Red', 'Green'],
      ['update', 'explanation', 'Behind', ''],
      ['update', 'correctiveAction', 'Extra staff', ''],
    ]);
    expect(r2!.levelId).toBe(green!.id);
    const cleared = await call('ratings:set', { actionId: action.id, periodId: period.id, levelId: null });
    expect(cleared!.levelId).toBeNull();
    expect(await call('ratings:set', { actionId: tree.actions[1]!.id, periodId: period.id, levelId: null })).toBeNull();
  });

  it('a locked period refuses rating and progress writes and changes nothing', async () => {
    const period = tree.periods[0]!;
    const locked = await call('periods:lock', { periodId: period.id, locked: true });
    expect(locked.locked).toBe(true);
    expect(locked.lockedAt).not.toBeNull();
    const before = rowCounts(store);
    const e1 = await refuse('ratings:set', {
      actionId: tree.actions[0]!.id,
      periodId: period.id,
      levelId: tree.levels[2]!.id,
    });
    const e2 = await refuse('progress:add', { actionId: tree.actions[0]!.id, periodId: period.id, body: 'Late news' });
    const e3 = await refuse('progress:update', { progressId: tree.progress[0]!.id, patch: { body: 'Rewritten' } });
    const e4 = await refuse('periods:delete', { periodId: period.id });
    for (const e of [e1, e2, e3, e4]) expect(e.code).toBe('locked');
    expect(e1.message).toContain('"March 2020" is locked');
    expect(rowCounts(store)).toEqual(before);
    await call('periods:lock', { periodId: period.id, locked: false });
    await call('ratings:set', { actionId: tree.actions[0]!.id, periodId: period.id, levelId: tree.levels[2]!.id });
  });

  it('scale:set refuses to remove a level in use, keeps ids (and ratings) of edited levels', async () => {
    const levels = tree.levels.map(
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
    );
    const before = rowCounts(store);
    const e = await refuse('scale:set', { planId: tree.plan.id, levels: levels.filter((l) => l.key !== 'G') });
    expect(e.code).toBe('in_use');
    expect(e.message).toContain('"Green" cannot be removed');
    expect(rowCounts(store)).toEqual(before);
    const next = await call('scale:set', {
      planId: tree.plan.id,
      levels: [
        ...levels.map((l) => (l.key === 'R' ? { ...l, label: 'Red – off track' } : l)),
        {
          key: 'B',
          label: 'Blue',
          colour: '#0070c0',
          value: null,
          definition: 'Done',
          countsAsComplete: true,
          canBeRemoved: false,
          requiresExplanation: false,
        },
      ],
    });
    expect(next.map((l: { label: string; colour: string }) => [l.label, l.colour])).toEqual([
      ['Red – off track', 'FF0000'],
      ['Amber', 'FFC000'],
      ['Green', '00B050'],
      ['Blue', '0070C0'],
    ]);
    expect(next[0]!.id).toBe(tree.levels[0]!.id);
    expect((await refuse('scale:applyPreset', { planId: tree.plan.id, preset: 'five-level' })).code).toBe('in_use');
    const dup = await refuse('scale:set', {
      planId: tree.plan.id,
      levels: [levels[0], { ...levels[1]!, key: 'R' }, levels[2]],
    });
    expect(dup.code).toBe('invalid_input');
  });

  it('people, leads and lead suggestions', async () => {
    const person = await call('people:upsert', {
      name: 'Janet Simon',
      jobTitle: 'Assistant Director',
      signatory: true,
    });
    const leads = await call('actions:setLeads', {
      actionId: tree.actions[1]!.id,
      leads: [{ name: '  Service Lead R Murdock ' }, { name: 'Janet Simon', personId: person.id, role: 'strategic' }],
    });
    expect(leads.map((l: { name: string; role: string }) => [l.name, l.role])).toEqual([
      ['Service Lead R Murdock', 'lead'],
      ['Janet Simon', 'strategic'],
    ]);
    expect(auditOf(tree.actions[1]!.id).at(-1)).toMatchObject({
      field: 'leads',
      old: '',
      new: 'Service Lead R Murdock; Janet Simon (strategic)',
    });
    expect(await call('leads:suggest', { prefix: 'j' })).toEqual(['J Tynan AD', 'Janet Simon']);
    expect(await call('people:list', { signatoriesOnly: true })).toHaveLength(1);
    await call('people:delete', { personId: person.id });
    expect(await call('people:list', {})).toHaveLength(0);
    expect(refresh().actions[1]!.leads.map((l) => l.name)).toContain('Janet Simon');
  });

  it('recommendations link and unlink, and deleted ones drop out of the tree', async () => {
    const rec2 = await call('recommendations:create', {
      planId: tree.plan.id,
      number: 2,
      label: 'Ofsted 2',
      text: 'Audit case files.',
    });
    const a = await call('recommendations:link', {
      actionId: tree.actions[2]!.id,
      recommendationIds: [rec2.id, tree.recommendations[0]!.id],
    });
    expect(a.recommendationIds).toEqual([tree.recommendations[0]!.id, rec2.id]);
    await call('recommendations:delete', { recommendationId: rec2.id });
    expect(refresh().actions[2]!.recommendationIds).toEqual([tree.recommendations[0]!.id]);
    await call('recommendations:restore', { recommendationId: rec2.id });
    expect(refresh().actions[2]!.recommendationIds).toHaveLength(2);
    const b = await call('recommendations:link', { actionId: tree.actions[2]!.id, recommendationIds: [] });
    expect(b.recommendationIds).toEqual([]);
  });

  it('indicators keep missing values as null', async () => {
    const ind = await call('indicators:upsert', {
      planId: tree.plan.id,
      sectionId: tree.sections[0]!.id,
      name: 'Assessments in timescale',
      unit: 'percent',
      values: [
        { label: 'Jul', value: 83 },
        { label: 'Aug', value: null, note: 'data being collated' },
      ],
    });
    expect(ind.values[1]).toEqual({ label: 'Aug', value: null, note: 'data being collated' });
    const edited = await call('indicators:upsert', {
      id: ind.id,
      planId: tree.plan.id,
      name: 'Assessments in timescale',
      unit: 'percent',
      polarity: 'higher-is-better',
      values: ind.values,
      snAverage: 80.5,
    });
    expect(edited.snAverage).toBe(80.5);
    expect(auditOf(ind.id).map((r) => r.field)).toEqual([null, 'sectionId', 'snAverage']);
    await call('indicators:delete', { indicatorId: ind.id });
    expect(refresh().indicators).toHaveLength(0);
  });
});

describe('numbering', () => {
  it('renumbers sections and actions after create, move, reorder and delete, leaving typed numbers alone', async () => {
    const s3 = await call('sections:create', {
      planId: tree.plan.id,
      title: 'Partnerships',
      afterSectionId: tree.sections[0]!.id,
    });
    expect(refresh().sections.map((s) => `${s.number} ${s.title}`)).toEqual([
      '1 Leadership',
      '2 Partnerships',
      '3 Practice',
    ]);
    expect(tree.actions.map((a) => a.reference)).toEqual(['1.1', '1.2', '3.1']);
    const created = await call('actions:create', { sectionId: s3.id, description: 'Joint protocol with health' });
    expect(created.reference).toBe('2.1');
    const moved = await call('actions:move', { actionId: tree.actions[0]!.id, sectionId: s3.id, index: 0 });
    expect(moved.reference).toBe('2.1');
    expect(refresh().actions.map((a) => a.reference)).toEqual(['1.1', '2.1', '2.2', '3.1']);
    await call('sections:reorder', {
      parentId: tree.plan.id,
      orderedIds: [tree.sections[2]!.id, tree.sections[0]!.id, tree.sections[1]!.id],
    });
    expect(refresh().sections.map((s) => `${s.number} ${s.title}`)).toEqual([
      '1 Practice',
      '2 Leadership',
      '3 Partnerships',
    ]);
    expect(tree.actions.map((a) => a.reference)).toEqual(['1.1', '2.1', '3.1', '3.2']);
    // A typed number is kept; its actions use its leading token.
    await call('sections:update', { sectionId: tree.sections[1]!.id, patch: { number: '7 (14)' } });
    const manual = await call('actions:update', { actionId: tree.actions[3]!.id, patch: { reference: '3.2a' } });
    expect(manual).toMatchObject({ reference: '3.2a', referenceManual: true });
    await call('actions:delete', { actionId: tree.actions[2]!.id });
    expect(refresh().sections.map((s) => s.number)).toEqual(['1', '7 (14)', '3']);
    expect(tree.actions.map((a) => a.reference)).toEqual(['1.1', '7.1', '3.2a']);
    // Explicit renumber replaces typed numbers.
    const renumbered = await call('sections:renumber', { planId: tree.plan.id });
    expect(renumbered.sections.map((s: { number: string }) => s.number)).toEqual(['1', '2', '3']);
    expect(renumbered.actions.map((a: { reference: string }) => a.reference)).toEqual(['1.1', '2.1', '3.1']);
    const refAudit = store.sqlite.prepare("SELECT count(*) FROM audit_log WHERE field = 'reference'").pluck().get();
    expect(refAudit).toBeGreaterThan(0);
  });

  it('reorder refuses a stale list with conflict and writes nothing', async () => {
    const before = rowCounts(store);
    const e = await refuse('actions:reorder', { parentId: tree.sections[0]!.id, orderedIds: [tree.actions[0]!.id] });
    expect(e.code).toBe('conflict');
    expect(rowCounts(store)).toEqual(before);
  });
});

describe('soft delete and restore', () => {
  it('deleting a section tombstones exactly its objectives and actions; restore brings exactly those back', async () => {
    const [s1, s2] = tree.sections;
    const leadershipAction = tree.actions[0]!;
    const earlierDeleted = tree.actions[1]!;
    // An action deleted earlier stays deleted after the section is restored.
    await call('actions:delete', { actionId: tree.actions[1]!.id });
    await call('sections:delete', { sectionId: s1!.id });
    refresh();
    expect(tree.sections.map((s) => s.id)).toEqual([s2!.id]);
    expect(tree.sections[0]!.number).toBe('1');
    expect(tree.actions.map((a) => a.reference)).toEqual(['1.1']);
    expect(tree.ratings).toHaveLength(0); // ratings of deleted actions are hidden
    const e = await refuse('actions:update', { actionId: leadershipAction.id, patch: { description: 'x' } });
    expect(e.code).toBe('not_found');
    expect((await refuse('actions:restore', { actionId: earlierDeleted.id })).code).toBe('not_found');
    await call('sections:restore', { sectionId: s1!.id });
    refresh();
    expect(tree.sections.map((s) => `${s.number} ${s.title}`)).toEqual(['1 Leadership', '2 Practice']);
    expect(tree.actions.map((a) => a.reference)).toEqual(['1.1', '2.1']);
    expect(tree.objectives).toHaveLength(1);
    expect(tree.ratings).toHaveLength(2);
    expect(auditOf(s1!.id).map((r) => r.op)).toEqual(['delete', 'restore']);
    expect(auditOf(s2!.id).map((r) => [r.field, r.old, r.new])).toEqual([
      ['number', '2', '1'],
      ['number', '1', '2'],
    ]);
  });

  it('plans go to the trash, come back, and only trashed plans can be purged', async () => {
    const planId = tree.plan.id;
    expect((await refuse('plans:purge', { planId })).code).toBe('conflict');
    await call('plans:delete', { planId });
    expect(await call('plans:list', {})).toHaveLength(0);
    expect((await call('plans:list', { trash: true }))[0]!.id).toBe(planId);
    expect((await refuse('sections:create', { planId, title: 'x' })).code).toBe('not_found');
    await call('plans:restore', { planId });
    const list = await call('plans:list', {});
    expect(list[0]).toMatchObject({ id: planId, actionCount: 3, currentPeriodLabel: 'May 2020', notRated: 2 });
    expect(list[0]!.distribution.map((d: { label: string; count: number }) => [d.label, d.count])).toEqual([
      ['Red', 0],
      ['Amber', 0],
      ['Green', 1],
    ]);
    await call('plans:archive', { planId, archived: true });
    expect(await call('plans:list', {})).toHaveLength(0);
    expect(await call('plans:list', { includeArchived: true })).toHaveLength(1);
    await call('plans:delete', { planId });
    await call('plans:purge', { planId });
    expect(store.sqlite.prepare('SELECT count(*) FROM actions').pluck().get()).toBe(0);
    expect(
      store.sqlite.prepare("SELECT count(*) FROM actions_fts WHERE actions_fts MATCH 'chronologies'").pluck().get(),
    ).toBe(0);
  });
});

describe('the plan library counts with the one archived rule (shared/tree.ts)', () => {
  /** What the library should say, worked out from the tree with `liveActions` (THE rule). */
  function expected(t: PlanTree) {
    const live = liveActions(t);
    const current = t.plan.currentPeriodId;
    const rated = t.ratings.filter((r) => r.periodId === current && r.levelId && live.some((a) => a.id === r.actionId));
    return {
      actionCount: live.length,
      distribution: t.levels
        .filter((l) => l.deletedAt === null)
        .map((l) => [l.label, rated.filter((r) => r.levelId === l.id).length]),
    };
  }
  async function agree() {
    refresh();
    const item = (await call('plans:list', {}))[0]!;
    const want = expected(tree);
    expect(item.actionCount).toBe(want.actionCount);
    expect(item.distribution.map((d) => [d.label, d.count])).toEqual(want.distribution);
    return item;
  }

  it('leaves out actions under an archived objective or section, as the summary and appendix do', async () => {
    expect((await agree()).actionCount).toBe(3);
    await call('objectives:archive', { objectiveId: tree.objectives[0]!.id, archived: true });
    expect((await agree()).actionCount).toBe(1);
    await call('objectives:archive', { objectiveId: tree.objectives[0]!.id, archived: false });
    const s2 = tree.sections.find((s) => s.number === '2')!;
    await call('sections:archive', { sectionId: s2.id, archived: true });
    expect((await agree()).actionCount).toBe(2);
    await call('actions:archive', { actionId: tree.actions[0]!.id, archived: true });
    expect((await agree()).actionCount).toBe(1);
  });
});

describe('search', () => {
  it('finds words in action text, objective titles and progress, and hides deleted rows', async () => {
    const hits = await call('search:query', { query: 'chronolog' });
    expect(hits.map((h: { kind: string; reference: string }) => [h.kind, h.reference]).sort()).toEqual([
      ['action', '2.1'],
      ['progress', '2.1'],
    ]);
    expect(hits.find((h: { kind: string }) => h.kind === 'action')!.snippet).toContain('[[chronologies]]');
    expect(
      (await call('search:query', { query: 'leadership strong' }))
        .map((h: { reference: string }) => h.reference)
        .sort(),
    ).toEqual(['1.1', '1.2']);
    expect(await call('search:query', { query: '"OR (' })).toEqual([]); // FTS syntax is never passed through
    await call('actions:update', {
      actionId: tree.actions[2]!.id,
      patch: { description: 'Better case notes', outcome: 'Case notes up to date' },
    });
    expect(
      (await call('search:query', { query: 'chronolog', planId: tree.plan.id })).map((h: { kind: string }) => h.kind),
    ).toEqual(['progress']);
    await call('sections:delete', { sectionId: tree.sections[1]!.id });
    expect(await call('search:query', { query: 'chronolog' })).toEqual([]);
  });
});

describe('duplicate', () => {
  it('copies the live tree with new ids, ratings and progress included', async () => {
    await call('actions:delete', { actionId: tree.actions[1]!.id });
    const copy = await call('plans:duplicate', { planId: tree.plan.id });
    expect(copy.title).toBe('Test improvement plan (copy)');
    const original = getPlanTree(store, tree.plan.id);
    const dup = getPlanTree(store, copy.id);
    expect(dup.actions.map((a) => a.reference)).toEqual(original.actions.map((a) => a.reference));
    expect(dup.ratings).toHaveLength(original.ratings.length);
    expect(dup.progress).toHaveLength(original.progress.length);
    expect(dup.actions[0]!.recommendationIds).toEqual([dup.recommendations[0]!.id]);
    const ids = (t: PlanTree) => [
      t.plan.id,
      ...t.sections.map((s) => s.id),
      ...t.actions.map((a) => a.id),
      ...t.ratings.map((r) => r.id),
      ...t.levels.map((l) => l.id),
    ];
    const overlap = ids(dup).filter((id) => ids(original).includes(id));
    expect(overlap).toEqual([]);
    expect(dup.ratings.every((r) => dup.levels.some((l) => l.id === r.levelId))).toBe(true);
    expect(dup.plan.currentPeriodId).toBe(dup.periods[1]!.id);
  });
});

describe('covering report', () => {
  it('gives a pre-filled default, then the saved report, auditing changed fields', async () => {
    const periodId = tree.periods[1]!.id;
    const draft = await call('coveringReport:get', { planId: tree.plan.id, periodId });
    expect(draft.content.title).toContain('Test improvement plan');
    expect(draft.content.progressParagraph).toMatch(/^Of 3 actions/);
    expect(store.sqlite.prepare('SELECT count(*) FROM covering_reports').pluck().get()).toBe(0);
    const saved = await call('coveringReport:save', {
      planId: tree.plan.id,
      periodId,
      content: { ...draft.content, committee: "Children's Services Overview and Scrutiny Committee" },
    });
    const again = await call('coveringReport:get', { planId: tree.plan.id, periodId });
    expect(again).toEqual(saved);
    await call('coveringReport:save', {
      planId: tree.plan.id,
      periodId,
      content: { ...saved.content, itemNumber: '7' },
    });
    expect(auditOf(saved.id).map((r) => [r.op, r.field])).toEqual([
      ['create', null],
      ['update', 'itemNumber'],
    ]);
  });
});

describe('settings', () => {
  it('saves the user name and makes it the default actor', async () => {
    const info = await call('settings:setUserName', { userName: 'Sam Performance Officer' });
    expect(info.userName).toBe('Sam Performance Officer');
    expect(store.actor()).toBe('Sam Performance Officer');
  });
});

describe('restoring a deleted period or person (the renderer’s undo of a delete)', () => {
  it('brings a period back in its place with its ratings, refuses when a live period took its label', async () => {
    const period = tree.periods.find((p) => !p.locked)!;
    const ratingsBefore = tree.ratings.filter((r) => r.periodId === period.id).length;
    await call('periods:delete', { periodId: period.id });
    expect(refresh().periods.some((p) => p.id === period.id && p.deletedAt === null)).toBe(false);
    const back = await call('periods:restore', { periodId: period.id });
    expect(back).toMatchObject({ id: period.id, label: period.label, position: period.position, deletedAt: null });
    expect(refresh().ratings.filter((r) => r.periodId === period.id)).toHaveLength(ratingsBefore);
    expect(auditOf(period.id).map((a) => a.op)).toContain('restore');

    await call('periods:delete', { periodId: period.id });
    await call('periods:create', { planId: tree.plan.id, label: period.label.toUpperCase() });
    const e = await refuse('periods:restore', { periodId: period.id });
    expect(e.code).toBe('conflict');
    expect(e.message).toContain('cannot come back');
  });

  it('brings a removed person back with their other names', async () => {
    const person = await call('people:upsert', { name: 'Fran Dunmore', aliases: ['F Dunmore'] });
    await call('people:delete', { personId: person.id });
    expect((await call('people:list', {})).map((p) => p.id)).not.toContain(person.id);
    const back = await call('people:restore', { personId: person.id });
    expect(back).toMatchObject({ id: person.id, name: 'Fran Dunmore', aliases: ['F Dunmore'], deletedAt: null });
    expect((await call('people:list', {})).map((p) => p.id)).toContain(person.id);
    const e = await refuse('people:restore', { personId: '00000000-0000-4000-8000-00000000dead' });
    expect(e.code).toBe('not_found');
  });
});
