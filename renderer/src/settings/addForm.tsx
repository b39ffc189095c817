/**
 * Shared pieces of the settings tabs' "Add …" forms (period, recommendation, person): the message and
 * busy state around one tracked write, and the message line under the form.
 */
import { useState } from 'react';
import { useSaveTracker } from './saveStatus';
import { errorText } from '../errors';

/** An add form's state: its message (a local check or the store's refusal) and whether a write runs. */
export interface AddFormState {
  error: string | null;
  setError(message: string | null): void;
  busy: boolean;
  /**
   * Runs `work` through the tab's save tracker with the submit button disabled; on success clears the
   * message and calls `onSaved` (reset the fields, tell the tab, move focus), otherwise shows the error.
   */
  save(work: () => Promise<unknown>, onSaved: () => void): Promise<void>;
}

/** State for one "Add …" form in a settings tab. */
export function useAddForm(): AddFormState {
  const { track } = useSaveTracker();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (work: () => Promise<unknown>, onSaved: () => void): Promise<void> => {
    setBusy(true);
    try {
      await track(work);
      setError(null);
      onSaved();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return { error, setError, busy, save };
}

/** The form's message line (`id` is what the invalid field's aria-describedby points to). */
export function FormError({ id, error }: { id: string; error: string | null }) {
  return error ? (
    <p id={id} className="field-error" role="alert">
      {error}
    </p>
  ) : null;
}
