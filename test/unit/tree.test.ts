import { describe, expect, it } from 'vitest';
import type { PlanTree, ProgressUpdate } from '../../shared/model';
import { indexTree, latestProgress, levelOf, liveActions, ratingKey, ratingOf } from '../../shared/tree';
import { treeFromDraft } from '../../shared/samples/tree-from-draft';
import { samplePlanDraft } from '../../shared/samples/sample-plan';
import { largePlanDraft } from '../../shared/samples/large-plan';

function sample(mutate?: (t: PlanTree) => void): PlanTree {
  const t = treeFromDraft(samplePlanDraft);
  mutate?.(t);
  return t;
}

const period = (t: PlanTree, label: string) => t.periods.find((p) => p.label === label)!.id;
const action = (t: PlanTree, ref: string) => t.actions.find((a) => a.reference === ref)!;

describe('indexTree', () => {
  const tree = sample();
  const index = indexTree(tree);

  it('maps sections, actions in order, objectives, levels, periods and recommendations', () => {
    expect(index.sections.map((s) => s.number)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(index.sectionsById.get(tree.sections[2]!.id)).toBe(tree.sections[2]);
    expect(index.actionsBySection.get(tree.sections[2]!.id)!.map((a) => a.reference)).toEqual([
      '3.1',
      '3.2',
      '3.3',
      '3.4',
      '3.5',
      '3.6',
    ]);
    expect(index.objectivesBySection.get(tree.sections[0]!.id)).toHaveLength(4);
    expect(index.levels.map((l) => l.label)).toEqual(['Red', 'Amber', 'Green', 'Blue']);
    expect(index.levelsById.size).toBe(4);
    expect(index.periods.map((p) => p.label)).toEqual(['November 2025', 'January 2026', 'March 2026']);
    expect(index.recommendationsById.size).toBe(4);
  });

  it('maps ratings by action and period', () => {
    const a = action(tree, '4.5');
    const jan = period(tree, 'January 2026');
    const r = ratingOf(index, a.id, jan)!;
    expect(r.actionId).toBe(a.id);
    expect(index.ratings.get(ratingKey(a.id, jan))).toBe(r);
    expect(levelOf(index, a.id, jan)!.label).toBe('Red');
    expect(ratingOf(index, a.id, period(tree, 'March 2026'))).toBeNull();
    expect(levelOf(index, action(tree, '3.6').id, jan)).toBeNull();
  });

  it('answered-by lists the actions citing each recommendation, in plan order', () => {
    const label = (id: string) => tree.actions.find((a) => a.id === id)!.reference;
    const byLabel = new Map(tree.recommendations.map((r) => [r.label, (index.answeredBy.get(r.id) ?? []).map(label)]));
    expect(byLabel.get('Ofsted 1')).toEqual(['4.1']);
    expect(byLabel.get('Ofsted 2')).toEqual(['4.2']);
    expect(byLabel.get('Ofsted 3')).toEqual(['3.3', '5.1', '5.2']);
    expect(byLabel.get('Ofsted 4')).toEqual([]);
  });

  it('skips tombstoned entities and sorts out-of-order input by position', () => {
    const t = sample((t) => {
      t.actions.find((a) => a.reference === '1.2')!.deletedAt = '2026-01-20T10:00:00.000Z';
      t.sections[5]!.deletedAt = '2026-01-20T10:00:00.000Z';
      t.recommendations[3]!.deletedAt = '2026-01-20T10:00:00.000Z';
      t.actions.reverse();
      t.sections.reverse();
    });
    const i = indexTree(t);
    expect(i.sections.map((s) => s.number)).toEqual(['1', '2', '3', '4', '5']);
    expect(i.actionsBySection.get(t.sections.find((s) => s.number === '1')!.id)!.map((a) => a.reference)).toEqual([
      '1.1',
      '1.3',
      '1.4',
    ]);
    expect(i.recommendations).toHaveLength(3);
    expect(
      liveActions(i)
        .map((a) => a.reference)
        .slice(0, 4),
    ).toEqual(['1.1', '1.3', '1.4', '2.1']);
    expect(liveActions(i)).toHaveLength(25);
  });
});

describe('liveActions', () => {
  it('leaves out archived actions and archived sections unless asked', () => {
    const t = sample((t) => {
      action(t, '2.1').archived = true;
      t.sections[5]!.archived = true;
    });
    expect(liveActions(t)).toHaveLength(30 - 1 - 4);
    expect(liveActions(t).map((a) => a.reference)).not.toContain('2.1');
    const all = liveActions(t, { includeArchived: true });
    expect(all).toHaveLength(30);
    expect(all.map((a) => a.reference).slice(0, 6)).toEqual(['1.1', '1.2', '1.3', '1.4', '2.1', '2.2']);
  });
});

describe('latestProgress', () => {
  const t = sample();
  const a = action(t, '1.4');
  const jan = period(t, 'January 2026');
  const extra = (id: string, createdAt: string, internal: boolean, body: string): ProgressUpdate => ({
    id,
    actionId: a.id,
    periodId: jan,
    body,
    author: 'A Okafor AD',
    internal,
    createdAt,
    updatedAt: createdAt,
    deletedAt: null,
  });

  it('gives the newest published update, or the internal note when asked', () => {
    const i = indexTree(t);
    expect(latestProgress(i, a.id, jan)!.body).toMatch(/^Some progress\./);
    expect(latestProgress(i, a.id, jan, { includeInternal: true })!.internal).toBe(true);
    expect(latestProgress(i, a.id, period(t, 'March 2026'))).toBeNull();
  });

  it('orders updates newest first and ignores deleted ones', () => {
    const t2 = sample();
    const a2 = action(t2, '1.4');
    t2.progress.push(
      {
        ...extra('00000000-0000-4000-8000-aaaaaaaaaaa1', '2026-01-20T09:00:00.000Z', false, 'Newer published'),
        actionId: a2.id,
        periodId: period(t2, 'January 2026'),
      },
      {
        ...extra('00000000-0000-4000-8000-aaaaaaaaaaa2', '2026-01-25T09:00:00.000Z', false, 'Newest but deleted'),
        actionId: a2.id,
        periodId: period(t2, 'January 2026'),
        deletedAt: '2026-01-26T09:00:00.000Z',
      },
    );
    const i = indexTree(t2);
    expect(latestProgress(i, a2.id, period(t2, 'January 2026'))!.body).toBe('Newer published');
    const all = i.progressByAction.get(a2.id)!;
    expect(all[0]!.body).toBe('Newer published');
    expect(all.every((p, k) => k === 0 || all[k - 1]!.createdAt >= p.createdAt)).toBe(true);
  });
});

describe('indexTree on the large plan', () => {
  it('indexes 1,200 actions x 8 periods and 5,000 progress updates', () => {
    const t = treeFromDraft(largePlanDraft());
    const i = indexTree(t);
    expect(i.ratings.size).toBe(9600);
    expect(liveActions(i)).toHaveLength(1200);
    expect([...i.progressByAction.values()].reduce((n, l) => n + l.length, 0)).toBe(5000);
    const last = i.periods.at(-1)!.id;
    expect(t.actions.every((a) => ratingOf(i, a.id, last) !== null)).toBe(true);
  });
});

describe('archived objectives', () => {
  it('leave their actions out of the live actions and the summary, like archived sections', async () => {
    const { treeFromDraft } = await import('../../shared/samples/tree-from-draft');
    const { samplePlanDraft } = await import('../../shared/samples/sample-plan');
    const { computeSummary } = await import('../../shared/summary');
    const { indexTree, liveActions, isEffectivelyArchived } = await import('../../shared/tree');
    const tree = treeFromDraft(samplePlanDraft);
    const before = liveActions(tree).length;
    const objective = tree.objectives.find((o) => tree.actions.some((a) => a.objectiveId === o.id))!;
    const under = tree.actions.filter((a) => a.objectiveId === objective.id);
    objective.archived = true;
    const index = indexTree(tree);
    expect(under.every((a) => isEffectivelyArchived(index, a))).toBe(true);
    expect(liveActions(tree).length).toBe(before - under.length);
    expect(liveActions(tree, { includeArchived: true }).length).toBe(before);
    expect(computeSummary(tree, {}).overall.actionCount).toBe(before - under.length);
  });
});
