/**
 * "You: J Tynan AD" in the header: the name written to every action's history ("who changed what") and
 * used by the update round to pick out "my actions". Opens a small dialog to change it; a blank name is
 * refused with a message and changes nothing.
 */
import { useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { call } from '../api';
import { Button } from './Button';
import { Dialog } from './Dialog';
import { Field } from './Field';
import { errorText } from '../errors';

export function YourName({ userName, onChange }: { userName: string; onChange(userName: string): void }) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const start = () => {
    setDraft(userName);
    setError(null);
    setOpen(true);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const name = draft.trim();
    if (!name) {
      setError('Type your name as colleagues know it, for example “J Tynan AD”.');
      return;
    }
    setBusy(true);
    try {
      const info = await call('settings:setUserName', { userName: name });
      onChange(info.userName);
      setOpen(false);
    } catch (err) {
      setError(`Couldn't save your name: ${errorText(err)}`);
    } finally {
      setBusy(false);
    }
  };

  // The dialog is portalled to <body> so the header's inverted button styles do not reach it.
  const dialog = (
    <Dialog title="Your name" onClose={() => setOpen(false)} width={440}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field
          label="Your name"
          hint="Shown in each action's history as who changed what, and used by the update round for “my actions”."
          error={error}
        >
          {(control) => (
            <input
              {...control}
              type="text"
              value={draft}
              data-autofocus
              onChange={(e) => setDraft(e.target.value)}
              autoComplete="name"
            />
          )}
        </Field>
        <div className="dialog-actions">
          <Button type="button" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" disabled={busy}>
            Save name
          </Button>
        </div>
      </form>
    </Dialog>
  );
  return (
    <>
      <button
        type="button"
        className="btn btn-small your-name"
        onClick={start}
        title="Your name, recorded in each action's history"
        aria-label={`Your name: ${userName || 'not set'}. Change it`}
      >
        You: {userName || 'not set'}
      </button>
      {open ? createPortal(dialog, document.body) : null}
    </>
  );
}
