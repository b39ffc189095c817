/** Add or rename an objective / outcome (the text shared by every action under it). */
import { useState } from 'react';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { Button } from '../components/Button';
import { TextArea } from '../components/TextArea';
import { errorText } from '../errors';

export interface ObjectiveDialogProps {
  /** The current title when renaming; null when adding. */
  title: string | null;
  /** "Objective" or "Outcome", from the plan's template. */
  noun: string;
  /** Where it goes, for the heading: "theme 2". */
  where: string;
  onSave(title: string): Promise<void>;
  onClose(): void;
}

export function ObjectiveDialog({ title, noun, where, onSave, onClose }: ObjectiveDialogProps) {
  const [text, setText] = useState(title ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const lower = noun.toLowerCase();
  const submit = async () => {
    if (!text.trim()) {
      setError(`Write the ${lower} text.`);
      return;
    }
    setBusy(true);
    try {
      await onSave(text.trim());
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={title === null ? `Add an ${lower} to ${where}` : `Rename ${lower}`}
      onClose={onClose}
      actions={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" disabled={busy} onClick={() => void submit()}>
            {title === null ? `Add ${lower}` : 'Save'}
          </Button>
        </>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field
          label={`${noun} text`}
          error={error}
          hint={`Shown once above the actions under it, and in the ${noun} column.`}
        >
          {(p) => (
            <TextArea
              {...p}
              value={text}
              data-autofocus
              minRows={2}
              maxRows={6}
              onChange={(e) => setText(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.shiftKey) {
                  e.preventDefault();
                  void submit();
                }
              }}
            />
          )}
        </Field>
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
