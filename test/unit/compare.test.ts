import { describe, expect, it } from 'vitest';
import { compareChoices, defaultCompareId, periodBefore } from '../../shared/compare';

const periods = [
  { id: 'nov', position: 1 },
  { id: 'jan', position: 2 },
  { id: 'mar', position: 3 },
];

describe('compare with: the period before', () => {
  it('defaults every period to the one just before it', () => {
    const plan = { currentPeriodId: null, comparePeriodId: null };
    expect(defaultCompareId(periods, plan, 'mar')).toBe('jan');
    expect(defaultCompareId(periods, plan, 'jan')).toBe('nov');
    expect(defaultCompareId(periods, plan, 'nov')).toBeNull();
    expect(defaultCompareId(periods, plan, null)).toBeNull();
    expect(defaultCompareId(periods, plan, 'gone')).toBeNull();
  });
  it('picking the newest period never leaves the comparison two periods back', () => {
    // The plan's current period is January, compared with November; the author picks March.
    const plan = { currentPeriodId: 'jan', comparePeriodId: 'nov' };
    expect(defaultCompareId(periods, plan, 'mar')).toBe('jan');
    expect(defaultCompareId(periods, plan, 'jan')).toBe('nov');
  });
  it('keeps the plan’s own setting for its current period only when it is earlier', () => {
    expect(defaultCompareId(periods, { currentPeriodId: 'mar', comparePeriodId: 'nov' }, 'mar')).toBe('nov');
    expect(defaultCompareId(periods, { currentPeriodId: 'jan', comparePeriodId: 'mar' }, 'jan')).toBe('nov');
    expect(defaultCompareId(periods, { currentPeriodId: 'jan', comparePeriodId: 'jan' }, 'jan')).toBe('nov');
  });
  it('never offers the period itself', () => {
    expect(compareChoices(periods, 'jan').map((p) => p.id)).toEqual(['nov', 'mar']);
    expect(periodBefore([...periods].reverse(), 'mar')?.id).toBe('jan');
  });
});
