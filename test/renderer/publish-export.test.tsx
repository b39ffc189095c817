// @vitest-environment jsdom
/** The export dialog against a fake `window.planwright`: options, internal-notes confirmation, quiet cancel, progress, errors. */
import '@testing-library/jest-dom/vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Channel, InputOf } from '../../shared/contract';
import { ExportOptions } from '../../shared/export-options';
import type { EventPayload } from '../../shared/events';
import type { Action, PlanTree } from '../../shared/model';
import type { Result } from '../../shared/result';
import { templateColumns } from '../../shared/templates';
import { ExportDialog, INTERNAL_NOTES_QUESTION } from '../../renderer/src/publish/ExportDialog';
import { columnChoices, initialForm, toOptions, validateForm } from '../../renderer/src/publish/exportForm';
import { fakeAction, fakeTree, presetLevels } from './settings-fixtures';

afterEach(cleanup);

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const NOW = '2020-03-01T10:00:00.000Z';

function action(n: number, sectionId: string, leads: string[]): Action {
  return fakeAction({
    id: uuid(600 + n),
    planId: uuid(1),
    sectionId,
    position: n,
    reference: `1.${n}`,
    description: `Action ${n}`,
    leads: leads.map((name, i) => ({
      id: uuid(700 + n * 10 + i),
      actionId: uuid(600 + n),
      position: i,
      name,
      personId: null,
      role: 'lead',
    })),
    createdAt: NOW,
    updatedAt: NOW,
  });
}

/** A four-level plan with two periods, two sections and leads. */
function tree(): PlanTree {
  const t = fakeTree(presetLevels('five-level'));
  const section = (n: number, title: string) => ({
    id: uuid(300 + n),
    planId: t.plan.id,
    position: n,
    number: String(n),
    numberManual: false,
    title,
    description: '',
    archived: false,
    updatedAt: NOW,
    deletedAt: null,
  });
  return {
    ...t,
    plan: {
      ...t.plan,
      columns: templateColumns('continuous'),
      currentPeriodId: uuid(51),
      comparePeriodId: uuid(50),
      appendixNumber: 2,
    },
    periods: [
      { ...t.periods[0]!, id: uuid(50), label: 'January 2020', position: 0 },
      { ...t.periods[0]!, id: uuid(51), label: 'March 2020', position: 1 },
    ],
    sections: [section(1, 'Leadership, Vision and Culture'), section(2, 'Quality of Practice')],
    actions: [action(1, uuid(301), ['J Tynan AD']), action(2, uuid(302), ['Service Lead R Murdock', 'J Tynan AD'])],
    ratings: [],
  };
}

type Handler = (input: unknown) => unknown;

/** A fake bridge with events: `emit` pushes a `job:progress` event to the dialog. */
function installBridge(handlers: Partial<Record<Channel, Handler>>) {
  const listeners = new Set<(p: unknown) => void>();
  const invoke = vi.fn(async (channel: Channel, input: unknown): Promise<Result<unknown>> => {
    const h = handlers[channel];
    if (!h) return { ok: false, error: { code: 'unknown_channel', message: `No fake for ${channel}` } };
    const out = await h(input);
    return out && typeof out === 'object' && 'ok' in out ? (out as Result<unknown>) : { ok: true, value: out };
  });
  (window as unknown as { planwright: unknown }).planwright = {
    invoke,
    on: (event: string, l: (p: unknown) => void) => {
      if (event !== 'job:progress') return () => undefined;
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  const emit = (p: EventPayload<'job:progress'>) => act(() => listeners.forEach((l) => l(p)));
  const calls = (c: Channel) => invoke.mock.calls.filter(([ch]) => ch === c).map(([, i]) => i);
  return { invoke, emit, calls };
}

function defaults(t: PlanTree) {
  return {
    options: {
      ...ExportOptions.parse({}),
      periodId: uuid(51),
      compareId: uuid(50),
      columns: t.plan.columns.filter((c) => c.visible).map((c) => c.field),
      appendixNumber: 2,
      ratingHistory: false,
    },
    fileName: 'Plan - Appendix 2.docx',
    coveringReportFileName: 'Plan - covering report.docx',
  };
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('export form rules', () => {
  it('lists the plan’s columns in its order with its labels, rating and rating history as one choice', () => {
    const t = tree();
    const choices = columnChoices(t);
    expect(choices.map((c) => c.label)).toEqual(
      t.plan.columns.filter((c) => c.field !== 'ratingHistory').map((c) => c.label),
    );
    expect(choices.filter((c) => c.field === 'rating')).toHaveLength(1);
  });

  it('turns the form into options the exporter reads, and refuses empty choices', () => {
    const t = tree();
    const form = initialForm(t, defaults(t).options);
    expect(form.includeInternal).toBe(false);
    expect(validateForm(form)).toEqual({});
    const opts = toOptions({ ...form, scope: 'lead', lead: 'J Tynan AD', ratingHistory: true }, t);
    expect(opts).toMatchObject({
      lead: 'J Tynan AD',
      ratingHistory: true,
      appendixNumber: 2,
      periodId: uuid(51),
      compareId: uuid(50),
      includeInternal: false,
    });
    expect(opts.sectionIds).toBeUndefined();
    expect(() => ExportOptions.parse(opts)).not.toThrow();
    expect(validateForm({ ...form, columns: [] }).columns).toBe('Choose at least one column.');
    expect(validateForm({ ...form, scope: 'sections', sectionIds: [] }).sections).toMatch(/at least one section/);
    expect(validateForm({ ...form, appendixNumber: '0' }).appendixNumber).toMatch(/1 to 99/);
  });

  it('shows every period in the rating history unless the author gives a number, and refuses a bad one', () => {
    const t = tree();
    const form = { ...initialForm(t, defaults(t).options), ratingHistory: true };
    expect(form.historyPeriods).toBe('');
    expect(validateForm(form)).toEqual({});
    expect(toOptions(form, t).historyPeriods).toBeUndefined();
    expect(ExportOptions.parse(toOptions(form, t)).historyPeriods).toBeUndefined();
    expect(toOptions({ ...form, historyPeriods: '3' }, t).historyPeriods).toBe(3);
    expect(validateForm({ ...form, historyPeriods: '0' }).historyPeriods).toMatch(/1 to 24 periods, or leave it blank/);
    expect(validateForm({ ...form, historyPeriods: 'four' }).historyPeriods).toBeDefined();
    expect(initialForm(t, { ...defaults(t).options, historyPeriods: 6 }).historyPeriods).toBe('6');
  });

  it('offers no rating column or rating layout when the plan has no scale (inspection layout)', () => {
    const t = { ...tree(), levels: [], plan: { ...tree().plan, columns: templateColumns('inspection') } };
    expect(columnChoices(t).some((c) => c.field === 'rating')).toBe(false);
    const opts = toOptions(initialForm(t, { ...ExportOptions.parse({}), columns: ['reference', 'description'] }), t);
    expect(opts.columns).toEqual(['reference', 'description']);
    expect(opts.ratingHistory).toBeUndefined();
  });
});

describe('ExportDialog', () => {
  it('loads the defaults: periods, compare-with, appendix number, the plan’s columns ticked, internal notes off', async () => {
    const t = tree();
    installBridge({ 'export:defaults': () => defaults(t) });
    render(<ExportDialog tree={t} onClose={() => undefined} />);
    const dialog = await screen.findByRole('dialog', { name: 'Export the committee appendix' });
    await within(dialog).findByLabelText('Reporting period');
    expect(within(dialog).getByLabelText('Reporting period')).toHaveDisplayValue('March 2020 (current)');
    expect(within(dialog).getByLabelText('Compare with')).toHaveDisplayValue('January 2020');
    expect(within(dialog).getByLabelText('Appendix number')).toHaveValue('2');
    expect(within(dialog).getByRole('checkbox', { name: 'Objective' })).toBeChecked();
    expect(within(dialog).getByRole('checkbox', { name: 'RAG' })).toBeChecked();
    expect(within(dialog).getByRole('checkbox', { name: /Include internal notes/ })).not.toBeChecked();
    expect(within(dialog).getByText('(5 Sustained)')).toBeInTheDocument();
  });

  it('asks before including internal notes, and leaves them out when the author says no', async () => {
    const user = userEvent.setup();
    const t = tree();
    const bridge = installBridge({
      'export:defaults': () => defaults(t),
      'export:appendix': () => ({ path: '/tmp/a.docx', bytes: 2048 }),
    });
    render(<ExportDialog tree={t} onClose={() => undefined} />);
    const box = await screen.findByRole('checkbox', { name: /Include internal notes/ });

    await user.click(box);
    const ask = screen.getByRole('alertdialog', { name: 'Include internal notes?' });
    expect(within(ask).getByText(INTERNAL_NOTES_QUESTION)).toBeInTheDocument();
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(box).not.toBeChecked();

    await user.click(box);
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Include internal notes' }));
    expect(box).toBeChecked();
    expect(screen.getByText('Internal notes will be published')).toBeInTheDocument();
    // Turning it off again does not ask.
    await user.click(box);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(box).not.toBeChecked();
    await user.click(box);
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Include internal notes' }));

    await user.click(screen.getByRole('button', { name: 'Export…' }));
    await screen.findByText('The appendix was saved.');
    expect((bridge.calls('export:appendix')[0] as InputOf<'export:appendix'>).options).toMatchObject({
      includeInternal: true,
    });
  });

  it('returns quietly to the options when the save dialog is cancelled', async () => {
    const user = userEvent.setup();
    const t = tree();
    const bridge = installBridge({
      'export:defaults': () => defaults(t),
      'export:appendix': () => ({
        ok: false,
        error: { code: 'cancelled', message: 'Export cancelled. Nothing was written.' },
      }),
    });
    render(<ExportDialog tree={t} onClose={() => undefined} />);
    await user.click(await screen.findByRole('button', { name: 'Export…' }));
    await waitFor(() => expect(bridge.calls('export:appendix')).toHaveLength(1));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Export…' })).toBeEnabled());
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByText(/cancelled/i)).not.toBeInTheDocument();
    expect(screen.getByLabelText('Reporting period')).toBeInTheDocument();
  });

  it('shows progress for its own job, then the saved file with Open folder', async () => {
    const user = userEvent.setup();
    const t = tree();
    const pending = deferred<unknown>();
    const bridge = installBridge({
      'export:defaults': () => defaults(t),
      'export:appendix': () => pending.promise,
      'export:reveal': () => ({ ok: true }),
      'export:open': () => ({ ok: true }),
    });
    const onClose = vi.fn();
    render(<ExportDialog tree={t} onClose={onClose} />);
    await user.click(await screen.findByRole('button', { name: 'Export…' }));
    expect(await screen.findByText('Waiting for you to choose where to save…')).toBeInTheDocument();
    const input = bridge.calls('export:appendix')[0] as InputOf<'export:appendix'>;
    expect(input.path).toBeUndefined();
    expect(input.jobId).toBeTruthy();
    bridge.emit({ jobId: 'someone-else', kind: 'export', phase: 'sections', done: 9, total: 10 });
    expect(screen.queryByText(/90%/)).not.toBeInTheDocument();
    bridge.emit({ jobId: input.jobId!, kind: 'export', phase: 'sections', done: 1, total: 4 });
    expect(screen.getByText('Writing the sections (25%)')).toBeInTheDocument();
    expect(screen.getByRole('progressbar')).toHaveAttribute('value', '25');
    pending.resolve({ path: '/home/officer/Committee/Plan - Appendix 2.docx', bytes: 48_000 });
    expect(await screen.findByTestId('export-path')).toHaveTextContent(
      '/home/officer/Committee/Plan - Appendix 2.docx',
    );
    await user.click(screen.getByRole('button', { name: 'Open folder' }));
    expect(bridge.calls('export:reveal')).toEqual([{ path: '/home/officer/Committee/Plan - Appendix 2.docx' }]);
    await user.click(screen.getByRole('button', { name: 'Open document' }));
    expect(bridge.calls('export:open')).toEqual([{ path: '/home/officer/Committee/Plan - Appendix 2.docx' }]);
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalled();
  });

  it('shows an export failure in the dialog and keeps the choices', async () => {
    const user = userEvent.setup();
    const t = tree();
    installBridge({
      'export:defaults': () => defaults(t),
      'export:appendix': () => ({
        ok: false,
        error: { code: 'invalid_input', message: 'No actions have a lead matching "Nobody". Nothing was written.' },
      }),
    });
    render(<ExportDialog tree={t} onClose={() => undefined} />);
    await user.click(await screen.findByRole('radio', { name: /One lead’s actions/ }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Lead' }), 'Service Lead R Murdock');
    await user.click(screen.getByRole('button', { name: 'Export…' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'No actions have a lead matching "Nobody". Nothing was written.',
    );
    expect(screen.getByRole('combobox', { name: 'Lead' })).toHaveValue('Service Lead R Murdock');
  });

  it('sends the chosen sections, lead, progress choice, layout and text size', async () => {
    const user = userEvent.setup();
    const t = tree();
    const bridge = installBridge({
      'export:defaults': () => defaults(t),
      'export:appendix': () => ({ path: '/tmp/x.docx', bytes: 10 }),
    });
    render(<ExportDialog tree={t} onClose={() => undefined} />);
    await user.click(await screen.findByRole('radio', { name: 'Only some sections' }));
    await user.click(screen.getByRole('button', { name: 'Export…' }));
    expect(screen.getByText(/Choose at least one section/)).toBeInTheDocument();
    expect(bridge.calls('export:appendix')).toHaveLength(0);
    await user.click(screen.getByRole('checkbox', { name: /Quality of Practice/ }));
    await user.click(screen.getByRole('radio', { name: 'All updates in the period' }));
    await user.click(screen.getByRole('radio', { name: /Rating history/ }));
    await user.click(screen.getByRole('checkbox', { name: /Merge cells/ }));
    await user.click(screen.getByRole('checkbox', { name: 'Outcome' }));
    await user.selectOptions(screen.getByLabelText('Compare with'), 'No comparison');
    expect(screen.getByLabelText('Text size')).toHaveValue('10');
    await user.selectOptions(screen.getByLabelText('Text size'), '11 pt');
    await user.click(screen.getByRole('button', { name: 'Export…' }));
    await screen.findByText('The appendix was saved.');
    const { options } = bridge.calls('export:appendix')[0] as InputOf<'export:appendix'>;
    expect(options).toMatchObject({
      fontSize: 11,
      sectionIds: [uuid(302)],
      progress: 'all',
      ratingHistory: true,
      mergeRepeated: false,
      compareId: null,
    });
    expect(options!.columns).not.toContain('outcome');
    expect(options!.lead).toBeUndefined();
  });
});
