/**
 * Exact half-up rounding, as a spreadsheet's ROUND, and exact means.
 *
 * Binary floating point cannot hold 3.25 * 10 or 1.005 * 100 exactly, so `Math.round(x * 10) / 10` and
 * `toFixed` get published figures wrong. Here every number is first read as the decimal it is written as
 * (its shortest round-trip form, `String(x)`), then held as an exact rational of BigInts. Rounding is half
 * away from zero on that exact value: 3.25 -> 3.3, 2.75 -> 2.8, 2.5 -> 3, -2.5 -> -3, 1.005 -> 1.01 (2 dp).
 *
 * Means are exact too: the mean of [3, 3, 4, 3] is the rational 13/4, rounded once. The overall figure of a
 * plan is the unweighted mean of the EXACT (unrounded) section means, rounded once at the end, as the
 * councils' spreadsheet does (see `meanOfMeans`).
 *
 * Pure TypeScript: no Node, no DOM.
 */

/** An exact rational number `num / den`, always reduced, with `den > 0`. */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

/** The text shown where there is no figure (never "0"). */
export const NO_FIGURE = '–';

const TEN = 10n;

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function pow10(n: number): bigint {
  return TEN ** BigInt(n);
}

/** Builds a reduced rational; throws RangeError when `den` is zero. */
export function rational(num: bigint, den: bigint = 1n): Rational {
  if (den === 0n) throw new RangeError('Rational with a zero denominator');
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const g = gcd(num, den);
  return g > 1n ? { num: num / g, den: den / g } : { num, den };
}

/**
 * The exact decimal value of `x` as written in its shortest round-trip form (so 0.1 is 1/10, not the
 * binary double nearest to it). Handles exponent forms such as "1e-7" and "1.5e+21".
 * Throws RangeError for NaN and infinities.
 */
export function rationalFromNumber(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`Not a finite number: ${x}`);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (!m) throw new RangeError(`Unexpected number form: ${String(x)}`);
  const [, sign = '', int = '0', frac = '', exp = '0'] = m;
  let digits = BigInt(int + frac);
  if (sign === '-') digits = -digits;
  const scale = frac.length - Number(exp);
  return scale >= 0 ? rational(digits, pow10(scale)) : rational(digits * pow10(-scale), 1n);
}

/** Sum of rationals (exact). */
export function addRationals(rs: readonly Rational[]): Rational {
  let num = 0n;
  let den = 1n;
  for (const r of rs) {
    num = num * r.den + r.num * den;
    den = den * r.den;
    const g = gcd(num, den);
    if (g > 1n) {
      num /= g;
      den /= g;
    }
  }
  return rational(num, den);
}

/** Compares two rationals: negative, zero or positive like a sort comparator. */
export function compareRationals(a: Rational, b: Rational): -1 | 0 | 1 {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** The nearest JS number to an exact rational (for charts and sorting, never for display). */
export function rationalToNumber(r: Rational): number {
  // |r| >= 1/den unless r is 0, so this keeps at least 17 significant digits; the parser rounds the rest.
  const dp = r.den.toString().length + 17;
  return Number(decimalString(roundRationalToDecimal(r, dp).scaled, dp));
}

/** Exact mean of a list of numbers, as a rational; null for an empty list. */
export function meanExact(values: readonly number[]): Rational | null {
  if (values.length === 0) return null;
  const sum = addRationals(values.map(rationalFromNumber));
  return rational(sum.num, sum.den * BigInt(values.length));
}

/** Unweighted exact mean of rationals; null for an empty list. */
export function meanOfRationals(rs: readonly Rational[]): Rational | null {
  if (rs.length === 0) return null;
  const sum = addRationals(rs);
  return rational(sum.num, sum.den * BigInt(rs.length));
}

/**
 * The overall figure: unweighted mean of the section means, skipping sections with no mean (null).
 * Section means are NOT rounded first (the councils' spreadsheet averages the unrounded section means);
 * round the result once for display. Null when no section has a mean.
 */
export function meanOfMeans(means: readonly (Rational | null)[]): Rational | null {
  return meanOfRationals(means.filter((m): m is Rational => m !== null));
}

function checkDp(dp: number): void {
  if (!Number.isInteger(dp) || dp < -300 || dp > 300) throw new RangeError(`Bad number of decimal places: ${dp}`);
}

/** Half-up (away from zero) rounding of `r` to `dp` places: `scaled / 10^dp` for dp >= 0, else the integer `scaled`. */
function roundRationalToDecimal(r: Rational, dp: number): { scaled: bigint } {
  // For dp < 0 (tens, hundreds) round r / 10^-dp to an integer, then scale back up.
  const num = dp >= 0 ? abs(r.num) * pow10(dp) : abs(r.num);
  const den = dp >= 0 ? r.den : r.den * pow10(-dp);
  let q = num / den;
  if (2n * (num % den) >= den) q += 1n;
  if (dp < 0) q *= pow10(-dp);
  return { scaled: r.num < 0n ? -q : q };
}

/** Writes `scaled / 10^dp` with exactly `max(dp, 0)` decimals; never "-0". */
function decimalString(scaled: bigint, dp: number): string {
  if (dp <= 0) return scaled.toString();
  const negative = scaled < 0n;
  const digits = abs(scaled)
    .toString()
    .padStart(dp + 1, '0');
  const text = `${digits.slice(0, -dp)}.${digits.slice(-dp)}`;
  return negative ? `-${text}` : text;
}

/** Rounds an exact rational half-up (away from zero) to `dp` decimal places; returns the nearest number. */
export function roundRational(r: Rational, dp: number): number {
  checkDp(dp);
  return Number(decimalString(roundRationalToDecimal(r, dp).scaled, dp));
}

/** Formats an exact rational half-up to `dp` places with trailing zeros kept ("3.0"); null -> "–". */
export function formatRational(r: Rational | null, dp: number): string {
  if (r === null) return NO_FIGURE;
  checkDp(dp);
  return decimalString(roundRationalToDecimal(r, dp).scaled, dp);
}

/**
 * Spreadsheet ROUND: half away from zero on the written decimal value of `x`.
 * `dp` may be negative (tens, hundreds) like ROUND. Examples: (3.25, 1) -> 3.3; (1.005, 2) -> 1.01; (-2.5, 0) -> -3.
 */
export function roundHalfUp(x: number, dp: number): number {
  return roundRational(rationalFromNumber(x), dp);
}

/** Formats a figure half-up to 0 or 1 decimal places, keeping the trailing zero ("3.0"); null -> "–". */
export function formatMean(x: number | null, dp: 0 | 1): string {
  return formatRational(x === null ? null : rationalFromNumber(x), dp);
}

/** Exact mean rounded half-up once; null for an empty list (shown as a dash, never 0). */
export function roundedMean(values: readonly number[], dp: 0 | 1): number | null {
  const m = meanExact(values);
  return m === null ? null : roundRational(m, dp);
}
