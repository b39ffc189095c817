/**
 * Order keys within a parent that a concurrent insert does not rewrite (fractional indexing): a key
 * between two neighbours is minted without touching either, so two copies inserting at the same place
 * both keep their keys, and sorting by (key, id) gives the same order on every copy.
 *
 * Keys are base-62 digit strings read as fractions in (0, 1): "V" ≈ 0.5. A key never ends in the zero
 * digit, so there is always room between two keys.
 */
export const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE = DIGITS.length;
const val = (c: string | undefined): number => (c === undefined ? 0 : DIGITS.indexOf(c));

/** True when `k` is a well-formed key (non-empty base-62, not ending in the zero digit). */
export function isOrderKey(k: string): boolean {
  return k.length > 0 && /^[0-9A-Za-z]+$/.test(k) && !k.endsWith('0');
}

/**
 * A key strictly between `a` and `b` (null = the start / the end). Throws when a ≥ b or either is not a
 * key (a programming error, never user input).
 */
export function keyBetween(a: string | null, b: string | null): string {
  if ((a !== null && !isOrderKey(a)) || (b !== null && !isOrderKey(b))) throw new Error('not an order key');
  if (a !== null && b !== null && a >= b) throw new Error('keys out of order');
  let out = '';
  for (let i = 0; ; i++) {
    const lo = a === null ? 0 : val(a[i]);
    const hi = b === null ? BASE : b.length > i ? val(b[i]) : BASE;
    if (hi - lo > 1) {
      // Room at this digit: take the midpoint and stop.
      return out + DIGITS[Math.floor((lo + hi) / 2)]!;
    }
    // No room: keep a's digit and look further (b's bound no longer applies once we're below it).
    out += DIGITS[lo]!;
    if (hi > lo) b = null;
  }
}

/** `n` keys in order after `a` (for appending many rows at once). */
export function keysAfter(a: string | null, n: number): string[] {
  const keys: string[] = [];
  let last = a;
  for (let i = 0; i < n; i++) keys.push((last = keyBetween(last, null)));
  return keys;
}

/**
 * A key for a row placed between neighbours with keys `a` and `b` (null = the start / the end), with
 * `jitter` (random key digits) appended so two copies inserting at the same place mint different keys.
 * Tolerant of what sync can leave behind: a neighbour that is not a key counts as the start, and when
 * `a ≥ b` (two rows that arrived with the same key) the row goes just after `a`, before `above` (the
 * first key greater than `a` among the siblings, null = none). Never rewrites a neighbour.
 */
export function mintKey(a: string | null, b: string | null, jitter: string, above: string | null = null): string {
  const lo = a !== null && isOrderKey(a) ? a : null;
  let hi = b !== null && isOrderKey(b) ? b : null;
  if (lo !== null && hi !== null && lo >= hi) hi = above !== null && isOrderKey(above) && above > lo ? above : null;
  const k = keyBetween(lo, hi);
  // Appending digits keeps the key inside (lo, hi): keyBetween's last digit is strictly below hi's there.
  const tail = jitter.replace(/[^0-9A-Za-z]/g, '').replace(/0+$/, '');
  return k + tail;
}

/**
 * New keys for rows listed in their new order, given each row's current key: the longest run of rows
 * whose keys already increase in the new order keeps its keys, and only the others get new keys minted
 * between their new neighbours (a drag of one row rewrites that row only). `jitter()` gives random digits.
 */
export function rekey(current: readonly (string | null)[], jitter: () => string): string[] {
  const n = current.length;
  // Longest strictly increasing subsequence of valid keys (patience sorting), as indices.
  const tails: number[] = [];
  const prev = new Array<number>(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const k = current[i];
    if (k === null || k === undefined || !isOrderKey(k)) continue;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (current[tails[mid]!]! < k) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const keep = new Set<number>();
  for (let i = tails.length > 0 ? tails[tails.length - 1]! : -1; i >= 0; i = prev[i]!) keep.add(i);
  const out: string[] = new Array<string>(n);
  let last: string | null = null;
  for (let i = 0; i < n; i++) {
    if (keep.has(i)) {
      out[i] = last = current[i]!;
      continue;
    }
    let next: string | null = null;
    for (let j = i + 1; j < n; j++)
      if (keep.has(j)) {
        next = current[j]!;
        break;
      }
    out[i] = last = mintKey(last, next, jitter());
  }
  return out;
}

/** One period of `keysAfter(null, n)`: after the sixth key ("z") the run repeats behind one more "z". */
const CYCLE = keysAfter(null, 6);
/** Positions beyond this (or none at all) take the last key: the end of the parent, ties by id. */
export const LAST_KNOWN_POSITION = 600;

/**
 * The order key for a row known only by its `position` among its siblings (0 first): an op from a build
 * before order keys (schema 5 and earlier) that creates or moves a section, objective or action. It is
 * `keysAfter(null, position + 1)[position]`, the key migration 0006 gave the row at that position, so a
 * copy upgraded from such a build and a copy that merged its ops agree; a function of the op alone, so
 * every copy gives the same key. No usable position (or one beyond LAST_KNOWN_POSITION): the end of the parent.
 */
export function keyAtPosition(position: unknown): string {
  const p =
    typeof position === 'number' && Number.isInteger(position) && position >= 0
      ? Math.min(position, LAST_KNOWN_POSITION)
      : LAST_KNOWN_POSITION;
  return 'z'.repeat(Math.floor(p / CYCLE.length)) + CYCLE[p % CYCLE.length]!;
}
