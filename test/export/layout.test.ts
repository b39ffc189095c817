/** Column widths: whole twips that always add up exactly to the text width, minimums respected. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  distributeWidths,
  LANDSCAPE_A4,
  longestWordWidth,
  PORTRAIT_A4,
  textWidth,
  widthsWithMinimums,
} from '../../electron/export/layout';
import { cleanText, hasIllegalCharacters, paragraphsOf } from '../../electron/export/text';

describe('page geometry', () => {
  it('is A4 landscape and portrait in twips', () => {
    expect([LANDSCAPE_A4.width, LANDSCAPE_A4.height]).toEqual([16838, 11906]);
    expect([PORTRAIT_A4.width, PORTRAIT_A4.height]).toEqual([11906, 16838]);
    expect(textWidth(LANDSCAPE_A4)).toBe(16838 - 1440);
  });
});

describe('column widths', () => {
  const weights = fc.array(fc.double({ min: 0.2, max: 10, noNaN: true }), { minLength: 1, maxLength: 30 });
  const total = fc.integer({ min: 2000, max: 20000 });

  it('sum exactly to the total, whole twips, roughly in proportion', () => {
    fc.assert(
      fc.property(weights, total, (ws, t) => {
        const out = distributeWidths(ws, t);
        expect(out.reduce((a, b) => a + b, 0)).toBe(t);
        for (const w of out) expect(Number.isInteger(w) && w > 0).toBe(true);
      }),
    );
    expect(distributeWidths([1, 1, 2], 4000, 0)).toEqual([1000, 1000, 2000]);
  });

  it('raise columns to their minimum where the total allows, still summing exactly', () => {
    fc.assert(
      fc.property(
        weights,
        total,
        fc.array(fc.integer({ min: 0, max: 1500 }), { minLength: 30, maxLength: 30 }),
        (ws, t, mins) => {
          const m = mins.slice(0, ws.length);
          const out = widthsWithMinimums(ws, m, t);
          expect(out.reduce((a, b) => a + b, 0)).toBe(t);
          if (m.reduce((a, b) => a + b, 0) < t * 0.8) out.forEach((w, i) => expect(w).toBeGreaterThanOrEqual(m[i]!));
        },
      ),
    );
  });

  it('fit a header word such as "Reference" without splitting it', () => {
    const need = longestWordWidth('Reference', 18, { bold: true });
    const [ref] = widthsWithMinimums([0.3, 5, 5], [need, 0, 0], 15398);
    expect(ref).toBeGreaterThanOrEqual(need);
  });
});

describe('text hygiene', () => {
  it('strips characters XML cannot hold, keeps tabs, newlines and real surrogate pairs', () => {
    expect(cleanText('a\u0001b\u000bc\u000cd\uD800e\uDC00f\u0008g')).toBe('abcdefg');
    expect(cleanText('tab\there\r\nline 😀')).toBe('tab\there\nline 😀');
    expect(hasIllegalCharacters('ok 😀')).toBe(false);
    expect(hasIllegalCharacters('bad \u0002')).toBe(true);
  });

  it('splits narrative text into paragraphs, dropping blank lines', () => {
    expect(paragraphsOf('Completed.\r\n\r\nSecond paragraph.  \n\n')).toEqual(['Completed.', 'Second paragraph.']);
  });
});
