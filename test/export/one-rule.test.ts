/**
 * One "effectively archived" rule (shared/tree.ts) and one column registry (shared/columns.ts): the summary,
 * the appendix model and the renderer's views give the same answer on the same fixture.
 */
import { describe, expect, it } from 'vitest';
import { resolveSelection, buildAppendixModel } from '../../electron/export/appendix-model';
import { COLUMNS } from '../../shared/columns';
import { ExportOptions } from '../../shared/export-options';
import { ColumnField, type PlanTree } from '../../shared/model';
import { samplePlanDraft } from '../../shared/samples/sample-plan';
import { treeFromDraft } from '../../shared/samples/tree-from-draft';
import { computeSummary } from '../../shared/summary';
import { TEMPLATES } from '../../shared/templates';
import { answeringReferences, indexTree } from '../../renderer/src/state/indexes';
import { buildRows } from '../../renderer/src/table/rows';

const TODAY = '2026-01-31';

/**
 * The sample plan with section 4 archived (its actions alone answer Ofsted 1 and Ofsted 2), action 5.1
 * archived itself and the objective of 5.2 archived: Ofsted 3 is then answered by 3.3 only.
 */
function fixture(): { tree: PlanTree; live: string[]; unanswered: string[] } {
  const tree = treeFromDraft(samplePlanDraft);
  const byRef = (ref: string) => tree.actions.find((a) => a.reference === ref)!;
  const section4 = tree.sections.find((s) => s.number === '4')!;
  section4.archived = true;
  byRef('5.1').archived = true;
  const objective = tree.objectives.find((o) => o.id === byRef('5.2').objectiveId)!;
  objective.archived = true;
  // Worked out by hand, not with the rule under test.
  const sectionOrder = new Map(tree.sections.map((s) => [s.id, s.position]));
  const live = tree.actions
    .filter((a) => a.sectionId !== section4.id && a.reference !== '5.1' && a.objectiveId !== objective.id)
    .sort((a, b) => sectionOrder.get(a.sectionId)! - sectionOrder.get(b.sectionId)! || a.position - b.position)
    .map((a) => a.id);
  const label = (l: string) => tree.recommendations.find((r) => r.label === l)!.id;
  return { tree, live, unanswered: ['Ofsted 1', 'Ofsted 2', 'Ofsted 4'].map(label) };
}

const NOT_ANSWERED = 'Not yet answered by any action';

/** The recommendations the appendix says nothing answers. */
function appendixUnanswered(tree: PlanTree, options: Partial<ExportOptions> = {}): string[] {
  const model = buildAppendixModel(tree, ExportOptions.parse({ ...options, includeRecommendations: true }));
  const rows = model.recommendations!.table.rows;
  return tree.recommendations
    .filter((_, i) => {
      const cell = rows[i]![2]!;
      return cell.kind === 'text' && cell.paras.flat().some((s) => s.text === NOT_ANSWERED);
    })
    .map((r) => r.id);
}

describe('one archived rule: the summary, the appendix and the renderer agree', () => {
  it('show the same live actions', () => {
    const { tree, live } = fixture();
    expect(live.length).toBeGreaterThan(10);
    const summary = computeSummary(tree, { today: TODAY });
    expect(summary.actions.map((a) => a.actionId)).toEqual(live);
    expect(resolveSelection(tree, ExportOptions.parse({})).actions.map((a) => a.id)).toEqual(live);
    const rows = buildRows(indexTree(tree), false).flatMap((r) => (r.kind === 'action' ? [r.action.id] : []));
    expect(rows).toEqual(live);
  });

  it('count the same recommendations as unanswered: archived actions answer nothing', () => {
    const { tree, unanswered } = fixture();
    expect(computeSummary(tree, { today: TODAY }).unansweredRecommendationIds).toEqual(unanswered);
    expect(appendixUnanswered(tree)).toEqual(unanswered);
    const answered = answeringReferences(indexTree(tree));
    expect(tree.recommendations.map((r) => r.id).filter((id) => !answered.has(id))).toEqual(unanswered);
    expect(answered.get(tree.recommendations.find((r) => r.label === 'Ofsted 3')!.id)).toEqual(['3.3']);
  });

  it('still answer nothing from archived actions when the appendix includes them', () => {
    const { tree, unanswered } = fixture();
    expect(appendixUnanswered(tree, { includeArchived: true })).toEqual(unanswered);
  });

  it('agree on the untouched sample too (Ofsted 4 only)', () => {
    const tree = treeFromDraft(samplePlanDraft);
    const ofsted4 = [tree.recommendations.find((r) => r.label === 'Ofsted 4')!.id];
    expect(computeSummary(tree, { today: TODAY }).unansweredRecommendationIds).toEqual(ofsted4);
    expect(appendixUnanswered(tree)).toEqual(ofsted4);
  });
});

describe('the column registry', () => {
  it('has one spec per ColumnField, naming its own field, with the blank template’s labels', () => {
    expect(Object.keys(COLUMNS).sort()).toEqual([...ColumnField.options].sort());
    for (const f of ColumnField.options) expect(COLUMNS[f].field).toBe(f);
    for (const c of TEMPLATES.blank.columns) expect(COLUMNS[c.field].label).toBe(c.label);
  });

  it('gives the appendix and the plan table the same lead names', () => {
    const tree = treeFromDraft(samplePlanDraft);
    const model = buildAppendixModel(tree, ExportOptions.parse({ columns: ['reference', 'lead', 'strategicLead'] }));
    const first = model.sections[0]!;
    const action = resolveSelection(tree, ExportOptions.parse({})).actions[0]!;
    const ctx = {
      objectiveTitle: () => undefined,
      recommendationLabel: () => undefined,
      levelOf: () => null,
      progressOf: () => [],
      periodId: null,
      historyPeriodIds: [],
      shown: new Set<ColumnField>(['reference', 'lead', 'strategicLead']),
    };
    const cell = first.table.rows[0]![1]!;
    expect(cell.kind === 'text' ? cell.paras.map((p) => p.map((s) => s.text).join('')) : null).toEqual(
      COLUMNS.lead.value(action, ctx),
    );
  });
});
