/**
 * The committee appendix package, checked on its XML: page set-up, fixed full-width tables, repeating
 * header rows, rating shading with labels, page fields, no control characters, summary figures by the
 * domain rules, internal notes, lead filter, merged cells, rating history.
 */
import type { Element } from '@xmldom/xmldom';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAppendix } from '../../electron/export/appendix';
import { LANDSCAPE_A4, textWidth } from '../../electron/export/layout';
import { ExportOptions, type ExportOptionsInput } from '../../shared/export-options';
import type { PlanTree } from '../../shared/model';
import { contrastingTextColour } from '../../shared/ratings';
import { samplePlanDraft, SAMPLE_FACTS } from '../../shared/samples/sample-plan';
import { CONTROL_TEXT, INTERNAL_NOTE, INTERNAL_PROGRESS, P1, P2, roundingDraft } from './fixtures';
import {
  all,
  attr,
  cellsOf,
  cellText,
  first,
  kids,
  openDocx,
  rowsOf,
  tables,
  textOf,
  treeFor,
  type Package,
} from './helpers';

const TEXT_WIDTH = textWidth(LANDSCAPE_A4);
const opts = (o: ExportOptionsInput = {}) => ExportOptions.parse(o);

async function exportOf(tree: PlanTree, o: ExportOptionsInput = {}): Promise<Package> {
  return openDocx(await buildAppendix(tree, opts(o)));
}

/** The plan table of a section: the first table after the heading whose text starts with `heading` (its indicator table, headed "Indicator", passed over). */
function sectionTable(pkg: Package, heading: string): Element {
  const body = first(pkg.doc, 'body')!;
  let found = false;
  for (const node of Array.from(body.childNodes) as unknown as Element[]) {
    if (
      node.localName === 'p' &&
      textOf(node).startsWith(heading) &&
      all(node, 'pStyle').some((s) => attr(s, 'val') === 'Heading1')
    )
      found = true;
    else if (found && node.localName === 'tbl' && cellText(cellsOf(rowsOf(node)[0]!)[0]!) !== 'Indicator') return node;
  }
  throw new Error(`no table after heading ${heading}`);
}

describe('the appendix of the sample plan', () => {
  let tree: PlanTree;
  let pkg: Package;
  beforeAll(async () => {
    tree = treeFor(samplePlanDraft);
    pkg = await exportOf(tree);
  });

  it('is landscape A4 with the text width we lay tables out to', () => {
    const pgSz = first(pkg.doc, 'pgSz')!;
    expect(attr(pgSz, 'orient')).toBe('landscape');
    expect(attr(pgSz, 'w')).toBe('16838');
    expect(attr(pgSz, 'h')).toBe('11906');
    const mar = first(pkg.doc, 'pgMar')!;
    expect(16838 - Number(attr(mar, 'left')) - Number(attr(mar, 'right'))).toBe(TEXT_WIDTH);
  });

  it('uses Arial and British English', () => {
    const styles = pkg.files['word/styles.xml']!;
    expect(styles).toMatch(/w:lang w:val="en-GB"/);
    expect(styles).toMatch(/w:ascii="Arial"/);
  });

  it('gives every table a fixed layout, a repeating header row and widths summing to the text width', () => {
    const tbls = tables(pkg.doc);
    expect(tbls.length).toBeGreaterThanOrEqual(SAMPLE_FACTS.sections + 3);
    for (const tbl of tbls) {
      expect(attr(first(tbl, 'tblLayout'), 'type')).toBe('fixed');
      const grid = all(tbl, 'gridCol').map((g) => Number(attr(g, 'w')));
      expect(grid.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH);
      const rows = rowsOf(tbl);
      expect(first(rows[0]!, 'tblHeader'), 'first row is a header row').toBeDefined();
      for (const tr of rows) {
        const widths = cellsOf(tr).map((tc) => Number(attr(first(tc, 'tcW'), 'w')));
        expect(widths.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH);
        for (const tc of cellsOf(tr)) expect(attr(first(tc, 'tcW'), 'type')).toBe('dxa');
      }
    }
  });

  it('has one plan table per section, each after a Heading 1 with the section number and title', () => {
    for (const s of tree.sections) {
      const tbl = sectionTable(pkg, `${s.number}. ${s.title}`);
      const header = cellsOf(rowsOf(tbl)[0]!).map(cellText);
      expect(header).toEqual(tree.plan.columns.filter((c) => c.visible).map((c) => c.label));
      expect(rowsOf(tbl).length - 1).toBe(tree.actions.filter((a) => a.sectionId === s.id && !a.archived).length);
      // Short rows are kept whole (no stray line at a page foot); long rows may break across pages.
      for (const tr of rowsOf(tbl).slice(1)) {
        const lines = Math.max(...cellsOf(tr).map((tc) => all(tc, 'p').length));
        if (lines >= 15) expect(first(tr, 'cantSplit'), 'long rows may break across pages').toBeUndefined();
      }
    }
  });

  it('shades rating cells with the level colour and writes the label in a contrasting colour', () => {
    const shaded = all(pkg.doc, 'tc').filter((tc) => first(tc, 'shd') && attr(first(tc, 'shd'), 'fill') !== 'D9D9D9');
    expect(shaded.length).toBeGreaterThan(30);
    const colours = new Map(tree.levels.map((l) => [l.colour, l]));
    for (const tc of shaded) {
      const fill = attr(first(tc, 'shd'), 'fill')!;
      const level = colours.get(fill);
      expect(level, `fill ${fill} is a level colour`).toBeDefined();
      expect(cellText(tc)).toContain(level!.label);
      for (const r of all(tc, 'r')) expect(attr(first(r, 'color'), 'val')).toBe(contrastingTextColour(fill));
    }
    // The key: every level with its colour, label and full definition.
    for (const l of tree.levels) {
      const row = all(pkg.doc, 'tr').find(
        (tr) => cellsOf(tr).length === 2 && cellText(cellsOf(tr)[1]!) === l.definition,
      );
      expect(row, `key row for ${l.label}`).toBeDefined();
      expect(attr(first(cellsOf(row!)[0]!, 'shd'), 'fill')).toBe(l.colour);
      expect(cellText(cellsOf(row!)[0]!)).toContain(l.label);
    }
  });

  it('puts the plan title, Appendix N and Page X of Y fields in the header and footer', () => {
    const header = Object.entries(pkg.files).find(([n]) => /^word\/header\d*\.xml$/.test(n))![1];
    const footer = Object.entries(pkg.files).find(([n]) => /^word\/footer\d*\.xml$/.test(n))![1];
    expect(header).toContain('Appendix 1');
    expect(header).toContain('Continuous Improvement Plan');
    // Simple fields with a cached result since issue 12 point 10 (previewers show numbers, not "Page  of").
    expect(footer).toMatch(/<w:fldSimple w:instr="\s*PAGE\s*"/);
    expect(footer).toMatch(/<w:fldSimple w:instr="\s*NUMPAGES\s*"/);
    expect(footer).toContain('Page ');
    expect(footer).toContain(' of ');
  });

  it('lists the recommendations with the actions answering each, and says which nothing answers', () => {
    const row = all(pkg.doc, 'tr').find((tr) => cellText(cellsOf(tr)[0]!) === SAMPLE_FACTS.unansweredRecommendation)!;
    expect(cellText(cellsOf(row)[2]!)).toBe('Not yet answered by any action');
    const answered = all(pkg.doc, 'tr').find((tr) => cellText(cellsOf(tr)[0]!) === 'Ofsted 1')!;
    expect(cellText(cellsOf(answered)[2]!)).toMatch(/\d+\.\d+/);
  });

  it('shows red explanations with the progress, leaves internal notes out by default', () => {
    expect(pkg.xml).toContain('Corrective action: ');
    const internal = treeFor(samplePlanDraft).progress.filter((p) => p.internal);
    expect(internal.length).toBeGreaterThan(0);
    for (const p of internal) expect(pkg.xml).not.toContain(p.body.split('\n')[0]!.replace(/&/g, '&amp;'));
  });
});

describe('the appendix of a plan with the rounding cases', () => {
  let tree: PlanTree;
  let pkg: Package;
  beforeAll(async () => {
    tree = treeFor(roundingDraft);
    pkg = await exportOf(tree);
  });

  const summaryRows = () => {
    const tbl = tables(pkg.doc).find((t) => cellText(cellsOf(rowsOf(t)[0]!)[0]!) === 'Area')!;
    return rowsOf(tbl)
      .slice(1)
      .map((tr) => cellsOf(tr).map(cellText));
  };

  it('prints section means half-up to one decimal place, a dash for nothing rated, and the overall pair', () => {
    const rows = summaryRows();
    expect(rows.map((r) => r.slice(0, 4))).toEqual([
      ['1. Rounds up to 3.3', '3.0', '3.3', '↑ Improved'],
      ['2. Rounds up to 2.8', '2.0', '2.8', '↑ Improved'],
      [expect.stringMatching(/^3\. Nothing rated/), '–', '–', '– Not rated'],
      ['Overall (average of the areas)', '2.5', '3.0', '↑ Improved'],
    ]);
  });

  it('counts ratings per level in the summary, each count column headed by the shaded level', () => {
    const tbl = tables(pkg.doc).find((t) => cellText(cellsOf(rowsOf(t)[0]!)[0]!) === 'Area')!;
    const header = cellsOf(rowsOf(tbl)[0]!);
    const levels = [...tree.levels].sort((a, b) => a.position - b.position);
    levels.forEach((l, i) => {
      expect(cellText(header[4 + i]!)).toContain(l.label);
      expect(attr(first(header[4 + i]!, 'shd'), 'fill')).toBe(l.colour);
    });
    const rows = summaryRows();
    // Section 1 in RAG 03/18: three 3s and one 4; section 2: three 3s and one 2.
    expect(rows[0]!.slice(4)).toEqual(['0', '0', '3', '1', '0', '0']);
    expect(rows[1]!.slice(4)).toEqual(['0', '1', '3', '0', '0', '0']);
    expect(rows[2]!.slice(4)).toEqual(['0', '0', '0', '0', '0', '1']);
  });

  it('shows the whole-number pair on each section page', () => {
    expect(pkg.xml).toContain(`Average rating: ${P1}: 3 (3.0); ${P2}: 3 (3.3); direction of travel: ↑ Improved`);
    expect(pkg.xml).toContain(`Average rating: ${P1}: 2 (2.0); ${P2}: 3 (2.8)`);
  });

  it('uses one rating column per period for the rating history layout, unrated as "Not rated"', () => {
    const tbl = sectionTable(pkg, '1. Rounds up to 3.3');
    const header = cellsOf(rowsOf(tbl)[0]!).map(cellText);
    expect(header).toContain(P1);
    expect(header).toContain(P2);
    const t3 = sectionTable(pkg, '3. Nothing rated');
    const row = cellsOf(rowsOf(t3)[1]!).map(cellText);
    expect(row.filter((c) => c === 'Not rated')).toHaveLength(2);
    for (const tc of cellsOf(rowsOf(t3)[1]!))
      if (cellText(tc) === 'Not rated') expect(first(tc, 'shd')).toBeUndefined();
  });

  it('merges cells that repeat the row above (shared outcome and action) when asked', async () => {
    const tbl = sectionTable(pkg, '1. Rounds up to 3.3');
    const rows = rowsOf(tbl).slice(1);
    const vmerge = (r: number, c: number) => {
      const v = first(cellsOf(rows[r]!)[c]!, 'vMerge');
      return v ? (attr(v, 'val') ?? 'continue') : null;
    };
    // Column 0 = Ref (shown because the appendix cites actions, issue 12 point 1); column 1 = Outcome
    // (objective), shared by all four rows; column 2 = Action, shared by rows 1-2.
    expect([0, 1, 2, 3].map((r) => vmerge(r, 1))).toEqual(['restart', 'continue', 'continue', 'continue']);
    expect([0, 1, 2, 3].map((r) => vmerge(r, 2))).toEqual(['restart', 'continue', null, null]);
    expect(cellText(cellsOf(rows[1]!)[1]!)).toBe('');

    const unmerged = await exportOf(tree, { mergeRepeated: false });
    expect(all(unmerged.doc, 'vMerge')).toHaveLength(0);
    const rows2 = rowsOf(sectionTable(unmerged, '1. Rounds up to 3.3')).slice(1);
    expect(rows2.map((tr) => cellText(cellsOf(tr)[1]!))).toEqual([
      'Shared outcome',
      'Shared outcome',
      'Shared outcome',
      'Shared outcome',
    ]);
  });

  it('strips control characters and lone surrogates from all text', async () => {
    const bad =
      // eslint-disable-next-line no-control-regex -- looking for control characters
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    const dirty: PlanTree = {
      ...tree,
      plan: { ...tree.plan, title: `Title${CONTROL_TEXT}`, organisation: CONTROL_TEXT },
    };
    const out = await exportOf(dirty, { includeInternal: true, progress: 'all' });
    for (const [name, xml] of Object.entries(out.files)) expect(bad.test(xml), name).toBe(false);
    expect(out.xml).toContain('Pastedtextwithcontrols and a lone surrogate end');
  });

  it('leaves internal notes out by default and includes them when asked', async () => {
    expect(pkg.xml).not.toContain(INTERNAL_PROGRESS);
    expect(pkg.xml).not.toContain(INTERNAL_NOTE);
    const withInternal = await exportOf(tree, { includeInternal: true });
    expect(withInternal.xml).toContain(INTERNAL_PROGRESS);
    expect(withInternal.xml).toContain(INTERNAL_NOTE);
  });

  it('shows the latest update of the period, or all of them', async () => {
    expect(pkg.xml).toContain('Latest update in the period.');
    expect(pkg.xml).not.toContain('Earlier update in the period.');
    const allUpdates = await exportOf(tree, { progress: 'all' });
    expect(allUpdates.xml).toContain('Earlier update in the period.');
    expect(allUpdates.xml.indexOf('Earlier update')).toBeLessThan(allUpdates.xml.indexOf('Latest update'));
  });

  it('shows the explanation and corrective action of a rating that needs them', () => {
    const tbl = sectionTable(pkg, '2. Rounds up to 2.8');
    const header = cellsOf(rowsOf(tbl)[0]!).map(cellText);
    const progressCol = header.indexOf('Progress update');
    const row = rowsOf(tbl)[3]!;
    expect(cellText(cellsOf(row)[progressCol]!)).toContain('Explanation: Staff shortage in the team');
    expect(cellText(cellsOf(row)[progressCol]!)).toContain('Corrective action: Agency social workers engaged');
  });

  it('exports one lead’s actions only (case-insensitive substring)', async () => {
    const out = await exportOf(tree, { lead: 'bloggs', columns: ['reference', 'description', 'lead', 'rating'] });
    const refs = all(out.doc, 'tr')
      .map((tr) => cellText(cellsOf(tr)[0]!))
      .filter((t) => /^\d\.\d$/.test(t));
    expect(refs).toEqual(['1.1', '2.1']);
    expect(out.xml).toContain('Actions led by: bloggs');
  });

  it('honours the chosen columns, periods, sections and appendix number', async () => {
    const p1 = tree.periods.find((p) => p.label === P1)!;
    const s2 = tree.sections.find((s) => s.number === '2')!;
    const out = await exportOf(tree, {
      columns: ['reference', 'rating', 'progress'],
      periodId: p1.id,
      compareId: null,
      sectionIds: [s2.id],
      appendixNumber: 7,
    });
    const tbl = sectionTable(out, '2. Rounds up to 2.8');
    expect(cellsOf(rowsOf(tbl)[0]!).map(cellText)).toEqual(['Ref', 'RAG', 'Progress update']);
    expect(cellText(cellsOf(rowsOf(tbl)[1]!)[1]!)).toContain('2 Some delay');
    expect(out.xml).not.toContain('1. Rounds up to 3.3');
    expect(out.files['word/header1.xml'] ?? Object.values(out.files).join('')).toContain('Appendix 7');
  });

  it('refuses a period that is not part of the plan with a clear message', async () => {
    await expect(buildAppendix(tree, opts({ periodId: '00000000-0000-4000-8000-000000000000' }))).rejects.toThrow(
      /not part of this plan/,
    );
  });

  it('keeps the heading styles Word’s navigation pane uses', () => {
    const headings = all(pkg.doc, 'p').filter((p) => all(p, 'pStyle').some((s) => attr(s, 'val') === 'Heading1'));
    const texts = headings.map((h) => textOf(h));
    expect(texts).toEqual(
      expect.arrayContaining(['Summary of all areas', 'Key to ratings', '1. Rounds up to 3.3', '2. Rounds up to 2.8']),
    );
    expect(kids(first(pkg.doc, 'body')!, 'tbl').length).toBe(tables(pkg.doc).length);
  });
});

describe('performance indicators', () => {
  it('puts a section’s indicators before its plan table, direction respecting polarity, missing not zero', async () => {
    const tree = treeFor(roundingDraft);
    const section = tree.sections.find((s) => s.number === '1')!;
    const base = {
      planId: tree.plan.id,
      sectionId: section.id,
      baselineLabel: '2016-17',
      snAverage: 20,
      target: null,
      yearToDate: 'latest' as const,
      notes: 'Monthly',
      updatedAt: tree.plan.updatedAt,
      deletedAt: null,
    };
    const withIndicators: PlanTree = {
      ...tree,
      indicators: [
        {
          ...base,
          id: '00000000-0000-4000-8000-0000000000a1',
          position: 0,
          name: 'Re-referrals within 12 months',
          unit: 'percent',
          polarity: 'lower-is-better',
          baseline: 24,
          values: [
            { label: 'Jul', value: 22, note: '' },
            { label: 'Aug', value: 19, note: '' },
          ],
        },
        {
          ...base,
          id: '00000000-0000-4000-8000-0000000000a2',
          position: 1,
          name: 'Visits in timescale',
          unit: 'percent',
          polarity: 'higher-is-better',
          baseline: null,
          values: [
            { label: 'Jul', value: 80, note: '' },
            { label: 'Aug', value: null, note: 'Data being collated' },
          ],
        },
      ],
    };
    const pkg = await exportOf(withIndicators);
    const body = textOf(pkg.doc);
    expect(body.indexOf('Performance indicators')).toBeGreaterThan(body.indexOf('1. Rounds up to 3.3'));
    const tbl = tables(pkg.doc).find((t) => cellText(cellsOf(rowsOf(t)[0]!)[0]!) === 'Indicator')!;
    const rows = rowsOf(tbl)
      .slice(1)
      .map((tr) => cellsOf(tr).map(cellText));
    expect(rows[0]).toEqual([
      'Re-referrals within 12 months\n(lower is better)',
      '2016-17: 24%',
      '20%',
      '22%',
      '19%',
      '↑ Improved',
      'Monthly',
    ]);
    expect(rows[1]!.slice(1, 6)).toEqual(['2016-17: –', '20%', '80%', 'Data being collated', '– Not rated']);
    const none = await exportOf(withIndicators, { includeIndicators: false });
    expect(textOf(none.doc)).not.toContain('Performance indicators');
  });
});

describe('row breaking', () => {
  // Issue 12 point 4 replaced "a long row may break across pages" (whose continuation showed colour alone):
  // every row is kept whole, and a row taller than a page is cut into rows of its own, each labelled.
  it('keeps rows whole and cuts a row taller than a page into labelled rows of its own', async () => {
    const long = Array.from({ length: 40 }, (_, i) => `Paragraph ${i + 1} of a long progress update.`).join('\n');
    const draft = {
      ...roundingDraft,
      sections: [
        {
          title: 'Long',
          actions: [
            {
              reference: '1.1',
              description: 'Short row',
              progress: [{ period: P2, body: 'On track.' }],
              ratings: [{ period: P2, level: '3' }],
            },
            {
              reference: '1.2',
              description: 'Long row',
              progress: [{ period: P2, body: long }],
              ratings: [{ period: P2, level: '2' }],
            },
          ],
        },
      ],
    };
    const pkg = await exportOf(treeFor(draft), { columns: ['reference', 'description', 'progress', 'rating'] });
    const rows = rowsOf(sectionTable(pkg, '1. Long')).slice(1);
    for (const tr of rows) expect(first(tr, 'cantSplit')).toBeDefined();
    expect(rows.length).toBeGreaterThan(2);
    const parts = rows.slice(1).map((tr) => cellsOf(tr).map(cellText));
    expect(parts[0]![0]).toBe('1.2');
    for (const part of parts.slice(1)) {
      expect(part[0]).toBe('1.2\n(continued)');
      expect(part[3]).toContain('2 Some delay');
    }
    const progress = parts.map((p) => p[2]).join('\n');
    expect(progress).toBe(long);
  });
});

describe('which actions', () => {
  it('leaves archived actions out unless asked, and can leave out "can be removed" actions', async () => {
    const draft = {
      ...roundingDraft,
      sections: [
        {
          number: '1',
          title: 'Mixed',
          actions: [
            { reference: '1.1', description: 'Live action', ratings: [{ period: P2, level: '3' }] },
            { reference: '1.2', description: 'Archived action', archived: true },
            { reference: '1.3', description: 'Sustained action', ratings: [{ period: P2, level: '5' }] },
          ],
        },
      ],
    };
    const tree = treeFor(draft);
    const refs = async (o: ExportOptionsInput) =>
      rowsOf(sectionTable(await exportOf(tree, { columns: ['reference', 'description'], ...o }), '1. Mixed'))
        .slice(1)
        .map((tr) => cellText(cellsOf(tr)[0]!));
    expect(await refs({})).toEqual(['1.1', '1.3']);
    expect(await refs({ includeArchived: true })).toEqual(['1.1', '1.2', '1.3']);
    expect(await refs({ includeRemovable: false })).toEqual(['1.1']);
  });

  it('exports a plan with no rating scale (status phrases only): no rating columns, summary or key', async () => {
    const tree = treeFor({
      title: 'Inspection action plan',
      template: 'inspection',
      periods: [{ label: 'March 2016' }],
      sections: [
        {
          title: 'Area for Improvement (1): assessments',
          actions: [
            { description: 'Audit assessments', progress: [{ period: 'March 2016', body: 'Completed.\nAudit done.' }] },
          ],
        },
      ],
    });
    const pkg = await exportOf(tree);
    const body = textOf(pkg.doc);
    expect(body).not.toContain('Summary of all areas');
    expect(body).not.toContain('Key to ratings');
    const tbl = sectionTable(pkg, '1. Area for Improvement (1)');
    expect(cellsOf(rowsOf(tbl)[0]!).map(cellText)).toEqual(
      tree.plan.columns.filter((c) => c.visible).map((c) => c.label),
    );
    expect(body).toContain('Audit done.');
  });
});
