/** End to end: undo and redo a delete, a move and a field edit (Ctrl+Z / Ctrl+Shift+Z and the buttons). */
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

const liveActions = async () => (await app.call('plans:get', { planId })).actions.filter((a) => a.deletedAt === null);

describe('undo and redo', () => {
  it('undoes a delete with Ctrl+Z and redoes it with Ctrl+Shift+Z', async () => {
    const { page } = app;
    await actionRow(page, '2.2').focus();
    await page.keyboard.press('Delete');
    await waitSaved(page);
    await expectCount(page.getByRole('row', { name: /^Action 2\.\d$/ }), 2);
    await expectText(page.getByRole('status').filter({ hasText: 'Deleted action 2.2' }), 'Deleted action 2.2');
    expect((await liveActions()).some((a) => a.description.startsWith('Publish the missing children protocol'))).toBe(
      false,
    );
    await app.screenshot('undo-after-delete');

    await page.locator('body').click({ position: { x: 5, y: 700 } });
    await page.keyboard.press('Control+z');
    await expectCount(page.getByRole('row', { name: /^Action 2\.\d$/ }), 3);
    await expectText(actionRow(page, '2.2'), 'Publish the missing children protocol');
    expect((await liveActions()).some((a) => a.description.startsWith('Publish the missing children protocol'))).toBe(
      true,
    );
    // Its ratings and progress come back with it.
    const tree = await app.call('plans:get', { planId });
    const restored = tree.actions.find((a) => a.reference === '2.2')!;
    expect(tree.progress.some((p) => p.actionId === restored.id && p.body.startsWith('Completed.'))).toBe(true);

    await page.keyboard.press('Control+Shift+z');
    await expectCount(page.getByRole('row', { name: /^Action 2\.\d$/ }), 2);
    await page.getByRole('banner').getByRole('button', { name: /Undo/ }).click();
    await expectCount(page.getByRole('row', { name: /^Action 2\.\d$/ }), 3);
  });

  it('undoes a keyboard move (Alt+Down) back to where it was', async () => {
    const { page } = app;
    await actionRow(page, '1.1').focus();
    await page.keyboard.press('Alt+ArrowDown');
    await waitSaved(page);
    await expectText(actionRow(page, '1.2'), 'Monthly audit of supervision records');
    await page.getByRole('banner').getByRole('button', { name: /Undo/ }).click();
    await expectText(actionRow(page, '1.1'), 'Monthly audit of supervision records');
    await expectText(actionRow(page, '1.2'), 'Quarterly performance clinics');
  });

  it('undoes a field edit to the previous value', async () => {
    const { page } = app;
    await actionRow(page, '2.3').click();
    const form = page.getByRole('complementary', { name: /Action 2\.3/ });
    const field = form.getByLabel('Outcome');
    await field.fill('Every carer trained by September');
    await field.blur();
    await waitSaved(page);
    expect((await liveActions()).find((a) => a.reference === '2.3')?.outcome).toBe('Every carer trained by September');
    await page.getByRole('banner').getByRole('button', { name: /Undo/ }).click();
    await expect.poll(async () => (await liveActions()).find((a) => a.reference === '2.3')?.outcome).toBe('');
    await expect.poll(() => field.inputValue()).toBe('');
    await page.getByRole('banner').getByRole('button', { name: /Redo/ }).click();
    await expect.poll(() => field.inputValue()).toBe('Every carer trained by September');
    expect(app.errors).toEqual([]);
  });
});
