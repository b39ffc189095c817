/**
 * Issue 11 point 6 and the Overview's rating summary (point 2), end to end on the sample plan and on the
 * imported 2020 fixture:
 * - at 1366x768 no rating tag ("Needs explanation") in the plan table's rating column is cut off: each tag
 *   fits its cell (scrollWidth <= clientWidth, and inside the cell's box), and the lead filter is not over-wide;
 * - at 1920x1080 the Overview uses the width (no big empty space on the right);
 * - the Overview's rating summary follows the appendix's rule (averagesMeanSomething): on the sample's colour
 *   key it shows counts and shares, the same cells as the appendix's summary table, never a mean.
 * Screenshots at both sizes: test-results/screenshots/layout-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summaryTable } from '../../electron/export/appendix-model';
import { sortLevels } from '../../shared/ratings';
import { summaryUsesAverages } from '../../shared/summary';
import { startApp, type App } from './harness';
import { openPlan } from './editor-helpers';

const RATED_2020 = '/work/shared/fixtures/word/continuous-development-plan-2020-rated.docx';

let app: App;
let samplePlanId = '';
let fixturePlanId = '';

beforeAll(async () => {
  app = await startApp({ seedSample: true });
  samplePlanId = (await app.call('plans:list', {}))[0]!.id;
  const preview = await app.call('import:preview', { path: RATED_2020, options: {} });
  fixturePlanId = (await app.call('import:commit', { token: preview.token })).planId;
});

afterAll(async () => {
  await app?.close();
});

/** Every tag and badge in the rating column, with whether it is cut off by itself or by its cell. */
async function clippedRatingTags(): Promise<{ text: string; clipped: boolean }[]> {
  return app.page.evaluate(() =>
    [...document.querySelectorAll('.pt-action-row .rating-cell > *')].map((el) => {
      const cell = el.closest('.pt-cell') as HTMLElement;
      const box = el.getBoundingClientRect();
      const cellBox = cell.getBoundingClientRect();
      const style = getComputedStyle(cell);
      const inner = cellBox.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
      return {
        text: el.textContent ?? '',
        clipped:
          (el as HTMLElement).scrollWidth > (el as HTMLElement).clientWidth ||
          cell.scrollWidth > cell.clientWidth ||
          box.right > inner + 0.5,
      };
    }),
  );
}

async function openTable(planId: string): Promise<void> {
  await openPlan(app, planId, 'table');
  await app.page.locator('.pt-action-row').first().waitFor();
  await app.page.locator('.pt-action-row .rating-cell').first().waitFor();
  // The whole plan in (no row still "Loading…").
  await app.page.waitForFunction(() => !document.querySelector('.pt-action-row .muted.small'));
}

describe('layout at 1366x768 and 1920x1080', () => {
  for (const which of ['sample', 'fixture'] as const) {
    it(`never cuts a rating tag in the plan table (${which})`, async () => {
      const planId = which === 'sample' ? samplePlanId : fixturePlanId;
      await app.page.setViewportSize({ width: 1366, height: 768 });
      await openTable(planId);
      // Scroll through the table so every row is rendered and measured once.
      const seen = new Map<string, boolean>();
      for (let i = 0; i < 40; i++) {
        for (const t of await clippedRatingTags()) seen.set(`${i}:${t.text}`, t.clipped);
        const more = await app.page.evaluate(() => {
          const el = document.querySelector('.pt-action-row')?.closest('[class*="scroll"]') as HTMLElement | null;
          if (!el || el.scrollTop + el.clientHeight >= el.scrollHeight - 1) return false;
          el.scrollTop += el.clientHeight * 0.8;
          return true;
        });
        if (!more) break;
        await app.page.waitForTimeout(50);
      }
      await app.page.evaluate(() => {
        const el = document.querySelector('.pt-action-row')?.closest('[class*="scroll"]') as HTMLElement | null;
        if (el) el.scrollTop = 0;
      });
      await app.screenshot(`layout-table-${which}-1366`);
      const tags = [...seen.entries()];
      if (which === 'sample') expect(tags.some(([k]) => k.endsWith('Needs explanation'))).toBe(true);
      expect(tags.length).toBeGreaterThan(0);
      expect(tags.filter(([, clipped]) => clipped).map(([k]) => k)).toEqual([]);

      // The lead filter's select, its choices read, is no wider than 14rem (never half the bar).
      const lead = app.page.getByLabel('Lead', { exact: true });
      await lead.focus();
      await app.page.waitForFunction(
        () => ((document.querySelector('.filter-select') as HTMLSelectElement | null)?.options.length ?? 0) > 1,
      );
      const width = await lead.evaluate((el) => el.getBoundingClientRect().width);
      expect(width).toBeLessThanOrEqual(230);
      await app.page.setViewportSize({ width: 1920, height: 1080 });
      await app.screenshot(`layout-table-${which}-1920`);
      await app.page.setViewportSize({ width: 1366, height: 768 });
    });
  }

  it('the Overview’s rating summary follows the appendix’s rule and uses the width at 1920', async () => {
    const tree = await app.call('plans:get', { planId: samplePlanId });
    const summary = await app.call('summary:get', { planId: samplePlanId });
    expect(summaryUsesAverages(tree)).toBe(false);
    await openPlan(app, samplePlanId, 'overview');
    const table = app.page.getByRole('region', { name: /^Rating summary/ }).locator('table');
    await table.waitFor();
    const levels = sortLevels(tree.levels.filter((l) => l.deletedAt === null));
    const period = tree.periods.find((p) => p.id === summary.periodId)!;
    const compare = tree.periods.find((p) => p.id === summary.compareId) ?? null;
    const appendix = summaryTable(summary, levels, { period, compare } as never);
    const screenRows = await table
      .locator('tbody tr, tfoot tr')
      .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
    // The appendix's row: the area, then the same counts, not rated, on track or complete and complete.
    const appendixRows = appendix.rows.map((row) =>
      row.slice(1).map((c) => (c.kind === 'text' ? c.paras.map((p) => p.map((s) => s.text).join('')).join(' ') : '')),
    );
    expect(screenRows).toEqual(appendixRows);
    const text = (await table.textContent()) ?? '';
    expect(text).not.toMatch(/\b\d\.\d\b/);
    expect(text).toContain('On track or complete');

    await app.page.setViewportSize({ width: 1920, height: 1080 });
    await app.screenshot('layout-overview-1920', { fullPage: true });
    const { page, used } = await app.page.evaluate(() => {
      const panel = document.querySelector('.panel-main') as HTMLElement;
      const parts = [...document.querySelectorAll('.overview > *')].map((el) => el.getBoundingClientRect().right);
      return { page: panel.getBoundingClientRect().right, used: Math.max(...parts) };
    });
    // Nothing leaves more than a sixth of the panel empty on the right.
    expect(page - used).toBeLessThan(1920 / 6);
    await app.page.setViewportSize({ width: 1366, height: 768 });
    await app.screenshot('layout-overview-1366', { fullPage: true });
    expect(app.errors).toEqual([]);
  });
});
