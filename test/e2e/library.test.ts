/**
 * The plan library in real Chromium against a real store: create a plan from each template (and check
 * its columns and scale in the store and in Settings), duplicate, archive, Trash and restore, delete
 * for ever. Screenshots: library, create dialog.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanTemplate } from '../../shared/model';
import { SCALE_PRESETS } from '../../shared/ratings';
import { TEMPLATES } from '../../shared/templates';
import { startApp, type App } from './harness';

describe('plan library (e2e)', () => {
  let app: App;
  let sampleTitle = '';

  beforeAll(async () => {
    app = await startApp({ seedSample: true });
    sampleTitle = (await app.call('plans:list', {}))[0]!.title;
  });
  afterAll(async () => {
    await app?.close();
  });

  const page = () => app.page;
  const rows = () => page().getByTestId('plan-row');
  const toLibrary = async () => {
    await page().getByRole('button', { name: 'All plans' }).click();
    await page().getByRole('heading', { name: 'Plans', level: 1 }).waitFor();
  };

  it('lists the sample plan with its details and a labelled rating distribution', async () => {
    const row = rows().filter({ hasText: sampleTitle });
    await row.waitFor();
    const listed = (await app.call('plans:list', {}))[0]!;
    await expect(row.getByTestId('distribution').textContent()).resolves.toContain(
      listed.distribution.find((d) => d.count > 0)!.label,
    );
    expect(await row.textContent()).toContain(String(listed.actionCount));
    expect(await row.textContent()).toMatch(
      /\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/,
    );
    await app.screenshot('library');
  });

  const cases: { template: PlanTemplate; title: string }[] = [
    { template: 'continuous', title: 'Continuous Development Plan 2020' },
    { template: 'inspection', title: 'Ofsted Action Plan 2014' },
    { template: 'development', title: 'Children’s Social Care Development Plan 2017-19' },
    { template: 'blank', title: 'Blank Plan' },
  ];

  for (const c of cases) {
    it(`creates a plan from the ${c.template} template with its columns and scale`, async () => {
      await page().getByRole('button', { name: '+ New plan' }).first().click();
      const dialog = page().getByRole('dialog', { name: 'New plan' });
      await dialog.waitFor();
      await dialog.getByRole('radio', { name: new RegExp(TEMPLATES[c.template].name.replace(/[()]/g, '.')) }).check();
      await dialog.getByLabel(/^Title/).fill(c.title);
      await dialog.getByLabel('Organisation').fill('Thurrock Council');
      await dialog.getByLabel('Service').fill('Children’s Services');
      await dialog.getByLabel('Plan period').fill('2017-19');
      if (c.template === 'continuous') await app.screenshot('library-create-dialog');
      await dialog.getByRole('button', { name: 'Create plan' }).click();

      // The new plan opens.
      await page().getByRole('heading', { name: c.title, level: 1 }).waitFor();
      const plan = (await app.call('plans:list', {})).find((p) => p.title === c.title)!;
      expect(plan).toMatchObject({
        organisation: 'Thurrock Council',
        service: 'Children’s Services',
        planPeriod: '2017-19',
        template: c.template,
      });
      const tree = await app.call('plans:get', { planId: plan.id });
      const expectedVisible = TEMPLATES[c.template].columns.filter((col) => col.visible).map((col) => col.label);
      expect(tree.plan.columns.filter((col) => col.visible).map((col) => col.label)).toEqual(expectedVisible);
      const preset = TEMPLATES[c.template].scalePreset;
      expect(tree.levels.map((l) => l.label)).toEqual(preset ? SCALE_PRESETS[preset].levels.map((l) => l.label) : []);

      // And Settings shows the same columns and scale.
      await page().getByRole('tab', { name: 'Settings' }).click();
      await page()
        .getByRole('tab', { name: /Columns/ })
        .click();
      for (const label of expectedVisible.slice(0, 3))
        await expect(
          page()
            .getByLabel(/^Label for /)
            .and(page().locator(`[value="${label}"]`))
            .count(),
        ).resolves.toBeGreaterThan(0);
      await page()
        .getByRole('tab', { name: /Rating scale/ })
        .click();
      if (preset)
        await expect(page().getByTestId('scale-level').count()).resolves.toBe(SCALE_PRESETS[preset].levels.length);
      else
        await page()
          .getByText(/no rating scale yet/)
          .waitFor();
      await toLibrary();
      await rows().filter({ hasText: c.title }).waitFor();
    });
  }

  it('creates a plan with the keyboard alone', async () => {
    await page().getByRole('button', { name: '+ New plan' }).first().focus();
    await page().keyboard.press('Enter');
    const dialog = page().getByRole('dialog', { name: 'New plan' });
    await dialog.waitFor();
    // Focus starts in the title; an empty title is refused with a message.
    await page().keyboard.press('Enter');
    await dialog.getByText('Enter a title for the plan').waitFor();
    await page().keyboard.type('Keyboard Plan');
    await page().keyboard.press('Enter');
    await page().getByRole('heading', { name: 'Keyboard Plan', level: 1 }).waitFor();
    await toLibrary();
    await rows().filter({ hasText: 'Keyboard Plan' }).waitFor();
  });

  it('opens the New plan dialog from the native menu command', async () => {
    await app.emit('menu:command', { command: 'newPlan' });
    const dialog = page().getByRole('dialog', { name: 'New plan' });
    await dialog.waitFor();
    await page().keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('duplicates a plan', async () => {
    const before = await rows().count();
    await page()
      .getByRole('button', { name: `Duplicate ${sampleTitle}`, exact: true })
      .click();
    await page().getByText(`Duplicated “${sampleTitle}”`).waitFor();
    await expect.poll(() => rows().count()).toBe(before + 1);
    const titles = (await app.call('plans:list', {})).map((p) => p.title);
    expect(titles.filter((t) => t.startsWith(sampleTitle))).toHaveLength(2);
    await app.screenshot('library-many');
  });

  it('archives a plan and brings it back', async () => {
    const title = 'Blank Plan';
    await page()
      .getByRole('button', { name: `Archive ${title}`, exact: true })
      .click();
    await page().getByText(`Archived “${title}”`).waitFor();
    await expect.poll(() => rows().filter({ hasText: title }).count()).toBe(0);
    await page()
      .getByRole('tab', { name: /Archived/ })
      .click();
    await rows().filter({ hasText: title }).waitFor();
    expect((await app.call('plans:list', { includeArchived: true })).find((p) => p.title === title)?.archived).toBe(
      true,
    );
    await page()
      .getByRole('button', { name: `Unarchive ${title}`, exact: true })
      .click();
    await expect.poll(() => rows().filter({ hasText: title }).count()).toBe(0);
    await page()
      .getByRole('tab', { name: /^Plans/ })
      .click();
    await rows().filter({ hasText: title }).waitFor();
  });

  it('moves a plan to Trash, restores it, and deletes another for ever after confirming', async () => {
    const title = 'Ofsted Action Plan 2014';
    await page()
      .getByRole('button', { name: `Move ${title} to Trash`, exact: true })
      .click();
    await page().getByText(`Moved “${title}” to Trash.`).waitFor();
    await page().getByRole('tab', { name: /Trash/ }).click();
    await rows().filter({ hasText: title }).waitFor();
    await app.screenshot('library-trash');
    await page()
      .getByRole('button', { name: `Restore ${title}`, exact: true })
      .click();
    await page().getByText(`Restored “${title}”.`).waitFor();
    expect((await app.call('plans:list', {})).some((p) => p.title === title)).toBe(true);

    const doomed = 'Blank Plan';
    await page()
      .getByRole('tab', { name: /^Plans/ })
      .click();
    await page()
      .getByRole('button', { name: `Move ${doomed} to Trash`, exact: true })
      .click();
    await page().getByRole('tab', { name: /Trash/ }).click();
    await page()
      .getByRole('button', { name: `Delete ${doomed} for ever`, exact: true })
      .click();
    const confirm = page().getByRole('alertdialog', { name: `Delete “${doomed}” for ever?` });
    await confirm.waitFor();
    await app.screenshot('library-delete-for-ever');
    await confirm.getByRole('button', { name: 'Delete for ever' }).click();
    await page().getByText(`Deleted “${doomed}” for ever.`).waitFor();
    expect((await app.call('plans:list', { trash: true })).some((p) => p.title === doomed)).toBe(false);
    // A missing favicon (the shell's) shows as a 404 resource error; anything else is a real problem.
    expect(app.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
  });
});
