/**
 * Acceptance review of the plan editor in real Chromium against a real store: every control on the main
 * screens has an accessible name (read from Chromium's own accessibility tree), the main form controls are
 * reachable by role and name, the editor works from the keyboard alone with a visible focus ring, and the
 * action form shows deferral history, linked recommendations, the earlier-periods timeline and internal notes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { App } from './harness';
import { actionRow, expectText, openPlan, waitSaved } from './editor-helpers';
import { startSeededApp } from './seeded-app';

let app: App;
let planId = '';

beforeAll(async () => {
  ({ app, planId } = await startSeededApp(null));
});

afterAll(async () => {
  await app?.close();
});

const CONTROL_ROLES = new Set([
  'textbox',
  'searchbox',
  'combobox',
  'listbox',
  'checkbox',
  'radio',
  'button',
  'spinbutton',
  'slider',
  'switch',
  'tab',
  'link',
  'menuitem',
  'option',
]);

/** Controls in Chromium's accessibility tree that a screen reader would announce without a name. */
async function unnamedControls(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: { ignored: boolean; role?: { value: string }; name?: { value: string }; backendDOMNodeId?: number }[];
    };
    const bad: string[] = [];
    for (const n of nodes) {
      if (n.ignored || !CONTROL_ROLES.has(n.role?.value ?? '') || String(n.name?.value ?? '').trim() !== '') continue;
      const d = (await cdp.send('DOM.describeNode', { backendNodeId: n.backendDOMNodeId })) as {
        node: { nodeName: string; attributes?: string[] };
      };
      bad.push(`${n.role?.value} <${d.node.nodeName.toLowerCase()} ${(d.node.attributes ?? []).join(' ')}>`);
    }
    return bad;
  } finally {
    await cdp.detach();
  }
}

/** The focused element's tag and whether it shows a focus ring (outline or box-shadow). */
async function focusState(page: Page): Promise<{ tag: string; label: string; ring: boolean }> {
  return page.evaluate(() => {
    const e = document.activeElement as HTMLElement | null;
    if (!e || e === document.body) return { tag: 'body', label: '', ring: false };
    const cs = getComputedStyle(e);
    const ring = (cs.outlineStyle !== 'none' && cs.outlineWidth !== '0px') || cs.boxShadow !== 'none';
    return {
      tag: e.tagName.toLowerCase(),
      label: e.getAttribute('aria-label') ?? e.textContent?.trim().slice(0, 60) ?? '',
      ring,
    };
  });
}

describe('screen-reader labels', () => {
  it('names every control on the library, create dialog, table, action form, round, overview and settings', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: 'Plans', exact: true }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);

    await page.getByRole('button', { name: /New plan/ }).click();
    const dialog = page.getByRole('dialog', { name: 'New plan' });
    await dialog.waitFor();
    for (const name of ['Title (required)', 'Organisation', 'Service', 'Plan period'])
      await dialog.getByRole('textbox', { name }).waitFor();
    await dialog.getByRole('combobox', { name: 'Rating scale' }).waitFor();
    await dialog.getByRole('radio', { name: /Inspection action plan/ }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await openPlan(app, planId, 'table');
    await actionRow(page, '1.1').click();
    const form = page.getByRole('complementary', { name: /Action 1\.1/ });
    await form.waitFor();
    for (const name of ['Action', 'Outcome', 'By When', 'Reference', 'Internal notes'])
      await form.getByRole('textbox', { name, exact: true }).waitFor();
    await form.getByRole('textbox', { name: 'Progress for March 2020' }).waitFor();
    await form.getByRole('textbox', { name: /^Explanation \(why is it Amber\?\)/ }).waitFor();
    await form.getByRole('textbox', { name: /^Corrective action/ }).waitFor();
    await form
      .getByRole('combobox', { name: /Add a lead/ })
      .or(form.getByRole('textbox', { name: /Add a lead/ }))
      .waitFor();
    await form.getByRole('combobox', { name: 'Period' }).waitFor();
    for (const level of ['Red', 'Amber', 'Green', 'Blue', 'Not rated'])
      await form
        .getByRole('radio', { name: new RegExp(`^\\S?\\s*${level}`) })
        .first()
        .waitFor();
    await form.getByRole('button', { name: /Add internal note/ }).waitFor();
    await form.getByRole('checkbox', { name: /Ofsted 1/ }).waitFor();
    await form.getByRole('button', { name: 'Close the action form (Escape)' }).waitFor();
    await page
      .getByRole('banner')
      .getByRole('searchbox')
      .or(page.getByRole('banner').getByRole('textbox', { name: /Search/ }))
      .waitFor();
    expect(await unnamedControls(page)).toEqual([]);

    await openPlan(app, planId, 'round');
    await page.getByRole('combobox', { name: 'Whose actions' }).waitFor();
    await page.getByRole('checkbox', { name: 'Show actions already done' }).waitFor();
    await page.getByRole('textbox', { name: /Progress for March 2020/ }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);

    await openPlan(app, planId, 'overview');
    await page.getByRole('combobox', { name: 'Period', exact: true }).waitFor();
    await page.getByRole('combobox', { name: 'Compare with' }).waitFor();
    await page.getByRole('img', { name: /Ratings by period/ }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);

    await openPlan(app, planId, 'settings');
    for (const tab of ['Details', 'Rating scale', 'Columns', 'Reporting periods', 'Recommendations', 'People']) {
      await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
      await expect
        .poll(() => page.getByRole('tab', { name: new RegExp(`^${tab}`) }).getAttribute('aria-selected'))
        .toBe('true');
      expect({ tab, unnamed: await unnamedControls(page) }).toEqual({ tab, unnamed: [] });
    }
    expect(app.errors).toEqual([]);
  });
});

describe('keyboard only', () => {
  it('moves through the table, opens and closes the form, searches and jumps, with a visible focus ring throughout', async () => {
    const { page } = app;
    await openPlan(app, planId, 'table');
    await actionRow(page, '1.1').focus();
    expect((await focusState(page)).ring).toBe(true);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Action 1.2');
    expect((await focusState(page)).ring).toBe(true);
    await page.keyboard.press('Enter');
    const form = page.getByRole('complementary', { name: /Action 1\.2/ });
    await form.waitFor();
    // Tab moves into the form; each stop shows a focus ring.
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      const f = await focusState(page);
      expect({ i, ...f, ring: f.ring }).toMatchObject({ ring: true });
    }
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'hidden' });
    // The focus goes back to the row the form belonged to.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Action 1.2');

    // Ctrl+K reaches the search; Enter searches; arrows and Enter jump to the row and open it.
    await page.keyboard.press('Control+k');
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type))
      .toBe('search');
    await page.keyboard.type('protocol');
    await page.keyboard.press('Enter');
    const results = page
      .getByRole('region', { name: /Results for/ })
      .or(page.getByRole('dialog', { name: /Results for/ }));
    await expectText(results, '2 matches');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('complementary', { name: /Action 2\.2/ }).waitFor();
    await page.keyboard.press('Escape');

    // Escape closes the search results without jumping.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('supervision');
    await page.keyboard.press('Enter');
    await expectText(results, 'match');
    await page.keyboard.press('Escape');
    await results.waitFor({ state: 'hidden' });

    // The workspace tabs follow the arrow keys.
    await page.getByRole('tab', { name: 'Plan table' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByRole('tab', { name: 'Update round' }).getAttribute('aria-selected')).toBe('true');
    expect((await focusState(page)).ring).toBe(true);
    await page.keyboard.press('End');
    await expect.poll(() => page.getByRole('tab', { name: 'Settings' }).getAttribute('aria-selected')).toBe('true');
    expect(app.errors).toEqual([]);
  });
});

describe('keyboard only: the update round', () => {
  it('keeps the focus on the next item (J) or the next action’s heading (Alt+N), never dropping it', async () => {
    const { page } = app;
    await openPlan(app, planId, 'round');
    const items = page.getByRole('list', { name: 'Actions in this round' }).getByRole('button');
    await items.first().focus();
    await page.keyboard.press('j');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.className ?? ''))
      .toContain('round-item selected');
    expect((await focusState(page)).ring).toBe(true);
    await page.keyboard.press('k');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-id')))
      .toBe(await items.first().getAttribute('data-id'));

    // From inside the progress field, Alt+N lands on the next action's heading, announced by name.
    await page.getByLabel(/Progress for March 2020/).focus();
    await page.keyboard.press('Alt+n');
    await expect
      .poll(() =>
        page.evaluate(() => `${document.activeElement?.tagName} ${document.activeElement?.textContent ?? ''}`),
      )
      .toMatch(/^H2 Action \d+\.\d+/);
    const selectedRef = (await page.locator('.round-item.selected strong').textContent())!.trim();
    expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toContain(selectedRef);
    // Tab then continues into that action's form.
    await page.keyboard.press('Tab');
    expect((await focusState(page)).tag).not.toBe('body');

    // Previous keeps the focus on itself while there is somewhere to go.
    await page.getByRole('button', { name: '← Previous' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName ?? '')).not.toBe('BODY');
    expect(app.errors).toEqual([]);
  });
});

describe('the action form in full', () => {
  it('keeps deferral history, links recommendations, shows earlier periods and marks internal notes', async () => {
    const { page } = app;
    await openPlan(app, planId, 'table');
    await actionRow(page, '1.1').click();
    const form = page.getByRole('complementary', { name: /Action 1\.1/ });
    await form.waitFor();

    // Earlier periods: January's Red rating (with its label, not colour alone) and its update.
    const earlier = form.getByRole('heading', { name: 'Earlier periods' }).locator('..');
    await expectText(earlier, 'January 2020');
    await expectText(earlier, 'Red');
    await expectText(earlier, 'Audit tool drafted with the principal social worker.');

    // A slipped date keeps the old one as deferral history.
    await form.getByLabel('By When', { exact: true }).fill('June 2020');
    await form.getByLabel('By When', { exact: true }).blur();
    await waitSaved(page);
    await expectText(form, 'Deferral history');
    await expectText(form, 'Was “March 2019” until');
    await expectText(
      form,
      /Was “March 2019” until \d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/,
    );
    let tree = await app.call('plans:get', { planId });
    let action = tree.actions.find((a) => a.reference === '1.1')!;
    expect(action.dueText).toBe('June 2020');

    // Linked recommendations: tick Ofsted 2, which nothing answered before.
    // The box follows the store (no optimistic tick), so click and wait for it rather than check().
    await form.getByRole('checkbox', { name: /Ofsted 2/ }).click();
    await expect.poll(() => form.getByRole('checkbox', { name: /Ofsted 2/ }).isChecked()).toBe(true);
    await waitSaved(page);
    tree = await app.call('plans:get', { planId });
    action = tree.actions.find((a) => a.reference === '1.1')!;
    const ofsted2 = tree.recommendations.find((r) => r.label === 'Ofsted 2')!;
    expect(action.recommendationIds).toContain(ofsted2.id);

    // An internal progress note has its own control and box, visibly marked as not published.
    await form.getByRole('button', { name: /Add internal note/ }).click();
    await form.getByLabel('Internal note for March 2020').fill('Asked John Cooke for the audit figures.');
    await form.getByLabel('Internal note for March 2020').blur();
    await waitSaved(page);
    await expectText(form, 'Internal: not published');
    tree = await app.call('plans:get', { planId });
    const note = tree.progress.find((p) => p.body === 'Asked John Cooke for the audit figures.');
    expect(note?.internal).toBe(true);
    await app.screenshot('review-action-form');
    expect(app.errors).toEqual([]);
  });
});

describe('the overview, as a council officer reads it', () => {
  it('says when nothing is compared, draws the chart with shapes and counts on whole-number gridlines, and describes unexplained ratings', async () => {
    const { page } = app;
    const tree = await app.call('plans:get', { planId });
    const a23 = tree.actions.find((a) => a.reference === '2.3')!;
    const red = tree.levels.find((l) => l.label === 'Red')!;
    const march = tree.periods.find((p) => p.label === 'March 2020')!;
    await app.call('ratings:set', { actionId: a23.id, periodId: march.id, levelId: red.id });
    await page.reload();
    await openPlan(app, planId, 'overview');

    const chart = page.getByRole('img', { name: /Ratings by period/ });
    await chart.waitFor();
    const texts = (await chart.locator('text').allTextContents()).map((t) => t.trim());
    // Each segment carries its level's shape and its count, never colour alone.
    expect(texts).toContain('■ 1');
    expect(texts.filter((t) => /^\d+$/.test(t)).map(Number)).toEqual([0, 1, 2, 3, 4, 5]);

    const unexplained = page.getByRole('region', { name: /Needing an explanation/ });
    await expectText(unexplained, '2.3');
    await expectText(unexplained, 'Train foster carers on the trigger plan');

    await page.getByLabel('Compare with', { exact: true }).selectOption({ label: '(nothing)' });
    await page.getByRole('heading', { name: 'Rating summary: March 2020' }).waitFor();
    await app.screenshot('review-overview');
    expect(app.errors).toEqual([]);
  });
});
