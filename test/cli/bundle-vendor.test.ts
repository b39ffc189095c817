/**
 * The command line's bundle leaves the spreadsheet reader's packages (exceljs, papaparse) to files of their own
 * (scripts/build-cli.mjs), loaded only when a spreadsheet is read in process: every start reads less.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const dir = path.join(root, 'out', 'cli');
const run = promisify(execFile);

describe('the command line bundle', () => {
  it('loads exceljs and papaparse from files beside it, only when a spreadsheet is read', async () => {
    await run(process.execPath, ['bin/planwright.mjs', '--version'], { cwd: root }); // builds when stale
    const bundle = fs.readFileSync(path.join(dir, 'index.cjs'), 'latin1');
    expect(bundle).toContain('require("./vendor-exceljs.cjs")');
    expect(bundle).toContain('require("./vendor-papaparse.cjs")');
    // exceljs's own code is not in the bundle (its workbook writer's class name is).
    expect(bundle).not.toContain('WorkbookWriter');
    // The files load on their own and give what electron/import/sheet.ts uses, reading a real CSV and workbook.
    const script = `
      const ExcelJS = require(${JSON.stringify(path.join(dir, 'vendor-exceljs.cjs'))});
      const Papa = require(${JSON.stringify(path.join(dir, 'vendor-papaparse.cjs'))});
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('Plan').addRow(['Ref', 'Action']);
      wb.xlsx.writeBuffer().then(async (buf) => {
        const back = new ExcelJS.Workbook();
        await back.xlsx.load(buf);
        const csv = Papa.parse('Ref,Action\\n1.1,Do it\\n').data;
        console.log(JSON.stringify([back.getWorksheet('Plan').getRow(1).values.slice(1), csv[1]]));
      });`;
    const { stdout } = await run(process.execPath, ['-e', script], { cwd: dir });
    expect(JSON.parse(stdout)).toEqual([
      ['Ref', 'Action'],
      ['1.1', 'Do it'],
    ]);
  });
});
