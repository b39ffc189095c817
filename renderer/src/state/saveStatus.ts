/**
 * Tracks every write in flight so the shell can say "Saving…", "All changes saved" or
 * "Couldn't save: <message>". The error stays until a later write succeeds.
 */

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'error'; message: string };

export class SaveTracker {
  private pending = 0;
  private state: SaveState = { kind: 'idle' };
  private listeners = new Set<() => void>();

  /** Runs `op`, reflecting it in the state; rethrows its error after recording it. */
  async track<T>(op: () => Promise<T>): Promise<T> {
    this.pending++;
    this.set({ kind: 'saving' });
    try {
      const value = await op();
      this.pending--;
      if (this.pending === 0) this.set({ kind: 'saved', at: new Date() });
      return value;
    } catch (error) {
      this.pending--;
      this.set({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }

  /** Marks unsaved typing (debounce running) as "Saving…". */
  markDirty(): void {
    if (this.state.kind !== 'saving' && this.state.kind !== 'error') this.set({ kind: 'saving' });
  }

  /** A debounced edit turned out to change nothing: drop the "Saving…" it showed. */
  settle(): void {
    if (this.pending === 0 && this.state.kind === 'saving') this.set({ kind: 'saved', at: new Date() });
  }

  getState = (): SaveState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(state: SaveState): void {
    this.state = state;
    for (const l of this.listeners) l();
  }
}

/** The words shown for a save state. */
export function describeSaveState(state: SaveState): string {
  switch (state.kind) {
    case 'idle':
      return 'All changes saved';
    case 'saving':
      return 'Saving…';
    case 'saved':
      return 'All changes saved';
    case 'error':
      return `Couldn't save: ${state.message}`;
  }
}
