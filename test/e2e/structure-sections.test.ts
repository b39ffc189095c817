/**
 * End to end, sections (themes): reorder with the move buttons, Alt+arrows and dragging, references
 * renumber with them, a number typed by hand is kept (and a blank one goes back to automatic), archive hides a theme until "Show archived", delete asks first, and undo / redo put each back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { actionRow, expectCount, expectText, waitSaved } from './editor-helpers';
import { startSeededApp } from './seeded-app';

let app: App;
let planId = '';

beforeAll(async () => {
  ({ app, planId } = await startSeededApp());
});

afterAll(async () => {
  await app?.close();
});

const themeRow = (n: number, title: string) => app.page.getByRole('row', { name: `Theme ${n}: ${title}` });
const liveSections = async () => (await app.call('plans:get', { planId })).sections.filter((s) => s.deletedAt === null);

describe('sections', () => {
  it('moves a theme up with its button, renumbering its actions, and undo moves it back', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Move theme 2 up' }).click();
    await waitSaved(page);
    await themeRow(1, 'Children who go missing').waitFor();
    await expectText(actionRow(page, '1.1'), 'Offer a return home interview');
    await expectText(actionRow(page, '2.1'), 'Monthly audit of supervision records');

    await page.locator('body').click({ position: { x: 5, y: 740 } });
    await page.keyboard.press('Control+z');
    await themeRow(1, 'Leadership and management').waitFor();
    await expectText(actionRow(page, '1.1'), 'Monthly audit of supervision records');
    await page.keyboard.press('Control+Shift+z');
    await themeRow(1, 'Children who go missing').waitFor();
    await page.keyboard.press('Control+z');
    await themeRow(1, 'Leadership and management').waitFor();
    await waitSaved(page);
    expect((await liveSections()).sort((a, b) => a.position - b.position).map((s) => s.title)).toEqual([
      'Leadership and management',
      'Children who go missing',
    ]);
  });

  it('moves a theme with Alt+Down from its row', async () => {
    const { page } = app;
    await themeRow(1, 'Leadership and management').focus();
    await page.keyboard.press('Alt+ArrowDown');
    await themeRow(2, 'Leadership and management').waitFor();
    await waitSaved(page);
    await page.getByRole('banner').getByRole('button', { name: /Undo/ }).click();
    await themeRow(1, 'Leadership and management').waitFor();
    await waitSaved(page);
  });

  it('reorders themes by dragging one header onto another, and undo puts them back', async () => {
    const { page } = app;
    await themeRow(2, 'Children who go missing').dragTo(themeRow(1, 'Leadership and management'));
    await waitSaved(page);
    await themeRow(1, 'Children who go missing').waitFor();
    await page.getByRole('banner').getByRole('button', { name: /Undo/ }).click();
    await themeRow(1, 'Leadership and management').waitFor();
    await waitSaved(page);
  });

  it('edits a theme’s title and keeps a number typed by hand ("7 (14)")', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Edit theme 2' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit theme 2' });
    await dialog.getByLabel('Title').fill('Children missing from home, care or education');
    await dialog.getByLabel('Number').fill('7 (14)');
    await dialog.getByRole('button', { name: /Save/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await waitSaved(page);
    await page.getByRole('row', { name: /^Theme 7 \(14\): Children missing from home, care or education/ }).waitFor();
    // References take the number before the old one in brackets.
    await expectText(actionRow(page, '7.1'), 'Offer a return home interview');
    expect((await liveSections()).find((s) => s.number === '7 (14)')?.numberManual).toBe(true);

    // A blank number goes back to automatic numbering.
    await page.getByRole('button', { name: 'Edit theme 7 (14)' }).click();
    const again = page.getByRole('dialog', { name: 'Edit theme 7 (14)' });
    await again.getByLabel('Title').fill('Children who go missing');
    await again.getByLabel('Number').fill('');
    await again.getByRole('button', { name: /Save/ }).click();
    await again.waitFor({ state: 'hidden' });
    await waitSaved(page);
    await themeRow(2, 'Children who go missing').waitFor();
    await expectText(actionRow(page, '2.1'), 'Offer a return home interview');
    expect((await liveSections()).every((s) => !s.numberManual)).toBe(true);
  });

  it('archives a theme: hidden unless "Show archived" is ticked, and undo brings it back', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Archive theme 2' }).click();
    await waitSaved(page);
    await expectCount(page.getByRole('row', { name: /^Theme 2: Children who go missing/ }), 0);
    await expectCount(page.getByRole('row', { name: /^Action 2\.\d$/ }), 0);
    await page.getByLabel('Show archived').check();
    await expectText(page.getByRole('row', { name: /^Theme 2: Children who go missing/ }), 'Archived');
    await page.getByLabel('Show archived').uncheck();
    await page.getByRole('banner').getByRole('button', { name: /Undo/ }).click();
    await waitSaved(page);
    await themeRow(2, 'Children who go missing').waitFor();
    expect((await liveSections()).every((s) => !s.archived)).toBe(true);
  });

  it('deletes a theme with its actions only after confirming, and Ctrl+Z restores both', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Delete theme 2' }).click();
    const confirm = page
      .getByRole('dialog', { name: 'Delete theme 2?' })
      .or(page.getByRole('alertdialog', { name: 'Delete theme 2?' }));
    await expectText(confirm, '“Children who go missing” and its 3 actions will be deleted');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await themeRow(2, 'Children who go missing').waitFor();

    await page.getByRole('button', { name: 'Delete theme 2' }).click();
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await waitSaved(page);
    await expectCount(page.getByRole('row', { name: /^Theme 2/ }), 0);
    expect((await liveSections()).map((s) => s.title)).toEqual(['Leadership and management']);

    await page.locator('body').click({ position: { x: 5, y: 740 } });
    await page.keyboard.press('Control+z');
    await themeRow(2, 'Children who go missing').waitFor();
    await expectCount(page.getByRole('row', { name: /^Action 2\.\d$/ }), 3);
    await waitSaved(page);
    expect((await liveSections()).length).toBe(2);
    await app.screenshot('structure-sections-restored');
    expect(app.errors).toEqual([]);
  });
});
