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
