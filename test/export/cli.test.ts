/** The export commands of the command line, run as a user would (node bin/planwright.mjs ...). */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDocx, textOf } from './helpers';

const root = path.resolve(__dirname, '../..');
let dir: string;
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'bin/planwright.mjs'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 120_000,
  });

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-cli-export-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('planwright export / covering-report', () => {
  it('exports the sample plan without a plan store', () => {
    const r = cli(
      'export',
      '--sample',
      '--out',
      'sample.docx',
      '--appendix',
      '3',
      '--columns',
      'reference,description,progress,rating',
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Wrote the appendix/);
    const pkg = openDocx(fs.readFileSync(path.join(dir, 'sample.docx')));
    expect(Object.values(pkg.files).join('')).toContain('Appendix 3');
    expect(textOf(pkg.doc)).toContain('Summary of all areas');
    expect(fs.readdirSync(dir)).toEqual(['sample.docx']);
  });

  it('exports a plan and its covering report from a store, with a lead’s return', () => {
    const db = path.join(dir, 'store.sqlite');
    expect(cli('sample', '--db', db, '--as-of', '2026-02-13').status).toBe(0);
    const lead = cli(
      'export',
      'Continuous Improvement',
      '--db',
      db,
      '--out',
      'lead.docx',
      '--lead',
      'okafor',
      '--progress',
      'all',
      '--no-merge',
    );
    expect(lead.stderr).toBe('');
    expect(lead.status).toBe(0);
    expect(textOf(openDocx(fs.readFileSync(path.join(dir, 'lead.docx'))).doc)).toContain('Actions led by: okafor');
    const report = cli(
      'covering-report',
      'Continuous Improvement',
      '--db',
      db,
      '--out',
      'report.docx',
      '--period',
      'January 2026',
    );
    expect(report.status).toBe(0);
    expect(textOf(openDocx(fs.readFileSync(path.join(dir, 'report.docx'))).doc)).toContain(
      'Issues, Options and Analysis of Options',
    );
  });

  it('honours --period, --compare, --columns, --section, --appendix and the rating history flags', () => {
    const db = path.join(dir, 'chosen.sqlite');
    expect(cli('sample', '--db', db, '--as-of', '2026-02-13').status).toBe(0);
    const r = cli(
      'export',
      'Continuous Improvement',
      '--db',
      db,
      '--out',
      'chosen.docx',
      '--period',
      'November 2025',
      '--compare',
      'none',
      '--columns',
      'reference,description,rating,progress',
      '--section',
      '2',
      '--appendix',
      '4',
      '--rating-history',
      '--history-periods',
      '1',
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const pkg = openDocx(fs.readFileSync(path.join(dir, 'chosen.docx')));
    const text = textOf(pkg.doc);
    expect(text).toContain('Reporting period: November 2025');
    expect(text).not.toContain('Compared with:');
    expect(text).toContain('2. Practice Model and Quality Assurance');
    expect(text).not.toContain('1. Leadership, Governance and Culture');
    expect(Object.values(pkg.files).join('')).toContain('Appendix 4');
    const header = pkg.xml.match(/<w:tblHeader\/>[\s\S]*?<\/w:tr>/g)!.at(-1)!;
    expect(header.replace(/<[^>]+>/g, '')).toBe('ReferenceActionRAG November 2025Progress');
    for (const f of fs.readdirSync(dir).filter((n) => n.startsWith('chosen'))) fs.rmSync(path.join(dir, f));
  });

  it('refuses bad flags with a clear message and writes nothing', () => {
    const before = fs.readdirSync(dir);
    const bad = cli('export', '--sample', '--out', 'x.docx', '--columns', 'reference,colour');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Unknown column: colour/);
    const noOut = cli('export', '--sample');
    expect(noOut.status).not.toBe(0);
    expect(noOut.stderr).toMatch(/--out FILE\.docx/);
    const period = cli('export', '--sample', '--out', 'x.docx', '--period', 'June 1999');
    expect(period.stderr).toMatch(/No single reporting period matches "June 1999"/);
    expect(period.status).not.toBe(0);
    expect(period.stderr).toMatch(/June 1999/);
    const history = cli('export', '--sample', '--out', 'x.docx', '--history-periods', '0');
    expect(history.status).toBe(2);
    expect(history.stderr).toMatch(/--history-periods is a whole number from 1 to 24/);
    expect(fs.readdirSync(dir)).toEqual(before);
  });
});
