/** What real plans contain (issue 13): documents of our own, built with the docx library. */
import { describe, expect, it } from 'vitest';
import { docxOf, heading, para, table } from './docs';
import { importBytes } from './helpers';

const HEADER = [
  'Ref',
  'Outcome',
  'Action',
  'Lead',
  'By When',
  'RAG 01/18',
  'RAG 03/18',
  'RAG 05/18',
  'RAG 07/18',
  'Progress update',
];

describe('indicator tables', () => {
  it('reads polarity, baseline year, SN average, months, YTD; keeps missing missing and notes as notes; warns on a disagreeing figure', async () => {
    const doc = await docxOf([
      heading('Children’s Social Care Development Plan 2017-19', 1),
      heading('Priority 1 Early help and the front door'),
      table([
        ['Indicator', 'Polarity', '2016/17', 'SN average', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'YTD', 'DOT'],
        [
          '% of assessments completed in timescale',
          'High is good',
          '85.2%',
          '82.9%',
          '95.0%',
          '96.4%',
          'Data being collated',
          '97.3%',
          '',
          '98.1%',
          '98.1%',
          '↑',
        ],
        [
          'Re-referrals within 12 months (%)',
          'Low is good',
          '24.0',
          '21.9',
          '22.0',
          '21.0',
          '20.0',
          'Only collected quarterly',
          '19.0',
          '18.0',
          '20.0',
          '↑',
        ],
        ['Missing episodes', 'Low is good', '512', '', '41', '38', '45', '39', '36', '33', '232', ''],
      ]),
      table(
        [
          HEADER,
          [
            '1.1',
            'Right help at the right time',
            'Embed the assessment',
            'J Tynan AD',
            'Jan-18',
            '2',
            '3',
            '0',
            '',
            'On track. Currently 93.8% of assessments completed in timescale.',
          ],
        ],
        [0],
      ),
    ]);
    const { draft, preview } = await importBytes(doc, 'ind.docx');
    const [assess, rerefs, missing] = draft.sections[0]!.indicators;
    expect(assess).toMatchObject({
      name: '% of assessments completed in timescale',
      unit: 'percent',
      polarity: 'higher-is-better',
      baselineLabel: '2016/17',
      baseline: 85.2,
      snAverage: 82.9,
      yearToDate: 'latest',
    });
    expect(assess!.values).toEqual([
      { label: 'Jul', value: 95, note: '' },
      { label: 'Aug', value: 96.4, note: '' },
      { label: 'Sep', value: null, note: 'Data being collated' },
      { label: 'Oct', value: 97.3, note: '' },
      { label: 'Nov', value: null, note: '' },
      { label: 'Dec', value: 98.1, note: '' },
    ]);
    expect(rerefs).toMatchObject({ unit: 'percent', polarity: 'lower-is-better', yearToDate: 'mean' });
    expect(rerefs!.values[3]).toEqual({ label: 'Oct', value: null, note: 'Only collected quarterly' });
    expect(missing).toMatchObject({ unit: 'count', yearToDate: 'sum', snAverage: null });
    expect(preview.indicators).toHaveLength(3);
    expect(preview.indicators![0]).toMatchObject({ values: 4, missing: 2 });
    const warning = preview.warnings.find((w) => w.code === 'indicator-mismatch')!;
    expect(warning.message).toContain('quotes 93.8%');
    expect(warning.message).toContain('has 98.1 as its latest value (Dec)');
    // The progress text is kept exactly; the indicator's values are not changed.
    expect(draft.sections[0]!.actions[0]!.progress[0]!.body).toBe(
      'On track. Currently 93.8% of assessments completed in timescale.',
    );
  });
});

describe('rows of real plans', () => {
  it('recommendation tags opening any cell, merged cells tagging every row they span, text kept', async () => {
    const doc = await docxOf([
      heading('LA Action Plan', 1),
      heading('Priority 1 Workforce'),
      table(
        [
          HEADER,
          [
            '1.1',
            { text: 'Ofsted recco14 There is a permanent and stable workforce', merge: 'restart' },
            'Recruit permanent staff',
            'HR',
            'Mar-18',
            '2',
            '3',
            '0',
            '0',
            'On track.',
          ],
          [
            '1.2',
            { merge: 'continue' },
            'OFSTED recco 15 Create a profile of the workforce',
            'HR',
            'Apr-18',
            '2',
            '2',
            '0',
            '0',
            'Planned.',
          ],
          [
            '1.3',
            'Managers are visible',
            'ofsted Recco16 Hold monthly forums',
            'AD',
            'May-18',
            '3',
            '4',
            '0',
            '',
            'Completed.',
          ],
        ],
        [0],
      ),
    ]);
    const { draft, preview } = await importBytes(doc, 'tags.docx');
    const [a, b, c] = draft.sections[0]!.actions;
    expect(a!.recommendations).toEqual(['Ofsted 14']);
    expect(b!.recommendations).toEqual(['Ofsted 14', 'Ofsted 15']);
    expect(c!.recommendations).toEqual(['Ofsted 16']);
    expect(a!.outcome).toBe('Ofsted recco14 There is a permanent and stable workforce');
    expect(b!.description).toBe('OFSTED recco 15 Create a profile of the workforce');
    expect(preview.recommendations.map((r) => [r.label, r.linkedTo])).toEqual([
      ['Ofsted 14', ['1.1', '1.2']],
      ['Ofsted 15', ['1.2']],
      ['Ofsted 16', ['1.3']],
    ]);
  });

  it('future rating columns (0 or blank): the current period is the latest holding ratings, compared with the one before; progress is its', async () => {
    const doc = await docxOf([
      heading('LA Action Plan', 1),
      heading('Priority 1 Workforce'),
      table(
        [
          HEADER,
          ['1.1', 'Stable workforce', 'Recruit', 'HR', 'Mar-18', '2', '3', '0', '', 'On track.'],
          ['1.2', 'Stable workforce', 'Retain', 'HR', 'Apr-18', '', '2', '', '0', 'Planned.'],
        ],
        [0],
      ),
    ]);
    const { draft } = await importBytes(doc, 'future.docx');
    expect(draft.periods.map((p) => p.label)).toEqual(['RAG 01/18', 'RAG 03/18', 'RAG 05/18', 'RAG 07/18']);
    expect([draft.currentPeriod, draft.comparePeriod]).toEqual(['RAG 03/18', 'RAG 01/18']);
    expect(draft.sections[0]!.actions[1]!.progress).toEqual([
      { period: 'RAG 03/18', body: 'Planned.', author: '', internal: false },
    ]);
    expect(draft.sections[0]!.actions.flatMap((a) => a.ratings.map((r) => r.period))).not.toContain('RAG 05/18');
  });

  it('areas that are the inspector’s recommendations become recommendations answered by the area’s actions', async () => {
    const header = ['Action', 'Description', 'Strategic Lead', 'Timescale (By When)', 'Progress to date'];
    const doc = await docxOf([
      heading('Inspection Action Plan 2014', 1),
      heading('Area for Improvement (1): Ensure that plans for children are specific and outcome focused'),
      table(
        [header, ['1.1', 'Audit plans', 'AD', 'May 2014', 'Done.'], ['1.2', 'Train managers', 'AD', 'June 2014', '']],
        [0],
      ),
      heading('Area for Improvement (2): Ensure that supervision is regular and reflective'),
      table([header, ['2.1', 'Supervision policy', 'PSW', 'July 2014', '']], [0]),
    ]);
    const { draft, preview } = await importBytes(doc, 'areas.docx');
    expect(draft.recommendations.map((r) => [r.label, r.text])).toEqual([
      ['Area for Improvement 1', 'Ensure that plans for children are specific and outcome focused'],
      ['Area for Improvement 2', 'Ensure that supervision is regular and reflective'],
    ]);
    expect(preview.recommendations.map((r) => r.linkedTo)).toEqual([['1.1', '1.2'], ['2.1']]);
  });

  it('takes the title from the line naming the plan, not the council alone nor council and service in front', async () => {
    const table1 = table(
      [HEADER, ['1.1', 'Stable workforce', 'Recruit', 'HR', 'Mar-18', '2', '3', '0', '', 'On track.']],
      [0],
    );
    const councilFirst = await docxOf([
      heading('Thurrock Council', 1),
      para('LA Action Plan'),
      heading('Priority 1 Workforce'),
      table1,
    ]);
    expect((await importBytes(councilFirst, 'a.docx')).draft.title).toBe('LA Action Plan');
    const repeated = await docxOf([
      para('Thurrock Council'),
      para('Children’s Services'),
      heading('Thurrock Council Children’s Services Children’s Social Care Development Plan 2017-19', 1),
      heading('Priority 1 Workforce'),
      table([HEADER, ['1.1', 'Stable workforce', 'Recruit', 'HR', 'Mar-18', '2', '3', '0', '', 'On track.']], [0]),
    ]);
    const { draft } = await importBytes(repeated, 'b.docx');
    expect([draft.title, draft.organisation, draft.service]).toEqual([
      'Children’s Social Care Development Plan 2017-19',
      'Thurrock Council',
      'Children’s Services',
    ]);
  });
});

describe('plans with no rating column', () => {
  it('proposes a rating on a words scale from the opening status phrase, which the user may decline', async () => {
    const header = ['Ref', 'Action', 'Lead', 'By When', 'Progress'];
    const doc = await docxOf([
      heading('Improvement Plan 2016', 1),
      heading('Priority 1 Workforce'),
      table(
        [
          header,
          ['1.1', 'Recruit', 'HR', 'Mar-16', 'Completed.\nAll posts filled.'],
          ['1.2', 'Retain', 'HR', 'Apr-16', 'In place. Exit interviews run.'],
          ['1.3', 'Train', 'PSW', 'May-16', 'On track.'],
          ['1.4', 'Plan', 'AD', 'Jun-16', 'Planned.'],
          ['1.5', 'Review', 'AD', 'Jul-16', 'Meeting held in May.'],
        ],
        [0],
      ),
    ]);
    const { draft, preview } = await importBytes(doc, 'words.docx');
    expect(preview.scaleSource).toMatch(/status phrases \(proposed/);
    expect(draft.scale.map((l) => l.label)).toEqual(['Not started', 'Delayed', 'On track', 'Completed']);
    const levelOf = (i: number) =>
      draft.sections[0]!.actions[i]!.ratings.map((r) => draft.scale.find((l) => l.key === r.level)?.label);
    expect([0, 1, 2, 3, 4].map(levelOf)).toEqual([['Completed'], ['Completed'], ['On track'], ['Not started'], []]);
    expect(preview.warnings.find((w) => w.code === 'proposed-rating')!.message).toContain('4 ratings are proposed');
    // The progress text is kept exactly as typed.
    expect(draft.sections[0]!.actions[0]!.progress[0]!.body).toBe('Completed.\nAll posts filled.');

    const declined = await importBytes(doc, 'words.docx', { proposedRatings: false });
    expect(declined.draft.sections[0]!.actions.every((a) => a.ratings.length === 0)).toBe(true);
    expect(declined.preview.warnings.find((w) => w.code === 'proposed-rating')!.message).toContain('not proposed');
  });
});
