/**
 * The reader-neutral form every importer produces before analysis: paragraphs and tables in document
 * order. Tables are already a grid (horizontally spanned cells expanded, vertically merged cells carrying
 * the text of the cell they continue). Plain data, so it crosses a worker_threads boundary unchanged.
 */
import type { SourceKind } from '../../shared/import-schema';

export interface GridCell {
  /** Paragraphs joined with "\n" (whitespace inside paragraphs kept, non-breaking spaces made plain). */
  text: string;
  /** Shading as six upper-case hex digits, or null. A colour name for themed fills we cannot resolve: "theme". */
  fill: string | null;
  /** A vertically merged cell continuing the one above (its text is the text above). */
  merged: boolean;
  /** Covered by a horizontally spanned cell to its left (its text is ''). */
  spanned: boolean;
  /** Number of grid columns the cell covers (1 unless spanned). */
  span: number;
  /**
   * The cell's last paragraph ends in a space: it goes on in the same column of the next row (the exported
   * appendix splits a paragraph taller than a page so), and the two are one paragraph.
   */
  runsOn?: boolean;
}

export interface GridRow {
  cells: GridCell[];
  /** Marked as a repeating header row (w:tblHeader). */
  header: boolean;
}

export type Block =
  | { type: 'paragraph'; text: string; style: string; heading: boolean; numbered: boolean }
  | {
      type: 'table';
      index: number;
      rows: GridRow[];
      /** The sheet row (0-based) of the table's first row, when a sheet was split into tables (an indicator block). */
      firstRow?: number;
    };

export interface SourceDoc {
  kind: SourceKind;
  fileName: string;
  blocks: Block[];
  /** Sheets of a workbook; the one read. */
  sheets: string[];
  sheet: string | null;
  /** What a location is called: "Table 3, row 5" or "Sheet Plan, row 12". */
  locate: 'table' | 'sheet';
  /** The plan's own title where the file records it (a Planwright appendix's custom property). */
  planTitle?: string;
}

export const emptyCell = (text = ''): GridCell => ({ text, fill: null, merged: false, spanned: false, span: 1 });
