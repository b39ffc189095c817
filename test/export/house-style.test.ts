/**
 * Issue 12.7: house style through real styles. Normal is Arial 10-12 pt (the `fontSize` option, default
 * 10 pt); nothing is set below 10 pt (the rating history included); headings are whole points; every table
 * uses the named table style; sizes, bold and italics come from styles, not from each run.
 */
import { describe, expect, it } from 'vitest';
import { buildAppendix } from '../../electron/export/appendix';
import { buildCoveringReport } from '../../electron/export/covering-report';
import { CoveringReportContent } from '../../shared/covering-report';
import { ExportOptions, type ExportOptionsInput } from '../../shared/export-options';
import { largePlanDraft } from '../../shared/samples/large-plan';
import { samplePlanDraft } from '../../shared/samples/sample-plan';
import { all, attr, first, openDocx, tables, treeFor, type Package } from './helpers';

const exportOf = async (draft = samplePlanDraft, o: ExportOptionsInput = {}): Promise<Package> =>
  openDocx(await buildAppendix(treeFor(draft), ExportOptions.parse(o)));

/** Every w:sz in the styles part, with the style it belongs to ("docDefaults" for the defaults). */
function sizes(styles: string): { style: string; halfPoints: number }[] {
  const out: { style: string; halfPoints: number }[] = [];
  const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles)?.[0] ?? '';
  for (const m of defaults.matchAll(/<w:sz w:val="(\d+)"/g)) out.push({ style: 'docDefaults', halfPoints: +m[1]! });
  for (const s of styles.matchAll(/<w:style [^>]*w:styleId="([^"]+)"[^>]*>([\s\S]*?)<\/w:style>/g))
    for (const m of s[2]!.matchAll(/<w:sz w:val="(\d+)"/g)) out.push({ style: s[1]!, halfPoints: +m[1]! });
  return out;
}

function checkHouseStyle(pkg: Package, normal: number): void {
  const styles = pkg.files['word/styles.xml']!;
  const all_ = sizes(styles);
  expect(all_.find((s) => s.style === 'docDefaults')?.halfPoints).toBe(normal);
  expect(styles).toMatch(/<w:docDefaults>[\s\S]*w:ascii="Arial"/);
  // Nothing below 10 pt; headings and the title in whole points.
  for (const s of all_) expect(s.halfPoints, s.style).toBeGreaterThanOrEqual(20);
  for (const s of all_.filter((x) => /^(Heading\d|Title)$/.test(x.style))) expect(s.halfPoints % 2, s.style).toBe(0);
  // No library leftovers: black headings, Strong and Emphasis are character styles.
  const coloured = [
    ...styles.matchAll(/w:styleId="(\w+)"(?:(?!<\/w:style>)[\s\S])*?w:color w:val="(?!000000)[0-9A-F]{6}"/gi),
  ];
  expect(coloured.map((m) => m[1])).toEqual(['Hyperlink']);
  expect(styles).toMatch(/<w:style w:type="character" w:styleId="Strong">/);
  expect(styles).toMatch(/<w:style w:type="character" w:styleId="Emphasis">/);
  // Every table uses the named table style, which holds the borders.
  for (const tbl of tables(pkg.doc)) expect(attr(first(tbl, 'tblStyle'), 'val')).toBe('PlanwrightTable');
  expect(styles).toMatch(/w:styleId="PlanwrightTable"[\s\S]*?<w:tblBorders>/);
  // No direct run formatting where a style can do it: no size, bold or font on any run (a rating label's
  // colour on its fill is the one run property; bold-and-italic citations add italics to Strong).
  for (const part of ['word/document.xml', 'word/header1.xml', 'word/footer1.xml']) {
    const xml = pkg.files[part];
    if (!xml) continue;
    const runProps = [...xml.matchAll(/<w:r>\s*<w:rPr>([\s\S]*?)<\/w:rPr>/g)].map((m) => m[1]!);
    for (const p of runProps) expect(p, part).not.toMatch(/<w:(sz|b|rFonts)\b/);
  }
  expect(all(pkg.doc, 'tblBorders')).toHaveLength(0);
}

describe('house style (issue 12.7)', () => {
  it('sets Normal to Arial 10 pt by default, with styles for everything', async () => {
    const pkg = await exportOf();
    checkHouseStyle(pkg, 20);
    // The council and appendix lines and the lines under the title are styles.
    const used = new Set(all(pkg.doc, 'pStyle').map((p) => attr(p, 'val')));
    for (const s of ['Council', 'AppendixLine', 'TitleDetails', 'Title', 'Heading1']) expect(used).toContain(s);
    expect(pkg.files['word/footer1.xml']).toMatch(/<w:pStyle w:val="Footer"\/>/);
  });

  it('takes the Normal size from the options (10 to 12 pt), headings in whole points', async () => {
    for (const [points, half] of [
      [11, 22],
      [10.5, 21],
      [12, 24],
    ] as const) {
      const pkg = await exportOf(samplePlanDraft, { fontSize: points });
      checkHouseStyle(pkg, half);
    }
  });

  it('refuses a size outside 10-12 pt with a plain message', () => {
    for (const bad of [9, 13, 10.25]) {
      const r = ExportOptions.safeParse({ fontSize: bad });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toMatch(/^The font size must/);
    }
  });

  it('never sets a long rating history below 10 pt', async () => {
    const pkg = await exportOf(largePlanDraft({ sections: 2, actions: 12, periods: 8, progress: 8 }), {
      columns: ['reference', 'ratingHistory', 'progress'],
    });
    checkHouseStyle(pkg, 20);
    expect(pkg.files['word/styles.xml']).not.toMatch(/Tiny/);
  });

  it('gives the covering report the same styles (Normal Arial 12, the named table style)', async () => {
    const tree = treeFor(samplePlanDraft);
    const pkg = openDocx(
      await buildCoveringReport(
        tree,
        CoveringReportContent.parse({ committee: 'Corporate Parenting Committee' }),
        null,
      ),
    );
    checkHouseStyle(pkg, 24);
  });
});
