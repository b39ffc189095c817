/** The undo stack and the save tracker (pure modules behind Ctrl+Z and the "Saving…" state). */
import { describe, expect, it } from 'vitest';
import { UndoStack } from '../../renderer/src/state/undo';
import { SaveTracker, describeSaveState } from '../../renderer/src/state/saveStatus';
import { snippetParts } from '../../renderer/src/search/SearchPanel';

function counter() {
  const log: string[] = [];
  let value = 0;
  const entry = (label: string, delta: number) => ({
    label,
    undo: async () => {
      value -= delta;
      log.push(`undo ${label}`);
    },
    redo: async () => {
      value += delta;
      log.push(`redo ${label}`);
    },
  });
  return {
    log,
    entry,
    get value() {
      return value;
    },
    set value(v) {
      value = v;
    },
  };
}

describe('UndoStack', () => {
  it('undoes and redoes in order, with labels', async () => {
    const stack = new UndoStack();
    const c = counter();
    c.value = 3;
    stack.push(c.entry('add one', 1));
    stack.push(c.entry('add two', 2));
    expect(stack.getState()).toMatchObject({ canUndo: true, canRedo: false, undoLabel: 'add two' });
    expect(await stack.undo()).toBe('add two');
    expect(c.value).toBe(1);
    expect(await stack.undo()).toBe('add one');
    expect(c.value).toBe(0);
    expect(await stack.undo()).toBeNull();
    expect(stack.getState()).toMatchObject({ canUndo: false, canRedo: true, redoLabel: 'add one' });
    expect(await stack.redo()).toBe('add one');
    expect(c.value).toBe(1);
    expect(c.log).toEqual(['undo add two', 'undo add one', 'redo add one']);
  });

  it('a new entry clears the redo side', async () => {
    const stack = new UndoStack();
    const c = counter();
    stack.push(c.entry('a', 1));
    await stack.undo();
    stack.push(c.entry('b', 1));
    expect(stack.getState().canRedo).toBe(false);
    expect(await stack.redo()).toBeNull();
  });

  it('a failed undo leaves the stack as it was and reports the error', async () => {
    const stack = new UndoStack();
    stack.push({
      label: 'delete 1.2',
      undo: () => Promise.reject(new Error('The period is locked')),
      redo: async () => undefined,
    });
    await expect(stack.undo()).rejects.toThrow('The period is locked');
    expect(stack.getState()).toMatchObject({ canUndo: true, canRedo: false, undoLabel: 'delete 1.2', busy: false });
  });

  it('ignores undo while one is running', async () => {
    const stack = new UndoStack();
    let release!: () => void;
    stack.push({ label: 'slow', undo: () => new Promise<void>((r) => (release = r)), redo: async () => undefined });
    stack.push({ label: 'slow 2', undo: () => new Promise<void>((r) => (release = r)), redo: async () => undefined });
    const first = stack.undo();
    expect(stack.getState().busy).toBe(true);
    expect(await stack.undo()).toBeNull();
    release();
    expect(await first).toBe('slow 2');
  });

  it('keeps at most `limit` entries', async () => {
    const stack = new UndoStack(2);
    const c = counter();
    stack.push(c.entry('1', 1));
    stack.push(c.entry('2', 1));
    stack.push(c.entry('3', 1));
    expect(await stack.undo()).toBe('3');
    expect(await stack.undo()).toBe('2');
    expect(await stack.undo()).toBeNull();
  });

  it('notifies subscribers', () => {
    const stack = new UndoStack();
    let calls = 0;
    const off = stack.subscribe(() => calls++);
    stack.push({ label: 'x', undo: async () => undefined, redo: async () => undefined });
    off();
    stack.clear();
    expect(calls).toBe(1);
  });
});

describe('SaveTracker', () => {
  it('goes Saving… -> All changes saved, and shows a failure until a later save succeeds', async () => {
    const t = new SaveTracker();
    expect(describeSaveState(t.getState())).toBe('All changes saved');
    const p = t.track(async () => 1);
    expect(describeSaveState(t.getState())).toBe('Saving…');
    await p;
    expect(describeSaveState(t.getState())).toBe('All changes saved');
    await expect(t.track(() => Promise.reject(new Error('Disk full')))).rejects.toThrow('Disk full');
    expect(describeSaveState(t.getState())).toBe("Couldn't save: Disk full");
    t.markDirty();
    expect(describeSaveState(t.getState())).toBe("Couldn't save: Disk full");
    await t.track(async () => 2);
    expect(describeSaveState(t.getState())).toBe('All changes saved');
  });

  it('settle() clears a "Saving…" that saved nothing', () => {
    const t = new SaveTracker();
    t.markDirty();
    expect(t.getState().kind).toBe('saving');
    t.settle();
    expect(t.getState().kind).toBe('saved');
  });
});

describe('search snippets', () => {
  it('splits [[matches]] out for highlighting', () => {
    expect(snippetParts('audit of [[supervision]] records, [[supervision]]')).toEqual([
      { text: 'audit of ', match: false },
      { text: 'supervision', match: true },
      { text: ' records, ', match: false },
      { text: 'supervision', match: true },
    ]);
    expect(snippetParts('plain')).toEqual([{ text: 'plain', match: false }]);
  });
});
