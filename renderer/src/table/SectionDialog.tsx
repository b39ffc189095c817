/** Add or edit a section (theme / area for improvement / priority): title, number, description. */
import { useState } from 'react';
import type { Section } from '../../../shared/model';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { Button } from '../components/Button';
import { TextArea } from '../components/TextArea';
import { errorText } from '../errors';
import { withArticle } from '../../../shared/words';

export interface SectionValues {
  title: string;
  number?: string;
  description?: string;
}

export function SectionDialog({
  section,
  noun,
  onSave,
  onClose,
}: {
  section: Section | null;
  noun: string;
  onSave(values: SectionValues): Promise<void>;
  onClose(): void;
}) {
  const [title, setTitle] = useState(section?.title ?? '');
  const [number, setNumber] = useState(section?.number ?? '');
  const [description, setDescription] = useState(section?.description ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!title.trim()) {
      setError(`Give the ${noun.toLowerCase()} a title.`);
      return;
    }
    setBusy(true);
    try {
      const values: SectionValues = { title: title.trim() };
      if (section ? number !== section.number : number.trim()) values.number = number.trim();
      if (section ? description !== section.description : description) values.description = description;
      await onSave(values);
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={section ? `Edit ${noun.toLowerCase()} ${section.number}` : `Add ${withArticle(noun.toLowerCase())}`}
      onClose={onClose}
      actions={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" disabled={busy} onClick={() => void submit()}>
            {section ? 'Save' : `Add ${noun.toLowerCase()}`}
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
        <Field label="Title" error={error}>
          {(p) => <input {...p} type="text" value={title} data-autofocus onChange={(e) => setTitle(e.target.value)} />}
        </Field>
        <Field
          label="Number"
          hint="Leave blank to number automatically. A number you type (such as “7 (14)”) is kept when the plan is renumbered."
        >
          {(p) => (
            <input
              {...p}
              type="text"
              value={number}
              onChange={(e) => setNumber(e.target.value)}
              style={{ width: 140 }}
            />
          )}
        </Field>
        <Field label="Description">
          {(p) => <TextArea {...p} value={description} minRows={2} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
