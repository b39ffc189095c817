/**
 * The one autosave primitive of the renderer. Every place that saves as you go uses it: the action form and
 * progress updates, the settings fields (`settings/AutosaveField`), the rating scale and columns tabs, and
 * the covering report.
 *
 * `Autosaver` (no React): `change(v)` keeps the newest value and saves it `delay` ms after the last change;
 * `flush()` saves at once (blur, Enter, closing, switching tabs or periods, the window going away). Saves run
 * one at a time and always send the newest value. A value `validate` finds a problem with is never saved:
 * its message is the saver's state until the value is corrected. A value equal to the stored one is not
 * saved. A failed save keeps the value (nothing typed is lost) and the next change or flush retries it.
 * Its state (`saved` | `pending` | `saving` | `invalid` | `error`) goes to `onState`.
 *
 * `useAutosave` (React): an Autosaver per field, its value kept locally while typing (so the rest of the app
 * does not re-render on a keystroke), following the stored value when there is no unsaved typing, reporting
 * to the nearest save tracker (the one "Saving…" / "All changes saved" / "Couldn't save" status), and
 * flushed on unmount and on `pagehide`. Give a form a React `key` per entity so a switch saves the old one.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { AppServicesContext } from './context';
import { SaveTracker } from './saveStatus';
import { errorText } from '../errors';

export const AUTOSAVE_DELAY_MS = 400;

export type SaverState =
  | { kind: 'saved' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  /** The value is not acceptable (a local check): not saved, the message goes beside the field. */
  | { kind: 'invalid'; message: string }
  | { kind: 'error'; message: string };

export interface AutosaverOptions<T> {
  /** Writes a value; throw (ApiError) to refuse it. */
  save(value: T): Promise<unknown>;
  onState?(state: SaverState): void;
  /** Quiet time before a save, in ms. */
  delay?: number;
  /** A message when the value cannot be saved (half-typed, out of range); null when it can. */
  validate?(value: T): string | null;
  /** Whether two values mean the same (default `Object.is`). */
  equals?(a: T, b: T): boolean;
  /**
   * False: save only on `flush()` (blur, Enter, leaving), never after a pause. For values the store reads
   * differently part-way through typing, such as a date ("13/02/20" is already a day in 2020).
   */
  saveOnPause?: boolean;
}

export class Autosaver<T> {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private latest: { value: T } | null = null;
  private stored: { value: T } | null = null;
  private running: Promise<void> = Promise.resolve();
  private current: SaverState = { kind: 'saved' };

  constructor(private readonly options: AutosaverOptions<T>) {}

  /** The value as stored (after a save or a reload): an edit back to it is not saved. */
  setStored(value: T): void {
    this.stored = { value };
  }

  get state(): SaverState {
    return this.current;
  }

  /** True when a change has not been saved yet (including one that cannot be saved as it is). */
  get dirty(): boolean {
    return this.latest !== null;
  }

  /** A new value (replaces any not yet saved). */
  change(value: T): void {
    this.latest = { value };
    this.stopTimer();
    const problem = this.problemOf(value);
    if (problem) {
      this.set({ kind: 'invalid', message: problem });
      return;
    }
    this.set({ kind: 'pending' });
    if (this.options.saveOnPause !== false)
      this.timer = setTimeout(() => void this.flush(), this.options.delay ?? AUTOSAVE_DELAY_MS);
  }

  /** Saves the newest value now; resolves when everything changed so far is saved, refused or failed. */
  flush(): Promise<void> {
    this.stopTimer();
    this.running = this.running.then(async () => {
      const next = this.latest;
      if (!next) return;
      const problem = this.problemOf(next.value);
      if (problem) {
        this.set({ kind: 'invalid', message: problem });
        return;
      }
      this.latest = null;
      if (this.stored && (this.options.equals ?? Object.is)(next.value, this.stored.value)) {
        this.set({ kind: 'saved' });
        return;
      }
      this.set({ kind: 'saving' });
      try {
        await this.options.save(next.value);
        this.stored = next;
        if (this.latest === null) this.set({ kind: 'saved' });
      } catch (error) {
        // Keep the value so the next change or flush retries it.
        this.latest ??= next;
        this.set({ kind: 'error', message: errorText(error) });
      }
    });
    return this.running;
  }

  /** Takes `value` as stored and shown, dropping any unsaved change (after a write made elsewhere). */
  reset(value: T): void {
    this.stopTimer();
    this.latest = null;
    this.stored = { value };
    this.set({ kind: 'saved' });
  }

  /** Stops the timer without saving (after a final flush). */
  dispose(): void {
    this.stopTimer();
  }

  private problemOf(value: T): string | null {
    return this.options.validate?.(value) ?? null;
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private set(state: SaverState): void {
    this.current = state;
    this.options.onState?.(state);
  }
}

/**
 * The save tracker a screen reports to: the settings screen's (see settings/saveStatus.tsx), else the
 * app-wide one, else (a component shown on its own) one of its own.
 */
export const SaveTrackerContext = createContext<SaveTracker | null>(null);

export function useTracker(): SaveTracker {
  const scoped = useContext(SaveTrackerContext);
  const app = useContext(AppServicesContext);
  const [own] = useState(() => new SaveTracker());
  return scoped ?? app?.saves ?? own;
}

export interface AutosaveOptions<T> {
  /** The value as stored. */
  stored: T;
  /** Writes `next` (undo is the saver's business; the hook reports it to the save tracker). */
  save(next: T): Promise<unknown>;
  /** A message when the value cannot be saved; it is shown as `error` and nothing is saved. */
  validate?(value: T): string | null;
  delay?: number;
  equals?: (a: T, b: T) => boolean;
  /** False: save on blur / flush only (see `AutosaverOptions.saveOnPause`). */
  saveOnPause?: boolean;
}

export interface Autosave<T> {
  value: T;
  setValue(next: T): void;
  /** Saves now if there is unsaved typing. */
  flush(): Promise<void>;
  /** Shows `next` as the stored value without saving it (a write the form made another way, e.g. a preset). */
  reset(next: T): void;
  dirty: boolean;
  /** What stops the value being saved (a local check or the store's refusal), in plain words; else null. */
  error: string | null;
  state: SaverState;
}

export function useAutosave<T>({
  stored,
  save,
  validate,
  delay = AUTOSAVE_DELAY_MS,
  equals = Object.is,
  saveOnPause = true,
}: AutosaveOptions<T>): Autosave<T> {
  const saves = useTracker();
  const [value, setLocal] = useState<T>(stored);
  const [state, setState] = useState<SaverState>({ kind: 'saved' });
  const valueRef = useRef(stored);
  const latest = useRef({ save, validate, equals });
  latest.current = { save, validate, equals };

  const saver = useMemo(() => {
    const s = new Autosaver<T>({
      save: (v) => saves.track(() => latest.current.save(v)),
      validate: (v) => latest.current.validate?.(v) ?? null,
      equals: (a, b) => latest.current.equals(a, b),
      delay,
      saveOnPause,
      onState: (next) => {
        setState(next);
        if (next.kind === 'pending') saves.markDirty();
        else if (next.kind === 'saved' || next.kind === 'invalid') saves.settle();
      },
    });
    s.setStored(valueRef.current);
    return s;
  }, [saves, delay, saveOnPause]);

  // Follow the stored value when there is no unsaved typing.
  useEffect(() => {
    saver.setStored(stored);
    if (!saver.dirty && !latest.current.equals(valueRef.current, stored)) {
      valueRef.current = stored;
      setLocal(stored);
    }
  }, [saver, stored]);

  const setValue = useCallback(
    (next: T) => {
      valueRef.current = next;
      setLocal(next);
      saver.change(next);
    },
    [saver],
  );
  const flush = useCallback(() => saver.flush(), [saver]);
  const reset = useCallback(
    (next: T) => {
      valueRef.current = next;
      setLocal(next);
      saver.reset(next);
    },
    [saver],
  );

  // Save on unmount (closing the panel, switching tabs) and before the window goes away.
  useEffect(() => {
    const onHide = () => void saver.flush();
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      void saver.flush();
      saver.dispose();
    };
  }, [saver]);

  const error = state.kind === 'invalid' || state.kind === 'error' ? state.message : null;
  return { value, setValue, flush, reset, dirty: saver.dirty, error, state };
}
