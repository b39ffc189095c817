/**
 * The production Content-Security-Policy against the real renderer: the built renderer is served the way
 * the `app://` protocol serves it (`resolveAppFile`, `contentTypeFor`, the CSP header from `buildCsp()`),
 * opened in Debian Chromium with a store holding the sample plan behind `window.planwright`, and walked
 * through the library and a plan. Any CSP violation (a blocked script, style, font, image or connection)
 * fails the test, so the policy is proven strict AND workable. Skipped when Chromium is not installed.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ensureSamplePlan, openStore, type Store } from '../../db';
import { createAppHandlers } from '../../electron/handlers';
import { headlessHost } from '../../electron/host';
import { contentTypeFor, resolveAppFile } from '../../electron/main/app-protocol';
import { buildCsp } from '../../electron/main/csp';
import { createDispatcher } from '../../shared/dispatch';
import { CHROMIUM_PATH, launchChromium } from '../e2e/harness';
import { ensureRendererBuild, rendererAvailable } from '../e2e/renderer-build';

const canRun = fs.existsSync(CHROMIUM_PATH) && rendererAvailable();

/** Serves `root` like the app:// handler: same file resolution, content types and CSP header. */
function serveLikeAppProtocol(root: string, csp: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const file = resolveAppFile(root, req.url ?? '/');
    if (!file || !fs.existsSync(file)) {
      res.writeHead(404).end('Not found');
      return;
    }
    res.writeHead(200, { 'content-type': contentTypeFor(file), 'content-security-policy': csp });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

describe.skipIf(!canRun)('the production CSP with the real renderer', () => {
  let dir: string;
  let store: Store;
  let browser: Browser;
  let server: { url: string; close(): Promise<void> };
  let planId = '';

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-csp-'));
    store = openStore(path.join(dir, 'planwright.sqlite'), { actor: 'CSP Tester' });
    planId = ensureSamplePlan(store)!.id;
    server = await serveLikeAppProtocol(await ensureRendererBuild('app'), buildCsp());
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function openPage(): Promise<{ page: Page; violations: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-GB' });
    const page = await context.newPage();
    const violations: string[] = [];
    const dispatch = createDispatcher(createAppHandlers({ store, host: headlessHost }));
    await page.exposeBinding('__cspTestInvoke', (_source, channel: unknown, payload: unknown) =>
      dispatch(channel, payload, { actor: 'CSP Tester', emit: () => undefined }),
    );
    await page.exposeBinding('__cspViolation', (_source, text: string) => void violations.push(text));
    await page.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>;
      w.planwright = {
        invoke: (c: unknown, p: unknown) => (w.__cspTestInvoke as (c: unknown, p: unknown) => unknown)(c, p),
        on: () => () => undefined,
      };
      document.addEventListener('securitypolicyviolation', (e) => {
        void (w.__cspViolation as (t: string) => void)(
          `${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`,
        );
      });
    });
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(`console: ${m.text()}`);
    });
    return { page, violations };
  }

  it('sends the strict policy, and the library and every view of a plan render without a single violation', async () => {
    const { page, violations } = await openPage();
    const response = await page.goto(server.url, { waitUntil: 'load' });
    expect(response?.headers()['content-security-policy']).toBe(buildCsp());
    await page.getByTestId('plan-row').first().waitFor({ timeout: 30_000 });
    for (const tab of ['table', 'round', 'overview', 'settings']) {
      await page.evaluate((hash) => {
        window.location.hash = hash;
      }, `#/plan/${planId}/${tab}`);
      await page.getByRole('tablist', { name: 'Plan views' }).waitFor({ timeout: 30_000 });
      if (tab === 'table')
        await page.getByText('Leadership, Governance and Culture').first().waitFor({ timeout: 30_000 });
      await page.waitForTimeout(500);
    }
    expect(violations).toEqual([]);
  }, 120_000);

  it('the policy really blocks what it should: inline script and eval never run', async () => {
    const { page, violations } = await openPage();
    await page.goto(server.url, { waitUntil: 'load' });
    // Scripts added after load run as the page's own, outside Playwright's evaluation (which CSP exempts).
    const ran = await page.evaluate(
      () =>
        new Promise<{ inline: boolean; eval: boolean }>((resolve) => {
          const w = window as unknown as { __inlineRan?: boolean };
          const s = document.createElement('script');
          s.textContent = 'window.__inlineRan = true';
          document.head.appendChild(s);
          setTimeout(() => {
            let evalRan = false;
            try {
              evalRan = new Function('return true')() === true;
            } catch {
              evalRan = false;
            }
            resolve({ inline: w.__inlineRan === true, eval: evalRan });
          }, 0);
        }),
    );
    expect(ran).toEqual({ inline: false, eval: false });
    await expect.poll(() => violations.length).toBeGreaterThan(0);
  }, 60_000);
});
