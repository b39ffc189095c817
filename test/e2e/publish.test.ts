/**
 * The export dialog and the covering report editor in real Chromium, against the real dispatcher and a
 * real SQLite store (the e2e harness). The app shell does not open them yet, so the page is the test-only
 * entry renderer/src/publish/dev-entry.html, built here with Vite's JS API and loaded in the harness's
 * page (its `window.planwright` bridge survives the navigation). The host's save dialog answers a path
 * in a temporary folder (or cancels).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';
import { serveDevEntry } from './dev-entry';
import type { StaticServer } from './static-server';

describe('export dialog and covering report (e2e)', () => {
  let app: App;
  let server: StaticServer;
  let planId = '';
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-publish-'));
  let nextSavePath: string | null = null;
  const revealed: string[] = [];

  beforeAll(async () => {
    const built = path.join(out, 'build');
    server = await serveDevEntry(built);
    app = await startApp({
      seedSample: true,
      host: {
        chooseSavePath: async () => nextSavePath,
        showItemInFolder: (p) => void revealed.push(p),
      },
    });
    planId = (await app.call('plans:list', {}))[0]!.id;
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    await server?.close();
    fs.rmSync(out, { recursive: true, force: true });
  });

  const page = () => app.page;
  let visits = 0;
  /** A full page load each time (a new query string; a hash change alone would not reload). */
  const open = async (route: 'export' | 'covering') => {
    await page().goto(new URL(`dev-entry.html?visit=${++visits}#${route}/${planId}`, server.url).href);
  };

  it('exports the sample plan’s appendix through the dialog, after a quiet cancel', async () => {
    await open('export');
    const dialog = page().getByRole('dialog', { name: 'Export the committee appendix' });
    await dialog.getByLabel('Reporting period').waitFor();
    await app.screenshot('publish-export-dialog');

    // Internal notes: asked, and refused.
    await dialog.getByRole('checkbox', { name: /Include internal notes/ }).click();
    const ask = page().getByRole('alertdialog', { name: 'Include internal notes?' });
    await ask.waitFor();
    await app.screenshot('publish-export-internal-notes');
    await ask.getByRole('button', { name: 'Cancel' }).click();
    expect(await dialog.getByRole('checkbox', { name: /Include internal notes/ }).isChecked()).toBe(false);

    // The save dialog is cancelled: back to the options, no message.
    nextSavePath = null;
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await expect.poll(() => dialog.getByRole('button', { name: 'Export…' }).isEnabled()).toBe(true);
    expect(await page().getByRole('alert').count()).toBe(0);

    // A service lead's return would be a later choice; export the whole plan.
    const target = path.join(out, 'Northmoor appendix.docx');
    nextSavePath = target;
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await dialog.getByText('The appendix was saved.').waitFor({ timeout: 30_000 });
    await expect(dialog.getByTestId('export-path')).toHaveText(target);
    await app.screenshot('publish-export-done');
    expect(fs.existsSync(target)).toBe(true);
    const head = fs.readFileSync(target).subarray(0, 4);
    expect(head.toString('latin1')).toBe('PK\u0003\u0004');
    expect(app.emitted.some((e) => e.event === 'job:progress')).toBe(true);

    await dialog.getByRole('button', { name: 'Open folder' }).click();
    await expect.poll(() => revealed).toEqual([target]);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(page().locator('#dev-status')).toHaveText('closed');
    expect(app.errors).toEqual([]);
  });

  it('is keyboard-operable: focus starts on the first choice, Escape closes', async () => {
    await open('export');
    const dialog = page().getByRole('dialog', { name: 'Export the committee appendix' });
    await expect
      .poll(() => page().evaluate(() => document.activeElement?.closest('.field')?.textContent ?? ''))
      .toContain('Reporting period');
    await page().keyboard.press('Tab');
    await page().keyboard.press('Tab');
    await expect
      .poll(() => page().evaluate(() => (document.activeElement as HTMLInputElement | null)?.id ?? ''))
      .toMatch(/appendix$/);
    await page().keyboard.press('Escape');
    await expect(page().locator('#dev-status')).toHaveText('closed');
    expect(await dialog.count()).toBe(0);
  });

  it('exports one lead’s actions', async () => {
    await open('export');
    const dialog = page().getByRole('dialog', { name: 'Export the committee appendix' });
    await dialog.getByRole('radio', { name: /One lead’s actions/ }).click();
    const lead = dialog.getByRole('combobox', { name: 'Lead' });
    const options = await lead.locator('option').allTextContents();
    expect(options.length).toBeGreaterThan(2);
    await lead.selectOption(options[1]!);
    const target = path.join(out, 'lead return.docx');
    nextSavePath = target;
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await dialog.getByText('The appendix was saved.').waitFor({ timeout: 30_000 });
    expect(fs.statSync(target).size).toBeGreaterThan(1000);
  });

  it('edits the covering report with autosave, then exports it', async () => {
    await open('covering');
    const editor = page().getByRole('dialog', { name: 'Covering report' });
    const committee = editor.getByLabel('Committee', { exact: true });
    await committee.waitFor();
    await expect(editor.getByLabel(/Progress and direction of travel/)).toHaveValue(/actions/);
    await app.screenshot('publish-covering-top');
    await committee.fill('Children’s Services Overview and Scrutiny Committee');
    await editor.getByLabel('Item number').fill('7');
    await expect(editor.getByTestId('covering-save-status')).toHaveText(/All changes saved/);
    const plan = await app.call('plans:get', { planId });
    const periodId = plan.plan.currentPeriodId!;
    await expect
      .poll(async () => (await app.call('coveringReport:get', { planId, periodId })).content.committee)
      .toBe('Children’s Services Overview and Scrutiny Committee');
    expect((await app.call('coveringReport:get', { planId, periodId })).content.itemNumber).toBe('7');

    await editor.getByRole('button', { name: 'Refill from the plan' }).click();
    await page()
      .getByRole('alertdialog', { name: 'Refill from the plan?' })
      .getByRole('button', { name: 'Replace the paragraph' })
      .click();
    await expect(editor.getByLabel(/Progress and direction of travel/)).toHaveValue(/^Of \d+ actions/);

    await editor.getByRole('heading', { name: /Implications/ }).scrollIntoViewIfNeeded();
    await app.screenshot('publish-covering-implications');

    const target = path.join(out, 'covering report.docx');
    nextSavePath = target;
    await editor.getByRole('button', { name: 'Export covering report…' }).click();
    await editor.getByText('Covering report saved:').waitFor({ timeout: 30_000 });
    expect(fs.readFileSync(target).subarray(0, 2).toString('latin1')).toBe('PK');
    await app.screenshot('publish-covering-exported');
    expect(app.errors).toEqual([]);
  });
});
