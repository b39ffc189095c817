/**
 * End to end: the overview's rating summary (on the seed's colour key: counts and shares, as in the appendix), its
 * lists, and changing the period.
 */
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
  // The seed's key is the four-level colour key (Red, Amber, Green, Blue: no numbers), so, as in the appendix
  // (averagesMeanSomething), the summary counts each level and gives the share on track or complete: no means.
  const cells = (name: string) =>
    row(name)
      .locator('td')
      .evaluateAll((tds) => tds.map((td) => (td.textContent ?? '').trim()));

  it('on a colour key, shows counts per level and the shares on track or complete, never a mean', async () => {
    await app.page.getByRole('heading', { name: 'Rating summary: March 2020' }).waitFor();
    // Leadership in March: Amber and Green (Red, Amber, Green, Blue, not rated, on track, complete).
    expect(await cells('1')).toEqual(['0', '1', '1', '0', '0', '1 (50%)', '0 (0%)']);
    const table = app.page.getByRole('region', { name: /^Rating summary/ });
    expect((await table.textContent()) ?? '').not.toMatch(/\b\d\.\d\b/);
    await expectText(app.page.getByRole('region', { name: /Overdue actions/ }), '1.1');
    await expectText(app.page.getByRole('region', { name: /Overdue actions/ }), '2.3');
    await expectText(app.page.getByRole('region', { name: /Recommendations no action answers/ }), 'Ofsted 2');
    await app.screenshot('overview');
  });

  it('updates when the period and compare-with change', async () => {
    const { page } = app;
    await page.getByLabel('Period', { exact: true }).selectOption({ label: 'January 2020' });
    await page.getByLabel('Compare with', { exact: true }).selectOption({ label: 'March 2020' });
    await page.getByRole('heading', { name: 'Rating summary: January 2020' }).waitFor();
    // Leadership in January: Red and Amber, so none on track.
    await expectText(row('1'), '0 (0%)');
    expect(await cells('1')).toEqual(['1', '1', '0', '0', '0', '0 (0%)', '0 (0%)']);
    await page.getByLabel('Compare with', { exact: true }).selectOption({ label: '(nothing)' });
    await page.getByRole('heading', { name: 'Rating summary: January 2020' }).waitFor();
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
