/**
 * Issue 11 point 10, end to end on the sample plan: the Overview lists the red and amber actions with their
 * explanations and a link to each, who has updated this period by lead, each section's trend (a chart with
 * a table alternative); the plan table shows each action's direction of travel as an arrow and a word.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionsOfConcern, updatesByLead } from '../../shared/dashboard';
import { startApp, type App } from './harness';
import { actionRow, expectText, openPlan } from './editor-helpers';

let app: App;
let planId = '';

beforeAll(async () => {
  app = await startApp({ seedSample: true });
  planId = (await app.call('plans:list', {}))[0]!.id;
  await openPlan(app, planId, 'overview');
});

afterAll(async () => {
  await app?.close();
});

const shots = async (name: string) => {
  await app.screenshot(`${name}-1366`, { fullPage: true });
  await app.page.setViewportSize({ width: 1920, height: 1080 });
  await app.screenshot(`${name}-1920`, { fullPage: true });
  await app.page.setViewportSize({ width: 1366, height: 768 });
};

describe('the dashboard for the night', () => {
  it('lists red and amber actions with explanations, updates by lead and section trends', async () => {
    const { page } = app;
    const tree = await app.call('plans:get', { planId });
    const period = tree.periods.find((p) => p.id === tree.plan.currentPeriodId)!;
    const concern = actionsOfConcern(tree, period.id);
    expect(concern.length).toBeGreaterThan(0);

    const worst = page.getByRole('region', { name: new RegExp(`Red and Amber in ${period.label}`) });
    await expectText(worst, `(${concern.length})`);
    const first = concern[0]!;
    await expectText(worst, first.level.label);
    if (first.rating.explanation.trim()) await expectText(worst, first.rating.explanation.trim().slice(0, 40));
    await shots('overview-night');

    const byLead = page.getByRole('region', { name: `Updates by lead in ${period.label}` });
    await byLead.scrollIntoViewIfNeeded();
    await app.screenshot('overview-leads-1366');
    const rows = updatesByLead(tree, period.id);
    const top = rows[0]!;
    const row = byLead.getByRole('row', { name: new RegExp(`^${top.name}`) });
    await expectText(row, `${top.updated} of ${top.actions}`);

    const trends = page.getByRole('region', { name: /Trend by theme across/ });
    expect(await trends.getByRole('img').count()).toBeGreaterThan(0);
    const label = await trends.getByRole('img').first().getAttribute('aria-label');
    expect(label).toContain(tree.periods[0]!.label);
    await trends.scrollIntoViewIfNeeded();
    await app.screenshot('overview-trends-1366');
    await trends.getByRole('button', { name: 'Show as a table' }).click();
    await trends.getByRole('table').waitFor();
    await trends.scrollIntoViewIfNeeded();
    await shots('overview-trend-table');

    // The link opens the action.
    await worst.getByRole('button', { name: `Open action ${first.action.reference}` }).click();
    await page
      .getByRole('complementary', { name: new RegExp(`Action ${first.action.reference.replace('.', '\\.')}`) })
      .waitFor();
    expect(app.errors).toEqual([]);
  });

  it('shows each action’s direction of travel beside its rating in the plan table', async () => {
    const { page } = app;
    // A fresh table scrolled to the top (the first test left an action open further down).
    await page.reload();
    await openPlan(app, planId, 'table');
    const summary = await app.call('summary:get', { planId });
    const improved = summary.actions.find((a) => a.direction === 'improved');
    const declined = summary.actions.find((a) => a.direction === 'declined' || a.direction === 'no-change');
    expect(improved).toBeDefined();
    await actionRow(page, improved!.reference).waitFor();
    await expectText(actionRow(page, improved!.reference), '↑ Improved');
    if (declined)
      await expectText(
        actionRow(page, declined.reference),
        declined.direction === 'declined' ? '↓ Declined' : '→ No change',
      );
    await actionRow(page, improved!.reference).scrollIntoViewIfNeeded();
    await app.screenshot('table-travel-1366');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await app.screenshot('table-travel-1920');
    await page.setViewportSize({ width: 1366, height: 768 });
    expect(app.errors).toEqual([]);
  });
});
