/**
 * PlanStore.open (issue 11.12): the first screen first, then the whole tree; edits patched in while a read
 * was in flight are replayed onto its answer, so a late answer never takes back what was just saved.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PlanTree, ProgressUpdate } from '../../shared/model';
import { PlanStore } from '../../renderer/src/state/planStore';

const progress = (id: string, actionId: string, body: string): ProgressUpdate => ({
  id,
  actionId,
  periodId: 'p1',
  body,
  author: 'A',
  internal: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  deletedAt: null,
});

const tree = (updates: ProgressUpdate[]) => ({ progress: updates, actions: [], ratings: [] }) as unknown as PlanTree;

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('PlanStore.open', () => {
  it('shows the first screen, then the whole tree, keeping an edit made while the whole tree was on its way', async () => {
    let answerFull: (t: PlanTree) => void = () => undefined;
    const invoke = vi.fn((channel: string) => {
      if (channel === 'plans:getFirstScreen')
        return Promise.resolve({
          ok: true,
          value: { tree: tree([progress('u1', 'a1', 'first')]), detailedActionIds: ['a1'] },
        });
      return new Promise((resolve) => {
        answerFull = (t) => resolve({ ok: true, value: t });
      });
    });
    vi.stubGlobal('window', { planwright: { invoke, on: () => () => undefined } });
    vi.stubGlobal('requestAnimationFrame', (fn: () => void) => setTimeout(fn, 0));
    const store = new PlanStore('plan');
    const opened = store.open();
    await vi.waitFor(() => expect(invoke).toHaveBeenCalledWith('plans:get', { planId: 'plan' }));
    expect(store.partial).toBe(true);
    expect(store.hasDetails('a1')).toBe(true);
    expect(store.hasDetails('a2')).toBe(false);
    // Saved while the whole tree is on its way: the (older) answer must not take it back.
    store.putProgress(progress('u1', 'a1', 'edited'));
    answerFull(tree([progress('u1', 'a1', 'first'), progress('u2', 'a2', 'second')]));
    await opened;
    expect(store.partial).toBe(false);
    expect(store.hasDetails('a2')).toBe(true);
    expect(store.getTree()!.progress.map((p) => p.body)).toEqual(['edited', 'second']);
  });

  it('opened on the table with only the first sections’ rows, says which sections are to come until the whole tree is in', async () => {
    let answerFull: (t: PlanTree) => void = () => undefined;
    const invoke = vi.fn((channel: string) => {
      if (channel === 'plans:getFirstScreen')
        return Promise.resolve({
          ok: true,
          value: {
            tree: tree([progress('u1', 'a1', 'first')]),
            detailedActionIds: ['a1'],
            pendingSectionIds: ['s2', 's3'],
          },
        });
      return new Promise((resolve) => {
        answerFull = (t) => resolve({ ok: true, value: t });
      });
    });
    vi.stubGlobal('window', { planwright: { invoke, on: () => () => undefined } });
    vi.stubGlobal('requestAnimationFrame', (fn: () => void) => setTimeout(fn, 0));
    const store = new PlanStore('plan');
    expect(store.rowsPartial).toBe(false);
    expect(store.rowsPending).toEqual(new Set());
    const opened = store.open();
    await vi.waitFor(() => expect(invoke).toHaveBeenCalledWith('plans:get', { planId: 'plan' }));
    expect(invoke).toHaveBeenCalledWith('plans:getFirstScreen', { planId: 'plan' });
    expect(store.rowsPartial).toBe(true);
    expect(store.rowsPending).toEqual(new Set(['s2', 's3']));
    expect(store.partial).toBe(true);
    // Saved meanwhile: kept when the (older) whole tree arrives.
    store.putProgress(progress('u1', 'a1', 'edited'));
    answerFull(tree([progress('u1', 'a1', 'first'), progress('u9', 'a9', 'in section 3')]));
    await opened;
    expect(store.rowsPartial).toBe(false);
    expect(store.rowsPending).toEqual(new Set());
    expect(store.getTree()!.progress.map((p) => p.body)).toEqual(['edited', 'in section 3']);
  });

  it('opened on the Overview, asks for the Overview’s first screen and says the rows are not all in until the whole tree is', async () => {
    let answerFull: (t: PlanTree) => void = () => undefined;
    const summary = { periodId: 'p2', compareId: 'p1' };
    const invoke = vi.fn((channel: string) => {
      if (channel === 'plans:getFirstScreen')
        return Promise.resolve({ ok: true, value: { tree: tree([]), detailedActionIds: [], summary } });
      return new Promise((resolve) => {
        answerFull = (t) => resolve({ ok: true, value: t });
      });
    });
    vi.stubGlobal('window', { planwright: { invoke, on: () => () => undefined } });
    vi.stubGlobal('requestAnimationFrame', (fn: () => void) => setTimeout(fn, 0));
    const store = new PlanStore('plan');
    expect(store.rowsPartial).toBe(false);
    const opened = store.open({ summary: true });
    await vi.waitFor(() => expect(invoke).toHaveBeenCalledWith('plans:get', { planId: 'plan' }));
    expect(invoke).toHaveBeenCalledWith('plans:getFirstScreen', { planId: 'plan', summary: true, overview: true });
    expect(store.rowsPartial).toBe(true);
    // Not the table's first rows: the table waits for the whole tree.
    expect(store.rowsPending).toBeNull();
    expect(store.partial).toBe(true);
    expect(store.takeFirstSummary()).toBe(summary);
    answerFull(tree([progress('u2', 'a2', 'second')]));
    await opened;
    expect(store.rowsPartial).toBe(false);
    expect(store.partial).toBe(false);
  });

  it('keeps its content revision when the whole tree follows the first screen, and bumps it on edits and reloads', async () => {
    const invoke = vi.fn((channel: string) =>
      Promise.resolve({
        ok: true,
        value: channel === 'plans:getFirstScreen' ? { tree: tree([]), detailedActionIds: [] } : tree([]),
      }),
    );
    vi.stubGlobal('window', { planwright: { invoke, on: () => () => undefined } });
    vi.stubGlobal('requestAnimationFrame', (fn: () => void) => setTimeout(fn, 0));
    const store = new PlanStore('plan');
    await store.open({ summary: true });
    expect(store.partial).toBe(false);
    // The Overview's summary from the first screen still holds: it is not asked for again.
    expect(store.revision).toBe(0);
    store.putProgress(progress('u1', 'a1', 'edited'));
    expect(store.revision).toBe(1);
    await store.load();
    expect(store.revision).toBe(2);
  });
});
