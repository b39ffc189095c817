/** End to end: full-text search across actions and progress, and jumping to the row. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { expectText } from './editor-helpers';
import { startSeededApp } from './seeded-app';

let app: App;
let planId = '';

beforeAll(async () => {
  ({ app, planId } = await startSeededApp());
});

afterAll(async () => {
  await app?.close();
});

describe('search', () => {
  it('finds words in progress updates, shows snippets, and jumps to the row', async () => {
    const { page } = app;
    await page.keyboard.press('Control+k');
    await page.keyboard.type('protocol');
    await page.keyboard.press('Enter');
    const panel = page.getByRole('dialog', { name: /Results for “protocol”/ });
    await expectText(panel.getByRole('status'), /\d+ match/);
    await expectText(panel.locator('mark').first(), /protocol/i);
    await app.screenshot('search-results');
    const hit = panel.getByRole('button', { name: /2\.2/ }).first();
    await hit.click();
    const form = page.getByRole('complementary', { name: /Action 2\.2/ });
    await form.waitFor();
    await expectText(page.locator('.pt-action-row.selected'), 'Publish the missing children protocol');
    await app.screenshot('search-jumped');
  });

  it('says so when nothing matches, and Escape closes the results', async () => {
    const { page } = app;
    await page.getByRole('searchbox').fill('xylophone');
    await page.getByRole('searchbox').press('Enter');
    const panel = page.getByRole('dialog', { name: /Results for “xylophone”/ });
    await expectText(panel.getByRole('status'), 'No matches');
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
    expect(app.errors).toEqual([]);
  });

  it('scrolls a long plan to a row far down and opens it', async () => {
    const { page } = app;
    // A long section so the target is outside the first screen of the virtualised table.
    const tree = await app.call('plans:get', { planId });
    const section = tree.sections[0]!;
    for (let i = 0; i < 60; i++)
      await app.call('actions:create', {
        sectionId: section.id,
        description: `Filler action number ${i + 1} for scrolling`,
      });
    await app.call('actions:create', {
      sectionId: section.id,
      description: 'Zebra crossing audit near the family centre',
    });
    await page.reload();
    await page.getByRole('tablist', { name: 'Plan views' }).waitFor();
    await page.getByRole('searchbox').fill('zebra');
    await page.getByRole('searchbox').press('Enter');
    await page
      .getByRole('dialog', { name: /Results/ })
      .getByRole('button', { name: /1\.63/ })
      .click();
    await page.getByRole('complementary', { name: /Action 1\.63/ }).waitFor();
    await expectText(page.locator('.pt-action-row.selected'), 'Zebra crossing audit');
    expect(await page.locator('.pt-action-row.selected').isVisible()).toBe(true);
  });
});
