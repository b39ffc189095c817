/**
 * The plan summary ("RAG summary of all areas"): per section and overall, the previous and current mean
 * rating (exact, 1 dp and whole, half-up), direction of travel, counts per level; per action, its level in
 * both periods, direction, whether it is overdue and whether a red/amber rating lacks its explanation; and
 * the inspection recommendations no live action answers. Output schema: shared/summary-schema.ts.
 *
 * Only live actions count: not deleted, not archived, in a section that is neither. Archived sections are
 * left out. Means, counts and directions come from shared/ratings.ts; overdue from shared/dates.ts.
 *
 * Pure TypeScript: no Node, no DOM.
 */
import { defaultCompareId } from './compare';
import { isOverdue, isValidIsoDate, parseDue } from './dates';
import { DomainError } from './result';
import { actionDirection, countByLevel, meanDirection, overallMean, ratingIsComplete, sectionMean, type ExactMean } from './ratings';
import { formatRational, rationalToNumber, type Rational } from './rounding';
import type { PlanTree, RatingLevel } from './model';
import type { PlanSummary } from './summary-schema';
import { indexTree, levelOf, liveActions, ratingOf, type TreeIndex } from './tree';

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

function resolvePeriods(index: TreeIndex, opts: SummaryOptions): { periodId: string | null; compareId: string | null } {
  const { plan } = index.tree;
  const known = (id: string, what: string): string => {
    if (!index.periodsById.has(id)) throw new DomainError('not_found', `The ${what} period is not a period of this plan.`);
    return id;
  };
  const periodId =
    opts.periodId != null
      ? known(opts.periodId, 'reporting')
      : plan.currentPeriodId !== null && index.periodsById.has(plan.currentPeriodId)
        ? plan.currentPeriodId
        : (index.periods.at(-1)?.id ?? null);
  if (periodId === null) return { periodId: null, compareId: null };
  if (opts.compareId === null) return { periodId, compareId: null };
  if (opts.compareId !== undefined) return { periodId, compareId: known(opts.compareId, 'comparison') };
  return { periodId, compareId: defaultCompareId(index.periods, plan, periodId) };
}

/** Computes the summary of `tree` for one reporting period against a comparison period. */
export function computeSummary(tree: PlanTree, opts: SummaryOptions = {}): PlanSummary {
  const index = indexTree(tree);
  const { periodId, compareId } = resolvePeriods(index, opts);
  const today = opts.today ?? todayUtc();
  if (!isValidIsoDate(today)) throw new DomainError('invalid_input', `Today must be a date written YYYY-MM-DD, not "${today}".`);
  const levels = index.levels;
  const levelIn = (actionId: string, pid: string | null): RatingLevel | null => (pid === null ? null : levelOf(index, actionId, pid));

  const live = liveActions(index);
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
      overdue: !(curr?.countsAsComplete ?? false) && isOverdue(parseDue(a.dueText, { today }), today),
      missingExplanation: curr !== null && curr.requiresExplanation && !ratingIsComplete({ levelId: curr.id, explanation: rating?.explanation, correctiveAction: rating?.correctiveAction }, levels),
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

  const unanswered = new Set(index.recommendations.map((r) => r.id));
  for (const a of live) for (const id of a.recommendationIds) unanswered.delete(id);

  return {
    planId: tree.plan.id,
    periodId,
    compareId,
    periodLabel: periodId === null ? null : (index.periodsById.get(periodId)?.label ?? null),
    compareLabel: compareId === null ? null : (index.periodsById.get(compareId)?.label ?? null),
    sections,
    overall: group(overallMean(currMeans), overallMean(prevMeans), allCurrent),
    actions,
    unansweredRecommendationIds: index.recommendations.filter((r) => unanswered.has(r.id)).map((r) => r.id),
  };
}

// ---------------------------------------------------------------------------------------------
// Words for the covering report
// ---------------------------------------------------------------------------------------------

function listAnd(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** A count with British digit grouping ("1,200"). */
const num = (count: number): string => count.toLocaleString('en-GB');
const n = (count: number, one: string, many: string): string => `${num(count)} ${count === 1 ? one : many}`;

/**
 * A British-English paragraph on progress for the covering report, for example: "Of 41 actions, 12 improved
 * since March 2020, 20 are unchanged and 3 declined; 6 are not yet rated. The overall average rating moved
 * from 2.4 to 2.7." Handles singular and plural, no comparison period and nothing rated.
 */
export function describeProgress(summary: PlanSummary, tree: PlanTree): string {
  const total = summary.actions.length;
  const period = summary.periodLabel;
  if (total === 0) return `${tree.plan.title.trim() || 'The plan'} has no actions yet.`;
  const count = (d: PlanSummary['actions'][number]['direction']): number => summary.actions.filter((a) => a.direction === d).length;
  const notRated = count('not-rated');
  const rated = total - notRated;
  const of = `Of ${n(total, 'action', 'actions')}`;

  if (rated === 0) {
    const none = total === 1 ? 'The plan’s one action has not yet been rated' : `None of the ${num(total)} actions has yet been rated`;
    return `${none}${period ? ` for ${period}` : ''}.`;
  }

  const sentences: string[] = [];
  const notRatedPart = notRated > 0 ? n(notRated, 'is not yet rated', 'are not yet rated') : null;
  if (summary.compareId === null) {
    const parts = [`${n(rated, 'is', 'are')} rated${period ? ` for ${period}` : ''}`];
    if (notRatedPart) parts.push(notRatedPart);
    sentences.push(`${of}, ${listAnd(parts)}.`);
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
  if (summary.overall.current.value !== null) {
    if (summary.compareId !== null && summary.overall.previous.value !== null) {
      sentences.push(prev === curr ? `The overall average rating is unchanged at ${curr}.` : `The overall average rating moved from ${prev} to ${curr}.`);
    } else {
      sentences.push(`The overall average rating is ${curr}.`);
    }
  }
  return sentences.join(' ');
}
