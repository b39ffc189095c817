/** The appendix's indicator table: target and year to date, missing values as missing with their note. */
import { describe, expect, it } from 'vitest';
import { buildAppendix } from '../../electron/export/appendix';
import { ExportOptions } from '../../shared/export-options';
import { samplePlanDraft } from '../../shared/samples/sample-plan';
import { cellsOf, cellText, openDocx, rowsOf, tables, treeFor } from './helpers';

describe('the sample plan’s indicator tables', () => {
  it('print per section with target, the last six months, year to date and direction by polarity', async () => {
    const tree = treeFor(samplePlanDraft);
    const pkg = openDocx(await buildAppendix(tree, ExportOptions.parse({ periodId: tree.periods[1]!.id })));
    const found = tables(pkg.doc).filter((t) => cellText(cellsOf(rowsOf(t)[0]!)[0]!) === 'Indicator');
    expect(found).toHaveLength(6);
    const header = cellsOf(rowsOf(found[2]!)[0]!).map(cellText);
    expect(header).toEqual([
      'Indicator',
      'Baseline',
      'SN average',
      'Target',
      'Aug 2025',
      'Sep 2025',
      'Oct 2025',
      'Nov 2025',
      'Dec 2025',
      'Jan 2026',
      'Direction of travel',
      'Notes',
    ]);
    const rows = rowsOf(found[2]!)
      .slice(1)
      .map((tr) => cellsOf(tr).map(cellText));
    // Re-referrals: lower is better, falling from 18.2 to 17 is an improvement; January is missing, with its note.
    expect(rows[2]).toEqual([
      'Re-referrals within 12 months\n(lower is better)',
      '2024-25: 23.4%',
      '21.9%',
      '20%',
      '20.8%',
      '19.6%',
      '18.9%',
      '18.2%',
      '17%',
      'Data being collated',
      '↑ Improved',
      '',
    ]);
    // Contacts screened: higher is better, falling is a decline.
    expect(rows[0]![10]).toBe('↓ Declined');
    // Section 4 sums or averages some indicators, so it shows the year to date.
    const care = rowsOf(found[3]!).map((tr) => cellsOf(tr).map(cellText));
    expect(care[0]).toContain('Year to date');
    const days = care.find((r) => r[0]!.startsWith('Average days'))!;
    expect(days[care[0]!.indexOf('Year to date')]).toBe('280.5\n(mean of the months)');
    const eet = care.find((r) => r[0]!.startsWith('Care leavers'))!;
    expect(eet.slice(4, 10)).toEqual([
      'Only collected quarterly',
      '52%',
      'Only collected quarterly',
      'Only collected quarterly',
      '54%',
      'Only collected quarterly',
    ]);
    expect(eet).not.toContain('0%');
  });
});
