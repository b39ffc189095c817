/**
 * Today's local date as YYYY-MM-DD, as React state that changes at midnight, so "Overdue" tags and other
 * date-relative marks do not go stale while the window stays open overnight.
 */
import { useEffect, useState } from 'react';

/** A date as YYYY-MM-DD in local time. */
export function localIsoDate(d: Date = new Date()): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Milliseconds from `now` until the next local midnight (plus a second, clear of the boundary). */
export function msUntilMidnight(now: Date = new Date()): number {
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 0, 0, 1);
  return next.getTime() - now.getTime();
}

/** Today (local) as YYYY-MM-DD; re-renders the caller when the date changes. */
export function useToday(): string {
  const [today, setToday] = useState(localIsoDate);
  useEffect(() => {
    const timer = setTimeout(() => setToday(localIsoDate()), msUntilMidnight());
    return () => clearTimeout(timer);
  }, [today]);
  return today;
}
