/**
 * End to end, reporting periods: rename (a blank label is refused and changes nothing), reorder with the
 * move buttons, and the new names reach the plan table's period picker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { startSeededApp } from './seeded-app';

let app: App;
let planId = '';

beforeAll(async () => {
  ({ app, planId } = await startSeededApp('settings'));
  await app.page.getByRole('tab', { name: /Reporting periods/ }).click();
  await app.page.getByRole('heading', { name: 'Add a period' }).waitFor();
});

afterAll(async () => {
  await app?.close();
});

const ordered = async () =>
  (await app.call('plans:get', { planId })).periods
    .filter((p) => p.deletedAt === null)
    .sort((a, b) => a.position - b.position)
    .map((p) => p.label);

describe('reporting periods', () => {
  it('renames a period, refusing a blank label with a message and keeping the old one', async () => {
    const { page } = app;
    const label = page.getByLabel('Label of period 1');
    await label.fill('');
    await label.blur();
    await page.getByText('A period needs a label').waitFor();
    expect(await ordered()).toEqual(['January 2020', 'March 2020']);

    await label.fill('RAG 01/20');
    await label.blur();
    await expect.poll(ordered).toEqual(['RAG 01/20', 'March 2020']);
  });

  it('reorders periods with the move buttons', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Move March 2020 up' }).click();
    await expect.poll(ordered).toEqual(['March 2020', 'RAG 01/20']);
    await page.getByRole('button', { name: 'Move March 2020 down' }).click();
    await expect.poll(ordered).toEqual(['RAG 01/20', 'March 2020']);
  });

  it('shows the renamed period in the plan table’s period picker', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Plan table' }).click();
    const picker = page.getByRole('combobox', { name: 'Period' });
    await expect
      .poll(async () => (await picker.locator('option').allTextContents()).map((t) => t.trim()))
      .toEqual(['RAG 01/20', 'March 2020 (current)']);
    expect(app.errors).toEqual([]);
  });
});
