// @vitest-environment jsdom
/**
 * Settings writes go through the Editor (renderer/src/state/editor.ts): each one is undoable and redoable, and
 * reloads the plan once.
 */
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InputOf } from '../../shared/contract';
import type { Person } from '../../shared/model';
import { PlanSettings, type SettingsTabId } from '../../renderer/src/settings/PlanSettings';
import {
  AppServicesContext,
  WorkspaceContext,
  type AppServices,
  type Workspace,
} from '../../renderer/src/state/context';
import { Editor } from '../../renderer/src/state/editor';
import { PlanStore } from '../../renderer/src/state/planStore';
import { SaveTracker, describeSaveState } from '../../renderer/src/state/saveStatus';
import { UndoStack } from '../../renderer/src/state/undo';
import { callsOf, fakeTree, installFakeApi, PLAN_ID, presetLevels, storedFromInput } from './settings-fixtures';

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

const NOW = '2018-02-13T10:00:00.000Z';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function renderWith(app: AppServices, tree: ReturnType<typeof fakeTree>, initialTab: SettingsTabId) {
  return render(
    <AppServicesContext.Provider value={app}>
      <PlanSettings tree={tree} onChanged={() => undefined} initialTab={initialTab} />
    </AppServicesContext.Provider>,
  );
}

describe('the rating scale, periods, recommendations and People are undoable too', () => {
  it('undoes and redoes a level edit (label, value and colour), writing the whole scale back', async () => {
    const user = userEvent.setup();
    const tree = fakeTree();
    const invoke = installFakeApi({ 'scale:set': (input) => storedFromInput(input) });
    const app = services();
    renderWith(app, tree, 'scale');
    const label = screen.getAllByLabelText('Label')[1]!;
    await user.clear(label);
    await user.type(label, 'Amber – at risk');
    await user.tab();
    await waitFor(() => expect(app.undo.getState().undoLabel).toBe('Edit the rating scale'));
    expect(await app.undo.undo()).toBe('Edit the rating scale');
    expect(await app.undo.redo()).toBe('Edit the rating scale');
    const sets = callsOf(invoke, 'scale:set') as InputOf<'scale:set'>[];
    expect(sets.map((s) => s.levels.map((l) => l.label))).toEqual([
      ['Red', 'Amber – at risk', 'Green'],
      ['Red', 'Amber', 'Green'],
      ['Red', 'Amber – at risk', 'Green'],
    ]);
    // Every level keeps its id, so ratings keep their levels.
    expect(sets[1]!.levels.map((l) => l.id)).toEqual(tree.levels.map((l) => l.id));
  });

  it('undoes adding a level and removing one; a removed level comes back as a new level', async () => {
    const user = userEvent.setup();
    const tree = fakeTree();
    const invoke = installFakeApi({ 'scale:set': (input) => storedFromInput(input) });
    const app = services();
    renderWith(app, tree, 'scale');
    await user.click(screen.getByRole('button', { name: 'Remove Green' }));
    await waitFor(() => expect(app.undo.getState().undoLabel).toBe('Edit the rating scale'));
    await app.undo.undo();
    const sets = callsOf(invoke, 'scale:set') as InputOf<'scale:set'>[];
    expect(sets[0]!.levels.map((l) => l.label)).toEqual(['Red', 'Amber']);
    expect(sets[1]!.levels.map((l) => l.label)).toEqual(['Red', 'Amber', 'Green']);
    // Green was removed in the store, so it is written as a new level; the others keep their ids.
    expect(sets[1]!.levels.map((l) => l.id)).toEqual([tree.levels[0]!.id, tree.levels[1]!.id, undefined]);
  });

  it('a refused removal (ratings use the level) is shown beside the level, not as a failed save', async () => {
    const user = userEvent.setup();
    const message =
      'The level "Red" cannot be removed: 1 rating uses it. Change those ratings first, or keep the level.';
    installFakeApi({ 'scale:set': () => ({ ok: false, error: { code: 'in_use', message } }) });
    const app = services();
    renderWith(app, fakeTree(), 'scale');
    await user.click(screen.getByRole('button', { name: 'Remove Red' }));
    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(describeSaveState(app.saves.getState())).toBe('All changes saved');
    expect(app.undo.getState().canUndo).toBe(false);
  });

  it('undoes a preset by writing the previous scale back', async () => {
    const user = userEvent.setup();
    const tree = fakeTree();
    const invoke = installFakeApi({
      'scale:applyPreset': ({ preset }) => presetLevels(preset, 300),
      'scale:set': (input) => storedFromInput(input),
    });
    const app = services();
    renderWith(app, tree, 'scale');
    await user.selectOptions(screen.getByLabelText('Preset'), 'five-level');
    await user.click(screen.getByRole('button', { name: 'Apply preset…' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: /^Apply Five-level/ }));
    await waitFor(() => expect(app.undo.getState().undoLabel).toMatch(/^Use the Five-level/));
    await app.undo.undo();
    const sets = callsOf(invoke, 'scale:set') as InputOf<'scale:set'>[];
    expect(sets).toHaveLength(1);
    expect(sets[0]!.levels.map((l) => [l.label, l.colour, l.value])).toEqual(
      tree.levels.map((l) => [l.label, l.colour, l.value]),
    );
  });

  it('undoes adding a period (deleted again) and deleting one (restored, current again)', async () => {
    const user = userEvent.setup();
    const tree = fakeTree();
    const added = { ...tree.periods[0]!, id: id(51), position: 1, label: 'RAG 03/18' };
    const invoke = installFakeApi({
      'periods:create': () => added,
      'periods:delete': () => ({ ok: true }),
      'periods:restore': ({ periodId }) => ({ ...tree.periods.find((p) => p.id === periodId)! }),
      'periods:setCurrent': ({ currentPeriodId, comparePeriodId }) => ({
        ...tree.plan,
        currentPeriodId,
        comparePeriodId,
      }),
    });
    const app = services();
    renderWith(app, tree, 'periods');
    const form = screen.getByRole('form', { name: 'Add a period' });
    await user.type(within(form).getByLabelText('Label'), 'RAG 03/18');
    await user.click(within(form).getByRole('button', { name: 'Add period' }));
    await waitFor(() => expect(app.undo.getState().undoLabel).toBe('Add reporting period RAG 03/18'));
    await app.undo.undo();
    expect(callsOf(invoke, 'periods:delete')).toEqual([{ periodId: added.id }]);
    await app.undo.redo();
    expect(callsOf(invoke, 'periods:restore')).toEqual([{ periodId: added.id }]);

    // Deleting the current period: undo restores it and makes it current again.
    await user.click(screen.getByRole('button', { name: 'Delete Initial' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete period' }));
    await waitFor(() => expect(app.undo.getState().undoLabel).toBe('Delete reporting period Initial'));
    await app.undo.undo();
    expect(callsOf(invoke, 'periods:restore').at(-1)).toEqual({ periodId: tree.periods[0]!.id });
    expect(callsOf(invoke, 'periods:setCurrent')).toEqual([
      { planId: tree.plan.id, currentPeriodId: tree.periods[0]!.id, comparePeriodId: null },
    ]);
  });

  it('undoes adding and deleting a recommendation', async () => {
    const user = userEvent.setup();
    const tree = fakeTree();
    const rec = {
      id: id(80),
      planId: tree.plan.id,
      position: 0,
      number: 1,
      label: 'Ofsted 1',
      text: 'Improve supervision.',
      updatedAt: NOW,
      deletedAt: null,
    };
    const invoke = installFakeApi({
      'recommendations:create': () => rec,
      'recommendations:delete': () => ({ ok: true }),
      'recommendations:restore': () => rec,
    });
    const app = services();
    const { unmount } = renderWith(app, tree, 'recommendations');
    await user.type(screen.getByLabelText('Recommendation text'), 'Improve supervision.');
    await user.click(screen.getByRole('button', { name: 'Add recommendation' }));
    await waitFor(() => expect(app.undo.getState().undoLabel).toBe('Add Ofsted 1'));
    await app.undo.undo();
    expect(callsOf(invoke, 'recommendations:delete')).toEqual([{ recommendationId: rec.id }]);
    unmount();

    renderWith(app, { ...tree, recommendations: [rec] }, 'recommendations');
    await user.click(screen.getByRole('button', { name: 'Delete Ofsted 1' }));
    await waitFor(() => expect(app.undo.getState().undoLabel).toBe('Delete Ofsted 1'));
    // The notice's Undo is the same undo: afterwards there is nothing of it left to undo.
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(callsOf(invoke, 'recommendations:restore')).toEqual([{ recommendationId: rec.id }]));
    expect(app.undo.getState().redoLabel).toBe('Delete Ofsted 1');
  });

  it('undoes adding, renaming, linking a name to and removing a person', async () => {
    const user = userEvent.setup();
    const tree = fakeTree();
    const person: Person = {
      id: id(90),
      name: 'Fran Dunmore',
      jobTitle: 'Head of Early Help',
      service: '',
      email: '',
      signatory: false,
      aliases: [],
      updatedAt: NOW,
      deletedAt: null,
    };
    let stored = [person];
    const invoke = installFakeApi({
      'people:list': () => stored,
      'people:upsert': (input) => {
        const next = { ...person, ...input, id: input.id ?? id(91), aliases: input.aliases ?? [] };
        stored = [...stored.filter((p) => p.id !== next.id), next];
        return next;
      },
      'people:delete': ({ personId }) => {
        stored = stored.filter((p) => p.id !== personId);
        return { ok: true };
      },
      'people:restore': ({ personId }) => {
        const back = personId === person.id ? person : { ...person, id: personId, name: 'Sam Price' };
        stored = [...stored, back];
        return back;
      },
      'people:link': ({ text }) => ({ ...person, aliases: [text] }),
    });
    const app = services();
    renderWith(app, tree, 'people');
    const name = await screen.findByLabelText('Name of Fran Dunmore');

    // Rename: undo puts the old name back.
    await user.clear(name);
    await user.type(name, 'Frances Dunmore');
    await user.tab();
    await waitFor(() => expect(app.undo.getState().undoLabel).toBe('Edit name of Fran Dunmore'));
    await app.undo.undo();
    const upserts = callsOf(invoke, 'people:upsert') as InputOf<'people:upsert'>[];
    expect(upserts.map((u) => u.name)).toEqual(['Frances Dunmore', 'Fran Dunmore']);
    expect(upserts[1]).toMatchObject({ id: person.id, jobTitle: 'Head of Early Help', aliases: [] });

    // Add: undo removes them, redo brings them back.
    const form = screen.getByRole('form', { name: 'Add a person' });
    await user.type(within(form).getByLabelText('Name'), 'Sam Price');
    await user.click(within(form).getByRole('button', { name: 'Add person' }));
    await waitFor(() => expect(app.undo.getState().undoLabel).toBe('Add Sam Price to People'));
    await app.undo.undo();
    await app.undo.redo();
    expect(callsOf(invoke, 'people:delete')).toEqual([{ personId: id(91) }]);
    expect(callsOf(invoke, 'people:restore')).toEqual([{ personId: id(91) }]);

    // Remove: undo brings the person back, and the list shows them again.
    await user.click(await screen.findByRole('button', { name: 'Remove Fran Dunmore from the directory' }));
    await waitFor(() => expect(app.undo.getState().undoLabel).toBe('Remove Fran Dunmore from People'));
    await waitFor(() => expect(screen.queryByLabelText('Name of Fran Dunmore')).toBeNull());
    await app.undo.undo();
    expect(callsOf(invoke, 'people:restore').at(-1)).toEqual({ personId: person.id });
    expect(await screen.findByLabelText('Name of Fran Dunmore')).toBeInTheDocument();
  });

  it('undoes linking a name to a person by putting their other names back', async () => {
    const person = {
      id: id(90),
      name: 'Fran Dunmore',
      jobTitle: '',
      service: '',
      email: '',
      signatory: false,
      aliases: ['Head of Early Help'],
      updatedAt: NOW,
      deletedAt: null,
    };
    const invoke = installFakeApi({
      'people:list': () => [person],
      'people:link': ({ text }) => ({ ...person, aliases: [...person.aliases, text] }),
      'people:upsert': (input) => ({ ...person, ...input, aliases: input.aliases ?? person.aliases }),
    });
    const app = services();
    const editor = new Editor(new PlanStore(PLAN_ID), app.undo, app.saves);
    const changed = vi.fn();
    editor.onPeopleChanged(changed);
    await editor.linkName({ text: 'F Dunmore', personId: person.id });
    expect(app.undo.getState().undoLabel).toBe('Link “F Dunmore” to Fran Dunmore');
    await app.undo.undo();
    await app.undo.redo();
    expect((callsOf(invoke, 'people:upsert') as InputOf<'people:upsert'>[]).map((u) => u.aliases)).toEqual([
      ['Head of Early Help'],
      ['Head of Early Help', 'F Dunmore'],
    ]);
    expect(changed).toHaveBeenCalledTimes(3);
  });
});

describe('a settings write reloads the plan once', () => {
  it('reads the plan once per write inside a workspace (not once by the Editor and again by the tab)', async () => {
    const user = userEvent.setup();
    const tree = fakeTree();
    const invoke = installFakeApi({
      'plans:get': () => tree,
      'plans:update': ({ patch }) => ({ ...tree.plan, organisation: patch.organisation ?? tree.plan.organisation }),
      'periods:update': ({ patch }) => ({ ...tree.periods[0]!, ...patch }),
      'scale:set': (input) => storedFromInput(input),
    });
    const app = services();
    const store = new PlanStore(tree.plan.id);
    store.setTree(tree);
    const editor = new Editor(store, app.undo, app.saves);
    const workspace: Workspace = {
      store,
      editor,
      periodId: null,
      setPeriodId: () => undefined,
      openAction: () => undefined,
      openActionId: null,
    };
    render(
      <AppServicesContext.Provider value={app}>
        <WorkspaceContext.Provider value={workspace}>
          <PlanSettings tree={tree} onChanged={() => void store.load()} />
        </WorkspaceContext.Provider>
      </AppServicesContext.Provider>,
    );
    const reads = () => callsOf(invoke, 'plans:get').length;
    const org = screen.getByLabelText('Organisation');
    await user.clear(org);
    await user.type(org, 'Northmoor Borough Council');
    await user.tab();
    await waitFor(() => expect(callsOf(invoke, 'plans:update')).toHaveLength(1));
    await waitFor(() => expect(reads()).toBe(1));

    await user.click(screen.getByRole('tab', { name: /Reporting periods/ }));
    const label = screen.getByLabelText('Label of period 1');
    await user.clear(label);
    await user.type(label, 'RAG initial');
    await user.tab();
    await waitFor(() => expect(callsOf(invoke, 'periods:update')).toHaveLength(1));
    await waitFor(() => expect(reads()).toBe(2));

    await user.click(screen.getByRole('tab', { name: /Rating scale/ }));
    await user.click(screen.getByRole('button', { name: 'Move Green up' }));
    await waitFor(() => expect(callsOf(invoke, 'scale:set')).toHaveLength(1));
    await waitFor(() => expect(reads()).toBe(3));
    // Nothing else reads it afterwards.
    await new Promise((r) => setTimeout(r, 600));
    expect(reads()).toBe(3);
  });
});
