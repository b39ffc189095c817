/**
 * Acceptance checks of issue 4 not covered elsewhere: the rating history layout (every period up to the
 * reported one when they fit, the baseline and the latest ones with a note when not, an explicit number),
 * a lead's return narrowing the summary and the recommendations, the compare-with period, the optional
 * parts, and the heading outline levels behind Word's navigation pane.
 */
import type { Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { buildAppendix } from '../../electron/export/appendix';
import {
  buildAppendixModel,
  columnMinimum,
  sectionName,
  TABLE_HALF_POINTS,
} from '../../electron/export/appendix-model';
import { LANDSCAPE_A4, textWidth } from '../../electron/export/layout';
import { ExportOptions, type ExportOptionsInput } from '../../shared/export-options';
import type { PlanTree } from '../../shared/model';
import { largePlanDraft } from '../../shared/samples/large-plan';
import { samplePlanDraft, SAMPLE_FACTS } from '../../shared/samples/sample-plan';
import { P1, P2, roundingDraft } from './fixtures';
import {
  all,
  attr,
  cellsOf,
  cellText,
  first,
  openDocx,
  rowsOf,
  tables,
  textOf,
  treeFor,
  type Package,
} from './helpers';

const TEXT_WIDTH = textWidth(LANDSCAPE_A4);
const exportOf = async (tree: PlanTree, o: ExportOptionsInput = {}): Promise<Package> =>
  openDocx(await buildAppendix(tree, ExportOptions.parse(o)));

/** Header texts of the first plan table (the one whose header starts with `first`). */
function planHeader(pkg: Package, firstLabel: string): string[] {
  const tbl = tables(pkg.doc).find((t) => cellText(cellsOf(rowsOf(t)[0]!)[0]!) === firstLabel);
  if (!tbl) throw new Error(`no table headed ${firstLabel}`);
  return cellsOf(rowsOf(tbl)[0]!).map(cellText);
}

const planTables = (pkg: Package, firstLabel: string): Element[] =>
  tables(pkg.doc).filter((t) => cellText(cellsOf(rowsOf(t)[0]!)[0]!) === firstLabel);

describe('the rating history layout (five-level development plan, 8 periods)', () => {
  const tree = treeFor(largePlanDraft({ sections: 2, actions: 12, periods: 8, progress: 24 }));
  const labels = [...tree.periods].sort((a, b) => a.position - b.position).map((p) => p.label);

  it('shows every period up to the reported one, in order, when they fit beside the chosen columns', async () => {
    // Issue 12.7: the history is never set below 10 pt, so eight periods fit beside the reference and progress.
    const pkg = await exportOf(tree, { columns: ['reference', 'ratingHistory', 'progress'] });
    expect(planHeader(pkg, 'Ref')).toEqual(['Ref', ...labels, 'Progress update']);
    expect(textOf(pkg.doc)).not.toContain('left out to fit the page');
    // More than three periods: the small rating style, 10 pt (never the old 7 pt), still each level's label.
    const tbl = planTables(pkg, 'Ref')[0]!;
    const cell = cellsOf(rowsOf(tbl)[1]!)[1]!;
    expect(attr(first(cell, 'pStyle'), 'val')).toBe('RatingTextSmall');
    expect(pkg.files['word/styles.xml']).toMatch(/w:styleId="RatingTextSmall"[\s\S]*?<w:sz w:val="20"\/>/);
    expect(pkg.files['word/styles.xml']).not.toMatch(/<w:sz w:val="1[0-9]"\/>/);
    expect(tree.levels.some((l) => cellText(cell).includes(l.label))).toBe(true);
  });

  it('stops at the reported period', async () => {
    const period = [...tree.periods].sort((a, b) => a.position - b.position)[3]!;
    const pkg = await exportOf(tree, { periodId: period.id, columns: ['reference', 'ratingHistory', 'progress'] });
    expect(planHeader(pkg, 'Ref')).toEqual(['Ref', ...labels.slice(0, 4), 'Progress update']);
  });

  it('keeps the baseline and the latest periods, with a note, when all would squeeze the other columns', async () => {
    const pkg = await exportOf(tree);
    const header = planHeader(pkg, 'Ref');
    const shown = header.filter((h) => labels.includes(h));
    // At 10 pt (issue 12.7) fewer periods fit beside the plan's many columns: at least the baseline and the latest.
    expect(shown.length).toBeGreaterThanOrEqual(2);
    expect(shown.length).toBeLessThan(labels.length);
    expect(shown[0]).toBe(labels[0]);
    expect(shown.slice(1)).toEqual(labels.slice(-(shown.length - 1)));
    const omitted = labels.filter((l) => !shown.includes(l));
    expect(textOf(pkg.doc)).toContain(`${omitted[0]} to ${omitted.at(-1)} are left out to fit the page`);
    // No column is squeezed below what its longest word needs (so no word is split mid-way).
    const model = buildAppendixModel(tree, ExportOptions.parse({}));
    const minimums = model.sections[0]!.table.columns.map((c) => columnMinimum(c, TABLE_HALF_POINTS, TEXT_WIDTH));
    expect(minimums.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(TEXT_WIDTH);
    const grid = all(planTables(pkg, 'Ref')[0]!, 'gridCol').map((g) => Number(attr(g, 'w')));
    grid.forEach((w, i) => expect(w, model.sections[0]!.table.columns[i]!.label).toBeGreaterThanOrEqual(minimums[i]!));
    for (const tbl of planTables(pkg, 'Ref')) expect(grid.length).toBe(all(tbl, 'gridCol').length);
  });

  it('shows exactly the number of periods the author asks for', async () => {
    const pkg = await exportOf(tree, { historyPeriods: 2 });
    expect(planHeader(pkg, 'Ref').filter((h) => labels.includes(h))).toEqual(labels.slice(-2));
    expect(textOf(pkg.doc)).not.toContain('left out to fit the page');
  });

  it('refuses a number of periods out of range', () => {
    expect(ExportOptions.safeParse({ historyPeriods: 0 }).success).toBe(false);
    expect(ExportOptions.safeParse({ historyPeriods: 25 }).success).toBe(false);
    expect(ExportOptions.parse({}).historyPeriods).toBeUndefined();
  });
});

describe('a lead’s return', () => {
  const tree = treeFor(samplePlanDraft);

  it('summarises only the areas where the lead has actions', async () => {
    const pkg = await exportOf(tree, { lead: 'okafor' });
    const summary = tables(pkg.doc).find((t) => cellText(cellsOf(rowsOf(t)[0]!)[0]!) === 'Area')!;
    const areas = rowsOf(summary)
      .slice(1)
      .map((tr) => cellText(cellsOf(tr)[0]!));
    const leadSections = new Set(
      tree.actions.filter((a) => a.leads.some((l) => /okafor/i.test(l.name))).map((a) => a.sectionId),
    );
    const expected = tree.sections.filter((s) => leadSections.has(s.id)).sort((a, b) => a.position - b.position);
    // The sample's colour key has no numbers: the last row totals the areas rather than averaging them (issue 12 point 2).
    expect(areas).toEqual([...expected.map((s) => `${s.number}. ${s.title}`), 'Overall']);
    expect(expected.length).toBeLessThan(SAMPLE_FACTS.sections);
  });

  it('cites only the actions in the return against each recommendation, and says when others answer it', async () => {
    const pkg = await exportOf(tree, { lead: 'okafor' });
    const shown = new Set(
      all(pkg.doc, 'tr')
        .map((tr) => cellText(cellsOf(tr)[0]!).split('\n')[0]!) // the reference, then any recommendations it answers
        .filter((t) => /^\d+\.\d+$/.test(t)),
    );
    const recs = tables(pkg.doc).find((t) => cellText(cellsOf(rowsOf(t)[0]!)[0]!) === 'Recommendation')!;
    const answers = rowsOf(recs)
      .slice(1)
      .map((tr) => [cellText(cellsOf(tr)[0]!), cellText(cellsOf(tr)[2]!)] as const);
    for (const [, refs] of answers)
      for (const ref of refs.match(/\d+\.\d+/g) ?? []) expect(shown.has(ref), ref).toBe(true);
    expect(answers.some(([, refs]) => refs === 'None in this appendix (answered elsewhere in the plan)')).toBe(true);
    expect(answers.find(([label]) => label === SAMPLE_FACTS.unansweredRecommendation)![1]).toBe(
      'Not yet answered by any action',
    );
  });
});

describe('the other options', () => {
  const tree = treeFor(roundingDraft);

  it('compares with the chosen period, or with none', async () => {
    const p1 = tree.periods.find((p) => p.label === P1)!;
    const p2 = tree.periods.find((p) => p.label === P2)!;
    const withP1 = await exportOf(tree, { periodId: p2.id, compareId: p1.id });
    expect(textOf(withP1.doc)).toContain(`Compared with: ${P1}`);
    expect(planHeader(withP1, 'Area').slice(1, 3)).toEqual([`Previous (${P1}) average`, `Current (${P2}) average`]);
    const none = await exportOf(tree, { compareId: null });
    expect(textOf(none.doc)).not.toContain('Compared with:');
    // No comparison: no previous average and no direction of travel at all, rather than a column of dashes (issue 12 point 3).
    expect(planHeader(none, 'Area').slice(1, 2)).toEqual([`Current (${P2}) average`]);
    expect(planHeader(none, 'Area').join('|')).not.toMatch(/Previous|Direction of travel/);
    await expect(
      buildAppendix(tree, ExportOptions.parse({ compareId: '00000000-0000-4000-8000-000000000000' })),
    ).rejects.toThrow(/compare-with period is not part of this plan/);
  });

  it('leaves out the introduction, recommendations and governance when asked', async () => {
    const full = textOf((await exportOf(tree)).doc);
    for (const t of [
      'First paragraph of the introduction.',
      'Ofsted recommendations',
      'Overseen by the Improvement Board',
    ])
      expect(full).toContain(t);
    const bare = textOf(
      (await exportOf(tree, { includeIntroduction: false, includeRecommendations: false, includeGovernance: false }))
        .doc,
    );
    for (const t of [
      'First paragraph of the introduction.',
      'Ofsted recommendations',
      'Overseen by the Improvement Board',
    ])
      expect(bare).not.toContain(t);
    expect(bare).toContain('Summary of all areas');
  });

  it('gives the heading styles outline levels, so the navigation pane and PDF bookmarks list them', async () => {
    const pkg = await exportOf(tree);
    const styles = pkg.files['word/styles.xml']!;
    for (const [id, level] of [
      ['Heading1', '0'],
      ['Heading2', '1'],
    ] as const) {
      const style = new RegExp(`<w:style [^>]*w:styleId="${id}"[\\s\\S]*?</w:style>`).exec(styles)?.[0] ?? '';
      expect(style, id).toMatch(new RegExp(`<w:outlineLvl w:val="${level}"/>`));
    }
  });

  it('names renumbered sections the way plans print them: "7 (14) Title", not "7 (14). Title"', async () => {
    expect(sectionName('3', 'Front Door')).toBe('3. Front Door');
    expect(sectionName('7 (14)', 'Front Door')).toBe('7 (14) Front Door');
    expect(sectionName('', 'Front Door')).toBe('Front Door');
    const renumbered = treeFor({ ...roundingDraft, sections: [{ ...roundingDraft.sections![0]!, number: '7 (14)' }] });
    const text = textOf((await exportOf(renumbered)).doc);
    expect(text).toContain('7 (14) Rounds up to 3.3');
    expect(text).not.toContain('7 (14). ');
  });
});

describe('archived objectives', () => {
  it('leaves out the actions of an archived objective unless archived actions are included', async () => {
    const { treeFromDraft } = await import('../../shared/samples/tree-from-draft');
    const { samplePlanDraft } = await import('../../shared/samples/sample-plan');
    const { ExportOptions } = await import('../../shared/export-options');
    const model = await import('../../electron/export/appendix-model');
    const tree = treeFromDraft(samplePlanDraft);
    const objective = tree.objectives.find((o) => tree.actions.some((a) => a.objectiveId === o.id))!;
    const under = tree.actions.filter((a) => a.objectiveId === objective.id).map((a) => a.id);
    objective.archived = true;
    const pick = model.resolveSelection;
    const shown = pick(tree, ExportOptions.parse({})).actions.map((a) => a.id);
    expect(shown.some((id) => under.includes(id))).toBe(false);
    const all = pick(tree, ExportOptions.parse({ includeArchived: true })).actions.map((a) => a.id);
    expect(under.every((id) => all.includes(id))).toBe(true);
  });
});
