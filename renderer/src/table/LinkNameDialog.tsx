/**
 * "Link 'F. Dunmore' to a person…" (issue 11 point 3): lead text that names nobody in People becomes another
 * name of an existing person (an alias), or a new person is added. From then on shared/leads.ts's rule finds
 * that person's actions by either name: the filter bar, "my actions", the update round and sync.
 */
import { useContext, useState } from 'react';
import type { Person } from '../../../shared/model';
import { call } from '../api';
import { WorkspaceContext } from '../state/context';
import { Button } from '../components/Button';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { errorText } from '../errors';

export function LinkNameDialog({
  text,
  people,
  onLinked,
  onClose,
}: {
  /** The name as lead cells write it. */
  text: string;
  people: readonly Person[];
  onLinked(person: Person): void;
  onClose(): void;
}) {
  const [mode, setMode] = useState<'existing' | 'new'>(people.length > 0 ? 'existing' : 'new');
  const [personId, setPersonId] = useState('');
  const [newName, setNewName] = useState(text);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const editor = useContext(WorkspaceContext)?.editor;
  const sorted = [...people].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  const submit = async () => {
    if (mode === 'existing' && !personId) return setError('Choose the person this name stands for.');
    if (mode === 'new' && !newName.trim()) return setError('Enter the person’s name.');
    setBusy(true);
    try {
      const input = mode === 'existing' ? { text, personId } : { text, newName: newName.trim() };
      // Through the open plan's Editor (undoable) inside a workspace.
      const person = await (editor ? editor.linkName(input) : call('people:link', input));
      onLinked(person);
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={`Link “${text}” to a person`}
      onClose={onClose}
      actions={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" disabled={busy} onClick={() => void submit()}>
            Link name
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
        <p className="field-hint">
          Lead cells write “{text}”, which names nobody in People. Link it, and actions led by either name are found
          together (My actions, the Lead filter and the update round).
        </p>
        <fieldset className="link-name-choice">
          <legend className="visually-hidden">Who “{text}” is</legend>
          <label className="pw-check">
            <input
              type="radio"
              name="link-mode"
              checked={mode === 'existing'}
              disabled={people.length === 0}
              onChange={() => (setMode('existing'), setError(null))}
            />{' '}
            Someone already in People
          </label>
          {mode === 'existing' ? (
            <Field label="Person" error={error}>
              {(p) => (
                <select
                  {...p}
                  data-autofocus
                  value={personId}
                  onChange={(e) => (setPersonId(e.target.value), setError(null))}
                >
                  <option value="">Choose a person…</option>
                  {sorted.map((person) => (
                    <option key={person.id} value={person.id}>
                      {person.name}
                      {person.jobTitle ? `, ${person.jobTitle}` : ''}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : null}
          <label className="pw-check">
            <input
              type="radio"
              name="link-mode"
              checked={mode === 'new'}
              onChange={() => (setMode('new'), setError(null))}
            />{' '}
            A new person
          </label>
          {mode === 'new' ? (
            <Field label="Their full name" error={error} hint={`Added to People, with “${text}” kept as another name.`}>
              {(p) => (
                <input
                  {...p}
                  type="text"
                  data-autofocus
                  value={newName}
                  onChange={(e) => (setNewName(e.target.value), setError(null))}
                />
              )}
            </Field>
          ) : null}
        </fieldset>
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
