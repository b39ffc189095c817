import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { RatingLevel } from '../../shared/model';
import { formatRational, meanExact } from '../../shared/rounding';
import {
  EXTRA_LEVELS,
  LEVEL_SHAPES,
  SCALE_PRESETS,
  SHAPE_NAMES,
  actionDirection,
  contrastRatio,
  contrastingTextColour,
  countByLevel,
  directionLabel,
  formatMeanOf,
  indicatorDirection,
  isNumericScale,
  levelScore,
  levelShape,
  meanDirection,
  needsExplanation,
  overallMean,
  ratingIsComplete,
  roundMean,
  scoreOf,
  sectionMean,
  sortLevels,
  toScaleLevels,
  type Direction,
  type ScaleLevel,
  type ScalePresetId,
} from '../../shared/ratings';

const presetIds = Object.keys(SCALE_PRESETS) as ScalePresetId[];
const scale = (id: ScalePresetId, extra: ScaleLevel[] = []): ScaleLevel[] => [
  ...toScaleLevels(SCALE_PRESETS[id].levels, (l) => `${id}:${l.key}`),
  ...extra,
];
const five = scale('five-level');
const colour = scale('four-level-colour');
const id5 = (n: number): string => `five-level:${n}`;
const idC = (k: 'R' | 'A' | 'G' | 'B'): string => `four-level-colour:${k}`;

describe('presets', () => {
  it('has the five presets, each level with a text label, a six-digit colour and a definition', () => {
    expect(presetIds.sort()).toEqual(['five-level', 'four-level-colour', 'rag', 'rag-blue', 'words']);
    for (const id of presetIds) {
      const p = SCALE_PRESETS[id];
      expect(p.id).toBe(id);
      expect(p.name).not.toBe('');
      const keys = new Set(p.levels.map((l) => l.key));
      expect(keys.size).toBe(p.levels.length);
      for (const l of p.levels) {
        expect(l.label.trim()).not.toBe('');
        expect(l.colour).toMatch(/^[0-9A-F]{6}$/);
        expect(l.definition.trim()).not.toBe('');
      }
    }
  });

  it('five-level: values 1-5 and the 2017-19 definitions word for word', () => {
    const levels = SCALE_PRESETS['five-level'].levels;
    expect(levels.map((l) => l.value)).toEqual([1, 2, 3, 4, 5]);
    expect(levels.map((l) => l.key)).toEqual(['1', '2', '3', '4', '5']);
    expect(levels.map((l) => l.label.split(' ')[0])).toEqual(['1', '2', '3', '4', '5']);
    expect(levels.map((l) => l.definition)).toEqual([
      'Not started or significantly delayed; must be prioritised',
      'Started with some delay; must be monitored',
      'On track for the agreed date',
      'Completed with evidence the improvement is sustained; stays in the plan for monitoring',
      'Completed and sustained; can be removed from the plan',
    ]);
    expect(levels.map((l) => l.requiresExplanation)).toEqual([true, true, false, false, false]);
    expect(levels.map((l) => l.countsAsComplete)).toEqual([false, false, false, true, true]);
    expect(levels.map((l) => l.canBeRemoved)).toEqual([false, false, false, false, true]);
  });

  it('four-level colour: the 2020 plan key and fills', () => {
    const levels = SCALE_PRESETS['four-level-colour'].levels;
    expect(levels.map((l) => l.label)).toEqual(['Red', 'Amber', 'Green', 'Blue']);
    expect(levels.map((l) => l.colour)).toEqual(['FF0000', 'FFC000', '00B050', '0070C0']);
    expect(levels.map((l) => l.definition)).toEqual([
      'Action has not started or progressed',
      'Action and some progress but not fully achieved',
      'Action delivered and showing impact, further work to achieve desired level of consistency in practice',
      'Action delivered and evidence of consistency in practice and impact. Remains for continued monitoring',
    ]);
    expect(levels.map((l) => l.value)).toEqual([null, null, null, null]);
    expect(levels.map((l) => l.requiresExplanation)).toEqual([true, true, false, false]);
    expect(levels.map((l) => l.countsAsComplete)).toEqual([false, false, false, true]);
  });

  it('RAG, RAG plus Blue and words', () => {
    expect(SCALE_PRESETS.rag.levels.map((l) => l.label)).toEqual(['Red', 'Amber', 'Green']);
    expect(SCALE_PRESETS['rag-blue'].levels.map((l) => l.label)).toEqual(['Red', 'Amber', 'Green', 'Blue']);
    expect(SCALE_PRESETS['rag-blue'].levels.at(-1)?.countsAsComplete).toBe(true);
    const words = SCALE_PRESETS.words.levels;
    expect(words.map((l) => l.label)).toEqual(['Not started', 'Delayed', 'On track', 'Completed']);
    expect(words.map((l) => l.key)).toContain('COMPLETED');
    // Red and amber style levels need an explanation in every preset.
    for (const id of presetIds)
      expect(SCALE_PRESETS[id].levels.slice(0, 2).every((l) => l.requiresExplanation)).toBe(true);
  });

  it('extra N/A and Deferred levels are never scored', () => {
    expect(EXTRA_LEVELS.notApplicable.excludedFromMean).toBe(true);
    expect(EXTRA_LEVELS.deferred.excludedFromMean).toBe(true);
  });

  it('stored RatingLevel rows are usable as ScaleLevel', () => {
    const stored: RatingLevel[] = [];
    const levels: readonly ScaleLevel[] = stored; // compile-time check
    expect(levels).toEqual([]);
  });
});

describe('contrastingTextColour (WCAG)', () => {
  it.each([
    ['FF0000', '000000'],
    ['FFC000', '000000'],
    ['00B050', '000000'],
    ['92D050', '000000'],
    ['0070C0', 'FFFFFF'],
    ['000000', 'FFFFFF'],
    ['FFFFFF', '000000'],
    ['#0070c0', 'FFFFFF'],
    ['002060', 'FFFFFF'],
  ] as const)('%s -> %s', (bg, fg) => {
    expect(contrastingTextColour(bg)).toBe(fg);
  });

  it('refuses a malformed colour', () => {
    expect(() => contrastingTextColour('red')).toThrow(RangeError);
    expect(() => contrastingTextColour('FFF')).toThrow(RangeError);
  });

  it('always picks the better of black and white (at least 4.5:1)', () => {
    const hex = fc.integer({ min: 0, max: 0xffffff }).map((n) => n.toString(16).padStart(6, '0').toUpperCase());
    fc.assert(
      fc.property(hex, (bg) => {
        const fg = contrastingTextColour(bg);
        const other = fg === '000000' ? 'FFFFFF' : '000000';
        expect(contrastRatio(bg, fg)).toBeGreaterThanOrEqual(contrastRatio(bg, other));
        expect(contrastRatio(bg, fg)).toBeGreaterThanOrEqual(4.5);
      }),
    );
  });
});

describe('levelShape', () => {
  it('gives each level of every preset a distinct shape, by position', () => {
    for (const id of presetIds) {
      const levels = scale(id, [{ ...EXTRA_LEVELS.notApplicable, id: 'na', position: 99 }]);
      const shapes = levels.map((l) => levelShape(l, levels));
      expect(new Set(shapes).size).toBe(levels.length);
      for (const s of shapes) expect(SHAPE_NAMES[s]).toBeTruthy();
    }
    expect(levelShape(five[0]!, five)).toBe('■');
    expect(levelShape(five[1]!, five)).toBe('♦');
  });

  it('depends on position, not array order', () => {
    const reversed = [...five].reverse();
    expect(five.map((l) => levelShape(l, reversed))).toEqual(LEVEL_SHAPES.slice(0, 5));
  });
});

describe('scores', () => {
  it('uses the numeric value on a numeric scale', () => {
    expect(isNumericScale(five)).toBe(true);
    expect(five.map((l) => levelScore(l, five))).toEqual([1, 2, 3, 4, 5]);
  });

  it('uses the 1-based order when no level has a value', () => {
    expect(isNumericScale(colour)).toBe(false);
    expect(colour.map((l) => levelScore(l, colour))).toEqual([1, 2, 3, 4]);
    const shuffled = [colour[2]!, colour[0]!, colour[3]!, colour[1]!];
    expect(shuffled.map((l) => levelScore(l, shuffled))).toEqual([3, 1, 4, 2]);
  });

  it('leaves out N/A and Deferred, and value-less levels on a numeric scale', () => {
    const na: ScaleLevel = { ...EXTRA_LEVELS.notApplicable, id: 'na', position: 1.5 };
    const withNa = [...colour, na];
    expect(levelScore(na, withNa)).toBeNull();
    expect(withNa.map((l) => levelScore(l, withNa))).toEqual([1, 2, 3, 4, null]);
    const deferred: ScaleLevel = { ...EXTRA_LEVELS.deferred, id: 'def', position: 0.5, excludedFromMean: false };
    const fiveWithDeferred = [...five, deferred];
    expect(levelScore(deferred, fiveWithDeferred)).toBeNull(); // numeric scale, no value
    expect(scoreOf('def', fiveWithDeferred)).toBeNull();
    expect(scoreOf(null, five)).toBeNull();
    expect(scoreOf('nope', five)).toBeNull();
    expect(scoreOf(id5(4), five)).toBe(4);
  });
});

describe('means', () => {
  it('section mean leaves out unrated rows; half-up at 1 and 0 dp', () => {
    const m = sectionMean([id5(3), id5(3), null, id5(4), id5(3)], five);
    expect(m).toEqual({ num: 13n, den: 4n, count: 4 });
    expect(formatMeanOf(m, 1)).toBe('3.3');
    expect(formatMeanOf(m, 0)).toBe('3');
    expect(roundMean(m, 1)).toBe(3.3);
    expect(formatMeanOf(sectionMean([id5(3), id5(2), id5(3)], five), 1)).toBe('2.7');
    expect(formatMeanOf(sectionMean([id5(1), id5(2)], five), 0)).toBe('2');
    expect(formatMeanOf(sectionMean([id5(3), id5(3), id5(3)], five), 1)).toBe('3.0');
  });

  it('has no mean (a dash, never 0) when nothing is rated', () => {
    expect(sectionMean([], five)).toBeNull();
    expect(sectionMean([null, null], five)).toBeNull();
    expect(sectionMean(['unknown-level'], five)).toBeNull();
    expect(formatMeanOf(sectionMean([null], five), 1)).toBe('–');
    expect(roundMean(null, 1)).toBeNull();
  });

  it('colour scales average the level order; N/A is left out', () => {
    const withNa = [...colour, { ...EXTRA_LEVELS.notApplicable, id: 'na', position: 9 }];
    const m = sectionMean([idC('R'), idC('A'), idC('G'), idC('B'), 'na'], withNa);
    expect(m?.count).toBe(4);
    expect(formatMeanOf(m, 1)).toBe('2.5');
    expect(formatMeanOf(m, 0)).toBe('3');
  });

  it('overall is the unweighted mean of the unrounded section means, rounded once', () => {
    const a = sectionMean([id5(3), id5(2), id5(3)], five); // 8/3, shown 2.7
    const b = sectionMean([id5(4), id5(4), id5(4), id5(3)], five); // 15/4, shown 3.8
    const none = sectionMean([null], five);
    const overall = overallMean([a, none, b]);
    expect(overall).toEqual({ num: 77n, den: 24n, count: 2 });
    expect(formatMeanOf(overall, 1)).toBe('3.2'); // not 3.3 from (2.7 + 3.8) / 2
    expect(formatMeanOf(overall, 0)).toBe('3');
    expect(overallMean([none, null])).toBeNull();
    // Unweighted: a section with one row counts as much as one with ten.
    const big = sectionMean(
      Array.from({ length: 10 }, () => id5(5)),
      five,
    );
    const small = sectionMean([id5(1)], five);
    expect(formatMeanOf(overallMean([big, small]), 1)).toBe('3.0');
  });

  it('a section mean lies between its lowest and highest rating', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }), { maxLength: 30 }), (ratings) => {
        const m = sectionMean(
          ratings.map((r) => (r === null ? null : id5(r))),
          five,
        );
        const rated = ratings.filter((r): r is number => r !== null);
        if (rated.length === 0) {
          expect(m).toBeNull();
          return;
        }
        expect(m).toMatchObject(meanExact(rated) ?? {});
        const shown = roundMean(m, 1) ?? Number.NaN;
        expect(shown).toBeGreaterThanOrEqual(Math.min(...rated));
        expect(shown).toBeLessThanOrEqual(Math.max(...rated));
      }),
    );
  });
});

describe('countByLevel', () => {
  it('counts per level, not rated and unknown', () => {
    const c = countByLevel([id5(1), id5(3), id5(3), null, 'gone', null], five);
    expect(c.byLevel).toEqual({ [id5(1)]: 1, [id5(2)]: 0, [id5(3)]: 2, [id5(4)]: 0, [id5(5)]: 0 });
    expect(c.notRated).toBe(2);
    expect(c.unknown).toBe(1);
    expect(c.total).toBe(6);
  });
});

describe('direction of travel', () => {
  it('per row', () => {
    expect(actionDirection(id5(2), id5(3), five)).toBe('improved');
    expect(actionDirection(id5(3), id5(3), five)).toBe('no-change');
    expect(actionDirection(id5(4), id5(2), five)).toBe('declined');
    expect(actionDirection(null, id5(2), five)).toBe('new');
    expect(actionDirection(id5(2), null, five)).toBe('not-rated');
    expect(actionDirection(null, null, five)).toBe('not-rated');
    expect(actionDirection(idC('R'), idC('A'), colour)).toBe('improved');
    expect(actionDirection(idC('B'), idC('G'), colour)).toBe('declined');
    const withNa = [...colour, { ...EXTRA_LEVELS.notApplicable, id: 'na', position: 9 }];
    expect(actionDirection(idC('R'), 'na', withNa)).toBe('not-rated');
    expect(actionDirection('na', idC('R'), withNa)).toBe('new');
  });

  it('per section, comparing the figures as shown at 1 dp', () => {
    expect(meanDirection(3.24, 3.21)).toBe('no-change'); // both "3.2"
    expect(meanDirection(3.2, 3.25)).toBe('improved'); // "3.2" -> "3.3"
    expect(meanDirection(3.35, 3.3)).toBe('declined'); // "3.4" -> "3.3"
    expect(meanDirection(null, 3)).toBe('new');
    expect(meanDirection(3, null)).toBe('not-rated');
    expect(meanDirection(null, null)).toBe('not-rated');
    const a = sectionMean([id5(3), id5(3), id5(4), id5(3)], five); // 3.25 -> "3.3"
    const b = sectionMean([id5(3), id5(4), id5(3)], five); // 3.333 -> "3.3"
    expect(meanDirection(a, b)).toBe('no-change');
    expect(meanDirection(3.2, a)).toBe('improved');
  });

  it('labels: arrow and British English words', () => {
    expect(directionLabel('improved')).toEqual({ arrow: '↑', words: 'Improved' });
    expect(directionLabel('no-change')).toEqual({ arrow: '→', words: 'No change' });
    expect(directionLabel('declined')).toEqual({ arrow: '↓', words: 'Declined' });
    expect(directionLabel('new')).toEqual({ arrow: '+', words: 'New' });
    expect(directionLabel('not-rated')).toEqual({ arrow: '–', words: 'Not rated' });
  });

  it('indicators respect polarity; missing is not zero', () => {
    expect(indicatorDirection(80, 83, 'higher-is-better')).toBe('improved');
    expect(indicatorDirection(80, 83, 'lower-is-better')).toBe('declined');
    expect(indicatorDirection(30, 25, 'lower-is-better')).toBe('improved');
    expect(indicatorDirection(30, 30, 'lower-is-better')).toBe('no-change');
    expect(indicatorDirection(null, 0, 'higher-is-better')).toBe('not-rated');
    expect(indicatorDirection(5, null, 'lower-is-better')).toBe('not-rated');
    expect(indicatorDirection(Number.NaN, 5, 'lower-is-better')).toBe('not-rated');
  });

  const opposite: Record<Direction, Direction> = {
    improved: 'declined',
    declined: 'improved',
    'no-change': 'no-change',
    new: 'new',
    'not-rated': 'not-rated',
  };

  it('is antisymmetric', () => {
    const level = fc.integer({ min: 1, max: 5 }).map(id5);
    fc.assert(
      fc.property(level, level, (a, b) => {
        expect(actionDirection(b, a, five)).toBe(opposite[actionDirection(a, b, five)]);
      }),
    );
    const mean = fc.integer({ min: 100, max: 500 }).map((n) => n / 100);
    fc.assert(
      fc.property(mean, mean, (a, b) => {
        expect(meanDirection(b, a)).toBe(opposite[meanDirection(a, b)]);
      }),
    );
    const value = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    const polarity = fc.constantFrom('higher-is-better' as const, 'lower-is-better' as const);
    fc.assert(
      fc.property(value, value, polarity, (a, b, p) => {
        expect(indicatorDirection(b, a, p)).toBe(opposite[indicatorDirection(a, b, p)]);
        const flipped = p === 'higher-is-better' ? 'lower-is-better' : 'higher-is-better';
        expect(indicatorDirection(a, b, flipped)).toBe(opposite[indicatorDirection(a, b, p)]);
      }),
    );
  });
});

describe('explanations', () => {
  it('red and amber style levels need an explanation and a corrective action', () => {
    expect(five.map(needsExplanation)).toEqual([true, true, false, false, false]);
    expect(ratingIsComplete({ levelId: id5(1) }, five)).toBe(false);
    expect(ratingIsComplete({ levelId: id5(1), explanation: 'Recruitment delayed' }, five)).toBe(false);
    expect(
      ratingIsComplete({ levelId: id5(1), explanation: 'Recruitment delayed', correctiveAction: '   ' }, five),
    ).toBe(false);
    expect(
      ratingIsComplete(
        { levelId: id5(1), explanation: 'Recruitment delayed', correctiveAction: 'Agency cover agreed' },
        five,
      ),
    ).toBe(true);
    expect(ratingIsComplete({ levelId: id5(3) }, five)).toBe(true);
    expect(ratingIsComplete({ levelId: null, explanation: 'x', correctiveAction: 'y' }, five)).toBe(false);
    expect(ratingIsComplete({ levelId: 'gone' }, five)).toBe(false);
    expect(ratingIsComplete({ levelId: idC('A'), explanation: 'x', correctiveAction: null }, colour)).toBe(false);
  });

  it('sorts levels by position without mutating', () => {
    const reversed = [...five].reverse();
    expect(sortLevels(reversed).map((l) => l.key)).toEqual(['1', '2', '3', '4', '5']);
    expect(reversed[0]?.key).toBe('5');
  });
});

describe('rounding integration', () => {
  it('ExactMean is a Rational for the rounding module', () => {
    expect(formatRational(sectionMean([id5(2), id5(3), id5(3), id5(3)], five), 1)).toBe('2.8');
  });
});
