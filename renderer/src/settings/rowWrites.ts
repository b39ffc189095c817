/**
 * Writes from one row of a settings list (a period, a recommendation, a person): each goes through the
 * tab's save tracker, and a refusal is kept against that row so its message shows beside it.
 */
import { useState } from 'react';
import { useSaveTracker } from './saveStatus';
import { errorText } from '../errors';

/** The row whose last write failed, and why. */
export interface RowError {
  id: string;
  message: string;
}

export interface RowWrites {
  rowError: RowError | null;
  setRowError(error: RowError | null): void;
  /**
   * Clears the row message, runs `work` through the save tracker, then `after` (awaited when it returns
   * a promise). Resolves true on success; on failure keeps the message against row `id` and resolves false.
   */
  writeRow(id: string, work: () => Promise<unknown>, after?: () => void | Promise<void>): Promise<boolean>;
}

/** Row-level writes and their message for one settings tab. */
export function useRowWrites(): RowWrites {
  const { track } = useSaveTracker();
  const [rowError, setRowError] = useState<RowError | null>(null);
  const writeRow = async (
    id: string,
    work: () => Promise<unknown>,
    after?: () => void | Promise<void>,
  ): Promise<boolean> => {
    setRowError(null);
    try {
      await track(work);
      const pending = after?.();
      if (pending) await pending;
      return true;
    } catch (e) {
      setRowError({ id, message: errorText(e) });
      return false;
    }
  };
  return { rowError, setRowError, writeRow };
}
