/**
 * The Indicators tab (issue 13 point 2): per section, its performance indicators with a small chart each
 * (values against target and statistical-neighbour average; missing values shown as missing); opening one
 * shows a larger chart, its fields (unit, polarity, baseline, SN average, target, year-to-date method,
 * notes) and the grid of monthly values. Every write goes through the editor (`indicators:upsert`, undoable),
 * and a refusal's messages appear beside the fields they concern.
 */
import { useEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import type { Indicator, IndicatorValue } from '../../../shared/model';
import {
  POLARITY_WORDS,
  UNIT_LABELS,
  YEAR_TO_DATE_WORDS,
  formatIndicatorValue,
  indicatorFigures,
  readIndicatorValue,
} from '../../../shared/indicators';
import { Field } from '../components/Field';
import { errorText, fieldErrors } from '../errors';
import { useServices, useTree, useWorkspace } from '../state/context';
import { indexTree } from '../state/indexes';
import type { IndicatorFields } from '../state/editor';
import { IndicatorChart } from './IndicatorChart';
import { GRID_COLUMNS, addMonth, pasteBlock, readTypedValue, type GridColumn } from './grid';
import './indicators.css';

const fieldsOf = (i: Indicator): IndicatorFields => ({
  sectionId: i.sectionId,
  name: i.name,
  unit: i.unit,
  polarity: i.polarity,
  baselineLabel: i.baselineLabel,
  baseline: i.baseline,
  snAverage: i.snAverage,
  target: i.target,
  yearToDate: i.yearToDate,
  values: i.values,
  notes: i.notes,
});

/**
 * The editor's save, with the refusal's messages by field (or a general one) handed back. Saves run one after
 * another, each on the indicator as the store holds it by then (so two fields left in quick succession both
 * keep their values), and a save that changes nothing is skipped.
 */
function useSave(indicatorId: string) {
  const { editor } = useWorkspace();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const queue = useRef<Promise<boolean>>(Promise.resolve(true));
  const save = (patch: Partial<IndicatorFields>, label?: string): Promise<boolean> => {
    const run = async (): Promise<boolean> => {
      const latest = editor.store.getTree()?.indicators.find((i) => i.id === indicatorId && i.deletedAt === null);
      if (!latest) return false;
      const fields = { ...fieldsOf(latest), ...patch };
      if (JSON.stringify(fields) === JSON.stringify(fieldsOf(latest))) return true;
      try {
        await editor.saveIndicator(indicatorId, fields, label);
        setErrors({});
        setGeneral(null);
        return true;
      } catch (e) {
        const byField = fieldErrors(e);
        setErrors(byField);
        setGeneral(Object.keys(byField).length ? null : errorText(e));
        return false;
      }
    };
    const next = queue.current.then(run, run);
    queue.current = next;
    return next;
  };
  return { save, errors, general, setGeneral };
}

export function IndicatorsView() {
  const tree = useTree();
  const { editor } = useWorkspace();
  const [openId, setOpenId] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const sections = indexTree(tree).sections;
  const bySection = useMemo(() => {
    const map = new Map<string | null, Indicator[]>();
    for (const i of [...tree.indicators].filter((x) => x.deletedAt === null).sort((a, b) => a.position - b.position)) {
      const key = i.sectionId;
      map.set(key, [...(map.get(key) ?? []), i]);
    }
    return map;
  }, [tree.indicators]);
  const open = tree.indicators.find((i) => i.id === openId && i.deletedAt === null);

  const add = async (sectionId: string | null) => {
    try {
      const id = await editor.createIndicator(sectionId, 'New indicator');
      setOpenId(id);
      setMessage(null);
    } catch (e) {
      setMessage(errorText(e));
    }
  };

  const groups: { id: string | null; title: string }[] = [
    ...sections.map((s) => ({ id: s.id, title: `${s.number ? `${s.number}. ` : ''}${s.title}` })),
    ...(bySection.has(null) ? [{ id: null, title: 'Whole plan' }] : []),
  ];

  return (
    <div className="indicators-view">
      <div className="indicators-list">
        <h2 className="indicators-heading">Performance indicators</h2>
        {message ? (
          <div className="notice notice-danger" role="alert">
            {message}
          </div>
        ) : null}
        {groups.map((g) => {
          const list = bySection.get(g.id) ?? [];
          return (
            <section key={g.id ?? 'plan'} className="indicators-section" aria-label={g.title}>
              <h3>{g.title}</h3>
              {list.length === 0 ? <p className="muted">No indicators in this section yet.</p> : null}
              <ul className="indicator-cards">
                {list.map((i) => (
                  <IndicatorCard key={i.id} indicator={i} open={i.id === openId} onOpen={() => setOpenId(i.id)} />
                ))}
              </ul>
              <button type="button" className="btn btn-small" onClick={() => void add(g.id)}>
                Add indicator to {g.title}
              </button>
            </section>
          );
        })}
      </div>
      {open ? (
        <IndicatorDetail key={open.id} indicator={open} onClose={() => setOpenId(null)} />
      ) : (
        <div className="indicator-detail indicator-detail-empty">
          <p className="muted">Open an indicator to see its chart and edit its monthly values.</p>
        </div>
      )}
    </div>
  );
}

function IndicatorCard({ indicator, open, onOpen }: { indicator: Indicator; open: boolean; onOpen(): void }) {
  const f = indicatorFigures(indicator);
  return (
    <li className={`indicator-card${open ? ' is-open' : ''}`} data-indicator={indicator.name}>
      <button type="button" className="indicator-card-open" onClick={onOpen} aria-expanded={open}>
        <span className="indicator-card-name">{indicator.name}</span>
        <span className="indicator-card-figures">
          Latest {f.latest ? `${formatIndicatorValue(f.latest.value, indicator.unit)} (${f.latest.label})` : 'missing'}
          {indicator.target !== null ? ` · target ${formatIndicatorValue(indicator.target, indicator.unit)}` : ''}
          {' · '}
          <span aria-hidden="true">{f.travelLabel.arrow}</span> {f.travelLabel.words}
        </span>
      </button>
      <IndicatorChart indicator={indicator} size="small" />
    </li>
  );
}

const numberText = (v: number | null) => (v === null ? '' : String(v));

function IndicatorDetail({ indicator, onClose }: { indicator: Indicator; onClose(): void }) {
  const { editor } = useWorkspace();
  const { toast } = useServices();
  const { save, errors, general, setGeneral } = useSave(indicator.id);
  const [name, setName] = useState(indicator.name);
  const [baselineLabel, setBaselineLabel] = useState(indicator.baselineLabel);
  const [notes, setNotes] = useState(indicator.notes);
  const [numbers, setNumbers] = useState({
    baseline: numberText(indicator.baseline),
    snAverage: numberText(indicator.snAverage),
    target: numberText(indicator.target),
  });
  const [numberErrors, setNumberErrors] = useState<Record<string, string>>({});
  // Follow undo/redo: a field shows what the store holds whenever that field's stored value changes (a save
  // of another field leaves what is being typed here alone).
  useEffect(() => setName(indicator.name), [indicator.name]);
  useEffect(() => setBaselineLabel(indicator.baselineLabel), [indicator.baselineLabel]);
  useEffect(() => setNotes(indicator.notes), [indicator.notes]);
  useEffect(() => setNumbers((n) => ({ ...n, baseline: numberText(indicator.baseline) })), [indicator.baseline]);
  useEffect(() => setNumbers((n) => ({ ...n, snAverage: numberText(indicator.snAverage) })), [indicator.snAverage]);
  useEffect(() => setNumbers((n) => ({ ...n, target: numberText(indicator.target) })), [indicator.target]);

  const saveNumber = async (field: 'baseline' | 'snAverage' | 'target', words: string) => {
    const read = readTypedValue(numbers[field]);
    if ('error' in read) {
      setNumberErrors((e) => ({ ...e, [field]: read.error }));
      return;
    }
    setNumberErrors((e) => ({ ...e, [field]: '' }));
    if (read.value !== indicator[field]) await save({ [field]: read.value }, `Edit ${words} of ${indicator.name}`);
  };

  const remove = async () => {
    try {
      await editor.deleteIndicator(indicator.id);
      toast(`Removed indicator ${indicator.name}`, { action: { label: 'Undo', run: () => void editor.undo.undo() } });
      onClose();
    } catch (e) {
      setGeneral(errorText(e));
    }
  };

  const err = (f: string) => numberErrors[f] || errors[f] || null;

  return (
    <section className="indicator-detail" aria-label={`Indicator ${indicator.name}`}>
      <div className="hstack indicator-detail-head">
        <h2>{indicator.name}</h2>
        <span className="spacer" />
        <button type="button" className="btn btn-small btn-danger" onClick={() => void remove()}>
          Remove indicator
        </button>
        <button type="button" className="btn btn-small" onClick={onClose}>
          Close
        </button>
      </div>
      {general ? (
        <div className="notice notice-danger" role="alert">
          {general}
        </div>
      ) : null}
      <IndicatorChart indicator={indicator} size="large" />
      <div className="indicator-fields">
        <Field label="Name" error={errors.name ?? null} className="indicator-field-wide">
          {(p) => (
            <input
              {...p}

              value={name}
              onChange={(e) => setName(e.target.value)}
              onBlur={() => void (name !== indicator.name && save({ name }, `Rename indicator ${indicator.name}`))}
            />
          )}
        </Field>
        <Field label="Unit" error={errors.unit ?? null}>
          {(p) => (
            <select
              {...p}

              value={indicator.unit}
              onChange={(e) => void save({ unit: e.target.value as Indicator['unit'] })}
            >
              {Object.entries(UNIT_LABELS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Polarity" error={errors.polarity ?? null}>
          {(p) => (
            <select
              {...p}

              value={indicator.polarity}
              onChange={(e) => void save({ polarity: e.target.value as Indicator['polarity'] })}
            >
              {Object.entries(POLARITY_WORDS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v[0]!.toUpperCase() + v.slice(1)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Year to date" error={errors.yearToDate ?? null}>
          {(p) => (
            <select
              {...p}

              value={indicator.yearToDate}
              onChange={(e) => void save({ yearToDate: e.target.value as Indicator['yearToDate'] })}
            >
              {Object.entries(YEAR_TO_DATE_WORDS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v[0]!.toUpperCase() + v.slice(1)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Baseline year" error={errors.baselineLabel ?? null}>
          {(p) => (
            <input
              {...p}

              value={baselineLabel}
              placeholder="2024-25"
              onChange={(e) => setBaselineLabel(e.target.value)}
              onBlur={() =>
                void (baselineLabel !== indicator.baselineLabel && save({ baselineLabel }, 'Edit baseline year'))
              }
            />
          )}
        </Field>
        {(
          [
            ['baseline', 'Baseline value', 'baseline'],
            ['snAverage', 'Statistical-neighbour average', 'SN average'],
            ['target', 'Target', 'target'],
          ] as const
        ).map(([field, label, words]) => (
          <Field key={field} label={label} error={err(field)}>
            {(p) => (
              <input
                {...p}

                inputMode="decimal"
                value={numbers[field]}
                onChange={(e) => setNumbers((n) => ({ ...n, [field]: e.target.value }))}
                onBlur={() => void saveNumber(field, words)}
              />
            )}
          </Field>
        ))}
        <Field label="Notes" error={errors.notes ?? null} className="indicator-field-wide">
          {(p) => (
            <textarea
              {...p}

              rows={2}
              value={notes}
              onChange={(e) => setNotes(e.target.value)}
              onBlur={() => void (notes !== indicator.notes && save({ notes }, 'Edit indicator notes'))}
            />
          )}
        </Field>
      </div>
      <ValuesGrid
        indicator={indicator}
        errors={errors}
        onSave={(values, label) => save({ values }, label)}
        onWarn={(w) => toast(w, { kind: 'error' })}
      />
    </section>
  );
}

const COLUMN_WORDS: Record<GridColumn, string> = { label: 'Month', value: 'Value', note: 'Note' };

/**
 * The monthly values: one row per month (label, value, note). Arrow keys move between cells (left and right
 * at the ends of the text), Enter moves down, Tab goes on as usual; a cell saves when left. A block pasted
 * from Excel fills the grid from the focused cell.
 */
function ValuesGrid({
  indicator,
  errors,
  onSave,
  onWarn,
}: {
  indicator: Indicator;
  errors: Record<string, string>;
  onSave(values: IndicatorValue[], label: string): Promise<boolean>;
  onWarn(message: string): void;
}) {
  const [draft, setDraft] = useState<{ label: string; value: string; note: string }[]>(() => toDraft(indicator.values));
  const [cellErrors, setCellErrors] = useState<Record<string, string>>({});
  const cells = useRef(new Map<string, HTMLInputElement>());
  const [focusAfter, setFocusAfter] = useState<string | null>(null);
  // The grid follows the store when its values change from elsewhere (undo, redo); the echo of its own save
  // leaves the draft alone, so typing in another cell meanwhile is kept.
  const ownSave = useRef<string | null>(null);
  useEffect(() => {
    if (JSON.stringify(indicator.values) !== ownSave.current) setDraft(toDraft(indicator.values));
    ownSave.current = null;
  }, [indicator.values]);
  const saveValues = (values: IndicatorValue[], label: string) => {
    ownSave.current = JSON.stringify(values);
    return onSave(values, label);
  };
  useEffect(() => {
    if (focusAfter) {
      cells.current.get(focusAfter)?.focus();
      setFocusAfter(null);
    }
  }, [focusAfter, draft]);

  const key = (row: number, col: GridColumn) => `${row}:${col}`;

  /** Reads the draft into values; null (with messages beside the cells) when a value is not a number. */
  const readDraft = (rows = draft): IndicatorValue[] | null => {
    const errs: Record<string, string> = {};
    const values = rows.map((r, i) => {
      const read = readTypedValue(r.value);
      if ('error' in read) errs[key(i, 'value')] = read.error;
      return { label: r.label.trim(), value: 'error' in read ? null : read.value, note: r.note.trim() };
    });
    setCellErrors(errs);
    return Object.keys(errs).length ? null : values;
  };

  const same = (a: readonly IndicatorValue[], b: readonly IndicatorValue[]) =>
    a.length === b.length &&
    a.every((v, i) => v.label === b[i]!.label && v.value === b[i]!.value && v.note === b[i]!.note);

  const commit = async (label = `Edit values of ${indicator.name}`) => {
    const values = readDraft();
    if (values && !same(values, indicator.values)) await saveValues(values, label);
  };

  const move = (row: number, col: GridColumn, dRow: number, dCol: number) => {
    const c = GRID_COLUMNS.indexOf(col) + dCol;
    const r = row + dRow;
    if (r < 0 || r >= draft.length || c < 0 || c >= GRID_COLUMNS.length) return false;
    cells.current.get(key(r, GRID_COLUMNS[c]!))?.focus();
    return true;
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>, row: number, col: GridColumn) => {
    const el = e.currentTarget;
    const atStart = el.selectionStart === 0 && el.selectionEnd === 0;
    const atEnd = el.selectionStart === el.value.length && el.selectionEnd === el.value.length;
    let moved = false;
    if (e.key === 'ArrowUp') moved = move(row, col, -1, 0);
    else if (e.key === 'ArrowDown') moved = move(row, col, 1, 0);
    else if (e.key === 'ArrowLeft' && atStart) moved = move(row, col, 0, -1);
    else if (e.key === 'ArrowRight' && atEnd) moved = move(row, col, 0, 1);
    else if (e.key === 'Enter') {
      // Down a row; on the last row, a new month (as a spreadsheet grows).
      if (!move(row, col, 1, 0)) addRow(col);
      moved = true;
    }
    if (moved) e.preventDefault();
  };

  const onPaste = (e: ClipboardEvent<HTMLInputElement>, row: number, col: GridColumn) => {
    const text = e.clipboardData.getData('text/plain');
    if (!/[\t\n]/.test(text.replace(/\r?\n$/, ''))) return; // one cell: the browser pastes it as typed
    e.preventDefault();
    const base = readDraft() ?? indicator.values;
    const result = pasteBlock(base, row, col, text);
    if (result.warning) onWarn(result.warning);
    setDraft(toDraft(result.values));
    void saveValues(result.values, `Paste values into ${indicator.name}`);
  };

  const removeRow = (row: number) => {
    const next = draft.filter((_, i) => i !== row);
    setDraft(next);
    const values = readDraft(next);
    if (values) void saveValues(values, `Remove a month from ${indicator.name}`);
  };

  const addRow = (col: GridColumn = 'value') => {
    const values = readDraft();
    if (!values) return;
    const next = addMonth(values);
    setDraft(toDraft(next));
    setFocusAfter(key(next.length - 1, col));
    void saveValues(next, `Add a month to ${indicator.name}`);
  };

  return (
    <div className="indicator-grid-wrap">
      <h3 id={`grid-${indicator.id}`}>Monthly values</h3>
      <p className="field-hint">
        Type a value or paste a block from Excel (months down or across). Leave a value empty when it is missing and say
        why in the note; words pasted into a value become its note.
      </p>
      {errors.values || errors.label || errors.value || errors.note ? (
        <div className="field-error" role="alert">
          {errors.values ?? errors.label ?? errors.value ?? errors.note}
        </div>
      ) : null}
      <table className="indicator-grid" aria-labelledby={`grid-${indicator.id}`}>
        <thead>
          <tr>
            {GRID_COLUMNS.map((c) => (
              <th key={c} scope="col">
                {COLUMN_WORDS[c]}
                {c === 'value' && indicator.unit !== 'other' ? ` (${UNIT_LABELS[indicator.unit]})` : ''}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {draft.map((r, row) => {
            const missing = readIndicatorValue(r.value).value === null && r.value.trim() === '';
            return (
              <tr key={row} className={missing ? 'is-missing' : undefined}>
                {GRID_COLUMNS.map((col) => {
                  const error = cellErrors[key(row, col)];
                  const label = `${COLUMN_WORDS[col]}, row ${row + 1}${col === 'label' ? '' : ` (${r.label})`}`;
                  return (
                    <td key={col}>
                      <input
                        ref={(el) => {
                          if (el) cells.current.set(key(row, col), el);
                          else cells.current.delete(key(row, col));
                        }}
                        className="grid-input"
                        aria-label={label}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? `cell-error-${row}` : undefined}
                        inputMode={col === 'value' ? 'decimal' : undefined}
                        value={r[col]}
                        placeholder={col === 'value' ? 'Missing' : undefined}
                        onChange={(e) =>
                          setDraft((d) => d.map((x, i) => (i === row ? { ...x, [col]: e.target.value } : x)))
                        }
                        onKeyDown={(e) => onKey(e, row, col)}
                        onBlur={() => void commit()}
                        onPaste={(e) => onPaste(e, row, col)}
                      />
                      {error ? (
                        <div id={`cell-error-${row}`} className="field-error" role="alert">
                          {error}
                        </div>
                      ) : null}
                    </td>
                  );
                })}
                <td>
                  <button
                    type="button"
                    className="btn btn-small btn-quiet"
                    aria-label={`Remove ${r.label || `row ${row + 1}`}`}
                    onClick={() => removeRow(row)}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" className="btn btn-small" onClick={() => addRow()}>
        Add a month
      </button>
    </div>
  );
}

function toDraft(values: readonly IndicatorValue[]): { label: string; value: string; note: string }[] {
  return values.map((v) => ({ label: v.label, value: numberText(v.value), note: v.note }));
}
