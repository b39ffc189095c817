/**
 * The export dialog for the committee appendix (.docx): period and compare-with period, columns (the
 * plan's labels, in its order), which actions (all, some sections, or one lead's: "a service lead's
 * return"), archived and "can be removed" actions, internal notes (off; asks before turning on), which
 * progress update, appendix number, merged cells and the rating layout. "Export…" lets the main process
 * ask where to save (cancelling returns here quietly), shows progress, then the saved file with
 * "Open folder".
 */
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError, call } from '../api';
import { Button } from '../components/Button';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Dialog } from '../components/Dialog';
import { PeriodOptions } from '../components/PeriodOptions';
import type { ExportResult } from '../../../shared/contract-export';
import type { ColumnField, PlanTree } from '../../../shared/model';
import { JobProgress, useJobProgress } from './JobProgress';
import { ConflictNotice } from '../sync/ConflictNotice';
import {
  columnChoices,
  folderOf,
  FONT_SIZES,
  formatBytes,
  hasScale,
  initialForm,
  leadsOf,
  newJobId,
  periodsOf,
  removableLevels,
  sectionsOf,
  toOptions,
  validateForm,
  type ExportForm,
  type FormErrors,
} from './exportForm';
import './publish.css';
import { errorText } from '../errors';
import { compareChoices, defaultCompareId } from '../../../shared/compare';

export interface ExportDialogProps {
  tree: PlanTree;
  onClose(): void;
}

/** Asked before internal notes go into a published document. */
export const INTERNAL_NOTES_QUESTION = 'Internal notes will appear in the published appendix. Include them?';

type Stage =
  | { kind: 'loading' }
  | { kind: 'form' }
  | { kind: 'exporting'; jobId: string }
  | { kind: 'done'; result: ExportResult };

export function ExportDialog({ tree, onClose }: ExportDialogProps) {
  const [stage, setStage] = useState<Stage>({ kind: 'loading' });
  const [form, setForm] = useState<ExportForm | null>(null);
  const [fileName, setFileName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors>({});
  const [askInternal, setAskInternal] = useState(false);
  const [revealError, setRevealError] = useState<string | null>(null);
  /** Word, or PDF for the agenda pack (LibreOffice when installed, else the app prints the same content). */
  const [format, setFormat] = useState<'docx' | 'pdf'>('docx');
  const jobId = stage.kind === 'exporting' ? stage.jobId : null;
  const progress = useJobProgress(jobId !== null, (e) => e.jobId === jobId);

  useEffect(() => {
    let live = true;
    call('export:defaults', { planId: tree.plan.id }).then(
      (d) => {
        if (!live) return;
        setForm(initialForm(tree, d.options));
        setFileName(d.fileName);
        setStage({ kind: 'form' });
      },
      (e: unknown) => {
        if (!live) return;
        setError(errorText(e));
        setStage({ kind: 'form' });
      },
    );
    return () => {
      live = false;
    };
    // Defaults are loaded once per plan.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tree.plan.id]);

  const set = <K extends keyof ExportForm>(key: K, value: ExportForm[K]) =>
    setForm((f) => (f ? { ...f, [key]: value } : f));

  const runExport = async () => {
    if (!form) return;
    const problems = validateForm(form);
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      setError('Check the choices marked below.');
      return;
    }
    setError(null);
    const id = newJobId('export');
    setStage({ kind: 'exporting', jobId: id });
    try {
      const result = await call('export:appendix', {
        planId: tree.plan.id,
        options: toOptions(form, tree),
        format,
        jobId: id,
      });
      setStage({ kind: 'done', result });
    } catch (e) {
      setStage({ kind: 'form' });
      // Cancelling the save dialog is not an error: back to the options, nothing said.
      if (e instanceof ApiError && e.code === 'cancelled') return;
      setError(errorText(e));
    }
  };

  const reveal = async (path: string, how: 'export:reveal' | 'export:open' = 'export:reveal') => {
    setRevealError(null);
    try {
      await call(how, { path });
    } catch (e) {
      setRevealError(`Couldn’t open the ${how === 'export:open' ? 'document' : 'folder'}: ${errorText(e)}`);
    }
  };

  const busy = stage.kind === 'exporting';
  let body: ReactNode;
  let actions: ReactNode;
  if (stage.kind === 'loading') {
    body = <p className="muted">Loading the export options…</p>;
    actions = <Button onClick={onClose}>Cancel</Button>;
  } else if (stage.kind === 'done') {
    const { result } = stage;
    body = (
      <div className="notice notice-info pub-done" role="status">
        <p>
          <strong>The appendix was saved.</strong>
        </p>
        <p className="pub-path" data-testid="export-path">
          {result.path}
        </p>
        <p className="muted small">
          {formatBytes(result.bytes)}.{' '}
          {/\.pdf$/i.test(result.path)
            ? 'Check the PDF before it goes into the agenda pack.'
            : 'Check it in Word before it goes into the agenda pack.'}
        </p>
        {revealError ? (
          <p className="field-error" role="alert">
            {revealError}
          </p>
        ) : null}
      </div>
    );
    actions = (
      <>
        <Button onClick={() => setStage({ kind: 'form' })}>Export again…</Button>
        <Button onClick={() => void reveal(result.path, 'export:open')} title={`Open ${result.path}`}>
          Open document
        </Button>
        <Button onClick={() => void reveal(result.path)} title={`Show ${folderOf(result.path)}`}>
          Open folder
        </Button>
        <Button variant="primary" onClick={onClose} data-autofocus>
          Close
        </Button>
      </>
    );
  } else {
    body = form ? (
      <ExportFormView
        tree={tree}
        form={form}
        errors={errors}
        disabled={busy}
        set={set}
        onInternal={(on) => (on ? setAskInternal(true) : set('includeInternal', false))}
      />
    ) : null;
    actions = (
      <>
        <label className="hstack" style={{ gap: 6 }}>
          <span className="field-label">Save as</span>
          <select
            value={format}
            disabled={busy}
            onChange={(e) => setFormat(e.target.value === 'pdf' ? 'pdf' : 'docx')}
            data-testid="export-format"
          >
            <option value="docx">Word (.docx)</option>
            <option value="pdf">PDF (.pdf)</option>
          </select>
        </label>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button variant="primary" onClick={() => void runExport()} disabled={busy || !form}>
          {busy ? 'Exporting…' : 'Export…'}
        </Button>
      </>
    );
  }

  return (
    <>
      <Dialog
        title="Export the committee appendix"
        onClose={busy ? () => undefined : onClose}
        width={780}
        actions={actions}
      >
        <div className="pub-dialog" aria-busy={busy || undefined}>
          {stage.kind === 'form' ? <ConflictNotice planId={tree.plan.id} /> : null}
          {stage.kind === 'form' && fileName ? (
            <p className="muted small pub-intro">
              A Word document for the agenda pack, suggested name “{fileName}”. You choose where to save it next.
            </p>
          ) : null}
          {error ? (
            <div className="notice notice-danger" role="alert">
              {error}
            </div>
          ) : null}
          {body}
          {busy ? <JobProgress idle="Waiting for you to choose where to save…" event={progress} /> : null}
        </div>
      </Dialog>
      {askInternal ? (
        <ConfirmDialog
          title="Include internal notes?"
          confirmLabel="Include internal notes"
          onCancel={() => setAskInternal(false)}
          onConfirm={() => {
            set('includeInternal', true);
            setAskInternal(false);
          }}
        >
          <p>{INTERNAL_NOTES_QUESTION}</p>
          <p className="muted small">
            Internal notes are often things like “Asked John Cooke” or “Do not record”. Anyone reading the agenda pack
            will see them.
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

interface FormViewProps {
  tree: PlanTree;
  form: ExportForm;
  errors: FormErrors;
  disabled: boolean;
  set<K extends keyof ExportForm>(key: K, value: ExportForm[K]): void;
  onInternal(on: boolean): void;
}

function ExportFormView({ tree, form, errors, disabled, set, onInternal }: FormViewProps) {
  const id = useId();
  const first = useRef<HTMLSelectElement>(null);
  // The options arrive after the dialog opened: start at the first choice.
  useEffect(() => first.current?.focus(), []);
  const periods = periodsOf(tree);
  const sections = sectionsOf(tree);
  const leads = useMemo(() => leadsOf(tree), [tree]);
  const choices = columnChoices(tree);
  const removable = removableLevels(tree);
  const scale = hasScale(tree);
  // Choosing a period moves the comparison to the period before it (shared/compare.ts).
  const setPeriod = (periodId: string) => {
    set('periodId', periodId);
    set('compareId', defaultCompareId(periods, tree.plan, periodId) ?? '');
  };
  const toggleColumn = (field: ColumnField, on: boolean) =>
    set('columns', on ? [...form.columns, field] : form.columns.filter((f) => f !== field));
  const toggleSection = (sid: string, on: boolean) =>
    set('sectionIds', on ? [...form.sectionIds, sid] : form.sectionIds.filter((s) => s !== sid));
  const err = (key: keyof FormErrors) =>
    errors[key] ? (
      <div className="field-error" role="alert" id={`${id}-${key}-error`}>
        {errors[key]}
      </div>
    ) : null;

  return (
    <fieldset className="pub-form" disabled={disabled}>
      <legend className="visually-hidden">Export options</legend>
      <div className="pub-grid">
        <div className="field">
          <label className="field-label" htmlFor={`${id}-period`}>
            Reporting period
          </label>
          <select ref={first} id={`${id}-period`} value={form.periodId} onChange={(e) => setPeriod(e.target.value)}>
            {periods.length === 0 ? <option value="">No reporting periods</option> : null}
            <PeriodOptions periods={periods} currentPeriodId={tree.plan.currentPeriodId} />
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-compare`}>
            Compare with
          </label>
          <select
            id={`${id}-compare`}
            value={form.compareId}
            onChange={(e) => set('compareId', e.target.value)}
            aria-invalid={errors.compare ? true : undefined}
            aria-describedby={errors.compare ? `${id}-compare-error` : undefined}
          >
            <option value="">No comparison</option>
            {compareChoices(periods, form.periodId).map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
          {err('compare')}
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-appendix`}>
            Appendix number
          </label>
          <input
            id={`${id}-appendix`}
            type="text"
            inputMode="numeric"
            className="pub-narrow"
            value={form.appendixNumber}
            onChange={(e) => set('appendixNumber', e.target.value)}
            aria-invalid={errors.appendixNumber ? true : undefined}
            aria-describedby={errors.appendixNumber ? `${id}-appendixNumber-error` : undefined}
          />
          {err('appendixNumber')}
        </div>
      </div>

      <div className="pub-columns2">
        <fieldset aria-describedby={errors.columns ? `${id}-columns-error` : undefined}>
          <legend>Columns</legend>
          <ul className="plain-list pub-checks">
            {choices.map((c) => (
              <li key={c.field}>
                <label>
                  <input
                    type="checkbox"
                    checked={form.columns.includes(c.field)}
                    onChange={(e) => toggleColumn(c.field, e.target.checked)}
                  />{' '}
                  {c.label}
                </label>
              </li>
            ))}
          </ul>
          {err('columns')}
          {scale ? (
            <div className="pub-sub" role="radiogroup" aria-label="Rating layout">
              <div className="field-label">Rating layout</div>
              <label>
                <input
                  type="radio"
                  name={`${id}-history`}
                  checked={!form.ratingHistory}
                  onChange={() => set('ratingHistory', false)}
                />{' '}
                This period’s rating only
              </label>
              <label>
                <input
                  type="radio"
                  name={`${id}-history`}
                  checked={form.ratingHistory}
                  onChange={() => set('ratingHistory', true)}
                />{' '}
                Rating history: one column per period
              </label>
              {form.ratingHistory ? (
                <label className="pub-inline">
                  Periods shown (blank: all up to this period, as many as fit the page){' '}
                  <input
                    type="text"
                    inputMode="numeric"
                    className="pub-narrow"
                    placeholder="All"
                    value={form.historyPeriods}
                    onChange={(e) => set('historyPeriods', e.target.value)}
                    aria-invalid={errors.historyPeriods ? true : undefined}
                  />
                </label>
              ) : null}
              {err('historyPeriods')}
            </div>
          ) : null}
        </fieldset>

        <div>
          <fieldset>
            <legend>Which actions</legend>
            <div className="pub-radios">
              <label>
                <input
                  type="radio"
                  name={`${id}-scope`}
                  checked={form.scope === 'all'}
                  onChange={() => set('scope', 'all')}
                />{' '}
                All sections
              </label>
              <label>
                <input
                  type="radio"
                  name={`${id}-scope`}
                  checked={form.scope === 'sections'}
                  onChange={() => set('scope', 'sections')}
                />{' '}
                Only some sections
              </label>
              {form.scope === 'sections' ? (
                <div className="pub-sub">
                  <ul className="plain-list pub-checks pub-scroll" aria-label="Sections to export">
                    {sections.map((s) => (
                      <li key={s.id}>
                        <label>
                          <input
                            type="checkbox"
                            checked={form.sectionIds.includes(s.id)}
                            onChange={(e) => toggleSection(s.id, e.target.checked)}
                          />{' '}
                          {s.number ? `${s.number}. ` : ''}
                          {s.title || 'Untitled section'}
                          {s.archived ? <span className="tag tag-neutral">archived</span> : null}
                        </label>
                      </li>
                    ))}
                  </ul>
                  {err('sections')}
                </div>
              ) : null}
              <label>
                <input
                  type="radio"
                  name={`${id}-scope`}
                  checked={form.scope === 'lead'}
                  onChange={() => set('scope', 'lead')}
                  disabled={leads.length === 0}
                />{' '}
                One lead’s actions (a service lead’s return)
              </label>
              {form.scope === 'lead' ? (
                <div className="pub-sub">
                  <label className="field-label" htmlFor={`${id}-lead`}>
                    Lead
                  </label>
                  <select
                    id={`${id}-lead`}
                    value={form.lead}
                    onChange={(e) => set('lead', e.target.value)}
                    aria-invalid={errors.lead ? true : undefined}
                    aria-describedby={errors.lead ? `${id}-lead-error` : undefined}
                  >
                    <option value="">Choose a lead…</option>
                    {leads.map((l) => (
                      <option key={l} value={l}>
                        {l}
                      </option>
                    ))}
                  </select>
                  {err('lead')}
                </div>
              ) : null}
            </div>
            <div className="pub-checks pub-after">
              <label>
                <input
                  type="checkbox"
                  checked={form.includeArchived}
                  onChange={(e) => set('includeArchived', e.target.checked)}
                />{' '}
                Include archived actions
              </label>
              {scale && removable.length > 0 ? (
                <label>
                  <input
                    type="checkbox"
                    checked={form.includeRemovable}
                    onChange={(e) => set('includeRemovable', e.target.checked)}
                  />{' '}
                  Include actions rated “can be removed”
                  <span className="muted small"> ({removable.join(', ')})</span>
                </label>
              ) : null}
            </div>
          </fieldset>

          <fieldset>
            <legend>Progress</legend>
            <div className="pub-radios">
              <label>
                <input
                  type="radio"
                  name={`${id}-progress`}
                  checked={form.progress === 'latest'}
                  onChange={() => set('progress', 'latest')}
                />{' '}
                Latest update in the period
              </label>
              <label>
                <input
                  type="radio"
                  name={`${id}-progress`}
                  checked={form.progress === 'all'}
                  onChange={() => set('progress', 'all')}
                />{' '}
                All updates in the period
              </label>
            </div>
            <div className={`pub-internal${form.includeInternal ? ' internal-block' : ''}`}>
              <label>
                <input type="checkbox" checked={form.includeInternal} onChange={(e) => onInternal(e.target.checked)} />{' '}
                Include internal notes
              </label>
              {form.includeInternal ? (
                <span className="tag tag-internal">Internal notes will be published</span>
              ) : (
                <span className="muted small"> (left out unless you ask)</span>
              )}
            </div>
          </fieldset>
        </div>
      </div>

      <fieldset>
        <legend>Layout and front matter</legend>
        <div className="pub-checks pub-flow">
          <label>
            <input
              type="checkbox"
              checked={form.mergeRepeated}
              onChange={(e) => set('mergeRepeated', e.target.checked)}
            />{' '}
            Merge cells that repeat the row above
          </label>
          <label>
            <input
              type="checkbox"
              checked={form.includeIntroduction}
              onChange={(e) => set('includeIntroduction', e.target.checked)}
            />{' '}
            Introduction
          </label>
          <label>
            <input
              type="checkbox"
              checked={form.includeRecommendations}
              onChange={(e) => set('includeRecommendations', e.target.checked)}
            />{' '}
            Recommendations list
          </label>
          <label>
            <input
              type="checkbox"
              checked={form.includeGovernance}
              onChange={(e) => set('includeGovernance', e.target.checked)}
            />{' '}
            Governance text
          </label>
          <label>
            <input
              type="checkbox"
              checked={form.includeIndicators}
              onChange={(e) => set('includeIndicators', e.target.checked)}
            />{' '}
            Performance indicators
          </label>
          <label>
            Text size{' '}
            <select value={String(form.fontSize)} onChange={(e) => set('fontSize', Number(e.target.value))}>
              {FONT_SIZES.map((pt) => (
                <option key={pt} value={String(pt)}>
                  {pt} pt{pt === 10 ? ' (standard)' : ''}
                </option>
              ))}
            </select>
          </label>
        </div>
      </fieldset>
    </fieldset>
  );
}
