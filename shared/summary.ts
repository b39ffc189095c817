/**
 * The plan summary ("RAG summary of all areas"): per section and overall, the previous and current mean
 * rating (exact, 1 dp and whole, half-up), direction of travel, counts per level; per action, its level in
 * both periods, direction, whether it is overdue and whether a red/amber rating lacks its explanation; and
 * the inspection recommendations no live action answers. Output schema: shared/summary-schema.ts.
 *
 * Only live actions count (`liveActions` in shared/tree.ts: not deleted, not effectively archived), and only
 * they answer recommendations. Archived sections are left out. Means, counts and directions come from
 * shared/ratings.ts; overdue from shared/dates.ts.
 *
 * Pure TypeScript: no Node, no DOM.
 */
import { defaultCompareId } from './compare';
import { isOverdue, isValidIsoDate, parseDue } from './dates';
import { DomainError } from './result';
import {
  actionDirection,
  averagesMeanSomething,
  countByLevel,
  isOnTrackOrComplete,
  meanDirection,
  overallMean,
  ratingIsComplete,
  sectionMean,
  type ExactMean,
  type ScaleLevel,
} from './ratings';
import { formatRational, rationalToNumber, type Rational } from './rounding';
import type { PlanTree, RatingLevel } from './model';
import type { PlanSummary } from './summary-schema';
import { answeredRecommendationIds, indexTree, levelOf, liveActions, ratingOf, type TreeIndex } from './tree';

export interface SummaryOptions {
  /** The period reported on. Omitted or null: the plan's current period, else its last period. */
  periodId?: string | null;
  /**
   * The period compared with. Omitted: the plan's compare period (when reporting on the plan's current
   * period and it differs from it), else the period before `periodId` by position. Null: no comparison.
   */
  compareId?: string | null;
  /** Today as YYYY-MM-DD for the overdue test (default: today's UTC date). */
  today?: string;
}

type Group = PlanSummary['overall'];
type MeanFigure = Group['current'];

function figure(m: Rational | null): MeanFigure {
  return { value: m === null ? null : rationalToNumber(m), oneDp: formatRational(m, 1), whole: formatRational(m, 0) };
}

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * The periods a summary reports on by default: the plan's current period (else its last), against the
 * comparison shared/compare.ts chooses. `periods` in plan order.
 */
export function defaultSummaryPeriods(
  plan: PlanTree['plan'],
  periods: PlanTree['periods'],
): { periodId: string | null; compareId: string | null } {
  const periodId =
    plan.currentPeriodId !== null && periods.some((p) => p.id === plan.currentPeriodId)
      ? plan.currentPeriodId
      : (periods.at(-1)?.id ?? null);
  return { periodId, compareId: defaultCompareId(periods, plan, periodId) };
}

/** How many actions each of the Overview's lists shows before "Show all" (and its first screen carries). */
export const OVERVIEW_LIST_FIRST = 20;

/** The Overview's lists: overdue actions and ratings needing an explanation, in plan order. */
export function overviewLists(summary: Pick<PlanSummary, 'actions'>): {
  overdue: PlanSummary['actions'];
  unexplained: PlanSummary['actions'];
} {
  return {
    overdue: summary.actions.filter((a) => a.overdue),
    unexplained: summary.actions.filter((a) => a.missingExplanation),
  };
}

function resolvePeriods(index: TreeIndex, opts: SummaryOptions): { periodId: string | null; compareId: string | null } {
  const { plan } = index.tree;
  const known = (id: string, what: string): string => {
    if (!index.periodsById.has(id))
      throw new DomainError('not_found', `The ${what} period is not a period of this plan.`);
    return id;
  };
  const periodId =
    opts.periodId != null
      ? known(opts.periodId, 'reporting')
      : defaultSummaryPeriods(plan, index.periods as PlanTree['periods']).periodId;
  if (periodId === null) return { periodId: null, compareId: null };
  if (opts.compareId === null) return { periodId, compareId: null };
  if (opts.compareId !== undefined) return { periodId, compareId: known(opts.compareId, 'comparison') };
  return { periodId, compareId: defaultCompareId(index.periods, plan, periodId) };
}

/**
 * Computes the summary of `tree` for one reporting period against a comparison period. Accepts a tree or an
 * index already built from one (`indexTree`), so a caller that has the index does not build it again.
 */
export function computeSummary(source: PlanTree | TreeIndex, opts: SummaryOptions = {}): PlanSummary {
  const index = 'actionsBySection' in source ? source : indexTree(source);
  const { tree } = index;
  const { periodId, compareId } = resolvePeriods(index, opts);
  const today = opts.today ?? todayUtc();
  if (!isValidIsoDate(today))
    throw new DomainError('invalid_input', `Today must be a date written YYYY-MM-DD, not "${today}".`);
  const levels = index.levels;
  const levelIn = (actionId: string, pid: string | null): RatingLevel | null =>
    pid === null ? null : levelOf(index, actionId, pid);

  const live = liveActions(index);
  // Due texts repeat (“March 2026”, “Ongoing”): each distinct one is read once.
  const overdueByText = new Map<string, boolean>();
  const dueIsPast = (text: string): boolean => {
    let past = overdueByText.get(text);
    if (past === undefined) overdueByText.set(text, (past = isOverdue(parseDue(text, { today }), today)));
    return past;
  };
  const actions: PlanSummary['actions'] = [];
  const bySection = new Map<string, { curr: (string | null)[]; prev: (string | null)[] }>();
  for (const a of live) {
    const curr = levelIn(a.id, periodId);
    const prev = levelIn(a.id, compareId);
    let group = bySection.get(a.sectionId);
    if (!group) bySection.set(a.sectionId, (group = { curr: [], prev: [] }));
    group.curr.push(curr?.id ?? null);
    group.prev.push(prev?.id ?? null);
    const rating = periodId === null ? null : ratingOf(index, a.id, periodId);
    actions.push({
      actionId: a.id,
      sectionId: a.sectionId,
      reference: a.reference,
      currentLevelId: curr?.id ?? null,
      previousLevelId: prev?.id ?? null,
      direction: actionDirection(prev?.id ?? null, curr?.id ?? null, levels),
      overdue: !(curr?.countsAsComplete ?? false) && dueIsPast(a.dueText),
      missingExplanation:
        curr !== null &&
        curr.requiresExplanation &&
        !ratingIsComplete(
          { levelId: curr.id, explanation: rating?.explanation, correctiveAction: rating?.correctiveAction },
          levels,
        ),
    });
  }

  const group = (curr: ExactMean | null, prev: ExactMean | null, ids: (string | null)[]): Group => {
    const c = countByLevel(ids, levels);
    return {
      current: figure(curr),
      previous: figure(prev),
      direction: meanDirection(prev, curr),
      counts: levels.map((l) => ({ levelId: l.id, label: l.label, colour: l.colour, count: c.byLevel[l.id] ?? 0 })),
      notRated: c.notRated + c.unknown,
      actionCount: ids.length,
    };
  };

  const sections: PlanSummary['sections'] = [];
  const currMeans: (ExactMean | null)[] = [];
  const prevMeans: (ExactMean | null)[] = [];
  const allCurrent: (string | null)[] = [];
  for (const s of index.sections) {
    if (s.archived) continue;
    const ids = bySection.get(s.id) ?? { curr: [], prev: [] };
    const curr = sectionMean(ids.curr, levels);
    const prev = compareId === null ? null : sectionMean(ids.prev, levels);
    currMeans.push(curr);
    prevMeans.push(prev);
    allCurrent.push(...ids.curr);
    sections.push({ sectionId: s.id, number: s.number, title: s.title, ...group(curr, prev, ids.curr) });
  }

  const answered = answeredRecommendationIds(index);

  return {
    planId: tree.plan.id,
    periodId,
    compareId,
    periodLabel: periodId === null ? null : (index.periodsById.get(periodId)?.label ?? null),
    compareLabel: compareId === null ? null : (index.periodsById.get(compareId)?.label ?? null),
    sections,
    overall: group(overallMean(currMeans), overallMean(prevMeans), allCurrent),
    actions,
    unansweredRecommendationIds: index.recommendations.filter((r) => !answered.has(r.id)).map((r) => r.id),
  };
}

// ---------------------------------------------------------------------------------------------
// Words for the covering report
// ---------------------------------------------------------------------------------------------

export function listAnd(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** A count with British digit grouping ("1,200"). */
const num = (count: number): string => count.toLocaleString('en-GB');
const n = (count: number, one: string, many: string): string => `${num(count)} ${count === 1 ? one : many}`;

/** How a group's rated actions stand: rated, on track or complete, complete (scored levels only). */
export interface GroupStanding {
  rated: number;
  onTrackOrComplete: number;
  complete: number;
}

/** Counts a summary group's actions on track or complete and complete (N/A, Deferred left out). */
export function groupStanding(
  group: Pick<PlanSummary['overall'], 'counts'>,
  levels: readonly ScaleLevel[],
): GroupStanding {
  const byId = new Map(levels.map((l) => [l.id, l]));
  const out: GroupStanding = { rated: 0, onTrackOrComplete: 0, complete: 0 };
  for (const c of group.counts) {
    const lvl = byId.get(c.levelId);
    if (!lvl || lvl.excludedFromMean) continue;
    out.rated += c.count;
    if (isOnTrackOrComplete(lvl)) out.onTrackOrComplete += c.count;
    if (lvl.countsAsComplete) out.complete += c.count;
  }
  return out;
}

/**
 * The share cells of a summary row where averages mean nothing (a colour key): "6 (55%)" on track or
 * complete and "2 (18%)" complete, or a dash when nothing is rated. The appendix's summary table and the
 * Overview's rating summary both show these (the choice itself is `averagesMeanSomething`).
 */
export function standingCells(
  group: Pick<PlanSummary['overall'], 'counts'>,
  levels: readonly ScaleLevel[],
): { onTrackOrComplete: string; complete: string } {
  const st = groupStanding(group, levels);
  const cell = (part: number) => (st.rated ? `${part} (${sharePercent(part, st.rated)})` : '–');
  return { onTrackOrComplete: cell(st.onTrackOrComplete), complete: cell(st.complete) };
}

/**
 * The sentence explaining a summary table's figures, by the one rule (`averagesMeanSomething`): averages on a
 * scale whose levels are numbers, counts and shares on a colour key. `area` names the groups ("area" in the
 * appendix, the template's section noun on screen).
 */
export function summaryExplanation(levels: readonly ScaleLevel[], area = 'area'): string {
  return averagesMeanSomething(levels)
    ? `Average ratings are the mean of the rated actions in each ${area}, to one decimal place; actions not yet rated are left out. The overall figure is the average of the ${area} averages.`
    : `The table counts the actions at each rating in each ${area}. "On track or complete" is the share of rated actions at a level that needs no explanation or corrective action; actions not yet rated are left out of the shares.`;
}

/** A whole-number percentage, half up ("55%"); a dash when nothing is rated. */
export function sharePercent(part: number, whole: number): string {
  return whole > 0 ? `${Math.floor((part * 100) / whole + 0.5)}%` : '–';
}

/**
 * Counts per level and the share on track or complete, in words: "2 Red, 3 Amber, 5 Green and 1 Blue; 1 not
 * rated. 6 of 11 rated actions (55%) are on track or complete." Used where an average would mean nothing
 * (a colour key without numbers).
 */
export function describeCounts(
  group: Pick<PlanSummary['overall'], 'counts' | 'notRated'>,
  levels: readonly ScaleLevel[],
): string {
  const parts = group.counts.filter((c) => c.count > 0).map((c) => `${num(c.count)} ${c.label}`);
  const notRated = group.notRated > 0 ? `; ${num(group.notRated)} not rated` : '';
  const s = groupStanding(group, levels);
  if (s.rated === 0)
    return parts.length
      ? `${listAnd(parts)}${notRated}.`
      : group.notRated > 0
        ? `${n(group.notRated, 'action', 'actions')} not yet rated.`
        : 'No actions.';
  const share = `${num(s.onTrackOrComplete)} of ${n(s.rated, 'rated action', 'rated actions')} (${sharePercent(s.onTrackOrComplete, s.rated)}) ${s.onTrackOrComplete === 1 ? 'is' : 'are'} on track or complete`;
  return `${listAnd(parts)}${notRated}. ${share}.`;
}

/** Whether the summary's averages mean something for this plan's scale (shared/ratings.ts). */
export function summaryUsesAverages(tree: PlanTree): boolean {
  return averagesMeanSomething(tree.levels.filter((l) => l.deletedAt === null));
}

/**
 * A British-English paragraph on progress for the covering report, for example: "Of 41 actions, 12 improved
 * since March 2020, 20 are unchanged and 3 declined; 6 are not yet rated. The overall average rating moved
 * from 2.4 to 2.7." Handles singular and plural, no comparison period and nothing rated.
 */
export function describeProgress(summary: PlanSummary, tree: PlanTree): string {
  const total = summary.actions.length;
  const period = summary.periodLabel;
  if (total === 0) return `${tree.plan.title.trim() || 'The plan'} has no actions yet.`;
  const count = (d: PlanSummary['actions'][number]['direction']): number =>
    summary.actions.filter((a) => a.direction === d).length;
  const notRated = count('not-rated');
  const rated = total - notRated;
  const of = `Of ${n(total, 'action', 'actions')}`;

  if (rated === 0) {
    const none =
      total === 1
        ? 'The plan’s one action has not yet been rated'
        : `None of the ${num(total)} actions has yet been rated`;
    return `${none}${period ? ` for ${period}` : ''}.`;
  }

  const sentences: string[] = [];
  const notRatedPart = notRated > 0 ? n(notRated, 'is not yet rated', 'are not yet rated') : null;
  if (summary.compareId === null) {
    const parts = [`${n(rated, 'is', 'are')} rated${period ? ` for ${period}` : ''}`];
    if (notRatedPart) parts.push(notRatedPart);
    sentences.push(`${of}, ${listAnd(parts)}.`);
    const reported = tree.periods.find((p) => p.id === summary.periodId);
    if (reported && !tree.periods.some((p) => p.deletedAt === null && p.position < reported.position))
      sentences.push('This is the first report on the plan, so there is no direction of travel yet.');
  } else {
    const since = ` since ${summary.compareLabel ?? 'the previous report'}`;
    const compared = [
      [count('improved'), 'improved', 'improved'],
      [count('no-change'), 'is unchanged', 'are unchanged'],
      [count('declined'), 'declined', 'declined'],
    ] as const;
    const first: string[] = [];
    for (const [c, one, many] of compared) if (c > 0) first.push(n(c, one, many) + (first.length === 0 ? since : ''));
    const second: string[] = [];
    const fresh = count('new');
    if (fresh > 0) second.push(n(fresh, 'was rated for the first time', 'were rated for the first time'));
    if (notRatedPart) second.push(notRatedPart);
    const clauses = [first, second].filter((p) => p.length > 0).map(listAnd);
    sentences.push(`${of}, ${clauses.join('; ')}.`);
  }

  const curr = summary.overall.current.oneDp;
  const prev = summary.overall.previous.oneDp;
  if (!summaryUsesAverages(tree)) {
    // A colour key has no numbers: counts per level and the share on track or complete, never "2.4".
    const levels = tree.levels.filter((l) => l.deletedAt === null);
    const s = groupStanding(summary.overall, levels);
    const parts = summary.overall.counts.filter((c) => c.count > 0).map((c) => `${num(c.count)} ${c.label}`);
    if (parts.length) sentences.push(`The ratings are ${listAnd(parts)}.`);
    if (s.rated > 0)
      sentences.push(
        `${num(s.onTrackOrComplete)} of the ${n(s.rated, 'rated action', 'rated actions')} (${sharePercent(s.onTrackOrComplete, s.rated)}) ${s.onTrackOrComplete === 1 ? 'is' : 'are'} on track or complete, and ${num(s.complete)} (${sharePercent(s.complete, s.rated)}) ${s.complete === 1 ? 'is' : 'are'} complete.`,
      );
  } else if (summary.overall.current.value !== null) {
    if (summary.compareId !== null && summary.overall.previous.value !== null) {
      sentences.push(
        prev === curr
          ? `The overall average rating is unchanged at ${curr}.`
          : `The overall average rating moved from ${prev} to ${curr}.`,
      );
    } else {
      sentences.push(`The overall average rating is ${curr}.`);
    }
  }
  return sentences.join(' ');
}
