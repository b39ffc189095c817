// @vitest-environment jsdom
/**
 * The plan-wide History tab (issue 11 point 7): lists changes newest first with who, what and the change
 * (long text word by word), and its Person / Period filters and "Load more" call `history:plan` with the
 * right input.
 */
import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { InputOf } from '../../shared/contract';
import type { Action, AuditEntry, PlanTree } from '../../shared/model';
import { HISTORY_PAGE, PlanHistory } from '../../renderer/src/history/PlanHistory';
import { callsOf, fakeAction, fakeTree, installFakeApi, PLAN_ID } from './settings-fixtures';

afterEach(cleanup);

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const NOW = '2026-02-13T10:00:00.000Z';

function treeWithAction(): PlanTree {
  const tree = fakeTree();
  const action: Action = fakeAction({
    id: uuid(60),
    sectionId: uuid(40),
    reference: '1.2',
    description: 'Monthly supervision audits',
    createdAt: NOW,
    updatedAt: NOW,
  });
  const second = { ...tree.periods[0]!, id: uuid(51), position: 1, label: 'May 2020' };
  return { ...tree, actions: [action], periods: [...tree.periods, second] };
}

const entry = (n: number, over: Partial<AuditEntry>): AuditEntry => ({
  id: uuid(1000 + n),
  at: `2026-02-13T10:${String(59 - n).padStart(2, '0')}:00.000Z`,
  actor: 'Alice Jones',
  planId: PLAN_ID,
  entity: 'action',
  entityId: uuid(60),
  op: 'update',
  field: 'description',
  oldValue: 'Quarterly supervision audits',
  newValue: 'Monthly supervision audits',
  ...over,
});

const longOld =
  'The service will audit a sample of supervision records every quarter and report the findings to the board.';
const longNew =
  'The service will audit a sample of supervision records every month and report the findings to the board.';

describe('PlanHistory', () => {
  it('lists changes with when, who, what and the change; long text shows word by word', async () => {
    const tree = treeWithAction();
    installFakeApi({
      'history:actors': () => ['Alice Jones', 'Bob Smith'],
      'history:plan': () => [
        entry(0, { field: 'description', oldValue: longOld, newValue: longNew }),
        entry(1, {
          actor: 'Bob Smith',
          entity: 'rating',
          entityId: uuid(70),
          field: 'levelId',
          oldValue: null,
          newValue: tree.levels[0]!.id,
        }),
      ],
    });
    render(<PlanHistory tree={tree} />);
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('13 February 2026');
    expect(rows[0]).toHaveTextContent('Alice Jones');
    expect(rows[0]).toHaveTextContent('Action 1.2');
    expect(rows[0]).toHaveTextContent('changed the action text');
    expect(within(rows[0]!).getByText('quarter', { exact: false, selector: 'del' })).toBeInTheDocument();
    expect(within(rows[0]!).getByText('month', { exact: false, selector: 'ins' })).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent('Bob Smith');
    expect(rows[1]).toHaveTextContent('Rating of action 1.2, Initial');
    expect(rows[1]).toHaveTextContent(`changed the rating from not rated to ${tree.levels[0]!.label}`);
  });

  it('filters by person and period, and loads more, calling history:plan with the right input', async () => {
    const tree = treeWithAction();
    const page = Array.from({ length: HISTORY_PAGE }, (_, i) => entry(i % 50, { id: uuid(2000 + i) }));
    const invoke = installFakeApi({
      'history:actors': () => ['Alice Jones', 'Bob Smith'],
      'history:plan': (input) => (input.before ? [entry(0, { id: uuid(3000), actor: 'Bob Smith' })] : page),
    });
    const user = userEvent.setup();
    render(<PlanHistory tree={tree} />);
    await screen.findByRole('table');
    const calls = () => callsOf(invoke, 'history:plan') as InputOf<'history:plan'>[];
    expect(calls()[0]).toEqual({ planId: PLAN_ID, limit: HISTORY_PAGE });

    const person = screen.getByLabelText('Person');
    await waitFor(() => expect(within(person).getByRole('option', { name: 'Bob Smith' })).toBeInTheDocument());
    await user.selectOptions(person, 'Bob Smith');
    await waitFor(() => expect(calls().at(-1)).toEqual({ planId: PLAN_ID, limit: HISTORY_PAGE, person: 'Bob Smith' }));

    await user.selectOptions(screen.getByLabelText('Period'), 'May 2020');
    await waitFor(() =>
      expect(calls().at(-1)).toEqual({ planId: PLAN_ID, limit: HISTORY_PAGE, person: 'Bob Smith', periodId: uuid(51) }),
    );
    expect(screen.getByText(/between the period's start and end dates/)).toBeInTheDocument();

    // A full page means there may be more: "Load more" asks for entries before the last one shown.
    await user.click(await screen.findByRole('button', { name: 'Load more' }));
    await waitFor(() =>
      expect(calls().at(-1)).toEqual({
        planId: PLAN_ID,
        limit: HISTORY_PAGE,
        person: 'Bob Smith',
        periodId: uuid(51),
        before: page[page.length - 1]!.id,
      }),
    );
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(HISTORY_PAGE + 2));
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    expect(screen.getByText(`${HISTORY_PAGE + 1} changes shown`)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(calls().at(-1)).toEqual({ planId: PLAN_ID, limit: HISTORY_PAGE }));
  });

  it('says so plainly when nothing matches or the history cannot load', async () => {
    installFakeApi({
      'history:actors': () => ['Alice Jones'],
      'history:plan': (input) =>
        input.person ? { ok: false, error: { code: 'not_found', message: 'That plan was not found.' } } : [],
    });
    const user = userEvent.setup();
    render(<PlanHistory tree={treeWithAction()} />);
    expect(await screen.findByText('No changes recorded yet.')).toBeInTheDocument();
    const person = screen.getByLabelText('Person');
    await waitFor(() => expect(within(person).getByRole('option', { name: 'Alice Jones' })).toBeInTheDocument());
    await user.selectOptions(person, 'Alice Jones');
    expect(await screen.findByRole('alert')).toHaveTextContent("Couldn't load the history");
  });
});
