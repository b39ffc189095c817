/**
 * The plan store's health in real Chromium against a real store (issue 8): the quiet "checked" state, the
 * damage banner with "Repair (rebuild indexes)" and "Restore a backup", and Help › Restore a backup (the
 * verified backups with date, size and schema version; back up now; confirm; restore; reload).
 * Screenshots at 1366x768 and 1920x1080.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../db/migrations';
import { startApp, type App } from './harness';

describe('store health and Restore a backup (e2e)', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp({ seedSample: true });
    await app.page.getByRole('heading', { name: /plans/i }).first().waitFor();
  });
  afterAll(async () => {
    await app?.close();
  });
  const page = () => app.page;
  const now = () => new Date().toISOString();

  it('shows a quiet "checked" state once the full check is clean', async () => {
    await app.emit('store:integrity', { state: 'ok', detail: null, checkedAt: now() });
    await page().getByRole('status').filter({ hasText: 'Store checked' }).waitFor();
    expect(await page().getByRole('alert').count()).toBe(0);
  });

  it('on damage shows a banner; "Repair (rebuild indexes)" runs store:repair and the banner goes', async () => {
    await app.emit('store:integrity', {
      state: 'damaged',
      detail: 'row 12 missing from index actions_by_section',
      checkedAt: now(),
    });
    const banner = page().getByRole('alert').filter({ hasText: 'The plan store is damaged' });
    await banner.waitFor();
    expect(await banner.textContent()).toContain('row 12 missing from index actions_by_section');
    await banner.getByRole('button', { name: 'Restore a backup…' }).waitFor();
    await app.screenshot('store-damaged-1366');
    await page().setViewportSize({ width: 1920, height: 1080 });
    await app.screenshot('store-damaged-1920');
    await page().setViewportSize({ width: 1366, height: 768 });
    await banner.getByRole('button', { name: 'Repair (rebuild indexes)' }).click();
    await banner.waitFor({ state: 'detached' });
    await page().getByRole('status').filter({ hasText: 'Store checked' }).waitFor();
  });

  it('Help › Restore a backup: lists verified backups, backs up now, restores after a confirmation and reloads', async () => {
    const before = await app.call('plans:list', {});
    await app.emit('menu:command', { command: 'restoreBackup' });
    const dialog = page().getByRole('dialog', { name: 'Restore a backup' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Back up now' }).click();
    const row = dialog.getByRole('row').filter({ hasText: 'Daily' }).first();
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells[2]).toMatch(/\d+(\.\d)? (KB|MB)/);
    expect(cells[3]).toBe(String(SCHEMA_VERSION));
    await app.screenshot('restore-backup-1366');
    await page().setViewportSize({ width: 1920, height: 1080 });
    await app.screenshot('restore-backup-1920');
    await page().setViewportSize({ width: 1366, height: 768 });

    // A plan made after the backup is gone once the backup is restored.
    await app.call('plans:create', { title: 'Made after the backup', template: 'blank' });
    expect(await app.call('plans:list', {})).toHaveLength(before.length + 1);
    await row.getByRole('button', { name: /^Restore the backup taken/ }).click();
    const confirm = page().getByRole('alertdialog', { name: 'Restore this backup?' });
    await confirm.waitFor();
    await app.screenshot('restore-backup-confirm-1366');
    await confirm.getByRole('button', { name: 'Restore and reload' }).click();
    await expect.poll(async () => (await app.call('plans:list', {})).length, { timeout: 20_000 }).toBe(before.length);
    await page().getByRole('heading', { name: /plans/i }).first().waitFor();
    expect(await page().getByText('Made after the backup').count()).toBe(0);
    // The replaced store was kept as a backup too.
    const kinds = (await app.call('backups:list', {})).map((b) => b.kind);
    expect(kinds).toContain('restore');
  });
});
