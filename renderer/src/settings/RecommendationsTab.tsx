/**
 * Inspection recommendations: the numbered list at the front of the appendix ("Ofsted 1", ...). Shows
 * which actions answer each one and flags those nothing answers. Deleting can be undone.
 */
import { useId, useMemo, useState, type FormEvent } from 'react';
import { call } from '../api';
import type { PlanTree, Recommendation } from '../../../shared/model';
import { AutosaveField } from './AutosaveField';
import { useSaveTracker } from './saveStatus';
import { useSettingsEditor } from './useSettingsEditor';
import type { Editor } from '../state/editor';
import { FormError, useAddForm } from './addForm';
import { useRowWrites } from './rowWrites';
import { answeringReferences, indexTree } from '../state/indexes';
import { errorText } from '../errors';

const wholeOrBlank = (v: string) =>
  v.trim() === '' || /^\d{1,4}$/.test(v.trim()) ? null : 'The number must be a whole number, or blank';

export function RecommendationsTab({ tree, onChanged }: { tree: PlanTree; onChanged(): void }) {
  const { plan } = tree;
  const { track } = useSaveTracker();
  const editor = useSettingsEditor(tree, onChanged);
  const recs = useMemo(
    () => tree.recommendations.filter((r) => r.deletedAt === null).sort((a, b) => a.position - b.position),
    [tree.recommendations],
  );
  const answeredBy = useMemo(() => answeringReferences(indexTree(tree)), [tree]);
  const { rowError, setRowError, writeRow } = useRowWrites();
  const [deleted, setDeleted] = useState<Recommendation | null>(null);
  const unanswered = recs.filter((r) => !answeredBy.has(r.id)).length;

  const remove = async (r: Recommendation) => {
    await writeRow(
      r.id,
      () => editor.deleteRecommendation(r.id),
      () => setDeleted(r),
    );
  };
  // The notice's Undo is the undo stack's (so Ctrl+Z afterwards does not undo it twice).
  const undo = async () => {
    if (!deleted) return;
    try {
      if (editor.undo.getState().undoLabel === `Delete ${deleted.label}`) await editor.undo.undo();
      else
        await track(() =>
          call('recommendations:restore', { recommendationId: deleted.id }).then(() => editor.store.load()),
        );
      setDeleted(null);
    } catch (e) {
      setRowError({ id: deleted.id, message: errorText(e) });
    }
  };

  return (
    <section aria-labelledby="recs-heading" className="pw-settings-panel">
      <h3 id="recs-heading">Inspection recommendations</h3>
      <p className="field-hint">
        Printed under “{plan.recommendationsHeading || 'Recommendations'}” (change the heading under Details). Actions
        cite them by label; link actions to recommendations in each action’s form.
      </p>
      {recs.length > 0 ? (
        <p className={unanswered ? 'notice notice-warn' : 'notice notice-info'} role="status">
          {unanswered === 0
            ? 'Every recommendation is answered by at least one action.'
            : `${unanswered} of ${recs.length} recommendations are not answered by any action.`}
        </p>
      ) : (
        <p className="notice notice-info">
          No recommendations yet. Add the inspection’s recommendations below so actions can cite them.
        </p>
      )}
      {deleted ? (
        <p className="notice notice-info hstack" role="status">
          Deleted “{deleted.label}”.
          <button type="button" className="btn btn-small" onClick={() => void undo()}>
            Undo
          </button>
        </p>
      ) : null}

      <ol className="pw-recs plain-list">
        {recs.map((r) => {
          const refs = answeredBy.get(r.id) ?? [];
          return (
            <li key={r.id} className="pw-rec" data-testid="recommendation">
              <div className="pw-rec__head">
                <AutosaveField
                  label="Number"
                  srSuffix={`of ${r.label}`}
                  className="pw-rec__number"
                  value={r.number === null ? '' : String(r.number)}
                  validate={wholeOrBlank}
                  onSave={(v) => editor.updateRecommendation(r.id, { number: v.trim() === '' ? null : Number(v) })}
                />
                <AutosaveField
                  label="Label"
                  srSuffix={`of ${r.label}`}
                  className="pw-rec__label"
                  value={r.label}
                  validate={(v) => (v.trim() === '' ? 'A recommendation needs a label, for example “Ofsted 1”' : null)}
                  onSave={(label) => editor.updateRecommendation(r.id, { label })}
                />
                <AutosaveField
                  label="Text"
                  srSuffix={`of ${r.label}`}
                  className="pw-rec__text"
                  multiline
                  rows={2}
                  value={r.text}
                  onSave={(text) => editor.updateRecommendation(r.id, { text })}
                />
                <div className="pw-rec__answered">
                  <span className="field-label">Answered by</span>
                  {refs.length > 0 ? (
                    <span>
                      {refs.length === 1 ? 'Action ' : 'Actions '}
                      {refs.join(', ')}
                    </span>
                  ) : (
                    <span className="tag tag-warn">
                      <span aria-hidden="true">!</span> Not answered by any action
                    </span>
                  )}
                </div>
                <button
                  type="button"
                  className="btn btn-small btn-danger pw-rec__delete"
                  aria-label={`Delete ${r.label}`}
                  onClick={() => void remove(r)}
                >
                  Delete
                </button>
              </div>
              {rowError?.id === r.id ? (
                <p className="field-error" role="alert">
                  {rowError.message}
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
      <AddRecommendationForm editor={editor} next={recs.length + 1} prefix={guessPrefix(recs)} />
    </section>
  );
}

/** "Ofsted" when the existing labels read "Ofsted 1", "Ofsted 2"...; else "Recommendation". */
function guessPrefix(recs: readonly Recommendation[]): string {
  const m = /^(.*\D)\s*\d+$/.exec(recs[recs.length - 1]?.label ?? '');
  return m?.[1]?.trim() || 'Ofsted';
}

function AddRecommendationForm({ editor, next, prefix }: { editor: Editor; next: number; prefix: string }) {
  const ids = useId();
  const [number, setNumber] = useState('');
  const [label, setLabel] = useState('');
  const [text, setText] = useState('');
  const { error, setError, busy, save } = useAddForm();
  const effectiveNumber = number.trim() === '' ? String(next) : number.trim();
  const effectiveLabel = label.trim() === '' ? `${prefix} ${effectiveNumber}` : label.trim();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = wholeOrBlank(number);
    if (problem) {
      setError(problem);
      return;
    }
    if (text.trim() === '') {
      setError('Enter the text of the recommendation');
      document.getElementById(`${ids}-text`)?.focus();
      return;
    }
    await save(
      () => editor.createRecommendation({ number: Number(effectiveNumber), label: effectiveLabel, text }),
      () => {
        setNumber('');
        setLabel('');
        setText('');
      },
    );
  };

  return (
    <form className="pw-addform" onSubmit={(e) => void submit(e)} aria-labelledby={`${ids}-h`} noValidate>
      <h4 id={`${ids}-h`}>Add a recommendation</h4>
      <div className="hstack pw-addform__row">
        <div className="field">
          <label htmlFor={`${ids}-number`}>Number</label>
          <input
            id={`${ids}-number`}
            type="text"
            inputMode="numeric"
            className="pw-narrow"
            value={number}
            placeholder={String(next)}
            onChange={(e) => setNumber(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-label`}>Label</label>
          <input
            id={`${ids}-label`}
            type="text"
            value={label}
            placeholder={`${prefix} ${effectiveNumber}`}
            onChange={(e) => setLabel(e.target.value)}
          />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${ids}-text`}>Recommendation text</label>
        <textarea
          id={`${ids}-text`}
          rows={2}
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${ids}-error` : undefined}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <FormError id={`${ids}-error`} error={error} />
      <button type="submit" className="btn btn-primary" disabled={busy}>
        Add recommendation
      </button>
    </form>
  );
}
