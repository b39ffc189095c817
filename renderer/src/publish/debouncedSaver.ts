/**
 * Debounced autosave of one value: `change(v)` schedules a save after `delayMs` of quiet; saves run one
 * at a time and always send the newest value; `flush()` saves now (on close or period change). The state
 * ('saved' | 'pending' | 'saving' | 'error') goes to `onState` for a visible saved indicator.
 */
import { errorText } from '../errors';
export type SaverState =
  { kind: 'saved' } | { kind: 'pending' } | { kind: 'saving' } | { kind: 'error'; message: string };

export class DebouncedSaver<T> {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private latest: { value: T } | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly save: (value: T) => Promise<void>,
    private readonly onState: (state: SaverState) => void,
    private readonly delayMs = 700,
  ) {}

  /** A new value to save (replaces any not yet saved). */
  change(value: T): void {
    this.latest = { value };
    this.onState({ kind: 'pending' });
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /** True when a change has not been saved yet. */
  get dirty(): boolean {
    return this.latest !== null;
  }

  /** Saves the newest value now; resolves when everything changed so far is saved (or failed). */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.running = this.running.then(async () => {
      const next = this.latest;
      if (!next) return;
      this.latest = null;
      this.onState({ kind: 'saving' });
      try {
        await this.save(next.value);
        if (this.latest === null) this.onState({ kind: 'saved' });
      } catch (error) {
        // Keep the value so the next change or flush retries it.
        this.latest ??= next;
        this.onState({ kind: 'error', message: errorText(error) });
      }
    });
    return this.running;
  }

  /** Stops the timer without saving (after a final flush). */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
