/**
 * Issue 11 (points 2 and 10) on a NUMBERED rating scale (the "Five-level numeric (1-5)" preset, as some councils use
 * instead of RAG), end to end in Chromium: the sample plan stored with its ratings on levels 1-4. The Overview's rating
 * summary gives means and direction of travel (the appendix's rule, averagesMeanSomething), figure for figure the
 * appendix's summary table; its column heads, the lowest levels' list ("1 Not started and 2 Some delay", the red and
 * amber list's equivalent), the "Needing an explanation" list and the trend chart's scale all name the levels by their
 * text labels, never colour alone. Screenshots: test-results/screenshots/overview-numbered-*-{1366,1920}.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summaryTable } from '../../electron/export/appendix-model';
import { actionsOfConcern, sectionTrends } from '../../shared/dashboard';
import type { PlanDraft } from '../../shared/draft';
import { SCALE_PRESETS, sortLevels } from '../../shared/ratings';
import { samplePlanDraft } from '../../shared/samples/sample-plan';
import { summaryUsesAverages } from '../../shared/summary';
import { startApp, type App } from './harness';
import { expectText, openPlan } from './editor-helpers';

/** The sample plan on the five-level numbered scale: Red -> 1, Amber -> 2, Green -> 3, Blue -> 4. */
const NUMBERED: Record<string, string> = { R: '1', A: '2', G: '3', B: '4' };
const numberedDraft: PlanDraft = {
  ...samplePlanDraft,
  title: 'Numbered scale plan',
  scale: SCALE_PRESETS['five-level'].levels.map((l) => ({ ...l })),
  sections: (samplePlanDraft.sections ?? []).map((s) => ({
    ...s,
    actions: (s.actions ?? []).map((a) => ({
      ...a,
      ratings: (a.ratings ?? []).map((r) => ({ ...r, level: NUMBERED[r.level] ?? r.level })),
    })),
  })),
};

let app: App;
let planId = '';

beforeAll(async () => {
  app = await startApp({
    beforeLoad: async ({ call }) => {
      planId = (await call('plans:createFromDraft', numberedDraft)).id;
    },
  });
  await openPlan(app, planId, 'overview');
});

afterAll(async () => {
  await app?.close();
});

const shots = async (name: string) => {
  await app.screenshot(`${name}-1366`, { fullPage: true });
  await app.page.setViewportSize({ width: 1920, height: 1080 });
  await app.screenshot(`${name}-1920`, { fullPage: true });
  await app.page.setViewportSize({ width: 1366, height: 768 });
};

describe('the Overview on a numbered scale', () => {
  it('gives means and direction of travel, figure for figure the appendix’s summary, under labelled levels', async () => {
    const tree = await app.call('plans:get', { planId });
    const summary = await app.call('summary:get', { planId });
    expect(summaryUsesAverages(tree)).toBe(true);
    const levels = sortLevels(tree.levels.filter((l) => l.deletedAt === null));
    expect(levels.map((l) => l.label)).toEqual([
      '1 Not started',
      '2 Some delay',
      '3 On track',
      '4 Completed',
      '5 Sustained',
    ]);
    const period = tree.periods.find((p) => p.id === summary.periodId)!;
    const compare = tree.periods.find((p) => p.id === summary.compareId)!;
    expect(compare).toBeDefined();

    const region = app.page.getByRole('region', { name: `Rating summary: ${compare.label} to ${period.label}` });
    const table = region.locator('table');
    await table.waitFor();
    // Every level's column is headed by its text label (with its shape), never a colour alone.
    const heads = await table.locator('thead th').allTextContents();
    for (const l of levels)
      expect(
        heads.some((h) => h.includes(l.label)),
        l.label,
      ).toBe(true);
    expect(heads.join(' | ')).toContain('Direction of travel');

    // The same figures as the appendix's summary table: means to one decimal place, direction in words, counts.
    const appendix = summaryTable(summary, levels, { period, compare } as never);
    const appendixRows = appendix.rows.map((row) =>
      row.slice(1).map((c) => (c.kind === 'text' ? c.paras.map((p) => p.map((s) => s.text).join('')).join(' ') : '')),
    );
    const screenRows = await table
      .locator('tbody tr, tfoot tr')
      .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
    expect(screenRows).toEqual(appendixRows);
    // Means really are shown (one decimal place), and the directions in words.
    expect(screenRows.flat().some((c) => /^\d\.\d$/.test(c))).toBe(true);
    expect(screenRows.flat().some((c) => /(Improved|Declined|No change)$/.test(c))).toBe(true);
    await shots('overview-numbered-summary');
    expect(app.errors).toEqual([]);
  });

  it('lists the lowest levels (the red and amber list’s equivalent) by their labels, with explanations', async () => {
    const tree = await app.call('plans:get', { planId });
    const summary = await app.call('summary:get', { planId });
    const period = tree.periods.find((p) => p.id === summary.periodId)!;
    const concern = actionsOfConcern(tree, period.id);
    expect(concern.length).toBeGreaterThan(0);
    const worst = app.page.getByRole('region', {
      name: `1 Not started and 2 Some delay in ${period.label} (${concern.length})`,
    });
    await worst.scrollIntoViewIfNeeded();
    const items = worst.locator('.concern-item');
    expect(await items.count()).toBe(concern.length);
    for (let i = 0; i < concern.length; i++) {
      await expectText(items.nth(i), concern[i]!.level.label);
      await expectText(items.nth(i), concern[i]!.action.reference);
    }
    const first = concern[0]!;
    if (first.rating.explanation.trim()) await expectText(worst, first.rating.explanation.trim().slice(0, 40));
    await app.screenshot('overview-numbered-concern-1366');

    // "Needing an explanation": each badge says its level.
    const unexplained = app.page.getByRole('region', { name: /^Needing an explanation/ });
    const badges = await unexplained.locator('li').allTextContents();
    for (const b of badges) expect(b).toMatch(/[12] (Not started|Some delay)/);
    expect(app.errors).toEqual([]);
  });

  it('draws each section’s trend of means on the scale’s own levels, named in words', async () => {
    const tree = await app.call('plans:get', { planId });
    const { useMeans, sections } = sectionTrends(tree);
    expect(useMeans).toBe(true);
    const trends = app.page.getByRole('region', { name: /^Trend by theme across/ });
    await trends.scrollIntoViewIfNeeded();
    // The chart's scale runs from the lowest level to the highest, each named by its label.
    await expectText(trends, 'mean rating per period');
    await expectText(trends, '1 Not started');
    await expectText(trends, '5 Sustained');
    const label = await trends.getByRole('img').first().getAttribute('aria-label');
    const s0 = sections[0]!;
    for (const p of s0.points) expect(label).toContain(`${p.label}: ${p.mean === null ? 'not rated yet' : p.shown}`);
    await shots('overview-numbered-trends');
    await trends.getByRole('button', { name: 'Show as a table' }).click();
    const rows = await trends
      .getByRole('table')
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((r) => [...r.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
    expect(rows).toEqual(sections.map((s) => s.points.map((p) => p.shown)));

    // The distribution chart's legend names every level.
    const legend = (await app.page.locator('.overview').textContent()) ?? '';
    for (const l of tree.levels) expect(legend).toContain(l.label);
    await shots('overview-numbered-page');
    expect(app.errors).toEqual([]);
  });
});
