/**
 * The covering report editor (the committee's Thurrock-style template) for one plan and reporting
 * period: a form over `CoveringReportContent`, loaded with `coveringReport:get` (current period by
 * default), autosaved a moment after each edit with a visible saved state, and exported with
 * `export:coveringReport`. Signatories come from the people directory (`people:list`), or are typed.
 * The "progress and direction of travel" paragraph is pre-filled from the plan and can be refilled.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError, call } from '../api';
import { Button } from '../components/Button';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { trapTab } from '../components/Dialog';
import { PeriodOptions } from '../components/PeriodOptions';
import { TextArea } from '../components/TextArea';
import type { CoveringReportContent } from '../../../shared/covering-report';
import type { Person, PlanTree } from '../../../shared/model';
import { formatLongDate, parseDue } from '../../../shared/dates';
import { describeProgress } from '../../../shared/summary';
import { Autosaver, type SaverState } from '../state/autosave';
import { JobProgress, useJobProgress } from './JobProgress';
import { folderOf, newJobId, periodsOf } from './exportForm';
import { missingFields } from './coveringChecks';
import './publish.css';
import { errorText } from '../errors';

export interface CoveringReportEditorProps {
  tree: PlanTree;
  onClose(): void;
}

/** Asked before the pre-filled paragraph replaces the author's text. */
export const REFILL_QUESTION =
  'Replace the progress paragraph with one written from the plan’s current figures? Your changes to it will be lost.';

type Signatory = CoveringReportContent['reportOf'];

export function CoveringReportEditor({ tree, onClose }: CoveringReportEditorProps) {
  const headingId = useId();
  const periods = periodsOf(tree);
  const [periodId, setPeriodId] = useState<string>(() =>
    tree.plan.currentPeriodId && periods.some((p) => p.id === tree.plan.currentPeriodId)
      ? tree.plan.currentPeriodId
      : (periods.at(-1)?.id ?? ''),
  );
  const [content, setContent] = useState<CoveringReportContent | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saveState, setSaveState] = useState<SaverState>({ kind: 'saved' });
  const [people, setPeople] = useState<Person[]>([]);
  const [askRefill, setAskRefill] = useState(false);
  const [exporting, setExporting] = useState<string | null>(null);
  /** Word, or PDF for the agenda pack (LibreOffice when installed, else the app prints the same content). */
  const [format, setFormat] = useState<'docx' | 'pdf'>('docx');
  const [exported, setExported] = useState<string | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const panel = useRef<HTMLDivElement>(null);
  const progress = useJobProgress(exporting !== null, (e) => e.jobId === exporting);

  // One saver per period; saves go to the period the content was loaded for.
  const saver = useMemo(
    () =>
      new Autosaver<CoveringReportContent>({
        save: (c) => call('coveringReport:save', { planId: tree.plan.id, periodId, content: c }),
        onState: setSaveState,
      }),
    [tree.plan.id, periodId],
  );
  useEffect(
    () => () => {
      void saver.flush();
      saver.dispose();
    },
    [saver],
  );

  useEffect(() => {
    if (!periodId) return;
    let live = true;
    setContent(null);
    setLoadError(null);
    setSaveState({ kind: 'saved' });
    call('coveringReport:get', { planId: tree.plan.id, periodId }).then(
      (r) => live && setContent(r.content),
      (e: unknown) => live && setLoadError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [tree.plan.id, periodId]);

  useEffect(() => {
    call('people:list', { signatoriesOnly: true }).then(setPeople, () => setPeople([]));
  }, []);

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    panel.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      if (opener && document.contains(opener)) opener.focus();
    };
  }, []);

  const update = useCallback(
    (patch: (c: CoveringReportContent) => CoveringReportContent) => {
      setContent((c) => {
        if (!c) return c;
        const next = patch(c);
        saver.change(next);
        return next;
      });
    },
    [saver],
  );
  const set = <K extends keyof CoveringReportContent>(key: K, value: CoveringReportContent[K]) =>
    update((c) => ({ ...c, [key]: value }));

  const close = async () => {
    await saver.flush();
    onClose();
  };

  const refill = async () => {
    const [fresh, summary] = await Promise.all([
      call('plans:get', { planId: tree.plan.id }),
      call('summary:get', { planId: tree.plan.id, periodId }),
    ]);
    set('progressParagraph', describeProgress(summary, fresh));
    setAskRefill(false);
  };

  const exportReport = async () => {
    if (!content) return;
    setExportError(null);
    setExported(null);
    await saver.flush();
    const jobId = newJobId('covering');
    setExporting(jobId);
    try {
      const result = await call('export:coveringReport', { planId: tree.plan.id, periodId, content, format, jobId });
      setExported(result.path);
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 'cancelled')) setExportError(errorText(e));
    } finally {
      setExporting(null);
    }
  };

  const period = periods.find((p) => p.id === periodId);
  return (
    <div className="cr-backdrop">
      <div
        ref={panel}
        className="cr-panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby={headingId}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && !askRefill) {
            e.stopPropagation();
            void close();
            return;
          }
          if (panel.current && !askRefill) trapTab(e, panel.current);
        }}
      >
        <div className="cr-head">
          <h2 id={headingId}>Covering report</h2>
          <label className="hstack" style={{ gap: 6 }}>
            <span className="field-label">Reporting period</span>
            <select
              value={periodId}
              onChange={(e) => {
                void saver.flush();
                setPeriodId(e.target.value);
              }}
            >
              <PeriodOptions periods={periods} currentPeriodId={tree.plan.currentPeriodId} />
            </select>
          </label>
          <SavedState state={saveState} onRetry={() => void saver.flush()} />
          <span className="spacer" />
          <label className="hstack" style={{ gap: 6 }}>
            <span className="field-label">Save as</span>
            <select
              value={format}
              onChange={(e) => setFormat(e.target.value === 'pdf' ? 'pdf' : 'docx')}
              data-testid="covering-format"
            >
              <option value="docx">Word (.docx)</option>
              <option value="pdf">PDF (.pdf)</option>
            </select>
          </label>
          <Button variant="primary" onClick={() => void exportReport()} disabled={!content || exporting !== null}>
            {exporting ? 'Exporting…' : 'Export covering report…'}
          </Button>
          <Button onClick={() => void close()} data-autofocus>
            Close
          </Button>
          {exporting || exportError || exported ? (
            <div className="cr-export-status">
              {exporting ? <JobProgress idle="Waiting for you to choose where to save…" event={progress} /> : null}
              {exportError ? (
                <div className="notice notice-danger" role="alert">
                  The covering report was not saved: {exportError}
                </div>
              ) : null}
              {exported ? (
                <div className="notice notice-info hstack" role="status">
                  <span>
                    Covering report saved: <span className="pub-path">{exported}</span>
                  </span>
                  <Button
                    small
                    onClick={() =>
                      void call('export:open', { path: exported }).catch((e: unknown) => setExportError(errorText(e)))
                    }
                    title={`Open ${exported}`}
                  >
                    Open document
                  </Button>
                  <Button
                    small
                    onClick={() =>
                      void call('export:reveal', { path: exported }).catch((e: unknown) => setExportError(errorText(e)))
                    }
                    title={`Show ${folderOf(exported)}`}
                  >
                    Open folder
                  </Button>
                </div>
              ) : null}
            </div>
          ) : null}
        </div>
        <div className="cr-body">
          {periods.length === 0 ? (
            <div className="notice notice-warn">
              This plan has no reporting periods yet. Add one in Settings, then write its covering report.
            </div>
          ) : null}
          {loadError ? (
            <div className="notice notice-danger" role="alert">
              Couldn’t load the covering report: {loadError}
            </div>
          ) : null}
          {content && missingFields(content).length > 0 ? (
            <div className="notice notice-warn" data-testid="covering-missing">
              Still to fill in before the agenda pack: {missingFields(content).join(', ')}. You can export a draft
              meanwhile.
            </div>
          ) : null}
          {content ? (
            <ReportForm
              content={content}
              set={set}
              update={update}
              people={people}
              periodLabel={period?.label ?? ''}
              onRefill={() => setAskRefill(true)}
            />
          ) : !loadError && periods.length > 0 ? (
            <p className="muted">Loading the covering report…</p>
          ) : null}
        </div>
      </div>
      {askRefill ? (
        <ConfirmDialog
          title="Refill from the plan?"
          confirmLabel="Replace the paragraph"
          onCancel={() => setAskRefill(false)}
          onConfirm={refill}
        >
          <p>{REFILL_QUESTION}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

function SavedState({ state, onRetry }: { state: SaverState; onRetry(): void }) {
  const text =
    state.kind === 'saved'
      ? 'All changes saved'
      : state.kind === 'error'
        ? `Couldn’t save: ${state.message}`
        : 'Saving…';
  return (
    <span className="hstack" style={{ gap: 6 }}>
      <span
        className="cr-saved"
        data-state={state.kind === 'pending' ? 'saving' : state.kind}
        role="status"
        aria-live="polite"
        data-testid="covering-save-status"
      >
        {state.kind === 'saved' || state.kind === 'error' ? (
          <span aria-hidden="true">{state.kind === 'saved' ? '✓' : '⚠'}</span>
        ) : null}
        {text}
      </span>
      {state.kind === 'error' ? (
        <Button small onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </span>
  );
}

interface FormProps {
  content: CoveringReportContent;
  set<K extends keyof CoveringReportContent>(key: K, value: CoveringReportContent[K]): void;
  update(patch: (c: CoveringReportContent) => CoveringReportContent): void;
  people: Person[];
  periodLabel: string;
  onRefill(): void;
}

function ReportForm({ content: c, set, update, people, periodLabel, onRefill }: FormProps) {
  const id = useId();
  const listId = `${id}-signatories`;
  const implication = (
    key: 'financial' | 'legal' | 'diversity',
    value: CoveringReportContent['implications']['financial'],
  ) => update((x) => ({ ...x, implications: { ...x.implications, [key]: value } }));
  return (
    <>
      <datalist id={listId}>
        {people.map((p) => (
          <option key={p.id} value={p.name}>
            {p.jobTitle}
          </option>
        ))}
      </datalist>

      <section aria-labelledby={`${id}-h-meeting`}>
        <h3 id={`${id}-h-meeting`}>Meeting and report</h3>
        <div className="cr-grid">
          <MeetingDateField value={c.meetingDate} onChange={(v) => set('meetingDate', v)} />
          <TextInput
            label="Item number"
            required
            value={c.itemNumber}
            onChange={(v) => set('itemNumber', v)}
            maxLength={20}
            placeholder="Its number on the agenda, for example 7"
          />
          <TextInput
            label="Committee"
            required
            value={c.committee}
            onChange={(v) => set('committee', v)}
            placeholder="for example, Children’s Services Overview and Scrutiny Committee"
          />
          <TextInput label="Report title" className="span3" value={c.title} onChange={(v) => set('title', v)} />
          <TextInput label="Wards and communities affected" value={c.wards} onChange={(v) => set('wards', v)} />
          <div className="field">
            <label className="field-label" htmlFor={`${id}-key`}>
              Key decision
            </label>
            <select
              id={`${id}-key`}
              value={c.keyDecision}
              onChange={(e) => set('keyDecision', e.target.value as CoveringReportContent['keyDecision'])}
            >
              <option value="non-key">Non-key</option>
              <option value="key">Key</option>
            </select>
          </div>
          <fieldset className="cr-fieldset-inline">
            <legend>This report is</legend>
            <div className="hstack">
              <label>
                <input
                  type="radio"
                  name={`${id}-public`}
                  checked={c.publicStatus === 'public'}
                  onChange={() => set('publicStatus', 'public')}
                />{' '}
                Public
              </label>
              <label>
                <input
                  type="radio"
                  name={`${id}-public`}
                  checked={c.publicStatus === 'exempt'}
                  onChange={() => set('publicStatus', 'exempt')}
                />{' '}
                Exempt
              </label>
            </div>
          </fieldset>
          {c.publicStatus === 'exempt' ? (
            <TextInput
              label="Why it is exempt"
              className="span3"
              value={c.exemptReason}
              onChange={(v) => set('exemptReason', v)}
            />
          ) : null}
        </div>
        <div className="cr-grid">
          <SignatoryField
            label="Report of"
            required
            value={c.reportOf}
            people={people}
            listId={listId}
            onChange={(v) => set('reportOf', v)}
          />
          <SignatoryField
            label="Accountable Assistant Director"
            required
            value={c.accountableAssistantDirector}
            people={people}
            listId={listId}
            onChange={(v) => set('accountableAssistantDirector', v)}
          />
          <SignatoryField
            label="Accountable Director"
            required
            value={c.accountableDirector}
            people={people}
            listId={listId}
            onChange={(v) => set('accountableDirector', v)}
          />
        </div>
        {people.length === 0 ? (
          <p className="muted small">
            Add signatories in Settings › People so they can be picked here. You can always type a name.
          </p>
        ) : null}
      </section>

      <section aria-labelledby={`${id}-h-summary`}>
        <h3 id={`${id}-h-summary`}>Executive summary</h3>
        <Area
          label="Executive summary"
          hideLabel
          value={c.executiveSummary}
          onChange={(v) => set('executiveSummary', v)}
          minRows={3}
        />
      </section>

      <Numbered n={1} title="Recommendation(s)">
        <ListEditor
          items={c.recommendations}
          onChange={(v) => set('recommendations', v)}
          numberPrefix="1."
          itemLabel="Recommendation"
          addLabel="Add a recommendation"
          multiline
          placeholder="That the Committee note and comment on progress…"
        />
      </Numbered>

      <Numbered n={2} title="Introduction and background">
        <Area
          label="Introduction and background"
          hideLabel
          value={c.introduction}
          onChange={(v) => set('introduction', v)}
          minRows={3}
        />
      </Numbered>

      <Numbered n={3} title="Issues, options and analysis of options">
        <div className="cr-prefill">
          <div className="hstack" style={{ justifyContent: 'space-between' }}>
            <label className="field-label" htmlFor={`${id}-progress`}>
              Progress and direction of travel{periodLabel ? ` (${periodLabel})` : ''}
            </label>
            <Button small onClick={onRefill}>
              Refill from the plan
            </Button>
          </div>
          <TextArea
            id={`${id}-progress`}
            value={c.progressParagraph}
            onChange={(e) => set('progressParagraph', e.target.value)}
            minRows={3}
            aria-describedby={`${id}-progress-hint`}
          />
          <div id={`${id}-progress-hint`} className="field-hint">
            Written from the plan’s ratings; edit it freely. The Word document adds a small table of each area’s average
            rating after it.
          </div>
        </div>
        <Area label="Issues and options" value={c.issuesAndOptions} onChange={(v) => set('issuesAndOptions', v)} />
      </Numbered>

      <Numbered n={4} title="Reasons for recommendation">
        <Area label="Reasons for recommendation" hideLabel value={c.reasons} onChange={(v) => set('reasons', v)} />
      </Numbered>
      <Numbered n={5} title="Consultation (including Overview and Scrutiny, if applicable)">
        <Area label="Consultation" hideLabel value={c.consultation} onChange={(v) => set('consultation', v)} />
      </Numbered>
      <Numbered n={6} title="Impact on corporate policies, priorities, performance and community impact">
        <Area
          label="Impact on corporate policies, priorities, performance and community impact"
          hideLabel
          value={c.impact}
          onChange={(v) => set('impact', v)}
        />
      </Numbered>

      <Numbered n={7} title="Implications">
        {(
          [
            ['financial', '7.1 Financial'],
            ['legal', '7.2 Legal'],
            ['diversity', '7.3 Diversity and Equality'],
          ] as const
        ).map(([key, label]) => (
          <div key={key} className="cr-implication">
            <Area
              label={`${label} implications`}
              value={c.implications[key].text}
              onChange={(v) => implication(key, { ...c.implications[key], text: v })}
            />
            <SignatoryField
              label={`${label}: implications verified by`}
              legend={
                <>
                  <span className="visually-hidden">{label}: </span>Implications verified by
                </>
              }
              className="cr-verified"
              value={c.implications[key].verifiedBy}
              people={people}
              listId={listId}
              onChange={(v) => implication(key, { ...c.implications[key], verifiedBy: v })}
            />
          </div>
        ))}
        <Area
          label="7.4 Other implications (where significant)"
          value={c.implications.other}
          onChange={(v) => update((x) => ({ ...x, implications: { ...x.implications, other: v } }))}
        />
      </Numbered>

      <Numbered n={8} title="Background papers">
        <ListEditor
          items={c.backgroundPapers}
          onChange={(v) => set('backgroundPapers', v)}
          itemLabel="Background paper"
          addLabel="Add a background paper"
          placeholder="Title, and where it is published"
        />
      </Numbered>
      <Numbered n={9} title="Appendices">
        <ListEditor
          items={c.appendices}
          onChange={(v) => set('appendices', v)}
          itemLabel="Appendix"
          addLabel="Add an appendix"
          placeholder="Appendix 2 - …"
        />
      </Numbered>

      <section aria-labelledby={`${id}-h-author`}>
        <h3 id={`${id}-h-author`}>Report author</h3>
        <div className="cr-grid">
          <TextInput
            label="Name"
            required
            placeholder="The officer who wrote the report"
            list={listId}
            value={c.author.name}
            onChange={(v) => {
              const match = people.find((p) => p.name === v);
              set('author', {
                ...c.author,
                name: v,
                jobTitle: match && !c.author.jobTitle ? match.jobTitle : c.author.jobTitle,
                service: match && !c.author.service ? match.service : c.author.service,
              });
            }}
          />
          <TextInput
            label="Job title"
            value={c.author.jobTitle}
            onChange={(v) => set('author', { ...c.author, jobTitle: v })}
          />
          <TextInput
            label="Service"
            value={c.author.service}
            onChange={(v) => set('author', { ...c.author, service: v })}
          />
        </div>
      </section>
    </>
  );
}

function Numbered({ n, title, children }: { n: number; title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>
        <span className="cr-num">{n}.</span>
        {title}
      </h3>
      {children}
    </section>
  );
}

/** '' -> null, a typed day ("13/02/2018", "13 Feb 2018"; day first) -> YYYY-MM-DD, anything else -> undefined. */
export function parseMeetingDate(text: string): string | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  const parsed = parseDue(t);
  return parsed.kind === 'date' && parsed.precision === 'day' ? parsed.date : undefined;
}

const DATE_HELP = 'Enter a date such as 13/02/2018 or 13 February 2018.';

/**
 * The meeting date typed the British way and shown as "13 February 2018" (the browser's date picker
 * follows the machine's locale, often mm/dd/yyyy). A date that cannot be read is not saved.
 */
function MeetingDateField({ value, onChange }: { value: string | null; onChange(v: string | null): void }) {
  const id = useId();
  const shown = value ? formatLongDate(value) : '';
  const [text, setText] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(shown), [shown]);
  const commit = () => {
    const d = parseMeetingDate(text);
    if (d === undefined) {
      setError(DATE_HELP);
      return;
    }
    setError(null);
    if (d !== value) onChange(d);
    setText(d ? formatLongDate(d) : '');
  };
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        Meeting date
      </label>
      <input
        id={id}
        type="text"
        value={text}
        placeholder="dd/mm/yyyy"
        aria-required
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-msg`}
      />
      <div id={`${id}-msg`} className={error ? 'field-error' : 'field-hint'} role={error ? 'alert' : undefined}>
        {error ?? (value ? '' : 'Required: not set yet (the report shows “[Meeting date to be added]”)')}
      </div>
    </div>
  );
}

interface TextInputProps {
  label: string;
  /** A header field the report needs (issue 12.11): marked "(required)"; the document shows "[... to be added]" until it is filled. */
  required?: boolean;
  value: string;
  onChange(value: string): void;
  type?: 'text' | 'date';
  className?: string;
  hint?: string;
  placeholder?: string;
  maxLength?: number;
  list?: string;
}

function TextInput({
  label,
  required,
  value,
  onChange,
  type = 'text',
  className,
  hint,
  placeholder,
  maxLength,
  list,
}: TextInputProps) {
  const id = useId();
  // An empty required header field says so (the report shows "[... to be added]" until it is filled).
  const shownHint = hint ?? (required && !value.trim() ? 'Required for the report header' : undefined);
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        type={type}
        aria-required={required ? true : undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
        maxLength={maxLength}
        list={list}
        aria-describedby={shownHint ? `${id}-hint` : undefined}
      />
      {shownHint ? (
        <div id={`${id}-hint`} className="field-hint">
          {shownHint}
        </div>
      ) : null}
    </div>
  );
}

function Area({
  label,
  value,
  onChange,
  hideLabel,
  minRows = 2,
}: {
  label: string;
  value: string;
  onChange(v: string): void;
  hideLabel?: boolean;
  minRows?: number;
}) {
  const id = useId();
  return (
    <div className="field">
      <label className={hideLabel ? 'visually-hidden' : 'field-label'} htmlFor={id}>
        {label}
      </label>
      <TextArea id={id} value={value} onChange={(e) => onChange(e.target.value)} minRows={minRows} />
    </div>
  );
}

/** A name (typed, or picked from the signatories directory) and a job title filled in from the pick. */
function SignatoryField({
  label,
  required,
  legend,
  className,
  value,
  people,
  listId,
  onChange,
}: {
  label: string;
  /** A header field the report needs (issue 12.11). */
  required?: boolean;
  legend?: ReactNode;
  className?: string;
  value: Signatory;
  people: Person[];
  listId: string;
  onChange(v: Signatory): void;
}) {
  const id = useId();
  return (
    <fieldset className={`cr-signatory${className ? ` ${className}` : ''}`}>
      <legend>{legend ?? label}</legend>
      <div className="cr-person">
        <div>
          <label className="visually-hidden" htmlFor={`${id}-name`}>
            {label}: name
          </label>
          <input
            id={`${id}-name`}
            list={listId}
            aria-required={required ? true : undefined}
            placeholder={required ? 'Name (required)' : 'Name'}
            value={value.name}
            onChange={(e) => {
              const name = e.target.value;
              const match = people.find((p) => p.name === name);
              onChange({ name, jobTitle: match ? match.jobTitle : value.jobTitle });
            }}
          />
        </div>
        <div>
          <label className="visually-hidden" htmlFor={`${id}-title`}>
            {label}: job title
          </label>
          <input
            id={`${id}-title`}
            placeholder="Job title"
            value={value.jobTitle}
            onChange={(e) => onChange({ ...value, jobTitle: e.target.value })}
          />
        </div>
      </div>
    </fieldset>
  );
}

interface ListEditorProps {
  items: string[];
  onChange(items: string[]): void;
  itemLabel: string;
  addLabel: string;
  numberPrefix?: string;
  multiline?: boolean;
  placeholder?: string;
}

/** An ordered list of texts: edit, add, remove, move up and down (all buttons, so keyboard-operable). */
function ListEditor({ items, onChange, itemLabel, addLabel, numberPrefix, multiline, placeholder }: ListEditorProps) {
  const id = useId();
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const refs = useRef<(HTMLInputElement | HTMLTextAreaElement | null)[]>([]);
  useEffect(() => {
    if (focusIndex !== null) {
      refs.current[focusIndex]?.focus();
      setFocusIndex(null);
    }
  }, [focusIndex, items.length]);
  const setAt = (i: number, v: string) => onChange(items.map((x, j) => (j === i ? v : x)));
  const move = (i: number, d: -1 | 1) => {
    const next = [...items];
    const [x] = next.splice(i, 1);
    next.splice(i + d, 0, x!);
    onChange(next);
  };
  return (
    <div>
      {items.length === 0 ? <p className="muted small">None yet.</p> : null}
      <ol className="plain-list cr-list">
        {items.map((item, i) => {
          const label = `${itemLabel} ${numberPrefix ?? ''}${i + 1}`;
          return (
            <li key={i}>
              <span className="cr-num" aria-hidden="true">
                {numberPrefix ?? ''}
                {i + 1}
                {numberPrefix ? '' : '.'}
              </span>
              <div>
                <label className="visually-hidden" htmlFor={`${id}-${i}`}>
                  {label}
                </label>
                {multiline ? (
                  <TextArea
                    id={`${id}-${i}`}
                    ref={(el) => void (refs.current[i] = el)}
                    value={item}
                    onChange={(e) => setAt(i, e.target.value)}
                    placeholder={placeholder}
                    minRows={2}
                  />
                ) : (
                  <input
                    id={`${id}-${i}`}
                    ref={(el) => void (refs.current[i] = el)}
                    value={item}
                    onChange={(e) => setAt(i, e.target.value)}
                    placeholder={placeholder}
                  />
                )}
              </div>
              <span className="cr-list-buttons">
                <Button
                  small
                  variant="quiet"
                  className="btn-icon"
                  aria-label={`Move ${label} up`}
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                >
                  ↑
                </Button>
                <Button
                  small
                  variant="quiet"
                  className="btn-icon"
                  aria-label={`Move ${label} down`}
                  disabled={i === items.length - 1}
                  onClick={() => move(i, 1)}
                >
                  ↓
                </Button>
                <Button
                  small
                  variant="danger"
                  aria-label={`Remove ${label}`}
                  onClick={() => onChange(items.filter((_, j) => j !== i))}
                >
                  Remove
                </Button>
              </span>
            </li>
          );
        })}
      </ol>
      <Button
        small
        onClick={() => {
          onChange([...items, '']);
          setFocusIndex(items.length);
        }}
      >
        + {addLabel}
      </Button>
    </div>
  );
}
