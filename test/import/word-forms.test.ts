/**
 * Issue 5, the Word list, bullet by bullet: each form real plans take gets a document built for it (with
 * the docx library, or hand-written WordprocessingML where the library cannot write the construct).
 */
import { describe, expect, it } from 'vitest';
import { guessHeader, periodOfHeader } from '../../electron/import/headers';
import type { PlanDraftParsed } from '../../shared/draft';
import { docxFromBody, docxOf, heading, para, table, wml, type CellSpec } from './docs';
import { importBytes } from './helpers';

/** "ref: description | leads | ratings" per action, for compact assertions. */
function rows(draft: PlanDraftParsed): string[] {
  return draft.sections.flatMap((s) =>
    s.actions.map(
      (a) =>
        `${s.number} ${a.reference ?? '-'}: ${a.description} | ${a.leads.map((l) => `${l.name}/${l.role}`).join('; ')} | ${a.ratings.map((r) => `${r.period}=${r.level}`).join(', ')}`,
    ),
  );
}

describe('header forms', () => {
  it.each([
    ['By When', 'dueDate'],
    ['Timescale (By When)', 'dueDate'],
    ['Time', 'dueDate'],
    ['Target date', 'dueDate'],
    ['Progress to date and evidence of improvement', 'progress'],
    ['Progress update', 'progress'],
    ['Success measure(s)', 'outcome'],
    ['Performance/Outcome', 'outcome'],
    ['Lead', 'lead'],
    ['Lead(s)', 'lead'],
    ['Strategic Lead', 'strategicLead'],
    ['Operational Lead', 'operationalLead'],
    ['Responsible Officer', 'responsibleOfficer'],
    ['Action', 'description'],
    ['Objective', 'objective'],
    ['Ref', 'reference'],
    ['RAG', 'rating'],
    ['RAG initial', 'rating'],
    ['RAG 01/18', 'rating'],
    ['RAG Status', 'rating'],
  ])('"%s" is read as %s', (header, field) => {
    expect(guessHeader(header)[0]).toEqual({ field, confidence: 1 });
  });

  it('a rating header names its period; a bare "RAG" does not', () => {
    expect(['RAG', 'RAG initial', 'RAG 01/18', 'RAG history November 2025'].map(periodOfHeader)).toEqual([
      null,
      'RAG initial',
      'RAG 01/18',
      'November 2025',
    ]);
  });

  it('header words split across lines of one cell are joined', async () => {
    const docx = await docxOf([
      heading('Plan 2020', 1),
      heading('1. Leadership'),
      table([
        [
          'Ref',
          'Action',
          { text: ['Timescale', '(By When)'] },
          { text: ['Progress to date', 'and evidence of improvement'] },
          { text: ['Responsible', 'Officer'] },
          'RAG',
        ],
        ['1.1', 'Refresh the vision', 'Ongoing', 'Agreed by members.', 'J Smith', 'GREEN'],
      ]),
    ]);
    const { draft, preview } = await importBytes(docx, 'lines.docx');
    expect(preview.columns.map((c) => `${c.header}>${c.field}`)).toEqual([
      'Ref>reference',
      'Action>description',
      'Timescale (By When)>dueDate',
      'Progress to date and evidence of improvement>progress',
      'Responsible Officer>responsibleOfficer',
      'RAG>rating',
    ]);
    expect(rows(draft)).toEqual(['1 1.1: Refresh the vision | J Smith/responsible | 2020=G']);
    expect(draft.sections[0]!.actions[0]!.dueText).toBe('Ongoing');
  });

  it('a section number in the first header cell names the section', async () => {
    const header = ['3', 'Objective', 'Action', 'Lead', 'By When', 'RAG'];
    const docx = await docxOf([
      heading('Plan 2020', 1),
      table([header, ['3.1', 'Safe children', 'Audit plans', 'AD', 'Sept 20', 'AMBER']]),
      table([
        ['4', ...header.slice(1)],
        ['4.1', 'Stable staff', 'Recruit', 'HR', 'Oct 20', 'RED'],
      ]),
    ]);
    const { draft, preview } = await importBytes(docx, 'numbered.docx');
    expect(preview.sections.map((s) => [s.number, s.rows])).toEqual([
      ['3', 1],
      ['4', 1],
    ]);
    expect(preview.columns[0]).toMatchObject({ header: '3', field: 'reference' });
    expect(rows(draft)).toEqual(['3 3.1: Audit plans | AD/lead | 2020=A', '4 4.1: Recruit | HR/lead | 2020=R']);
    expect(draft.sections[0]!.actions[0]!.objective).toBe('Safe children');
  });

  it('a heading and a first header cell that disagree: the heading wins, with a warning', async () => {
    const docx = await docxOf([
      heading('Plan 2020', 1),
      heading('2. Workforce'),
      table([
        ['5', 'Action', 'Lead'],
        ['2.1', 'Recruit', 'HR'],
      ]),
    ]);
    const { preview } = await importBytes(docx, 'disagree.docx');
    expect(preview.sections.map((s) => s.number)).toEqual(['2']);
    expect(preview.warnings.map((w) => w.code)).toEqual(['section-number']);
  });
});

describe('sections', () => {
  it('from plain paragraphs before each table ("1. ...", "Area for Improvement (n): ...", "Priority n ...")', async () => {
    const header = ['Ref', 'Action', 'Lead'];
    const docx = await docxOf([
      heading('Plan 2020', 1),
      para('1. Leadership, Vision and Culture'),
      table([header, ['1.1', 'Vision', 'DCS']]),
      para('Area for Improvement (2): Quality of practice'),
      table([header, ['2.1', 'Audit', 'AD']]),
      para('Priority 3 Workforce'),
      table([header, ['3.1', 'Recruit', 'HR']]),
    ]);
    const { preview } = await importBytes(docx, 'paras.docx');
    expect(preview.sections).toEqual([
      { number: '1', title: 'Leadership, Vision and Culture', rows: 1 },
      { number: '2', title: 'Quality of practice', rows: 1 },
      { number: '3', title: 'Workforce', rows: 1 },
    ]);
    expect(preview.warnings).toEqual([]);
  });

  it('from unnumbered headings before each table (the first one included; the title and "Introduction" are not sections)', async () => {
    const header = ['Ref', 'Action', 'Lead'];
    const docx = await docxOf([
      heading('Improvement Plan 2020', 1),
      heading('Introduction'),
      para('This plan sets out how we will improve.'),
      heading('Leadership'),
      para('Led by the Director.'),
      table([header, ['1.1', 'Vision', 'DCS']]),
      heading('Workforce'),
      table([header, ['2.1', 'Recruit', 'HR']]),
    ]);
    const { draft, preview } = await importBytes(docx, 'unnumbered.docx');
    expect(preview.title).toBe('Improvement Plan 2020');
    expect(preview.sections).toEqual([
      { number: '1', title: 'Leadership', rows: 1 },
      { number: '2', title: 'Workforce', rows: 1 },
    ]);
    expect(draft.sections[0]!.description).toBe('Led by the Director.');
    expect(draft.introduction).toBe('This plan sets out how we will improve.');
  });

  it('from short plain lines before each table, when every table has one', async () => {
    const header = ['Ref', 'Action', 'Lead'];
    const docx = await docxOf([
      para('Improvement Plan 2020'),
      para('Leadership'),
      table([header, ['1.1', 'Vision', 'DCS']]),
      para('Workforce'),
      table([header, ['2.1', 'Recruit', 'HR']]),
    ]);
    const { preview } = await importBytes(docx, 'lines.docx');
    expect(preview.title).toBe('Improvement Plan 2020');
    expect(preview.sections.map((s) => [s.number, s.title])).toEqual([
      ['1', 'Leadership'],
      ['2', 'Workforce'],
    ]);
    // A sentence before a table is not a section title: the tables stay one section.
    const prose = await docxOf([
      para('Improvement Plan 2020'),
      table([header, ['1.1', 'Vision', 'DCS']]),
      para('The table continues below.'),
      table([header, ['1.2', 'Recruit', 'HR']]),
    ]);
    expect((await importBytes(prose, 'prose.docx')).preview.sections.map((s) => s.rows)).toEqual([2]);
  });

  it('from a first column (merged down the rows of each priority)', async () => {
    const docx = await docxOf([
      heading('Plan 2020', 1),
      table([
        ['Priority', 'Ref', 'Action', 'Lead', 'RAG'],
        [{ text: 'Priority 1 Early help', merge: 'restart' }, '1.1', 'Front door', 'AD', 'G'],
        [{ merge: 'continue' }, '1.2', 'Thresholds', 'AD', 'R'],
        [{ text: 'Priority 2 Workforce', merge: 'restart' }, '2.1', 'Recruit', 'HR', 'A'],
      ]),
    ]);
    const { draft, preview } = await importBytes(docx, 'column.docx');
    expect(preview.columns[0]).toMatchObject({ header: 'Priority', field: 'section' });
    expect(preview.sections).toEqual([
      { number: '1', title: 'Early help', rows: 2 },
      { number: '2', title: 'Workforce', rows: 1 },
    ]);
    expect(rows(draft)).toEqual([
      '1 1.1: Front door | AD/lead | 2020=G',
      '1 1.2: Thresholds | AD/lead | 2020=R',
      '2 2.1: Recruit | HR/lead | 2020=A',
    ]);
  });
});

describe('tables', () => {
  const header = ['Ref', 'Action', 'Lead', 'By when', 'RAG'];
  const one: CellSpec[][] = [
    ['1.1', 'Vision', 'DCS', 'April 2020', 'GREEN'],
    ['1.2', 'Briefing', 'AD', 'Sept 20', 'AMBER'],
  ];
  const two: CellSpec[][] = [['2.1', 'Recruit', 'HR', 'June 2020', 'RED']];

  it('one table per section and one long table with section rows give the same plan', async () => {
    const perSection = await importBytes(
      await docxOf([
        heading('Plan 2020', 1),
        heading('1. Leadership'),
        table([header, ...one], [0]),
        heading('2. Workforce'),
        table([header, ...two], [0]),
      ]),
      'per-section.docx',
    );
    const long = await importBytes(
      await docxOf([
        heading('Plan 2020', 1),
        table([header, [{ text: '1. Leadership', span: 5 }], ...one, [{ text: '2. Workforce', span: 5 }], ...two], [0]),
      ]),
      'long.docx',
    );
    expect(long.preview.sections).toEqual(perSection.preview.sections);
    expect(long.draft.sections).toEqual(perSection.draft.sections);
    expect(rows(long.draft)).toEqual([
      '1 1.1: Vision | DCS/lead | 2020=G',
      '1 1.2: Briefing | AD/lead | 2020=A',
      '2 2.1: Recruit | HR/lead | 2020=R',
    ]);
  });

  it('header rows repeated inside the table (marked or not) and a table continued after a page break are not rows', async () => {
    const docx = await docxOf([
      heading('Plan 2020', 1),
      heading('1. Leadership'),
      // The second copy of the header is typed, not marked as a repeating header row.
      table([header, one[0]!, header, one[1]!], [0]),
      // The table continues on the next page as a new table with the header again and no heading.
      table([header, ['1.3', 'Scrutiny', 'AD', 'Dec 20', 'GREEN']], [0]),
    ]);
    const { draft, preview } = await importBytes(docx, 'repeated.docx');
    expect(preview.sections).toEqual([{ number: '1', title: 'Leadership', rows: 3 }]);
    expect(draft.sections[0]!.actions.map((a) => a.reference)).toEqual(['1.1', '1.2', '1.3']);
    expect(preview.warnings).toEqual([]);
  });

  it('a row split across pages is joined to its row; a row with its own lead, date or rating but no reference is kept as an action', async () => {
    const docx = await docxOf([
      heading('Plan 2020', 1),
      heading('1. Leadership'),
      table([
        header,
        ['1.1', 'Vision', 'DCS', 'April 2020', 'GREEN'],
        ['', 'and the members’ briefing', '', '', ''],
        ['', 'Peer review', 'AD', 'June 2020', 'RED'],
        ['1.3', 'Scrutiny', 'AD', 'Dec 20', 'AMBER'],
      ]),
    ]);
    const { draft, preview } = await importBytes(docx, 'split.docx');
    expect(rows(draft)).toEqual([
      '1 1.1: Vision\nand the members’ briefing | DCS/lead | 2020=G',
      '1 -: Peer review | AD/lead | 2020=R',
      '1 1.3: Scrutiny | AD/lead | 2020=A',
    ]);
    expect(preview.warnings.map((w) => [w.code, w.location])).toEqual([
      ['continuation-row', 'Table 1, row 3'],
      ['no-reference', 'Table 1, row 4'],
    ]);
  });
});

describe('merged and spanned cells', () => {
  it('a reference merged over rated sub-rows: each sub-row is an action with that reference and its own rating', async () => {
    const docx = await docxOf([
      heading('Plan 2018', 1),
      heading('Priority 1 Early help'),
      table([
        ['Ref', 'Action', 'Success measure(s)', 'Lead', 'RAG 01/18'],
        [
          { text: '1.1 Ofsted 2', merge: 'restart' },
          { text: 'Embed the assessment', merge: 'restart' },
          'Within 35 days',
          'AD',
          '3',
        ],
        [{ merge: 'continue' }, { merge: 'continue' }, 'Re-referrals below 20%', 'AD', '2'],
      ]),
    ]);
    const { draft, preview } = await importBytes(docx, 'merged-ref.docx');
    const [a, b] = draft.sections[0]!.actions;
    expect([a!.reference, a!.description, a!.outcome, a!.ratings[0]!.level, a!.recommendations]).toEqual([
      '1.1',
      'Embed the assessment',
      'Within 35 days',
      '3',
      ['Ofsted 2'],
    ]);
    expect([b!.reference, b!.description, b!.outcome, b!.ratings[0]!.level, b!.recommendations]).toEqual([
      '1.1',
      'Embed the assessment',
      'Re-referrals below 20%',
      '2',
      ['Ofsted 2'],
    ]);
    expect(preview.warnings.find((w) => w.code === 'duplicate-reference')?.message).toMatch(
      /merged over several rated rows/,
    );
  });

  it('a header cell spanning the period columns ("RAG" over "initial", "01/18") gives one period per column; multi-paragraph cells keep their paragraphs', async () => {
    const docx = await docxOf([
      heading('Plan 2018', 1),
      heading('1. Leadership'),
      table([
        ['Ref', 'Action', 'Lead', { text: 'RAG', span: 2 }, 'Progress'],
        ['', '', '', 'initial', '01/18', ''],
        [
          '1.1',
          { text: ['Refresh the vision.', 'Brief members.'] },
          { text: ['J Tynan AD', 'R Murdock'] },
          { fill: 'FF0000' },
          { fill: '00B050' },
          { text: ['On track.', 'Currently 83% in timescale [Feb data]'] },
        ],
      ]),
    ]);
    const { draft, preview } = await importBytes(docx, 'span.docx');
    expect(preview.periods).toEqual(['RAG initial', 'RAG 01/18']);
    const a = draft.sections[0]!.actions[0]!;
    expect(a.description).toBe('Refresh the vision.\nBrief members.');
    expect(a.leads.map((l) => l.name)).toEqual(['J Tynan AD', 'R Murdock']);
    expect(a.ratings.map((r) => `${r.period}=${r.level}`)).toEqual(['RAG initial=R', 'RAG 01/18=G']);
    expect(a.progress[0]!.body).toBe('On track.\nCurrently 83% in timescale [Feb data]');
  });
});

describe('revisions, content controls, links and spaces (hand-written WordprocessingML)', () => {
  it('drops deletions, moved-from text and deleted rows; keeps insertions and moved-to text; reads controls, links, field results and non-breaking spaces', async () => {
    const { run, p, tc, tr, text, sdt, tbl } = wml;
    const body = [
      p(run('Plan 2021'), 'Heading1'),
      p(run('1. Leadership'), 'Heading2'),
      tbl([
        tr(['Ref', 'Action', 'Lead', 'RAG'].map((h) => text(h))),
        tr([
          text('1.1'),
          tc(
            p(
              `${run('Audit plans ')}<w:del w:id="1" w:author="A"><w:r><w:delText>weekly</w:delText></w:r></w:del><w:ins w:id="2" w:author="A">${run('monthly')}</w:ins>` +
                `<w:moveFrom w:id="3" w:author="A">${run(' (old place)')}</w:moveFrom><w:moveTo w:id="4" w:author="A">${run(' with managers')}</w:moveTo>`,
            ),
          ),
          // A content control around the whole cell.
          sdt(text('Service\u00a0Lead R\u00a0Murdock')),
          text('', '<w:shd w:val="solid" w:color="C00000" w:fill="auto"/>'),
        ]),
        // A deleted row (tracked) is not imported.
        tr([text('1.2'), text('Withdrawn action'), text('AD'), text('GREEN')], '<w:del w:id="5" w:author="A"/>'),
        // A content control around the whole row; a HYPERLINK field and a theme-tinted shading with its hex fill.
        sdt(
          tr([
            text('1.3'),
            tc(
              p(
                `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "https://example.org" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${run('Publish the audit')}<w:r><w:fldChar w:fldCharType="end"/></w:r>`,
              ),
            ),
            text('AD'),
            text('', '<w:shd w:val="clear" w:color="auto" w:fill="00B050" w:themeFill="accent6"/>'),
          ]),
        ),
        tr([
          text('1.4'),
          tc(p(`<w:hyperlink r:id="rId99">${run('Audit report')}</w:hyperlink>${run(' shared')}`)),
          tc(p(`<w:sdt><w:sdtPr/><w:sdtContent>${run('Head of Service')}</w:sdtContent></w:sdt>`)),
          // Highlighted text rather than cell shading.
          tc(p(run('', '<w:highlight w:val="yellow"/>') + run('Amber', '<w:highlight w:val="yellow"/>'))),
        ]),
      ]),
    ].join('');
    const { draft, preview } = await importBytes(await docxFromBody(body), 'revisions.docx');
    expect(rows(draft)).toEqual([
      '1 1.1: Audit plans monthly with managers | Service Lead R Murdock/lead | 2021=R',
      '1 1.3: Publish the audit | AD/lead | 2021=G',
      '1 1.4: Audit report shared | Head of Service/lead | 2021=A',
    ]);
    expect(preview.warnings).toEqual([]);
  });
});

describe('ratings', () => {
  it('words and letters: RED / AMBER / GREEN / COMPLETED and R / A / G', async () => {
    const docx = await docxOf([
      heading('Plan 2020', 1),
      heading('1. Leadership'),
      table([
        ['Ref', 'Action', 'RAG'],
        ['1.1', 'a', 'RED'],
        ['1.2', 'b', 'Amber'],
        ['1.3', 'c', 'GREEN'],
        ['1.4', 'd', 'COMPLETED'],
        ['1.5', 'e', 'R'],
        ['1.6', 'f', 'A'],
        ['1.7', 'g', 'G'],
        ['1.8', 'h', ''],
      ]),
    ]);
    const { draft, preview } = await importBytes(docx, 'words.docx');
    expect(preview.scaleSource).toBe('words');
    expect(draft.sections[0]!.actions.map((a) => a.ratings[0]?.level ?? '-')).toEqual([
      'R',
      'A',
      'G',
      'B',
      'R',
      'A',
      'G',
      '-',
    ]);
  });

  it('numbers 1-5 per period; 0 and blank are not rated, never a score; a number off the scale is a warning', async () => {
    const docx = await docxOf([
      heading('Plan 2018', 1),
      heading('1. Leadership'),
      table([
        ['Ref', 'Action', 'RAG initial', 'RAG 01/18', 'RAG 03/18'],
        ['1.1', 'a', '1', '', '3'],
        ['1.2', 'b', '0', '2', '6'],
      ]),
    ]);
    const { draft, preview } = await importBytes(docx, 'numbers.docx');
    expect(preview.scaleSource).toBe('numbers 1-5');
    expect(rows(draft)).toEqual(['1 1.1: a |  | RAG initial=1, RAG 03/18=3', '1 1.2: b |  | RAG 01/18=2']);
    expect(preview.warnings.map((w) => [w.code, w.location])).toEqual([['unknown-rating', 'Table 1, row 3']]);
  });

  it('a colour key table (shading and definitions) becomes the plan’s scale, and shaded cells are read against it', async () => {
    const docx = await docxOf([
      heading('Continuous Development Plan 2020', 1),
      para('Key'),
      table([
        [{ text: 'Red', fill: 'FF0000' }, 'Not started or progressed'],
        [{ text: 'Amber', fill: 'FFC000' }, 'Some progress but not fully achieved'],
        [{ text: 'Green', fill: '00B050' }, 'Delivered and showing impact; more work for consistency'],
        [{ text: 'Blue', fill: '0070C0' }, 'Delivered with evidence of consistency and impact; remains for monitoring'],
      ]),
      heading('1. Leadership'),
      table([
        ['Ref', 'Action', 'RAG'],
        ['1.1', 'a', { fill: 'FF0000' }],
        ['1.2', 'b', { fill: '0070C0' }],
      ]),
    ]);
    const { draft, preview } = await importBytes(docx, 'key.docx');
    expect(preview.scaleSource).toBe('key table');
    expect(draft.scale.map((l) => [l.key, l.label, l.colour, l.definition])).toEqual([
      ['R', 'Red', 'FF0000', 'Not started or progressed'],
      ['A', 'Amber', 'FFC000', 'Some progress but not fully achieved'],
      ['G', 'Green', '00B050', 'Delivered and showing impact; more work for consistency'],
      ['B', 'Blue', '0070C0', 'Delivered with evidence of consistency and impact; remains for monitoring'],
    ]);
    expect(draft.sections[0]!.actions.map((a) => a.ratings[0]?.level)).toEqual(['R', 'B']);
  });
});

describe('recommendations', () => {
  it('"3.1 Ofsted 1" references link the numbered recommendations list at the front; unanswered ones show as such', async () => {
    const docx = await docxOf([
      heading('Improvement Plan 2020', 1),
      para('Ofsted recommendations'),
      para('1. Improve the quality of plans.'),
      para('2. Strengthen supervision.'),
      para('3. Improve management oversight.'),
      heading('3. Quality of practice'),
      table([
        ['Ref', 'Action', 'Lead'],
        ['3.1 Ofsted 1', 'Audit plans', 'AD'],
        ['3.2 Ofsted 1, Ofsted 3', 'Oversight audits', 'AD'],
      ]),
    ]);
    const { draft, preview } = await importBytes(docx, 'recs.docx');
    expect(draft.recommendations.map((r) => [r.label, r.text])).toEqual([
      ['Ofsted 1', 'Improve the quality of plans.'],
      ['Ofsted 2', 'Strengthen supervision.'],
      ['Ofsted 3', 'Improve management oversight.'],
    ]);
    expect(draft.sections[0]!.actions.map((a) => [a.reference, a.recommendations])).toEqual([
      ['3.1', ['Ofsted 1']],
      ['3.2', ['Ofsted 1', 'Ofsted 3']],
    ]);
    expect(preview.recommendations.map((r) => [r.label, r.linkedTo])).toEqual([
      ['Ofsted 1', ['3.1', '3.2']],
      ['Ofsted 2', []],
      ['Ofsted 3', ['3.2']],
    ]);
  });
});
