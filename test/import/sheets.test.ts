/** Excel (exceljs) and CSV (papaparse): sheet and header row detection, fills as ratings, overrides. */
import ExcelJS from 'exceljs';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importBytes } from './helpers';

async function tracker(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Notes').getCell('A1').value = 'Read me: the plan is on the next sheet.';
  const ws = wb.addWorksheet('Plan');
  ws.getCell('A1').value = 'Early Help Improvement Tracker 2019';
  ws.addRow([]);
  ws.getRow(3).values = ['Ref', 'Action', 'Lead', 'Due date', 'RAG', 'Progress'];
  ws.getRow(4).values = [
    '1.1',
    'Recruit family support workers',
    'Service Lead C Moore',
    'Sept 19',
    null,
    'Two posts filled.',
  ];
  ws.getRow(5).values = ['1.2', null, 'Service Lead C Moore', new Date(Date.UTC(2019, 11, 1)), null, ''];
  ws.getRow(6).values = ['1.3', 'Launch the family hub', 'AD', 'Ongoing', null, 'Open.'];
  ws.mergeCells('B4:B5');
  const fill = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });
  ws.getCell('E4').fill = fill('FFFF0000');
  ws.getCell('E5').fill = fill('FF92D050');
  ws.getCell('E6').fill = fill('FFFFC000');
  ws.getCell('D5').numFmt = 'mmm-yy';
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('Excel', () => {
  it('finds the sheet with the plan and its header row, reads fills as ratings and merged cells', async () => {
    const { draft, preview } = await importBytes(await tracker(), 'tracker.xlsx');
    expect(preview.sheets).toEqual(['Notes', 'Plan']);
    expect(preview.sheet).toBe('Plan');
    expect(preview.headerRow).toBe(3);
    expect(preview.scaleSource).toBe('colours');
    const actions = draft.sections.flatMap((s) => s.actions);
    expect(actions.map((a) => `${a.reference}=${a.ratings[0]?.level ?? '-'}`)).toEqual(['1.1=R', '1.2=G', '1.3=A']);
    // The merged action cell applies to both rows; a date cell formatted month-year reads as the author saw it.
    expect(actions[1]!.description).toBe('Recruit family support workers');
    expect(actions[1]!.dueText).toBe('December 2019');
    expect(preview.periods).toEqual(['2019']);
    expect(preview.warnings.find((w) => w.code === 'no-reference')).toBeUndefined();
  });

  it('honours a chosen sheet, header row and mapping', async () => {
    const data = await tracker();
    const { preview } = await importBytes(data, 'tracker.xlsx', {
      sheet: 'Plan',
      headerRow: 3,
      mapping: [{ index: 2, field: 'ignore' }],
    });
    expect(preview.columns[2]).toMatchObject({ header: 'Lead', field: 'ignore', confidence: 1 });
    const { draft } = await importBytes(data, 'tracker.xlsx', {
      sheet: 'Plan',
      headerRow: 3,
      mapping: [{ index: 2, field: 'ignore' }],
    });
    expect(draft.sections[0]!.actions[0]!.leads).toEqual([]);
    await expect(importBytes(data, 'tracker.xlsx', { sheet: 'Missing' })).rejects.toThrow(
      /no sheet called "Missing"\. Its sheets are: Notes, Plan/,
    );
  });
});

describe('CSV', () => {
  it('detects the header row and reads word ratings, a section column and a period per rating column', async () => {
    const csv = [
      'Safeguarding plan export,,,,,',
      'Priority,Ref,Action,Responsible Officer,RAG 01/18,RAG 03/18',
      'Priority 1 Front door,1.1,"Review MASH staffing, and screening",J Tynan,AMBER,GREEN',
      'Priority 1 Front door,1.2,Threshold training,R Murdock,RED,',
      'Priority 2 Care leavers,2.1,Local offer,J Simon,GREEN,COMPLETED',
    ].join('\r\n');
    const { draft, preview } = await importBytes(strToU8(`\ufeff${csv}`), 'plan.csv');
    expect(preview.headerRow).toBe(2);
    expect(preview.sections).toEqual([
      { number: '1', title: 'Front door', rows: 2 },
      { number: '2', title: 'Care leavers', rows: 1 },
    ]);
    expect(preview.periods).toEqual(['RAG 01/18', 'RAG 03/18']);
    const a = draft.sections[0]!.actions[0]!;
    expect(a.description).toBe('Review MASH staffing, and screening');
    expect(a.leads).toEqual([{ name: 'J Tynan', role: 'responsible' }]);
    expect(a.ratings.map((r) => `${r.period}=${r.level}`)).toEqual(['RAG 01/18=A', 'RAG 03/18=G']);
    expect(draft.sections[1]!.actions[0]!.ratings.map((r) => r.level)).toEqual(['G', 'B']);
  });
});

describe('Excel: the preview’s warnings, theme colours and rows without a reference', () => {
  async function warningsWorkbook(): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Tracker');
    ws.addRow(['Ref', 'Action', 'Lead', 'Target date', 'RAG', 'Progress']);
    ws.addRow(['1.1', 'Audit', 'AD', '31/02/2019', null, 'Started']);
    ws.addRow([null, 'Peer review', 'HoS', 'June 2019', null, '']);
    ws.addRow([null, 'with the partnership', null, null, null, 'Dates agreed.']);
    ws.addRow(['1.3', 'Scrutiny', 'AD', 'Ongoing', null, '']);
    ws.addRow(['1.4', 'Board', 'AD', 'Ongoing', null, '']);
    ws.addRow(['1.5', 'Members', 'AD', 'Ongoing', null, '']);
    ws.addRow(['1.6', 'Staff survey', 'AD', 'Ongoing', null, '']);
    const fill = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });
    ws.getCell('E2').fill = fill('FFFF0000');
    ws.getCell('E3').fill = fill('FF00B050');
    ws.getCell('E6').fill = fill('FF7030A0');
    // Theme colours from exceljs's default (Office 2007) theme: accent2 C0504D red, accent3 9BBB59 green,
    // accent6 F79646 orange, lighter 40%.
    const theme = (index: number, tint?: number): ExcelJS.Fill =>
      ({ type: 'pattern', pattern: 'solid', fgColor: { theme: index, ...(tint ? { tint } : {}) } }) as ExcelJS.Fill;
    ws.getCell('E5').fill = theme(5);
    ws.getCell('E7').fill = theme(6);
    ws.getCell('E8').fill = theme(9, 0.3999);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it('rows with no reference (kept as actions unless they only add text), unknown colours and not-a-date, each with its row', async () => {
    const { draft, preview } = await importBytes(await warningsWorkbook(), 'tracker.xlsx');
    const actions = draft.sections.flatMap((s) => s.actions);
    expect(actions.map((a) => `${a.reference ?? '-'} ${a.description} ${a.ratings[0]?.level ?? '-'}`)).toEqual([
      '1.1 Audit R',
      '- Peer review\nwith the partnership G',
      '1.3 Scrutiny R',
      '1.4 Board -',
      '1.5 Members G',
      '1.6 Staff survey A',
    ]);
    expect(actions[1]!.progress[0]!.body).toBe('Dates agreed.');
    expect(actions[0]!.dueText).toBe('31/02/2019');
    expect(preview.warnings).toEqual([
      {
        code: 'not-a-date',
        message:
          'By when "31/02/2019" looks like a date but could not be read as one; the text is kept exactly as typed.',
        location: 'Sheet Tracker, row 2',
      },
      {
        code: 'no-reference',
        message: 'A row has no reference; it was imported as an action without one.',
        location: 'Sheet Tracker, row 3',
      },
      {
        code: 'continuation-row',
        message:
          'A row with no reference, lead, date or rating was read as the continuation of the row above (its text was added to that row).',
        location: 'Sheet Tracker, row 4',
      },
      {
        code: 'unknown-colour',
        message: 'The shading #7030A0 is not red, amber, green or blue; the row is left not rated.',
        location: 'Sheet Tracker, row 6',
      },
    ]);
  });

  it('theme colours come from the workbook’s theme with Excel’s tint (lighter / darker)', async () => {
    const { themeColours, tinted } = await import('../../electron/import/sheet');
    expect(themeColours(undefined)).toEqual([]);
    expect(tinted('F79646', 0.4)).toBe('FAC090');
    expect(tinted('9BBB59', -0.25)).toBe('748C43');
  });
});

describe('CSV: delimiters and numbers', () => {
  it('a semicolon-separated file with quoted cells and numeric ratings per period (0 and blank not rated)', async () => {
    const csv = 'Ref;Action;Lead;RAG 01/18;RAG 03/18\n1.1;"Audit; all plans";AD;2;3\n1.2;Board;AD;0;\n';
    const { draft, preview } = await importBytes(strToU8(csv), 'plan.csv');
    expect(preview.scaleSource).toBe('numbers 1-5');
    expect(preview.periods).toEqual(['RAG 01/18', 'RAG 03/18']);
    expect(
      draft.sections[0]!.actions.map((a) => [a.description, a.ratings.map((r) => `${r.period}=${r.level}`)]),
    ).toEqual([
      ['Audit; all plans', ['RAG 01/18=2', 'RAG 03/18=3']],
      ['Board', []],
    ]);
  });
});

describe('CSV encodings', () => {
  const rows = ['Ref,Action,Lead,RAG', '1.1,“Children’s Services” budget £2m,J Tynan AD,GREEN'];
  const expectRead = async (data: Uint8Array, name: string) => {
    const { draft } = await importBytes(data, name);
    const a = draft.sections[0]!.actions[0]!;
    expect([a.description, a.leads[0]!.name, a.ratings[0]!.level]).toEqual([
      '“Children’s Services” budget £2m',
      'J Tynan AD',
      'G',
    ]);
  };

  it('Windows-1252 (Excel’s "CSV (Comma delimited)" on UK Windows): curly quotes and £ come through', async () => {
    // “ ” ’ £ are 0x93 0x94 0x92 0xA3 in Windows-1252 (not valid UTF-8).
    const cp1252: Record<string, number> = { '“': 0x93, '”': 0x94, '’': 0x92, '£': 0xa3 };
    const bytes = Uint8Array.from([...rows.join('\r\n')].map((ch) => cp1252[ch] ?? ch.charCodeAt(0)));
    await expectRead(bytes, 'cp1252.csv');
  });

  it('UTF-16 with a byte order mark (Excel’s "Unicode Text", tab-separated), and UTF-8 with a BOM', async () => {
    const tabbed = rows.map((r) => r.replaceAll(',', '\t')).join('\r\n');
    await expectRead(Uint8Array.from([0xff, 0xfe, ...Buffer.from(tabbed, 'utf16le')]), 'unicode.txt');
    await expectRead(strToU8(`\ufeff${rows.join('\n')}`), 'utf8.csv');
  });
});

/** A plan sheet with an indicator block between two sections' actions (issue 13 point 5). */
async function planWithIndicators(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Plan');
  ws.getCell('A1').value = 'Children’s Services Improvement Plan 2017-19';
  ws.addRow([]);
  ws.getRow(3).values = ['Ref', 'Action', 'Lead', 'By when', 'RAG', 'Progress'];
  ws.getRow(4).values = ['1. Front door'];
  ws.getRow(5).values = ['1.1', 'Review every contact within 24 hours', 'Head of MASH', 'Dec 17', 'Green', 'On track.'];
  ws.getRow(6).values = ['1.2', 'Audit threshold decisions monthly', 'QA Manager', 'Mar 18', 'Amber', 'Started.'];
  ws.addRow([]);
  ws.getRow(8).values = ['Performance indicators'];
  ws.getRow(9).values = [
    'Indicator',
    'Polarity',
    '2016-17',
    'SN average',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
    'YTD',
    'DOT',
  ];
  ws.getRow(10).values = [
    'Contacts screened within 24 hours (%)',
    'High is good',
    '71.5%',
    '82%',
    '84.5%',
    '86%',
    null,
    'data being collated',
    '87.2 (provisional)',
    '88%',
    '88%',
    '↑',
  ];
  ws.getRow(11).values = [
    'Re-referrals within 12 months',
    'Low is good',
    23,
    21.5,
    22,
    21,
    20.5,
    19,
    18.5,
    18,
    19.8,
    '↑',
  ];
  ws.addRow([]);
  ws.getRow(13).values = ['2. Children in care'];
  ws.getRow(14).values = ['2.1', 'Health assessments within 20 days', 'Head of CiC', 'Jun 18', 'Red', 'Behind.'];
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('Excel indicator blocks', () => {
  it('are read as indicators of their section and never as action rows', async () => {
    const { draft, preview } = await importBytes(await planWithIndicators(), 'plan.xlsx');
    expect(preview.headerRow).toBe(3);
    const actions = draft.sections.flatMap((s) => s.actions.map((a) => `${a.reference} ${a.description}`));
    expect(actions).toEqual([
      '1.1 Review every contact within 24 hours',
      '1.2 Audit threshold decisions monthly',
      '2.1 Health assessments within 20 days',
    ]);
    expect(draft.sections.map((s) => [s.number, s.title, (s.indicators ?? []).length])).toEqual([
      ['1', 'Front door', 2],
      ['2', 'Children in care', 0],
    ]);
    const [pct, rerefs] = draft.sections[0]!.indicators!;
    expect(pct).toMatchObject({
      name: 'Contacts screened within 24 hours (%)',
      unit: 'percent',
      polarity: 'higher-is-better',
      baselineLabel: '2016-17',
      baseline: 71.5,
      snAverage: 82,
      yearToDate: 'latest',
    });
    // Missing stays missing (never 0) and words are kept as the note.
    expect(pct!.values).toEqual([
      { label: 'Jul', value: 84.5, note: '' },
      { label: 'Aug', value: 86, note: '' },
      { label: 'Sep', value: null, note: '' },
      { label: 'Oct', value: null, note: 'data being collated' },
      { label: 'Nov', value: 87.2, note: 'provisional' },
      { label: 'Dec', value: 88, note: '' },
    ]);
    expect(rerefs).toMatchObject({ polarity: 'lower-is-better', baseline: 23, snAverage: 21.5, yearToDate: 'mean' });
    expect(rerefs!.values.map((v) => v.value)).toEqual([22, 21, 20.5, 19, 18.5, 18]);
    // The preview lists them, and nothing about them is reported as an action row.
    expect(preview.indicators?.map((i) => i.name)).toEqual([pct!.name, rerefs!.name]);
    expect(preview.warnings.filter((w) => /row (8|9|10|11)\b/.test(w.location))).toEqual([]);
  });

  it('keeps sheet row numbers in warnings below an indicator block', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    ws.getRow(1).values = ['Ref', 'Action', 'Lead', 'By when', 'RAG'];
    ws.getRow(2).values = ['1.1', 'One', 'A Lead', 'Dec 17', 'Green'];
    ws.addRow([]);
    ws.getRow(4).values = ['Measure', 'Polarity', 'Target', 'Jul', 'Aug', 'DOT'];
    ws.getRow(5).values = ['Visits on time', 'High is good', 90, 80, 85, '↑'];
    ws.addRow([]);
    ws.getRow(7).values = ['1.2', 'Two', 'A Lead', 'Dec 17', 'Purple'];
    const { draft, preview } = await importBytes(new Uint8Array(await wb.xlsx.writeBuffer()), 'plan.xlsx');
    expect(draft.sections.flatMap((s) => s.actions.map((a) => a.reference))).toEqual(['1.1', '1.2']);
    expect(draft.sections.flatMap((s) => s.indicators ?? []).map((i) => i.name)).toEqual(['Visits on time']);
    expect(preview.warnings.find((w) => w.code === 'unknown-rating')?.location).toBe('Sheet Plan, row 7');
  });
});
