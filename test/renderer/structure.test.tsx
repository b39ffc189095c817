// @vitest-environment jsdom
/**
 * Structure editing in the renderer: the pure helpers (moving in a list, regrouping a section's actions
 * after its objectives move), the table's rows with objective headers, the editor's objective writes
 * with their undo (through a fake `window.planwright`), and the objective dialog.
 */
import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Action, Objective, PlanTree, Section } from '../../shared/model';
import { moveBy, regroupActions, sameOrder } from '../../renderer/src/state/structure';
import { buildRows } from '../../renderer/src/table/rows';
import { indexTree } from '../../renderer/src/state/indexes';
import { Editor } from '../../renderer/src/state/editor';
import { PlanStore } from '../../renderer/src/state/planStore';
import { UndoStack } from '../../renderer/src/state/undo';
import { SaveTracker } from '../../renderer/src/state/saveStatus';
import { ObjectiveDialog } from '../../renderer/src/table/ObjectiveDialog';
import { PLAN_ID, callsOf, fakeAction, fakeTree, installFakeApi } from './settings-fixtures';

afterEach(cleanup);

const NOW = '2018-02-13T10:00:00.000Z';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const S1 = id(1001);
const O1 = id(2001);
const O2 = id(2002);

function section(n: number, extra: Partial<Section> = {}): Section {
  return {
    id: id(1000 + n),
    planId: PLAN_ID,
    position: n - 1,
    number: String(n),
    numberManual: false,
    title: `Section ${n}`,
    description: '',
    archived: false,
    updatedAt: NOW,
    deletedAt: null,
    ...extra,
  };
}
function objective(n: number, position: number, extra: Partial<Objective> = {}): Objective {
  return {
    id: id(2000 + n),
    planId: PLAN_ID,
    sectionId: S1,
    position,
    title: `Objective ${n}`,
    archived: false,
    updatedAt: NOW,
    deletedAt: null,
    ...extra,
  };
}
function action(n: number, position: number, objectiveId: string | null, extra: Partial<Action> = {}): Action {
  return fakeAction({
    id: id(3000 + n),
    sectionId: S1,
    objectiveId,
    position,
    reference: `1.${position + 1}`,
    description: `Action ${n}`,
    ...extra,
  });
}

/** Section 1: a0 (no objective), a1 a2 under O1, a3 under O2; O3 has no actions. */
function tree(extra: { objectives?: Objective[]; actions?: Action[] } = {}): PlanTree {
  return {
    ...fakeTree([]),
    sections: [section(1)],
    objectives: extra.objectives ?? [objective(1, 0), objective(2, 1), objective(3, 2)],
    actions: extra.actions ?? [action(0, 0, null), action(1, 1, O1), action(2, 2, O1), action(3, 3, O2)],
    ratings: [],
  };
}

const shape = (t: PlanTree, archived = false) =>
  buildRows(indexTree(t), archived).map((r) =>
    r.kind === 'action'
      ? `a:${r.action.description}`
      : r.kind === 'objective'
        ? `o:${r.objective.title}${r.continued ? '+' : ''}(${r.count}/${r.total})`
        : r.kind === 'section'
          ? `s:${r.count}`
          : `e${r.objective ? ':o' : ''}`,
  );

describe('moveBy and regroupActions', () => {
  it('moves an id within bounds and refuses to leave the list', () => {
    expect(moveBy(['a', 'b', 'c'], 'c', -1)).toEqual(['a', 'c', 'b']);
    expect(moveBy(['a', 'b', 'c'], 'a', 2)).toEqual(['b', 'c', 'a']);
    expect(moveBy(['a', 'b', 'c'], 'a', -1)).toBeNull();
    expect(moveBy(['a', 'b', 'c'], 'c', 1)).toBeNull();
    expect(moveBy(['a', 'b'], 'x', 1)).toBeNull();
    expect(moveBy(['a', 'b'], 'a', 0)).toBeNull();
  });

  it('puts actions under no objective first, then each objective’s actions in objective order, keeping their own order', () => {
    const actions = [
      { id: 'x1', objectiveId: 'A' },
      { id: 'u1', objectiveId: null },
      { id: 'y1', objectiveId: 'B' },
      { id: 'x2', objectiveId: 'A' },
      { id: 'u2', objectiveId: null },
    ];
    expect(regroupActions(actions, ['B', 'A'])).toEqual(['u1', 'u2', 'y1', 'x1', 'x2']);
    expect(regroupActions(actions, ['A', 'B'])).toEqual(['u1', 'u2', 'x1', 'x2', 'y1']);
    expect(sameOrder(['a', 'b'], ['a', 'b'])).toBe(true);
    expect(sameOrder(['a', 'b'], ['b', 'a'])).toBe(false);
  });
});

describe('buildRows with objectives', () => {
  it('heads each objective’s group, and lists objectives without actions after the section’s actions', () => {
    expect(shape(tree())).toEqual([
      's:4',
      'a:Action 0',
      'o:Objective 1(2/2)',
      'a:Action 1',
      'a:Action 2',
      'o:Objective 2(1/1)',
      'a:Action 3',
      'o:Objective 3(0/0)',
      'e:o',
    ]);
  });

  it('hides an archived objective with its actions unless archived rows are shown', () => {
    const t = tree({ objectives: [objective(1, 0, { archived: true }), objective(2, 1), objective(3, 2)] });
    expect(shape(t)).toEqual(['s:2', 'a:Action 0', 'o:Objective 2(1/1)', 'a:Action 3', 'o:Objective 3(0/0)', 'e:o']);
    expect(shape(t, true)).toContain('o:Objective 1(2/2)');
  });

  it('counts archived actions in the total (deleting the objective deletes them) but not in what is shown', () => {
    const t = tree({ actions: [action(1, 0, O1), action(2, 1, O1, { archived: true })] });
    expect(shape(t)).toEqual([
      's:1',
      'o:Objective 1(1/2)',
      'a:Action 1',
      'o:Objective 2(0/0)',
      'e:o',
      'o:Objective 3(0/0)',
      'e:o',
    ]);
  });

  it('marks a second header of the same objective as continued, with a key of its own', () => {
    const t = tree({ actions: [action(1, 0, O1), action(3, 1, O2), action(2, 2, O1)] });
    const rows = buildRows(indexTree(t), false);
    expect(shape(t).slice(0, 7)).toEqual([
      's:3',
      'o:Objective 1(2/2)',
      'a:Action 1',
      'o:Objective 2(1/1)',
      'a:Action 3',
      'o:Objective 1+(2/2)',
      'a:Action 2',
    ]);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
  });

  it('keeps the plain empty row for a section with neither actions nor objectives', () => {
    expect(shape(tree({ objectives: [], actions: [] }))).toEqual(['s:0', 'e']);
  });
});

/** An editor over a fake store that keeps a mutable tree and answers the channels the editor uses. */
function setup() {
  let current = tree();
  const invoke = installFakeApi({
    'plans:get': () => current,
    'objectives:reorder': (input) => {
      current = {
        ...current,
        objectives: current.objectives.map((o) => ({ ...o, position: input.orderedIds.indexOf(o.id) })),
      };
      return current.objectives;
    },
    'actions:reorder': (input) => {
      current = {
        ...current,
        actions: current.actions.map((a) => ({ ...a, position: input.orderedIds.indexOf(a.id) })),
      };
      return current.actions;
    },
    'objectives:archive': (input) => {
      current = {
        ...current,
        objectives: current.objectives.map((o) =>
          o.id === input.objectiveId ? { ...o, archived: input.archived === true } : o,
        ),
      };
      return current.objectives.find((o) => o.id === input.objectiveId)!;
    },
    'objectives:update': (input) => {
      current = {
        ...current,
        objectives: current.objectives.map((o) =>
          o.id === input.objectiveId ? { ...o, title: input.patch.title } : o,
        ),
      };
      return current.objectives.find((o) => o.id === input.objectiveId)!;
    },
    'sections:renumber': () => current,
  });
  const store = new PlanStore(PLAN_ID);
  const undo = new UndoStack();
  const editor = new Editor(store, undo, new SaveTracker());
  const order = () => {
    const index = indexTree(store.getTree()!);
    return {
      objectives: (index.objectivesBySection.get(S1) ?? []).map((o) => o.title),
      actions: (index.actionsBySection.get(S1) ?? []).map((a) => a.description),
    };
  };
  return { invoke, store, undo, editor, order };
}

describe('Editor: objectives', () => {
  it('moves an objective down, regrouping the section’s actions, and undo puts both orders back', async () => {
    const { invoke, store, undo, editor, order } = setup();
    await store.load();
    await editor.moveObjective(O1, 1);
    expect(order()).toEqual({
      objectives: ['Objective 2', 'Objective 1', 'Objective 3'],
      actions: ['Action 0', 'Action 3', 'Action 1', 'Action 2'],
    });
    expect(undo.getState().undoLabel).toBe('Move objective');
    await undo.undo();
    expect(order()).toEqual({
      objectives: ['Objective 1', 'Objective 2', 'Objective 3'],
      actions: ['Action 0', 'Action 1', 'Action 2', 'Action 3'],
    });
    await undo.redo();
    expect(order().actions).toEqual(['Action 0', 'Action 3', 'Action 1', 'Action 2']);
    expect(callsOf(invoke, 'objectives:reorder')).toHaveLength(3);
  });

  it('does nothing when an objective cannot move further', async () => {
    const { invoke, store, undo, editor } = setup();
    await store.load();
    await editor.moveObjective(O1, -1);
    expect(callsOf(invoke, 'objectives:reorder')).toHaveLength(0);
    expect(undo.getState().canUndo).toBe(false);
  });

  it('only reorders objectives when the actions are already in the new order', async () => {
    const { invoke, store, editor } = setup();
    await store.load();
    await editor.moveObjective(id(2003), -1);
    expect(callsOf(invoke, 'objectives:reorder')).toHaveLength(1);
    expect(callsOf(invoke, 'actions:reorder')).toHaveLength(0);
  });

  it('archives and renames with undo; an unchanged title writes nothing', async () => {
    const { invoke, store, undo, editor } = setup();
    await store.load();
    await editor.archiveObjective(O2, true);
    expect(indexTree(store.getTree()!).objectiveById.get(O2)?.archived).toBe(true);
    await undo.undo();
    expect(indexTree(store.getTree()!).objectiveById.get(O2)?.archived).toBe(false);
    await editor.updateObjective(O2, 'Objective 2');
    expect(callsOf(invoke, 'objectives:update')).toHaveLength(0);
    await editor.updateObjective(O2, 'Children are seen alone');
    expect(indexTree(store.getTree()!).objectiveById.get(O2)?.title).toBe('Children are seen alone');
    await undo.undo();
    expect(indexTree(store.getTree()!).objectiveById.get(O2)?.title).toBe('Objective 2');
  });

  it('renumbers without recording an undo entry', async () => {
    const { invoke, store, undo, editor } = setup();
    await store.load();
    await editor.renumberPlan();
    expect(callsOf(invoke, 'sections:renumber')).toEqual([{ planId: PLAN_ID }]);
    expect(undo.getState().canUndo).toBe(false);
  });
});

describe('Editor: undo of a typed number or reference', () => {
  it('hands numbering back to the app when the old number or reference was automatic', async () => {
    const { invoke, store, undo, editor } = setup();
    const sectionCalls = (): unknown[] => callsOf(invoke, 'sections:update');
    const actionCalls = (): unknown[] => callsOf(invoke, 'actions:update');
    const t = tree();
    invoke.mockImplementation(async (channel, input) => {
      if (channel === 'plans:get') return { ok: true, value: t };
      if (channel === 'sections:update') return { ok: true, value: t.sections[0] };
      if (channel === 'actions:update') return { ok: true, value: t.actions[0] };
      return { ok: true, value: input };
    });
    await store.load();
    const section = store.getTree()!.sections[0]!;
    const action = store.getTree()!.actions[0]!;
    await editor.updateSection(section.id, { number: '7 (14)' });
    await undo.undo();
    expect(sectionCalls().at(-1)).toEqual({ sectionId: section.id, patch: { number: '' } });
    await editor.updateAction(action.id, { reference: '1.1a' });
    await undo.undo();
    expect(actionCalls().at(-1)).toEqual({ actionId: action.id, patch: { reference: '' } });
  });
});

describe('ObjectiveDialog', () => {
  it('asks for the text before adding, then saves it trimmed (Enter submits)', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn(async () => undefined);
    render(
      <ObjectiveDialog title={null} noun="Outcome" where="priority 2" onSave={onSave} onClose={() => undefined} />,
    );
    expect(screen.getByRole('dialog', { name: 'Add an outcome to priority 2' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add outcome' }));
    expect(screen.getByText('Write the outcome text.')).toBeInTheDocument();
    expect(onSave).not.toHaveBeenCalled();
    await user.type(screen.getByLabelText('Outcome text'), '  Children are safe at home  {Enter}');
    expect(onSave).toHaveBeenCalledWith('Children are safe at home');
  });

  it('renames with the current text filled in and shows a save error without closing', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn(async () => {
      throw new Error('That objective no longer exists.');
    });
    render(
      <ObjectiveDialog title="Old text" noun="Objective" where="theme 1" onSave={onSave} onClose={() => undefined} />,
    );
    expect(screen.getByLabelText('Objective text')).toHaveValue('Old text');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('That objective no longer exists.')).toBeInTheDocument();
    expect(screen.getByRole('dialog', { name: 'Rename objective' })).toBeInTheDocument();
  });
});
