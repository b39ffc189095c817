/**
 * Lookups over a plan tree (actions by section, rating of an action in a period, progress by action and
 * period...), built once per tree object and cached, so rows and forms read them in O(1). The index itself
 * is shared/tree.ts's (one tree index for the summary, the exporter and the window); this adds the names
 * the views read and caches it per tree.
 */
import type {
  Action,
  Objective,
  PlanTree,
  ProgressUpdate,
  Rating,
  RatingLevel,
  ReportingPeriod,
  Section,
} from '../../../shared/model';
import { ratingIsComplete } from '../../../shared/ratings';
import {
  indexTree as indexShared,
  isEffectivelyArchived,
  ratingKey,
  type TreeIndex as SharedTreeIndex,
} from '../../../shared/tree';

export interface TreeIndex extends SharedTreeIndex {
  actionById: Map<string, Action>;
  sectionById: Map<string, Section>;
  objectiveById: Map<string, Objective>;
  levelById: Map<string, RatingLevel>;
  periodById: Map<string, ReportingPeriod>;
  ratingOf(actionId: string, periodId: string): Rating | undefined;
  /** Progress updates of an action in a period, oldest first. */
  progressOf(actionId: string, periodId: string): ProgressUpdate[];
  recommendationLabel: Map<string, string>;
}

const cache = new WeakMap<PlanTree, TreeIndex>();

/** Archived itself, or under an archived objective or section: shared/tree.ts's one rule. */
export function isArchivedAction(index: TreeIndex, action: Action): boolean {
  return isEffectivelyArchived(index, action);
}

export function indexTree(tree: PlanTree): TreeIndex {
  const hit = cache.get(tree);
  if (hit) return hit;
  const shared = indexShared(tree);
  const oldestFirst = new Map<string, ProgressUpdate[]>();
  const index: TreeIndex = {
    ...shared,
    actionById: shared.actionsById,
    sectionById: shared.sectionsById,
    objectiveById: shared.objectivesById,
    levelById: shared.levelsById,
    periodById: shared.periodsById,
    ratingOf: (actionId, periodId) => shared.ratings.get(ratingKey(actionId, periodId)),
    progressOf: (actionId, periodId) => {
      const key = ratingKey(actionId, periodId);
      let list = oldestFirst.get(key);
      if (!list) oldestFirst.set(key, (list = [...(shared.progress.get(key) ?? [])].reverse()));
      return list;
    },
    recommendationLabel: new Map(shared.recommendations.map((r) => [r.id, r.label])),
  };
  cache.set(tree, index);
  return index;
}

/**
 * Recommendation id -> the references of the live actions answering it, in plan order; recommendations
 * nothing answers are left out (archived actions answer nothing: shared/tree.ts `answeredBy`).
 */
export function answeringReferences(index: TreeIndex): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [recId, ids] of index.answeredBy) {
    if (ids.length > 0)
      out.set(
        recId,
        ids.map((id) => index.actionById.get(id)?.reference || '(no reference)'),
      );
  }
  return out;
}

/** The period the editor opens on: the plan's current period, else the last one. */
export function defaultPeriodId(tree: PlanTree): string | null {
  const periods = indexTree(tree).periods;
  if (tree.plan.currentPeriodId && periods.some((p) => p.id === tree.plan.currentPeriodId))
    return tree.plan.currentPeriodId;
  return periods.at(-1)?.id ?? null;
}

/** The published progress text of an action in a period (latest non-internal update), or ''. */
export function publishedProgress(
  index: TreeIndex,
  actionId: string,
  periodId: string | null,
): ProgressUpdate | undefined {
  if (!periodId) return undefined;
  const list = index.progressOf(actionId, periodId);
  for (let i = list.length - 1; i >= 0; i--) if (!list[i]!.internal) return list[i];
  return list.at(-1);
}

export interface WorkStatus {
  hasUpdate: boolean;
  /** False when the plan has no scale (then a rating is not asked for). */
  needsRating: boolean;
  needsExplanation: boolean;
  done: boolean;
}

/** What an action still needs in a period: a progress update, a rating, an explanation. */
export function workStatus(index: TreeIndex, action: Action, periodId: string): WorkStatus {
  const hasUpdate = index.progressOf(action.id, periodId).some((p) => p.body.trim() !== '');
  const rated = index.levels.length > 0;
  const rating = index.ratingOf(action.id, periodId);
  const level = rating?.levelId ? index.levelById.get(rating.levelId) : undefined;
  const needsRating = rated && !level;
  const needsExplanation = rated && !!level && !ratingIsComplete(rating!, index.levels);
  return { hasUpdate, needsRating, needsExplanation, done: hasUpdate && !needsRating && !needsExplanation };
}
