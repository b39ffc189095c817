/**
 * The monthly-values grid's pure rules: reading a typed value, reading a block pasted from Excel
 * (tab-separated rows and columns, parsed with papaparse) into the grid at the focused cell, and the label
 * of the month after the last one. A value cell is read by shared/indicators.ts (`readIndicatorValue`):
 * "83.5%", "1,204" are numbers; blank is missing (never zero); words such as "data being collated" are
 * a missing value with that note.
 */
import Papa from 'papaparse';
import type { IndicatorValue } from '../../../shared/model';
import { readIndicatorValue } from '../../../shared/indicators';

export type GridColumn = 'label' | 'value' | 'note';
export const GRID_COLUMNS: readonly GridColumn[] = ['label', 'value', 'note'];
export const MAX_VALUES = 60;

/** A typed value cell: the number (or null for blank), or a plain message when it is words. */
export function readTypedValue(text: string): { value: number | null } | { error: string } {
  const read = readIndicatorValue(text);
  if (read.value === null && read.note !== '')
    return {
      error: `"${text.trim()}" is not a number. Type a number such as 83.5, 83.5% or 1,204, or leave it empty when the value is missing (say why in the note).`,
    };
  return { value: read.value };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The label after `label`: "Dec 2025" -> "Jan 2026", "Mar" -> "Apr", "Q4" -> "Q1"; otherwise "Month n". */
export function nextLabel(label: string | undefined, n: number): string {
  const m = /^([A-Za-z]{3})[a-z]*\.?(?:([\s-]+)(\d{2}|\d{4}))?$/.exec(label?.trim() ?? '');
  const i = m ? MONTHS.findIndex((x) => x.toLowerCase() === m[1]!.toLowerCase()) : -1;
  if (m && i >= 0) {
    const month = MONTHS[(i + 1) % 12]!;
    if (!m[3]) return month;
    const year = Number(m[3]) + (i === 11 ? 1 : 0);
    return `${month}${m[2]}${m[3].length === 2 ? String(year % 100).padStart(2, '0') : year}`;
  }
  const q = /^Q([1-4])$/i.exec(label?.trim() ?? '');
  if (q) return `Q${(Number(q[1]) % 4) + 1}`;
  return `Month ${n}`;
}

/** A fresh label not yet in `values`: the month after the last, or this month ("Dec 2026") for the first. */
function freshLabel(values: readonly IndicatorValue[], today = new Date()): string {
  const taken = new Set(values.map((v) => v.label.toLowerCase()));
  let label =
    values.length === 0
      ? `${MONTHS[today.getMonth()]} ${today.getFullYear()}`
      : nextLabel(values.at(-1)?.label, values.length + 1);
  for (let n = values.length + 1; taken.has(label.toLowerCase()); n++) label = `Month ${n}`;
  return label;
}

/** Adds an empty (missing) month after the last. */
export function addMonth(values: readonly IndicatorValue[], today = new Date()): IndicatorValue[] {
  return [...values, { label: freshLabel(values, today), value: null, note: '' }];
}

/** Tab-separated text from the clipboard as rows of cells (trailing empty line dropped). */
export function parseClipboard(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text.replace(/\r\n?/g, '\n').replace(/\n$/, ''), {
    delimiter: '\t',
    newline: '\n',
    quoteChar: '"',
  });
  return parsed.data.filter((row) => row.some((c) => c.trim() !== '') || parsed.data.length === 1);
}

const isNumberCell = (s: string) => readIndicatorValue(s).value !== null;

export interface PasteResult {
  values: IndicatorValue[];
  /** How many cells were written. */
  cells: number;
  /** Said when the paste went beyond what an indicator holds (the rest was left out). */
  warning: string | null;
}

/**
 * Puts a pasted block into the grid at (`row`, `column`). A single row of several cells (months across,
 * as Excel lays them out) is read downwards; two rows across whose first row is words are month labels
 * and values. From the label column the block is label, value, note; from the value column, value then
 * note; from the note column, notes. Rows past the end are added (with the next month's label).
 */
export function pasteBlock(
  values: readonly IndicatorValue[],
  row: number,
  column: GridColumn,
  text: string,
): PasteResult {
  let rows = parseClipboard(text);
  let col = column;
  if (rows.length === 2 && rows[0]!.length > 1 && rows[0]!.every((c) => c.trim() !== '' && !isNumberCell(c))) {
    // Month labels across with the values under them.
    rows = rows[0]!.map((label, i) => [label, rows[1]![i] ?? '']);
    col = 'label';
  } else if (rows.length === 1 && rows[0]!.length > 1) {
    rows = rows[0]!.map((c) => [c]);
  }
  const out = values.map((v) => ({ ...v }));
  let cells = 0;
  let warning: string | null = null;
  rows.forEach((cellsOfRow, i) => {
    const at = row + i;
    if (at >= MAX_VALUES) {
      warning = `An indicator holds at most ${MAX_VALUES} values; the rows after the ${MAX_VALUES}th were left out.`;
      return;
    }
    while (out.length <= at) out.push({ label: freshLabel(out), value: null, note: '' });
    const target = out[at]!;
    const fields: GridColumn[] = GRID_COLUMNS.slice(GRID_COLUMNS.indexOf(col));
    fields.forEach((field, j) => {
      const cell = cellsOfRow[j];
      if (cell === undefined) return;
      cells++;
      if (field === 'label') {
        if (cell.trim() !== '') target.label = cell.trim().slice(0, 100);
      } else if (field === 'value') {
        const read = readIndicatorValue(cell);
        target.value = read.value;
        // Words in a value cell are its note ("data being collated"), as are a number's trailing words.
        target.note = read.note;
      } else if (cell.trim() !== '' || field === column) {
        target.note = cell.trim().slice(0, 2000);
      }
    });
  });
  return { values: out, cells, warning };
}
