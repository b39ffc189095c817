/**
 * Lookups over a plan tree (actions by section, rating of an action in a period, progress by action and
 * period...), built once per tree object and cached, so rows and forms read them in O(1).
 */
import type { Action, Objective, PlanTree, ProgressUpdate, Rating, RatingLevel, ReportingPeriod, Section } from '../../../shared/model';
import { ratingIsComplete, sortLevels } from '../../../shared/ratings';

export interface TreeIndex {
  sections: Section[];
  /** Live actions per section id, in order (archived included; filter in views). */
  actionsBySection: Map<string, Action[]>;
  actionById: Map<string, Action>;
  sectionById: Map<string, Section>;
  objectiveById: Map<string, Objective>;
  objectivesBySection: Map<string, Objective[]>;
  levels: RatingLevel[];
  levelById: Map<string, RatingLevel>;
  periods: ReportingPeriod[];
  periodById: Map<string, ReportingPeriod>;
  ratingOf(actionId: string, periodId: string): Rating | undefined;
  /** Progress updates of an action in a period, oldest first. */
  progressOf(actionId: string, periodId: string): ProgressUpdate[];
  /** All progress of an action, newest period first. */
  progressByAction: Map<string, ProgressUpdate[]>;
  recommendationLabel: Map<string, string>;
}

const cache = new WeakMap<PlanTree, TreeIndex>();

/** Archived itself, or under an archived objective or section (those flag only their own row). */
export function isArchivedAction(index: TreeIndex, action: Action): boolean {
  if (action.archived) return true;
  if (action.objectiveId && index.objectiveById.get(action.objectiveId)?.archived) return true;
  return index.sectionById.get(action.sectionId)?.archived ?? false;
}

const byPosition = <T extends { position: number }>(a: T, b: T) => a.position - b.position;

export function indexTree(tree: PlanTree): TreeIndex {
  const hit = cache.get(tree);
  if (hit) return hit;
  const sections = tree.sections.filter((s) => s.deletedAt === null).sort(byPosition);
  const actionsBySection = new Map<string, Action[]>();
  for (const s of sections) actionsBySection.set(s.id, []);
  const actionById = new Map<string, Action>();
  for (const a of tree.actions) {
    if (a.deletedAt !== null) continue;
    actionById.set(a.id, a);
    actionsBySection.get(a.sectionId)?.push(a);
  }
  for (const list of actionsBySection.values()) list.sort(byPosition);
  const objectiveById = new Map<string, Objective>();
  const objectivesBySection = new Map<string, Objective[]>();
  for (const o of tree.objectives) {
    if (o.deletedAt !== null) continue;
    objectiveById.set(o.id, o);
    const list = objectivesBySection.get(o.sectionId) ?? [];
    list.push(o);
    objectivesBySection.set(o.sectionId, list);
  }
  for (const list of objectivesBySection.values()) list.sort(byPosition);
  const levels = sortLevels(tree.levels.filter((l) => l.deletedAt === null));
  const periods = tree.periods.filter((p) => p.deletedAt === null).sort(byPosition);
  const ratings = new Map<string, Rating>();
  for (const r of tree.ratings) ratings.set(`${r.actionId}|${r.periodId}`, r);
  const progress = new Map<string, ProgressUpdate[]>();
  const progressByAction = new Map<string, ProgressUpdate[]>();
  for (const p of tree.progress) {
    if (p.deletedAt !== null) continue;
    const key = `${p.actionId}|${p.periodId}`;
    const list = progress.get(key) ?? [];
    list.push(p);
    progress.set(key, list);
    const all = progressByAction.get(p.actionId) ?? [];
    all.push(p);
    progressByAction.set(p.actionId, all);
  }
  for (const list of progress.values()) list.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const index: TreeIndex = {
    sections,
    actionsBySection,
    actionById,
    sectionById: new Map(sections.map((s) => [s.id, s])),
    objectiveById,
    objectivesBySection,
    levels,
    levelById: new Map(levels.map((l) => [l.id, l])),
    periods,
    periodById: new Map(periods.map((p) => [p.id, p])),
    ratingOf: (actionId, periodId) => ratings.get(`${actionId}|${periodId}`),
    progressOf: (actionId, periodId) => progress.get(`${actionId}|${periodId}`) ?? [],
    progressByAction,
    recommendationLabel: new Map(tree.recommendations.filter((r) => r.deletedAt === null).map((r) => [r.id, r.label])),
  };
  cache.set(tree, index);
  return index;
}

/** The period the editor opens on: the plan's current period, else the last one. */
export function defaultPeriodId(tree: PlanTree): string | null {
  const periods = indexTree(tree).periods;
  if (tree.plan.currentPeriodId && periods.some((p) => p.id === tree.plan.currentPeriodId)) return tree.plan.currentPeriodId;
  return periods.at(-1)?.id ?? null;
}

/** The published progress text of an action in a period (latest non-internal update), or ''. */
export function publishedProgress(index: TreeIndex, actionId: string, periodId: string | null): ProgressUpdate | undefined {
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
