import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  NO_FIGURE,
  addRationals,
  compareRationals,
  formatMean,
  formatRational,
  meanExact,
  meanOfMeans,
  meanOfRationals,
  rational,
  rationalFromNumber,
  rationalToNumber,
  roundHalfUp,
  roundRational,
  roundedMean,
} from '../../shared/rounding';

describe('roundHalfUp: spreadsheet ROUND on the written decimal', () => {
  it.each([
    [3.25, 1, 3.3],
    [2.75, 1, 2.8],
    [1.5, 0, 2],
    [2.5, 0, 3],
    [0.5, 0, 1],
    [2.966, 1, 3],
    [2.05, 1, 2.1],
    [2.15, 1, 2.2],
    [1.005, 2, 1.01],
    [0.125, 2, 0.13],
    [1.45, 1, 1.5],
    [3.35, 1, 3.4],
    [8.345, 2, 8.35],
    [3.24, 1, 3.2],
    [3, 1, 3],
    [0, 1, 0],
    [-3.25, 1, -3.3],
    [-2.5, 0, -3],
    [-1.5, 0, -2],
    [-0.125, 2, -0.13],
    [-1.24, 1, -1.2],
    [1234.5, -1, 1230],
    [1235, -1, 1240],
    [1e-7, 7, 1e-7],
    [1.5e-7, 7, 2e-7],
    [1e21, 0, 1e21],
  ])('roundHalfUp(%s, %s) = %s', (x, dp, expected) => {
    expect(roundHalfUp(x, dp)).toBe(expected);
  });

  it('gets right what binary floating point gets wrong', () => {
    // The classic mistakes this module exists to avoid.
    expect(Math.round(1.005 * 100) / 100).toBe(1); // wrong
    expect((1.005).toFixed(2)).toBe('1.00'); // wrong
    expect((2.5).toFixed(0)).toBe('3');
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
  });

  it('never returns negative zero', () => {
    expect(Object.is(roundHalfUp(-0.04, 1), 0)).toBe(true);
    expect(Object.is(roundHalfUp(-0.4, 0), 0)).toBe(true);
  });

  it('refuses non-finite numbers and bad decimal places', () => {
    expect(() => roundHalfUp(Number.NaN, 1)).toThrow(RangeError);
    expect(() => roundHalfUp(Number.POSITIVE_INFINITY, 1)).toThrow(RangeError);
    expect(() => roundHalfUp(1.5, 0.5)).toThrow(RangeError);
  });
});

describe('formatMean', () => {
  it.each([
    [3.25, 1, '3.3'],
    [2.75, 1, '2.8'],
    [2.966, 1, '3.0'],
    [3, 1, '3.0'],
    [1.5, 0, '2'],
    [2.5, 0, '3'],
    [2.05, 1, '2.1'],
    [0.04, 1, '0.0'],
    [-0.04, 1, '0.0'],
    [-0.05, 1, '-0.1'],
    [-3.25, 1, '-3.3'],
    [12.25, 1, '12.3'],
  ] as const)('formatMean(%s, %s) = %s', (x, dp, text) => {
    expect(formatMean(x, dp)).toBe(text);
  });

  it('shows a dash (en dash), never 0, when there is no figure', () => {
    expect(formatMean(null, 1)).toBe('–');
    expect(formatMean(null, 0)).toBe('–');
    expect(NO_FIGURE).toBe('\u2013');
    expect(formatRational(null, 1)).toBe('–');
  });

  it('formats rationals to more places', () => {
    expect(formatRational(rationalFromNumber(1.005), 2)).toBe('1.01');
    expect(formatRational(rational(1n, 3n), 4)).toBe('0.3333');
    expect(formatRational(rational(2n, 3n), 4)).toBe('0.6667');
    expect(formatRational(rational(-1n, 8n), 2)).toBe('-0.13');
    expect(formatRational(rational(1n, 1000n), 2)).toBe('0.00');
  });
});

describe('rationals', () => {
  it('reads numbers as their written decimal', () => {
    expect(rationalFromNumber(0.1)).toEqual({ num: 1n, den: 10n });
    expect(rationalFromNumber(3.25)).toEqual({ num: 13n, den: 4n });
    expect(rationalFromNumber(-2.5)).toEqual({ num: -5n, den: 2n });
    expect(rationalFromNumber(1e-7)).toEqual({ num: 1n, den: 10_000_000n });
    expect(rationalFromNumber(1.5e21)).toEqual({ num: 1_500_000_000_000_000_000_000n, den: 1n });
    expect(rationalFromNumber(-0)).toEqual({ num: 0n, den: 1n });
  });

  it('keeps rationals reduced with a positive denominator', () => {
    expect(rational(6n, -4n)).toEqual({ num: -3n, den: 2n });
    expect(() => rational(1n, 0n)).toThrow(RangeError);
    expect(addRationals([rational(1n, 3n), rational(1n, 6n)])).toEqual({ num: 1n, den: 2n });
    expect(addRationals([])).toEqual({ num: 0n, den: 1n });
    expect(compareRationals(rational(1n, 3n), rational(33n, 100n))).toBe(1);
    expect(compareRationals(rational(2n, 4n), rational(1n, 2n))).toBe(0);
  });

  it('converts to the nearest number for charts', () => {
    expect(rationalToNumber(rational(2n, 3n))).toBe(2 / 3);
    expect(rationalToNumber(rational(13n, 4n))).toBe(3.25);
    expect(rationalToNumber(rational(-1n, 10n))).toBe(-0.1);
  });
});

describe('exact means', () => {
  it('averages exactly, then rounds once', () => {
    expect(meanExact([3, 3, 4, 3])).toEqual({ num: 13n, den: 4n });
    expect(roundedMean([3, 3, 4, 3], 1)).toBe(3.3);
    expect(roundedMean([3, 2, 3], 1)).toBe(2.7);
    expect(roundedMean([2.75], 1)).toBe(2.8);
    expect(roundedMean([1, 2], 0)).toBe(2);
    expect(roundedMean([2, 3], 0)).toBe(3);
    expect(roundRational(meanExact([0.1, 0.2])!, 2)).toBe(0.15);
    // 0.1 + 0.2 in floating point is 0.30000000000000004; the exact mean of [0.1, 0.2, 0.15] is 0.15.
    expect(formatRational(meanExact([0.1, 0.2, 0.15]), 3)).toBe('0.150');
  });

  it('has no mean for no values', () => {
    expect(meanExact([])).toBeNull();
    expect(roundedMean([], 1)).toBeNull();
    expect(meanOfRationals([])).toBeNull();
    expect(meanOfMeans([null, null])).toBeNull();
  });

  it('averages the unrounded section means (as the councils\u2019 spreadsheet), skipping sections with no mean', () => {
    const a = meanExact([3, 2, 3]); // 2.666.. shown 2.7
    const b = meanExact([4, 4, 4, 3]); // 3.75 shown 3.8
    const overall = meanOfMeans([a, null, b]);
    // Exact: (8/3 + 15/4) / 2 = 77/24 = 3.2083.. -> 3.2. Averaging the rounded figures would give 3.25 -> 3.3.
    expect(overall).toEqual({ num: 77n, den: 24n });
    expect(formatRational(overall, 1)).toBe('3.2');
    expect(formatRational(overall, 0)).toBe('3');
  });
});

/** A decimal with up to 15 significant digits (so String(Number(text)) has the same value). */
const decimalArb = fc
  .record({
    mantissa: fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }),
    scale: fc.integer({ min: 0, max: 12 }),
  })
  .map(({ mantissa, scale }) => ({ mantissa, scale, x: Number(`${mantissa}e-${scale}`) }));

/** Reference: round mantissa / 10^scale half away from zero to dp places, with BigInt only. */
function referenceRound(mantissa: bigint, scale: number, dp: number): { scaled: bigint } {
  if (dp >= scale) return { scaled: mantissa * 10n ** BigInt(dp - scale) };
  const unit = 10n ** BigInt(scale - dp);
  const neg = mantissa < 0n;
  const a = neg ? -mantissa : mantissa;
  let q = a / unit;
  if (2n * (a % unit) >= unit) q += 1n;
  return { scaled: neg ? -q : q };
}

function referenceText(scaled: bigint, dp: number): string {
  if (dp === 0) return scaled.toString();
  const neg = scaled < 0n;
  const digits = (neg ? -scaled : scaled).toString().padStart(dp + 1, '0');
  return `${neg ? '-' : ''}${digits.slice(0, -dp)}.${digits.slice(-dp)}`;
}

describe('properties', () => {
  it('roundHalfUp agrees with a BigInt reference on random decimals', () => {
    fc.assert(
      fc.property(decimalArb, fc.integer({ min: 0, max: 8 }), ({ mantissa, scale, x }, dp) => {
        const { scaled } = referenceRound(mantissa, scale, dp);
        expect(roundHalfUp(x, dp)).toBe(Number(`${scaled}e-${dp}`));
        expect(formatRational(rationalFromNumber(x), dp)).toBe(referenceText(scaled, dp));
      }),
      { numRuns: 2000 },
    );
  });

  it('is odd-symmetric (half away from zero) and idempotent', () => {
    fc.assert(
      fc.property(decimalArb, fc.integer({ min: 0, max: 6 }), ({ x }, dp) => {
        expect(roundHalfUp(-x, dp) === -roundHalfUp(x, dp)).toBe(true); // -0 === 0
        const once = roundHalfUp(x, dp);
        expect(roundHalfUp(once, dp)).toBe(once);
        expect(Math.abs(once - x)).toBeLessThanOrEqual(0.5 * 10 ** -dp + 1e-9 * Math.max(1, Math.abs(x)));
      }),
    );
  });

  it('keeps every mean between the minimum and the maximum', () => {
    const valueArb = fc.oneof(
      fc.integer({ min: 0, max: 5 }),
      decimalArb.map(({ x }) => x),
    );
    fc.assert(
      fc.property(fc.array(valueArb, { minLength: 1, maxLength: 40 }), (values) => {
        const mean = meanExact(values);
        expect(mean).not.toBeNull();
        if (!mean) return;
        const lo = rationalFromNumber(Math.min(...values));
        const hi = rationalFromNumber(Math.max(...values));
        expect(compareRationals(lo, mean)).toBeLessThanOrEqual(0);
        expect(compareRationals(mean, hi)).toBeLessThanOrEqual(0);
        const shown = roundRational(mean, 1);
        expect(shown).toBeGreaterThanOrEqual(roundHalfUp(Math.min(...values), 1));
        expect(shown).toBeLessThanOrEqual(roundHalfUp(Math.max(...values), 1));
      }),
    );
  });

  it('meanOfMeans of equal-sized groups equals the mean of all values', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 6, maxLength: 6 }), {
          minLength: 1,
          maxLength: 6,
        }),
        (size, groups) => {
          const trimmed = groups.map((g) => g.slice(0, size));
          const overall = meanOfMeans(trimmed.map((g) => meanExact(g)));
          expect(overall).toEqual(meanExact(trimmed.flat()));
        },
      ),
    );
  });
});
