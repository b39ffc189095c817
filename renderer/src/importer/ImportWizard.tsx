/**
 * The import wizard: (1) choose a Word, Excel or CSV file (the main process shows the open dialog;
 * cancelling it returns here quietly) with progress while it is read; (2) the preview of what will be
 * created: sections with row counts, the editable column mapping ("this column is the …", each change
 * re-reads the file with `import:remap`), sheet and header row for spreadsheets, the detected rating scale
 * and periods, recommendations, warnings with where they are, and the plan's title. Confirm writes the
 * plan in one transaction (`import:commit`); Cancel forgets it (`import:cancel`). Nothing is written
 * before Confirm, and a failure says why.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { ApiError, call } from '../api';
import { Button } from '../components/Button';
import { trapTab } from '../components/Dialog';
import { RatingBadge, type BadgeLevel } from '../components/RatingBadge';
import type { ImportPreview, MappedField } from '../../../shared/import-schema';
import { JobProgress, useJobProgress } from '../publish/JobProgress';
import {
  FIELD_LABELS,
  confidenceWords,
  describeTotals,
  fieldLabel,
  kindLabel,
  ratingPeriods,
  remapped,
  withPeriod,
} from './mapping';
import './importer.css';
import { errorText } from '../errors';

export interface ImportWizardProps {
  onDone(planId: string): void;
  onCancel(): void;
}

type Busy = null | 'choosing' | 'remapping' | 'committing';

export function ImportWizard({ onDone, onCancel }: ImportWizardProps) {
  const headingId = useId();
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [remapError, setRemapError] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [titleError, setTitleError] = useState<string | null>(null);
  // A plan with no rating column: whether the ratings proposed from status phrases were declined.
  const [proposedDeclined, setProposedDeclined] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const tokenRef = useRef<string | null>(null);
  const progress = useJobProgress(busy === 'choosing' || busy === 'remapping', (e) => e.kind === 'import');

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    panel.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      // Leaving without confirming forgets the pending import.
      if (tokenRef.current) void call('import:cancel', { token: tokenRef.current }).catch(() => undefined);
      if (opener && document.contains(opener)) opener.focus();
    };
  }, []);

  const show = (p: ImportPreview) => {
    tokenRef.current = p.token;
    setPreview(p);
  };

  const choose = async () => {
    setFailure(null);
    setRemapError(null);
    setBusy('choosing');
    try {
      const p = await call('import:preview', { options: {} });
      if (tokenRef.current && tokenRef.current !== p.token)
        void call('import:cancel', { token: tokenRef.current }).catch(() => undefined);
      show(p);
      setTitle(p.title);
      setTitleError(null);
    } catch (e) {
      // Cancelling the open dialog is not a failure.
      if (!(e instanceof ApiError && e.code === 'cancelled')) setFailure(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  // The re-read that is running (a period renamed on blur): "Import" waits for it instead of being
  // disabled under the pointer, so the first click after typing a period name works.
  const pendingRemap = useRef<Promise<boolean> | null>(null);
  const remap = (input: {
    mapping?: ReturnType<typeof remapped>;
    sheet?: string;
    headerRow?: number;
    proposedRatings?: boolean;
  }): Promise<boolean> => {
    if (!preview) return Promise.resolve(false);
    setRemapError(null);
    setBusy('remapping');
    const run = (async () => {
      try {
        show(await call('import:remap', { token: preview.token, ...input }));
        return true;
      } catch (e) {
        setRemapError(errorText(e));
        return false;
      } finally {
        setBusy(null);
        pendingRemap.current = null;
      }
    })();
    pendingRemap.current = run;
    return run;
  };

  const cancel = async () => {
    const token = tokenRef.current;
    tokenRef.current = null;
    if (token) await call('import:cancel', { token }).catch(() => undefined);
    onCancel();
  };

  const commit = async () => {
    if (!preview) return;
    // A re-read still running (the field just left): wait for it, and import what it read.
    if (pendingRemap.current && !(await pendingRemap.current)) return;
    const t = title.trim();
    if (!t) {
      setTitleError('The new plan needs a title.');
      return;
    }
    setTitleError(null);
    setRemapError(null);
    setBusy('committing');
    try {
      const result = await call('import:commit', { token: tokenRef.current ?? preview.token, title: t });
      tokenRef.current = null;
      onDone(result.planId);
    } catch (e) {
      setRemapError(`The plan was not imported: ${errorText(e)}`);
      setBusy(null);
    }
  };

  return (
    <div className="imp-backdrop">
      <div
        ref={panel}
        className="imp-panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby={headingId}
        aria-busy={busy !== null || undefined}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            if (busy !== 'committing') void cancel();
            return;
          }
          if (panel.current) trapTab(e, panel.current);
        }}
      >
        <div className="imp-head">
          <h2 id={headingId}>Import a plan</h2>
          <ol className="imp-steps" aria-label="Steps">
            <li aria-current={!preview ? 'step' : undefined}>1. Choose a file</li>
            <li aria-current={preview ? 'step' : undefined}>2. Check what will be created</li>
          </ol>
        </div>
        <div className="imp-body">
          {!preview ? (
            <ChooseStep
              busy={busy === 'choosing'}
              failure={failure}
              progress={<JobProgress idle="Waiting for you to choose a file…" event={progress} />}
              onChoose={() => void choose()}
            />
          ) : (
            <PreviewStep
              preview={preview}
              busy={busy}
              error={remapError}
              title={title}
              titleError={titleError}
              onTitle={setTitle}
              onField={(index, field) => void remap({ mapping: remapped(preview.columns, index, field) })}
              onPeriod={(index, period) => void remap({ mapping: withPeriod(preview.columns, index, period) })}
              onSheet={(sheet) => void remap({ sheet })}
              onHeaderRow={(headerRow) => void remap({ headerRow })}
              proposedDeclined={proposedDeclined}
              onProposedRatings={(accept) => {
                setProposedDeclined(!accept);
                void remap({ proposedRatings: accept });
              }}
              onChooseAnother={() => void choose()}
              progress={
                busy === 'remapping' || busy === 'choosing' ? (
                  <JobProgress idle="Reading the file again…" event={progress} />
                ) : null
              }
            />
          )}
        </div>
        <div className="imp-foot">
          {preview ? <span className="muted small">Nothing is written until you import.</span> : null}
          <span className="spacer" />
          <Button onClick={() => void cancel()} disabled={busy === 'committing'}>
            Cancel
          </Button>
          {preview ? (
            <Button
              variant="primary"
              onClick={() => void commit()}
              disabled={busy === 'committing' || busy === 'choosing'}
            >
              {busy === 'committing' ? 'Importing…' : 'Import as a new plan'}
            </Button>
          ) : null}
        </div>
      </div>
    </div>
  );
}

function ChooseStep({
  busy,
  failure,
  progress,
  onChoose,
}: {
  busy: boolean;
  failure: string | null;
  progress: React.ReactNode;
  onChoose(): void;
}) {
  return (
    <div className="imp-choose">
      <p>
        Bring in a plan you already keep as a Word table (.docx), an Excel tracker (.xlsx) or a CSV file. You will see
        what Planwright found before anything is saved.
      </p>
      {failure ? (
        <div className="notice notice-danger" role="alert">
          <p>
            <strong>This file couldn’t be imported.</strong>
          </p>
          <p>{failure}</p>
          <p className="small">
            Nothing was written. Try another file, or save the document again from Word (without a password) and choose
            it again.
          </p>
        </div>
      ) : null}
      <Button variant="primary" onClick={onChoose} disabled={busy} data-autofocus>
        {busy ? 'Reading…' : failure ? 'Choose another file…' : 'Choose a file…'}
      </Button>
      {busy ? progress : null}
      <p className="muted small imp-limits">
        Word documents: tables with a header row (any of the usual column names). Spreadsheets: one plan per sheet, one
        row per action. Files up to 50 MB.
      </p>
    </div>
  );
}

/** The reporting period a rating column is read into, renamed on Enter or when focus leaves it (empty restores it). */
function PeriodInput({
  id,
  header,
  value,
  disabled,
  onApply,
}: {
  id: string;
  header: string;
  value: string;
  disabled: boolean;
  onApply(period: string): void;
}) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const apply = () => {
    const t = text.trim();
    if (t === '' || t.length > 200) setText(value);
    else if (t !== value) onApply(t);
  };
  return (
    <div className="imp-period">
      <label className="muted small" htmlFor={id}>
        Period
      </label>
      <input
        id={id}
        type="text"
        className="imp-period-input"
        value={text}
        maxLength={200}
        aria-label={`Reporting period of “${header}”`}
        onChange={(e) => setText(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter') apply();
        }}
        disabled={disabled}
      />
    </div>
  );
}

interface PreviewProps {
  preview: ImportPreview;
  busy: Busy;
  error: string | null;
  title: string;
  titleError: string | null;
  onTitle(title: string): void;
  onField(index: number, field: MappedField): void;
  /** Names the reporting period of a rating column. */
  onPeriod(index: number, period: string): void;
  onSheet(sheet: string): void;
  onHeaderRow(row: number): void;
  /** Ratings proposed from status phrases (a plan with no rating column) were declined. */
  proposedDeclined: boolean;
  onProposedRatings(accept: boolean): void;
  onChooseAnother(): void;
  progress: React.ReactNode;
}

function PreviewStep({
  preview: p,
  busy,
  error,
  title,
  titleError,
  onTitle,
  onField,
  onPeriod,
  onSheet,
  onHeaderRow,
  proposedDeclined,
  onProposedRatings,
  onChooseAnother,
  progress,
}: PreviewProps) {
  const proposing = p.warnings.some((w) => w.code === 'proposed-rating');
  const id = useId();
  const top = useRef<HTMLDivElement>(null);
  // When the preview appears, move focus to it (the button that opened it is gone).
  useEffect(() => top.current?.focus(), []);
  const [headerRow, setHeaderRow] = useState(String(p.headerRow ?? 1));
  useEffect(() => setHeaderRow(String(p.headerRow ?? 1)), [p.headerRow]);
  const disabled = busy !== null;
  const periodOf = ratingPeriods(p);
  const levels: BadgeLevel[] = p.scale.map((l, i) => ({
    id: `${i}-${l.key}`,
    position: i,
    label: l.label,
    colour: l.colour,
  }));
  const applyHeaderRow = () => {
    const n = Number(headerRow);
    if (Number.isInteger(n) && n >= 1 && n !== p.headerRow) onHeaderRow(n);
  };
  const headerRowInvalid = !/^\d+$/.test(headerRow.trim()) || Number(headerRow) < 1;

  return (
    <div className="imp-preview">
      <div className="imp-file">
        <div ref={top} tabIndex={-1} className="imp-file-top">
          <div className="imp-file-name" data-testid="import-file-name">
            {p.fileName}
          </div>
          <div className="muted small">
            {kindLabel(p.kind)}
            {p.sheet ? `, sheet “${p.sheet}”` : ''}
          </div>
        </div>
        <Button small onClick={onChooseAnother} disabled={disabled}>
          Choose another file…
        </Button>
      </div>

      <div className="notice notice-info imp-totals" role="status" data-testid="import-totals">
        Will create: <strong>{describeTotals(p.totals)}</strong>
        {p.warnings.length > 0
          ? `, with ${p.warnings.length} ${p.warnings.length === 1 ? 'warning' : 'warnings'} to check`
          : ''}
        .
      </div>
      {error ? (
        <div className="notice notice-danger" role="alert">
          {error}
        </div>
      ) : null}
      {progress}

      <div className="field">
        <label className="field-label" htmlFor={`${id}-title`}>
          Title of the new plan
        </label>
        <input
          id={`${id}-title`}
          type="text"
          value={title}
          onChange={(e) => onTitle(e.target.value)}
          aria-invalid={titleError ? true : undefined}
          aria-describedby={titleError ? `${id}-title-error` : undefined}
          className="imp-title"
        />
        {titleError ? (
          <div id={`${id}-title-error`} className="field-error" role="alert">
            {titleError}
          </div>
        ) : null}
      </div>

      {p.kind !== 'docx' ? (
        <div className="hstack imp-sheet">
          {p.kind === 'xlsx' && p.sheets.length > 0 ? (
            <div className="field">
              <label className="field-label" htmlFor={`${id}-sheet`}>
                Sheet
              </label>
              <select
                id={`${id}-sheet`}
                value={p.sheet ?? ''}
                onChange={(e) => onSheet(e.target.value)}
                disabled={disabled}
              >
                {p.sheets.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div className="field">
            <label className="field-label" htmlFor={`${id}-header`}>
              Header row
            </label>
            <div className="hstack" style={{ gap: 4 }}>
              <input
                id={`${id}-header`}
                type="text"
                inputMode="numeric"
                className="imp-narrow"
                value={headerRow}
                onChange={(e) => setHeaderRow(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') applyHeaderRow();
                }}
                aria-invalid={headerRowInvalid ? true : undefined}
                disabled={disabled}
              />
              <Button small onClick={applyHeaderRow} disabled={disabled || headerRowInvalid}>
                Use this row
              </Button>
            </div>
          </div>
        </div>
      ) : null}

      <section aria-labelledby={`${id}-h-columns`}>
        <h3 id={`${id}-h-columns`}>Columns</h3>
        <p className="muted small">Check what each column of the file becomes. Changing one reads the file again.</p>
        <div className="imp-scroll-x">
          <table className="imp-table imp-columns">
            <thead>
              <tr>
                <th scope="col">Column in the file</th>
                <th scope="col">Examples</th>
                <th scope="col">This column is the…</th>
              </tr>
            </thead>
            <tbody>
              {p.columns.map((c) => {
                const conf = confidenceWords(c.confidence);
                const header = c.header.trim() || `Column ${c.index + 1} (no heading)`;
                const known = FIELD_LABELS.some(([f]) => f === c.field);
                return (
                  <tr key={c.index} data-testid="import-column">
                    <th scope="row">
                      <div>{header}</div>
                      {c.field !== 'ignore' ? <span className={`tag tag-${conf.tone}`}>{conf.text}</span> : null}
                    </th>
                    <td className="imp-samples">
                      {c.samples.length === 0 ? (
                        <span className="muted">
                          {c.field === 'rating' ? 'No text (ratings may come from cell colours)' : 'No text'}
                        </span>
                      ) : (
                        c.samples.slice(0, 2).map((s, i) => (
                          <div key={i} className="imp-sample" title={s}>
                            {s}
                          </div>
                        ))
                      )}
                    </td>
                    <td>
                      <label className="visually-hidden" htmlFor={`${id}-col-${c.index}`}>
                        {`“${header}” is the`}
                      </label>
                      <select
                        id={`${id}-col-${c.index}`}
                        value={c.field}
                        onChange={(e) => onField(c.index, e.target.value as MappedField)}
                        disabled={disabled}
                      >
                        {known ? null : <option value={c.field}>{fieldLabel(c.field)}</option>}
                        {FIELD_LABELS.map(([f, label]) => (
                          <option key={f} value={f}>
                            {label}
                          </option>
                        ))}
                      </select>
                      {c.field === 'rating' ? (
                        <PeriodInput
                          id={`${id}-period-${c.index}`}
                          header={header}
                          value={periodOf.get(c.index) ?? c.period ?? ''}
                          disabled={disabled}
                          onApply={(v) => onPeriod(c.index, v)}
                        />
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <div className="imp-two">
        <section aria-labelledby={`${id}-h-sections`}>
          <h3 id={`${id}-h-sections`}>Sections ({p.sections.length})</h3>
          {p.sections.length === 0 ? (
            <p className="notice notice-warn">No sections were found. Check the column mapping or the header row.</p>
          ) : (
            <table className="imp-table">
              <thead>
                <tr>
                  <th scope="col">No.</th>
                  <th scope="col">Section</th>
                  <th scope="col" className="num">
                    Actions
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.sections.map((s, i) => (
                  <tr key={i} data-testid="import-section">
                    <td className="nowrap">{s.number}</td>
                    <td>{s.title || <span className="muted">Untitled</span>}</td>
                    <td className="num">{s.rows}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <div>
          <section aria-labelledby={`${id}-h-scale`}>
            <h3 id={`${id}-h-scale`}>Rating scale</h3>
            {p.scale.length === 0 ? (
              <p className="muted">
                No ratings found{p.scaleSource && p.scaleSource !== 'none' ? ` (${p.scaleSource})` : ''}. You can add a
                scale in the plan’s settings later.
              </p>
            ) : (
              <>
                <p className="muted small">Read from {p.scaleSource}.</p>
                <ul className="plain-list imp-scale">
                  {p.scale.map((l, i) => (
                    <li key={`${l.key}-${i}`}>
                      <RatingBadge level={levels[i]!} levels={levels} />
                      {l.definition ? <span className="small">{l.definition}</span> : null}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
          {proposing ? (
            <section aria-labelledby={`${id}-h-proposed`} className="imp-proposed">
              <h3 id={`${id}-h-proposed`}>Proposed ratings</h3>
              <p className="small">
                The plan has no rating column. A rating can be proposed for each action from the status phrase that
                opens its progress text (“Completed.”, “On track.”, “Planned.”).
              </p>
              <label className="hstack">
                <input
                  type="checkbox"
                  checked={!proposedDeclined}
                  disabled={disabled}
                  onChange={(e) => onProposedRatings(e.target.checked)}
                />
                Use the proposed ratings (untick to leave every action not rated)
              </label>
            </section>
          ) : null}
          <section aria-labelledby={`${id}-h-periods`}>
            <h3 id={`${id}-h-periods`}>Reporting periods</h3>
            {p.periods.length === 0 ? <p className="muted">None found.</p> : <p>{p.periods.join(' · ')}</p>}
          </section>
          {p.recommendations.length > 0 ? (
            <section aria-labelledby={`${id}-h-recs`}>
              <h3 id={`${id}-h-recs`}>Recommendations ({p.recommendations.length})</h3>
              <ul className="plain-list imp-recs">
                {p.recommendations.map((r, i) => (
                  <li key={i}>
                    <strong>{r.label}</strong>{' '}
                    <span className="muted small">
                      {r.linkedTo.length > 0 ? `answered by ${r.linkedTo.join(', ')}` : 'not answered by any action'}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
      </div>

      {p.indicators && p.indicators.length > 0 ? (
        <section aria-labelledby={`${id}-h-indicators`}>
          <h3 id={`${id}-h-indicators`}>Performance indicators ({p.indicators.length})</h3>
          <p className="muted small">
            These indicators will be created with their monthly values. A missing value stays missing (never 0).
          </p>
          <table className="imp-table" data-testid="import-indicators">
            <thead>
              <tr>
                <th scope="col">Section</th>
                <th scope="col">Indicator</th>
                <th scope="col">Unit</th>
                <th scope="col">Polarity</th>
                <th scope="col" className="num">
                  Values
                </th>
                <th scope="col" className="num">
                  Missing
                </th>
              </tr>
            </thead>
            <tbody>
              {p.indicators.map((ind, i) => (
                <tr key={i} data-testid="import-indicator">
                  <td className="nowrap">{ind.section}</td>
                  <td>{ind.name}</td>
                  <td>{ind.unit}</td>
                  <td>{ind.polarity}</td>
                  <td className="num">{ind.values}</td>
                  <td className="num">{ind.missing}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      <section aria-labelledby={`${id}-h-warnings`}>
        <h3 id={`${id}-h-warnings`}>Warnings ({p.warnings.length})</h3>
        {p.warnings.length === 0 ? (
          <p className="muted">None: everything was read cleanly.</p>
        ) : (
          <ul className="plain-list imp-warnings">
            {p.warnings.map((w, i) => (
              <li key={i} data-code={w.code}>
                <span className="imp-where">{w.location}</span>
                <span>{w.message}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
