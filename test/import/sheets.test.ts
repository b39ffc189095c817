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
  ws.getRow(4).values = ['1.1', 'Recruit family support workers', 'Service Lead C Moore', 'Sept 19', null, 'Two posts filled.'];
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
    const { preview } = await importBytes(data, 'tracker.xlsx', { sheet: 'Plan', headerRow: 3, mapping: [{ index: 2, field: 'ignore' }] });
    expect(preview.columns[2]).toMatchObject({ header: 'Lead', field: 'ignore', confidence: 1 });
    const { draft } = await importBytes(data, 'tracker.xlsx', { sheet: 'Plan', headerRow: 3, mapping: [{ index: 2, field: 'ignore' }] });
    expect(draft.sections[0]!.actions[0]!.leads).toEqual([]);
    await expect(importBytes(data, 'tracker.xlsx', { sheet: 'Missing' })).rejects.toThrow(/no sheet called "Missing"\. Its sheets are: Notes, Plan/);
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
