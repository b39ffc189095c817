// @vitest-environment jsdom
/** The import wizard against a fake `window.planwright`: choose, quiet cancel, failures, the preview, remap, commit, cancel. */
import '@testing-library/jest-dom/vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Channel, InputOf } from '../../shared/contract';
import type { EventPayload } from '../../shared/events';
import type { ImportPreview } from '../../shared/import-schema';
import type { Result } from '../../shared/result';
import { ImportWizard } from '../../renderer/src/importer/ImportWizard';
import { describeTotals, ratingPeriods, remapped, withPeriod } from '../../renderer/src/importer/mapping';

afterEach(cleanup);

type Handler = (input: unknown) => unknown;
function installBridge(handlers: Partial<Record<Channel, Handler>>) {
  const listeners = new Set<(p: unknown) => void>();
  const invoke = vi.fn(async (channel: Channel, input: unknown): Promise<Result<unknown>> => {
    const h = handlers[channel];
    if (!h) return { ok: false, error: { code: 'unknown_channel', message: `No fake for ${channel}` } };
    const out = await h(input);
    return out && typeof out === 'object' && 'ok' in out && ('value' in out || 'error' in out)
      ? (out as Result<unknown>)
      : { ok: true, value: out };
  });
  (window as unknown as { planwright: unknown }).planwright = {
    invoke,
    on: (event: string, l: (p: unknown) => void) => {
      if (event !== 'job:progress') return () => undefined;
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return {
    invoke,
    calls: (c: Channel) => invoke.mock.calls.filter(([ch]) => ch === c).map(([, i]) => i),
    emit: (p: EventPayload<'job:progress'>) => act(() => listeners.forEach((l) => l(p))),
  };
}

const PLAN_ID = '00000000-0000-4000-8000-000000000abc';

function preview(over: Partial<ImportPreview> = {}): ImportPreview {
  return {
    token: 'tok-1',
    fileName: 'continuous-development-plan-2020-rated.docx',
    kind: 'docx',
    sheets: [],
    sheet: null,
    headerRow: 1,
    title: 'Continuous Development Plan 2020',
    sections: [
      { number: '1', title: 'Leadership, Vision and Culture', rows: 6 },
      { number: '2', title: 'Quality of Practice', rows: 5 },
    ],
    columns: [
      {
        index: 0,
        field: 'objective',
        header: 'Objective',
        confidence: 1,
        alternatives: [],
        samples: ['Strong leadership'],
      },
      {
        index: 1,
        field: 'description',
        header: 'Action',
        confidence: 1,
        alternatives: [],
        samples: ['Embed the practice model'],
      },
      {
        index: 2,
        field: 'outcome',
        header: 'Outcome',
        confidence: 0.6,
        alternatives: ['objective'],
        samples: ['Children are safer'],
      },
      { index: 3, field: 'lead', header: 'Lead', confidence: 1, alternatives: [], samples: ['J Tynan AD'] },
      { index: 4, field: 'rating', period: 'March 2020', header: 'RAG', confidence: 1, alternatives: [], samples: [] },
      {
        index: 5,
        field: 'ignore',
        header: 'Notes',
        confidence: 0.2,
        alternatives: ['progress'],
        samples: ['Asked John Cooke'],
      },
    ],
    scaleSource: 'colours',
    scale: [
      { key: 'red', label: 'Red', colour: 'FF0000', definition: 'Not started or progressed' },
      { key: 'amber', label: 'Amber', colour: 'FFC000', definition: 'Some progress but not fully achieved' },
      { key: 'green', label: 'Green', colour: '00B050', definition: 'Delivered and showing impact' },
    ],
    periods: ['March 2020'],
    recommendations: [{ label: 'Ofsted 1', text: 'Improve supervision', linkedTo: ['3.1', '3.2'] }],
    totals: { sections: 2, actions: 11, periods: 1, ratings: 10, recommendations: 1 },
    warnings: [
      {
        code: 'unknown-colour',
        message: 'The shading colour 7030A0 is not a known rating colour; 2.3 is left not rated.',
        location: 'Table 2, row 4',
      },
    ],
    ...over,
  };
}

describe('mapping helpers', () => {
  it('changes one column and keeps the others, with a rating column’s period', () => {
    const p = preview();
    const m = remapped(p.columns, 5, 'progress');
    expect(m).toContainEqual({ index: 5, field: 'progress' });
    expect(m).toContainEqual({ index: 4, field: 'rating', period: 'March 2020' });
    expect(m).toContainEqual({ index: 3, field: 'lead' });
    expect(describeTotals(p.totals)).toBe('2 sections, 11 actions, 1 reporting period, 10 ratings, 1 recommendation');
    expect(describeTotals({ ...p.totals, recommendations: 0, sections: 1 })).toBe(
      '1 section, 11 actions, 1 reporting period, 10 ratings',
    );
  });
});

describe('period helpers', () => {
  it('each rating column reads into the preview’s period in order; renaming one keeps the others', () => {
    const cols = [
      { index: 0, field: 'description' as const, header: 'Action', confidence: 1, alternatives: [], samples: [] },
      {
        index: 1,
        field: 'rating' as const,
        period: 'RAG initial',
        header: 'RAG initial',
        confidence: 1,
        alternatives: [],
        samples: [],
      },
      {
        index: 2,
        field: 'rating' as const,
        period: 'RAG 01/18',
        header: 'RAG 01/18',
        confidence: 1,
        alternatives: [],
        samples: [],
      },
    ];
    expect([...ratingPeriods({ columns: cols, periods: ['RAG initial', 'RAG 01/18'] })]).toEqual([
      [1, 'RAG initial'],
      [2, 'RAG 01/18'],
    ]);
    expect(withPeriod(cols, 2, ' January 2018 ')).toEqual([
      { index: 0, field: 'description' },
      { index: 1, field: 'rating', period: 'RAG initial' },
      { index: 2, field: 'rating', period: 'January 2018' },
    ]);
  });
});

describe('ImportWizard', () => {
  it('returns quietly to step 1 when the open dialog is cancelled', async () => {
    const user = userEvent.setup();
    const bridge = installBridge({
      'import:preview': () => ({
        ok: false,
        error: { code: 'cancelled', message: 'No file was chosen, so nothing was imported.' },
      }),
    });
    render(<ImportWizard onDone={() => undefined} onCancel={() => undefined} />);
    const choose = screen.getByRole('button', { name: 'Choose a file…' });
    expect(choose).toHaveFocus();
    await user.click(choose);
    await waitFor(() => expect(bridge.calls('import:preview')).toEqual([{ options: {} }]));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Choose a file…' })).toBeEnabled());
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows a failure clearly, with the message, and writes nothing', async () => {
    const user = userEvent.setup();
    const bridge = installBridge({
      'import:preview': () => ({
        ok: false,
        error: {
          code: 'import_failed',
          message: 'This document is password-protected. Remove the password in Word and try again.',
        },
      }),
    });
    render(<ImportWizard onDone={() => undefined} onCancel={() => undefined} />);
    await user.click(screen.getByRole('button', { name: 'Choose a file…' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This file couldn’t be imported.');
    expect(alert).toHaveTextContent('This document is password-protected. Remove the password in Word and try again.');
    expect(alert).toHaveTextContent('Nothing was written.');
    expect(bridge.calls('import:commit')).toHaveLength(0);
    expect(screen.getByRole('button', { name: 'Choose another file…' })).toBeInTheDocument();
  });

  it('shows progress while the file is read, then the preview: sections, scale with labels, periods, warnings with locations', async () => {
    const user = userEvent.setup();
    let answer!: (p: ImportPreview) => void;
    const bridge = installBridge({ 'import:preview': () => new Promise((r) => (answer = r)) });
    render(<ImportWizard onDone={() => undefined} onCancel={() => undefined} />);
    await user.click(screen.getByRole('button', { name: 'Choose a file…' }));
    expect(await screen.findByText('Waiting for you to choose a file…')).toBeInTheDocument();
    bridge.emit({ jobId: 'j', kind: 'import', phase: 'reading tables', done: 3, total: 6 });
    expect(screen.getByText('Reading the tables (50%)')).toBeInTheDocument();
    await act(async () => answer(preview()));

    expect(await screen.findByTestId('import-file-name')).toHaveTextContent(
      'continuous-development-plan-2020-rated.docx',
    );
    expect(screen.getByTestId('import-totals')).toHaveTextContent(
      '2 sections, 11 actions, 1 reporting period, 10 ratings, 1 recommendation, with 1 warning to check',
    );
    const sections = screen.getAllByTestId('import-section');
    expect(sections).toHaveLength(2);
    expect(within(sections[0]!).getByText('Leadership, Vision and Culture')).toBeInTheDocument();
    expect(within(sections[0]!).getByText('6')).toBeInTheDocument();
    for (const label of ['Red', 'Amber', 'Green'])
      expect(screen.getByText(label).closest('[data-rating]')).toHaveAttribute('data-rating', label);
    expect(screen.getByText('Table 2, row 4')).toBeInTheDocument();
    expect(screen.getByText(/7030A0 is not a known rating colour/)).toBeInTheDocument();
    expect(screen.getByText('answered by 3.1, 3.2')).toBeInTheDocument();
    expect(screen.getByLabelText('Title of the new plan')).toHaveValue('Continuous Development Plan 2020');
    expect(screen.getByLabelText('“Lead” is the')).toHaveDisplayValue('Lead');
  });

  it('re-reads the file when a column’s mapping changes', async () => {
    const user = userEvent.setup();
    const bridge = installBridge({
      'import:preview': () => preview(),
      'import:remap': (i) => {
        const input = i as InputOf<'import:remap'>;
        const p = preview();
        return {
          ...p,
          columns: p.columns.map((c) => ({ ...c, field: input.mapping!.find((m) => m.index === c.index)!.field })),
          totals: { ...p.totals, actions: 12 },
        };
      },
    });
    render(<ImportWizard onDone={() => undefined} onCancel={() => undefined} />);
    await user.click(screen.getByRole('button', { name: 'Choose a file…' }));
    const notes = await screen.findByLabelText('“Notes” is the');
    await user.selectOptions(notes, 'progress');
    await waitFor(() => expect(bridge.calls('import:remap')).toHaveLength(1));
    const input = bridge.calls('import:remap')[0] as InputOf<'import:remap'>;
    expect(input.token).toBe('tok-1');
    expect(input.mapping).toContainEqual({ index: 5, field: 'progress' });
    expect(input.mapping).toHaveLength(6);
    await waitFor(() => expect(screen.getByTestId('import-totals')).toHaveTextContent('12 actions'));
    expect(screen.getByLabelText('“Notes” is the')).toHaveDisplayValue('Progress');
  });

  it('names a rating column’s reporting period (Enter re-reads the file; an empty name is put back)', async () => {
    const user = userEvent.setup();
    const bridge = installBridge({
      'import:preview': () =>
        preview({
          columns: preview().columns.map((c) => (c.field === 'rating' ? { ...c, period: undefined } : c)),
          periods: ['2020'],
        }),
      'import:remap': (i) => {
        const input = i as InputOf<'import:remap'>;
        const period = input.mapping!.find((m) => m.index === 4)!.period!;
        return preview({
          periods: [period],
          columns: preview().columns.map((c) => (c.index === 4 ? { ...c, period } : c)),
        });
      },
    });
    render(<ImportWizard onDone={() => undefined} onCancel={() => undefined} />);
    await user.click(screen.getByRole('button', { name: 'Choose a file…' }));
    const period = await screen.findByLabelText('Reporting period of “RAG”');
    expect(period).toHaveValue('2020');
    await user.clear(period);
    await user.click(screen.getByLabelText('Title of the new plan'));
    expect(period).toHaveValue('2020');
    expect(bridge.calls('import:remap')).toHaveLength(0);
    await user.clear(period);
    await user.type(period, 'March 2020{Enter}');
    await waitFor(() => expect(bridge.calls('import:remap')).toHaveLength(1));
    expect((bridge.calls('import:remap')[0] as InputOf<'import:remap'>).mapping).toContainEqual({
      index: 4,
      field: 'rating',
      period: 'March 2020',
    });
    await waitFor(() => expect(screen.getByLabelText('Reporting period of “RAG”')).toHaveValue('March 2020'));
    expect(screen.getByText('March 2020', { selector: 'p' })).toBeInTheDocument();
  });

  it('imports on the first click after typing a period name (the re-read on leaving the field is awaited, not in the way)', async () => {
    const user = userEvent.setup();
    let release: () => void = () => undefined;
    const order: string[] = [];
    const bridge = installBridge({
      'import:preview': () =>
        preview({
          columns: preview().columns.map((c) => (c.field === 'rating' ? { ...c, period: undefined } : c)),
          periods: ['2020'],
        }),
      'import:remap': async (i) => {
        order.push('remap');
        await new Promise<void>((r) => (release = r));
        const input = i as InputOf<'import:remap'>;
        const period = input.mapping!.find((m) => m.index === 4)!.period!;
        return preview({
          token: 'tok-2',
          periods: [period],
          columns: preview().columns.map((c) => (c.index === 4 ? { ...c, period } : c)),
        });
      },
      'import:commit': () => {
        order.push('commit');
        return {
          planId: PLAN_ID,
          title: 'Our plan',
          sections: 2,
          actions: 11,
          periods: 1,
          ratings: 10,
          recommendations: 1,
          warnings: [],
        };
      },
    });
    const onDone = vi.fn();
    render(<ImportWizard onDone={onDone} onCancel={() => undefined} />);
    await user.click(screen.getByRole('button', { name: 'Choose a file…' }));
    const period = await screen.findByLabelText('Reporting period of “RAG”');
    await user.clear(period);
    await user.type(period, 'March 2020');
    // One click: the field is left (re-read starts), and the import waits for it.
    await user.click(screen.getByRole('button', { name: 'Import as a new plan' }));
    await waitFor(() => expect(bridge.calls('import:remap')).toHaveLength(1));
    act(() => release());
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(PLAN_ID));
    expect(order).toEqual(['remap', 'commit']);
    expect(bridge.calls('import:commit')).toEqual([{ token: 'tok-2', title: expect.any(String) }]);
  });

  it('offers the sheet and header row for a workbook', async () => {
    const user = userEvent.setup();
    const bridge = installBridge({
      'import:preview': () =>
        preview({
          kind: 'xlsx',
          fileName: 'tracker.xlsx',
          sheets: ['Summary', 'Plan'],
          sheet: 'Summary',
          headerRow: 1,
        }),
      'import:remap': (i) => {
        const input = i as InputOf<'import:remap'>;
        return preview({
          kind: 'xlsx',
          fileName: 'tracker.xlsx',
          sheets: ['Summary', 'Plan'],
          sheet: input.sheet ?? 'Plan',
          headerRow: input.headerRow ?? 1,
        });
      },
    });
    render(<ImportWizard onDone={() => undefined} onCancel={() => undefined} />);
    await user.click(screen.getByRole('button', { name: 'Choose a file…' }));
    await user.selectOptions(await screen.findByLabelText('Sheet'), 'Plan');
    await waitFor(() => expect(bridge.calls('import:remap')).toEqual([{ token: 'tok-1', sheet: 'Plan' }]));
    const row = screen.getByLabelText('Header row');
    await waitFor(() => expect(row).toBeEnabled());
    await user.clear(row);
    await user.type(row, '3');
    await user.click(screen.getByRole('button', { name: 'Use this row' }));
    await waitFor(() => expect(bridge.calls('import:remap')).toHaveLength(2));
    expect(bridge.calls('import:remap')[1]).toEqual({ token: 'tok-1', headerRow: 3 });
  });

  it('confirms with the edited title and hands back the new plan', async () => {
    const user = userEvent.setup();
    const bridge = installBridge({
      'import:preview': () => preview(),
      'import:commit': () => ({
        planId: PLAN_ID,
        title: 'Our plan',
        sections: 2,
        actions: 11,
        periods: 1,
        ratings: 10,
        recommendations: 1,
        warnings: [],
      }),
    });
    const onDone = vi.fn();
    render(<ImportWizard onDone={onDone} onCancel={() => undefined} />);
    await user.click(screen.getByRole('button', { name: 'Choose a file…' }));
    const title = await screen.findByLabelText('Title of the new plan');
    await user.clear(title);
    await user.click(screen.getByRole('button', { name: 'Import as a new plan' }));
    expect(screen.getByText('The new plan needs a title.')).toBeInTheDocument();
    expect(bridge.calls('import:commit')).toHaveLength(0);
    await user.type(title, 'Our plan');
    await user.click(screen.getByRole('button', { name: 'Import as a new plan' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(PLAN_ID));
    expect(bridge.calls('import:commit')).toEqual([{ token: 'tok-1', title: 'Our plan' }]);
    expect(bridge.calls('import:cancel')).toHaveLength(0);
  });

  it('shows a commit failure and stays on the preview', async () => {
    const user = userEvent.setup();
    installBridge({
      'import:preview': () => preview(),
      'import:commit': () => ({
        ok: false,
        error: { code: 'import_failed', message: 'A section needs a title. Nothing was imported.' },
      }),
    });
    const onDone = vi.fn();
    render(<ImportWizard onDone={onDone} onCancel={() => undefined} />);
    await user.click(screen.getByRole('button', { name: 'Choose a file…' }));
    await user.click(await screen.findByRole('button', { name: 'Import as a new plan' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The plan was not imported: A section needs a title. Nothing was imported.',
    );
    expect(onDone).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Import as a new plan' })).toBeEnabled();
  });

  it('cancelling forgets the pending import (also with Escape)', async () => {
    const user = userEvent.setup();
    const bridge = installBridge({ 'import:preview': () => preview(), 'import:cancel': () => ({ ok: true }) });
    const onCancel = vi.fn();
    render(<ImportWizard onDone={() => undefined} onCancel={onCancel} />);
    await user.click(screen.getByRole('button', { name: 'Choose a file…' }));
    await screen.findByTestId('import-file-name');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(onCancel).toHaveBeenCalled());
    expect(bridge.calls('import:cancel')).toEqual([{ token: 'tok-1' }]);
  });

  it('shows the indicators it will create (values and missing), and declining the proposed ratings re-reads the file', async () => {
    const user = userEvent.setup();
    const proposedWarning = {
      code: 'proposed-rating' as const,
      message: 'No rating column: 4 ratings are proposed on a words scale.',
      location: 'Whole document',
    };
    const declinedWarning = {
      code: 'proposed-rating' as const,
      message: 'No rating column: 4 ratings were not proposed from the status phrases, as asked.',
      location: 'Whole document',
    };
    const indicators = [
      {
        section: '1 Front door',
        name: 'Contacts screened in 24 hours',
        unit: 'percent',
        polarity: 'higher-is-better',
        values: 5,
        missing: 1,
      },
      {
        section: '1 Front door',
        name: 'Re-referrals',
        unit: 'count',
        polarity: 'lower-is-better',
        values: 6,
        missing: 0,
      },
    ];
    const bridge = installBridge({
      'import:preview': () => preview({ warnings: [proposedWarning], indicators }),
      'import:remap': (i) => {
        const input = i as InputOf<'import:remap'>;
        return preview({
          warnings: [input.proposedRatings === false ? declinedWarning : proposedWarning],
          indicators,
          totals: { ...preview().totals, ratings: input.proposedRatings === false ? 0 : 4 },
        });
      },
    });
    render(<ImportWizard onDone={() => undefined} onCancel={() => undefined} />);
    await user.click(screen.getByRole('button', { name: 'Choose a file…' }));
    const rows = await screen.findAllByTestId('import-indicator');
    expect(rows.map((r) => r.textContent)).toEqual([
      '1 Front doorContacts screened in 24 hourspercenthigher-is-better51',
      '1 Front doorRe-referralscountlower-is-better60',
    ]);
    expect(screen.getByRole('region', { name: 'Performance indicators (2)' })).toHaveTextContent('never 0');
    const use = screen.getByRole('checkbox', { name: /Use the proposed ratings/ });
    expect(use).toBeChecked();
    await user.click(use);
    await waitFor(() => expect(bridge.calls('import:remap')).toHaveLength(1));
    expect((bridge.calls('import:remap')[0] as InputOf<'import:remap'>).proposedRatings).toBe(false);
    await waitFor(() => expect(screen.getByRole('checkbox', { name: /Use the proposed ratings/ })).not.toBeChecked());
    await waitFor(() => expect(screen.getByText(/were not proposed/)).toBeInTheDocument());
    await user.click(screen.getByRole('checkbox', { name: /Use the proposed ratings/ }));
    await waitFor(() => expect(bridge.calls('import:remap')).toHaveLength(2));
    expect((bridge.calls('import:remap')[1] as InputOf<'import:remap'>).proposedRatings).toBe(true);
  });
});
