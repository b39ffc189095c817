// @vitest-environment jsdom
/**
 * Review fixes: the rating chart's axis shows whole-number gridlines at their true height and keeps long
 * period labels readable; the update round falls back to everyone's actions when the remembered lead is
 * not in this plan; the header's "Your name" dialog refuses a blank name.
 */
import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { YourName } from '../../renderer/src/components/YourName';
import { callsOf, installFakeApi } from './settings-fixtures';
import { DistributionChart, axisLabelLines, axisTicks } from '../../renderer/src/overview/DistributionChart';
import { knownLead } from '../../renderer/src/round/UpdateRound';
import { SCALE_PRESETS } from '../../shared/ratings';
import { treeFromDraft } from '../../shared/samples/tree-from-draft';
import type { PlanDraft } from '../../shared/draft';

afterEach(cleanup);

describe('axisTicks', () => {
  it('puts gridlines at whole numbers only, never a rounded half', () => {
    expect(axisTicks(5)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(axisTicks(7)).toEqual([0, 2, 4, 6]);
    expect(axisTicks(30)).toEqual([0, 10, 20, 30]);
    expect(axisTicks(1200)).toEqual([0, 250, 500, 750, 1000]);
    expect(axisTicks(0)).toEqual([0, 1]);
    for (const total of [1, 3, 9, 13, 99, 101, 640]) {
      const ticks = axisTicks(total);
      expect(ticks.every((t) => Number.isInteger(t) && t <= total)).toBe(true);
      expect(ticks.length).toBeLessThanOrEqual(6);
    }
  });
});

describe('axisLabelLines', () => {
  it('wraps long period labels on whole words instead of cutting them', () => {
    expect(axisLabelLines('March 2020')).toEqual(['March 2020']);
    expect(axisLabelLines('September 2020')).toEqual(['September', '2020']);
    expect(axisLabelLines('RAG initial')).toEqual(['RAG initial']);
    expect(axisLabelLines('Quarter 3 report to committee')).toEqual(['Quarter 3', 'report to c…']);
    expect(axisLabelLines('Extraordinarily')).toEqual(['Extraordina…']);
  });
});

describe('DistributionChart', () => {
  it('labels every level in text and gives the figures as a table', () => {
    const draft: PlanDraft = {
      title: 'Chart plan',
      template: 'continuous',
      scale: SCALE_PRESETS['four-level-colour'].levels,
      periods: [{ label: 'September 2020' }, { label: 'November 2020' }],
      sections: [
        {
          title: 'Theme',
          actions: [
            {
              description: 'One',
              ratings: [
                { period: 'September 2020', level: 'R', explanation: 'x', correctiveAction: 'y' },
                { period: 'November 2020', level: 'G' },
              ],
            },
            { description: 'Two', ratings: [{ period: 'November 2020', level: 'G' }] },
          ],
        },
      ],
    } as PlanDraft;
    const { container } = render(<DistributionChart tree={treeFromDraft(draft)} />);
    const svg = screen.getByRole('img', { name: /Ratings by period/ });
    const texts = [...svg.querySelectorAll('text')].map((t) => t.textContent);
    expect(texts).toContain('September2020');
    expect(texts).not.toContain('3');
    const table = container.querySelector('details table') as HTMLTableElement;
    const sept = within(table).getByRole('row', { name: /September 2020/ });
    // Red 1, Amber 0, Green 0, Blue 0, not rated 1.
    expect([...sept.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['1', '0', '0', '0', '1']);
  });
});

describe('knownLead', () => {
  it('keeps a lead this plan has (ignoring case) and otherwise shows everyone', () => {
    const leads = ['J Tynan AD', 'Janet Simon'];
    expect(knownLead(leads, 'janet simon')).toBe('Janet Simon');
    expect(knownLead(leads, 'Someone from another plan')).toBe('');
    expect(knownLead(leads, '')).toBe('');
  });
});

describe('YourName', () => {
  const info = (userName: string) => ({ version: '1.0.0', dbPath: '/tmp/x.sqlite', schemaVersion: 1, userName });

  it('refuses a blank name with a message and saves nothing, then saves a real one', async () => {
    const user = userEvent.setup();
    const invoke = installFakeApi({
      'settings:setUserName': (i: unknown) => info((i as { userName: string }).userName),
    });
    const onChange = vi.fn();
    render(<YourName userName="jsmith" onChange={onChange} />);
    await user.click(screen.getByRole('button', { name: 'Your name: jsmith. Change it' }));
    const dialog = screen.getByRole('dialog', { name: 'Your name' });
    const field = within(dialog).getByRole('textbox', { name: 'Your name' });
    expect(field).toHaveFocus();
    await user.clear(field);
    await user.click(within(dialog).getByRole('button', { name: 'Save name' }));
    expect(within(dialog).getByText(/Type your name as colleagues know it/)).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(callsOf(invoke, 'settings:setUserName')).toEqual([]);
    await user.type(field, '  J Tynan AD {Enter}');
    await waitFor(() => expect(onChange).toHaveBeenCalledWith('J Tynan AD'));
    expect(callsOf(invoke, 'settings:setUserName')).toEqual([{ userName: 'J Tynan AD' }]);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('closes on Escape without saving', async () => {
    const user = userEvent.setup();
    const invoke = installFakeApi({});
    render(<YourName userName="" onChange={() => undefined} />);
    await user.click(screen.getByRole('button', { name: 'Your name: not set. Change it' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(invoke).not.toHaveBeenCalled();
  });
});
