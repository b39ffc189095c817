/** The night's dashboard (issue 11 point 10) on the sample plan: worst ratings, updates by lead, trends, travel. */
import { describe, expect, it } from 'vitest';
import { actionsOfConcern, actionTravel, sectionTrends, updatesByLead } from '../../shared/dashboard';
import { actionDirection, SCALE_PRESETS } from '../../shared/ratings';
import { computeSummary } from '../../shared/summary';
import { samplePlanDraft } from '../../shared/samples/sample-plan';
import { indexTree, levelOf } from '../../shared/tree';
import { treeFromDraft } from '../../shared/samples/tree-from-draft';

const tree = treeFromDraft(samplePlanDraft);
const index = indexTree(tree);
const periodId = tree.plan.currentPeriodId!;

describe('night dashboard', () => {
  it('lists actions at the levels needing an explanation, worst level first, in plan order within a level', () => {
    const items = actionsOfConcern(tree, periodId);
    expect(items.length).toBeGreaterThan(0);
    for (const i of items) expect(i.level.requiresExplanation).toBe(true);
    const positions = items.map((i) => i.level.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    const expected = computeSummary(tree, { periodId }).actions.filter((a) => {
      const l = a.currentLevelId ? index.levelsById.get(a.currentLevelId) : undefined;
      return l?.requiresExplanation;
    });
    expect(items.map((i) => i.action.id).sort()).toEqual(expected.map((a) => a.actionId).sort());
  });

  it('counts public updates this period by lead, matching real lead cells and the directory’s aliases', () => {
    const rows = updatesByLead(tree, periodId, [{ name: 'Frances Hale', aliases: ['F Dunmore'] }]);
    const frances = rows.find((r) => r.name === 'Frances Hale')!;
    const dunmore = tree.actions.filter((a) => a.deletedAt === null && a.leads.some((l) => /Dunmore/.test(l.name)));
    expect(frances).toMatchObject({ inDirectory: true, actions: dunmore.length });
    expect(frances.updated + frances.missing.length).toBe(frances.actions);
    expect(rows.some((r) => r.name === 'F Dunmore')).toBe(false);
    // A cell naming two people counts for each; a team with no name is listed under its own text.
    expect(rows.some((r) => r.name === 'Performance and Intelligence Team')).toBe(true);
    // Those with most still to update come first.
    const left = rows.map((r) => r.actions - r.updated);
    expect(left).toEqual([...left].sort((a, b) => b - a));
    // With no period, nobody has updated.
    expect(updatesByLead(tree, null).every((r) => r.updated === 0)).toBe(true);
  });

  it('gives each section a point per period whose mean matches the summary’s', () => {
    const { sections } = sectionTrends(tree);
    expect(sections.length).toBe(computeSummary(tree, { periodId }).sections.length);
    for (const p of index.periods) {
      const summary = computeSummary(tree, { periodId: p.id, compareId: null });
      for (const s of summary.sections) {
        const point = sections.find((t) => t.sectionId === s.sectionId)!.points.find((q) => q.periodId === p.id)!;
        expect(point.shown).toBe(s.current.oneDp);
      }
    }
  });

  it('gives each action its direction of travel by the one rule, against the default compare period', () => {
    const summary = computeSummary(tree, { periodId });
    for (const a of summary.actions) expect(actionTravel(tree, a.actionId, periodId)).toBe(a.direction);
    const first = index.periods[0]!.id;
    expect(actionTravel(tree, summary.actions[0]!.actionId, first)).toBeNull();
    const a = summary.actions[0]!;
    expect(actionTravel(index, a.actionId, periodId)).toBe(
      actionDirection(
        levelOf(index, a.actionId, summary.compareId!)?.id ?? null,
        levelOf(index, a.actionId, periodId)?.id ?? null,
        index.levels,
      ),
    );
  });

  it('marks a team or body as such, not as someone missing from People', () => {
    const rows = updatesByLead(tree, periodId);
    expect(rows.find((r) => r.name === 'Performance and Intelligence Team')).toMatchObject({
      body: true,
      inDirectory: false,
    });
    expect(rows.find((r) => r.name === 'F Dunmore')).toMatchObject({ body: false, inDirectory: false });
  });

  it('draws means on the scale’s own range, each end named by its label; shares on a colour key', () => {
    expect(sectionTrends(tree).scale).toBeNull();
    const numbered = treeFromDraft({
      ...samplePlanDraft,
      scale: SCALE_PRESETS['five-level'].levels.map((l) => ({ ...l })),
      sections: (samplePlanDraft.sections ?? []).map((s) => ({
        ...s,
        actions: (s.actions ?? []).map((a) => ({
          ...a,
          ratings: (a.ratings ?? []).map((r) => ({
            ...r,
            level: ({ R: '1', A: '2', G: '3', B: '4' } as const)[r.level as 'R'],
          })),
        })),
      })),
    });
    const trends = sectionTrends(numbered);
    expect(trends.useMeans).toBe(true);
    expect(trends.scale).toEqual({
      bottom: { score: 1, words: '1 Not started' },
      top: { score: 5, words: '5 Sustained' },
    });
    // A label without its number gets it: "4, Outstanding".
    const named = treeFromDraft({
      ...samplePlanDraft,
      scale: SCALE_PRESETS['five-level'].levels.map((l, i) => ({
        ...l,
        label: ['Inadequate', 'Weak', 'Fair', 'Good', 'Outstanding'][i]!,
      })),
      sections: [],
    });
    expect(sectionTrends(named).scale).toEqual({
      bottom: { score: 1, words: '1, Inadequate' },
      top: { score: 5, words: '5, Outstanding' },
    });
  });
});
