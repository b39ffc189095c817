/**
 * The undo/redo stack: each entry knows how to undo and redo itself (both async calls to the store).
 * Entries run one at a time; a failed undo/redo leaves the stack as it was and reports the error.
 * Pure TypeScript (no React, no DOM) so it is unit-tested directly.
 */

export interface UndoEntry {
  /** What the entry did, in words: "Edit description of 1.2", "Delete action 3.4". */
  label: string;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

export interface UndoState {
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
  busy: boolean;
}

export class UndoStack {
  private past: UndoEntry[] = [];
  private future: UndoEntry[] = [];
  private busy = false;
  private listeners = new Set<() => void>();
  private snapshot: UndoState = { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null, busy: false };

  constructor(private readonly limit = 200) {}

  /** Records something already done; clears the redo side. */
  push(entry: UndoEntry): void {
    this.past.push(entry);
    if (this.past.length > this.limit) this.past.shift();
    this.future = [];
    this.changed();
  }

  /** Undoes the latest entry. Resolves to its label, or null when there was nothing to undo. Throws the entry's error. */
  async undo(): Promise<string | null> {
    if (this.busy) return null;
    const entry = this.past.at(-1);
    if (!entry) return null;
    await this.run(() => entry.undo());
    this.past.pop();
    this.future.push(entry);
    this.changed();
    return entry.label;
  }

  /** Redoes the latest undone entry. Resolves to its label, or null. Throws the entry's error. */
  async redo(): Promise<string | null> {
    if (this.busy) return null;
    const entry = this.future.at(-1);
    if (!entry) return null;
    await this.run(() => entry.redo());
    this.future.pop();
    this.past.push(entry);
    this.changed();
    return entry.label;
  }

  clear(): void {
    this.past = [];
    this.future = [];
    this.changed();
  }

  getState = (): UndoState => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private async run(op: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.changed();
    try {
      await op();
    } finally {
      this.busy = false;
      this.changed();
    }
  }

  private changed(): void {
    this.snapshot = {
      canUndo: this.past.length > 0 && !this.busy,
      canRedo: this.future.length > 0 && !this.busy,
      undoLabel: this.past.at(-1)?.label ?? null,
      redoLabel: this.future.at(-1)?.label ?? null,
      busy: this.busy,
    };
    for (const l of this.listeners) l();
  }
}
