// @vitest-environment jsdom
/** useToday: the plan table's "today" moves on at local midnight, so overdue tags do not go stale. */
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { localIsoDate, msUntilMidnight, useToday } from '../../renderer/src/state/useToday';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('useToday', () => {
  it('gives the local date and the time to the next midnight', () => {
    expect(localIsoDate(new Date(2026, 0, 31, 23, 59))).toBe('2026-01-31');
    expect(msUntilMidnight(new Date(2026, 0, 31, 23, 59, 0))).toBe(61_000);
  });

  it('re-renders with the new date after midnight, and again the night after', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date(2026, 0, 31, 23, 59, 0));
    const { result } = renderHook(() => useToday());
    expect(result.current).toBe('2026-01-31');
    act(() => void vi.advanceTimersByTime(61_000));
    expect(result.current).toBe('2026-02-01');
    act(() => void vi.advanceTimersByTime(24 * 60 * 60 * 1000));
    expect(result.current).toBe('2026-02-02');
  });
});
