/**
 * Issue 12: an appendix and covering report a clerk publishes without touching. Each block checks one point
 * of the issue on the document XML (fflate + xmldom); the rendered checks are in libreoffice.test.ts.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAppendix } from '../../electron/export/appendix';
import { buildAppendixModel, FIRST_REPORT, TABLE_HALF_POINTS } from '../../electron/export/appendix-model';
import { longestWordWidth } from '../../electron/export/layout';
import { writePdf } from '../../electron/export/pdf';
import { buildCoveringReport } from '../../electron/export/covering-report';
import { CoveringReportContent } from '../../shared/covering-report';
import { ExportOptions, type ExportOptionsInput } from '../../shared/export-options';
import { draftFromFixture2020 } from '../../shared/fixture-2020';
import type { PlanTree } from '../../shared/model';
import { samplePlanDraft } from '../../shared/samples/sample-plan';
import { computeSummary, describeProgress } from '../../shared/summary';
import { roundingDraft } from './fixtures';
import { all, attr, cellsOf, cellText, openDocx, rowsOf, tables, textOf, treeFor, type Package } from './helpers';

const FIXTURES = '/work/shared/fixtures';
const exportOf = async (tree: PlanTree, o: ExportOptionsInput = {}): Promise<Package> =>
  openDocx(await buildAppendix(tree, ExportOptions.parse(o)));
const tableHeaded = (pkg: Package, label: string) =>
  tables(pkg.doc).find((t) => cellText(cellsOf(rowsOf(t)[0]!)[0]!) === label)!;
const header = (pkg: Package, label: string) => cellsOf(rowsOf(tableHeaded(pkg, label))[0]!).map(cellText);

export function fixture2020Tree(): PlanTree {
  const json = JSON.parse(fs.readFileSync(`${FIXTURES}/continuous-development-plan-2020.json`, 'utf8'));
  const expected = JSON.parse(
    fs.readFileSync(`${FIXTURES}/word/continuous-development-plan-2020-rated.expected.json`, 'utf8'),
  ) as { ratings: Record<string, string> };
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
    expect(text).toMatch(
      /Ratings for January 2026: [^.]*\d+ Green[^.]*\. \d+ of \d+ rated actions \(\d+%\) are on track or complete\./,
    );
    const report = textOf(
      openDocx(await buildCoveringReport(sample, CoveringReportContent.parse({}), computeSummary(sample))).doc,
    );
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
    const cited = rowsOf(recs)
      .slice(1)
      .flatMap((tr) => cellText(cellsOf(tr)[2]!).match(/\d+\.\d+/g) ?? []);
    expect(cited.length).toBeGreaterThan(0);
    const refs = new Set(
      tables(pkg.doc)
        .filter((t) => cellText(cellsOf(rowsOf(t)[0]!)[0]!) === 'Ref')
        .flatMap((t) =>
          rowsOf(t)
            .slice(1)
            .map((tr) => cellText(cellsOf(tr)[0]!).split('\n')[0]),
        ),
    );
    for (const ref of cited) expect(refs.has(ref), ref).toBe(true);
    // Chosen columns without a reference still get one while actions are cited; not when recommendations are left out.
    expect(header(await exportOf(tree, { columns: ['description', 'progress'] }), 'Ref')).toEqual([
      'Ref',
      'Action',
      'Progress update',
    ]);
    expect(
      tables((await exportOf(tree, { columns: ['description', 'progress'], includeRecommendations: false })).doc).some(
        (t) => cellText(cellsOf(rowsOf(t)[0]!)[0]!) === 'Ref',
      ),
    ).toBe(false);
  });

  it('cites the recommendations a row answers under its reference by default, and not when turned off', async () => {
    const cellOf = (pkg: Package, ref: string) =>
      tables(pkg.doc)
        .flatMap((t) => rowsOf(t))
        .map((tr) => cellText(cellsOf(tr)[0]!))
        .find((t) => t.startsWith(`${ref}\n`) || t === ref);
    expect(cellOf(await exportOf(tree), '1.1')).toBe('1.1\nOfsted 1');
    expect(cellOf(await exportOf(tree, { rowCitations: false }), '1.1')).toBe('1.1');
    const fixture = fixture2020Tree();
    expect(cellOf(await exportOf(fixture), '3.1')).toMatch(/^3\.1\nOfsted 1/);
  });
});

describe('points 4-6: rows, widths and compact pages', () => {
  it('point 5: widths follow measured content, and no column is narrower than its longest word', async () => {
    const draft = {
      ...roundingDraft,
      sections: [
        {
          title: 'Widths',
          actions: Array.from({ length: 6 }, (_, i) => ({
            reference: `1.${i + 1}`,
            description: 'Short action',
            dueText: 'March 2018',
            leads: [{ name: 'Commissioning Manager' }],
            progress: [
              {
                period: 'RAG 03/18',
                body: 'A long progress update that says a great deal about what happened. '.repeat(8),
              },
            ],
          })),
        },
      ],
    };
    const tree = treeFor(draft);
    const model = buildAppendixModel(
      tree,
      ExportOptions.parse({ columns: ['reference', 'description', 'lead', 'dueDate', 'progress'] }),
    );
    const table = model.sections[0]!.table;
    const pkg = await exportOf(tree, { columns: ['reference', 'description', 'lead', 'dueDate', 'progress'] });
    const grid = all(tableHeaded(pkg, 'Ref'), 'gridCol').map((g) => Number(attr(g, 'w')));
    const [ref, action, lead, due, progress] = grid as [number, number, number, number, number];
    expect(lead).toBeGreaterThanOrEqual(longestWordWidth('Commissioning', TABLE_HALF_POINTS));
    expect(due).toBeGreaterThanOrEqual(table.columns[3]!.need!.natural); // "March 2018" on one line
    expect(progress).toBeGreaterThan(action + ref + lead + due); // the long text gets the room
  });

  it('point 6: sections follow on, headings keep with their tables, the last row keeps with the one before', async () => {
    const pkg = await exportOf(treeFor(samplePlanDraft));
    expect(pkg.xml).not.toContain('w:pageBreakBefore');
    expect(pkg.files['word/styles.xml']).toMatch(/w:styleId="Heading1"[\s\S]*?<w:keepNext\/>/);
    const plan = tables(pkg.doc).filter((t) => /^Ref/.test(cellText(cellsOf(rowsOf(t)[0]!)[0]!)));
    for (const t of plan) {
      const rows = rowsOf(t);
      if (rows.length < 4) continue;
      expect(all(rows.at(-2)!, 'keepNext').length).toBeGreaterThan(0);
      expect(all(rows.at(-1)!, 'keepNext')).toHaveLength(0);
    }
  });
});

describe('points 7-10: styles, accessibility, file properties, page numbers', () => {
  it('labels every table, sets language and properties, uses one table style, caches page fields', async () => {
    const tree = treeFor(samplePlanDraft);
    const pkg = openDocx(await buildAppendix(tree, ExportOptions.parse({}), undefined, 'Jo Clerk'));
    const count = tables(pkg.doc).length;
    expect(count).toBeGreaterThan(3);
    expect(all(pkg.doc, 'tblCaption')).toHaveLength(count);
    expect(all(pkg.doc, 'tblDescription')).toHaveLength(count);
    expect(all(pkg.doc, 'tblStyle').map((e) => attr(e, 'val'))).toEqual(Array(count).fill('PlanwrightTable'));
    expect(all(pkg.doc, 'tblBorders')).toHaveLength(0); // borders come from the style the clerk can restyle
    for (const tbl of tables(pkg.doc)) expect(all(rowsOf(tbl)[0]!, 'tblHeader').length).toBe(1);
    const styles = pkg.files['word/styles.xml']!;
    expect(styles).toContain('w:styleId="PlanwrightTable"');
    expect(styles).not.toMatch(/2E74B5|1F4D78/);
    expect(styles).toMatch(/<w:style w:type="character" w:styleId="Strong">/);
    expect(styles).toMatch(/w:styleId="Council"/);
    expect(styles).toMatch(/w:styleId="AppendixLine"/);
    const core = pkg.files['docProps/core.xml']!;
    expect(core).toContain('<dc:language>en-GB</dc:language>');
    expect(core).toContain(`<dc:title>${tree.plan.title} – Appendix 1</dc:title>`);
    expect(core).toMatch(/<dc:subject>Progress report for January 2026<\/dc:subject>/);
    expect(core).toContain(`<dc:creator>${tree.plan.organisation}</dc:creator>`);
    expect(core).toContain('<cp:lastModifiedBy>Jo Clerk</cp:lastModifiedBy>');
    expect(core).not.toContain('Un-named');
    const footer = Object.entries(pkg.files).find(([n]) => /footer\d*\.xml$/.test(n))![1];
    expect(footer).toMatch(/<w:fldSimple w:instr="PAGE"[^>]*>[\s\S]*?<w:t[^>]*>1<\/w:t>/);
    expect(footer).toMatch(/<w:fldSimple w:instr="NUMPAGES"[^>]*>[\s\S]*?<w:t[^>]*>\d+<\/w:t>/);
    // No symbol characters a screen reader would read aloud ("black diamond suit").
    expect(pkg.xml).not.toMatch(/[■♦●□◊○♠♣♥▬]/);
  });

  it('the covering report has the same properties and labelled tables', async () => {
    const tree = treeFor(samplePlanDraft);
    const pkg = openDocx(
      await buildCoveringReport(tree, CoveringReportContent.parse({}), computeSummary(tree), 'Jo Clerk'),
    );
    expect(all(pkg.doc, 'tblCaption')).toHaveLength(tables(pkg.doc).length);
    expect(pkg.files['docProps/core.xml']).not.toContain('Un-named');
    expect(textOf(pkg.doc)).not.toMatch(/Appendix \d+ - /);
  });
});

describe('point 12: PDF through LibreOffice', () => {
  it('says plainly when LibreOffice is missing, and writes nothing', async () => {
    const target = path.join(os.tmpdir(), `pw-nopdf-${process.pid}.pdf`);
    const saved = process.env.PLANWRIGHT_SOFFICE;
    process.env.PLANWRIGHT_SOFFICE = '/nonexistent/soffice';
    try {
      await expect(writePdf(new Uint8Array([1]), target)).rejects.toThrow(/needs LibreOffice, which is not installed/);
      expect(fs.existsSync(target)).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.PLANWRIGHT_SOFFICE;
      else process.env.PLANWRIGHT_SOFFICE = saved;
    }
  });

  it('renders the one-period 2020 plan: labelled ratings, the first-report line, page numbers', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-pdf-'));
    try {
      const target = path.join(dir, 'appendix.pdf');
      await writePdf(await buildAppendix(fixture2020Tree(), ExportOptions.parse({})), target);
      const text = execFileSync('pdftotext', ['-raw', target, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain(FIRST_REPORT);
      expect(text).toMatch(/Page 1 of \d+/);
      expect(text).not.toContain('+ New');
      expect(text).not.toMatch(/Average rating/);
      for (const label of ['Red', 'Amber', 'Green', 'Blue']) expect(text).toContain(label);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
