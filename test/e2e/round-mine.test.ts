/**
 * End to end, "my actions": the user sets their name in the header (a blank one is refused), the update
 * round opens on the actions they lead, and the action's history records them as who made the change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { expectText, openPlan, waitSaved } from './editor-helpers';
import { startSeededApp } from './seeded-app';

let app: App;
let planId = '';

beforeAll(async () => {
  ({ app, planId } = await startSeededApp(null));
});

afterAll(async () => {
  await app?.close();
});

describe('my actions', () => {
  it('sets your name, opens the round on your actions and records you in the history', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Your name: E2E Tester. Change it' }).click();
    const dialog = page.getByRole('dialog', { name: 'Your name' });
    const name = dialog.getByRole('textbox', { name: 'Your name' });
    await expect(name).toHaveValue('E2E Tester');
    await name.fill('   ');
    await dialog.getByRole('button', { name: 'Save name' }).click();
    await expectText(dialog, 'Type your name as colleagues know it');
    expect((await app.call('app:info', {})).userName).toBe('E2E Tester');
    await name.fill('Janet Simon');
    await name.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await expectText(page.getByRole('banner'), 'You: Janet Simon');
    expect((await app.call('app:info', {})).userName).toBe('Janet Simon');

    await openPlan(app, planId, 'round');
    const whose = page.getByLabel('Whose actions');
    await expect(whose).toHaveValue('Janet Simon');
    await expectText(whose.locator('option:checked'), 'My actions (Janet Simon)', { exact: true });
    // 2.1 (shared with J Tynan AD) still needs March's update and rating; 2.2 is done.
    await expectText(page.getByTestId('round-counter'), '1 of 2 done');
    await expectText(page.locator('.round-item.selected'), '2.1');
    await app.screenshot('round-my-actions');

    await page.getByRole('radio', { name: /Green/ }).click();
    await page
      .getByLabel(/Progress for March 2020/)
      .fill('On track. Interviews offered to 31 of 33 children in March.');
    await page.getByLabel(/Progress for March 2020/).blur();
    await waitSaved(page);
    await expectText(page.getByTestId('round-counter'), '2 of 2 done');
    await page.getByRole('button', { name: 'History' }).click();
    const history = page.getByRole('region', { name: 'History of action 2.1' });
    await expectText(history.locator('li strong').first(), 'Janet Simon', { exact: true });
    expect(await history.locator('li strong').allTextContents()).not.toContain('E2E Tester');

    // Choosing everyone is remembered over "my actions".
    await whose.selectOption({ label: 'Everyone’s actions' });
    await page.reload();
    await page.getByLabel('Whose actions').waitFor();
    await expect(page.getByLabel('Whose actions')).toHaveValue('');
    expect(app.errors).toEqual([]);
  });
});
