/**
 * What a performance indicator's figures mean: its latest value, its year to date (latest, sum or mean,
 * chosen per indicator), its direction of travel (respecting polarity) and how a value is written.
 * Missing values are never zero: they are left out of every figure, and a figure with no values is null.
 *
 * Pure TypeScript: no Node, no DOM.
 */
import type { Indicator, IndicatorValue } from './model';
import { directionLabel, indicatorDirection, type Direction } from './ratings';
import { addRationals, meanExact, rationalFromNumber, rationalToNumber, roundRational } from './rounding';

type Figures = Pick<Indicator, 'values' | 'polarity' | 'yearToDate' | 'unit'>;

/** The values that are present (not missing), in order. */
export const presentValues = (values: readonly IndicatorValue[]): { label: string; value: number; note: string }[] =>
  values.filter((v): v is IndicatorValue & { value: number } => v.value !== null && Number.isFinite(v.value));

/** The latest present value and its label, or null when every value is missing. */
export function latestValue(ind: Pick<Indicator, 'values'>): { label: string; value: number } | null {
  const present = presentValues(ind.values);
  return present[present.length - 1] ?? null;
}

/** The year to date: the latest present value, or the sum or mean of the present values; null when none is present. */
export function yearToDate(ind: Pick<Indicator, 'values' | 'yearToDate'>): number | null {
  const present = presentValues(ind.values).map((v) => v.value);
  if (present.length === 0) return null;
  switch (ind.yearToDate) {
    case 'latest':
      return present[present.length - 1]!;
    case 'sum':
      // Summed exactly, so 0.1 + 0.2 is 0.3 as a person adding the column would write it.
      return rationalToNumber(addRationals(present.map(rationalFromNumber)));
    case 'mean':
      // One decimal place, half-up (the plan's rounding rule).
      return roundRational(meanExact(present)!, 1);
  }
}

/** Direction of travel between the last two present values, respecting polarity ('not-rated' with fewer than two). */
export function indicatorTravel(ind: Pick<Indicator, 'values' | 'polarity'>): Exclude<Direction, 'new'> {
  const present = presentValues(ind.values);
  return indicatorDirection(
    present[present.length - 2]?.value ?? null,
    present[present.length - 1]?.value ?? null,
    ind.polarity,
  );
}

/** Arrow and words of the direction of travel ("– Not rated" when fewer than two values are present). */
export function indicatorTravelLabel(ind: Pick<Indicator, 'values' | 'polarity'>): { arrow: string; words: string } {
  return directionLabel(indicatorTravel(ind));
}

/** Whether the latest value meets the target (respecting polarity); null without a target or a value. */
export function meetsTarget(ind: Pick<Indicator, 'values' | 'polarity' | 'target'>): boolean | null {
  const latest = latestValue(ind);
  if (ind.target === null || latest === null) return null;
  return ind.polarity === 'higher-is-better' ? latest.value >= ind.target : latest.value <= ind.target;
}

/**
 * A typed or pasted value cell: "83.5%", "1,204", "245 days", "21.5 (provisional)" -> the number and the rest
 * as a note; words alone ("data being collated") -> missing with the words as the note; blank, "-", "n/a" ->
 * missing. Never zero for a missing value. Used by the importer and the indicator editor's paste.
 */
export function readIndicatorValue(cellText: string): { value: number | null; note: string; percent: boolean } {
  const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ').trim();
  const t = cellText.replace(/\u00a0/g, ' ').trim();
  const m = /^([-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-+]?\d+(?:\.\d+)?)\s*(%)?\s*(?:days?\b)?\s*([\s\S]*)$/i.exec(t);
  if (m)
    return {
      value: Number(m[1]!.replace(/,/g, '')),
      note: oneLine(m[3] ?? '').replace(/^[(\-–:]\s*|\)$/g, ''),
      percent: m[2] === '%',
    };
  if (/^(|-|–|—|n\/?a|tbc|\.+)$/i.test(t)) return { value: null, note: '', percent: false };
  return { value: null, note: oneLine(t), percent: false };
}

export const UNIT_LABELS: Record<Indicator['unit'], string> = {
  percent: '%',
  days: 'days',
  count: 'count',
  rate: 'rate',
  other: 'other',
};
export const POLARITY_WORDS: Record<Indicator['polarity'], string> = {
  'higher-is-better': 'higher is better',
  'lower-is-better': 'lower is better',
};
export const YEAR_TO_DATE_WORDS: Record<Indicator['yearToDate'], string> = {
  latest: 'latest value',
  sum: 'sum of the months',
  mean: 'mean of the months',
};

/** A value as the appendix and screens write it: "83.5%", "24 days", "12"; missing is "Missing" (never 0). */
export function formatIndicatorValue(value: number | null, unit: Indicator['unit']): string {
  if (value === null || !Number.isFinite(value)) return 'Missing';
  const n = String(value);
  if (unit === 'percent') return `${n}%`;
  if (unit === 'days') return `${n} ${value === 1 ? 'day' : 'days'}`;
  return n;
}

/** Everything a table row shows of one indicator. */
export function indicatorFigures(ind: Figures & Pick<Indicator, 'target'>): {
  latest: { label: string; value: number } | null;
  yearToDate: number | null;
  travel: Exclude<Direction, 'new'>;
  travelLabel: { arrow: string; words: string };
  meetsTarget: boolean | null;
} {
  return {
    latest: latestValue(ind),
    yearToDate: yearToDate(ind),
    travel: indicatorTravel(ind),
    travelLabel: indicatorTravelLabel(ind),
    meetsTarget: meetsTarget(ind),
  };
}
