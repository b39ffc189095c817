import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOrderKey, keysAfter, mintKey, rekey } from '../../shared/sync/order';

const key = fc.stringMatching(/^[0-9A-Za-z]{0,5}[1-9A-Za-z]$/);
const jitter = fc.stringMatching(/^[0-9A-Za-z]{0,3}$/);

describe('minting and re-keying order keys', () => {
  it('mintKey with jitter stays strictly between its neighbours and is a key', () => {
    fc.assert(
      fc.property(fc.option(key), fc.option(key), jitter, (x, y, j) => {
        let a = x;
        let b = y;
        if (a !== null && b !== null) {
          if (a === b) return;
          if (a > b) [a, b] = [b, a];
        }
        const k = mintKey(a, b, j);
        expect(isOrderKey(k)).toBe(true);
        if (a !== null) expect(k > a).toBe(true);
        if (b !== null) expect(k < b).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('between two rows with the same key (two copies minted alike) it goes after them, before the next key', () => {
    const [a, c] = keysAfter(null, 2) as [string, string];
    const k = mintKey(a, a, 'x', c);
    expect(k > a && k < c).toBe(true);
    expect(mintKey(a, a, 'x', null) > a).toBe(true);
    expect(mintKey('', null, '')).toBe(mintKey(null, null, '')); // a row that arrived without a key counts as the start
  });

  it('rekey of any new order gives increasing keys and keeps the longest run already in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.array(fc.nat()), (n, picks) => {
        const keys = keysAfter(null, n);
        // A new order: a random permutation.
        const order = keys.map((_, i) => i);
        if (n > 0)
          picks.forEach((p, i) => {
            const a = i % Math.max(1, n);
            const b = p % Math.max(1, n);
            [order[a], order[b]] = [order[b]!, order[a]!];
          });
        const current = order.map((i) => keys[i]!);
        const out = rekey(current, () => 'Q');
        expect([...out].sort()).toEqual(out);
        expect(new Set(out).size).toBe(n);
        // Drag one row: at most one key changes.
        if (n > 0) {
          const dragged = [...keys];
          const [m] = dragged.splice((picks[0] ?? 0) % n, 1);
          dragged.splice((picks[1] ?? 0) % n, 0, m!);
          const again = rekey(dragged, () => 'Q');
          expect(again.filter((k, i) => k !== dragged[i]).length).toBeLessThanOrEqual(1);
          expect([...again].sort()).toEqual(again);
        }
      }),
    );
  });
});
