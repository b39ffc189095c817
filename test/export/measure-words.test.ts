/** `measureWords` (layout.ts): the same figures as measuring a text and then each word of `split(/\s+/)`. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measureWords, textTwips } from '../../electron/export/layout';

/** The two-pass measurement measureWords replaces. */
function twoPass(text: string, halfPoints: number, bold: boolean) {
  const words = text
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => [textTwips(w, halfPoints, bold), w.length]);
  return { total: textTwips(text, halfPoints, bold), words };
}

function onePass(text: string, halfPoints: number, bold: boolean) {
  const words: number[][] = [];
  const total = measureWords(text, halfPoints, bold, (twips, length) => words.push([twips, length]));
  return { total, words };
}

// Letters, the typographic characters with their own widths, every kind of space \s matches, surrogate
// pairs and lone surrogates.
const pieces = [
  'a',
  'W',
  'i',
  '1',
  '.',
  '’',
  '“',
  '–',
  '—',
  '…',
  'é',
  ' ',
  '  ',
  '\t',
  '\n',
  '\u00a0',
  '\u2003',
  '\u202f',
  '\u3000',
  '\ufeff',
  '\u2028',
  '😀',
  '\ud800',
  '\udc00',
  'Commissioning',
  'Manager',
];

describe('measureWords', () => {
  it('matches textTwips of the text and of each word, with their lengths', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((a) => a.join('')),
        fc.integer({ min: 16, max: 28 }),
        fc.boolean(),
        (text, halfPoints, bold) => {
          expect(onePass(text, halfPoints, bold)).toEqual(twoPass(text, halfPoints, bold));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('agrees with \\s on every UTF-16 code unit', () => {
    for (let code = 0; code < 0x10000; code++) {
      const ch = String.fromCharCode(code);
      const words = onePass(`a${ch}a`, 20, false).words.length;
      if (words !== (/\s/.test(ch) ? 2 : 1)) throw new Error(`code unit ${code.toString(16)} is read wrongly`);
    }
  });
});
