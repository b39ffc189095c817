/** The save state in words, announced politely to screen readers: "Saving…", "All changes saved", "Couldn't save: …". */
import { describeSaveState } from '../state/saveStatus';
import { useSaveState } from '../state/context';

export function SaveStatus() {
  const state = useSaveState();
  const icon = state.kind === 'error' ? '⚠' : state.kind === 'saving' ? '…' : '✓';
  return (
    <span className="save-status" data-state={state.kind === 'idle' ? 'saved' : state.kind} role="status" aria-live="polite" data-testid="save-status">
      <span aria-hidden="true">{icon}</span>
      {describeSaveState(state)}
    </span>
  );
}
