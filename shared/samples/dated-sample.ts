/**
 * The sample plan dated to today. `samplePlanDraft` was written in early 2026 (current period January
 * 2026); opened months later, its current period would be long past and most actions overdue. Here every
 * date in it moves by the same whole number of months, so that the current period becomes the latest one
 * ending on or before today, and the plan reads as it did when written: period labels and dates, due texts
 * ("Jan-26", "31/03/2026", "Quarterly (review March 2026)"), and month mentions in progress, explanations,
 * corrective actions, notes and the introduction ("in December 2025", "[December data]").
 *
 * Pure TypeScript: no Node, no DOM.
 */
import type { ActionDraft, PlanDraft, SectionDraft } from '../draft';
import { MONTH_NAMES } from '../dates';
import { samplePlanDraft } from './sample-plan';

const FULL = MONTH_NAMES;
/** The abbreviations written back (September as "Sept", the usual British short form). */
const SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'] as const;

/** A month name as written: full or abbreviated (with "Sept" and "Sep"). */
const MONTH_WORD =
  '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)';
/** Optional day or day range before a month ("1-5 December 2025", "20th November 2025"). */
const DAYS = '(?:(\\d{1,2})(?:st|nd|rd|th)?(?:\\s*[-–]\\s*(\\d{1,2})(?:st|nd|rd|th)?)?\\s+)?';
const MONTH_YEAR = new RegExp(`\\b${DAYS}${MONTH_WORD}(\\s+|\\s*-\\s*)(\\d{4}|\\d{2})\\b(?!%)`, 'g');
/** After "Feb 26" (a two-digit year after a space) only the end of the line or closing punctuation may follow. */
const AFTER_SHORT_YEAR = /^[).,;:]?(?:\s*$|\s*\n)/;
const NUMERIC = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g;
/** A month written alone (month-years are shifted first): full names only, and not "May" (also a verb). */
const BARE_MONTH = /\b(January|February|March|April|June|July|August|September|October|November|December)\b/g;
const PLAN_YEARS = /\b(\d{4})-(\d{2})\b/g;

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function monthIndex(word: string): number {
  const w = word.slice(0, 3).toLowerCase();
  return FULL.findIndex((f) => f.slice(0, 3).toLowerCase() === w);
}

/** Month (0-11) and year after moving `months`. */
function addMonths(year: number, month0: number, months: number): { year: number; month0: number } {
  const total = year * 12 + month0 + months;
  return { year: Math.floor(total / 12), month0: ((total % 12) + 12) % 12 };
}

/** A day moved to another month: the last day stays the last day; otherwise the same day, capped. */
function moveDay(day: number, from: { year: number; month0: number }, to: { year: number; month0: number }): number {
  const fromLast = daysInMonth(from.year, from.month0 + 1);
  const toLast = daysInMonth(to.year, to.month0 + 1);
  return day >= fromLast ? toLast : Math.min(day, toLast);
}

function monthWord(original: string, month0: number): string {
  const full = original.length > 4 || original === 'May' || original === 'June' || original === 'July';
  return full ? FULL[month0]! : SHORT[month0]!;
}

/**
 * Moves every date in `text` by `months` whole months, keeping how it was written: "Jan-26" -> "Oct-26",
 * "31/03/2026" -> "31/12/2026", "20 November 2025" -> "20 August 2026", "[December data]" ->
 * "[September data]". Text with no dates comes back unchanged.
 */
export function shiftDatesInText(text: string, months: number): string {
  if (months === 0 || text === '') return text;
  const placeholders: string[] = [];
  const hold = (s: string) => `\uE000${placeholders.push(s) - 1}\uE000`;
  let out = text.replace(NUMERIC, (all, d: string, m: string, y: string) => {
    const from = { year: Number(y), month0: Number(m) - 1 };
    if (from.month0 < 0 || from.month0 > 11 || Number(d) < 1 || Number(d) > daysInMonth(from.year, from.month0 + 1))
      return all;
    const to = addMonths(from.year, from.month0, months);
    const day = moveDay(Number(d), from, to);
    return hold(`${String(day).padStart(d.length, '0')}/${String(to.month0 + 1).padStart(m.length, '0')}/${to.year}`);
  });
  out = out.replace(
    MONTH_YEAR,
    (
      all: string,
      d1: string | undefined,
      _d2: string | undefined,
      word: string,
      sep: string,
      y: string,
      offset: number,
      whole: string,
    ) => {
      const two = y.length === 2;
      // "December 12 families": a two-digit number after a space is a year only at the end of the text or line.
      if (two && !sep.includes('-') && !AFTER_SHORT_YEAR.test(whole.slice(offset + all.length))) return all;
      const from = { year: two ? 2000 + Number(y) : Number(y), month0: monthIndex(word) };
      const to = addMonths(from.year, from.month0, months);
      const year = two ? String(to.year % 100).padStart(2, '0') : String(to.year);
      const prefix = all.slice(0, all.indexOf(word));
      const days = d1 === undefined ? '' : prefix.replace(/\d{1,2}/g, (n) => String(moveDay(Number(n), from, to)));
      return hold(`${days}${monthWord(word, to.month0)}${sep}${year}`);
    },
  );
  out = out.replace(BARE_MONTH, (word: string) => FULL[addMonths(2000, monthIndex(word), months).month0]!);
  return out.replace(/\uE000(\d+)\uE000/g, (_all, i: string) => placeholders[Number(i)]!);
}

/** An ISO date (YYYY-MM-DD) moved by whole months; a month's last day stays its last day. */
export function shiftIsoDate(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const from = { year: y, month0: m - 1 };
  const to = addMonths(y, m - 1, months);
  return `${to.year}-${String(to.month0 + 1).padStart(2, '0')}-${String(moveDay(d, from, to)).padStart(2, '0')}`;
}

/**
 * How many whole months to move a plan whose current period ends on `currentEnd` so that it is the latest
 * period ending on or before `today` (both YYYY-MM-DD; `currentEnd` the last day of a month). May be
 * negative (today before the sample was written) or 0.
 */
export function monthsToToday(currentEnd: string, today: string): number {
  const [ey, em] = currentEnd.split('-').map(Number) as [number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const whole = ty * 12 + tm - (ey * 12 + em);
  return td >= daysInMonth(ty, tm) ? whole : whole - 1;
}

function shiftAction(a: ActionDraft, k: number): ActionDraft {
  const t = (s: string | undefined) => (s === undefined ? undefined : shiftDatesInText(s, k));
  return {
    ...a,
    ...(a.objective !== undefined ? { objective: t(a.objective) } : {}),
    ...(a.description !== undefined ? { description: t(a.description) } : {}),
    ...(a.outcome !== undefined ? { outcome: t(a.outcome) } : {}),
    ...(a.dueText !== undefined ? { dueText: t(a.dueText) } : {}),
    ...(a.notes !== undefined ? { notes: t(a.notes) } : {}),
    ratings: (a.ratings ?? []).map((r) => ({
      ...r,
      period: shiftDatesInText(r.period, k),
      ...(r.explanation !== undefined ? { explanation: shiftDatesInText(r.explanation, k) } : {}),
      ...(r.correctiveAction !== undefined ? { correctiveAction: shiftDatesInText(r.correctiveAction, k) } : {}),
    })),
    progress: (a.progress ?? []).map((p) => ({
      ...p,
      period: shiftDatesInText(p.period, k),
      body: shiftDatesInText(p.body, k),
    })),
  };
}

/** A plan draft with every date moved by `months` whole months (see `shiftDatesInText`). */
export function shiftPlanDraft(draft: PlanDraft, months: number): PlanDraft {
  if (months === 0) return draft;
  const t = (s: string | undefined) => (s === undefined ? undefined : shiftDatesInText(s, months));
  const years = Math.floor(months / 12);
  const planYears = (s: string) =>
    years === 0
      ? s
      : s.replace(
          PLAN_YEARS,
          (_all, a: string, b: string) => `${Number(a) + years}-${String((Number(b) + years) % 100).padStart(2, '0')}`,
        );
  return {
    ...draft,
    title: planYears(draft.title),
    ...(draft.planPeriod !== undefined ? { planPeriod: planYears(draft.planPeriod) } : {}),
    ...(draft.introduction !== undefined ? { introduction: t(draft.introduction) } : {}),
    ...(draft.governance !== undefined ? { governance: t(draft.governance) } : {}),
    ...(draft.recommendationsHeading !== undefined ? { recommendationsHeading: t(draft.recommendationsHeading) } : {}),
    periods: (draft.periods ?? []).map((p) => ({
      ...p,
      label: shiftDatesInText(p.label, months),
      ...(p.startDate ? { startDate: shiftIsoDate(p.startDate, months) } : {}),
      ...(p.endDate ? { endDate: shiftIsoDate(p.endDate, months) } : {}),
    })),
    ...(draft.currentPeriod !== undefined ? { currentPeriod: shiftDatesInText(draft.currentPeriod, months) } : {}),
    ...(draft.comparePeriod !== undefined ? { comparePeriod: shiftDatesInText(draft.comparePeriod, months) } : {}),
    recommendations: (draft.recommendations ?? []).map((r) => ({ ...r, text: shiftDatesInText(r.text, months) })),
    sections: (draft.sections ?? []).map((s: SectionDraft) => ({
      ...s,
      ...(s.description !== undefined ? { description: t(s.description) } : {}),
      actions: (s.actions ?? []).map((a) => shiftAction(a, months)),
      indicators: (s.indicators ?? []).map((i) => ({
        ...i,
        ...(i.baselineLabel !== undefined ? { baselineLabel: planYears(i.baselineLabel) } : {}),
        ...(i.notes !== undefined ? { notes: t(i.notes) } : {}),
        values: (i.values ?? []).map((v) => ({
          ...v,
          label: shiftDatesInText(v.label, months),
          ...(v.note !== undefined ? { note: shiftDatesInText(v.note, months) } : {}),
        })),
      })),
    })),
  };
}

/** The end date of the sample's current period as written (31 January 2026). */
function sampleCurrentEnd(): string {
  const current = samplePlanDraft.periods?.find((p) => p.label === samplePlanDraft.currentPeriod);
  const end = current?.endDate;
  if (!end) throw new Error('The sample plan has no current period with an end date.');
  return end;
}

/**
 * The sample plan dated so that its current period is the latest one ending on or before `today`
 * (YYYY-MM-DD). On 22 November 2026 that is "October 2026" compared with "August 2026", with "December
 * 2026" the next (unrated) period. `samplePlanDraft` itself is left as written.
 */
export function samplePlanForToday(today: string): PlanDraft {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today))
    throw new RangeError(`Today must be a date written YYYY-MM-DD, not "${today}".`);
  return shiftPlanDraft(samplePlanDraft, monthsToToday(sampleCurrentEnd(), today));
}
