// @vitest-environment jsdom
/**
 * The action form edits every field that `actions:update` may patch (ACTION_EDITS in shared/model.ts): a
 * field with a control of its own must mark it with `data-field`, and a plain text field is drawn from its
 * entry with no line in the form. Forgetting a new field's control fails here.
 */
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ActionPanel } from '../../renderer/src/action/ActionPanel';
import { AppServicesContext, WorkspaceContext, type Workspace } from '../../renderer/src/state/context';
import { Editor } from '../../renderer/src/state/editor';
import { PlanStore } from '../../renderer/src/state/planStore';
import { SaveTracker } from '../../renderer/src/state/saveStatus';
import { UndoStack } from '../../renderer/src/state/undo';
import { ACTION_EDITS, type Action, type ActionEdit, type PlanTree } from '../../shared/model';
import { PLAN_ID, callsOf, fakeAction, fakeTree, installFakeApi } from './settings-fixtures';

afterEach(cleanup);

const NOW = '2018-02-13T10:00:00.000Z';
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const ACTION_ID = uuid(60);

function treeWithAction(): PlanTree {
  const tree = fakeTree();
  tree.sections = [
    {
      id: uuid(10),
      planId: PLAN_ID,
      position: 0,
      number: '1',
      numberManual: false,
      title: 'Leadership',
      description: '',
      archived: false,
      updatedAt: NOW,
      deletedAt: null,
    },
  ];
  tree.actions = [
    fakeAction({
      id: ACTION_ID,
      sectionId: uuid(10),
      reference: '1.1',
      description: 'Recruit a permanent head of service',
      dueText: 'March 2018',
    }),
  ];
  return tree;
}

async function renderForm(tree: PlanTree) {
  const invoke = installFakeApi({
    'plans:get': () => tree,
    'actions:update': ({ patch }) => ({ ...tree.actions[0]!, ...patch }),
    'history:get': () => [],
    'people:list': () => [],
  });
  const app = { saves: new SaveTracker(), undo: new UndoStack(), toast: () => undefined, userName: 'Test' };
  const store = new PlanStore(PLAN_ID);
  await store.load();
  const workspace: Workspace = {
    store,
    editor: new Editor(store, app.undo, app.saves),
    periodId: tree.periods[0]!.id,
    setPeriodId: () => undefined,
    openAction: () => undefined,
    openActionId: ACTION_ID,
  };
  const view = render(
    <AppServicesContext.Provider value={app}>
      <WorkspaceContext.Provider value={workspace}>
        <ActionPanel actionId={ACTION_ID} onClose={() => undefined} />
      </WorkspaceContext.Provider>
    </AppServicesContext.Provider>,
  );
  return { invoke, app, view };
}

describe('the action form and ACTION_EDITS', () => {
  it('has a control marked with data-field for every editable field', async () => {
    const { view } = await renderForm(treeWithAction());
    const editable = Object.entries(ACTION_EDITS).flatMap(([k, e]) => (e ? [k] : []));
    expect(editable.length).toBeGreaterThan(0);
    for (const field of editable)
      expect(view.container.querySelector(`[data-field="${field}"]`), `the form's control for ${field}`).not.toBeNull();
  });

  it('draws a plain text field from its entry alone, and saves it through the Editor with undo', async () => {
    // A field as a new migration would add it, placed in ACTION_EDITS as a plain text box.
    const edits = ACTION_EDITS as unknown as Record<string, ActionEdit | null>;
    edits.budgetCode = { patch: z.string(), words: 'budget code', form: { label: 'Budget code', rows: 1 } };
    try {
      const tree = treeWithAction();
      (tree.actions[0] as Action & { budgetCode: string }).budgetCode = '';
      const { invoke, app } = await renderForm(tree);
      const box = screen.getByLabelText('Budget code');
      expect(box).toHaveAttribute('data-field', 'budgetCode');
      fireEvent.change(box, { target: { value: 'CS-104' } });
      fireEvent.blur(box);
      await waitFor(() => expect(app.undo.getState().undoLabel).toBe('Edit budget code of 1.1'));
      expect(callsOf(invoke, 'actions:update')).toEqual([{ actionId: ACTION_ID, patch: { budgetCode: 'CS-104' } }]);
    } finally {
      delete edits.budgetCode;
    }
  });
});
