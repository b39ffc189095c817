// @vitest-environment jsdom
/** Settings writes go through the Editor (renderer/src/state/editor.ts): each one is undoable and redoable. */
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { PlanSettings } from '../../renderer/src/settings/PlanSettings';
import { AppServicesContext, type AppServices } from '../../renderer/src/state/context';
import { SaveTracker } from '../../renderer/src/state/saveStatus';
import { UndoStack } from '../../renderer/src/state/undo';
import { callsOf, fakeTree, installFakeApi } from './settings-fixtures';

afterEach(cleanup);

function services(): AppServices {
  return { saves: new SaveTracker(), undo: new UndoStack(), toast: () => undefined, userName: 'Test' };
}

describe('settings writes go through the Editor, with undo', () => {
  it('undoes and redoes a plan detail', async () => {
    const tree = fakeTree();
    const invoke = installFakeApi({
      'plans:update': ({ patch }) => ({ ...tree.plan, organisation: patch.organisation ?? tree.plan.organisation }),
    });
    const app = services();
    render(
      <AppServicesContext.Provider value={app}>
        <PlanSettings tree={tree} onChanged={() => undefined} />
      </AppServicesContext.Provider>,
    );
    const org = screen.getByLabelText('Organisation');
    fireEvent.change(org, { target: { value: 'Northmoor Borough Council' } });
    fireEvent.blur(org);
    await waitFor(() => expect(app.undo.getState().undoLabel).toBe('Edit organisation of the plan'));
    expect(await app.undo.undo()).toBe('Edit organisation of the plan');
    expect(await app.undo.redo()).toBe('Edit organisation of the plan');
    expect(callsOf(invoke, 'plans:update')).toEqual([
      { planId: tree.plan.id, patch: { organisation: 'Northmoor Borough Council' } },
      { planId: tree.plan.id, patch: { organisation: 'Thurrock Council' } },
      { planId: tree.plan.id, patch: { organisation: 'Northmoor Borough Council' } },
    ]);
  });

  it('undoes a period rename and a lock, newest first', async () => {
    const user = userEvent.setup();
    const tree = fakeTree();
    const period = tree.periods[0]!;
    const invoke = installFakeApi({
      'periods:update': ({ patch }) => ({ ...period, ...patch }),
      'periods:lock': ({ locked }) => ({ ...period, locked, lockedAt: locked ? '2018-02-13T10:00:00.000Z' : null }),
    });
    const app = services();
    render(
      <AppServicesContext.Provider value={app}>
        <PlanSettings tree={tree} onChanged={() => undefined} initialTab="periods" />
      </AppServicesContext.Provider>,
    );
    const label = screen.getByLabelText('Label of period 1');
    await user.clear(label);
    await user.type(label, 'RAG initial');
    await user.tab();
    await waitFor(() => expect(app.undo.getState().undoLabel).toBe('Edit reporting period Initial'));
    await user.click(screen.getByRole('button', { name: 'Lock Initial' }));
    await waitFor(() => expect(app.undo.getState().undoLabel).toBe('Lock Initial'));
    await app.undo.undo();
    await app.undo.undo();
    expect(callsOf(invoke, 'periods:lock')).toEqual([
      { periodId: period.id, locked: true },
      { periodId: period.id, locked: false },
    ]);
    expect(callsOf(invoke, 'periods:update')).toEqual([
      { periodId: period.id, patch: { label: 'RAG initial' } },
      { periodId: period.id, patch: { label: 'Initial' } },
    ]);
  });

  it('undoes a column change', async () => {
    const user = userEvent.setup();
    const tree = fakeTree();
    const invoke = installFakeApi({ 'plans:update': () => tree.plan });
    const app = services();
    render(
      <AppServicesContext.Provider value={app}>
        <PlanSettings tree={tree} onChanged={() => undefined} initialTab="columns" />
      </AppServicesContext.Provider>,
    );
    await user.click(screen.getAllByRole('checkbox')[0]!);
    await waitFor(() => expect(app.undo.getState().undoLabel).toBe('Edit columns of the plan'));
    await app.undo.undo();
    const calls = callsOf(invoke, 'plans:update') as { patch: { columns: unknown } }[];
    expect(calls).toHaveLength(2);
    expect(calls[1]!.patch.columns).toEqual(tree.plan.columns);
    expect(calls[0]!.patch.columns).not.toEqual(tree.plan.columns);
  });
});
