/**
 * The hot read path: a whole plan as a `PlanTree`, one prepared statement per table (no N+1), live
 * rows only (tombstoned rows, and rows under a tombstoned parent, are left out; archived rows stay,
 * flagged). The large tables are read as arrays and mapped straight into the domain objects.
 */
import type { Action, DueChange, Lead, Objective, PlanTree, ProgressUpdate, Rating } from '../shared/model';
import { DomainError } from '../shared/result';
import { toIndicator, toLevel, toPeriod, toPlan, toRecommendation, toSection } from './rows';
import type * as S from './schema';
import { prepare } from './sql';
import { aliasedColumns, rawColumns } from './tables';
import type { Store } from './store';
import type { PlanSummary } from '../shared/summary-schema';
import { defaultSummaryPeriods, OVERVIEW_LIST_FIRST, overviewLists } from '../shared/summary';

// The big tables are read in raw (array) mode in index order and sorted in JS: no temp b-trees, no
// intermediate row objects. Each reader names its columns once; `X.col.<name>(row)` reads one.
const OBJ = rawColumns(
  'objectives',
  ['id', 'plan_id', 'section_id', 'position', 'title', 'archived', 'updated_at'],
  'WHERE plan_id = ? AND deleted_at IS NULL',
);
const ACT = rawColumns(
  'actions',
  [
    'id',
    'plan_id',
    'section_id',
    'objective_id',
    'position',
    'reference',
    'reference_manual',
    'description',
    'outcome',
    'due_text',
    'due_history_json',
    'notes',
    'archived',
    'created_at',
    'updated_at',
    'rid',
  ],
  'WHERE plan_id = ? AND deleted_at IS NULL',
);
const LEAD = rawColumns(
  'action_leads',
  ['id', 'action_id', 'position', 'name', 'person_id', 'role'],
  'WHERE plan_id = ? AND deleted_at IS NULL',
);
const LINK = rawColumns(
  'action_recommendations',
  ['action_id', 'recommendation_id'],
  'JOIN recommendations r ON r.id = ar.recommendation_id WHERE ar.plan_id = ? AND ar.deleted_at IS NULL AND r.deleted_at IS NULL ORDER BY r.position',
  'ar',
);
// Ratings are all text: read as objects whose keys are already the domain fields (the rows are the Ratings).
const RATING_FIELDS = {
  id: 'id',
  actionId: 'action_id',
  periodId: 'period_id',
  levelId: 'level_id',
  explanation: 'explanation',
  correctiveAction: 'corrective_action',
  ratedBy: 'rated_by',
  ratedAt: 'rated_at',
  updatedAt: 'updated_at',
} as const;
const RAT = aliasedColumns('ratings', RATING_FIELDS, 'WHERE plan_id = ?');
// The ratings of one or two periods (the Overview's first screen: its summary's period and comparison).
const RAT_IN = aliasedColumns('ratings', RATING_FIELDS, 'WHERE plan_id = ? AND period_id IN (?, ?)');
// Progress the same way; only `internal` (0/1 in SQLite) is turned into a boolean, in place.
const PROG = aliasedColumns(
  'progress_updates',
  {
    id: 'id',
    actionId: 'action_id',
    periodId: 'period_id',
    body: 'body',
    author: 'author',
    internal: 'internal',
    createdAt: 'created_at',
    updatedAt: 'updated_at',
    deletedAt: 'deleted_at',
  },
  'WHERE plan_id = ? AND deleted_at IS NULL ORDER BY rid',
);

const Q = {
  plan: 'SELECT * FROM plans WHERE id = ?',
  levels: 'SELECT * FROM rating_levels WHERE plan_id = ? AND deleted_at IS NULL ORDER BY position, id',
  periods: 'SELECT * FROM reporting_periods WHERE plan_id = ? AND deleted_at IS NULL ORDER BY position, id',
  recommendations: 'SELECT * FROM recommendations WHERE plan_id = ? AND deleted_at IS NULL ORDER BY position, id',
  sections: 'SELECT * FROM sections WHERE plan_id = ? AND deleted_at IS NULL ORDER BY position, id',
  objectives: OBJ.sql,
  actions: ACT.sql,
  leads: LEAD.sql,
  links: LINK.sql,
  ratings: RAT.sql,
  progress: PROG.sql,
  indicators: 'SELECT * FROM indicators WHERE plan_id = ? AND deleted_at IS NULL ORDER BY position, id',
} as const;

function parseDueHistory(text: string): DueChange[] {
  if (text === '[]') return [];
  try {
    return JSON.parse(text) as DueChange[];
  } catch {
    return [];
  }
}

export interface TreeReadOptions {
  /**
   * Ratings only for the first `ratingsFor` actions in plan order, progress only for the first `progressFor`
   * (every section, objective and action is still there, so the table has all its rows and counts).
   */
  ratingsFor?: number;
  progressFor?: number;
  /** Ratings only in these periods (at most two: a summary's period and its comparison). */
  ratingPeriods?: (plan: PlanTree['plan'], periods: PlanTree['periods']) => readonly (string | null)[];
}

/** The plan's tree. Throws not_found when there is no such plan (a plan in the trash can still be read). */
export function getPlanTree(store: Store, planId: string, options: TreeReadOptions = {}): PlanTree {
  const q = (sql: string) => prepare(store.sqlite, sql);
  const planRow = q(Q.plan).get(planId) as S.PlansTable | undefined;
  if (!planRow) throw new DomainError('not_found', 'That plan was not found. It may have been deleted permanently.');

  const sections = (q(Q.sections).all(planId) as S.SectionsTable[]).map(toSection);
  const sectionPos = new Map<string, number>();
  sections.forEach((s, i) => sectionPos.set(s.id, i));
  const periods = (q(Q.periods).all(planId) as S.ReportingPeriodsTable[]).map(toPeriod);
  const livePeriods = new Set(periods.map((p) => p.id));

  const leadsOf = new Map<string, Lead[]>();
  const L = LEAD.col;
  for (const r of LEAD.all(store.sqlite, planId)) {
    const lead: Lead = {
      id: L.id(r),
      actionId: L.action_id(r),
      position: L.position(r),
      name: L.name(r),
      personId: L.person_id(r),
      role: L.role(r) as Lead['role'],
    };
    const list = leadsOf.get(lead.actionId);
    if (list) list.push(lead);
    else leadsOf.set(lead.actionId, [lead]);
  }
  for (const list of leadsOf.values()) if (list.length > 1) list.sort((a, b) => a.position - b.position);
  const recsOf = new Map<string, string[]>();
  for (const r of LINK.all(store.sqlite, planId)) {
    const actionId = LINK.col.action_id(r);
    const list = recsOf.get(actionId);
    if (list) list.push(LINK.col.recommendation_id(r));
    else recsOf.set(actionId, [LINK.col.recommendation_id(r)]);
  }

  const A = ACT.col;
  const actionRows = ACT.all(store.sqlite, planId).filter((r) => sectionPos.has(A.section_id(r)));
  actionRows.sort(
    (a, b) =>
      sectionPos.get(A.section_id(a))! - sectionPos.get(A.section_id(b))! ||
      A.position(a) - A.position(b) ||
      (A.rid(a) as number) - (A.rid(b) as number),
  );
  const liveActions = new Set<string>();
  const actions: Action[] = actionRows.map((r) => {
    const id = A.id(r);
    liveActions.add(id);
    return {
      id,
      planId: A.plan_id(r),
      sectionId: A.section_id(r),
      objectiveId: A.objective_id(r),
      position: A.position(r),
      reference: A.reference(r),
      referenceManual: A.reference_manual(r) === 1,
      description: A.description(r),
      outcome: A.outcome(r),
      dueText: A.due_text(r),
      dueHistory: parseDueHistory(A.due_history_json(r)),
      notes: A.notes(r),
      archived: A.archived(r) === 1,
      leads: leadsOf.get(id) ?? [],
      recommendationIds: recsOf.get(id) ?? [],
      createdAt: A.created_at(r),
      updatedAt: A.updated_at(r),
      deletedAt: null,
    };
  });

  const O = OBJ.col;
  const objectives: Objective[] = OBJ.all(store.sqlite, planId)
    .filter((r) => sectionPos.has(O.section_id(r)))
    .map((r) => ({
      id: O.id(r),
      planId: O.plan_id(r),
      sectionId: O.section_id(r),
      position: O.position(r),
      title: O.title(r),
      archived: O.archived(r) === 1,
      updatedAt: O.updated_at(r),
      deletedAt: null,
    }))
    .sort(
      (a, b) =>
        sectionPos.get(a.sectionId)! - sectionPos.get(b.sectionId)! ||
        a.position - b.position ||
        (a.id < b.id ? -1 : 1),
    );

  // The actions whose ratings and progress are read: all of them, or the first ones.
  const firstOnes = (n: number | undefined) =>
    n === undefined || n >= actions.length ? liveActions : new Set(actions.slice(0, n).map((a) => a.id));
  const rated = firstOnes(options.ratingsFor);
  const updated = firstOnes(options.progressFor);
  const plan = toPlan(planRow);
  const only = options.ratingPeriods?.(plan, periods);
  const ratingRows: Rating[] = only
    ? RAT_IN.all(store.sqlite, planId, only[0] ?? null, only[1] ?? null)
    : RAT.all(store.sqlite, planId);
  const keepRating = (r: Rating) => rated.has(r.actionId) && livePeriods.has(r.periodId);
  const ratings = ratingRows.every(keepRating) ? ratingRows : ratingRows.filter(keepRating);
  const progressRows = options.progressFor === 0 ? [] : PROG.all(store.sqlite, planId);
  for (const r of progressRows) (r as unknown as ProgressUpdate).internal = r.internal === 1;
  const keepProgress = (p: ProgressUpdate) => updated.has(p.actionId) && livePeriods.has(p.periodId);
  const progressList = progressRows as unknown as ProgressUpdate[];
  const progress = progressList.every(keepProgress) ? progressList : progressList.filter(keepProgress);

  return {
    plan,
    levels: (q(Q.levels).all(planId) as S.RatingLevelsTable[]).map(toLevel),
    periods,
    recommendations: (q(Q.recommendations).all(planId) as S.RecommendationsTable[]).map(toRecommendation),
    sections,
    objectives,
    actions,
    ratings,
    progress,
    indicators: (q(Q.indicators).all(planId) as S.IndicatorsTable[]).map(toIndicator),
  };
}

/** How many actions the first screen's read carries ratings and progress for (a few screens' worth). */
export const FIRST_SCREEN_ACTIONS = 60;

/**
 * What a plan's first screen needs, first (issue 11.12): the whole structure, and ratings and progress for
 * the first actions only (`detailedActionIds` names them); with `withSummary`, the Overview's summary for
 * the default periods too, worked out from every rating in the same read; with `overviewOnly` as well, only
 * what the Overview paints first (its listed actions, no ratings or progress). `plans:get` follows.
 */
export function getFirstScreen(
  store: Store,
  planId: string,
  withSummary: ((tree: PlanTree) => PlanSummary) | null = null,
  overviewOnly = false,
): { tree: PlanTree; detailedActionIds: string[]; summary?: PlanSummary } {
  const n = FIRST_SCREEN_ACTIONS;
  if (withSummary && overviewOnly) {
    // The Overview's first screen: its summary (ratings of its two periods only, no progress), the actions
    // its lists show first and their objectives, and of the summary's actions only those the lists count.
    // The whole tree follows.
    const full = getPlanTree(store, planId, {
      progressFor: 0,
      ratingPeriods: (plan, periods) => {
        const { periodId, compareId } = defaultSummaryPeriods(plan, periods);
        return [periodId, compareId];
      },
    });
    const whole = withSummary(full);
    const lists = overviewLists(whole);
    const shown = new Set(
      [...lists.overdue.slice(0, OVERVIEW_LIST_FIRST), ...lists.unexplained.slice(0, OVERVIEW_LIST_FIRST)].map(
        (a) => a.actionId,
      ),
    );
    const actions = full.actions.filter((a) => shown.has(a.id));
    const objectiveIds = new Set(actions.map((a) => a.objectiveId));
    const tree = {
      ...full,
      objectives: full.objectives.filter((o) => objectiveIds.has(o.id)),
      actions,
      ratings: [],
      progress: [],
    };
    const summary = { ...whole, actions: whole.actions.filter((a) => a.overdue || a.missingExplanation) };
    return { tree, detailedActionIds: [], summary };
  }
  if (!withSummary) {
    const tree = getPlanTree(store, planId, { ratingsFor: n, progressFor: n });
    return { tree, detailedActionIds: tree.actions.slice(0, n).map((a) => a.id) };
  }
  const full = getPlanTree(store, planId, { progressFor: n });
  const detailed = full.actions.slice(0, n).map((a) => a.id);
  const keep = new Set(detailed);
  const tree = { ...full, ratings: full.ratings.filter((r) => keep.has(r.actionId)) };
  return { tree, detailedActionIds: detailed, summary: withSummary(full) };
}

/** The SQL the tree read runs, for the benchmark's raw comparison. */
export const TREE_QUERIES: Readonly<Record<string, string>> = Q;
