/**
 * One action row's cells, read from the column registry (shared/columns.ts). Kept in its own module so
 * that how rows are rendered (virtualisation, first-screen loading, new columns) changes here only.
 */
import { memo } from 'react';
import { COLUMNS, type CellContext } from '../../../shared/columns';
import type {
  Action,
  ColumnConfig,
  ColumnField,
  Objective,
  PlanTree,
  ProgressUpdate,
  Rating,
  RatingLevel,
} from '../../../shared/model';
import { isOverdue, parseDue } from '../../../shared/dates';
import { RatingBadge } from '../components/RatingBadge';
import type { TreeIndex } from '../state/indexes';
import type { Direction } from '../../../shared/ratings';
import { TravelTag } from './TravelTag';
import type { SyncConflict } from '../../../shared/contract-sync';
import { ConflictBadge } from '../sync/ConflictBadge';

/** The fields shown, per column list (the lead column takes the roles whose own column is hidden). */
const shownCache = new WeakMap<ColumnConfig[], ReadonlySet<ColumnField>>();
function shownFields(columns: ColumnConfig[]): ReadonlySet<ColumnField> {
  let shown = shownCache.get(columns);
  if (!shown) shownCache.set(columns, (shown = new Set(columns.map((c) => c.field))));
  return shown;
}

/** A cell's text from the column registry (shared/columns.ts), its lines joined with `separator`. */
function registryText(field: ColumnField, p: Omit<ActionRowProps, 'tree'>, separator: string): string {
  const ctx: CellContext = {
    objectiveTitle: (id) => p.index.objectiveById.get(id)?.title,
    recommendationLabel: (id) => p.index.recommendationLabel.get(id),
    levelOf: (actionId, periodId) => {
      const levelId = p.index.ratingOf(actionId, periodId)?.levelId;
      return levelId ? (p.index.levelById.get(levelId) ?? null) : null;
    },
    progressOf: () => (p.progress ? [p.progress] : []),
    periodId: p.periodId,
    historyPeriodIds: historyPeriods(p.index, p.periodId).map((h) => h.id),
    shown: shownFields(p.columns),
  };
  return COLUMNS[field].value(p.action, ctx).join(separator);
}

export function gridTemplate(columns: ColumnConfig[]): string {
  return columns.map((c) => `minmax(${COLUMNS[c.field].minWidthPx}px, ${c.width}fr)`).join(' ');
}

export interface ActionRowProps {
  tree: PlanTree;
  columns: ColumnConfig[];
  action: Action;
  objective: Objective | null;
  repeatObjective: boolean;
  levels: RatingLevel[];
  rating: Rating | undefined;
  progress: ProgressUpdate | undefined;
  /** Direction of travel against the compare period (shared/dashboard.ts), null without one. */
  travel: Direction | null;
  index: TreeIndex;
  periodId: string | null;
  /** Today (local, YYYY-MM-DD) for the overdue marker: changes at midnight (useToday). */
  today: string;
  /** Its ratings and progress are still loading (the plan opened with the first screen first). */
  pending: boolean;
  /** Fields with 2 versions (a shared plan): a "2 versions" badge in the first cell. */
  conflicts: readonly SyncConflict[];
}

/** One action row's cells. Memoised: it re-renders only when its own data changes. */
export const ActionRow = memo(
  function ActionRow(props: ActionRowProps) {
    // The tree is only for the memo comparison; a cell reads the rest.
    const { tree: _tree, ...cell } = props;
    return (
      <>
        {props.columns.map((c, i) => (
          <div key={c.field} role="cell" className={`pt-cell pt-col-${c.field}`}>
            {cellContent(c.field, cell)}
            {i === 0 ? <ConflictBadge actionId={props.action.id} conflicts={props.conflicts} inRow /> : null}
          </div>
        ))}
      </>
    );
  },
  (a, b) =>
    a.action === b.action &&
    a.objective === b.objective &&
    a.repeatObjective === b.repeatObjective &&
    a.rating === b.rating &&
    a.progress === b.progress &&
    a.travel === b.travel &&
    a.columns === b.columns &&
    a.levels === b.levels &&
    a.periodId === b.periodId &&
    a.today === b.today &&
    a.pending === b.pending &&
    a.conflicts === b.conflicts &&
    // Rating history reads other periods' ratings: refresh when the tree's ratings change.
    (!a.columns.some((c) => c.field === 'ratingHistory' || c.field === 'recommendations') || a.index === b.index),
);

/** Periods shown in the rating history column: up to the one being viewed (earlier first). */
function historyPeriods(index: TreeIndex, periodId: string | null) {
  const at = periodId ? index.periods.findIndex((p) => p.id === periodId) : -1;
  return at >= 0 ? index.periods.slice(0, at + 1) : index.periods;
}

const LOADING = <span className="muted small">Loading…</span>;

function cellContent(field: ColumnField, p: Omit<ActionRowProps, 'tree'>): React.ReactNode {
  const { action } = p;
  if (p.pending && (field === 'progress' || field === 'rating' || field === 'ratingHistory')) return LOADING;
  switch (field) {
    case 'reference':
      return (
        <span className="ref">
          <span className="drag-handle" aria-hidden="true">
            ⠿
          </span>
          {action.reference || '–'}
          {action.referenceManual ? (
            <span className="manual-mark" title="Reference typed by hand: it is not renumbered automatically">
              ✎<span className="visually-hidden"> (typed by hand)</span>
            </span>
          ) : null}
          {action.archived ? <span className="tag tag-neutral">Archived</span> : null}
        </span>
      );
    case 'objective':
      return p.objective ? (
        <span className={`clamp${p.repeatObjective ? ' repeat' : ''}`}>{p.objective.title}</span>
      ) : null;
    case 'description':
      return <span className="clamp">{action.description || <em className="muted">No action text yet</em>}</span>;
    case 'outcome':
      return <span className="clamp">{action.outcome}</span>;
    case 'progress':
      return p.progress ? (
        <span className="clamp">
          {p.progress.internal ? <span className="tag tag-internal">Internal</span> : null} {p.progress.body}
        </span>
      ) : (
        <span className="muted small">No update yet</span>
      );
    case 'dueDate': {
      const level = p.rating?.levelId ? p.index.levelById.get(p.rating.levelId) : undefined;
      const overdue =
        action.dueText.trim() !== '' &&
        !level?.countsAsComplete &&
        !action.archived &&
        !p.pending &&
        isOverdue(parseDue(action.dueText, { today: p.today }), p.today);
      return (
        <span className="due-cell">
          <span className="clamp">{action.dueText}</span>
          {overdue ? <span className="tag tag-danger">Overdue</span> : null}
        </span>
      );
    }
    case 'lead':
    case 'strategicLead':
    case 'operationalLead':
    case 'responsibleOfficer':
      return <span className="clamp">{registryText(field, p, '; ')}</span>;
    case 'recommendations':
      return <span className="clamp small">{registryText(field, p, ', ')}</span>;
    case 'rating': {
      if (p.levels.length === 0) return null;
      const level = p.rating?.levelId ? (p.index.levelById.get(p.rating.levelId) ?? null) : null;
      const missing =
        level?.requiresExplanation && !(p.rating?.explanation.trim() && p.rating?.correctiveAction.trim());
      return (
        <span className="rating-cell">
          <RatingBadge level={level} levels={p.levels} size="sm" />
          {missing ? <span className="tag tag-warn">Needs explanation</span> : null}
          <TravelTag direction={p.travel} />
        </span>
      );
    }
    case 'ratingHistory':
      return (
        <span className="rating-history">
          {historyPeriods(p.index, p.periodId).map((period) => {
            const r = p.index.ratingOf(action.id, period.id);
            const level = r?.levelId ? (p.index.levelById.get(r.levelId) ?? null) : null;
            return (
              <span
                key={period.id}
                className="rating-history-item"
                title={`${period.label}: ${level?.label ?? 'Not rated'}`}
              >
                <span className="muted">{period.label.replace(/^RAG\s+/i, '')}</span>
                <RatingBadge level={level} levels={p.levels} size="sm" compact context={`in ${period.label}`} />
              </span>
            );
          })}
        </span>
      );
  }
}
