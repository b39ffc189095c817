/**
 * The import wizard in real Chromium, against the real dispatcher, importer and SQLite store (the e2e
 * harness). The app shell does not open it yet, so the page is the test-only entry
 * renderer/src/publish/dev-entry.html (`#import`), built here with Vite's JS API. The host's open dialog
 * answers a fixture path (or cancels, or a file that is not a Word document).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';
import { serveDevEntry } from './dev-entry';
import { ROOT } from './renderer-build';
import type { StaticServer } from './static-server';

const RATED = '/work/shared/fixtures/word/continuous-development-plan-2020-rated.docx';
const FIXTURE = fs.existsSync(RATED)
  ? RATED
  : path.join(ROOT, '..', 'shared', 'fixtures', 'word', 'continuous-development-plan-2020-rated.docx');

describe('import wizard (e2e)', () => {
  let app: App;
  let server: StaticServer;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-importer-'));
  let nextOpenPath: string | null = null;
  let visits = 0;

  beforeAll(async () => {
    const built = path.join(out, 'build');
    server = await serveDevEntry(built);
    app = await startApp({ host: { chooseOpenPath: async () => nextOpenPath } });
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    await server?.close();
    fs.rmSync(out, { recursive: true, force: true });
  });

  const page = () => app.page;
  const open = () => page().goto(new URL(`dev-entry.html?visit=${++visits}#import`, server.url).href);
  const wizard = () => page().getByRole('dialog', { name: 'Import a plan' });

  it('cancelling the open dialog is quiet; a file that is not a Word document is refused clearly and nothing is written', async () => {
    await open();
    await wizard().getByRole('button', { name: 'Choose a file…' }).waitFor();
    await app.screenshot('importer-choose');
    nextOpenPath = null;
    await wizard().getByRole('button', { name: 'Choose a file…' }).click();
    await expect.poll(() => wizard().getByRole('button', { name: 'Choose a file…' }).isEnabled()).toBe(true);
    expect(await page().getByRole('alert').count()).toBe(0);

    const bogus = path.join(out, 'not-a-plan.docx');
    fs.writeFileSync(bogus, 'This is plain text pretending to be a Word document.');
    nextOpenPath = bogus;
    await wizard().getByRole('button', { name: 'Choose a file…' }).click();
    const alert = wizard().getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    await expect(alert).toContainText('This file couldn’t be imported.');
    await expect(alert).toContainText('Nothing was written.');
    await app.screenshot('importer-failure');
    expect(await app.call('plans:list', {})).toEqual([]);
  });

  it('imports the rated 2020 plan: preview, a mapping change, confirm; 7 sections and 41 actions', async () => {
    await open();
    nextOpenPath = FIXTURE;
    await wizard().getByRole('button', { name: 'Choose a file…' }).click();
    await wizard().getByTestId('import-file-name').waitFor({ timeout: 60_000 });
    await expect(wizard().getByTestId('import-file-name')).toHaveText('continuous-development-plan-2020-rated.docx');
    await expect(wizard().getByTestId('import-section')).toHaveCount(7);
    await expect(wizard().getByTestId('import-totals')).toContainText('7 sections, 41 actions');
    await app.screenshot('importer-preview');
    await wizard()
      .getByRole('heading', { name: /Warnings/ })
      .scrollIntoViewIfNeeded();
    await app.screenshot('importer-preview-scale-warnings');

    // Change a column's reading and change it back: each re-reads the file through import:remap.
    const selects = wizard().getByTestId('import-column').locator('select');
    const leadIndex = await (async () => {
      const n = await selects.count();
      for (let i = 0; i < n; i++) if ((await selects.nth(i).inputValue()) === 'lead') return i;
      return -1;
    })();
    expect(leadIndex).toBeGreaterThanOrEqual(0);
    await selects.nth(leadIndex).selectOption('ignore');
    await expect.poll(() => selects.nth(leadIndex).inputValue()).toBe('ignore');
    await expect.poll(() => selects.nth(leadIndex).isEnabled()).toBe(true);
    await selects.nth(leadIndex).selectOption('lead');
    await expect.poll(() => selects.nth(leadIndex).inputValue()).toBe('lead');
    await expect(wizard().getByTestId('import-totals')).toContainText('41 actions');
    expect(await app.call('plans:list', {})).toEqual([]);

    // The single RAG column's period is named after the plan's year until the author names it.
    const period = wizard().getByLabel('Reporting period of “RAG”');
    await expect(period).toHaveValue('2020');
    await period.fill('March 2020');
    await period.press('Enter');
    await expect(wizard().locator('p', { hasText: /^March 2020$/ })).toBeVisible();
    await expect.poll(() => period.isEnabled()).toBe(true);
    await expect(period).toHaveValue('March 2020');
    await expect(wizard().getByTestId('import-totals')).toContainText('41 ratings');

    await wizard().getByLabel('Title of the new plan').fill('Continuous Development Plan 2020 (imported)');
    await wizard().getByRole('button', { name: 'Import as a new plan' }).click();
    await expect(page().locator('#dev-status')).toHaveText(/^imported [0-9a-f-]{36}$/, { timeout: 30_000 });
    const planId = (await page().locator('#dev-status').textContent())!.replace('imported ', '');
    const tree = await app.call('plans:get', { planId });
    expect(tree.plan.title).toBe('Continuous Development Plan 2020 (imported)');
    expect(tree.sections.filter((s) => s.deletedAt === null)).toHaveLength(7);
    expect(tree.actions.filter((a) => a.deletedAt === null)).toHaveLength(41);
    expect(tree.actions.some((a) => a.leads.length > 0)).toBe(true);
    expect(tree.periods.map((p) => p.label)).toEqual(['March 2020']);
    expect(app.errors).toEqual([]);
  });

  it('reads a workbook: picks the plan sheet, lets the author change sheet and header row, then imports', async () => {
    const file = path.join(out, 'tracker.xlsx');
    const wb = new ExcelJS.Workbook();
    const notes = wb.addWorksheet('Read me');
    notes.addRow(['This tracker is updated monthly by the performance team.']);
    const ws = wb.addWorksheet('Tracker');
    ws.addRow(['Improvement tracker 2024-25']);
    ws.addRow(['Ref', 'Action', 'Lead', 'By When', 'Progress', 'RAG']);
    const fills: Record<string, string> = { RED: 'FFFF0000', AMBER: 'FFFFC000', GREEN: 'FF00B050' };
    const rows = [
      ['1.1', 'Refresh the practice model', 'J Tynan AD', 'March 2025', 'On track.', 'GREEN'],
      ['1.2', 'Audit supervision records', 'S Murphy DCS', 'June 2025', 'Started.', 'AMBER'],
      ['2.1', 'Recruit permanent social workers', 'HR Lead', 'Ongoing', 'Delayed by budget.', 'RED'],
      ['2.2', 'Launch the academy', 'HR Lead', 'Sept 25', 'Planned.', 'AMBER'],
    ];
    for (const r of rows) {
      const row = ws.addRow(r);
      row.getCell(6).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fills[r[5]!]! } };
    }
    await wb.xlsx.writeFile(file);

    await open();
    nextOpenPath = file;
    await wizard().getByRole('button', { name: 'Choose a file…' }).click();
    await wizard().getByTestId('import-file-name').waitFor({ timeout: 60_000 });
    const sheet = wizard().getByLabel('Sheet');
    await expect(sheet).toHaveValue('Tracker');
    await expect(wizard().getByLabel('Header row')).toHaveValue('2');
    await expect(wizard().getByTestId('import-totals')).toContainText('4 actions');
    await app.screenshot('importer-xlsx-preview');

    // Header row 1 (the title) reads nothing sensible; back to row 2 reads the plan again.
    const header = wizard().getByLabel('Header row');
    await header.fill('1');
    await wizard().getByRole('button', { name: 'Use this row' }).click();
    await expect
      .poll(async () => (await wizard().getByTestId('import-totals').textContent()) ?? '')
      .not.toContain('4 actions');
    await expect.poll(() => header.isEnabled()).toBe(true);
    await header.fill('2');
    await header.press('Enter');
    await expect(wizard().getByTestId('import-totals')).toContainText('4 actions');

    await wizard().getByRole('button', { name: 'Import as a new plan' }).click();
    await expect(page().locator('#dev-status')).toHaveText(/^imported /, { timeout: 30_000 });
    const planId = (await page().locator('#dev-status').textContent())!.replace('imported ', '');
    const tree = await app.call('plans:get', { planId });
    expect(tree.actions.filter((a) => a.deletedAt === null)).toHaveLength(4);
    expect(app.errors).toEqual([]);
  });
});
