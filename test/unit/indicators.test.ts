import { describe, expect, it } from 'vitest';
import {
  formatIndicatorValue,
  indicatorFigures,
  indicatorTravelLabel,
  latestValue,
  meetsTarget,
  yearToDate,
} from '../../shared/indicators';
import type { Indicator } from '../../shared/model';

const v = (label: string, value: number | null, note = '') => ({ label, value, note });
const ind = (over: Partial<Indicator>): Pick<Indicator, 'values' | 'polarity' | 'yearToDate' | 'unit' | 'target'> => ({
  values: [],
  polarity: 'higher-is-better',
  yearToDate: 'latest',
  unit: 'percent',
  target: null,
  ...over,
});

describe('indicator figures', () => {
  it('never counts a missing value as zero', () => {
    const i = ind({
      values: [v('Jul', 80), v('Aug', null, 'data being collated'), v('Sep', 70), v('Oct', null)],
      yearToDate: 'mean',
    });
    expect(latestValue(i)).toEqual({ label: 'Sep', value: 70, note: '' });
    expect(yearToDate(i)).toBe(75);
    expect(yearToDate({ ...i, yearToDate: 'sum' })).toBe(150);
    expect(yearToDate({ ...i, yearToDate: 'latest' })).toBe(70);
    expect(yearToDate(ind({ values: [v('Jul', null)] }))).toBeNull();
  });

  it('sums exactly and takes the mean half-up to one place', () => {
    expect(yearToDate(ind({ values: [v('a', 0.1), v('b', 0.2)], yearToDate: 'sum' }))).toBe(0.3);
    expect(yearToDate(ind({ values: [v('a', 3.2), v('b', 3.3)], yearToDate: 'mean' }))).toBe(3.3);
  });

  it('gives the direction of travel by polarity, over the last two present values', () => {
    const falling = [v('Jul', 24), v('Aug', 21), v('Sep', null, 'only collected quarterly')];
    expect(indicatorTravelLabel(ind({ values: falling, polarity: 'lower-is-better' }))).toEqual({
      arrow: '↑',
      words: 'Improved',
    });
    expect(indicatorTravelLabel(ind({ values: falling, polarity: 'higher-is-better' }))).toEqual({
      arrow: '↓',
      words: 'Declined',
    });
    expect(indicatorTravelLabel(ind({ values: [v('Jul', 5), v('Aug', 5)] }))).toEqual({
      arrow: '→',
      words: 'No change',
    });
    expect(indicatorTravelLabel(ind({ values: [v('Jul', 5), v('Aug', null)] }))).toEqual({
      arrow: '–',
      words: 'Not rated',
    });
  });

  it('meets the target by polarity', () => {
    expect(meetsTarget(ind({ values: [v('Jul', 12)], target: 15, polarity: 'lower-is-better' }))).toBe(true);
    expect(meetsTarget(ind({ values: [v('Jul', 12)], target: 15 }))).toBe(false);
    expect(meetsTarget(ind({ values: [v('Jul', null)], target: 15 }))).toBeNull();
    expect(indicatorFigures(ind({ values: [v('Jul', 90), v('Aug', 95)], target: 90 }))).toMatchObject({
      latest: { value: 95 },
      yearToDate: 95,
      travel: 'improved',
      meetsTarget: true,
    });
  });

  it('writes values with their unit and missing as missing', () => {
    expect(formatIndicatorValue(83.5, 'percent')).toBe('83.5%');
    expect(formatIndicatorValue(1, 'days')).toBe('1 day');
    expect(formatIndicatorValue(245, 'days')).toBe('245 days');
    expect(formatIndicatorValue(17, 'count')).toBe('17');
    expect(formatIndicatorValue(null, 'percent')).toBe('Missing');
  });
});
