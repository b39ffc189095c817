/**
 * Issue 11: the two real jobs played through in Chromium (screenshots at 1366x768 and 1920x1080, React's production
 * build), on the sample plan and on the imported 2020 fixture:
 * (a) the performance officer the night before the deadline: choose the period, read the dashboard, chase the missing
 *     updates, fix a rating (with its explanation), export Word and PDF, write the covering report;
 * (b) a service lead updating five actions in ten minutes with "My actions" in the update round, by keyboard.
 * Screenshots: test-results/screenshots/job-*.png. The assertions are what either of them relies on.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';
import { expectText, openPlan, waitSaved } from './editor-helpers';
import { leadList } from '../../renderer/src/table/filters';

const RATED_2020 = '/work/shared/fixtures/word/continuous-development-plan-2020-rated.docx';
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-jobs-'));
let app: App;
let samplePlanId = '';
let fixturePlanId = '';
let nextSave = '';

beforeAll(async () => {
  app = await startApp({
    seedSample: true,
    host: {
      chooseSavePath: async () => nextSave,
      showItemInFolder: () => undefined,
      openPath: async () => undefined,
    },
  });
  samplePlanId = (await app.call('plans:list', {}))[0]!.id;
  const preview = await app.call('import:preview', { path: RATED_2020, options: {} });
  fixturePlanId = (await app.call('import:commit', { token: preview.token })).planId;
}, 120_000);

afterAll(async () => {
  await app?.close();
  fs.rmSync(out, { recursive: true, force: true });
});

const both = async (name: string, fullPage = false) => {
  await app.screenshot(`job-${name}-1366`, { fullPage });
  await app.page.setViewportSize({ width: 1920, height: 1080 });
  await app.screenshot(`job-${name}-1920`, { fullPage });
  await app.page.setViewportSize({ width: 1366, height: 768 });
};

describe('the performance officer, the night before the deadline', () => {
  for (const which of ['sample', 'fixture'] as const) {
    it(`prepares the appendix (${which})`, async () => {
      const { page } = app;
      const planId = which === 'sample' ? samplePlanId : fixturePlanId;
      await page.setViewportSize({ width: 1366, height: 768 });
      await openPlan(app, planId, 'overview');
      await page.getByRole('region', { name: /^Rating summary/ }).waitFor();
      await both(`a-${which}-overview`);
      for (const part of [/^Updates by lead/, /^Trend by/, /^Ratings by period/, /^Overdue actions/]) {
        const region = page.getByRole('region', { name: part });
        await region.scrollIntoViewIfNeeded();
        await both(
          `a-${which}-overview-${String(part)
            .replace(/[^a-z]+/gi, '-')
            .replace(/^-|-$/g, '')
            .toLowerCase()}`,
        );
      }

      // Chase the missing updates: the table filtered to "Not updated this period".
      await openPlan(app, planId, 'table');
      const bar = page.getByRole('group', { name: 'Filter actions' });
      await bar.getByRole('button', { name: 'Not updated this period' }).click();
      await page.waitForTimeout(300);
      await both(`a-${which}-not-updated`);
      await bar.getByRole('button', { name: 'Clear filters' }).click();

      // Fix a rating: the first action, rated from the keyboard, with an explanation.
      await page.locator('.pt-action-row').first().click();
      const form = page.getByRole('complementary', { name: /^Action / });
      await form.waitFor();
      await both(`a-${which}-action`);
      // Fix the rating to Amber from the keyboard: the explanation fields appear and take the text.
      const amber = form.getByRole('radio', { name: /Amber/ });
      await amber.focus();
      await page.keyboard.press('Space');
      const why = form.getByLabel('Explanation (why is it Amber?)');
      await why.waitFor();
      await why.fill('Two of five milestones slipped after the restructure.');
      await form.getByLabel(/^Corrective action/).fill('Weekly checkpoint with the AD until back on track.');
      await page.keyboard.press('Tab');
      await waitSaved(page);
      await both(`a-${which}-rating-fixed`);

      // Export Word, then PDF.
      await page.getByRole('button', { name: 'Export appendix…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Export the committee appendix' });
      await dialog.getByLabel('Reporting period').waitFor();
      await both(`a-${which}-export-dialog`);
      nextSave = path.join(out, `${which}.docx`);
      await dialog.getByRole('button', { name: 'Export…' }).click();
      await dialog.getByText('The appendix was saved.').waitFor({ timeout: 60_000 });
      await both(`a-${which}-export-done`);
      expect(fs.statSync(nextSave).size).toBeGreaterThan(10_000);
      await dialog.getByRole('button', { name: 'Close' }).click();
      await page.getByRole('button', { name: 'Export appendix…' }).click();
      await dialog.getByTestId('export-format').selectOption('pdf');
      nextSave = path.join(out, `${which}.pdf`);
      await dialog.getByRole('button', { name: 'Export…' }).click();
      await dialog.getByText('The appendix was saved.').waitFor({ timeout: 120_000 });
      await both(`a-${which}-export-pdf-done`);
      expect(fs.readFileSync(nextSave).subarray(0, 4).toString()).toBe('%PDF');
      await dialog.getByRole('button', { name: 'Close' }).click();

      // The covering report.
      await page.getByRole('button', { name: 'Covering report…' }).click();
      const editor = page.getByRole('dialog', { name: 'Covering report' });
      await editor.getByLabel('Committee', { exact: true }).waitFor();
      await both(`a-${which}-covering`);
      await page.keyboard.press('Escape');
      expect(app.errors).toEqual([]);
    }, 240_000);
  }
});

describe('a service lead, five actions in ten minutes', () => {
  it('updates five actions from "My actions" by keyboard (fixture, R Murdock)', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /^Your name: .* Change it$/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Your name' });
    await dialog.getByRole('textbox', { name: 'Your name' }).fill('R Murdock');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await openPlan(app, fixturePlanId, 'round');
    await expectText(page.getByLabel('Whose actions').locator('option:checked'), 'My actions (R Murdock)');
    await both('b-round-start');
    // An imported update has no author: its note starts with a capital ("Last changed …", not "last changed …").
    await page
      .getByText(/^Last changed \d/)
      .first()
      .waitFor();
    const counter = page.getByTestId('round-counter');
    const doneBefore = Number(/(\d+) of/.exec((await counter.textContent()) ?? '')![1]);
    for (let i = 0; i < 5; i++) {
      // Keyboard only: from the action's heading, Tab to the rating, arrows to Green, Tab on to the progress box.
      await page
        .getByRole('heading', { level: 2, name: /^Action / })
        .or(page.locator(':focus'))
        .first()
        .waitFor();
      for (
        let t = 0;
        t < 15 && !(await page.evaluate(() => (document.activeElement as HTMLInputElement)?.type === 'radio'));
        t++
      )
        await page.keyboard.press('Tab');
      for (let t = 0; t < 4; t++) {
        const label = await page.evaluate(
          () => (document.activeElement as HTMLElement).closest('label')?.textContent ?? '',
        );
        if (/Green/.test(label)) break;
        await page.keyboard.press('ArrowRight');
      }
      await page.keyboard.press('Space');
      for (let t = 0; t < 6; t++) {
        const label = await page.evaluate(
          () =>
            (document.activeElement as HTMLElement).getAttribute('aria-label') ??
            (document.activeElement as HTMLTextAreaElement).labels?.[0]?.textContent ??
            '',
        );
        if (/^Progress for/.test(label)) break;
        await page.keyboard.press('Tab');
      }
      await page.keyboard.press('Control+End');
      await page.keyboard.type(` Update ${i + 1}: on track; evidence in the March audit.`);
      if (i === 0) await both('b-round-typed');
      await page.keyboard.press('Alt+N');
      await page.waitForTimeout(200);
    }
    await waitSaved(page);
    await expectText(counter, `${doneBefore + 5} of`);
    await waitSaved(page);
    await both('b-round-end');
    // A team's actions can be chosen too ("Teams and bodies"), the same ones the table's Lead filter finds.
    const tree = await app.call('plans:get', { planId: fixturePlanId });
    const live = tree.actions.filter((a) => a.deletedAt === null && !a.archived);
    const dcs = leadList(live, []).bodies.find((b) => b.name === 'DCS')!;
    const whose = page.getByLabel('Whose actions');
    expect(await whose.locator('optgroup[label="Teams and bodies"] option').allTextContents()).toContain('DCS');
    await whose.selectOption({ label: 'DCS' });
    await expectText(counter, `of ${dcs.count} done`);
    await whose.selectOption({ label: 'My actions (R Murdock)' });
    expect(app.errors).toEqual([]);
  }, 240_000);
});
