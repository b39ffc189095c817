/**
 * The people directory (shared by all plans): name, job title, service, email and whether they sign
 * covering reports. Used for the lead typeahead and the covering report's sign-offs.
 */
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { call } from '../api';
import type { Person, PlanTree } from '../../../shared/model';
import type { Editor, PersonPatch } from '../state/editor';
import { useSettingsEditor } from './useSettingsEditor';
import { AutosaveField } from './AutosaveField';
import { FormError, useAddForm } from './addForm';
import { useRowWrites } from './rowWrites';
import { errorText } from '../errors';

type Editable = Pick<Person, 'name' | 'jobTitle' | 'service' | 'email' | 'signatory'>;

/** Other names typed as one line, separated by semicolons (a lead cell may itself hold a comma). */
const splitAliases = (v: string) =>
  v
    .split(';')
    .map((a) => a.trim())
    .filter((a) => a !== '');

const emailOk = (v: string) =>
  v.trim() === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim())
    ? null
    : 'Enter an email address like name@council.gov.uk, or leave it blank';

export function PeopleTab({ tree, onChanged }: { tree: PlanTree; onChanged(): void }) {
  const editor = useSettingsEditor(tree, onChanged);
  const [people, setPeople] = useState<Person[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const { rowError, writeRow } = useRowWrites();
  const [filter, setFilter] = useState('');
  const peopleRef = useRef<Person[]>([]);

  const load = useCallback(async () => {
    try {
      const list = await call('people:list', {});
      const live = list.filter((p) => p.deletedAt === null).sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
      peopleRef.current = live;
      setPeople(live);
    } catch (e) {
      setLoadError(errorText(e));
    }
  }, []);
  // Read the list again after every write, undo and redo (from here or Ctrl+Z / the Undo button).
  useEffect(() => {
    void load();
    return editor.onPeopleChanged(() => void load());
  }, [load, editor]);

  /** Writes one changed field, keeping the rest of the stored record (undoable). */
  const save = async (id: string, patch: PersonPatch) => {
    const current = peopleRef.current.find((p) => p.id === id);
    if (!current) return;
    const stored = await editor.updatePerson(current, patch);
    peopleRef.current = peopleRef.current.map((p) => (p.id === id ? stored : p));
    setPeople(peopleRef.current);
  };

  const toggleSignatory = async (p: Person, signatory: boolean) => {
    await writeRow(p.id, () => save(p.id, { signatory }));
  };
  const remove = async (p: Person) => {
    await writeRow(p.id, () => editor.deletePerson(p));
  };

  const q = filter.trim().toLowerCase();
  const shown = (people ?? []).filter(
    (p) => !q || [p.name, p.jobTitle, p.service, p.email].some((s) => s.toLowerCase().includes(q)),
  );

  return (
    <section aria-labelledby="people-heading" className="pw-settings-panel">
      <h3 id="people-heading">People</h3>
      <p className="field-hint">
        A directory shared by every plan. Leads typed on actions are offered from here, and signatories appear in the
        covering report’s “Report of” and “Implications verified by” lists. A lead on an action can still be any text:
        “Other names” (separated by semicolons, e.g. “F. Dunmore; Head of Early Help”) are the ways lead cells write a
        person, so filters and the update round find their actions by any of them.
      </p>
      {loadError ? (
        <p className="notice notice-danger" role="alert">
          Couldn&apos;t load the people directory: {loadError}
        </p>
      ) : null}
      <div className="hstack pw-people-tools">
        <label htmlFor="people-filter">Filter people</label>
        <input
          id="people-filter"
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          placeholder="Name, job title, service or email"
        />
        <span className="muted small">{people === null ? 'Loading…' : `${shown.length} of ${people.length}`}</span>
      </div>

      {people !== null && people.length === 0 ? (
        <p className="notice notice-info">
          Nobody in the directory yet. Add the people who lead actions or sign reports.
        </p>
      ) : null}

      {shown.length > 0 ? (
        <table className="pw-table pw-people">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Job title</th>
              <th scope="col">Service</th>
              <th scope="col">Email</th>
              <th scope="col">Other names</th>
              <th scope="col">Signatory</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((p) => (
              <tr key={p.id} data-testid="person-row">
                <td>
                  <AutosaveField
                    label={`Name of ${p.name}`}
                    hideLabel
                    value={p.name}
                    validate={(v) => (v.trim() === '' ? 'A person needs a name' : null)}
                    onSave={(name) => save(p.id, { name })}
                  />
                </td>
                <td>
                  <AutosaveField
                    label={`Job title of ${p.name}`}
                    hideLabel
                    value={p.jobTitle}
                    onSave={(jobTitle) => save(p.id, { jobTitle })}
                  />
                </td>
                <td>
                  <AutosaveField
                    label={`Service of ${p.name}`}
                    hideLabel
                    value={p.service}
                    onSave={(service) => save(p.id, { service })}
                  />
                </td>
                <td>
                  <AutosaveField
                    label={`Email of ${p.name}`}
                    hideLabel
                    type="email"
                    value={p.email}
                    validate={emailOk}
                    onSave={(email) => save(p.id, { email })}
                  />
                </td>
                <td>
                  <AutosaveField
                    label={`Other names of ${p.name}, separated by semicolons`}
                    hideLabel
                    value={p.aliases.join('; ')}
                    validate={(v) =>
                      splitAliases(v).length > 50
                        ? 'A person can have at most 50 other names'
                        : splitAliases(v).some((a) => a.length > 300)
                          ? 'Each other name can be at most 300 characters'
                          : null
                    }
                    onSave={(v) => save(p.id, { aliases: splitAliases(v) })}
                  />
                </td>
                <td>
                  <label className="pw-check">
                    <input
                      type="checkbox"
                      checked={p.signatory}
                      onChange={(e) => void toggleSignatory(p, e.target.checked)}
                    />
                    <span className="visually-hidden">{p.name} signs reports</span>
                    <span aria-hidden="true">{p.signatory ? 'Signs reports' : 'No'}</span>
                  </label>
                </td>
                <td>
                  <button
                    type="button"
                    className="btn btn-small btn-danger"
                    aria-label={`Remove ${p.name} from the directory`}
                    onClick={() => void remove(p)}
                  >
                    Remove
                  </button>
                  {rowError?.id === p.id ? (
                    <div className="field-error" role="alert">
                      {rowError.message}
                    </div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <AddPersonForm editor={editor} />
    </section>
  );
}

function AddPersonForm({ editor }: { editor: Editor }) {
  const ids = useId();
  const empty: Editable = { name: '', jobTitle: '', service: '', email: '', signatory: false };
  const [draft, setDraft] = useState<Editable>(empty);
  const { error, setError, busy, save } = useAddForm();
  const set = (patch: Partial<Editable>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (draft.name.trim() === '') {
      setError('Enter the person’s name');
      document.getElementById(`${ids}-name`)?.focus();
      return;
    }
    const emailProblem = emailOk(draft.email);
    if (emailProblem) {
      setError(emailProblem);
      return;
    }
    await save(
      () => editor.createPerson({ ...draft, name: draft.name.trim(), email: draft.email.trim() }),
      () => {
        setDraft(empty);
        document.getElementById(`${ids}-name`)?.focus();
      },
    );
  };

  return (
    <form className="pw-addform" onSubmit={(e) => void submit(e)} aria-labelledby={`${ids}-h`} noValidate>
      <h4 id={`${ids}-h`}>Add a person</h4>
      <div className="hstack pw-addform__row">
        <div className="field">
          <label htmlFor={`${ids}-name`}>Name</label>
          <input
            id={`${ids}-name`}
            type="text"
            value={draft.name}
            placeholder="Full name"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${ids}-error` : undefined}
            onChange={(e) => set({ name: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-job`}>Job title</label>
          <input
            id={`${ids}-job`}
            type="text"
            value={draft.jobTitle}
            placeholder="Assistant Director"
            onChange={(e) => set({ jobTitle: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-service`}>Service</label>
          <input
            id={`${ids}-service`}
            type="text"
            value={draft.service}
            placeholder="Children’s Social Care"
            onChange={(e) => set({ service: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-email`}>Email</label>
          <input
            id={`${ids}-email`}
            type="email"
            value={draft.email}
            onChange={(e) => set({ email: e.target.value })}
          />
        </div>
        <label className="pw-check pw-addform__check">
          <input type="checkbox" checked={draft.signatory} onChange={(e) => set({ signatory: e.target.checked })} />{' '}
          Signs reports
        </label>
        <button type="submit" className="btn btn-primary pw-addform__submit" disabled={busy}>
          Add person
        </button>
      </div>
      <FormError id={`${ids}-error`} error={error} />
    </form>
  );
}
