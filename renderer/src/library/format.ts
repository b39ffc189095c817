/** Display helpers for the library and settings screens (British dates, plural words). */
import { formatLongDate } from '../../../shared/dates';

/** The local calendar date of an ISO timestamp as YYYY-MM-DD. */
function localIsoDate(timestamp: string): string | null {
  const d = new Date(timestamp);
  if (Number.isNaN(d.getTime())) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "13 February 2018" for an ISO timestamp (local date), or "" when it is not one. */
export function formatDay(timestamp: string | null | undefined): string {
  if (!timestamp) return '';
  const iso = localIsoDate(timestamp);
  return iso ? formatLongDate(iso) : '';
}

/** "13 February 2018, 14:05" for an ISO timestamp (local time). */
export function formatDayTime(timestamp: string | null | undefined): string {
  const day = formatDay(timestamp);
  if (!day || !timestamp) return day;
  const d = new Date(timestamp);
  return `${day}, ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** "13 February 2018" for a YYYY-MM-DD date, or "" for null or a bad date. */
export function formatIsoDay(date: string | null | undefined): string {
  if (!date) return '';
  try {
    return formatLongDate(date);
  } catch {
    return '';
  }
}

/** "1 action" / "3 actions". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}
