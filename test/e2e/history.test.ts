/**
 * Issue 11.7: the plan-wide History tab. One person's earlier change is in the log; the tester edits an
 * action's text, opens History, sees the change word by word, and filters by the other person.
 * Screenshots at 1366x768 and 1920x1080.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';
import { actionRow, expectCount, expectText, openPlan, SEED_DRAFT, waitSaved } from './editor-helpers';

let app: App | undefined;
afterAll(async () => {
  await app?.close();
});

describe('the History tab', () => {
  it('shows an edit just made, word by word, and filters by person', async () => {
    let planId = '';
    app = await startApp({
      actor: 'Priya Shah',
      beforeLoad: async ({ call }) => {
        const plan = await call('plans:createFromDraft', SEED_DRAFT);
        planId = plan.id;
        const tree = await call('plans:get', { planId });
        const second = tree.actions.find((a) => a.reference === '1.2')!;
        await call('actions:update', { actionId: second.id, patch: { dueText: 'Quarterly from April 2020' } });
        await call('settings:setUserName', { userName: 'Sam Green' });
      },
    });
    const { page } = app;
    await openPlan(app, planId, 'table');
    await actionRow(page, '1.1').click();
    await page
      .getByRole('complementary', { name: /Action 1\.1/ })
      .getByLabel('Action', { exact: true })
      .fill('Monthly audit of supervision records by heads of service, reported to the improvement board each quarter');
    await waitSaved(page);

    await page.getByRole('tab', { name: 'History' }).click();
    const rows = page.locator('.history-table tbody tr');
    await expectText(rows, 'Sam Green');
    await expectText(rows, 'Action 1.1');
    await expectCount(rows.locator('ins', { hasText: 'improvement board' }), 1);
    await app.screenshot('history-1366');

    await page.getByLabel('Person').selectOption('Priya Shah');
    await expectCount(page.locator('.history-table tbody tr', { hasText: 'Sam Green' }), 0);
    await expectText(rows, 'Action 1.2');
    await expectText(rows, 'changed the due date from “Quarterly” to “Quarterly from April 2020”');
    const names = await page.locator('.history-table tbody tr td:nth-child(2)').allTextContents();
    expect(new Set(names)).toEqual(new Set(['Priya Shah']));

    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.getByLabel('Person').selectOption('Sam Green');
    await expectText(rows, 'Sam Green');
    await app.screenshot('history-1920');
    expect(app.errors).toEqual([]);
  });
});
