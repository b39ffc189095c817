/** Word layouts real plans use, built with the docx library (see docs.ts). */
import { describe, expect, it } from 'vitest';
import {
  developmentPlanDocx,
  docxOf,
  heading,
  inspectionPlanDocx,
  longTableDocx,
  para,
  table,
  withContentControl,
} from './docs';
import { importBytes } from './helpers';

describe('2017-19 development plan layout', () => {
  it('reads priorities, merged outcome/action cells, roles and the numeric rating history (0 = not rated)', async () => {
    const { draft, preview } = await importBytes(await developmentPlanDocx(), 'dev.docx');
    expect(preview.sections).toEqual([
      { number: '1', title: 'Early help and the front door', rows: 3 },
      { number: '2', title: 'Workforce', rows: 1 },
    ]);
    expect(preview.scaleSource).toBe('numbers 1-5');
    expect(preview.periods).toEqual(['RAG initial', 'RAG 01/18', 'RAG 03/18', 'RAG 05/18']);
    expect(draft.currentPeriod).toBe('RAG 03/18');
    expect(draft.template).toBe('development');
    const [a, b, c] = draft.sections[0]!.actions;
    // The merged outcome applies to all three rows; the merged action to the first two.
    expect([a!.objective, b!.objective, c!.objective]).toEqual(
      Array(3).fill('Children get the right help at the right time'),
    );
    expect([a!.description, b!.description, c!.description]).toEqual([
      'Embed the early help assessment',
      'Embed the early help assessment',
      'Review thresholds with partners',
    ]);
    expect(a!.outcome).toBe('Assessments completed within 35 days');
    expect(a!.leads).toEqual([
      { name: 'J Tynan AD', role: 'lead' },
      { name: 'Service Lead R Murdock', role: 'responsible' },
    ]);
    // 0 is never a score: not rated.
    expect(a!.ratings.map((r) => `${r.period}=${r.level}`)).toEqual(['RAG initial=1', 'RAG 01/18=2', 'RAG 03/18=3']);
    expect(c!.ratings.map((r) => `${r.period}=${r.level}`)).toEqual(['RAG 01/18=3', 'RAG 03/18=4']);
    // Progress belongs to the current period; non-breaking spaces become plain spaces.
    expect(a!.progress).toEqual([
      { period: 'RAG 03/18', body: 'On track. Currently 83% in timescale [Feb data]', author: '', internal: false },
    ]);
    expect(b!.progress).toEqual([]);
    // Due text kept exactly; a date that does not exist is kept and flagged.
    expect(draft.sections[1]!.actions[0]!.dueText).toBe('31/02/2018');
    expect(preview.warnings.some((w) => w.code === 'not-a-date' && w.location === 'Table 2, row 2')).toBe(true);
  });
});

describe('2014 inspection plan layout', () => {
  it('joins header words split across rows, reads the Action column as references, tracked changes, links, continuation rows', async () => {
    const docx = withContentControl(await inspectionPlanDocx(), 'Train managers');
    const { draft, preview } = await importBytes(docx, 'insp.docx');
    expect(preview.columns.map((c) => [c.header, c.field])).toEqual([
      ['Action', 'reference'],
      ['Description', 'description'],
      ['Strategic Lead', 'strategicLead'],
      ['Operational Lead', 'operationalLead'],
      ['Timescale (By When)', 'dueDate'],
      ['Performance/ Outcome', 'outcome'],
      ['Progress to date and evidence of improvement', 'progress'],
    ]);
    expect(draft.template).toBe('inspection');
    expect(draft.sections.map((s) => [s.number, s.title])).toEqual([
      ['3', 'Improve the quality of plans for children'],
    ]);
    const [a, b] = draft.sections[0]!.actions;
    expect(a!.reference).toBe('3.1');
    // w:del dropped, w:ins kept; the continuation row (no reference) merged into 3.1 as new paragraphs.
    expect(a!.description).toBe('Audit all plans every month\nSecond paragraph of the description');
    expect(a!.progress[0]!.body).toBe('See the audit report.\nProgress continued after the page break.');
    expect(a!.leads).toEqual([
      { name: 'J Tynan AD', role: 'strategic' },
      { name: 'Service Lead R Murdock', role: 'operational' },
    ]);
    expect(a!.dueText).toBe('May 2014 to March 2016');
    // Text inside a content control is read.
    expect(b!.description).toBe('Train managers');
    expect(preview.warnings.map((w) => [w.code, w.location])).toContainEqual(['continuation-row', 'Table 1, row 4']);
    // No rating column: one period for the progress text, named from the plan's year.
    expect(preview.periods).toEqual(['2014']);
    // No rating column, but 3.2's progress opens "Planned.": a rating is proposed on the words scale
    // (issue 13 point 5), in that one period; 3.1 ("See the audit report.") stays not rated.
    expect(draft.scale.map((l) => l.key)).toEqual(['NOT STARTED', 'DELAYED', 'ON TRACK', 'COMPLETED']);
    expect(a!.ratings).toEqual([]);
    expect(b!.ratings.map((r) => `${r.period}=${r.level}`)).toEqual(['2014=NOT STARTED']);
    expect(preview.warnings.filter((w) => w.code === 'proposed-rating')).toHaveLength(1);
    // Declined: no scale, every action not rated, and the preview says one was left out.
    const declined = await importBytes(docx, 'insp.docx', { proposedRatings: false });
    expect(declined.draft.scale).toEqual([]);
    expect(declined.draft.sections[0]!.actions.map((x) => x.ratings)).toEqual([[], []]);
    expect(declined.preview.warnings.find((w) => w.code === 'proposed-rating')?.message).toMatch(
      /1 rating was not proposed/,
    );
  });
});

describe('one long table with section rows', () => {
  it('starts a section at each section row, skips repeated headers, reads word ratings and recommendation tags', async () => {
    const { draft, preview } = await importBytes(await longTableDocx(), 'long.docx');
    expect(preview.sections).toEqual([
      { number: '1', title: 'Leadership', rows: 2 },
      { number: '2', title: 'Workforce', rows: 2 },
    ]);
    expect(preview.scaleSource).toBe('words');
    expect(draft.scale.map((l) => l.key)).toEqual(['R', 'A', 'G', 'B']);
    const levels = draft.sections.flatMap((s) => s.actions.map((a) => `${a.reference}=${a.ratings[0]?.level ?? '-'}`));
    expect(levels).toEqual(['1.1=G', '1.2=B', '2.1=A', '2.2=R']);
    const tagged = draft.sections[1]!.actions[0]!;
    expect(tagged.reference).toBe('2.1');
    expect(tagged.recommendations).toEqual(['Ofsted 14']);
    expect(draft.recommendations).toEqual([{ number: 14, label: 'Ofsted 14', text: '' }]);
    expect(preview.warnings.map((w) => w.code)).toContain('recommendation-text');
  });
});

describe('summary figures', () => {
  it('points out a typed summary average that disagrees with the rows (never copies it)', async () => {
    const docx = await docxOf([
      heading('Plan 2018', 1),
      table([
        ['Area', 'Previous (RAG 01/18) average', 'Current (RAG 03/18) average'],
        ['1. Early help', '1.5', '3.0'],
        ['Overall', '1.5', '2.5'],
      ]),
      heading('1. Early help'),
      table([
        ['Ref', 'Action', 'RAG 01/18', 'RAG 03/18'],
        ['1.1', 'One', '1', '3'],
        ['1.2', 'Two', '2', '4'],
      ]),
    ]);
    const { preview } = await importBytes(docx, 'summary.docx');
    expect(preview.warnings.filter((w) => w.code === 'summary-mismatch')).toEqual([
      {
        code: 'summary-mismatch',
        message:
          'The summary says 3.0 for section 1 in RAG 03/18, but its rated rows give 3.5. The app computes from the rows.',
        location: 'Table 1, row 2',
      },
      {
        code: 'summary-mismatch',
        message:
          'The summary says 2.5 for the whole plan in RAG 03/18, but its rated rows give 3.5. The app computes from the rows.',
        location: 'Table 1, row 3',
      },
    ]);
  });
});

describe('shading', () => {
  it('classifies many reds, ambers, greens and blues; warns about colours outside the palette', async () => {
    const docx = await docxOf([
      heading('Plan 2021', 1),
      table([
        ['Ref', 'Action', 'RAG'],
        ['1.1', 'a', { fill: 'C00000' }],
        ['1.2', 'b', { fill: 'FFFF00' }],
        ['1.3', 'c', { fill: '92D050' }],
        ['1.4', 'd', { fill: '00B0F0' }],
        ['1.5', 'e', { fill: 'FF66CC' }],
        ['1.6', 'f', { fill: 'F2F2F2' }],
      ]),
    ]);
    const { draft, preview } = await importBytes(docx, 'shades.docx');
    expect(draft.sections[0]!.actions.map((a) => a.ratings[0]?.level ?? '-')).toEqual(['R', 'A', 'G', 'B', '-', '-']);
    expect(preview.scaleSource).toBe('colours');
    expect(preview.warnings).toEqual([
      {
        code: 'unknown-colour',
        message: 'The shading #FF66CC is not red, amber, green or blue; the row is left not rated.',
        location: 'Table 1, row 6',
      },
    ]);
  });

  it('a numbered key table gives the five-level scale with the plan’s own definitions', async () => {
    const docx = await docxOf([
      heading('Plan 2018', 1),
      table([
        ['1', 'Not started or significantly delayed'],
        ['2', 'Started with some delay'],
        ['3', 'On track'],
        ['4', 'Completed, sustained evidence'],
        ['5', 'Completed and can be removed'],
      ]),
      heading('1. Early help'),
      table([
        ['Ref', 'Action', 'RAG 01/18'],
        ['1.1', 'One', '4'],
      ]),
    ]);
    const { draft, preview } = await importBytes(docx, 'key.docx');
    expect(preview.scaleSource).toBe('key table');
    expect(draft.scale.map((l) => [l.key, l.definition])).toEqual([
      ['1', 'Not started or significantly delayed'],
      ['2', 'Started with some delay'],
      ['3', 'On track'],
      ['4', 'Completed, sustained evidence'],
      ['5', 'Completed and can be removed'],
    ]);
    expect(draft.sections[0]!.actions[0]!.ratings[0]!.level).toBe('4');
  });

  it('a table with no recognisable header is refused with a clear message', async () => {
    const docx = await docxOf([
      table([
        ['Foo', 'Bar'],
        ['1', '2'],
      ]),
    ]);
    await expect(importBytes(docx, 'odd.docx')).rejects.toThrow(
      /No table in odd\.docx has a header row the importer recognises/,
    );
  });
});

describe('summary figures typed under a section heading', () => {
  it('an "Average rating" line that disagrees with the section’s rows is pointed out (whole number and one decimal place)', async () => {
    const docx = await docxOf([
      heading('Plan 2018', 1),
      heading('1. Early help'),
      para('Average rating: RAG 01/18: 2 (1.5); RAG 03/18: 3 (3.0)'),
      table([
        ['Ref', 'Action', 'RAG 01/18', 'RAG 03/18'],
        ['1.1', 'One', '1', '3'],
        ['1.2', 'Two', '2', '4'],
      ]),
      heading('2. Workforce'),
      para('Average rating: RAG 01/18: 3 (3.0); RAG 03/18: 4 (4.0)'),
      table([
        ['Ref', 'Action', 'RAG 01/18', 'RAG 03/18'],
        ['2.1', 'Three', '3', '4'],
      ]),
    ]);
    const { draft, preview } = await importBytes(docx, 'averages.docx');
    // 1.5 rounds half-up to 2 (agrees); 3.5 is neither 3 nor 3.0. Section 2 agrees throughout.
    expect(preview.warnings).toEqual([
      {
        code: 'summary-mismatch',
        message:
          'The average rating typed for section 1 says 3 in RAG 03/18, but its rated rows give 4. The app computes from the rows.',
        location: 'Before table 1',
      },
      {
        code: 'summary-mismatch',
        message:
          'The average rating typed for section 1 says 3.0 in RAG 03/18, but its rated rows give 3.5. The app computes from the rows.',
        location: 'Before table 1',
      },
    ]);
    // The typed line is neither the section's description nor the introduction.
    expect(draft.sections.map((s) => s.description)).toEqual(['', '']);
    expect(draft.introduction).toBe('');
  });
});

describe('period names', () => {
  it('"RAG September 2025" headers in a document whose reporting period is "January 2026" give periods named like the document’s', async () => {
    const docx = await docxOf([
      heading('Plan 2025-27', 1),
      para('Reporting period: January 2026 (to 31 January 2026)'),
      para('Compared with: November 2025'),
      heading('1. Leadership'),
      table([
        ['Ref', 'Action', 'RAG September 2025', 'RAG November 2025', 'RAG January 2026'],
        ['1.1', 'One', 'RED', 'AMBER', 'GREEN'],
      ]),
    ]);
    const { draft, preview } = await importBytes(docx, 'named.docx');
    expect(preview.periods).toEqual(['September 2025', 'November 2025', 'January 2026']);
    expect(preview.columns.filter((c) => c.field === 'rating').map((c) => c.period)).toEqual(preview.periods);
    expect(draft.currentPeriod).toBe('January 2026');
    // Without the document naming its periods, "RAG 01/18" stays the period's name (the 2017-19 plans call them so).
    const plain = await docxOf([
      heading('Plan 2018', 1),
      heading('1. Leadership'),
      table([
        ['Ref', 'Action', 'RAG initial', 'RAG 01/18'],
        ['1.1', 'One', '1', '2'],
      ]),
    ]);
    expect((await importBytes(plain, 'plain.docx')).preview.periods).toEqual(['RAG initial', 'RAG 01/18']);
  });
});

/** Issue 13 point 6: a "RAG Summary of all areas" typed in the document, with bare Previous / Current columns. */
describe('a typed RAG summary of all areas', () => {
  it('is read against the document’s own rows: disagreeing figures are shown with both values, never copied', async () => {
    const docx = await docxOf([
      heading('Improvement Plan 2018', 1),
      para('RAG Summary of all areas'),
      table([
        ['Priority', 'Previous', 'Current', 'DOT'],
        ['1. Early help', '1.5', '3.0', '↑'],
        ['2. Workforce', '3 (Amber)', '4.0', '↑'],
        ['Overall', '2.3', '3.5', '↑'],
      ]),
      heading('1. Early help'),
      table([
        ['Ref', 'Action', 'RAG 01/18', 'RAG 03/18'],
        ['1.1', 'One', '1', '3'],
        ['1.2', 'Two', '2', '4'],
      ]),
      heading('2. Workforce'),
      table([
        ['Ref', 'Action', 'RAG 01/18', 'RAG 03/18'],
        ['2.1', 'Three', '3', '4'],
      ]),
    ]);
    const { draft, preview } = await importBytes(docx, 'summary.docx');
    expect(preview.periods).toEqual(['RAG 01/18', 'RAG 03/18']);
    // "Previous" is RAG 01/18 and "Current" RAG 03/18 (the latest rated period); "3 (Amber)" is read as 3.
    expect(preview.warnings.filter((w) => w.code === 'summary-mismatch')).toEqual([
      {
        code: 'summary-mismatch',
        message:
          'The summary says 3.0 for section 1 in RAG 03/18, but its rated rows give 3.5. The app computes from the rows.',
        location: 'Table 1, row 2',
      },
      {
        code: 'summary-mismatch',
        message:
          'The summary says 3.5 for the whole plan in RAG 03/18, but its rated rows give 3.8. The app computes from the rows.',
        location: 'Table 1, row 4',
      },
    ]);
    // Nothing of the summary is copied into the plan: the sections, actions and ratings are the rows'.
    expect(draft.sections.map((s) => [s.number, s.title, s.description, s.actions.length])).toEqual([
      ['1', 'Early help', '', 2],
      ['2', 'Workforce', '', 1],
    ]);
    expect(draft.sections[0]!.actions[0]!.ratings.map((r) => r.level)).toHaveLength(2);
    expect(preview.totals).toMatchObject({ sections: 2, actions: 3, ratings: 6 });
  });

  it('with one period only, a bare Previous column is not compared (there is nothing before it)', async () => {
    const docx = await docxOf([
      heading('Improvement Plan 2018', 1),
      table([
        ['Area', 'Previous', 'Current'],
        ['1. Early help', '9.9', '1.5'],
      ]),
      heading('1. Early help'),
      table([
        ['Ref', 'Action', 'RAG 01/18'],
        ['1.1', 'One', '1'],
        ['1.2', 'Two', '2'],
      ]),
    ]);
    const { preview } = await importBytes(docx, 'one-period.docx');
    expect(preview.warnings.filter((w) => w.code === 'summary-mismatch')).toEqual([]);
    expect(preview.totals).toMatchObject({ sections: 1, actions: 2 });
  });
});
