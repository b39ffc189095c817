/**
 * Playwright-style, auto-waiting assertions on locators for vitest (playwright-core has no `expect`):
 *
 *   await expect(page.getByTestId('status')).toHaveText('Saved');
 *   await expect(row).toContainText(/Needs explanation/);
 *   await expect(row).not.toContainText('Draft');
 *   await expect(list.getByRole('listitem')).toHaveCount(2);
 *   await expect(dialog).toBeVisible();   // also toBeHidden, toHaveValue, toHaveAttribute
 *
 * Each retries until it holds (or, with `.not`, until it does not) for up to 5 s (`{ timeout }`).
 * Text is compared with whitespace collapsed, as Playwright does. Always `await` them.
 * Imported by harness.ts, so any test using the harness has them.
 */
import type { Locator } from 'playwright-core';
import { expect } from 'vitest';

type TextMatch = string | RegExp;
interface Wait {
  timeout?: number;
}

/**
 * What a locator assertion answers: a promise for a Locator (await it), nothing for anything else, so the
 * same-named jest-dom matchers on DOM elements (test/renderer) stay synchronous for no-floating-promises.
 */
type LocatorResult<T> = 0 extends 1 & T ? void : T extends Locator ? Promise<T> : void;

interface LocatorMatchers<T = unknown> {
  /** Full text of the one matched element (or of each element, given an array). */
  toHaveText(expected: TextMatch | TextMatch[], options?: Wait): LocatorResult<T>;
  /** The one matched element's text contains this (or each element's, given an array). */
  toContainText(expected: TextMatch | TextMatch[], options?: Wait): LocatorResult<T>;
  toHaveCount(count: number, options?: Wait): LocatorResult<T>;
  toBeVisible(options?: Wait): LocatorResult<T>;
  toBeHidden(options?: Wait): LocatorResult<T>;
  toHaveValue(expected: TextMatch, options?: Wait): LocatorResult<T>;
  toHaveAttribute(name: string, expected?: TextMatch, options?: Wait): LocatorResult<T>;
}

declare module 'vitest' {
  // Must repeat vitest's own declaration exactly (`T = any`) to merge with it.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-explicit-any
  interface Matchers<T = any> extends LocatorMatchers<T> {}
}

const DEFAULT_TIMEOUT = 5_000;
const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();
const show = (m: TextMatch) => (typeof m === 'string' ? JSON.stringify(m) : String(m));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function matches(actual: string, expected: TextMatch, contain: boolean): boolean {
  const text = normalise(actual);
  if (typeof expected !== 'string') return expected.test(text);
  return contain ? text.includes(normalise(expected)) : text === normalise(expected);
}

function isLocator(value: unknown): value is Locator {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Locator).evaluateAll === 'function' &&
    typeof (value as Locator).waitFor === 'function'
  );
}

/** Polls `check` until its verdict is `want` or time runs out; answers the last verdict and detail. */
async function poll(check: () => Promise<{ pass: boolean; actual: string }>, want: boolean, timeout: number) {
  const deadline = Date.now() + timeout;
  for (;;) {
    let result: { pass: boolean; actual: string };
    try {
      result = await check();
    } catch (error) {
      result = {
        pass: false,
        actual: `error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      };
    }
    if (result.pass === want || Date.now() >= deadline) return result;
    await sleep(100);
  }
}

const texts = (locator: Locator) => locator.evaluateAll((els) => els.map((el) => el.textContent ?? ''));

function textCheck(locator: Locator, expected: TextMatch | TextMatch[], contain: boolean) {
  return async () => {
    const actual = await texts(locator);
    const shown =
      actual.length === 1
        ? JSON.stringify(normalise(actual[0]!))
        : `${actual.length} elements ${JSON.stringify(actual.map(normalise))}`;
    if (Array.isArray(expected)) {
      return {
        pass: actual.length === expected.length && expected.every((e, i) => matches(actual[i]!, e, contain)),
        actual: shown,
      };
    }
    return { pass: actual.length === 1 && matches(actual[0]!, expected, contain), actual: shown };
  };
}

type Ctx = { isNot: boolean };

async function run(
  ctx: Ctx,
  received: unknown,
  name: string,
  what: string,
  check: () => Promise<{ pass: boolean; actual: string }>,
  timeout = DEFAULT_TIMEOUT,
) {
  if (!isLocator(received)) return { pass: false, message: () => `${name} needs a Playwright Locator` };
  const result = await poll(check, !ctx.isNot, timeout);
  return {
    pass: result.pass,
    message: () =>
      `expected ${received.toString()} ${ctx.isNot ? 'not ' : ''}${what} (waited up to ${timeout} ms); it was ${result.actual}`,
  };
}

expect.extend({
  async toHaveText(this: Ctx, received: Locator, expected: TextMatch | TextMatch[], options: Wait = {}) {
    const what = `to have text ${Array.isArray(expected) ? `[${expected.map(show).join(', ')}]` : show(expected)}`;
    return run(this, received, 'toHaveText', what, textCheck(received, expected, false), options.timeout);
  },
  async toContainText(this: Ctx, received: Locator, expected: TextMatch | TextMatch[], options: Wait = {}) {
    const what = `to contain text ${Array.isArray(expected) ? `[${expected.map(show).join(', ')}]` : show(expected)}`;
    return run(this, received, 'toContainText', what, textCheck(received, expected, true), options.timeout);
  },
  async toHaveCount(this: Ctx, received: Locator, count: number, options: Wait = {}) {
    return run(
      this,
      received,
      'toHaveCount',
      `to match ${count} element(s)`,
      async () => {
        const n = await received.count();
        return { pass: n === count, actual: `${n}` };
      },
      options.timeout,
    );
  },
  async toBeVisible(this: Ctx, received: Locator, options: Wait = {}) {
    return run(
      this,
      received,
      'toBeVisible',
      'to be visible',
      async () => {
        const visible = await received.isVisible();
        return { pass: visible, actual: visible ? 'visible' : 'hidden or missing' };
      },
      options.timeout,
    );
  },
  async toBeHidden(this: Ctx, received: Locator, options: Wait = {}) {
    return run(
      this,
      received,
      'toBeHidden',
      'to be hidden',
      async () => {
        const visible = await received.isVisible();
        return { pass: !visible, actual: visible ? 'visible' : 'hidden or missing' };
      },
      options.timeout,
    );
  },
  async toHaveValue(this: Ctx, received: Locator, expected: TextMatch, options: Wait = {}) {
    return run(
      this,
      received,
      'toHaveValue',
      `to have value ${show(expected)}`,
      async () => {
        const value = await received.inputValue({ timeout: 1_000 });
        return {
          pass: typeof expected === 'string' ? value === expected : expected.test(value),
          actual: JSON.stringify(value),
        };
      },
      options.timeout,
    );
  },
  async toHaveAttribute(this: Ctx, received: Locator, name: string, expected?: TextMatch, options: Wait = {}) {
    const what = expected === undefined ? `to have attribute ${name}` : `to have ${name}=${show(expected)}`;
    return run(
      this,
      received,
      'toHaveAttribute',
      what,
      async () => {
        const value = await received.getAttribute(name, { timeout: 1_000 });
        const pass =
          value !== null &&
          (expected === undefined || (typeof expected === 'string' ? value === expected : expected.test(value)));
        return { pass, actual: value === null ? 'absent' : JSON.stringify(value) };
      },
      options.timeout,
    );
  },
});
