/**
 * Tracks every write in flight so the shell can say "Saving…", "All changes saved" or
 * "Couldn't save: <message>". The error stays until a later write succeeds.
 */
import { errorText } from '../errors';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'error'; message: string }
  /** A failed save the user has moved on from: its message stays beside its field, the header only notes it. */
  | { kind: 'unsaved'; message: string };

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
      this.set({ kind: 'error', message: errorText(error) });
      throw error;
    }
  }

  /** Marks unsaved typing (debounce running) as "Saving…". */
  markDirty(): void {
    if (this.state.kind !== 'saving' && this.state.kind !== 'error' && this.state.kind !== 'unsaved')
      this.set({ kind: 'saving' });
  }

  /**
   * The user has left the field whose save failed (focus moved on, another tab): the header's red message
   * gives way to a short note; the message itself stays beside the field until it is corrected.
   */
  dismiss(): void {
    if (this.state.kind === 'error') this.set({ kind: 'unsaved', message: this.state.message });
  }

  /**
   * A write the store refused that changed nothing and is already put right on screen, its message beside
   * the control (removing a rating level that ratings use): nothing is unsaved, so back to "All changes saved".
   */
  refused(): void {
    if (this.pending === 0 && this.state.kind === 'error') this.set({ kind: 'saved', at: new Date() });
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
    case 'unsaved':
      return 'A change is not saved: see the field marked in red';
  }
}
