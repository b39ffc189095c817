/**
 * Issue 11.6: the action form puts this period's rating and update on the first screen, at 1366x768 and
 * 1920x1080, even when the rating needs an explanation (sample action 1.1 rated Red, nothing explained yet).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';
import { actionRow, openPlan } from './editor-helpers';

let app: App | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('the action form’s first screen', () => {
  for (const viewport of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    it(`shows the rating, its explanation and the update at ${viewport.width}x${viewport.height}`, async () => {
      app = await startApp({ seedSample: true, viewport });
      const planId = (await app.call('plans:list', {}))[0]!.id;
      await openPlan(app, planId, 'table');
      const { page } = app;
      await actionRow(page, '1.1').click();
      const form = page.getByRole('complementary', { name: /Action 1\.1/ });
      await form.getByRole('radio', { name: /Red/ }).check();
      await form.getByTestId('explanation-block').waitFor();
      await page.evaluate(() => document.querySelector('.action-panel')?.scrollTo(0, 0));
      await app.screenshot(`action-form-fold-${viewport.width}`);
      // Wholly on screen; a long update (its box grows with its text) at least its first three lines.
      const onScreen = async (selector: string, visiblePx?: number) => {
        const box = await form.locator(selector).first().boundingBox();
        expect(box, selector).not.toBeNull();
        expect(box!.y, selector).toBeGreaterThanOrEqual(0);
        expect(box!.y + (visiblePx ?? box!.height), selector).toBeLessThanOrEqual(viewport.height);
      };
      await onScreen('.rating-options');
      await onScreen('[data-testid="explanation-block"] textarea');
      await onScreen('.progress-text', 60);
    });
  }
});
