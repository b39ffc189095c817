// @vitest-environment jsdom
/** The plan library and its "New plan" dialog, against a fake `window.planwright`. */
import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InputOf } from '../../shared/contract';
import type { Plan, PlanListItem } from '../../shared/model';
import { CreatePlanDialog, TITLE_REQUIRED } from '../../renderer/src/library/CreatePlanDialog';
import { PlanLibrary } from '../../renderer/src/library/PlanLibrary';
import { callsOf, fakeTree, installFakeApi } from './settings-fixtures';

afterEach(cleanup);

const plan: Plan = fakeTree().plan;
const creates = (invoke: ReturnType<typeof installFakeApi>) =>
  callsOf(invoke, 'plans:create') as InputOf<'plans:create'>[];

describe('CreatePlanDialog', () => {
  it('offers the three real layouts and blank, showing the chosen one’s columns and scale', async () => {
    const user = userEvent.setup();
    installFakeApi({});
    render(<CreatePlanDialog onCreated={() => undefined} onCancel={() => undefined} />);
    const dialog = screen.getByRole('dialog', { name: 'New plan' });
    const radios = within(dialog).getAllByRole('radio');
    expect(radios).toHaveLength(4);
    expect(within(dialog).getByRole('radio', { name: /Continuous development plan/ })).toBeChecked();
    expect(
      within(dialog).getByText(/Objective · Action · Outcome · Progress · By When · Lead · RAG/),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('Blue')).toBeInTheDocument();

    await user.click(within(dialog).getByRole('radio', { name: /Inspection action plan/ }));
    expect(within(dialog).getByText(/Strategic Lead · Operational Lead · Timescale \(By When\)/)).toBeInTheDocument();
    expect(within(dialog).getByText(/No rating column until you add a scale/)).toBeInTheDocument();

    await user.click(within(dialog).getByRole('radio', { name: /Development plan/ }));
    expect(within(dialog).getByText('3 On track')).toBeInTheDocument();
  });

  it('requires a title, with a clear message and no call to the store', async () => {
    const user = userEvent.setup();
    const invoke = installFakeApi({ 'plans:create': () => plan });
    render(<CreatePlanDialog onCreated={() => undefined} onCancel={() => undefined} />);
    const title = screen.getByLabelText(/^Title/);
    expect(title).toHaveFocus();
    await user.type(title, '   ');
    await user.type(screen.getByLabelText('Organisation'), 'Thurrock Council');
    await user.click(screen.getByRole('button', { name: 'Create plan' }));
    expect(screen.getByText(TITLE_REQUIRED)).toBeInTheDocument();
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(title).toHaveFocus();
    expect(creates(invoke)).toHaveLength(0);
    // What was typed is kept.
    expect(screen.getByLabelText('Organisation')).toHaveValue('Thurrock Council');
  });

  it('creates a plan from the chosen template and scale', async () => {
    const user = userEvent.setup();
    const invoke = installFakeApi({ 'plans:create': () => plan });
    const onCreated = vi.fn();
    render(<CreatePlanDialog onCreated={onCreated} onCancel={() => undefined} />);
    await user.click(screen.getByRole('radio', { name: /Inspection action plan/ }));
    await user.type(screen.getByLabelText(/^Title/), '  Ofsted Action Plan  ');
    await user.type(screen.getByLabelText('Organisation'), 'Thurrock Council');
    await user.type(screen.getByLabelText('Service'), 'Children’s Services');
    await user.type(screen.getByLabelText('Plan period'), '2014-16');
    await user.selectOptions(screen.getByLabelText('Rating scale'), 'rag-blue');
    await user.click(screen.getByRole('button', { name: 'Create plan' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(plan));
    expect(creates(invoke)).toEqual([
      {
        title: 'Ofsted Action Plan',
        organisation: 'Thurrock Council',
        service: 'Children’s Services',
        planPeriod: '2014-16',
        template: 'inspection',
        scalePreset: 'rag-blue',
      },
    ]);
  });

  it('shows the store’s refusal and keeps what was typed', async () => {
    const user = userEvent.setup();
    installFakeApi({
      'plans:create': () => ({
        ok: false,
        error: { code: 'internal', message: 'The plan store is read-only. Nothing was changed.' },
      }),
    });
    const onCreated = vi.fn();
    render(<CreatePlanDialog onCreated={onCreated} onCancel={() => undefined} />);
    await user.type(screen.getByLabelText(/^Title/), 'Development Plan');
    await user.click(screen.getByRole('button', { name: 'Create plan' }));
    expect(await screen.findByText('The plan store is read-only. Nothing was changed.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Title/)).toHaveValue('Development Plan');
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('closes on Escape', async () => {
    const user = userEvent.setup();
    installFakeApi({});
    const onCancel = vi.fn();
    render(<CreatePlanDialog onCreated={() => undefined} onCancel={onCancel} />);
    await user.keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalled();
  });
});

function item(over: Partial<PlanListItem>): PlanListItem {
  return {
    id: plan.id,
    title: plan.title,
    organisation: 'Thurrock Council',
    service: 'Children’s Services',
    planPeriod: '2017-19',
    template: 'development',
    archived: false,
    deletedAt: null,
    updatedAt: '2018-02-13T10:00:00.000Z',
    actionCount: 12,
    currentPeriodLabel: 'RAG 01/18',
    distribution: [
      { levelId: '00000000-0000-4000-8000-000000000101', label: 'Red', colour: 'FF0000', count: 2 },
      { levelId: '00000000-0000-4000-8000-000000000102', label: 'Amber', colour: 'FFC000', count: 3 },
      { levelId: '00000000-0000-4000-8000-000000000103', label: 'Green', colour: '00B050', count: 5 },
    ],
    notRated: 2,
    ...over,
  };
}

describe('PlanLibrary', () => {
  const other = item({
    id: '00000000-0000-4000-8000-000000000002',
    title: 'Old Inspection Plan',
    archived: true,
    updatedAt: '2016-03-01T10:00:00.000Z',
  });
  const binned = item({
    id: '00000000-0000-4000-8000-000000000003',
    title: 'Binned Plan',
    deletedAt: '2018-02-14T10:00:00.000Z',
  });

  it('lists plans with their details and a labelled rating distribution', async () => {
    installFakeApi({ 'plans:list': (i) => (i.trash ? [binned] : [item({}), other]) });
    render(<PlanLibrary onOpenPlan={() => undefined} />);
    const row = (await screen.findAllByTestId('plan-row'))[0]!;
    expect(screen.getAllByTestId('plan-row')).toHaveLength(1);
    expect(within(row).getByRole('button', { name: plan.title })).toBeInTheDocument();
    expect(within(row).getByText('13 February 2018')).toBeInTheDocument();
    expect(within(row).getByText('RAG 01/18')).toBeInTheDocument();
    expect(within(row).getByText('12')).toBeInTheDocument();
    expect(within(row).getByText('Red 2')).toBeInTheDocument();
    expect(within(row).getByText('Not rated 2')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: /Archived/ })).toHaveTextContent('1');
  });

  it('duplicates, archives and moves to Trash with labelled row buttons', async () => {
    const user = userEvent.setup();
    const invoke = installFakeApi({
      'plans:list': (i) => (i.trash ? [] : [item({})]),
      'plans:duplicate': () => ({ ...plan, title: `${plan.title} (copy)` }),
      'plans:archive': () => plan,
      'plans:delete': () => ({ ok: true as const }),
      'plans:restore': () => plan,
    });
    render(<PlanLibrary onOpenPlan={() => undefined} />);
    await user.click(await screen.findByRole('button', { name: `Duplicate ${plan.title}` }));
    expect(await screen.findByText(`Duplicated “${plan.title}” as “${plan.title} (copy)”.`)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: `Archive ${plan.title}` }));
    await waitFor(() => expect(callsOf(invoke, 'plans:archive')).toEqual([{ planId: plan.id, archived: true }]));
    await user.click(screen.getByRole('button', { name: `Move ${plan.title} to Trash` }));
    expect(await screen.findByText(`Moved “${plan.title}” to Trash.`)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(callsOf(invoke, 'plans:restore')).toEqual([{ planId: plan.id }]));
  });

  it('deletes for ever from Trash only after confirmation', async () => {
    const user = userEvent.setup();
    const invoke = installFakeApi({
      'plans:list': (i) => (i.trash ? [binned] : []),
      'plans:purge': () => ({ ok: true as const }),
    });
    render(<PlanLibrary onOpenPlan={() => undefined} />);
    await user.click(await screen.findByRole('tab', { name: /Trash/ }));
    await user.click(screen.getByRole('button', { name: 'Delete Binned Plan for ever' }));
    const dialog = screen.getByRole('alertdialog', { name: /Delete “Binned Plan” for ever\?/ });
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(callsOf(invoke, 'plans:purge')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Delete Binned Plan for ever' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete for ever' }));
    await waitFor(() => expect(callsOf(invoke, 'plans:purge')).toEqual([{ planId: binned.id }]));
  });

  it('opens a new plan once it is created', async () => {
    const user = userEvent.setup();
    installFakeApi({ 'plans:list': () => [], 'plans:create': () => plan });
    const onOpen = vi.fn();
    render(<PlanLibrary onOpenPlan={onOpen} />);
    expect(await screen.findByText(/No plans yet/)).toBeInTheDocument();
    await user.click(screen.getAllByRole('button', { name: '+ New plan' })[0]!);
    await user.type(screen.getByLabelText(/^Title/), 'New Plan');
    await user.click(screen.getByRole('button', { name: 'Create plan' }));
    await waitFor(() => expect(onOpen).toHaveBeenCalledWith(plan.id));
  });
});
