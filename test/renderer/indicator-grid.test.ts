/** The indicator editor's grid rules: typed values, blocks pasted from Excel, month labels (issue 13.2). */
import { describe, expect, it } from 'vitest';
import { addMonth, nextLabel, parseClipboard, pasteBlock, readTypedValue } from '../../renderer/src/indicators/grid';

const v = (label: string, value: number | null, note = '') => ({ label, value, note });

describe('typed values', () => {
  it('reads numbers with % and commas, a blank as missing, and refuses words with a plain message', () => {
    expect(readTypedValue('83.5%')).toEqual({ value: 83.5 });
    expect(readTypedValue('1,204')).toEqual({ value: 1204 });
    expect(readTypedValue('  ')).toEqual({ value: null });
    expect(readTypedValue('0')).toEqual({ value: 0 });
    const refused = readTypedValue('data being collated');
    expect('error' in refused && refused.error).toMatch(/^"data being collated" is not a number\. Type a number/);
  });
});

describe('month labels', () => {
  it('follows on from the last month', () => {
    expect(nextLabel('Dec 2025', 7)).toBe('Jan 2026');
    expect(nextLabel('Sept 2026', 2)).toBe('Oct 2026');
    expect(nextLabel('Mar', 3)).toBe('Apr');
    expect(nextLabel('Dec-17', 3)).toBe('Jan-18');
    expect(nextLabel('Q4', 4)).toBe('Q1');
    expect(nextLabel('Baseline', 4)).toBe('Month 4');
    expect(addMonth([], new Date(2026, 11, 2))).toEqual([v('Dec 2026', null)]);
  });
});

describe('pasting from Excel', () => {
  it('parses tab-separated rows (Windows line ends, quoted cells)', () => {
    expect(parseClipboard('a\tb\r\n"c\td"\te\r\n')).toEqual([
      ['a', 'b'],
      ['c\td', 'e'],
    ]);
  });

  it('fills month, value and note from the label column, growing the grid; blank stays missing, never 0', () => {
    const base = [v('Jul 2025', 80)];
    const r = pasteBlock(
      base,
      1,
      'label',
      'Aug 2025\t81.5%\t\nSep 2025\t\tOnly collected quarterly\nOct 2025\tdata being collated\n',
    );
    expect(r.values).toEqual([
      v('Jul 2025', 80),
      v('Aug 2025', 81.5),
      v('Sep 2025', null, 'Only collected quarterly'),
      v('Oct 2025', null, 'data being collated'),
    ]);
    expect(r.warning).toBeNull();
  });

  it('reads a single row across (as Excel lays out months) downwards from a value cell', () => {
    const r = pasteBlock([v('Jul 2025', null)], 0, 'value', '1,204\t1,310\t\t1,402\n');
    expect(r.values).toEqual([v('Jul 2025', 1204), v('Aug 2025', 1310), v('Sep 2025', null), v('Oct 2025', 1402)]);
  });

  it('takes month labels across with the values under them', () => {
    const r = pasteBlock([], 0, 'value', 'Jul\tAug\tSep\n12\t\tn/a\n');
    expect(r.values).toEqual([v('Jul', 12), v('Aug', null), v('Sep', null)]);
  });

  it('puts notes only from the note column, and says when a paste runs past 60 values', () => {
    const r = pasteBlock([v('Jul', 1), v('Aug', 2)], 0, 'note', 'provisional\nrevised\n');
    expect(r.values).toEqual([v('Jul', 1, 'provisional'), v('Aug', 2, 'revised')]);
    const long = pasteBlock([], 0, 'value', Array.from({ length: 65 }, (_, i) => String(i)).join('\n'));
    expect(long.values).toHaveLength(60);
    expect(long.warning).toMatch(/at most 60 values/);
  });
});
