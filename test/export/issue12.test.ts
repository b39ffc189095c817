/**
 * Issue 12: an appendix and covering report a clerk publishes without touching. Each block checks one point
 * of the issue on the document XML (fflate + xmldom); the rendered checks are in libreoffice.test.ts.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildAppendix } from '../../electron/export/appendix';
import { buildAppendixModel, FIRST_REPORT } from '../../electron/export/appendix-model';
import { buildCoveringReport } from '../../electron/export/covering-report';
import { CoveringReportContent } from '../../shared/covering-report';
import { ExportOptions, type ExportOptionsInput } from '../../shared/export-options';
import { draftFromFixture2020 } from '../../shared/fixture-2020';
import type { PlanTree } from '../../shared/model';
import { samplePlanDraft } from '../../shared/samples/sample-plan';
import { computeSummary, describeProgress } from '../../shared/summary';
import { roundingDraft } from './fixtures';
import { cellsOf, cellText, openDocx, rowsOf, tables, textOf, treeFor, type Package } from './helpers';

const FIXTURES = '/work/shared/fixtures';
const exportOf = async (tree: PlanTree, o: ExportOptionsInput = {}): Promise<Package> => openDocx(await buildAppendix(tree, ExportOptions.parse(o)));
const tableHeaded = (pkg: Package, label: string) => tables(pkg.doc).find((t) => cellText(cellsOf(rowsOf(t)[0]!)[0]!) === label)!;
const header = (pkg: Package, label: string) => cellsOf(rowsOf(tableHeaded(pkg, label))[0]!).map(cellText);

export function fixture2020Tree(): PlanTree {
  const json = JSON.parse(fs.readFileSync(`${FIXTURES}/continuous-development-plan-2020.json`, 'utf8'));
  const expected = JSON.parse(fs.readFileSync(`${FIXTURES}/word/continuous-development-plan-2020-rated.expected.json`, 'utf8')) as { ratings: Record<string, string> };
  return treeFor(draftFromFixture2020(json, expected.ratings as never));
}

describe('point 2: averages only where the scale has numbers', () => {
  const sample = treeFor(samplePlanDraft); // four-level colour key, two rated periods
  const numeric = treeFor(roundingDraft); // five-level 1-5

  it('a colour key prints counts per level and the share on track or complete, never an average', async () => {
    const pkg = await exportOf(sample);
    const text = textOf(pkg.doc);
    expect(text).not.toMatch(/Average rating|average of the areas|\(\d\.\d\)/);
    const head = header(pkg, 'Area');
    expect(head.join('|')).not.toMatch(/average/i);
    expect(head).toEqual(expect.arrayContaining(['Not rated', 'On track or complete', 'Complete']));
    expect(text).toMatch(/Ratings for January 2026: [^.]*\d+ Green[^.]*\. \d+ of \d+ rated actions \(\d+%\) are on track or complete\./);
    const report = textOf(openDocx(await buildCoveringReport(sample, CoveringReportContent.parse({}), computeSummary(sample))).doc);
    expect(report).not.toMatch(/average rating|\(\d\.\d\)|\d\.\d → \d\.\d|moved from/i);
    expect(report).toMatch(/on track or complete/);
  });

  it('a numbered scale keeps its averages', async () => {
    const pkg = await exportOf(numeric);
    expect(header(pkg, 'Area').join('|')).toMatch(/average/);
    expect(textOf(pkg.doc)).toMatch(/Average rating: RAG 01\/18: \d \(\d\.\d\)/);
    expect(describeProgress(computeSummary(numeric), numeric)).toMatch(/overall average rating/);
  });
});

describe('point 3: a plan with one rated period', () => {
  const tree = fixture2020Tree();

  it('has no previous or direction columns, no "+ New", and says it is the first report', async () => {
    const pkg = await exportOf(tree);
    const text = textOf(pkg.doc);
    expect(header(pkg, 'Area').join('|')).not.toMatch(/Previous|Direction/);
    expect(text).not.toContain('+ New');
    expect(text).toContain(FIRST_REPORT);
    const summary = computeSummary(tree);
    expect(describeProgress(summary, tree)).toContain('This is the first report on the plan');
    const report = textOf(openDocx(await buildCoveringReport(tree, CoveringReportContent.parse({}), summary)).doc);
    expect(report).not.toMatch(/\+ New|Previous average|Direction of travel/);
  });

  it('a later period compared with none leaves the columns out but does not claim to be the first', () => {
    const numeric = treeFor(roundingDraft);
    const m = buildAppendixModel(numeric, ExportOptions.parse({ compareId: null }));
    expect(m.summary!.columns.map((c) => c.label).join('|')).not.toMatch(/Previous|Direction/);
    expect(m.subtitle).not.toContain(FIRST_REPORT);
  });
});

describe('point 1: traceability', () => {
  const tree = treeFor(roundingDraft); // 2017-19 layout: the template hides the reference column

  it('shows the reference column whenever the recommendations table cites actions', async () => {
    const pkg = await exportOf(tree);
    const recs = tableHeaded(pkg, 'Recommendation');
    const cited = rowsOf(recs).slice(1).flatMap((tr) => cellText(cellsOf(tr)[2]!).match(/\d+\.\d+/g) ?? []);
    expect(cited.length).toBeGreaterThan(0);
    const refs = new Set(tables(pkg.doc).filter((t) => cellText(cellsOf(rowsOf(t)[0]!)[0]!) === 'Ref').flatMap((t) => rowsOf(t).slice(1).map((tr) => cellText(cellsOf(tr)[0]!).split('\n')[0])));
    for (const ref of cited) expect(refs.has(ref), ref).toBe(true);
    // Chosen columns without a reference still get one while actions are cited; not when recommendations are left out.
    expect(header(await exportOf(tree, { columns: ['description', 'progress'] }), 'Ref')).toEqual(['Ref', 'Action', 'Progress update']);
    expect(tables((await exportOf(tree, { columns: ['description', 'progress'], includeRecommendations: false })).doc).some((t) => cellText(cellsOf(rowsOf(t)[0]!)[0]!) === 'Ref')).toBe(false);
  });

  it('cites the recommendations a row answers under its reference by default, and not when turned off', async () => {
    const cellOf = (pkg: Package, ref: string) => tables(pkg.doc).flatMap((t) => rowsOf(t)).map((tr) => cellText(cellsOf(tr)[0]!)).find((t) => t.startsWith(`${ref}\n`) || t === ref);
    expect(cellOf(await exportOf(tree), '1.1')).toBe('1.1\nOfsted 1');
    expect(cellOf(await exportOf(tree, { rowCitations: false }), '1.1')).toBe('1.1');
    const fixture = fixture2020Tree();
    expect(cellOf(await exportOf(fixture), '3.1')).toMatch(/^3\.1\nOfsted 1/);
  });
});
