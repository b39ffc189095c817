/** `planwright import`: in-process runs of the command line against a temporary --db. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain as cli } from '../cli/run-main';
import { RATED_2020 } from './helpers';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-cli-import-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('planwright import', () => {
  it('--dry-run prints the preview and writes nothing (no store is even created)', async () => {
    const db = path.join(dir, 'dry.sqlite');
    const r = await cli('import', RATED_2020, '--dry-run', '--db', db);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Would create: 7 sections, 41 actions, 1 period, 41 ratings, 3 recommendations.');
    expect(r.stdout).toContain('Ofsted 3 -> 3.3, 7.5');
    expect(r.stdout).toContain('Dry run: nothing was written.');
    expect(fs.existsSync(db)).toBe(false);
    const json = await cli('import', RATED_2020, '--dry-run', '--json');
    expect(JSON.parse(json.stdout).totals).toEqual({
      sections: 7,
      actions: 41,
      periods: 1,
      ratings: 41,
      recommendations: 3,
    });
  });

  it('imports, prints what it created, and the plan is in the store', async () => {
    const db = path.join(dir, 'real.sqlite');
    const r = await cli('import', RATED_2020, '--db', db, '--json', '--title', 'Imported plan');
    expect(r.code, r.stderr).toBe(0);
    const created = JSON.parse(r.stdout);
    expect(created).toMatchObject({
      title: 'Imported plan',
      sections: 7,
      actions: 41,
      periods: 1,
      ratings: 41,
      recommendations: 3,
      warnings: [],
    });
    const list = await cli('list', '--db', db, '--json');
    expect(JSON.parse(list.stdout).map((p: { id: string }) => p.id)).toEqual([created.planId]);
  });

  it('bad input: a clear message on stderr, exit code 1, nothing written', async () => {
    const bad = path.join(dir, 'bad.docx');
    fs.writeFileSync(bad, 'not a document');
    const db = path.join(dir, 'bad.sqlite');
    const r = await cli('import', bad, '--db', db);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/planwright: bad\.docx is not a real Word file/);
    const list = await cli('list', '--db', db, '--json');
    expect(JSON.parse(list.stdout)).toEqual([]);
  });
});

describe('planwright import: the text report and every option', () => {
  async function workbook(): Promise<string> {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Notes').getCell('A1').value = 'Read me';
    const ws = wb.addWorksheet('Plan');
    ws.getCell('A1').value = 'Tracker';
    ws.getRow(3).values = ['Ref', 'Action', 'Lead', 'RAG'];
    ws.getRow(4).values = ['1.1', 'Audit', 'AD', 'GREEN'];
    ws.getRow(5).values = ['1.2', 'Board', 'AD', 'RED'];
    const file = path.join(dir, 'tracker.xlsx');
    fs.writeFileSync(file, new Uint8Array(await wb.xlsx.writeBuffer()));
    return file;
  }

  it('prints the plan id, sections, actions, periods, ratings and warnings as text', async () => {
    const r = await cli('import', RATED_2020, '--db', path.join(dir, 'text.sqlite'));
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(
      /^Imported "Thurrock Children.s Services Continuous Development Plan" as plan [0-9a-f-]{36}$/,
    );
    expect(lines[1]).toBe('Sections: 7, actions: 41, periods: 1 (2020), ratings: 41, recommendations: 3');
    expect(lines[2]).toBe('No warnings.');
  });

  it('--sheet, --header-row and --period (dry run, text and JSON)', async () => {
    const file = await workbook();
    const text = await cli(
      'import',
      file,
      '--dry-run',
      '--sheet',
      'Plan',
      '--header-row',
      '3',
      '--period',
      'March 2020',
    );
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('tracker.xlsx: "tracker" (sheet Plan, header row 3)');
    expect(text.stdout).toContain('Reporting periods: March 2020');
    expect(text.stdout).toContain('Would create: 1 section, 2 actions, 1 period, 2 ratings, 0 recommendations.');
    const json = JSON.parse(
      (
        await cli(
          'import',
          file,
          '--dry-run',
          '--json',
          '--sheet',
          'Plan',
          '--header-row',
          '3',
          '--period',
          'March 2020',
        )
      ).stdout,
    );
    expect([json.sheet, json.headerRow, json.periods]).toEqual(['Plan', 3, ['March 2020']]);
  });

  it('bad options: a clear message and exit code 1', async () => {
    const file = await workbook();
    const row = await cli('import', file, '--dry-run', '--header-row', 'third');
    expect([row.code, row.stderr]).toEqual([1, expect.stringContaining('--header-row must be a whole number from 1.')]);
    const sheet = await cli('import', file, '--db', path.join(dir, 'none.sqlite'), '--sheet', 'Budget');
    expect(sheet.code).toBe(1);
    expect(sheet.stderr).toMatch(/no sheet called "Budget"\. Its sheets are: Notes, Plan/);
    expect(JSON.parse((await cli('list', '--db', path.join(dir, 'none.sqlite'), '--json')).stdout)).toEqual([]);
  });

  it('--no-proposed-ratings declines the ratings proposed from status phrases; the preview lists indicators', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    ws.getRow(1).values = ['Ref', 'Action', 'Lead', 'By when', 'Progress'];
    ws.getRow(2).values = ['1.1', 'Recruit', 'HR', 'Mar-16', 'Completed. All posts filled.'];
    ws.getRow(3).values = ['1.2', 'Train', 'PSW', 'May-16', 'On track.'];
    ws.addRow([]);
    ws.getRow(5).values = ['Indicator', 'Polarity', 'SN average', 'Jul', 'Aug', 'Sep', 'DOT'];
    ws.getRow(6).values = ['Vacancy rate (%)', 'Low is good', '15%', '21%', null, '18%', '↑'];
    const file = path.join(dir, 'no-ratings.xlsx');
    fs.writeFileSync(file, new Uint8Array(await wb.xlsx.writeBuffer()));

    const offered = await cli('import', file, '--dry-run');
    expect(offered.code).toBe(0);
    expect(offered.stdout).toContain('2 ratings are proposed');
    expect(offered.stdout).toMatch(/Vacancy rate \(%\)\s+percent\s+lower-is-better\s+2\s+1/);
    const declined = JSON.parse((await cli('import', file, '--dry-run', '--json', '--no-proposed-ratings')).stdout);
    expect(declined.totals.ratings).toBe(0);
    expect(declined.warnings.find((w: { code: string }) => w.code === 'proposed-rating').message).toContain(
      'not proposed',
    );
    const db = path.join(dir, 'declined.sqlite');
    const r = await cli('import', file, '--db', db, '--json', '--no-proposed-ratings');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ actions: 2, ratings: 0 });
  });
});
