/**
 * What the author needs on the night (issue 11 point 10), computed from the tree once: the actions rated
 * at the scale's worst levels (those needing an explanation, worst first, in the scale's own order), who has
 * updated this period by lead (shared/leads.ts's rule), each section's trend across every period, and an
 * action's direction of travel against the compare period (shared/ratings.ts's `actionDirection`, the rule
 * the summary and the appendix use). Pure TypeScript: no Node, no DOM.
 */
import { defaultCompareId } from './compare';
import { leadsOfPlan, ledBy, personNamed, type LeadPerson } from './leads';
import type { Action, PlanTree, Rating, RatingLevel } from './model';
import {
  actionDirection,
  averagesMeanSomething,
  formatMeanOf,
  isOnTrackOrComplete,
  scoreOf,
  sectionMean,
  type Direction,
} from './ratings';
import { indexTree, levelOf, liveActions, ratingOf, type TreeIndex } from './tree';

const sourceIndex = (source: PlanTree | TreeIndex): TreeIndex =>
  'actionsBySection' in source ? source : indexTree(source);

/** An action's direction of travel in `periodId` against the period it is compared with by default. */
export function actionTravel(
  source: PlanTree | TreeIndex,
  actionId: string,
  periodId: string | null,
): Direction | null {
  const index = sourceIndex(source);
  const compareId = defaultCompareId(index.periods, index.tree.plan, periodId);
  if (periodId === null || compareId === null || index.levels.length === 0) return null;
  return actionDirection(
    levelOf(index, actionId, compareId)?.id ?? null,
    levelOf(index, actionId, periodId)?.id ?? null,
    index.levels,
  );
}

export interface ConcernItem {
  action: Action;
  level: RatingLevel;
  rating: Rating;
}

/**
 * Live actions rated in `periodId` at a level that needs an explanation (red and amber on a RAG scale),
 * worst level first (the scale's own order: lowest position first), then in plan order.
 */
export function actionsOfConcern(source: PlanTree | TreeIndex, periodId: string | null): ConcernItem[] {
  if (periodId === null) return [];
  const index = sourceIndex(source);
  const out: ConcernItem[] = [];
  for (const action of liveActions(index)) {
    const rating = ratingOf(index, action.id, periodId);
    const level = rating?.levelId ? index.levelsById.get(rating.levelId) : undefined;
    if (rating && level?.requiresExplanation) out.push({ action, level, rating });
  }
  // A stable sort keeps plan order within a level.
  return out.sort((a, b) => a.level.position - b.level.position);
}

export interface LeadUpdates {
  /** The person as the directory names them, or the name read from lead cells. */
  name: string;
  inDirectory: boolean;
  /** A lead cell naming no person ("Performance and Intelligence Team"): a team or body, not someone missing from People. */
  body: boolean;
  /** Live, non-archived actions they lead. */
  actions: number;
  /** Of those, how many have a public progress update in the period. */
  updated: number;
  /** References of their actions still without one. */
  missing: string[];
}

/**
 * Who has updated this period, by lead: every lead of the plan (`leadsOfPlan`: directory people, names read from
 * lead cells, and cells naming no one ("Performance and Intelligence Team") under their own text), each with the
 * actions `ledBy` gives them (the plan table's Lead filter finds the same) and how many of those have a public
 * progress update in `periodId`. Those with most actions still to update come first.
 */
export function updatesByLead(
  source: PlanTree | TreeIndex,
  periodId: string | null,
  people: readonly (LeadPerson & { id?: string })[] = [],
): LeadUpdates[] {
  const index = sourceIndex(source);
  const live = liveActions(index);
  const updated = new Set(
    periodId === null
      ? []
      : live
          .filter((a) =>
            (index.progress.get(`${a.id}:${periodId}`) ?? []).some((p) => !p.internal && p.body.trim() !== ''),
          )
          .map((a) => a.id),
  );
  const rows: LeadUpdates[] = [];
  for (const lead of leadsOfPlan(live, people)) {
    const who: LeadPerson & { id?: string } = personNamed(lead.name, people);
    const cache = new Map<string, boolean>();
    const theirs = live.filter((a) => ledBy(a.leads, who, who.id ?? null, cache));
    if (theirs.length === 0) continue;
    const missing = theirs.filter((a) => !updated.has(a.id)).map((a) => a.reference);
    rows.push({ ...lead, actions: theirs.length, updated: theirs.length - missing.length, missing });
  }
  return rows.sort(
    (a, b) =>
      b.actions - b.updated - (a.actions - a.updated) || a.name.localeCompare(b.name, 'en-GB', { sensitivity: 'base' }),
  );
}

export interface TrendPoint {
  periodId: string;
  label: string;
  /** The section's mean rating (exact), or null when nothing is scored. */
  mean: number | null;
  /** The mean as shown: one decimal place, half-up ("2.7"), "–" when none. */
  shown: string;
  /** Share of rated actions on track or complete, 0-100, or null when none is rated. */
  onTrack: number | null;
}

export interface SectionTrend {
  sectionId: string;
  number: string;
  title: string;
  points: TrendPoint[];
}

/**
 * Each live, non-archived section's trend across all periods: its mean rating per period (as the summary
 * computes it) and the share on track or complete (for colour-only scales, where a mean means nothing).
 */
export function sectionTrends(source: PlanTree | TreeIndex): {
  useMeans: boolean;
  sections: SectionTrend[];
  /** Where means are drawn: the scale's lowest and highest scored levels (null on a colour key). */
  scale: { bottom: TrendEnd; top: TrendEnd } | null;
} {
  const index = sourceIndex(source);
  const levels = index.levels;
  const live = liveActions(index);
  const sections: SectionTrend[] = [];
  for (const s of index.sections) {
    if (s.archived) continue;
    const actions = live.filter((a) => a.sectionId === s.id);
    const points = index.periods.map((p): TrendPoint => {
      const ids = actions.map((a) => levelOf(index, a.id, p.id)?.id ?? null);
      const mean = sectionMean(ids, levels);
      const rated = ids
        .map((id) => (id ? index.levelsById.get(id) : undefined))
        .filter((l): l is RatingLevel => l !== undefined && scoreOf(l.id, levels) !== null);
      const good = rated.filter((l) => isOnTrackOrComplete(l)).length;
      return {
        periodId: p.id,
        label: p.label,
        mean: mean === null ? null : Number(mean.num) / Number(mean.den),
        shown: formatMeanOf(mean, 1),
        onTrack: rated.length === 0 ? null : Math.round((good * 100) / rated.length),
      };
    });
    sections.push({ sectionId: s.id, number: s.number, title: s.title, points });
  }
  const useMeans = averagesMeanSomething(levels);
  return { useMeans, sections, scale: useMeans ? trendScale(levels) : null };
}

/** One end of the trend charts' scale: the level's score and its name in words ("1 Not started", "4, Outstanding"). */
export interface TrendEnd {
  score: number;
  words: string;
}

/**
 * The trend charts' scale on a numbered scale: from the lowest scored level to the highest, so a line's height
 * means the same in every chart and a small change does not fill the chart. Each end is named by its label.
 */
function trendScale(levels: readonly RatingLevel[]): { bottom: TrendEnd; top: TrendEnd } | null {
  const scored = levels
    .filter((l) => l.deletedAt === null)
    .map((l) => ({ l, score: scoreOf(l.id, levels) }))
    .filter((x): x is { l: RatingLevel; score: number } => x.score !== null)
    .sort((a, b) => a.score - b.score);
  const end = ({ l, score }: { l: RatingLevel; score: number }): TrendEnd => ({
    score,
    words: l.label.trim().startsWith(String(score)) ? l.label.trim() : `${score}, ${l.label.trim()}`,
  });
  return scored.length < 2 ? null : { bottom: end(scored[0]!), top: end(scored[scored.length - 1]!) };
}
