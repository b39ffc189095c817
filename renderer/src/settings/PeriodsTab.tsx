/**
 * Reporting periods: add, rename, reorder, dates, which one is current and which it is compared with,
 * and lock / unlock a period once it has gone to committee (locked periods are read-only everywhere).
 */
import { useId, useState, type FormEvent } from 'react';
import type { PlanTree, ReportingPeriod } from '../../../shared/model';
import { formatDay } from '../library/format';
import { AutosaveField } from './AutosaveField';
import { ConfirmDialog } from './ConfirmDialog';
import { DateField, dateMessage, parseDay } from './DateField';
import { useSaveTracker } from './saveStatus';
import { useSettingsEditor } from './useSettingsEditor';
import type { Editor } from '../state/editor';
import { FormError, useAddForm } from './addForm';
import { useRowWrites } from './rowWrites';
import { errorText, fieldErrors } from '../errors';

/** Live periods in their order. */
export function livePeriods(tree: PlanTree): ReportingPeriod[] {
  return tree.periods.filter((p) => p.deletedAt === null).sort((a, b) => a.position - b.position);
}

type Pending = { kind: 'unlock' | 'delete'; period: ReportingPeriod };

export function PeriodsTab({ tree, onChanged }: { tree: PlanTree; onChanged(): void }) {
  const { plan } = tree;
  const periods = livePeriods(tree);
  const { track } = useSaveTracker();
  const editor = useSettingsEditor(tree, onChanged);
  const { rowError, writeRow } = useRowWrites();
  const [choiceError, setChoiceError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [pendingError, setPendingError] = useState<string | null>(null);
  const currentId = useId();
  const compareId = useId();

  const run = (id: string, work: () => Promise<unknown>) => writeRow(id, work);

  const setCurrent = async (currentPeriodId: string | null, comparePeriodId: string | null) => {
    setChoiceError(null);
    try {
      await track(() => editor.setCurrentPeriods(currentPeriodId, comparePeriodId));
    } catch (e) {
      setChoiceError(errorText(e));
    }
  };

  const reorder = async (index: number, delta: number) => {
    const ids = periods.map((p) => p.id);
    const to = index + delta;
    if (to < 0 || to >= ids.length) return;
    const [id] = ids.splice(index, 1);
    if (!id) return;
    ids.splice(to, 0, id);
    if (await run(id, () => editor.reorderPeriods(ids))) {
      setTimeout(() => document.getElementById(`period-${delta < 0 ? 'up' : 'down'}-${id}`)?.focus(), 0);
    }
  };

  const confirmPending = async () => {
    if (!pending) return;
    setPendingError(null);
    try {
      if (pending.kind === 'unlock') await track(() => editor.lockPeriod(pending.period.id, false));
      else await track(() => editor.deletePeriod(pending.period.id));
      setPending(null);
    } catch (e) {
      setPendingError(errorText(e));
    }
  };

  return (
    <section aria-labelledby="periods-heading" className="pw-settings-panel">
      <h3 id="periods-heading">Reporting periods</h3>
      <p className="field-hint">
        Ratings and progress are recorded per period (“RAG initial”, “RAG 01/18”, “March 2020”). Lock a period once it
        has gone to committee: its ratings and progress become read-only.
      </p>

      <div className="pw-period-choice hstack">
        <div className="field">
          <label htmlFor={currentId}>Current period</label>
          <select
            id={currentId}
            value={plan.currentPeriodId ?? ''}
            onChange={(e) => void setCurrent(e.target.value || null, plan.comparePeriodId)}
          >
            <option value="">None</option>
            {periods.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={compareId}>Compare with</label>
          <select
            id={compareId}
            value={plan.comparePeriodId ?? ''}
            onChange={(e) => void setCurrent(plan.currentPeriodId, e.target.value || null)}
          >
            <option value="">Nothing (no direction of travel)</option>
            {periods
              .filter((p) => p.id !== plan.currentPeriodId)
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
          </select>
        </div>
        <p className="field-hint pw-choice-hint">
          Direction of travel compares the current period with this one (usually the previous report). “Set current” on
          a row compares it with the period that was current.
        </p>
      </div>
      {choiceError ? (
        <p className="field-error" role="alert">
          {choiceError}
        </p>
      ) : null}

      {periods.length === 0 ? (
        <p className="notice notice-info">No reporting periods yet. Add the first one below.</p>
      ) : null}

      <table className="pw-table pw-periods">
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Label</th>
            <th scope="col">Start</th>
            <th scope="col">End</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {periods.map((p, i) => {
            const isCurrent = p.id === plan.currentPeriodId;
            const isCompare = p.id === plan.comparePeriodId;
            return (
              <tr key={p.id} data-testid="period-row" className={p.locked ? 'pw-locked' : undefined}>
                <td className="nowrap">
                  <button
                    id={`period-up-${p.id}`}
                    type="button"
                    className="btn btn-small btn-icon"
                    aria-label={`Move ${p.label} up`}
                    disabled={i === 0}
                    onClick={() => void reorder(i, -1)}
                  >
                    ↑
                  </button>{' '}
                  <button
                    id={`period-down-${p.id}`}
                    type="button"
                    className="btn btn-small btn-icon"
                    aria-label={`Move ${p.label} down`}
                    disabled={i === periods.length - 1}
                    onClick={() => void reorder(i, 1)}
                  >
                    ↓
                  </button>
                </td>
                <td>
                  <AutosaveField
                    label={`Label of period ${i + 1}`}
                    hideLabel
                    value={p.label}
                    disabled={p.locked}
                    validate={(v) => (v.trim() === '' ? 'A period needs a label' : null)}
                    onSave={(label) => editor.updatePeriod(p.id, { label })}
                  />
                </td>
                <td>
                  <DateField
                    label={`Start date of ${p.label}`}
                    hideLabel
                    value={p.startDate}
                    disabled={p.locked}
                    check={(d) =>
                      d && p.endDate && d > p.endDate ? 'The start date must be on or before the end date' : null
                    }
                    onSave={(startDate) => editor.updatePeriod(p.id, { startDate })}
                  />
                </td>
                <td>
                  <DateField
                    label={`End date of ${p.label}`}
                    hideLabel
                    value={p.endDate}
                    disabled={p.locked}
                    check={(d) =>
                      d && p.startDate && d < p.startDate ? 'The end date must be on or after the start date' : null
                    }
                    onSave={(endDate) => editor.updatePeriod(p.id, { endDate })}
                  />
                </td>
                <td>
                  <div className="pw-period-status">
                    {isCurrent ? <span className="tag tag-ok">Current</span> : null}
                    {isCompare ? <span className="tag tag-neutral">Compared with</span> : null}
                    {p.locked ? (
                      <span className="pw-lock" data-testid="period-locked">
                        <Padlock /> Locked: read-only
                        {p.lockedAt ? <span className="muted small"> since {formatDay(p.lockedAt)}</span> : null}
                      </span>
                    ) : null}
                  </div>
                </td>
                <td>
                  <div className="pw-row-buttons">
                    {!isCurrent ? (
                      <button
                        type="button"
                        className="btn btn-small"
                        aria-label={`Make ${p.label} the current period`}
                        onClick={() =>
                          void setCurrent(p.id, plan.currentPeriodId ?? (isCompare ? null : plan.comparePeriodId))
                        }
                      >
                        Set current
                      </button>
                    ) : null}
                    {p.locked ? (
                      <button
                        type="button"
                        className="btn btn-small"
                        aria-label={`Unlock ${p.label}`}
                        onClick={() => setPending({ kind: 'unlock', period: p })}
                      >
                        Unlock
                      </button>
                    ) : (
                      <button
                        type="button"
                        className="btn btn-small"
                        aria-label={`Lock ${p.label}`}
                        onClick={() => void run(p.id, () => editor.lockPeriod(p.id, true))}
                      >
                        <Padlock /> Lock
                      </button>
                    )}
                    <button
                      type="button"
                      className="btn btn-small btn-danger"
                      aria-label={`Delete ${p.label}`}
                      disabled={p.locked}
                      onClick={() => setPending({ kind: 'delete', period: p })}
                    >
                      Delete
                    </button>
                  </div>
                  {rowError?.id === p.id ? (
                    <div className="field-error" role="alert">
                      {rowError.message}
                    </div>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <AddPeriodForm editor={editor} />

      {pending ? (
        <ConfirmDialog
          title={pending.kind === 'unlock' ? `Unlock ${pending.period.label}?` : `Delete ${pending.period.label}?`}
          confirmLabel={pending.kind === 'unlock' ? 'Unlock period' : 'Delete period'}
          danger={pending.kind === 'delete'}
          error={pendingError}
          onConfirm={() => void confirmPending()}
          onCancel={() => {
            setPending(null);
            setPendingError(null);
          }}
        >
          {pending.kind === 'unlock' ? (
            <p>
              This period was locked because it has gone to committee. Unlocked, its ratings and progress updates can be
              changed again.
            </p>
          ) : (
            <p>
              The period and its column go. If actions already have ratings or progress for it, the store will refuse
              and tell you why.
            </p>
          )}
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

type PeriodField = 'label' | 'startDate' | 'endDate';

function AddPeriodForm({ editor }: { editor: Editor }) {
  const [label, setLabel] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  // Each message sits beside the field it is about (aria-invalid + aria-describedby on that field).
  const [fieldError, setFieldError] = useState<{ field: PeriodField; message: string } | null>(null);
  const { error, setError, busy, save } = useAddForm();
  const ids = useId();
  const idOf = (f: PeriodField) => `${ids}-${f === 'label' ? 'label' : f === 'startDate' ? 'start' : 'end'}`;

  const fail = (field: PeriodField, message: string) => {
    setFieldError({ field, message });
    document.getElementById(idOf(field))?.focus();
  };
  // Correcting the field clears its message.
  const edit = (field: PeriodField, set: (v: string) => void) => (v: string) => {
    set(v);
    if (fieldError?.field === field) setFieldError(null);
    setError(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFieldError(null);
    if (label.trim() === '') return fail('label', 'Enter a label for the period, for example “RAG 03/18”');
    const startDate = parseDay(start);
    if (startDate === undefined) return fail('startDate', dateMessage(start));
    const endDate = parseDay(end);
    if (endDate === undefined) return fail('endDate', dateMessage(end));
    if (startDate && endDate && endDate < startDate)
      return fail('endDate', 'The end date must be on or after the start date');
    await save(
      () =>
        editor.createPeriod({ label: label.trim(), startDate, endDate }).catch((err: unknown) => {
          // A refusal about one field goes beside that field.
          const byField = fieldErrors(err);
          const field = (['label', 'startDate', 'endDate'] as const).find((f) => byField[f]);
          if (field) setFieldError({ field, message: byField[field]! });
          throw err;
        }),
      () => {
        setLabel('');
        setStart('');
        setEnd('');
        document.getElementById(`${ids}-label`)?.focus();
      },
    );
  };

  const errorFor = (f: PeriodField) => (fieldError?.field === f ? fieldError.message : null);
  const control = (f: PeriodField) => {
    const message = errorFor(f);
    return {
      id: idOf(f),
      'aria-invalid': message ? true : undefined,
      'aria-describedby': message ? `${idOf(f)}-error` : undefined,
    } as const;
  };
  const message = (f: PeriodField) => {
    const m = errorFor(f);
    return m ? (
      <p id={`${idOf(f)}-error`} className="field-error" role="alert">
        {m}
      </p>
    ) : null;
  };

  return (
    <form className="pw-addform" onSubmit={(e) => void submit(e)} aria-labelledby={`${ids}-legend`} noValidate>
      <h4 id={`${ids}-legend`}>Add a period</h4>
      <div className="hstack pw-addform__row">
        <div className="field">
          <label htmlFor={idOf('label')}>Label</label>
          <input
            {...control('label')}
            type="text"
            value={label}
            placeholder="RAG 03/18"
            onChange={(e) => edit('label', setLabel)(e.target.value)}
          />
          {message('label')}
        </div>
        <div className="field">
          <label htmlFor={idOf('startDate')}>Start date</label>
          <input
            {...control('startDate')}
            type="text"
            className="pw-date-input"
            placeholder="dd/mm/yyyy"
            value={start}
            onChange={(e) => edit('startDate', setStart)(e.target.value)}
          />
          {message('startDate')}
        </div>
        <div className="field">
          <label htmlFor={idOf('endDate')}>End date</label>
          <input
            {...control('endDate')}
            type="text"
            className="pw-date-input"
            placeholder="dd/mm/yyyy"
            value={end}
            onChange={(e) => edit('endDate', setEnd)(e.target.value)}
          />
          {message('endDate')}
        </div>
        <button type="submit" className="btn btn-primary pw-addform__submit" disabled={busy}>
          Add period
        </button>
      </div>
      {fieldError ? null : <FormError id={`${ids}-error`} error={error} />}
    </form>
  );
}

/** A padlock drawn in SVG (emoji fonts are not on every council laptop); decorative, text says "Locked". */
function Padlock() {
  return (
    <svg className="pw-padlock" width="11" height="13" viewBox="0 0 11 13" aria-hidden="true" focusable="false">
      <path d="M2.5 5.5V3.8a3 3 0 0 1 6 0v1.7" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <rect x="0.5" y="5.5" width="10" height="7" rx="1.2" fill="currentColor" />
    </svg>
  );
}
