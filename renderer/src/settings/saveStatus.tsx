/**
 * Visible "saved" state for the settings screens. Each tab wraps its writes in `track(promise)`; the
 * tab header shows "Saving…", "All changes saved" or "Couldn't save: <message>" (aria-live, polite).
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { AppServicesContext } from '../state/context';
import { errorText } from '../errors';

export type SaveState =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'error'; message: string };

interface SaveTracker {
  state: SaveState;
  /** Runs a write, reflecting its progress in the shared status. Re-throws the error for the caller. */
  track<T>(work: () => Promise<T>): Promise<T>;
}

const SaveContext = createContext<SaveTracker | null>(null);

export function SaveProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const pending = useRef(0);
  // Also report to the shell's app-wide tracker (header status, warning on close) when there is one.
  const app = useContext(AppServicesContext);
  const track = useCallback(
    async <T,>(work: () => Promise<T>): Promise<T> => {
      pending.current += 1;
      setState({ kind: 'saving' });
      try {
        const result = await (app ? app.saves.track(work) : work());
        pending.current -= 1;
        if (pending.current === 0) setState({ kind: 'saved', at: new Date() });
        return result;
      } catch (error) {
        pending.current -= 1;
        setState({ kind: 'error', message: errorText(error) });
        throw error;
      }
    },
    [app],
  );
  const value = useMemo(() => ({ state, track }), [state, track]);
  return <SaveContext.Provider value={value}>{children}</SaveContext.Provider>;
}

/** The tracker of the nearest SaveProvider (a no-op tracker outside one, e.g. in isolated tests). */
export function useSaveTracker(): SaveTracker {
  const ctx = useContext(SaveContext);
  return ctx ?? { state: { kind: 'idle' }, track: (work) => work() };
}

/** The status line: polite live region, text always present so screen readers hear changes. */
export function SaveStatus() {
  const { state } = useSaveTracker();
  let text = 'Changes save as you go';
  let cls = 'pw-save pw-save--idle';
  if (state.kind === 'saving') {
    text = 'Saving…';
    cls = 'pw-save pw-save--saving';
  } else if (state.kind === 'saved') {
    text = `All changes saved at ${state.at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}`;
    cls = 'pw-save pw-save--saved';
  } else if (state.kind === 'error') {
    text = `Couldn't save: ${state.message}`;
    cls = 'pw-save pw-save--error';
  }
  return (
    <p className={cls} role="status" aria-live="polite" data-testid="save-status">
      {state.kind === 'saved' ? <span aria-hidden="true">✓ </span> : null}
      {text}
    </p>
  );
}
