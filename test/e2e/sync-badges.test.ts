/**
 * "2 versions" badges (issue 10) in real Chromium: after a lead's return meets the owner's own moderated
 * rating, the plan table row and the action form carry a badge that opens the same view as the Sharing tab
 * (the common base, each value with who and when; keep one or combine), by mouse and by keyboard.
 * The lead's side runs on the command line (in process). Screenshots at 1366x768 and 1920x1080 in
 * test-results/screenshots/sync-badges-*.png.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';
import { openPlan } from './editor-helpers';
import { runMain } from '../cli/run-main';

let dir: string;
let owner: App;
let planId: string;
const dialogs = { save: '', open: '' };
const f = (name: string) => path.join(dir, name);

async function cli(...args: string[]) {
  const r = await runMain(...args);
  expect(r.stderr, args.join(' ')).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-e2e-badges-'));
  owner = await startApp({
    actor: 'A Okafor',
    beforeLoad: async ({ call }) => {
      planId = (await call('plans:createSample', { today: null })).id;
    },
    host: { chooseSavePath: async () => dialogs.save || null, chooseOpenPath: async () => dialogs.open || null },
  });
  // The owner invites F Dunmore; the lead rates 2.5 amber on their copy and returns it.
  dialogs.save = f('invite.planwright-pack');
  await owner.call('sync:invite', { planId, lead: 'F Dunmore' });
  const lead = f('lead.sqlite');
  await cli('pack', 'open', f('invite.planwright-pack'), '--db', lead);
  await cli(
    'update',
    planId,
    '2.5',
    '--rating',
    'amber',
    '--explanation',
    'Response rate fell in January.',
    '--corrective',
    'Reminder texts.',
    '--db',
    lead,
  );
  await cli('pack', 'return', planId, '--out', f('return.planwright-pack'), '--db', lead);
  // Meanwhile the owner moderated 2.5 to red without seeing it; then opens the return: a conflict.
  const tree = await owner.call('plans:get', { planId });
  const jan = tree.periods.find((p) => p.label === 'January 2026')!;
  const a25 = tree.actions.find((a) => a.reference === '2.5')!;
  await owner.call('ratings:set', {
    actionId: a25.id,
    periodId: jan.id,
    levelId: tree.levels.find((l) => l.key === 'R')!.id,
    explanation: 'Moderated.',
    correctiveAction: 'Weekly review.',
  });
  dialogs.open = f('return.planwright-pack');
  const opened = await owner.call('sync:open', {});
  expect(opened.conflicts).toBeGreaterThanOrEqual(1);
}, 180_000);

afterAll(async () => {
  await owner?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('"2 versions" badges on the table row and in the action form', () => {
  it('the row of 2.5 carries a badge that opens the versions; other rows none', async () => {
    const page = owner.page;
    await openPlan(owner, planId, 'table');
    const row = page.getByRole('row', { name: 'Action 2.5, has fields with 2 versions' });
    await row.waitFor();
    const badge = row.getByRole('button', { name: /Rating, January 2026.*: 2 versions\. Compare and settle/ });
    await badge.waitFor();
    expect(await badge.textContent()).toContain('2 versions');
    // Only the conflicted action has one.
    expect(await page.getByRole('button', { name: /versions\. Compare and settle/ }).count()).toBe(1);
    await row.scrollIntoViewIfNeeded();
    await owner.screenshot('sync-badges-row-1366');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await badge.waitFor();
    await owner.screenshot('sync-badges-row-1920');
    await page.setViewportSize({ width: 1366, height: 768 });

    await badge.click();
    const dialog = page.getByRole('dialog', { name: /Action 2\.5: fields with 2 versions/ });
    await dialog.waitFor();
    // The same view as the Sharing tab: the common base, each version with who and when.
    const rating = dialog.getByRole('article', { name: /rating: 2 versions/ });
    await rating.waitFor();
    const text = (await rating.textContent()) ?? '';
    expect(text).toMatch(/Before both changes/);
    expect(text).toContain('Amber');
    expect(text).toContain('Red');
    expect(text).toContain('F Dunmore');
    expect(text).toContain('A Okafor');
    await dialog
      .getByRole('article', { name: /explanation: 2 versions/ })
      .getByRole('button', { name: 'Combine…' })
      .waitFor();
    await owner.screenshot('sync-badges-dialog-1366');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await owner.screenshot('sync-badges-dialog-1920');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(owner.errors).toEqual([]);
  });

  it('by keyboard: Enter opens the form, Tab reaches the badges, Enter opens the versions; keep one settles it', async () => {
    const page = owner.page;
    const row = page.getByRole('row', { name: 'Action 2.5, has fields with 2 versions' });
    await row.focus();
    await page.keyboard.press('Enter');
    const group = page.getByRole('group', { name: 'Fields with 2 versions' });
    await group.waitFor();
    expect(await group.getByRole('button').count()).toBe(3);
    await owner.screenshot('sync-badges-form-1366');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await owner.screenshot('sync-badges-form-1920');
    await page.setViewportSize({ width: 1366, height: 768 });

    // From the form's heading (focused on open), Tab reaches the rating's badge.
    const ratingBadge = group.getByRole('button', { name: /^Rating, January 2026: 2 versions/ });
    let reached = false;
    for (let i = 0; i < 12 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await ratingBadge.evaluate((el) => el === document.activeElement);
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /Action 2\.5: a field with 2 versions/ });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: /Keep version \d by .*F Dunmore/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(/rating for January 2026, rating: resolved\./).waitFor();
    // The rating's badge has gone from the form; the explanation and corrective action remain.
    await expect.poll(async () => group.getByRole('button').count()).toBe(2);
    const after = await owner.call('plans:get', { planId });
    const a25 = after.actions.find((a) => a.reference === '2.5')!;
    const jan = after.periods.find((p) => p.label === 'January 2026')!;
    const r = after.ratings.find((x) => x.actionId === a25.id && x.periodId === jan.id)!;
    expect(after.levels.find((l) => l.id === r.levelId)?.key).toBe('A');
    expect(owner.errors).toEqual([]);
  });
});
