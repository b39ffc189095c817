/** The plan table's filter bar rules (issue 11 point 3), on the sample plan. */
import { describe, expect, it } from 'vitest';
import { samplePlanDraft } from '../../shared/samples/sample-plan';
import { treeFromDraft } from '../../shared/samples/tree-from-draft';
import type { Action, Person } from '../../shared/model';
import { indexTree } from '../../renderer/src/state/indexes';
import { actionPredicate, leadChoices, NO_FILTER, type ActionFilter } from '../../renderer/src/table/filters';
import { buildRows } from '../../renderer/src/table/rows';

const tree = treeFromDraft(samplePlanDraft);
const index = indexTree(tree);
const actions = [...index.actionById.values()];
const person = (name: string): Person => ({
  id: crypto.randomUUID(),
  name,
  jobTitle: '',
  service: '',
  email: '',
  signatory: false,
  aliases: [],
  updatedAt: '2026-01-01T00:00:00.000Z',
  deletedAt: null,
});
const run = (f: Partial<ActionFilter>, extra: { userName?: string; people?: Person[] } = {}) =>
  actions
    .filter(
      actionPredicate(
        { ...NO_FILTER, ...f },
        {
          index,
          periodId: tree.plan.currentPeriodId,
          userName: extra.userName ?? '',
          people: extra.people ?? [],
          today: '2026-02-13',
        },
      ),
    )
    .map((a: Action) => a.reference);

describe('filter bar', () => {
  it('"My actions" reads real lead cells: "Service Lead F Dunmore" is F Dunmore’s', () => {
    const dunmore = actions.filter((a) => a.leads.some((l) => l.name.includes('Dunmore'))).map((a) => a.reference);
    expect(dunmore.length).toBeGreaterThan(0);
    expect(run({ mine: true }, { userName: 'F Dunmore' })).toEqual(dunmore);
    expect(run({ mine: true }, { userName: 'Fiona Dunmore' })).toEqual(dunmore);
    expect(run({ lead: 'F Dunmore' })).toEqual(dunmore);
    expect(run({ mine: true }, { userName: '' })).toEqual([]);
  });
  it('offers the people in lead cells, marking those not in the directory', () => {
    const choices = leadChoices(actions, [person('Fiona Dunmore')]);
    expect(choices).toContainEqual({ name: 'Fiona Dunmore', inDirectory: true });
    expect(choices.some((c) => c.name === 'F Dunmore')).toBe(false);
    expect(choices.some((c) => !c.inDirectory)).toBe(true);
  });
  it('filters by rating level, not rated, recommendation, and combines filters', () => {
    const green = index.levels.find((l) => l.label === 'Green')!;
    const greens = run({ levelId: green.id });
    expect(greens.length).toBeGreaterThan(0);
    for (const ref of greens) {
      const a = actions.find((x) => x.reference === ref)!;
      expect(index.ratingOf(a.id, tree.plan.currentPeriodId!)?.levelId).toBe(green.id);
    }
    const rec = tree.recommendations[0]!;
    expect(run({ recommendationId: rec.id })).toEqual(
      actions.filter((a) => a.recommendationIds.includes(rec.id)).map((a) => a.reference),
    );
    expect(run({ levelId: green.id, recommendationId: rec.id }).every((r) => greens.includes(r))).toBe(true);
  });
  it('drops sections and objectives with nothing to show', () => {
    const keep = actionPredicate(
      { ...NO_FILTER, lead: 'F Dunmore' },
      { index, periodId: tree.plan.currentPeriodId, userName: '', people: [], today: '2026-02-13' },
    );
    const rows = buildRows(index, false, keep);
    expect(rows.filter((r) => r.kind === 'empty')).toEqual([]);
    for (const r of rows) if (r.kind === 'section') expect(r.count).toBeGreaterThan(0);
    expect(rows.filter((r) => r.kind === 'action').length).toBe(run({ lead: 'F Dunmore' }).length);
  });
});
