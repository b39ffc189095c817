/**
 * The action form, as a side panel beside the plan table: rating and progress for the chosen period
 * (with the earlier periods as a timeline), then every field of the action. Every field autosaves;
 * Escape closes the panel.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Action, PlanTree } from '../../../shared/model';
import { TEMPLATES } from '../../../shared/templates';
import { useAutosave } from '../state/autosave';
import { indexTree, workStatus } from '../state/indexes';
import { useServices, useTree, useWorkspace } from '../state/context';
import type { LeadValue } from '../state/editor';
import { Button } from '../components/Button';
import { Field } from '../components/Field';
import { TextArea } from '../components/TextArea';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { RatingBadge } from '../components/RatingBadge';
import { longDate } from '../components/format';
import { RatingPicker } from './RatingPicker';
import { DueDateField } from './DueDateField';
import { LeadsEditor, makeSuggest } from './LeadsEditor';
import { HistoryPanel } from './HistoryPanel';
import { ProgressEditor } from './ProgressEditor';
import { PeriodPicker } from '../workspace/PeriodPicker';
import { PadlockIcon } from '../components/Icons';
import { ActionConflicts } from '../sync/ConflictBadge';
import './action.css';
import { errorText } from '../errors';

export function ActionPanel({ actionId, onClose }: { actionId: string; onClose(): void }) {
  const tree = useTree();
  const index = indexTree(tree);
  const action = index.actionById.get(actionId);
  const heading = useRef<HTMLHeadingElement>(null);
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    // A new, empty action: straight into its text. Otherwise the heading, so screen readers announce it.
    const first = index.actionById.get(actionId);
    const target =
      first && first.description === ''
        ? panel.current?.querySelector<HTMLElement>('[data-field="description"]')
        : null;
    (target ?? heading.current)?.focus({ preventScroll: !target });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  if (!action) return null;
  // Close, saving what is being typed (blur), and put the focus back on the row.
  const close = () => {
    (document.activeElement as HTMLElement | null)?.blur?.();
    onClose();
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-row-key="a:${actionId}"]`)?.focus());
  };
  return (
    <aside
      ref={panel}
      className="action-panel"
      aria-labelledby="action-panel-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault();
          close();
        }
      }}
    >
      <ActionForm action={action} tree={tree} headingRef={heading} onClose={close} />
    </aside>
  );
}

/** The form proper, shared by the table's side panel and the update round. */
export function ActionForm({
  action,
  tree,
  headingRef,
  onClose,
  compact,
}: {
  action: Action;
  tree: PlanTree;
  headingRef?: React.Ref<HTMLHeadingElement>;
  onClose?(): void;
  /** The update round shows rating and progress first and folds the details away. */
  compact?: boolean;
}) {
  const { editor, periodId, setPeriodId, openAction } = useWorkspace();
  const { toast } = useServices();
  const index = indexTree(tree);
  const [showHistory, setShowHistory] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const period = periodId ? index.periodById.get(periodId) : undefined;
  const section = index.sectionById.get(action.sectionId);
  const nouns = TEMPLATES[tree.plan.template] ?? TEMPLATES.blank;
  const status = periodId ? workStatus(index, action, periodId) : null;
  const report = useCallback((e: unknown) => toast(errorText(e), { kind: 'error' }), [toast]);
  // In the update round, Archive and Delete sit at the end of the details, never between the update and the rating.
  const destructive = (
    <>
      <Button small onClick={() => void editor.archiveAction(action.id, !action.archived).catch(report)}>
        {action.archived ? 'Unarchive' : 'Archive'}
      </Button>
      <Button small variant="danger" onClick={() => setConfirmDelete(true)}>
        Delete
      </Button>
    </>
  );

  return (
    <div className="action-form">
      <div className="action-form-head">
        <h2 ref={headingRef} tabIndex={-1} id="action-panel-title">
          Action {action.reference || '(no reference)'}
          {action.archived ? <span className="tag tag-neutral">Archived</span> : null}
        </h2>
        <span className="muted small action-form-section" title={section?.title}>
          {nouns.sectionNoun} {section?.number}: {section?.title}
        </span>
        {compact ? <p className="action-form-desc">{action.description || 'No action text yet.'}</p> : null}
        <div className="hstack action-form-tools">
          <Button
            small
            variant={showHistory ? 'primary' : 'default'}
            aria-pressed={showHistory}
            onClick={() => setShowHistory((s) => !s)}
          >
            History
          </Button>
          {compact ? null : destructive}
          {onClose ? (
            <Button
              small
              variant="quiet"
              onClick={onClose}
              aria-label="Close the action form (Escape)"
              title="Close (Escape)"
            >
              ✕ Close
            </Button>
          ) : null}
        </div>
      </div>
      {showHistory ? <HistoryPanel action={action} tree={tree} /> : null}
      <ActionConflicts actionId={action.id} />

      <section className="form-section" aria-labelledby={`rp-${action.id}`}>
        <div className="hstack form-section-head">
          <h3 id={`rp-${action.id}`}>Progress and rating</h3>
          <span className="spacer" />
          {compact ? null : <PeriodPicker tree={tree} periodId={periodId} onChange={setPeriodId} label="Period" />}
        </div>
        {!period ? (
          <p className="notice notice-info">Add a reporting period in Settings to record progress and ratings.</p>
        ) : (
          <>
            {period.locked ? (
              <p className="notice notice-warn" data-testid="locked-note">
                <PadlockIcon /> <strong>{period.label} is locked</strong> because it has gone to committee: its ratings
                and progress are read-only. Unlock it in Settings to change them.
              </p>
            ) : null}
            {status && !period.locked ? <StatusLine status={status} /> : null}
            {index.levels.length > 0 ? (
              <RatingEditor
                key={`${action.id}|${period.id}`}
                action={action}
                periodId={period.id}
                readOnly={period.locked}
                periodLabel={period.label}
              />
            ) : null}
            <ProgressEditor
              key={`p|${action.id}|${period.id}`}
              action={action}
              periodId={period.id}
              readOnly={period.locked}
              periodLabel={period.label}
            />
            <Timeline action={action} tree={tree} periodId={period.id} />
          </>
        )}
      </section>

      {compact ? (
        <details className="form-section details-fold">
          <summary>
            <h3 id={`det-${action.id}`}>Details: action text, due date, leads, recommendations, notes</h3>
          </summary>
          <ActionDetails action={action} tree={tree} />
          <div className="hstack action-form-tools" role="group" aria-label="Archive or delete this action">
            {destructive}
          </div>
        </details>
      ) : (
        <section className="form-section" aria-labelledby={`det-${action.id}`}>
          <h3 id={`det-${action.id}`}>Details</h3>
          <ActionDetails action={action} tree={tree} />
        </section>
      )}

      {confirmDelete ? (
        <ConfirmDialog
          title={`Delete action ${action.reference}?`}
          confirmLabel="Delete action"
          danger
          onCancel={() => setConfirmDelete(false)}
          onConfirm={async () => {
            try {
              await editor.deleteAction(action.id);
              openAction(null);
              toast(`Deleted action ${action.reference}`, {
                action: { label: 'Undo', run: () => void editor.undo.undo().catch(report) },
              });
            } catch (e) {
              report(e);
            }
            setConfirmDelete(false);
          }}
        >
          <p>Its progress updates and ratings go with it. You can undo this (Ctrl+Z).</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

/** Every field of the action itself (not period-specific). */
function ActionDetails({ action, tree }: { action: Action; tree: PlanTree }) {
  const nouns = TEMPLATES[tree.plan.template] ?? TEMPLATES.blank;
  return (
    <>
      <ReferenceField action={action} />
      <ObjectiveField action={action} tree={tree} noun={nouns.objectiveNoun} />
      <TextField
        action={action}
        field="description"
        label={tree.plan.columns.find((c) => c.field === 'description')?.label ?? 'Action'}
        minRows={3}
      />
      <TextField
        action={action}
        field="outcome"
        label={tree.plan.columns.find((c) => c.field === 'outcome')?.label ?? 'Outcome'}
        minRows={2}
      />
      <DueField action={action} label={tree.plan.columns.find((c) => c.field === 'dueDate')?.label ?? 'Due date'} />
      <DeferralHistory action={action} />
      <LeadsField action={action} tree={tree} />
      <RecommendationsField action={action} tree={tree} />
      <div className="internal-block">
        <TextField
          action={action}
          field="notes"
          label="Internal notes"
          minRows={2}
          aside={<span className="tag tag-internal">Internal: never published</span>}
          hint="For the team only (“Asked John Cooke”). Left out of the Word appendix unless asked."
        />
      </div>
    </>
  );
}

function StatusLine({ status }: { status: ReturnType<typeof workStatus> }) {
  if (status.done)
    return (
      <p className="status-line">
        <span className="tag tag-ok">✓ Done for this period</span>
      </p>
    );
  const needs = [
    status.hasUpdate ? null : 'a progress update',
    status.needsRating ? 'a rating' : null,
    status.needsExplanation ? 'an explanation and corrective action' : null,
  ].filter(Boolean);
  return (
    <p className="status-line">
      <span className="tag tag-warn">Still needs {needs.join(', ').replace(/, ([^,]*)$/, ' and $1')}</span>
    </p>
  );
}

// ---------------------------------------------------------------------------------------------
// Rating and progress
// ---------------------------------------------------------------------------------------------

function RatingEditor({
  action,
  periodId,
  readOnly,
  periodLabel,
}: {
  action: Action;
  periodId: string;
  readOnly: boolean;
  periodLabel: string;
}) {
  const tree = useTree();
  const { editor } = useWorkspace();
  const { toast } = useServices();
  const index = indexTree(tree);
  const rating = index.ratingOf(action.id, periodId);
  // Shown at once when chosen; the store's answer replaces it.
  const [optimistic, setOptimistic] = useState<{ levelId: string | null } | null>(null);
  const levelId = optimistic ? optimistic.levelId : (rating?.levelId ?? null);
  const stored = useMemo(
    () => ({ explanation: rating?.explanation ?? '', correctiveAction: rating?.correctiveAction ?? '' }),
    [rating],
  );
  const levelRef = useRef(levelId);
  levelRef.current = levelId;
  const text = useAutosave({
    stored,
    equals: (a, b) => a.explanation === b.explanation && a.correctiveAction === b.correctiveAction,
    save: (v) => editor.setRating(action.id, periodId, { levelId: levelRef.current, ...v }),
  });
  return (
    <RatingPicker
      levels={index.levels}
      levelId={levelId}
      explanation={text.value.explanation}
      correctiveAction={text.value.correctiveAction}
      periodLabel={periodLabel}
      readOnly={readOnly}
      onLevel={(id) => {
        setOptimistic({ levelId: id });
        levelRef.current = id;
        void text
          .flush()
          .then(() => editor.setRating(action.id, periodId, { levelId: id, ...text.value }))
          .catch((e: unknown) => toast(errorText(e), { kind: 'error' }))
          .finally(() => setOptimistic(null));
      }}
      onExplanation={(t) => text.setValue({ ...text.value, explanation: t })}
      onCorrectiveAction={(t) => text.setValue({ ...text.value, correctiveAction: t })}
      onBlurText={() => void text.flush()}
    />
  );
}

/** Earlier periods' ratings and updates, newest first. */
function Timeline({ action, tree, periodId }: { action: Action; tree: PlanTree; periodId: string }) {
  const index = indexTree(tree);
  const at = index.periods.findIndex((p) => p.id === periodId);
  const earlier = index.periods.slice(0, Math.max(0, at)).reverse();
  if (earlier.length === 0) return null;
  return (
    <div className="timeline">
      <h4>Earlier periods</h4>
      <ol className="plain-list">
        {earlier.map((p) => {
          const r = index.ratingOf(action.id, p.id);
          const level = r?.levelId ? (index.levelById.get(r.levelId) ?? null) : null;
          const updates = index.progressOf(action.id, p.id);
          return (
            <li key={p.id} className="timeline-item">
              <div className="hstack timeline-head">
                <strong>{p.label}</strong>
                {index.levels.length > 0 ? (
                  <RatingBadge level={level} levels={index.levels} size="sm" context={`in ${p.label}`} />
                ) : null}
                {p.locked ? (
                  <span className="muted small">
                    <PadlockIcon size={10} /> locked
                  </span>
                ) : null}
              </div>
              {r && level?.requiresExplanation && (r.explanation || r.correctiveAction) ? (
                <p className="small">
                  <strong>Explanation:</strong> {r.explanation || '–'} <strong>Corrective action:</strong>{' '}
                  {r.correctiveAction || '–'}
                </p>
              ) : null}
              {updates.length === 0 ? <p className="muted small">No update.</p> : null}
              {updates.map((u) => (
                <div key={u.id} className="timeline-body">
                  {u.internal ? <span className="tag tag-internal">Internal</span> : null}
                  <p>{u.body}</p>
                </div>
              ))}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Detail fields
// ---------------------------------------------------------------------------------------------

function useReport() {
  const { toast } = useServices();
  return useCallback((e: unknown) => toast(errorText(e), { kind: 'error' }), [toast]);
}

function TextField({
  action,
  field,
  label,
  minRows,
  aside,
  hint,
}: {
  action: Action;
  field: 'description' | 'outcome' | 'notes';
  label: string;
  minRows: number;
  aside?: React.ReactNode;
  hint?: string;
}) {
  const { editor } = useWorkspace();
  const draft = useAutosave({ stored: action[field], save: (v) => editor.updateAction(action.id, { [field]: v }) });
  return (
    <Field label={label} aside={aside} hint={hint} error={draft.error}>
      {(p) => (
        <TextArea
          {...p}
          data-field={field}
          value={draft.value}
          minRows={minRows}
          maxRows={14}
          onChange={(e) => draft.setValue(e.target.value)}
          onBlur={() => void draft.flush()}
        />
      )}
    </Field>
  );
}

function DueField({ action, label }: { action: Action; label: string }) {
  const { editor } = useWorkspace();
  const draft = useAutosave({
    stored: action.dueText,
    save: (v) => editor.updateAction(action.id, { dueText: v }),
    delay: 1200,
  });
  return (
    <DueDateField
      label={label}
      value={draft.value}
      onChange={draft.setValue}
      onBlur={() => void draft.flush()}
      error={draft.error}
    />
  );
}

function DeferralHistory({ action }: { action: Action }) {
  if (action.dueHistory.length === 0) return null;
  return (
    <div className="deferrals">
      <h4>Deferral history</h4>
      <ol className="plain-list small">
        {[...action.dueHistory].reverse().map((d, i) => (
          <li key={i}>
            Was “{d.dueText || 'blank'}” until {longDate(d.changedAt)}
            {d.changedBy ? ` (changed by ${d.changedBy})` : ''}
          </li>
        ))}
      </ol>
    </div>
  );
}

function ReferenceField({ action }: { action: Action }) {
  const { editor } = useWorkspace();
  const report = useReport();
  const draft = useAutosave({
    stored: action.reference,
    save: (v) => editor.updateAction(action.id, { reference: v }),
    delay: 1500,
  });
  return (
    <Field
      label="Reference"
      error={draft.error}
      hint={
        action.referenceManual ? (
          <span>
            <span className="tag tag-warn">✎ Typed by hand</span> Not renumbered automatically.{' '}
            <button
              type="button"
              className="btn btn-link"
              onClick={() => void editor.updateAction(action.id, { reference: '' }).catch(report)}
            >
              Number automatically
            </button>
          </span>
        ) : (
          'Numbered automatically. Type a reference to fix it by hand.'
        )
      }
    >
      {(p) => (
        <input
          {...p}
          type="text"
          value={draft.value}
          style={{ width: 140 }}
          onChange={(e) => draft.setValue(e.target.value)}
          onBlur={() => void draft.flush()}
        />
      )}
    </Field>
  );
}

function ObjectiveField({ action, tree, noun }: { action: Action; tree: PlanTree; noun: string }) {
  const { editor } = useWorkspace();
  const report = useReport();
  const index = indexTree(tree);
  const objectives = index.objectivesBySection.get(action.sectionId) ?? [];
  const [adding, setAdding] = useState(false);
  const [text, setText] = useState('');
  const current = action.objectiveId ? index.objectiveById.get(action.objectiveId) : undefined;
  return (
    <div className="field">
      <div className="hstack" style={{ gap: 6, alignItems: 'flex-end' }}>
        <Field label={noun} className="grow">
          {(p) => (
            <select
              {...p}
              value={action.objectiveId ?? ''}
              onChange={(e) =>
                void editor.updateAction(action.id, { objectiveId: e.target.value || null }).catch(report)
              }
            >
              <option value="">(none)</option>
              {objectives.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.title.length > 90 ? `${o.title.slice(0, 90)}…` : o.title || '(untitled)'}
                  {o.archived ? ' (archived)' : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Button small onClick={() => setAdding((a) => !a)} aria-expanded={adding} style={{ marginBottom: 12 }}>
          New {noun.toLowerCase()}
        </Button>
      </div>
      {current ? <ObjectiveTitle key={current.id} objectiveId={current.id} title={current.title} noun={noun} /> : null}
      {adding ? (
        <form
          className="hstack"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!text.trim()) return;
            try {
              const id = await editor.createObjective(action.sectionId, text.trim());
              await editor.updateAction(action.id, { objectiveId: id });
              setText('');
              setAdding(false);
            } catch (err) {
              report(err);
            }
          }}
        >
          <label className="visually-hidden" htmlFor={`new-obj-${action.id}`}>
            New {noun.toLowerCase()} text
          </label>
          <input
            id={`new-obj-${action.id}`}
            type="text"
            value={text}
            onChange={(e) => setText(e.target.value)}
            style={{ flex: 1 }}
            placeholder={`${noun} text`}
          />
          <Button type="submit" small variant="primary">
            Add
          </Button>
        </form>
      ) : null}
    </div>
  );
}

function ObjectiveTitle({ objectiveId, title, noun }: { objectiveId: string; title: string; noun: string }) {
  const { editor } = useWorkspace();
  const draft = useAutosave({ stored: title, save: (v) => editor.updateObjective(objectiveId, v) });
  return (
    <Field label={`${noun} text (shared by every action under it)`} error={draft.error}>
      {(p) => (
        <TextArea
          {...p}
          value={draft.value}
          minRows={1}
          maxRows={6}
          onChange={(e) => draft.setValue(e.target.value)}
          onBlur={() => void draft.flush()}
        />
      )}
    </Field>
  );
}

function LeadsField({ action, tree }: { action: Action; tree: PlanTree }) {
  const { editor } = useWorkspace();
  const report = useReport();
  const suggest = useMemo(() => makeSuggest(tree.plan.id), [tree.plan.id]);
  const leads: LeadValue[] = useMemo(
    () => action.leads.map((l) => ({ name: l.name, personId: l.personId, role: l.role })),
    [action.leads],
  );
  return (
    <div className="field">
      <span className="field-label" id={`leads-${action.id}`}>
        Leads
      </span>
      <LeadsEditor
        leads={leads}
        suggest={suggest}
        onChange={(next) => void editor.setLeads(action.id, next).catch(report)}
      />
    </div>
  );
}

function RecommendationsField({ action, tree }: { action: Action; tree: PlanTree }) {
  const { editor } = useWorkspace();
  const report = useReport();
  const recs = tree.recommendations.filter((r) => r.deletedAt === null).sort((a, b) => a.position - b.position);
  if (recs.length === 0) return null;
  const linked = new Set(action.recommendationIds);
  return (
    <fieldset className="recs">
      <legend>Inspection recommendations this action answers</legend>
      {recs.map((r) => (
        <label key={r.id} className="rec-option">
          <input
            type="checkbox"
            checked={linked.has(r.id)}
            onChange={(e) => {
              const next = e.target.checked
                ? [...action.recommendationIds, r.id]
                : action.recommendationIds.filter((id) => id !== r.id);
              void editor.linkRecommendations(action.id, next).catch(report);
            }}
          />
          <span>
            <strong>{r.label}</strong>{' '}
            <span className="muted">{r.text.length > 160 ? `${r.text.slice(0, 160)}…` : r.text}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
