/** End to end: the overview's means, direction of travel (arrow and words) and lists, and changing the period. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { expectText } from './editor-helpers';
import { startSeededApp } from './seeded-app';

let app: App;
let planId = '';

beforeAll(async () => {
  ({ app, planId } = await startSeededApp('overview'));
});

afterAll(async () => {
  await app?.close();
});

const row = (name: string) => app.page.locator(`tr[data-section="${name}"]`);

describe('the overview', () => {
  it('shows previous and current means (1 dp, half-up) with the direction of travel in words', async () => {
    await expectText(row('1'), 'Improved');
    // Leadership: January Red 1 + Amber 2 = 1.5; March Amber 2 + Green 3 = 2.5.
    await expectText(row('1'), /1\.5\s*2\.5/);
    // Missing: January Green, Green = 3.0 (one not rated); March Blue 4 = 4.0.
    await expectText(row('2'), /3\.0\s*4\.0/);
    // Overall: mean of section means, half-up: 2.25 -> 2.3 and 3.25 -> 3.3.
    await expectText(row('overall'), /2\.3\s*3\.3/);
    await expectText(row('overall'), '↑');
    await expectText(app.page.getByRole('region', { name: /Overdue actions/ }), '1.1');
    await expectText(app.page.getByRole('region', { name: /Overdue actions/ }), '2.3');
    await expectText(app.page.getByRole('region', { name: /Recommendations no action answers/ }), 'Ofsted 2');
    await app.screenshot('overview');
  });

  it('updates when the period and compare-with change', async () => {
    const { page } = app;
    await page.getByLabel('Period', { exact: true }).selectOption({ label: 'January 2020' });
    await page.getByLabel('Compare with', { exact: true }).selectOption({ label: 'March 2020' });
    await expectText(row('1'), 'Declined');
    await expectText(row('1'), /2\.5\s*1\.5/);
    await page.getByLabel('Compare with', { exact: true }).selectOption({ label: '(nothing)' });
    await expectText(row('1'), 'New');
    expect(app.errors).toEqual([]);
  });

  it('flags a red rating without an explanation', async () => {
    const { page } = app;
    const tree = await app.call('plans:get', { planId });
    const action = tree.actions.find((a) => a.reference === '2.3')!;
    const red = tree.levels.find((l) => l.label === 'Red')!;
    const march = tree.periods.find((p) => p.label === 'March 2020')!;
    await app.call('ratings:set', { actionId: action.id, periodId: march.id, levelId: red.id });
    await page.reload();
    await page.getByRole('tab', { name: 'Overview' }).waitFor();
    await page.getByRole('tab', { name: 'Overview' }).click();
    const region = page.getByRole('region', { name: /Needing an explanation/ });
    await expectText(region, '2.3');
    await expectText(region, 'Red');
    await region.getByRole('button', { name: '2.3' }).click();
    await page.getByRole('complementary', { name: /Action 2\.3/ }).waitFor();
  });
});
