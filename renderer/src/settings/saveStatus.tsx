/**
 * Visible "saved" state for the settings screens. The tabs report their writes to one save tracker
 * (`state/saveStatus.ts`: the app-wide one inside the app, a tracker of the screen's own when shown alone),
 * the same one the autosaving fields (`state/autosave.ts`) report to; the tab header shows "Saving…",
 * "All changes saved at 14:05" or "Couldn't save: <message>" (aria-live, polite).
 */
import { useContext, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { AppServicesContext } from '../state/context';
import { SaveTrackerContext, useTracker } from '../state/autosave';
import { SaveTracker, describeSaveState, type SaveState } from '../state/saveStatus';

export function SaveProvider({ children }: { children: ReactNode }) {
  const app = useContext(AppServicesContext);
  const [own] = useState(() => new SaveTracker());
  return <SaveTrackerContext.Provider value={app?.saves ?? own}>{children}</SaveTrackerContext.Provider>;
}

interface SettingsSaves {
  state: SaveState;
  /** Runs a write, reflecting its progress in the shared status. Re-throws the error for the caller. */
  track<T>(work: () => Promise<T>): Promise<T>;
}

/** The tracker of the nearest SaveProvider (the app's, or one of its own outside both, e.g. in isolated tests). */
export function useSaveTracker(): SettingsSaves {
  const tracker = useTracker();
  const state = useSyncExternalStore(tracker.subscribe, tracker.getState);
  return useMemo(() => ({ state, track: <T,>(work: () => Promise<T>) => tracker.track(work) }), [state, tracker]);
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
  } else if (state.kind === 'error' || state.kind === 'unsaved') {
    text = describeSaveState(state);
    cls = 'pw-save pw-save--error';
  }
  return (
    <p className={cls} role="status" aria-live="polite" data-testid="save-status">
      {state.kind === 'saved' ? <span aria-hidden="true">✓ </span> : null}
      {text}
    </p>
  );
}
