/**
 * The one rule for "compare with" (issue 11 point 2), used by the Overview, the export dialog, the
 * covering report, the summary and the command line:
 * - a reporting period is compared, by default, with the period just before it;
 * - the plan's own "compare with" setting counts only for the plan's current period, and only when it is
 *   an earlier period (it is the author's deliberate choice, e.g. a baseline);
 * - a period is never compared with itself, and never offered as its own comparison.
 */

export interface ComparablePeriod {
  readonly id: string;
  readonly position: number;
}

export interface CompareSettings {
  readonly currentPeriodId: string | null;
  readonly comparePeriodId: string | null;
}

/** The periods in order (by position). */
function ordered<P extends ComparablePeriod>(periods: readonly P[]): P[] {
  return [...periods].sort((a, b) => a.position - b.position);
}

/** The period just before `periodId`, or null for the first (or an unknown) period. */
export function periodBefore<P extends ComparablePeriod>(periods: readonly P[], periodId: string | null): P | null {
  if (periodId === null) return null;
  const list = ordered(periods);
  const at = list.findIndex((p) => p.id === periodId);
  return at > 0 ? (list[at - 1] ?? null) : null;
}

/** The default comparison for reporting on `periodId`. */
export function defaultCompareId(
  periods: readonly ComparablePeriod[],
  plan: CompareSettings,
  periodId: string | null,
): string | null {
  if (periodId === null) return null;
  const period = periods.find((p) => p.id === periodId);
  if (!period) return null;
  if (periodId === plan.currentPeriodId && plan.comparePeriodId !== null && plan.comparePeriodId !== periodId) {
    const chosen = periods.find((p) => p.id === plan.comparePeriodId);
    if (chosen && chosen.position < period.position) return chosen.id;
  }
  return periodBefore(periods, periodId)?.id ?? null;
}

/** The periods that may be offered as the comparison for `periodId` (every period but itself), in order. */
export function compareChoices<P extends ComparablePeriod>(periods: readonly P[], periodId: string | null): P[] {
  return ordered(periods).filter((p) => p.id !== periodId);
}
