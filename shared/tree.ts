/**
 * Fast look-ups over a `PlanTree` (shared/model.ts), built in one pass, and the one rule for which actions
 * are live. The summary (shared/summary.ts), the appendix (electron/export/appendix-model.ts) and the
 * renderer's index (renderer/src/state/indexes.ts, which builds on this one) use these instead of scanning
 * the flat arrays (a large plan has 1,200 actions, 8 periods, ~10,000 ratings and 5,000 progress updates).
 *
 * Tombstoned entities (deletedAt set) are left out of every map. Archived sections, objectives and actions
 * stay in the maps; `isEffectivelyArchived` is the one "archived" rule and `liveActions` applies it. An
 * effectively archived action answers no recommendation (`answeredBy`).
 *
 * Pure TypeScript: no Node, no DOM.
 */
import type {
  Action,
  Objective,
  PlanTree,
  ProgressUpdate,
  Rating,
  RatingLevel,
  Recommendation,
  ReportingPeriod,
  Section,
} from './model';

export interface TreeIndex {
  tree: PlanTree;
  /** Live sections in position order. */
  sections: Section[];
  sectionsById: Map<string, Section>;
  actionsById: Map<string, Action>;
  /** Section id -> its live actions in position order (archived included). */
  actionsBySection: Map<string, Action[]>;
  objectivesById: Map<string, Objective>;
  /** Section id -> its live objectives in position order. */
  objectivesBySection: Map<string, Objective[]>;
  /** `${actionId}:${periodId}` -> rating (see `ratingKey`). */
  ratings: Map<string, Rating>;
  /** `${actionId}:${periodId}` -> live progress updates, newest first (internal notes included). */
  progress: Map<string, ProgressUpdate[]>;
  /** Action id -> all its live progress updates, newest first. */
  progressByAction: Map<string, ProgressUpdate[]>;
  /** Live levels in position order (lowest first). */
  levels: RatingLevel[];
  levelsById: Map<string, RatingLevel>;
  /** Live periods in position order. */
  periods: ReportingPeriod[];
  periodsById: Map<string, ReportingPeriod>;
  /** Live recommendations in position order. */
  recommendations: Recommendation[];
  recommendationsById: Map<string, Recommendation>;
  /** Recommendation id -> ids of the live actions citing it (`liveActions`: archived ones do not answer), in plan order. */
  answeredBy: Map<string, string[]>;
}

/** The key of the `ratings` and `progress` maps. */
export function ratingKey(actionId: string, periodId: string): string {
  return `${actionId}:${periodId}`;
}

const byPosition = (a: { position: number }, b: { position: number }): number => a.position - b.position;

/** Newest first: createdAt, then updatedAt, descending (ISO strings compare as dates). */
function newestFirst(a: ProgressUpdate, b: ProgressUpdate): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? 1 : -1;
  return 0;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Sorts by position only when out of order (trees from the store are already ordered). */
function ordered<T extends { position: number }>(list: T[]): T[] {
  for (let i = 1; i < list.length; i++)
    if ((list[i] as T).position < (list[i - 1] as T).position) return [...list].sort(byPosition);
  return list;
}

/** Builds every look-up map of a tree in one pass over each array. */
export function indexTree(tree: PlanTree): TreeIndex {
  const sections = ordered(tree.sections.filter((s) => s.deletedAt === null));
  const sectionsById = new Map(sections.map((s) => [s.id, s]));

  const objectivesById = new Map<string, Objective>();
  const objectivesBySection = new Map<string, Objective[]>();
  for (const o of tree.objectives) {
    if (o.deletedAt !== null) continue;
    objectivesById.set(o.id, o);
    push(objectivesBySection, o.sectionId, o);
  }
  for (const [k, list] of objectivesBySection) objectivesBySection.set(k, ordered(list));

  const actionsById = new Map<string, Action>();
  const actionsBySection = new Map<string, Action[]>();
  for (const a of tree.actions) {
    if (a.deletedAt !== null) continue;
    actionsById.set(a.id, a);
    push(actionsBySection, a.sectionId, a);
  }
  for (const [k, list] of actionsBySection) actionsBySection.set(k, ordered(list));

  const ratings = new Map<string, Rating>();
  for (const r of tree.ratings) {
    const key = ratingKey(r.actionId, r.periodId);
    const seen = ratings.get(key);
    // Two rows for one cell should not happen; keep the most recently updated.
    if (!seen || seen.updatedAt < r.updatedAt) ratings.set(key, r);
  }

  const progress = new Map<string, ProgressUpdate[]>();
  const progressByAction = new Map<string, ProgressUpdate[]>();
  for (const p of tree.progress) {
    if (p.deletedAt !== null) continue;
    push(progress, ratingKey(p.actionId, p.periodId), p);
    push(progressByAction, p.actionId, p);
  }
  for (const list of progress.values()) if (list.length > 1) list.sort(newestFirst);
  for (const list of progressByAction.values()) if (list.length > 1) list.sort(newestFirst);

  const levels = ordered(tree.levels.filter((l) => l.deletedAt === null));
  const periods = ordered(tree.periods.filter((p) => p.deletedAt === null));
  const recommendations = ordered(tree.recommendations.filter((r) => r.deletedAt === null));
  const recommendationsById = new Map(recommendations.map((r) => [r.id, r]));

  const answeredBy = new Map<string, string[]>(recommendations.map((r) => [r.id, []]));

  const index: TreeIndex = {
    tree,
    sections,
    sectionsById,
    actionsById,
    actionsBySection,
    objectivesById,
    objectivesBySection,
    ratings,
    progress,
    progressByAction,
    levels,
    levelsById: new Map(levels.map((l) => [l.id, l])),
    periods,
    periodsById: new Map(periods.map((p) => [p.id, p])),
    recommendations,
    recommendationsById,
    answeredBy,
  };
  for (const a of liveActions(index)) for (const recId of a.recommendationIds) answeredBy.get(recId)?.push(a.id);
  return index;
}

/** What the archived rule reads: the live objectives and sections by id. */
export interface ArchiveLookup {
  objectivesById: ReadonlyMap<string, Pick<Objective, 'archived'>>;
  sectionsById: ReadonlyMap<string, Pick<Section, 'archived'>>;
}

/**
 * THE "effectively archived" rule: an action counts as archived when it is archived itself, or under an
 * archived objective or section (archiving an objective or a section flags only that row; its actions
 * follow it). Archived actions are hidden unless asked for, count in no summary figure and answer no
 * recommendation.
 */
export function isEffectivelyArchived(
  index: ArchiveLookup,
  action: Pick<Action, 'archived' | 'objectiveId' | 'sectionId'>,
): boolean {
  if (action.archived) return true;
  if (action.objectiveId && index.objectivesById.get(action.objectiveId)?.archived) return true;
  return index.sectionsById.get(action.sectionId)?.archived ?? false;
}

/** Ids of the recommendations some live action answers (effectively archived actions answer none). */
export function answeredRecommendationIds(index: TreeIndex): Set<string> {
  const out = new Set<string>();
  for (const [recId, ids] of index.answeredBy) if (ids.length > 0) out.add(recId);
  return out;
}

/**
 * Non-deleted actions in plan order (section position, then action position). Archived actions (and the
 * actions of archived objectives and sections) only with `includeArchived`. Accepts a tree or an index
 * built from one.
 */
export function liveActions(source: PlanTree | TreeIndex, opts: { includeArchived?: boolean } = {}): Action[] {
  const index = 'actionsBySection' in source ? source : indexTree(source);
  const out: Action[] = [];
  for (const s of index.sections) {
    if (s.archived && !opts.includeArchived) continue;
    for (const a of index.actionsBySection.get(s.id) ?? [])
      if (opts.includeArchived || !isEffectivelyArchived(index, a)) out.push(a);
  }
  return out;
}

/** The rating of an action in a period, or null when not rated. */
export function ratingOf(index: TreeIndex, actionId: string, periodId: string): Rating | null {
  return index.ratings.get(ratingKey(actionId, periodId)) ?? null;
}

/**
 * The rated level of an action in a period: null when not rated, rated "no level", or the level is
 * unknown / deleted.
 */
export function levelOf(index: TreeIndex, actionId: string, periodId: string): RatingLevel | null {
  const levelId = index.ratings.get(ratingKey(actionId, periodId))?.levelId;
  return levelId == null ? null : (index.levelsById.get(levelId) ?? null);
}

/** The newest progress update of an action in a period (internal notes only with `includeInternal`), or null. */
export function latestProgress(
  index: TreeIndex,
  actionId: string,
  periodId: string,
  opts: { includeInternal?: boolean } = {},
): ProgressUpdate | null {
  const list = index.progress.get(ratingKey(actionId, periodId));
  if (!list) return null;
  for (const p of list) if (opts.includeInternal || !p.internal) return p;
  return null;
}
