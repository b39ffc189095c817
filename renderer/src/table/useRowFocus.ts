/**
 * The plan table's roving focus: which row is active (the one row in the tab order), moving focus to a
 * row by key (scrolling the virtualised list to it first), and focusing a row after the next render, for
 * writes that re-render the table (reorder, rename).
 */
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { Virtualizer } from '@tanstack/react-virtual';
import type { Row } from './rows';

export interface RowFocus {
  activeKey: string | null;
  setActiveKey(key: string | null): void;
  rowIndexOf(key: string): number;
  /** Focuses the row with this key, scrolling it into view. */
  focusRow(key: string): void;
  /** A row key to focus once the table has rendered again. */
  focusAfterRender: { current: string | null };
}

export function useRowFocus(
  rows: Row[],
  virtualizer: Virtualizer<HTMLDivElement, Element>,
  scrollRef: RefObject<HTMLDivElement | null>,
): RowFocus {
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const focusAfterRender = useRef<string | null>(null);
  const rowIndexOf = useCallback((key: string) => rows.findIndex((r) => r.key === key), [rows]);

  const focusRow = useCallback(
    (key: string) => {
      const i = rowIndexOf(key);
      if (i < 0) return;
      setActiveKey(key);
      focusAfterRender.current = key;
      virtualizer.scrollToIndex(i, { align: 'auto' });
      requestAnimationFrame(() => {
        const el = scrollRef.current?.querySelector<HTMLElement>(`[data-row-key="${CSS.escape(key)}"]`);
        if (el) {
          el.focus({ preventScroll: true });
          focusAfterRender.current = null;
        }
      });
    },
    [rowIndexOf, virtualizer, scrollRef],
  );

  useEffect(() => {
    const key = focusAfterRender.current;
    if (!key) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-row-key="${CSS.escape(key)}"]`);
    if (el) {
      el.focus({ preventScroll: true });
      focusAfterRender.current = null;
    }
  });

  return { activeKey, setActiveKey, rowIndexOf, focusRow, focusAfterRender };
}
