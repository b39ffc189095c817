/**
 * The end-to-end harness: the real renderer in Debian Chromium, wired to a real SQLite store through
 * the SAME dispatcher the Electron main process uses. Only the IPC transport differs: instead of the
 * preload's `ipcRenderer.invoke`, `window.planwright.invoke` calls a Playwright binding.
 *
 *   const app = await startApp({ seedSample: true });
 *   await app.page.getByRole('heading', { name: /Northmoor/ }).click();
 *   await app.screenshot('plan-open');
 *   await app.close();
 *
 * Chromium must be at /usr/bin/chromium (or $PLANWRIGHT_CHROMIUM); it is never downloaded.
 * Importing this also installs Playwright-style locator assertions (`await expect(locator).toHaveText(...)`,
 * toContainText, toHaveCount, toBeVisible, toBeHidden, toHaveValue, toHaveAttribute): see locator-matchers.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ensureSamplePlan, openStore, type Store } from '../../db';
import { createAppHandlers } from '../../electron/handlers';
import { headlessHost, type Host } from '../../electron/host';
import type { Channel, InputOf, OutputOf } from '../../shared/contract';
import { createDispatcher, typedInvoke, unwrapping, type HandlerContext } from '../../shared/dispatch';
import { events, type EventName, type EventPayload } from '../../shared/events';
import type { Result } from '../../shared/result';
import './locator-matchers';
import { ensureRendererBuild, ROOT, type RendererKind } from './renderer-build';
import { serveStatic } from './static-server';

export const CHROMIUM_PATH = process.env.PLANWRIGHT_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
export const SCREENSHOT_DIR = path.join(ROOT, 'test-results', 'screenshots');

export interface StartOptions {
  /** Create the built-in sample plan first, as the app does on its first run (default false). */
  seedSample?: boolean;
  /** Replace some host functions (save/open dialogs, shell); the rest cancel or do nothing. */
  host?: Partial<Host>;
  /** 'app' (default when renderer/ is present) or 'placeholder' (a tiny page that lists plans). */
  renderer?: RendererKind;
  /** Default 1366x768. */
  viewport?: { width: number; height: number };
  /** Runs against the store before the page loads (seed data through `call`). */
  beforeLoad?: (app: Pick<App, 'store' | 'call' | 'invoke'>) => Promise<void> | void;
  /** Actor name written to the audit log (default "E2E Tester"). */
  actor?: string;
  /** The main process's synced-folder warning for app:info (default none). */
  storeWarning?: string | null;
  /** Awaited after the dispatcher has answered a page's call, before the page gets the answer (hold one back). */
  holdAnswer?: (channel: unknown) => Promise<void> | void;
}

export interface App {
  page: Page;
  browser: Browser;
  context: BrowserContext;
  store: Store;
  /** The temporary folder holding the database (removed by close()). */
  dir: string;
  dbPath: string;
  /** Where the renderer is served. */
  url: string;
  /** The raw dispatcher with the page's context (what the page's invoke reaches). */
  dispatch: (channel: unknown, payload: unknown) => Promise<Result<unknown>>;
  /** Typed call through the dispatcher, answering the Result envelope. */
  invoke<C extends Channel>(channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>>;
  /** Typed call that throws on failure (for seeding data in tests). */
  call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>>;
  /** Push a main-process event to the page's `window.planwright.on` listeners. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): Promise<void>;
  /** Events the handlers emitted during the test, in order. */
  emitted: { event: EventName; payload: unknown }[];
  /** Console errors, uncaught page errors and unexpected dispatcher errors (assert it stays empty). */
  errors: string[];
  /** Save a PNG of the viewport to test-results/screenshots/<name>.png; answers its path. */
  screenshot(name: string, options?: { fullPage?: boolean }): Promise<string>;
  close(): Promise<void>;
}

/** Defines `window.planwright` in the page before any of its scripts run (mirrors the preload). */
function installBridge(): void {
  type Listener = (payload: unknown) => void;
  const listeners = new Map<string, Set<Listener>>();
  const w = window as unknown as {
    __planwrightInvoke: (channel: string, input: unknown) => Promise<unknown>;
    __planwrightEmit: (event: string, payload: unknown) => void;
    planwright: unknown;
  };
  const api = Object.freeze({
    invoke: (channel: string, input: unknown) => w.__planwrightInvoke(channel, input),
    on: (event: string, listener: Listener) => {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  });
  Object.defineProperty(window, '__planwrightEmit', {
    value: (event: string, payload: unknown) => {
      for (const listener of [...(listeners.get(event) ?? [])]) {
        try {
          listener(payload);
        } catch (error) {
          console.error(error);
        }
      }
    },
  });
  Object.defineProperty(window, 'planwright', { value: api, enumerable: true });
}

function requireChromium(): void {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM_PATH}. The end-to-end tests use the Debian package and never download a browser: ` +
        'install it with `apt-get install chromium` (bash .ci/run does this), or set PLANWRIGHT_CHROMIUM to another Chromium binary.',
    );
  }
}

export async function launchChromium(): Promise<Browser> {
  requireChromium();
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** Start the app: store in a temp folder, renderer served locally, Chromium page wired to the dispatcher. */
export async function startApp(opts: StartOptions = {}): Promise<App> {
  requireChromium();
  const rendererDir = await ensureRendererBuild(opts.renderer);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-e2e-'));
  const dbPath = path.join(dir, 'planwright.sqlite');
  const store = openStore(dbPath, { actor: opts.actor ?? 'E2E Tester' });
  const cleanups: (() => Promise<void> | void)[] = [
    () => fs.rmSync(dir, { recursive: true, force: true }),
    () => store.close(),
  ];
  const close = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch {
        // Keep closing the rest.
      }
    }
  };

  try {
    const errors: string[] = [];
    const emitted: App['emitted'] = [];
    let page: Page | null = null;
    const host: Host = { ...headlessHost, ...opts.host };
    const dispatcher = createDispatcher(createAppHandlers({ store, host, storeWarning: opts.storeWarning ?? null }), {
      validateOutput: true,
      onInternalError: (channel, error) =>
        errors.push(`dispatcher ${channel}: ${error instanceof Error ? error.message : String(error)}`),
    });
    const pushEvent = async (event: EventName, payload: unknown) => {
      if (page && !page.isClosed()) {
        await page.evaluate(
          ([e, p]) => (window as unknown as { __planwrightEmit(e: string, p: unknown): void }).__planwrightEmit(e, p),
          [event, payload] as const,
        );
      }
    };
    const ctx: HandlerContext = {
      actor: store.actor(),
      emit: (event, payload) => {
        const parsed = events[event].parse(payload);
        emitted.push({ event, payload: parsed });
        void pushEvent(event, parsed).catch(() => undefined);
      },
    };
    const dispatch = (channel: unknown, payload: unknown) =>
      dispatcher(channel, payload, { ...ctx, actor: store.actor() });
    const invoke = typedInvoke(dispatcher, () => ({ ...ctx, actor: store.actor() }));
    const call = unwrapping(
      invoke,
      (channel, error) => new Error(`${channel} failed: ${error.code}: ${error.message}`),
    );

    if (opts.seedSample) await ensureSamplePlan(store);
    await opts.beforeLoad?.({ store, call, invoke });

    const server = await serveStatic(rendererDir);
    cleanups.push(() => server.close());
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    const context = await browser.newContext({
      viewport: opts.viewport ?? { width: 1366, height: 768 },
      locale: 'en-GB',
      timezoneId: 'Europe/London',
    });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error')
        errors.push(`console: ${message.text()}${message.location().url ? ` (${message.location().url})` : ''}`);
    });
    page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
    await page.exposeBinding('__planwrightInvoke', async (_source, channel: unknown, payload: unknown) => {
      const result = await dispatch(channel, payload);
      await opts.holdAnswer?.(channel);
      return result;
    });
    await page.addInitScript(installBridge);
    await page.goto(server.url, { waitUntil: 'load' });

    const livePage = page;
    return {
      page: livePage,
      browser,
      context,
      store,
      dir,
      dbPath,
      url: server.url,
      dispatch,
      invoke,
      call,
      emit: async (event, payload) => pushEvent(event, events[event].parse(payload)),
      emitted,
      errors,
      async screenshot(name, options = {}) {
        fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
        const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
        await livePage.screenshot({ path: file, fullPage: options.fullPage ?? false });
        return file;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
