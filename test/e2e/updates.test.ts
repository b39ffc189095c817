/**
 * Issue 11 point 1, end to end on the sample plan: a lead's update never vanishes into an internal note.
 * Sample action 1.4's newest update this period is an internal note ("… Do not publish."): the lead's
 * public text goes into a public update of its own; notes have their own visibly different control;
 * every update of the period can be edited, with its history shown word by word; Delete has Undo.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';
import { actionRow, expectText, openPlan, waitSaved } from './editor-helpers';

let app: App;
let planId = '';

beforeAll(async () => {
  app = await startApp({ seedSample: true });
  planId = (await app.call('plans:list', {}))[0]!.id;
  await openPlan(app, planId, 'table');
});

afterAll(async () => {
  await app?.close();
});

describe('progress updates and internal notes', () => {
  it('keeps a lead’s public text out of the internal note, and lets the author edit any update with history', async () => {
    const { page } = app;
    let tree = await app.call('plans:get', { planId });
    const a14 = tree.actions.find((a) => a.reference === '1.4')!;
    const note = tree.progress.find((p) => p.actionId === a14.id && p.internal && p.deletedAt === null)!;
    const period = tree.periods.find((p) => p.id === note.periodId)!;
    const column = tree.plan.columns.find((c) => c.field === 'progress')?.label ?? 'Progress update';
    const publicBefore = tree.progress.find(
      (p) => p.actionId === a14.id && p.periodId === period.id && !p.internal && p.deletedAt === null,
    )!;
    expect(publicBefore).toBeDefined();

    await actionRow(page, '1.4').click();
    const form = page.getByRole('complementary', { name: /Action 1\.4/ });
    await form.waitFor();
    if (tree.plan.currentPeriodId !== period.id)
      await form.getByRole('combobox', { name: 'Period' }).selectOption({ label: period.label });

    await app.screenshot('action-form-top-1366');
    // The public box holds the public update, not the newer internal note.
    const publicBox = form.getByLabel(`${column} for ${period.label}`, { exact: true });
    expect(await publicBox.inputValue()).toBe(publicBefore.body);
    const noteBox = form.getByLabel(`Internal note for ${period.label}`, { exact: true });
    expect(await noteBox.inputValue()).toBe(note.body);
    await expectText(form, 'Internal: not published');
    await expectText(form, 'Public: goes in the appendix');

    // "Add update" starts a new public update; the note is untouched.
    await form.getByRole('button', { name: '+ Add update' }).click();
    const fresh = form.getByLabel(`${column} for ${period.label}`, { exact: true });
    await expect.poll(() => fresh.inputValue()).toBe('');
    await fresh.fill('On track. Reporting timetable now met for March.');
    await fresh.blur();
    await waitSaved(page);
    tree = await app.call('plans:get', { planId });
    const added = tree.progress.find((p) => p.body === 'On track. Reporting timetable now met for March.')!;
    expect(added.internal).toBe(false);
    expect(tree.progress.find((p) => p.id === note.id)!.body).toBe(note.body);

    // The earlier public update stays editable, and its history shows the words that changed.
    await form.getByText(/earlier update in/).click();
    const earlier = form.getByLabel(`Earlier update 1 for ${period.label}`, { exact: true });
    expect(await earlier.inputValue()).toBe(publicBefore.body);
    await earlier.fill(publicBefore.body.replace('Some progress.', 'Good progress.'));
    await earlier.blur();
    await waitSaved(page);
    tree = await app.call('plans:get', { planId });
    expect(tree.progress.find((p) => p.id === publicBefore.id)!.body.startsWith('Good progress.')).toBe(true);
    await form.getByRole('button', { name: 'Changes to this update' }).last().click();
    const history = form.getByRole('list', { name: 'Changes to this update' });
    await history.locator('ins', { hasText: 'Good' }).waitFor();
    await history.locator('del', { hasText: 'Some' }).waitFor();
    await app.screenshot('action-updates-1366');

    // Delete an update, then Undo from the toast.
    await form.getByRole('button', { name: 'Remove this update' }).first().click();
    await waitSaved(page);
    tree = await app.call('plans:get', { planId });
    expect(tree.progress.find((p) => p.id === added.id && p.deletedAt === null)).toBeUndefined();
    await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
    await waitSaved(page);
    tree = await app.call('plans:get', { planId });
    expect(tree.progress.find((p) => p.id === added.id)?.deletedAt).toBeNull();
    expect(app.errors).toEqual([]);
  });

  it('compares the chosen period with the one before it, in the Overview and the export dialog', async () => {
    const { page } = app;
    const tree = await app.call('plans:get', { planId });
    const periods = tree.periods.filter((p) => p.deletedAt === null).sort((a, b) => a.position - b.position);
    const [, middle, newest] = periods;
    await openPlan(app, planId, 'overview');
    await page.getByLabel('Period', { exact: true }).selectOption({ label: newest!.label });
    await expect
      .poll(async () => page.getByLabel('Compare with', { exact: true }).locator('option:checked').textContent())
      .toBe(middle!.label);
    // The period itself is never offered.
    expect(await page.getByLabel('Compare with', { exact: true }).locator('option').allTextContents()).not.toContain(
      newest!.label,
    );
    await page.getByRole('button', { name: /Export appendix/ }).click();
    const dialog = page.getByRole('dialog', { name: /Export/ });
    await dialog.getByLabel('Reporting period').selectOption({ value: newest!.id });
    await expect.poll(async () => dialog.getByLabel('Compare with', { exact: true }).inputValue()).toBe(middle!.id);
    expect(await dialog.getByLabel('Compare with', { exact: true }).locator('option').allTextContents()).not.toContain(
      newest!.label,
    );
    await page.keyboard.press('Escape');
    await openPlan(app, planId, 'table');
  });

  it('filters the table to one lead’s actions, reading real lead cells', async () => {
    const { page } = app;
    await openPlan(app, planId, 'table');
    const tree = await app.call('plans:get', { planId });
    const led = tree.actions
      .filter((a) => a.deletedAt === null && !a.archived && a.leads.some((l) => /F Dunmore/.test(l.name)))
      .map((a) => a.reference);
    const bar = page.getByRole('group', { name: 'Filter actions' });
    await bar.getByLabel('Lead').selectOption({ value: 'F Dunmore' });
    await expectText(bar, `Showing ${led.length} of`);
    for (const ref of led) await actionRow(page, ref).waitFor();
    await app.screenshot('table-filter-1366');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await app.screenshot('table-filter-1920');
    await page.setViewportSize({ width: 1366, height: 768 });
    // A lead cell naming no person is offered under "Teams and bodies", with its count, and finds its actions.
    const team = tree.actions
      .filter(
        (a) =>
          a.deletedAt === null && !a.archived && a.leads.some((l) => l.name === 'Performance and Intelligence Team'),
      )
      .map((a) => a.reference);
    expect(team.length).toBeGreaterThan(0);
    const bodies = bar.getByLabel('Lead').locator('optgroup[label="Teams and bodies"] option');
    expect(await bodies.allTextContents()).toEqual([
      'Detective Inspector, Northmoor Police (1 action)',
      `Performance and Intelligence Team (${team.length} actions)`,
    ]);
    expect(await bar.getByLabel('Lead').locator('optgroup[label="People"] option').first().textContent()).toMatch(
      /^\S.* \(\d+ actions?(, not in People)?\)$/,
    );
    await bar.getByLabel('Lead').selectOption({ label: `Performance and Intelligence Team (${team.length} actions)` });
    await expectText(bar, `Showing ${team.length} of`);
    for (const ref of team) await actionRow(page, ref).waitFor();
    await expect.poll(() => page.locator('.pt-action-row').count()).toBe(team.length);
    // Linking it to a person is offered, as for a name nobody in People has.
    await bar.getByRole('button', { name: 'Link “Performance and Intelligence Team” to a person…' }).waitFor();
    await app.screenshot('table-filter-team-1366');
    await bar.getByRole('button', { name: 'Clear filters' }).click();
    await openPlan(app, planId, 'round');
    await app.screenshot('round-1366');
    await expectText(bar, 'Showing', { not: true });
  });

  it('looks right at 1920x1080', async () => {
    await app.page.setViewportSize({ width: 1920, height: 1080 });
    await app.screenshot('action-updates-1920');
    await app.page.setViewportSize({ width: 1366, height: 768 });
  });
});
