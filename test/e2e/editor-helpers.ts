/** Helpers for the plan editor's end-to-end tests (editor, round, overview, search, undo). */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { SCALE_PRESETS } from '../../shared/ratings';
import type { App } from './harness';

/** Opens a plan's workspace through the app's deep link and waits for the plan table. */
export async function openPlan(
  app: App,
  planId: string,
  tab: 'table' | 'round' | 'overview' | 'settings' = 'table',
): Promise<void> {
  await app.page.evaluate(
    ([id, t]) => {
      window.location.hash = `#/plan/${id}/${t}`;
    },
    [planId, tab] as const,
  );
  await app.page.getByRole('tablist', { name: 'Plan views' }).waitFor();
}

/** Waits until the header says every change is saved. */
export async function waitSaved(page: Page): Promise<void> {
  await page.getByTestId('save-status').filter({ hasText: 'All changes saved' }).waitFor({ timeout: 15_000 });
}

/** The table row of an action, by its reference. */
export function actionRow(page: Page, reference: string) {
  return page.getByRole('row', { name: `Action ${reference}`, exact: true });
}

/** Polls until the locator's text contains `expected` (or, with `not`, stops containing it). */
export async function expectText(
  locator: Locator,
  expected: string | RegExp,
  opts: { not?: boolean; exact?: boolean; timeout?: number } = {},
): Promise<void> {
  const matches = (text: string) => {
    const hit =
      typeof expected === 'string'
        ? opts.exact
          ? text.trim() === expected
          : text.includes(expected)
        : expected.test(text);
    return opts.not ? !hit : hit;
  };
  await expect
    .poll(async () => ((await locator.count()) > 0 ? ((await locator.first().textContent()) ?? '') : ''), {
      timeout: opts.timeout ?? 10_000,
    })
    .toSatisfy(matches);
}

/** Polls until the locator matches `n` elements. */
export async function expectCount(locator: Locator, n: number, timeout = 10_000): Promise<void> {
  await expect.poll(() => locator.count(), { timeout }).toBe(n);
}

/**
 * A small plan with two themes, five actions, two rated periods (January and March 2020) and leads, so
 * the overview has a direction of travel, the round has work for a lead, and search has text to find.
 */
export const SEED_DRAFT = {
  title: 'Northmoor Children’s Services Development Plan',
  organisation: 'Northmoor Council',
  service: 'Children’s Services',
  planPeriod: '2020',
  template: 'continuous' as const,
  scale: SCALE_PRESETS['four-level-colour'].levels,
  periods: [{ label: 'January 2020' }, { label: 'March 2020' }],
  currentPeriod: 'March 2020',
  comparePeriod: 'January 2020',
  recommendations: [
    { number: 1, label: 'Ofsted 1', text: 'Improve the quality of supervision so that it challenges drift.' },
    {
      number: 2,
      label: 'Ofsted 2',
      text: 'Ensure return home interviews are offered to every child who goes missing.',
    },
  ],
  sections: [
    {
      title: 'Leadership and management',
      actions: [
        {
          objective: 'Managers have oversight of every child’s plan',
          description: 'Monthly audit of supervision records by heads of service',
          outcome: 'Supervision is regular and reflective',
          dueText: 'March 2019',
          leads: [{ name: 'J Tynan AD' }],
          recommendations: ['Ofsted 1'],
          ratings: [
            { period: 'January 2020', level: 'R', explanation: 'Vacancies', correctiveAction: 'Recruit' },
            { period: 'March 2020', level: 'A', explanation: 'Improving', correctiveAction: 'Keep auditing' },
          ],
          progress: [{ period: 'January 2020', body: 'Audit tool drafted with the principal social worker.' }],
        },
        {
          objective: 'Managers have oversight of every child’s plan',
          description: 'Quarterly performance clinics with team managers',
          dueText: 'Quarterly',
          leads: [{ name: 'Service Lead R Murdock' }],
          ratings: [
            { period: 'January 2020', level: 'A', explanation: 'Started late', correctiveAction: 'Dates set' },
            { period: 'March 2020', level: 'G' },
          ],
          progress: [{ period: 'March 2020', body: 'On track. Clinics held in February and March; attendance 92%.' }],
        },
      ],
    },
    {
      title: 'Children who go missing',
      actions: [
        {
          description: 'Offer a return home interview to every child within 72 hours',
          dueText: 'Ongoing',
          leads: [{ name: 'J Tynan AD' }, { name: 'Janet Simon' }],
          ratings: [{ period: 'January 2020', level: 'G' }],
        },
        {
          description: 'Publish the missing children protocol with the police',
          dueText: 'October 31st 2019',
          leads: [{ name: 'Janet Simon' }],
          ratings: [
            { period: 'January 2020', level: 'G' },
            { period: 'March 2020', level: 'B' },
          ],
          progress: [{ period: 'March 2020', body: 'Completed. Protocol signed by the police and the council.' }],
        },
        {
          description: 'Train foster carers on the trigger plan for missing episodes',
          dueText: 'Sept 20',
          leads: [{ name: 'J Tynan AD' }],
        },
      ],
    },
  ],
};
