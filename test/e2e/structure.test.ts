/**
 * End to end, in real Chromium against a real SQLite store: structure editing of objectives (add, add
 * actions under one, rename, reorder by button and keyboard, archive, delete with Undo) and renumbering
 * the whole plan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { actionRow, expectCount, expectText, openPlan, waitSaved } from './editor-helpers';
import { startSeededApp } from './seeded-app';

let app: App;
let planId = '';

beforeAll(async () => {
  ({ app, planId } = await startSeededApp());
});

afterAll(async () => {
  await app?.close();
});

const NEW_OBJECTIVE = 'Every child in care has a permanence plan by their second review';
const OLD_OBJECTIVE = 'Managers have oversight of every child’s plan';

const objectiveRow = (name: string) => app.page.getByRole('row', { name: `Objective: ${name}`, exact: true });
const tree = () => app.call('plans:get', { planId });
const live = async () => (await tree()).actions.filter((a) => a.deletedAt === null);

describe('structure editing', () => {
  it('adds an objective to a theme and two actions under it', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Add an objective to theme 1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an objective to theme 1' });
    await dialog.getByRole('button', { name: 'Add objective' }).click();
    await expectText(dialog, 'Write the objective text.');
    await dialog.getByLabel('Objective text').fill(NEW_OBJECTIVE);
    await dialog.getByRole('button', { name: 'Add objective' }).click();
    await expectCount(objectiveRow(NEW_OBJECTIVE), 1);
    await expectText(objectiveRow(NEW_OBJECTIVE), '0 actions');

    await objectiveRow(NEW_OBJECTIVE)
      .getByRole('button', { name: /^Add an action to objective/ })
      .click();
    await page
      .getByRole('complementary', { name: /Action 1\.3/ })
      .getByLabel('Action', { exact: true })
      .fill('Track permanence plans at every looked-after review');
    await waitSaved(page);
    await objectiveRow(NEW_OBJECTIVE)
      .getByRole('button', { name: /^Add an action to objective/ })
      .click();
    await page
      .getByRole('complementary', { name: /Action 1\.4/ })
      .getByLabel('Action', { exact: true })
      .fill('Permanence panel chaired by the head of service');
    await waitSaved(page);
    await page.keyboard.press('Escape');
    await expectText(objectiveRow(NEW_OBJECTIVE), '2 actions');
    await expectText(actionRow(page, '1.3'), 'Track permanence plans');
    await expectText(actionRow(page, '1.4'), 'Permanence panel');

    const t = await tree();
    const objective = t.objectives.find((o) => o.title === NEW_OBJECTIVE)!;
    expect(
      t.actions
        .filter((a) => a.objectiveId === objective.id)
        .map((a) => a.reference)
        .sort(),
    ).toEqual(['1.3', '1.4']);
    await app.screenshot('structure-objectives');
  });

  it('renames an objective in a small dialog (Enter on its row)', async () => {
    const { page } = app;
    await objectiveRow(NEW_OBJECTIVE).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Rename objective' });
    await dialog.getByLabel('Objective text').fill(`${NEW_OBJECTIVE} (draft)`);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expectCount(objectiveRow(`${NEW_OBJECTIVE} (draft)`), 1);
    await objectiveRow(`${NEW_OBJECTIVE} (draft)`)
      .getByRole('button', { name: /^Rename objective/ })
      .click();
    await page.getByRole('dialog', { name: 'Rename objective' }).getByLabel('Objective text').fill(NEW_OBJECTIVE);
    await page.getByRole('dialog', { name: 'Rename objective' }).getByLabel('Objective text').press('Enter');
    await expectCount(objectiveRow(NEW_OBJECTIVE), 1);
    await waitSaved(page);
    expect((await tree()).objectives.find((o) => o.deletedAt === null && o.title === NEW_OBJECTIVE)).toBeTruthy();
  });

  it('reorders objectives with Alt+Up and the move buttons, carrying their actions and references', async () => {
    const { page } = app;
    await objectiveRow(NEW_OBJECTIVE).focus();
    await page.keyboard.press('Alt+ArrowUp');
    await waitSaved(page);
    await expectText(actionRow(page, '1.1'), 'Track permanence plans');
    await expectText(actionRow(page, '1.2'), 'Permanence panel');
    await expectText(actionRow(page, '1.3'), 'Monthly audit of supervision records');
    // Focus stays on the moved objective, so it can keep moving.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe(`Objective: ${NEW_OBJECTIVE}`);
    let t = await tree();
    expect(
      t.objectives
        .filter((o) => o.deletedAt === null)
        .sort((a, b) => a.position - b.position)
        .map((o) => o.title),
    ).toEqual([NEW_OBJECTIVE, OLD_OBJECTIVE]);

    await objectiveRow(NEW_OBJECTIVE)
      .getByRole('button', { name: /^Move objective .* down$/ })
      .click();
    await waitSaved(page);
    await expectText(actionRow(page, '1.1'), 'Monthly audit of supervision records');
    await expectText(actionRow(page, '1.3'), 'Track permanence plans');
    // Undo the button move: back to the new objective first.
    await page.getByRole('banner').getByRole('button', { name: /Undo/ }).click();
    await expectText(actionRow(page, '1.1'), 'Track permanence plans');
    t = await tree();
    expect(t.actions.find((a) => a.reference === '1.3')?.description).toBe(
      'Monthly audit of supervision records by heads of service',
    );
    await app.screenshot('structure-objectives-reordered');
  });

  it('moves an action across an objective header with Alt+Down: it joins that objective, and Alt+Up brings it back', async () => {
    const { page } = app;
    const objectiveOf = async (description: string) => {
      const t = await tree();
      const a = t.actions.find((x) => x.deletedAt === null && x.description.startsWith(description))!;
      return t.objectives.find((o) => o.id === a.objectiveId)?.title;
    };
    await actionRow(page, '1.2').focus();
    await page.keyboard.press('Alt+ArrowDown');
    await waitSaved(page);
    await expectText(objectiveRow(NEW_OBJECTIVE), '1 action');
    await expectText(objectiveRow(OLD_OBJECTIVE), '3 actions');
    await expectText(actionRow(page, '1.2'), 'Permanence panel');
    expect(await objectiveOf('Permanence panel')).toBe(OLD_OBJECTIVE);
    await page.keyboard.press('Alt+ArrowUp');
    await waitSaved(page);
    await expectText(objectiveRow(NEW_OBJECTIVE), '2 actions');
    expect(await objectiveOf('Permanence panel')).toBe(NEW_OBJECTIVE);
  });

  it('reorders objectives by dragging one header onto another', async () => {
    const { page } = app;
    await objectiveRow(OLD_OBJECTIVE).dragTo(objectiveRow(NEW_OBJECTIVE));
    await waitSaved(page);
    await expectText(actionRow(page, '1.1'), 'Monthly audit of supervision records');
    await page.getByRole('banner').getByRole('button', { name: /Undo/ }).click();
    await expectText(actionRow(page, '1.1'), 'Track permanence plans');
    await waitSaved(page);
  });

  it('archives an objective: its row and actions hide unless "Show archived" is ticked', async () => {
    const { page } = app;
    await objectiveRow(OLD_OBJECTIVE)
      .getByRole('button', { name: /^Archive objective/ })
      .click();
    await waitSaved(page);
    await expectCount(objectiveRow(OLD_OBJECTIVE), 0);
    await expectCount(page.getByRole('row', { name: /^Action 1\.\d$/ }), 2);
    expect((await tree()).objectives.find((o) => o.title === OLD_OBJECTIVE)?.archived).toBe(true);

    await page.getByLabel('Show archived').check();
    await expectCount(objectiveRow(OLD_OBJECTIVE), 1);
    await expectText(objectiveRow(OLD_OBJECTIVE), 'Archived');
    await expectCount(page.getByRole('row', { name: /^Action 1\.\d$/ }), 4);
    await app.screenshot('structure-objective-archived');
    await objectiveRow(OLD_OBJECTIVE)
      .getByRole('button', { name: /^Unarchive objective/ })
      .click();
    await waitSaved(page);
    await page.getByLabel('Show archived').uncheck();
    await expectCount(objectiveRow(OLD_OBJECTIVE), 1);
    expect((await tree()).objectives.find((o) => o.title === OLD_OBJECTIVE)?.archived).toBe(false);
  });

  it('deletes an objective with its actions after saying so, and Undo brings them back', async () => {
    const { page } = app;
    await objectiveRow(NEW_OBJECTIVE)
      .getByRole('button', { name: /^Delete objective/ })
      .click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete objective and its 2 actions?' });
    await expectText(confirm, 'together with the 2 actions under it (1.1, 1.2)');
    await app.screenshot('structure-delete-objective-confirm');
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await waitSaved(page);
    await expectCount(objectiveRow(NEW_OBJECTIVE), 0);
    await expectCount(page.getByRole('row', { name: /^Action 1\.\d$/ }), 2);
    expect((await live()).some((a) => a.description.startsWith('Track permanence plans'))).toBe(false);

    const toast = page.getByRole('status').filter({ hasText: 'Deleted objective and 2 actions' });
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expectCount(objectiveRow(NEW_OBJECTIVE), 1);
    await expectCount(page.getByRole('row', { name: /^Action 1\.\d$/ }), 4);
    await expectText(actionRow(page, '1.1'), 'Track permanence plans');
    expect(
      (await live()).filter(
        (a) => a.description.startsWith('Track permanence') || a.description.startsWith('Permanence panel'),
      ),
    ).toHaveLength(2);
  });

  it('renumbers the plan after a confirmation that says typed numbers go and it cannot be undone', async () => {
    const { page } = app;
    const t = await tree();
    const section2 = t.sections.find((s) => s.title === 'Children who go missing')!;
    const action = t.actions.find((a) => a.reference === '2.2')!;
    await app.call('sections:update', { sectionId: section2.id, patch: { number: '7 (14)' } });
    await app.call('actions:update', { actionId: action.id, patch: { reference: '7.2a' } });
    await page.reload();
    await expectCount(page.getByRole('row', { name: /^Theme 7 \(14\):/ }), 1);
    await expectText(actionRow(page, '7.2a'), 'typed by hand');

    await page.getByRole('button', { name: 'Renumber…' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Renumber the whole plan?' });
    await expectText(confirm, 'typed by hand');
    await expectText(confirm, 'cannot be undone');
    await app.screenshot('structure-renumber-confirm');
    await confirm.getByRole('button', { name: 'Renumber' }).click();
    await waitSaved(page);
    await expectCount(page.getByRole('row', { name: /^Theme 2: Children who go missing/ }), 1);
    await expectText(actionRow(page, '2.2'), 'Publish the missing children protocol');
    await expectCount(actionRow(page, '7.2a'), 0);
    const after = await tree();
    expect(after.sections.find((s) => s.id === section2.id)).toMatchObject({ number: '2', numberManual: false });
    expect(after.actions.find((a) => a.id === action.id)).toMatchObject({ reference: '2.2', referenceManual: false });
    await app.screenshot('structure-renumbered');
    expect(app.errors).toEqual([]);
  });

  it('shows long outcomes of a five-level development plan as readable headers', async () => {
    const { page } = app;
    const outcome =
      'Children and young people are safeguarded through timely, proportionate and effective decision-making at the front door, with partners sharing information promptly';
    const dev = await app.call('plans:createFromDraft', {
      title: 'Children’s Social Care Development Plan',
      organisation: 'Northmoor Council',
      planPeriod: '2017-19',
      template: 'development' as const,
      sections: [
        {
          title: 'Effective front door arrangements',
          actions: [
            {
              objective: outcome,
              description: 'Review MASH thresholds with partners',
              dueText: 'Jan-18',
              leads: [{ name: 'J Tynan AD' }],
            },
            {
              objective: outcome,
              description: 'Audit contacts that became referrals',
              dueText: 'Quarterly',
              leads: [{ name: 'Janet Simon' }],
            },
            {
              objective: 'Management oversight is evident on every file',
              description: 'Dip-sample supervision records monthly',
              dueText: 'Ongoing',
            },
          ],
        },
      ],
    });
    await openPlan(app, dev.id);
    await expectCount(page.getByRole('row', { name: /^Outcome: Children and young people/ }), 1);
    await expectText(page.getByRole('row', { name: /^Outcome: Children and young people/ }), '2 actions');
    await page.getByRole('button', { name: 'Add an outcome to priority 1' }).waitFor();
    await app.screenshot('structure-development-outcomes');
    expect(app.errors).toEqual([]);
  });
});
