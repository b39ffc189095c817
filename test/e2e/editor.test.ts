/**
 * End to end, in real Chromium against a real SQLite store: build a plan in the editor (add a section and
 * actions, fill the action form, leads, due date reading), rate an action red and be held to explain it,
 * write progress, reorder with the keyboard, and see it all saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';
import { actionRow, expectCount, expectText, openPlan, waitSaved } from './editor-helpers';

let app: App;
let planId = '';

beforeAll(async () => {
  app = await startApp({
    beforeLoad: async ({ call }) => {
      const plan = await call('plans:create', {
        title: 'Children’s Services Continuous Development Plan',
        organisation: 'Northmoor Council',
        template: 'continuous',
      });
      planId = plan.id;
      const period = await call('periods:create', { planId, label: 'March 2020' });
      await call('periods:setCurrent', { planId, currentPeriodId: period.id, comparePeriodId: null });
    },
  });
  await openPlan(app, planId);
});

afterAll(async () => {
  await app?.close();
});

describe('the plan editor', () => {
  it('adds a section and actions, and edits an action in the form', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /Add theme/ }).click();
    const dialog = page.getByRole('dialog', { name: /Add a theme/ });
    await dialog.getByLabel('Title').fill('Strong leadership and management oversight');
    await dialog.getByRole('button', { name: 'Add theme' }).click();
    await expect.poll(() => page.getByRole('row', { name: /Theme 1: Strong leadership/ }).count()).toBe(1);

    await page.getByRole('button', { name: 'Add an action to theme 1' }).click();
    const form = page.getByRole('complementary', { name: /Action 1\.1/ });
    await form.waitFor();
    await form.getByLabel('Action', { exact: true }).fill('Monthly audit of supervision records by heads of service');
    await form.getByLabel('Outcome').fill('Every child has a supervision record within 4 weeks');
    await form.getByLabel('By When').fill('October 31st 2017');
    await expectText(form.getByTestId('due-reading'), 'read as: 31 October 2017', { exact: true });
    await form.getByLabel('By When').fill('Quarterly');
    await expectText(form.getByTestId('due-reading'), 'read as: quarterly', { exact: true });
    await form.getByLabel('By When').fill('In hand');
    await expectText(form.getByTestId('due-reading'), 'read as: not a date', { exact: true });
    await form.getByLabel('By When').fill('March 2020');
    await form.getByLabel('Add a lead').fill('J Tynan AD');
    await form.getByLabel('Add a lead').press('Enter');
    await form.getByLabel('Add a lead').fill('Service Lead R Murdock');
    await form.getByLabel('Add a lead').press('Enter');
    await expectCount(form.getByRole('list', { name: 'Leads' }).getByRole('listitem'), 2);
    await waitSaved(page);

    await page.getByRole('button', { name: 'Add an action to theme 1' }).click();
    await page
      .getByRole('complementary', { name: /Action 1\.2/ })
      .getByLabel('Action', { exact: true })
      .fill('Refresh the threshold document with partners');
    await waitSaved(page);
    await expectText(actionRow(page, '1.1'), 'Monthly audit of supervision records');
    await expectText(actionRow(page, '1.1'), 'J Tynan AD; Service Lead R Murdock');
    await expectText(actionRow(page, '1.2'), 'Refresh the threshold document');

    const tree = await app.call('plans:get', { planId });
    const first = tree.actions.find((a) => a.reference === '1.1')!;
    expect(first.description).toBe('Monthly audit of supervision records by heads of service');
    expect(first.dueText).toBe('March 2020');
    expect(first.leads.map((l) => l.name)).toEqual(['J Tynan AD', 'Service Lead R Murdock']);
    await app.screenshot('editor-table-form');
  });

  it('holds a red rating until an explanation and corrective action are given, and saves progress', async () => {
    const { page } = app;
    await actionRow(page, '1.1').click();
    const form = page.getByRole('complementary', { name: /Action 1\.1/ });
    await form.getByRole('radio', { name: /Red/ }).check();
    const block = form.getByTestId('explanation-block');
    await expectText(block, 'Needs explanation');
    await expectText(actionRow(page, '1.1'), 'Needs explanation');
    await form.getByLabel(/Explanation \(why/).fill('Two heads of service posts are vacant.');
    await expectText(block, 'Needs explanation');
    await form.getByLabel(/Corrective action/).fill('Interim heads of service start in April; audits resume then.');
    await expectText(block, 'Explained');
    await form
      .getByLabel(/Progress for March 2020/)
      .fill('Planned.\n\nAudit template agreed with the Principal Social Worker.');
    await form.getByLabel(/Progress for March 2020/).blur();
    await waitSaved(page);
    await expectText(actionRow(page, '1.1'), 'Needs explanation', { not: true });
    await expectText(actionRow(page, '1.1'), 'Audit template agreed');

    const tree = await app.call('plans:get', { planId });
    const action = tree.actions.find((a) => a.reference === '1.1')!;
    const rating = tree.ratings.find((r) => r.actionId === action.id)!;
    expect(tree.levels.find((l) => l.id === rating.levelId)?.label).toBe('Red');
    expect(rating.explanation).toBe('Two heads of service posts are vacant.');
    expect(rating.correctiveAction).toContain('Interim heads of service');
    expect(tree.progress.filter((p) => p.actionId === action.id).map((p) => p.body)).toEqual([
      'Planned.\n\nAudit template agreed with the Principal Social Worker.',
    ]);
    await app.screenshot('editor-action-form-red');
  });

  it('reorders actions with Alt+Down and renumbers them', async () => {
    const { page } = app;
    await page.keyboard.press('Escape');
    await actionRow(page, '1.1').focus();
    await page.keyboard.press('Alt+ArrowDown');
    await waitSaved(page);
    await expectText(actionRow(page, '1.2'), 'Monthly audit of supervision records');
    await expectText(actionRow(page, '1.1'), 'Refresh the threshold document');
  });

  it('reorders actions by dragging a row onto another', async () => {
    const { page } = app;
    await actionRow(page, '1.2').dragTo(actionRow(page, '1.1'));
    await waitSaved(page);
    await expectText(actionRow(page, '1.1'), 'Monthly audit of supervision records');
    await expectText(actionRow(page, '1.2'), 'Refresh the threshold document');
  });

  it('keeps a reference typed by hand, and can go back to automatic numbering', async () => {
    const { page } = app;
    await actionRow(page, '1.2').click();
    const form = page.getByRole('complementary', { name: /Action 1\.2/ });
    await form.getByLabel('Reference').fill('1.2a');
    await form.getByLabel('Reference').blur();
    await waitSaved(page);
    await expectText(actionRow(page, '1.2a'), 'typed by hand');
    await page
      .getByRole('complementary', { name: /Action 1\.2a/ })
      .getByRole('button', { name: 'Number automatically' })
      .click();
    await waitSaved(page);
    await expectText(actionRow(page, '1.2'), 'Refresh the threshold document');
    await page.keyboard.press('Escape');
  });

  it('shows a locked period read-only with a clear note', async () => {
    const { page } = app;
    const tree = await app.call('plans:get', { planId });
    const march = tree.periods.find((p) => p.label === 'March 2020')!;
    await app.call('periods:lock', { periodId: march.id, locked: true });
    await page.reload();
    await actionRow(page, '1.1').click();
    const form = page.getByRole('complementary', { name: /Action 1\.1/ });
    await expectText(form.getByTestId('locked-note'), 'March 2020 is locked');
    expect(await form.getByRole('radio', { name: /Amber/ }).isDisabled()).toBe(true);
    expect(await form.getByLabel(/Progress for March 2020/).getAttribute('readonly')).not.toBeNull();
    await app.screenshot('editor-locked-period');
    await app.call('periods:lock', { periodId: march.id, locked: false });
    await page.reload();
  });

  it('shows the action history with who changed what', async () => {
    const { page } = app;
    await actionRow(page, '1.2').click();
    const form = page.getByRole('complementary', { name: /Action 1\.2/ });
    await form.getByRole('button', { name: 'History' }).click();
    const history = form.getByRole('region', { name: /History of action/ });
    await expectText(history, 'E2E Tester');
    await expectText(history, /changed the action text/);
    expect(app.errors).toEqual([]);
  });
});
