/**
 * The harness itself: a page in Chromium reaches the real store through the shared dispatcher,
 * events reach page listeners, screenshots land in test-results/screenshots, close() cleans up.
 * Uses the placeholder page so it does not depend on the renderer's state; the real renderer is
 * exercised by the renderer engineers' e2e tests and by the smoke test below.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';
import { rendererAvailable } from './renderer-build';

describe('e2e harness (placeholder page)', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp({ seedSample: true, renderer: 'placeholder' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('loads the page, which lists the sample plan through window.planwright', async () => {
    await app.page.getByText('1 plan').waitFor();
    const plans = await app.call('plans:list', {});
    expect(plans).toHaveLength(1);
    await expect(app.page.locator('#plans li').first().textContent()).resolves.toBe(plans[0]!.title);
    expect(fs.existsSync(app.dbPath)).toBe(true);
  });

  it('round-trips invoke from the page through validation to the store', async () => {
    const created = await app.page.evaluate(() =>
      window.planwright.invoke('plans:create', { title: 'Made in the page', template: 'blank' }),
    );
    expect(created).toMatchObject({ ok: true, value: { title: 'Made in the page' } });
    const refused = await app.page.evaluate(() =>
      window.planwright.invoke('plans:create', { title: '   ', template: 'blank' }),
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const unknown = await app.page.evaluate(() =>
      (window.planwright.invoke as (c: string, i: unknown) => Promise<unknown>)('no:such', {}),
    );
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect((await app.call('plans:list', {})).map((p) => p.title)).toContain('Made in the page');
  });

  it('pushes events to listeners registered with window.planwright.on, and unsubscribes', async () => {
    await app.emit('menu:command', { command: 'newPlan' });
    await expect(app.page.locator('#status').textContent()).resolves.toBe('Menu: newPlan');
    const received = await app.page.evaluate(async () => {
      const seen: unknown[] = [];
      const off = window.planwright.on('menu:command', (p) => seen.push(p));
      (window as unknown as { __planwrightEmit(e: string, p: unknown): void }).__planwrightEmit('menu:command', {
        command: 'undo',
      });
      off();
      (window as unknown as { __planwrightEmit(e: string, p: unknown): void }).__planwrightEmit('menu:command', {
        command: 'redo',
      });
      return seen;
    });
    expect(received).toEqual([{ command: 'undo' }]);
    await expect(app.emit('menu:command', { command: 'nonsense' } as never)).rejects.toThrow();
  });

  it('cannot be replaced by page scripts', async () => {
    const replaced = await app.page.evaluate(() => {
      try {
        (window as unknown as { planwright: unknown }).planwright = null;
      } catch {
        // strict-mode pages throw; either way it must stay.
      }
      return typeof window.planwright?.invoke;
    });
    expect(replaced).toBe('function');
  });

  it('has auto-waiting locator assertions', async () => {
    const { page } = app;
    await page.reload();
    await expect(page.locator('#status')).toHaveText('2 plans');
    await page.evaluate(() =>
      setTimeout(() => (document.getElementById('status')!.textContent = '  Later   text '), 300),
    );
    await expect(page.locator('#status')).toHaveText('Later text');
    await expect(page.locator('#status')).toContainText(/later/i);
    await expect(page.locator('#status')).not.toContainText('Loading');
    await expect(page.locator('#plans li')).toHaveCount(2);
    await expect(page.locator('h1')).toBeVisible();
    await expect(page.locator('#nothing-here')).toBeHidden();
    await expect(page.locator('#plans li')).toContainText(['Made in the page', /Northmoor|Children/]);
    await expect(expect(page.locator('#status')).toHaveText('Never', { timeout: 300 })).rejects.toThrow(
      /to have text "Never".*it was "Later text"/,
    );
  });

  it('takes screenshots into test-results/screenshots', async () => {
    const file = await app.screenshot('harness placeholder');
    expect(file).toMatch(/test-results\/screenshots\/harness-placeholder\.png$/);
    expect(fs.statSync(file).size).toBeGreaterThan(1000);
    expect(app.errors).toEqual([]);
  });
});

describe('e2e harness lifecycle', () => {
  it('removes the temporary store on close and answers the host functions given', async () => {
    const app = await startApp({ renderer: 'placeholder', host: { chooseSavePath: async () => '/tmp/x.docx' } });
    await app.page.getByText('0 plans').waitFor();
    expect(await app.call('plans:list', {})).toEqual([]);
    const dir = app.dir;
    await app.close();
    expect(fs.existsSync(dir)).toBe(false);
    await app.close(); // twice is harmless
  });
});

describe.runIf(rendererAvailable())('e2e harness (real renderer)', () => {
  it('builds and serves the renderer, which starts without errors on the sample plan', async () => {
    const app = await startApp({ seedSample: true });
    try {
      await app.page.waitForLoadState('networkidle');
      await app.screenshot('harness-renderer-start');
      expect(await app.page.evaluate(() => typeof window.planwright.invoke)).toBe('function');
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
