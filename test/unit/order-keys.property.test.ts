import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOrderKey, keyBetween, keysAfter } from '../../shared/sync/order';

describe('fractional order keys', () => {
  it('a key between two keys sorts strictly between them and is a key', () => {
    const key = fc.stringMatching(/^[0-9A-Za-z]{0,6}[1-9A-Za-z]$/);
    fc.assert(
      fc.property(fc.option(key), fc.option(key), (x, y) => {
        let a = x;
        let b = y;
        if (a !== null && b !== null) {
          if (a === b) return;
          if (a > b) [a, b] = [b, a];
        }
        const k = keyBetween(a, b);
        expect(isOrderKey(k)).toBe(true);
        if (a !== null) expect(k > a).toBe(true);
        if (b !== null) expect(k < b).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('repeated inserts at one place never rewrite a neighbour and stay short', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 200 }), (picks) => {
        const keys: string[] = [];
        for (const p of picks) {
          const i = p % (keys.length + 1);
          const k = keyBetween(keys[i - 1] ?? null, keys[i] ?? null);
          const before = [...keys];
          keys.splice(i, 0, k);
          expect(keys.filter((x) => x !== k)).toEqual(before);
        }
        expect([...keys].sort()).toEqual(keys);
        expect(Math.max(...keys.map((k) => k.length))).toBeLessThanOrEqual(200);
      }),
    );
  });

  it('two copies inserting at the same place both keep their keys', () => {
    const [a, b] = keysAfter(null, 2) as [string, string];
    const left = keyBetween(a, b);
    const right = keyBetween(a, b);
    expect(left).toBe(right); // same key: ties are broken by row id, the same on every copy
    expect(a < left && left < b).toBe(true);
  });
});
