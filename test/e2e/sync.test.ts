/**
 * Service leads' updates end to end in real Chromium, two apps (the owner's and the lead's laptops), packs
 * passing through files chosen by the (test) main-process dialogs:
 *   1. the owner invites a lead from the Sharing tab;
 *   2. the lead opens the invitation from the library, updates two actions, and returns a pack;
 *   3. the owner opens it, sees the updates and resolves the one conflict (keep the lead's rating);
 *   4. the appendix carries the lead's text.
 * Screenshots at 1366x768 in test-results/screenshots/sync-*.png.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';
import { openPlan } from './editor-helpers';

const LEAD_TEXT = 'Moderation reached 10% of audits in February 2026 (e2e).';

let dir: string;
let owner: App;
let lead: App;
let planId: string;
/** What the next save / open dialog answers, per app. */
const dialogs = { owner: { save: '', open: '' }, lead: { save: '', open: '' } };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-e2e-sync-'));
  owner = await startApp({
    actor: 'A Okafor',
    beforeLoad: async ({ call }) => {
      planId = (await call('plans:createSample', { today: null })).id;
    },
    host: {
      chooseSavePath: async () => dialogs.owner.save || null,
      chooseOpenPath: async () => dialogs.owner.open || null,
    },
  });
  lead = await startApp({
    actor: 'F Dunmore',
    host: {
      chooseSavePath: async () => dialogs.lead.save || null,
      chooseOpenPath: async () => dialogs.lead.open || null,
    },
  });
}, 180_000);

afterAll(async () => {
  await owner?.close();
  await lead?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('service lead round trip in the app', () => {
  it('1. the owner invites F Dunmore from the Sharing tab', async () => {
    await openPlan(owner, planId, 'table');
    const page = owner.page;
    await page.getByRole('tab', { name: 'Sharing' }).click();
    await page.getByRole('heading', { name: 'Sharing with service leads' }).waitFor();
    dialogs.owner.save = path.join(dir, 'invite.planwright-pack');
    await page.getByRole('button', { name: 'Invite Service Lead F Dunmore' }).click();
    await page.getByText(/Invitation for Service Lead F Dunmore saved/).waitFor();
    expect(fs.existsSync(dialogs.owner.save)).toBe(true);
    await page
      .getByRole('row', { name: /Service Lead F Dunmore/ })
      .getByRole('button', { name: /Send an update pack/ })
      .waitFor();
    await owner.screenshot('sync-owner-invited');
  });

  it('2. the lead opens the invitation, updates two actions and returns a pack', async () => {
    const page = lead.page;
    dialogs.lead.open = path.join(dir, 'invite.planwright-pack');
    await page.getByRole('button', { name: 'Open an update pack…' }).click();
    await page.getByRole('tablist', { name: 'Plan views' }).waitFor();
    await page.getByRole('tab', { name: 'Sharing' }).click();
    await page.getByRole('heading', { name: 'Your updates' }).waitFor();
    await page.getByRole('heading', { name: /Your actions for January 2026/ }).waitFor();

    // Two updates through the same contract the action form uses.
    const tree = await lead.call('plans:get', { planId });
    const jan = tree.periods.find((p) => p.label === 'January 2026')!;
    const a22 = tree.actions.find((a) => a.reference === '2.2')!;
    const a25 = tree.actions.find((a) => a.reference === '2.5')!;
    const amber = tree.levels.find((l) => l.key === 'A')!;
    await lead.call('progress:add', { actionId: a22.id, periodId: jan.id, body: LEAD_TEXT });
    await lead.call('ratings:set', {
      actionId: a25.id,
      periodId: jan.id,
      levelId: amber.id,
      explanation: 'Response rate fell in January.',
      correctiveAction: 'Reminder texts.',
    });
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByRole('tab', { name: 'Sharing' }).click();
    await page.getByText('1 update').first().waitFor();
    await lead.screenshot('sync-lead-copy');

    dialogs.lead.save = path.join(dir, 'return.planwright-pack');
    await page.getByRole('button', { name: 'Return my updates…' }).click();
    await page.getByText(/Your updates are saved in the pack/).waitFor();
    expect(fs.existsSync(dialogs.lead.save)).toBe(true);
    expect(lead.errors).toEqual([]);
  });

  it('3. the owner opens the return, sees the updates and resolves the conflict', async () => {
    const page = owner.page;
    // Meanwhile the owner moderated 2.5 to red without seeing the lead's amber: a conflict.
    const tree = await owner.call('plans:get', { planId });
    const jan = tree.periods.find((p) => p.label === 'January 2026')!;
    const a25 = tree.actions.find((a) => a.reference === '2.5')!;
    const red = tree.levels.find((l) => l.key === 'R')!;
    await owner.call('ratings:set', {
      actionId: a25.id,
      periodId: jan.id,
      levelId: red.id,
      explanation: 'Moderated.',
      correctiveAction: 'Weekly review.',
    });

    dialogs.owner.open = path.join(dir, 'return.planwright-pack');
    await page.getByRole('button', { name: 'Open an update pack…' }).click();
    const report = page.getByRole('region', { name: /Pack from .*F Dunmore/ });
    await report.waitFor();
    await expect.poll(async () => (await report.textContent()) ?? '').toMatch(/Applied\s*[1-9]/);
    // ratings:set wrote the level, the explanation and the corrective action on both sides: the rating level is
    // the conflict to settle here (the card showing both labels).
    const conflict = page
      .getByRole('article', { name: /2 versions/ })
      .filter({ hasText: 'Amber' })
      .filter({ hasText: 'Red' });
    await conflict.waitFor();
    await page
      .getByRole('row', { name: /Service Lead F Dunmore/ })
      .first()
      .waitFor();
    await owner.screenshot('sync-owner-report', { fullPage: true });

    await conflict.getByRole('button', { name: /Keep version \d by .*F Dunmore/ }).click();
    await page
      .getByText(/resolved\./)
      .first()
      .waitFor();
    await expect
      .poll(async () =>
        page
          .getByRole('article', { name: /2 versions/ })
          .filter({ hasText: 'Amber' })
          .filter({ hasText: 'Red' })
          .count(),
      )
      .toBe(0);
    const after = await owner.call('plans:get', { planId });
    const rating = after.ratings.find((r) => r.actionId === a25.id && r.periodId === jan.id)!;
    expect(after.levels.find((l) => l.id === rating.levelId)?.key).toBe('A');
    expect(after.progress.some((p) => p.body === LEAD_TEXT)).toBe(true);
    await owner.screenshot('sync-owner-resolved', { fullPage: true });
  });

  it("4. the appendix carries the lead's text", async () => {
    const tree = await owner.call('plans:get', { planId });
    const jan = tree.periods.find((p) => p.label === 'January 2026')!;
    const file = path.join(dir, 'appendix.docx');
    await owner.call('export:appendix', { planId, path: file, options: { periodId: jan.id, progress: 'all' } });
    const xml = strFromU8(unzipSync(new Uint8Array(fs.readFileSync(file)))['word/document.xml']!);
    expect(xml).toContain('Moderation reached 10% of audits in February 2026 (e2e).');
    expect(owner.errors).toEqual([]);
  });
});
