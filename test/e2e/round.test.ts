/** End to end: the update round for one lead, with the done counter and J/K navigation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { expectText, waitSaved } from './editor-helpers';
import { startSeededApp } from './seeded-app';

let app: App;

beforeAll(async () => {
  ({ app } = await startSeededApp('round'));
});

afterAll(async () => {
  await app?.close();
});

describe('the update round', () => {
  it("lists one lead's actions still needing work and counts them done as they are completed", async () => {
    const { page } = app;
    // A person, as shared/leads.ts names them (was the lead cell's text, 'J Tynan AD').
    await page.getByLabel('Whose actions').selectOption('J Tynan');
    const counter = page.getByTestId('round-counter');
    await expectText(counter, '0 of 3 done');
    const list = page.getByRole('list', { name: 'Actions in this round' });
    await expectText(list, '1.1');
    expect(await list.getByRole('listitem').count()).toBe(3);
    await app.screenshot('round');

    // 1.1 is rated Amber with an explanation; it only needs this period's progress update.
    const progress = page.getByLabel(/Progress for March 2020/);
    await progress.fill('On track. Audits restarted in March; 14 of 16 teams audited.');
    await progress.blur();
    await waitSaved(page);
    await expectText(counter, '1 of 3 done');

    // Next with J (outside a text field).
    await page.locator('.round-nav').click();
    await page.keyboard.press('j');
    await expectText(page.locator('.round-item.selected'), '2.1');
    await page.getByRole('radio', { name: /Green/ }).click();
    await page.getByLabel(/Progress for March 2020/).fill('On track.');
    await page.getByLabel(/Progress for March 2020/).blur();
    await waitSaved(page);
    await expectText(counter, '2 of 3 done');

    // Alt+N from inside a text field; Amber needs an explanation before it counts.
    await page.getByLabel(/Progress for March 2020/).focus();
    await page.keyboard.press('Alt+n');
    await expectText(page.locator('.round-item.selected'), '2.3');
    await page.getByRole('radio', { name: /Amber/ }).click();
    await page.getByLabel(/Progress for March 2020/).fill('Delayed: trainer unavailable.');
    await page.getByLabel(/Progress for March 2020/).blur();
    await waitSaved(page);
    await expectText(page.locator('.round-item.selected'), 'Needs explanation');
    await expectText(counter, '2 of 3 done');
    await page.getByLabel(/Explanation \(why/).fill('Trainer on long-term sick leave.');
    await page.getByLabel(/Corrective action/).fill('Second trainer booked for May.');
    await page.getByLabel(/Corrective action/).blur();
    await waitSaved(page);
    await expectText(counter, '3 of 3 done');

    // K goes back.
    await page.locator('.round-nav').click();
    await page.keyboard.press('k');
    await expectText(page.locator('.round-item.selected'), '2.1');
    await app.screenshot('round-done');
    expect(app.errors).toEqual([]);
  });
});
