/**
 * The hot read path: a whole plan as a `PlanTree`, one prepared statement per table (no N+1), live
 * rows only (tombstoned rows, and rows under a tombstoned parent, are left out; archived rows stay,
 * flagged). The large tables are read as arrays and mapped straight into the domain objects.
 */
import type { Action, Lead, Objective, PlanTree, ProgressUpdate, Rating } from '../shared/model';
import { DomainError } from '../shared/result';
import { toIndicator, toLevel, toPeriod, toPlan, toRecommendation, toSection } from './rows';
import type * as S from './schema';
import { prepare } from './sql';
import { aliasedColumns, rawColumns } from './tables';
import { columnList } from './fields';
import { ACTION_FIELDS } from './schema';
import type { Store } from './store';
import type { PlanSummary } from '../shared/summary-schema';
import { defaultSummaryPeriods, OVERVIEW_LIST_FIRST, overviewLists } from '../shared/summary';
import { isEffectivelyArchived, type ArchiveLookup } from '../shared/tree';

// The big tables are read in raw (array) mode in index order and sorted in JS: no temp b-trees, no
// intermediate row objects. Each reader names its columns once; `X.col.<name>(row)` reads one.
const OBJ = rawColumns(
  'objectives',
  ['id', 'plan_id', 'section_id', 'position', 'title', 'archived', 'updated_at'],
  'WHERE plan_id = ? AND deleted_at IS NULL',
);
// Every column of the actions descriptor (db/schema.ts), and `rid` for a stable order.
const ACT = rawColumns('actions', [...columnList(ACTION_FIELDS), 'rid'], 'WHERE plan_id = ? AND deleted_at IS NULL');
// The same, for the actions of some sections only (a JSON array of section ids; the first screen).
const IN_SECTIONS = 'IN (SELECT value FROM json_each(?))';
const ACT_OF = rawColumns(
  'actions',
  ACT.columns,
  `WHERE plan_id = ? AND deleted_at IS NULL AND section_id ${IN_SECTIONS}`,
);
// What the first screen needs to pick its sections: each live action's place and archived flag.
const ACT_PLACE = rawColumns(
  'actions',
  ['section_id', 'objective_id', 'archived'],
  'WHERE plan_id = ? AND deleted_at IS NULL',
);
const OBJ_ARCHIVED = rawColumns('objectives', ['id', 'archived'], 'WHERE plan_id = ? AND deleted_at IS NULL');
/** Each field of an action and how it is read from an array row (null: filled from the leads / links). */
const ACT_READ = Object.entries(ACTION_FIELDS).map(([field, c]) => ({
  field,
  at: c ? ACT.columns.indexOf(c.column) : -1,
  read: c ? c.read : null,
}));
const LEAD = rawColumns(
  'action_leads',
  ['id', 'action_id', 'position', 'name', 'person_id', 'role'],
  'WHERE plan_id = ? AND deleted_at IS NULL',
);
const LEAD_OF = rawColumns(
  'action_leads',
  LEAD.columns,
  `WHERE plan_id = ? AND deleted_at IS NULL AND action_id IN (SELECT id FROM actions WHERE section_id ${IN_SECTIONS})`,
);
const LINK = rawColumns(
  'action_recommendations',
  ['action_id', 'recommendation_id'],
  'JOIN recommendations r ON r.id = ar.recommendation_id WHERE ar.plan_id = ? AND ar.deleted_at IS NULL AND r.deleted_at IS NULL ORDER BY r.position',
  'ar',
);
const LINK_OF = rawColumns(
  'action_recommendations',
  LINK.columns,
  `JOIN recommendations r ON r.id = ar.recommendation_id WHERE ar.plan_id = ? AND ar.deleted_at IS NULL AND r.deleted_at IS NULL AND ar.action_id IN (SELECT id FROM actions WHERE section_id ${IN_SECTIONS}) ORDER BY r.position`,
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
// The ratings of some actions (a JSON array of action ids: the first screen's first actions).
const IN_ACTIONS = 'action_id IN (SELECT value FROM json_each(?))';
const RAT_FOR = aliasedColumns('ratings', RATING_FIELDS, `WHERE plan_id = ? AND ${IN_ACTIONS}`);
// Progress the same way; only `internal` (0/1 in SQLite) is turned into a boolean, in place.
const PROGRESS_FIELDS = {
  id: 'id',
  actionId: 'action_id',
  periodId: 'period_id',
  body: 'body',
  author: 'author',
  internal: 'internal',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  deletedAt: 'deleted_at',
} as const;
const PROG = aliasedColumns(
  'progress_updates',
  PROGRESS_FIELDS,
  'WHERE plan_id = ? AND deleted_at IS NULL ORDER BY rid',
);
const PROG_FOR = aliasedColumns(
  'progress_updates',
  PROGRESS_FIELDS,
  `WHERE plan_id = ? AND deleted_at IS NULL AND ${IN_ACTIONS} ORDER BY rid`,
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

export interface TreeReadOptions {
  /**
   * Ratings only for the first `ratingsFor` actions in plan order, progress only for the first `progressFor`
   * (every section, objective and action is still there, so the table has all its rows and counts).
   */
  ratingsFor?: number;
  progressFor?: number;
  /**
   * Only the actions (with their leads and links) and objectives of these sections; every section is still
   * there (the first screen: the rest of the rows follow with the whole tree).
   */
  sectionIds?: readonly string[];
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

  const some = options.sectionIds ? JSON.stringify(options.sectionIds) : null;
  const inSections = some === null ? null : new Set(options.sectionIds);
  const leadsOf = new Map<string, Lead[]>();
  const L = LEAD.col;
  for (const r of some === null ? LEAD.all(store.sqlite, planId) : LEAD_OF.all(store.sqlite, planId, some)) {
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
  for (const r of some === null ? LINK.all(store.sqlite, planId) : LINK_OF.all(store.sqlite, planId, some)) {
    const actionId = LINK.col.action_id(r);
    const list = recsOf.get(actionId);
    if (list) list.push(LINK.col.recommendation_id(r));
    else recsOf.set(actionId, [LINK.col.recommendation_id(r)]);
  }

  const A = ACT.col;
  const actionRows = (some === null ? ACT.all(store.sqlite, planId) : ACT_OF.all(store.sqlite, planId, some)).filter(
    (r) => sectionPos.has(A.section_id(r)),
  );
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
    const a: Record<string, unknown> = {};
    for (const f of ACT_READ) a[f.field] = f.read ? f.read(r[f.at]) : null;
    a.leads = leadsOf.get(id) ?? [];
    a.recommendationIds = recsOf.get(id) ?? [];
    return a as Action;
  });

  const O = OBJ.col;
  const objectives: Objective[] = OBJ.all(store.sqlite, planId)
    .filter((r) => sectionPos.has(O.section_id(r)) && (inSections === null || inSections.has(O.section_id(r))))
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
  // Ratings and progress of some actions only are read for those actions (not every row, then filtered).
  const idsOf = (set: ReadonlySet<string>) => JSON.stringify([...set]);
  const ratingRows: Rating[] = only
    ? RAT_IN.all(store.sqlite, planId, only[0] ?? null, only[1] ?? null)
    : rated === liveActions && some === null
      ? RAT.all(store.sqlite, planId)
      : RAT_FOR.all(store.sqlite, planId, idsOf(rated));
  const keepRating = (r: Rating) => rated.has(r.actionId) && livePeriods.has(r.periodId);
  const ratings = ratingRows.every(keepRating) ? ratingRows : ratingRows.filter(keepRating);
  const progressRows =
    options.progressFor === 0 || updated.size === 0
      ? []
      : updated === liveActions && some === null
        ? PROG.all(store.sqlite, planId)
        : PROG_FOR.all(store.sqlite, planId, idsOf(updated));
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

/**
 * How many actions shown by default (not archived) the first screen carries at least, in plan order, with
 * their ratings and progress: the tallest first screen (at 1920×1080 about 8 rows of the large plan are in view,
 * at most about 14 one-line rows), the 8 rows the table renders beyond it, and a few more.
 */
export const FIRST_SCREEN_ACTIONS = 30;

/**
 * The first sections in plan order that hold at least `n` actions shown by default (not archived: the one
 * rule, shared/tree.ts), each whole; null when that is every section. Reads only where each action is.
 */
function firstSections(store: Store, planId: string, n: number): string[] | null {
  const sections = (prepare(store.sqlite, Q.sections).all(planId) as S.SectionsTable[]).map(toSection);
  const lookup: ArchiveLookup = {
    sectionsById: new Map(sections.map((s) => [s.id, s])),
    objectivesById: new Map(
      OBJ_ARCHIVED.all(store.sqlite, planId).map((r) => [
        OBJ_ARCHIVED.col.id(r),
        { archived: OBJ_ARCHIVED.col.archived(r) === 1 },
      ]),
    ),
  };
  const shownIn = new Map<string, number>();
  const P = ACT_PLACE.col;
  for (const r of ACT_PLACE.all(store.sqlite, planId)) {
    const action = { sectionId: P.section_id(r), objectiveId: P.objective_id(r), archived: P.archived(r) === 1 };
    if (!isEffectivelyArchived(lookup, action)) shownIn.set(action.sectionId, (shownIn.get(action.sectionId) ?? 0) + 1);
  }
  const ids: string[] = [];
  let shown = 0;
  for (const s of sections) {
    if (shown >= n) return ids;
    ids.push(s.id);
    shown += shownIn.get(s.id) ?? 0;
  }
  return null;
}

export interface FirstScreen {
  tree: PlanTree;
  /** The actions whose ratings and progress are in `tree` (the first ones in plan order). */
  detailedActionIds: string[];
  /** Sections whose rows are not in `tree` yet (they come with `plans:get`); empty when every row is. */
  pendingSectionIds: string[];
  summary?: PlanSummary;
}

/**
 * What a plan's first screen needs, first (issue 11.12): every section, period, level and recommendation;
 * the rows of the first sections only, whole (`pendingSectionIds` names the others), at least
 * FIRST_SCREEN_ACTIONS shown actions; ratings and progress for the first actions only (`detailedActionIds`).
 * With `withSummary`, every row and the Overview's summary for the default periods, worked out from every
 * rating in the same read; with `overviewOnly` as well, only what the Overview paints first (its listed
 * actions, no ratings or progress). `plans:get` follows.
 */
export function getFirstScreen(
  store: Store,
  planId: string,
  withSummary: ((tree: PlanTree) => PlanSummary) | null = null,
  overviewOnly = false,
): FirstScreen {
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
    // Not a table's first rows: every section is still to come.
    return { tree, detailedActionIds: [], pendingSectionIds: full.sections.map((s) => s.id), summary };
  }
  if (!withSummary) {
    const sectionIds = firstSections(store, planId, n);
    const tree = getPlanTree(store, planId, { ratingsFor: n, progressFor: n, ...(sectionIds ? { sectionIds } : {}) });
    const carried = new Set(sectionIds ?? tree.sections.map((s) => s.id));
    return {
      tree,
      detailedActionIds: tree.actions.slice(0, n).map((a) => a.id),
      pendingSectionIds: tree.sections.filter((s) => !carried.has(s.id)).map((s) => s.id),
    };
  }
  const full = getPlanTree(store, planId, { progressFor: n });
  const detailed = full.actions.slice(0, n).map((a) => a.id);
  const keep = new Set(detailed);
  const tree = { ...full, ratings: full.ratings.filter((r) => keep.has(r.actionId)) };
  return { tree, detailedActionIds: detailed, pendingSectionIds: [], summary: withSummary(full) };
}

/** The SQL the tree read runs, for the benchmark's raw comparison. */
export const TREE_QUERIES: Readonly<Record<string, string>> = Q;
