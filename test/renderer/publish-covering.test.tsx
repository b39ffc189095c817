// @vitest-environment jsdom
/** The covering report editor against a fake `window.planwright`: load, autosave, signatories, refill, export. */
import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Channel, InputOf } from '../../shared/contract';
import { CoveringReportContent } from '../../shared/covering-report';
import type { Person } from '../../shared/model';
import type { Result } from '../../shared/result';
import { computeSummary, describeProgress } from '../../shared/summary';
import { CoveringReportEditor, REFILL_QUESTION } from '../../renderer/src/publish/CoveringReportEditor';
import { Autosaver, type SaverState } from '../../renderer/src/state/autosave';
import { missingFields } from '../../renderer/src/publish/coveringChecks';
import { fakeTree, PLAN_ID } from './settings-fixtures';

afterEach(cleanup);

type Handler = (input: unknown) => unknown;
function installBridge(handlers: Partial<Record<Channel, Handler>>) {
  const invoke = vi.fn(async (channel: Channel, input: unknown): Promise<Result<unknown>> => {
    const h = handlers[channel];
    if (!h) return { ok: false, error: { code: 'unknown_channel', message: `No fake for ${channel}` } };
    const out = await h(input);
    return out && typeof out === 'object' && 'ok' in out && ('value' in out || 'error' in out)
      ? (out as Result<unknown>)
      : { ok: true, value: out };
  });
  (window as unknown as { planwright: unknown }).planwright = { invoke, on: () => () => undefined };
  return { invoke, calls: (c: Channel) => invoke.mock.calls.filter(([ch]) => ch === c).map(([, i]) => i) };
}

const tree = fakeTree();
const PERIOD = tree.periods[0]!.id;
const saved = CoveringReportContent.parse({
  title: 'Children’s Services Improvement Plan – progress update (Initial)',
  progressParagraph: 'Of 1 action, 1 is rated for Initial.',
  recommendations: ['That the Committee note and comment on progress.'],
});
const people: Person[] = [
  {
    id: '00000000-0000-4000-8000-000000000901',
    name: 'Sheila Murphy',
    jobTitle: 'Corporate Director of Children’s Services',
    service: 'Children’s Services',
    email: '',
    signatory: true,
    aliases: [],
    updatedAt: tree.plan.updatedAt,
    deletedAt: null,
  },
  {
    id: '00000000-0000-4000-8000-000000000902',
    name: 'David Kleinberg',
    jobTitle: 'Assistant Director, Legal',
    service: 'Legal',
    email: '',
    signatory: true,
    aliases: [],
    updatedAt: tree.plan.updatedAt,
    deletedAt: null,
  },
];

function standardHandlers(extra: Partial<Record<Channel, Handler>> = {}) {
  return installBridge({
    'coveringReport:get': () => ({
      id: '00000000-0000-4000-8000-000000000800',
      planId: PLAN_ID,
      periodId: PERIOD,
      content: saved,
      updatedAt: tree.plan.updatedAt,
    }),
    'coveringReport:save': (i) => {
      const input = i as InputOf<'coveringReport:save'>;
      return {
        id: '00000000-0000-4000-8000-000000000800',
        planId: input.planId,
        periodId: input.periodId,
        content: CoveringReportContent.parse(input.content),
        updatedAt: tree.plan.updatedAt,
      };
    },
    'people:list': () => people,
    ...extra,
  });
}

describe('Autosaver (the covering report saves through the one autosave primitive)', () => {
  it('saves only the newest value after a quiet moment, and flush saves at once', async () => {
    vi.useFakeTimers();
    try {
      const saves: number[] = [];
      const states: SaverState['kind'][] = [];
      const saver = new Autosaver<number>({
        save: async (v) => void saves.push(v),
        onState: (s) => states.push(s.kind),
        delay: 500,
      });
      saver.change(1);
      saver.change(2);
      await vi.advanceTimersByTimeAsync(400);
      expect(saves).toEqual([]);
      saver.change(3);
      await vi.advanceTimersByTimeAsync(500);
      expect(saves).toEqual([3]);
      saver.change(4);
      await saver.flush();
      expect(saves).toEqual([3, 4]);
      expect(states.at(-1)).toBe('saved');
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps a failed value and retries it on the next flush', async () => {
    let fail = true;
    const saves: string[] = [];
    const states: SaverState[] = [];
    const saver = new Autosaver<string>({
      save: async (v) => {
        if (fail) throw new Error('The database is locked.');
        saves.push(v);
      },
      onState: (s) => states.push(s),
      delay: 10_000,
    });
    saver.change('a');
    await saver.flush();
    expect(states.at(-1)).toEqual({ kind: 'error', message: 'The database is locked.' });
    fail = false;
    await saver.flush();
    expect(saves).toEqual(['a']);
    expect(states.at(-1)).toEqual({ kind: 'saved' });
    saver.dispose();
  });
});

describe('CoveringReportEditor', () => {
  it('loads the report for the current period and autosaves edits with a visible saved state', async () => {
    const user = userEvent.setup();
    const bridge = standardHandlers();
    render(<CoveringReportEditor tree={tree} onClose={() => undefined} />);
    const title = await screen.findByLabelText('Report title');
    expect(bridge.calls('coveringReport:get')).toEqual([{ planId: PLAN_ID, periodId: PERIOD }]);
    expect(title).toHaveValue(saved.title);
    expect(screen.getByTestId('covering-save-status')).toHaveTextContent('All changes saved');

    await user.type(screen.getByLabelText('Committee'), 'Children’s Services Overview and Scrutiny Committee');
    expect(screen.getByTestId('covering-save-status')).toHaveTextContent('Saving…');
    await waitFor(() => expect(screen.getByTestId('covering-save-status')).toHaveTextContent('All changes saved'), {
      timeout: 3000,
    });
    const saves = bridge.calls('coveringReport:save') as InputOf<'coveringReport:save'>[];
    // Debounced: far fewer saves than keystrokes, the last with the whole text.
    expect(saves.length).toBeGreaterThan(0);
    expect(saves.length).toBeLessThan(5);
    expect(saves.at(-1)!.content).toMatchObject({
      committee: 'Children’s Services Overview and Scrutiny Committee',
      title: saved.title,
    });
  });

  it('keeps one report per period: switching saves the pending edit to its own period, then loads the other', async () => {
    const user = userEvent.setup();
    const second = {
      ...tree.periods[0]!,
      id: '00000000-0000-4000-8000-000000000051',
      position: 1,
      label: 'March 2020',
    };
    const twoPeriods = { ...tree, periods: [tree.periods[0]!, second] };
    const marchReport = CoveringReportContent.parse({ title: 'March report' });
    const bridge = standardHandlers({
      'coveringReport:get': (i) => {
        const { periodId } = i as InputOf<'coveringReport:get'>;
        return {
          id: '00000000-0000-4000-8000-000000000800',
          planId: PLAN_ID,
          periodId,
          content: periodId === second.id ? marchReport : saved,
          updatedAt: tree.plan.updatedAt,
        };
      },
    });
    render(<CoveringReportEditor tree={twoPeriods} onClose={() => undefined} />);
    const title = await screen.findByLabelText('Report title');
    expect(title).toHaveValue(saved.title);
    await user.type(screen.getByLabelText('Committee'), 'Cabinet');
    await user.selectOptions(screen.getByRole('combobox', { name: /Reporting period/ }), second.id);
    await waitFor(() => expect(screen.getByLabelText('Report title')).toHaveValue('March report'));
    const saves = bridge.calls('coveringReport:save') as InputOf<'coveringReport:save'>[];
    expect(saves.at(-1)).toMatchObject({ periodId: PERIOD, content: { committee: 'Cabinet' } });
    expect(saves.every((x) => x.periodId === PERIOD)).toBe(true);
    expect(bridge.calls('coveringReport:get')).toEqual([
      { planId: PLAN_ID, periodId: PERIOD },
      { planId: PLAN_ID, periodId: second.id },
    ]);
  });

  it('lists what is still to fill in before the agenda pack, without blocking the export', async () => {
    expect(missingFields(saved)).toEqual([
      'meeting date',
      // Issue 12.11: the item number is a required header field too.
      'item number',
      'committee',
      'report of',
      'accountable assistant director',
      'accountable director',
      'executive summary',
      'financial implications verified by',
      'legal implications verified by',
      'diversity and equality implications verified by',
      'report author',
    ]);
    const user = userEvent.setup();
    standardHandlers();
    render(<CoveringReportEditor tree={tree} onClose={() => undefined} />);
    const missing = await screen.findByTestId('covering-missing');
    expect(missing).toHaveTextContent('Still to fill in before the agenda pack: meeting date, item number, committee,');
    await user.type(screen.getByLabelText('Committee'), 'Cabinet');
    expect(screen.getByTestId('covering-missing')).not.toHaveTextContent(/\bcommittee,/);
    expect(screen.getByRole('button', { name: 'Export covering report…' })).toBeEnabled();
    const full = CoveringReportContent.parse({
      meetingDate: '2026-02-13',
      itemNumber: '7',
      committee: 'Cabinet',
      reportOf: { name: 'A' },
      accountableAssistantDirector: { name: 'B' },
      accountableDirector: { name: 'C' },
      executiveSummary: 'Summary.',
      implications: {
        financial: { verifiedBy: { name: 'D' } },
        legal: { verifiedBy: { name: 'E' } },
        diversity: { verifiedBy: { name: 'F' } },
      },
      author: { name: 'G' },
    });
    expect(missingFields(full)).toEqual([]);
    expect(missingFields({ ...full, publicStatus: 'exempt' })).toEqual(['reason the report is exempt']);
  });

  it('picks a signatory from the directory and fills the job title; typed names are kept', async () => {
    const user = userEvent.setup();
    const bridge = standardHandlers();
    const onClose = vi.fn();
    render(<CoveringReportEditor tree={tree} onClose={onClose} />);
    const name = await screen.findByLabelText('Accountable Director: name');
    await user.type(name, 'Sheila Murphy');
    expect(screen.getByLabelText('Accountable Director: job title')).toHaveValue(
      'Corporate Director of Children’s Services',
    );
    await user.type(screen.getByLabelText('7.2 Legal: implications verified by: name'), 'A Typed Name');
    expect(screen.getByLabelText('7.2 Legal: implications verified by: name')).toHaveValue('A Typed Name');
    // Closing saves what is pending first.
    await user.click(screen.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const last = (bridge.calls('coveringReport:save') as InputOf<'coveringReport:save'>[]).at(-1)!;
    expect(last.content).toMatchObject({
      accountableDirector: { name: 'Sheila Murphy', jobTitle: 'Corporate Director of Children’s Services' },
      implications: { legal: { verifiedBy: { name: 'A Typed Name', jobTitle: '' } } },
    });
  });

  it('reads a meeting date typed the British way and refuses one it cannot read', async () => {
    const user = userEvent.setup();
    const bridge = standardHandlers();
    const onClose = vi.fn();
    render(<CoveringReportEditor tree={tree} onClose={onClose} />);
    const date = await screen.findByLabelText('Meeting date');
    // Enter or leaving the field reads it (jsdom has no layout, so Tab is not used here).
    await user.type(date, 'next Tuesday{Enter}');
    expect(screen.getByText('Enter a date such as 13/02/2018 or 13 February 2018.')).toBeInTheDocument();
    expect(date).toHaveAttribute('aria-invalid', 'true');
    expect(bridge.calls('coveringReport:save')).toHaveLength(0);
    await user.clear(date);
    await user.type(date, '13/02/2018');
    await user.click(screen.getByLabelText('Item number'));
    expect(date).toHaveValue('13 February 2018');
    await user.click(screen.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect((bridge.calls('coveringReport:save') as InputOf<'coveringReport:save'>[]).at(-1)!.content.meetingDate).toBe(
      '2018-02-13',
    );
  });

  it('edits the recommendations list: add, reorder, remove', async () => {
    const user = userEvent.setup();
    const bridge = standardHandlers();
    const onClose = vi.fn();
    render(<CoveringReportEditor tree={tree} onClose={onClose} />);
    await screen.findByLabelText('Recommendation 1.1');
    await user.click(screen.getByRole('button', { name: '+ Add a recommendation' }));
    const second = screen.getByLabelText('Recommendation 1.2');
    expect(second).toHaveFocus();
    await user.type(second, 'That the Committee receive assurance.');
    await user.click(screen.getByRole('button', { name: 'Move Recommendation 1.2 up' }));
    expect(screen.getByLabelText('Recommendation 1.1')).toHaveValue('That the Committee receive assurance.');
    await user.click(screen.getByRole('button', { name: 'Remove Recommendation 1.2' }));
    await user.click(screen.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(
      (bridge.calls('coveringReport:save') as InputOf<'coveringReport:save'>[]).at(-1)!.content.recommendations,
    ).toEqual(['That the Committee receive assurance.']);
  });

  it('asks before refilling the progress paragraph from the plan', async () => {
    const user = userEvent.setup();
    standardHandlers({
      'plans:get': () => tree,
      'summary:get': () => computeSummary(tree, { periodId: PERIOD, today: '2020-03-01' }),
    });
    render(<CoveringReportEditor tree={tree} onClose={() => undefined} />);
    const paragraph = await screen.findByLabelText(/Progress and direction of travel/);
    await user.clear(paragraph);
    await user.type(paragraph, 'My own words.');
    await user.click(screen.getByRole('button', { name: 'Refill from the plan' }));
    const ask = screen.getByRole('alertdialog', { name: 'Refill from the plan?' });
    expect(within(ask).getByText(REFILL_QUESTION)).toBeInTheDocument();
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(paragraph).toHaveValue('My own words.');
    await user.click(screen.getByRole('button', { name: 'Refill from the plan' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Replace the paragraph' }));
    await waitFor(() => expect(paragraph).not.toHaveValue('My own words.'));
    expect(paragraph).toHaveValue(
      describeProgress(computeSummary(tree, { periodId: PERIOD, today: '2020-03-01' }), tree),
    );
  });

  it('exports the covering report; a cancelled save dialog is quiet, a failure is shown', async () => {
    const user = userEvent.setup();
    let answer: unknown = {
      ok: false,
      error: { code: 'cancelled', message: 'Export cancelled. Nothing was written.' },
    };
    const bridge = standardHandlers({ 'export:coveringReport': () => answer });
    render(<CoveringReportEditor tree={tree} onClose={() => undefined} />);
    await screen.findByLabelText('Report title');
    await user.click(screen.getByRole('button', { name: 'Export covering report…' }));
    await waitFor(() => expect(bridge.calls('export:coveringReport')).toHaveLength(1));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Export covering report…' })).toBeEnabled());
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    const input = bridge.calls('export:coveringReport')[0] as InputOf<'export:coveringReport'>;
    expect(input).toMatchObject({ planId: PLAN_ID, periodId: PERIOD });
    expect(input.path).toBeUndefined();
    expect(input.content?.title).toBe(saved.title);

    answer = { ok: false, error: { code: 'export_failed', message: 'The disk is full.' } };
    await user.click(screen.getByRole('button', { name: 'Export covering report…' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The disk is full.');

    answer = { path: '/tmp/Plan - covering report.docx', bytes: 9000 };
    await user.click(screen.getByRole('button', { name: 'Export covering report…' }));
    expect(await screen.findByText('/tmp/Plan - covering report.docx')).toBeInTheDocument();
  });
});
