/**
 * Issue 11 point 3, end to end on the sample plan: lead text that names nobody in People ("F Dunmore") is
 * offered as "Link 'F Dunmore' to a person…"; linking it to Frances Hale (as another name of hers) makes
 * the Lead filter find her actions by either name, and the update round's "Whose actions" list her.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';
import { expectText, openPlan } from './editor-helpers';

let app: App;
let planId = '';

beforeAll(async () => {
  app = await startApp({
    seedSample: true,
    beforeLoad: async ({ call }) => {
      await call('people:upsert', { name: 'Frances Hale', jobTitle: 'Head of Early Help' });
    },
  });
  planId = (await app.call('plans:list', {}))[0]!.id;
  await openPlan(app, planId, 'table');
});

afterAll(async () => {
  await app?.close();
});

describe('link a lead name to a person', () => {
  it('offers unmatched lead text, links it as an alias, then the filter finds the actions', async () => {
    const { page } = app;
    const tree = await app.call('plans:get', { planId });
    const dunmore = tree.actions.filter((a) => a.deletedAt === null && a.leads.some((l) => /Dunmore/.test(l.name)));
    expect(dunmore.length).toBeGreaterThan(0);
    const total = tree.actions.filter((a) => a.deletedAt === null && !a.archived).length;

    const bar = page.getByRole('group', { name: 'Filter actions' });
    const lead = bar.getByRole('combobox', { name: 'Lead' });
    await lead.selectOption({ label: `F Dunmore (${dunmore.length} actions, not in People)` });
    const status = bar.getByRole('status');
    await expectText(status, `Showing ${dunmore.length} of ${total} actions`);
    const link = bar.getByRole('button', { name: 'Link “F Dunmore” to a person…' });
    await link.focus();
    await page.keyboard.press('Enter');

    const dialog = page.getByRole('dialog', { name: 'Link “F Dunmore” to a person' });
    await dialog.waitFor();
    await app.screenshot('people-link-dialog-1366');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await app.screenshot('people-link-dialog-1920');
    await page.setViewportSize({ width: 1366, height: 768 });

    // Linking with nobody chosen says so and writes nothing.
    await dialog.getByRole('button', { name: 'Link name' }).click();
    await expectText(dialog, 'Choose the person this name stands for.');
    expect((await app.call('people:list', {}))[0]!.aliases).toEqual([]);

    await dialog.getByRole('combobox', { name: 'Person' }).selectOption({ label: 'Frances Hale, Head of Early Help' });
    await dialog.getByRole('button', { name: 'Link name' }).click();
    await dialog.waitFor({ state: 'detached' });

    const people = await app.call('people:list', {});
    expect(people.map((p) => [p.name, p.aliases])).toEqual([['Frances Hale', ['F Dunmore']]]);
    // The filter now names the person and still finds every action written "Service Lead F Dunmore".
    await expect.poll(() => lead.inputValue()).toBe('Frances Hale');
    await expectText(status, `Showing ${dunmore.length} of ${total} actions`);
    expect(await lead.locator('option', { hasText: 'F Dunmore' }).count()).toBe(0);
    await expect.poll(() => bar.getByRole('button', { name: /^Link “/ }).count()).toBe(0);
    await app.screenshot('people-link-filtered-1366');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await app.screenshot('people-link-filtered-1920');
    await page.setViewportSize({ width: 1366, height: 768 });

    // The update round lists her by name and opens on her actions.
    await openPlan(app, planId, 'round');
    const whose = page.getByRole('combobox', { name: 'Whose actions' });
    await whose.selectOption({ label: 'Frances Hale' });
    await expectText(page.getByTestId('round-counter'), `of ${dunmore.length} done`);
    expect(app.errors).toEqual([]);
  });

  it('shows and edits a person’s other names in People', async () => {
    const { page } = app;
    await openPlan(app, planId, 'settings');
    await page.getByRole('tab', { name: /People/ }).click();
    const names = page.getByLabel('Other names of Frances Hale, separated by semicolons');
    await expect.poll(() => names.inputValue()).toBe('F Dunmore');
    await names.fill('F Dunmore; Head of Early Help');
    await names.blur();
    await expect
      .poll(async () => (await app.call('people:list', {}))[0]!.aliases)
      .toEqual(['F Dunmore', 'Head of Early Help']);
    await app.screenshot('people-aliases-1366');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await app.screenshot('people-aliases-1920');
    await page.setViewportSize({ width: 1366, height: 768 });
    expect(app.errors).toEqual([]);
  });
});
