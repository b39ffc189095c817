/**
 * End to end: the Indicators tab (issue 13 point 2). Adding an indicator, typing its fields and monthly
 * values with the keyboard, pasting a block from Excel (numbers with % and commas, a blank, words that become
 * a note), seeing a missing value shown as missing on the chart and in the grid (never zero), a plain message
 * beside a field for a bad figure, undo, and the sample plan's indicators at 1366x768 and 1920x1080.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type App } from './harness';
import { expectText, openPlan, waitSaved } from './editor-helpers';
import { startSeededApp } from './seeded-app';

let app: App;
let planId = '';

beforeAll(async () => {
  ({ app, planId } = await startSeededApp('table'));
});

afterAll(async () => {
  await app?.close();
});

const indicatorOf = async (name: string) => {
  const tree = await app.call('plans:get', { planId });
  return tree.indicators.find((i) => i.name === name && i.deletedAt === null);
};

/** Fires a paste of `text` (as Excel puts it on the clipboard) into the focused element. */
async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.activeElement!.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
}

describe('the indicator editor', () => {
  it('adds an indicator and edits its fields with plain messages beside them', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Indicators' }).click();
    const section = page.getByRole('region', { name: /Leadership and management/ });
    await expectText(section, 'No indicators in this section yet.');
    await section.getByRole('button', { name: /Add indicator to/ }).click();
    const detail = page.getByRole('region', { name: 'Indicator New indicator' });
    await detail.waitFor();
    await detail.getByLabel('Name').fill('Assessments completed within 45 days');
    await detail.getByLabel('Unit').focus(); // leaving the name saves it
    await page.getByRole('region', { name: 'Indicator Assessments completed within 45 days' }).waitFor();
    const ind = page.getByRole('region', { name: 'Indicator Assessments completed within 45 days' });
    await ind.getByLabel('Unit').selectOption({ label: '%' });
    await ind.getByLabel('Polarity').selectOption({ label: 'Higher is better' });
    await ind.getByLabel('Baseline year').fill('2016/17');
    await ind.getByLabel('Baseline value').fill('71.5%');
    await ind.getByLabel('Statistical-neighbour average').fill('82');
    await ind.getByLabel('Target').fill('lots');
    await ind.getByLabel('Notes').focus();
    await expectText(ind, '"lots" is not a number');
    await ind.getByLabel('Target').fill('120');
    await ind.getByLabel('Notes').focus();
    // The store refuses a percentage over 100: its message appears beside the field, nothing is saved.
    await expectText(ind, 'A percentage must be between 0 and 100 (120 was given)');
    await ind.getByLabel('Target').fill('90');
    await ind.getByLabel('Notes').focus();
    await expectText(ind, 'A percentage must be between 0 and 100', { not: true });
    await waitSaved(page);
    const saved = await indicatorOf('Assessments completed within 45 days');
    expect(saved).toMatchObject({
      unit: 'percent',
      baselineLabel: '2016/17',
      baseline: 71.5,
      snAverage: 82,
      target: 90,
      values: [],
    });
    expect(app.errors).toEqual([]);
  });

  it('takes monthly values from the keyboard (Enter and arrow keys) and shows a blank as missing', async () => {
    const { page } = app;
    const ind = page.getByRole('region', { name: 'Indicator Assessments completed within 45 days' });
    await ind.getByRole('button', { name: 'Add a month' }).click();
    await waitSaved(page);
    await ind.getByLabel('Month, row 1').fill('Jul 2025');
    await page.keyboard.press('ArrowRight'); // the caret is at the end: on to the value
    await page.keyboard.type('84.5');
    await page.keyboard.press('Enter'); // on the last row: a new month (Aug 2025), its value focused
    await page.keyboard.type('86%');
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowRight'); // row 3's value is empty: on to its note
    await page.keyboard.type('Data being collated');
    await page.keyboard.press('Tab');
    await waitSaved(page);
    await expect
      .poll(async () => (await indicatorOf('Assessments completed within 45 days'))?.values)
      .toEqual([
        { label: 'Jul 2025', value: 84.5, note: '' },
        { label: 'Aug 2025', value: 86, note: '' },
        { label: 'Sep 2025', value: null, note: 'Data being collated' },
      ]);
    // Missing is shown as missing: the grid's placeholder, a marker on the chart and the words in the caption.
    await expect.poll(() => ind.getByLabel('Value, row 3 (Sep 2025)').getAttribute('placeholder')).toBe('Missing');
    await expect.poll(() => ind.locator('[data-missing="Sep 2025"]').count()).toBe(1);
    await expectText(ind.locator('figcaption'), '1 month missing (Sep 2025)');
    await expectText(ind.locator('figcaption'), 'latest 86% (Aug 2025)');
    // Words typed into a value are refused with a message beside the cell.
    await ind.getByLabel('Value, row 1 (Jul 2025)').fill('about ninety');
    await ind.getByLabel('Note, row 1 (Jul 2025)').focus();
    await expectText(ind, '"about ninety" is not a number');
    await ind.getByLabel('Value, row 1 (Jul 2025)').fill('84.5');
    await ind.getByLabel('Note, row 1 (Jul 2025)').focus();
    await expectText(ind, 'is not a number', { not: true });
    expect(app.errors).toEqual([]);
  });

  it('pastes a block from Excel: % and commas read, a blank missing, words a note; undo takes it back', async () => {
    const { page } = app;
    const ind = page.getByRole('region', { name: 'Indicator Assessments completed within 45 days' });
    await ind.getByLabel('Month, row 3').focus();
    // Three columns (month, value, note) and four rows from the third row: the grid grows to six.
    await paste(
      page,
      'Sep 2025\t88.1%\t\r\nOct 2025\t\tOnly collected quarterly\r\nNov 2025\tdata being collated\t\r\nDec 2025\t90.2 (provisional)\t\r\n',
    );
    await waitSaved(page);
    let values = (await indicatorOf('Assessments completed within 45 days'))!.values;
    expect(values.slice(2)).toEqual([
      { label: 'Sep 2025', value: 88.1, note: '' },
      { label: 'Oct 2025', value: null, note: 'Only collected quarterly' },
      { label: 'Nov 2025', value: null, note: 'data being collated' },
      { label: 'Dec 2025', value: 90.2, note: 'provisional' },
    ]);
    // Months across, as Excel lays them out, pasted into a value: one value per row downwards.
    await ind.getByLabel('Value, row 6 (Dec 2025)').focus();
    await paste(page, '89.4%\t91\t1,000\n');
    await expectText(ind, 'A percentage must be between 0 and 100 (1000 was given)');
    values = (await indicatorOf('Assessments completed within 45 days'))!.values;
    expect(values).toHaveLength(6); // refused: nothing changed
    await paste(page, '89.4%\t91\t92.5\n');
    await waitSaved(page);
    values = (await indicatorOf('Assessments completed within 45 days'))!.values;
    expect(values.slice(5).map((v) => [v.label, v.value])).toEqual([
      ['Dec 2025', 89.4],
      ['Jan 2026', 91],
      ['Feb 2026', 92.5],
    ]);
    await expect.poll(() => ind.locator('[data-missing]').count()).toBe(2);
    await expectText(ind.locator('figcaption'), '2 months missing (Oct 2025, Nov 2025)');
    // The chart: one line broken at the gap (two pieces), target and SN average lines, never a point at zero.
    await expect.poll(() => ind.locator('path[data-series="values"]').count()).toBe(2);
    await expect.poll(() => ind.locator('[data-series="target"]').count()).toBe(1);
    await expect.poll(() => ind.locator('[data-series="sn"]').count()).toBe(1);
    // The list's small chart shows the same gaps.
    const card = page.locator('li[data-indicator="Assessments completed within 45 days"]');
    await expect.poll(() => card.locator('[data-missing]').count()).toBe(2);
    await expectText(card, 'Latest 92.5% (Feb 2026)');
    await app.screenshot('indicators-editor-1366');

    // Undo takes the last paste back.
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('Control+z');
    await waitSaved(page);
    await expect.poll(async () => (await indicatorOf('Assessments completed within 45 days'))!.values.length).toBe(6);
    expect(app.errors).toEqual([]);
  });

  it('removes an indicator, and undo brings it back with its values', async () => {
    const { page } = app;
    const ind = page.getByRole('region', { name: 'Indicator Assessments completed within 45 days' });
    await ind.getByRole('button', { name: 'Remove indicator' }).click();
    await waitSaved(page);
    expect(await indicatorOf('Assessments completed within 45 days')).toBeUndefined();
    await page.keyboard.press('Control+z');
    await waitSaved(page);
    await expect.poll(async () => (await indicatorOf('Assessments completed within 45 days'))?.values.length).toBe(6);
    await expectText(page.getByRole('region', { name: /Leadership and management/ }), 'Assessments completed');
  });
});

describe('the sample plan’s indicators', () => {
  it('shows every section’s indicators with charts, at 1366x768 and 1920x1080', async () => {
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 1920, height: 1080 },
    ]) {
      const sample = await startApp({ seedSample: true, viewport });
      try {
        const plans = await sample.call('plans:list', {});
        const id = plans[0]!.id;
        await openPlan(sample, id, 'table');
        await sample.page.getByRole('tab', { name: 'Indicators' }).click();
        const cards = sample.page.locator('li[data-indicator]');
        await expect.poll(() => cards.count()).toBeGreaterThan(4);
        await cards.first().getByRole('button').click();
        const figure = sample.page.locator('.indicator-detail figure');
        await expectText(figure.locator('figcaption'), 'missing');
        await expect.poll(() => figure.locator('[data-missing]').count()).toBeGreaterThan(0);
        // The screen reader's table lists the missing month as "Missing", never 0.
        await expectText(figure.locator('table'), 'Missing');
        await sample.screenshot(`indicators-sample-${viewport.width}`);
        expect(sample.errors).toEqual([]);
      } finally {
        await sample.close();
      }
    }
  });
});
