/**
 * Issue 10: the synced-folder banner in real Chromium at 1366x768: an alert named "Your plans are kept in a
 * synced folder" with the main process's words and the way out (File › Move plan store…), keyboard
 * reachable. Screenshot: test-results/screenshots/store-location-1366.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncedFolderWarning } from '../../shared/synced-folder';
import { startApp, type App } from './harness';

describe('the synced-folder banner (e2e)', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp({
      seedSample: true,
      storeWarning: syncedFolderWarning(
        'C:\\Users\\fdunmore\\OneDrive - Northmoor Council\\AppData\\Roaming\\Planwright\\planwright.sqlite',
      ),
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('with the damage banner as well, both take their own height and the library stays in view', async () => {
    const page = app.page;
    await page.getByRole('heading', { name: /plans/i }).first().waitFor();
    await page.getByRole('alert', { name: 'Your plans are kept in a synced folder' }).waitFor();
    await app.emit('store:integrity', {
      state: 'damaged',
      detail: 'row 3 missing',
      checkedAt: new Date().toISOString(),
    });
    await page.getByRole('alert').filter({ hasText: 'The plan store is damaged' }).waitFor();
    const banner = page.getByRole('alert', { name: 'Your plans are kept in a synced folder' });
    expect((await banner.boundingBox())!.height).toBeLessThan(260);
    const heading = (await page.getByRole('heading', { name: /plans/i }).first().boundingBox())!;
    expect(heading.y + heading.height).toBeLessThan(768);
    await app.screenshot('store-location-damaged-1366');
    await app.emit('store:integrity', { state: 'ok', detail: null, checkedAt: new Date().toISOString() });
  });

  it('says where the store is, why that is unsafe and how to move it; Hide for now by keyboard', async () => {
    const page = app.page;
    const banner = page.getByRole('alert', { name: 'Your plans are kept in a synced folder' });
    await banner.waitFor();
    const text = (await banner.textContent()) ?? '';
    expect(text).toContain('looks like it is inside a OneDrive folder');
    expect(text).toContain('To move it, choose File › Move plan store… in the menu bar');
    // The banner sits above the library and leaves it usable at 1366x768.
    await page.getByRole('heading', { name: /plans/i }).first().waitFor();
    await app.screenshot('store-location-1366');
    const box = (await banner.boundingBox())!;
    expect(box.height).toBeLessThan(260);
    expect(box.width).toBeLessThanOrEqual(1366);
    const hide = banner.getByRole('button', { name: 'Hide for now' });
    for (let i = 0; i < 40 && !(await hide.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press('Tab');
    expect(await hide.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await banner.waitFor({ state: 'detached' });
    expect(app.errors).toEqual([]);
  });
});
