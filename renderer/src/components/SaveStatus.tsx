/** The save state in words, announced politely to screen readers: "Saving…", "All changes saved", "Couldn't save: …". */
import { describeSaveState } from '../state/saveStatus';
import { useSaveState } from '../state/context';

export function SaveStatus() {
  const state = useSaveState();
  const icon = state.kind === 'error' || state.kind === 'unsaved' ? '⚠' : state.kind === 'saving' ? '…' : '✓';
  const text = describeSaveState(state);
  // One line that never pushes the header apart: long messages are cut with "…", the whole is in the title.
  return (
    <span
      className="save-status"
      data-state={state.kind === 'idle' ? 'saved' : state.kind}
      role="status"
      aria-live="polite"
      data-testid="save-status"
      title={text}
    >
      <span aria-hidden="true">{icon}</span>
      <span className="save-status-text">{text}</span>
    </span>
  );
}
