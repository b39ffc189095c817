/**
 * Reads Excel (.xlsx, with exceljs) and CSV (with papaparse) into a SourceDoc holding one table: the
 * chosen sheet (default: the first sheet with a plan header, else the first non-empty sheet). Cell fills
 * (solid pattern colours, theme colours resolved from the workbook's theme with their tint) are kept so
 * ratings can come from colour; merged cells carry the master's text.
 */
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import Papa from 'papaparse';
import { formatLongDate, formatMonthYear } from '../../shared/dates';
import { findHeader } from './analyse';
import { isIndicatorHeader } from './indicators';
import { normaliseHex } from './colours';
import { DomainError } from '../../shared/result';
import { importFailed } from './errors';
import { LIMITS } from './limits';
import { attr, checkDepth, childElements, decodeXml, hasDeclarations, parseXml, type XElement } from './xml';
import { emptyCell, type GridCell, type GridRow, type SourceDoc } from './source';
import { listZip, readZipEntries } from './zip';

const pad = (n: number): string => String(n).padStart(2, '0');

/** Text of a cell value as the author sees it (dates in British long form, rich text joined). */
function valueText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    const iso = `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
    const fmt = (cell.numFmt ?? '').toLowerCase();
    return fmt !== '' && !/d/.test(fmt) ? formatMonthYear(iso) : formatLongDate(iso);
  }
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v)
      return v.result === undefined || v.result === null ? '' : String(v.result instanceof Date ? cell.text : v.result);
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('error' in v) return '';
  }
  const text: unknown = cell.text;
  return typeof text === 'string' ? text : '';
}

/** Excel's theme colour indexes in order: 0 lt1 (background 1), 1 dk1 (text 1), 2 lt2, 3 dk2, 4-9 accent1-6, 10-11 links. */
const THEME_ORDER = [
  'lt1',
  'dk1',
  'lt2',
  'dk2',
  'accent1',
  'accent2',
  'accent3',
  'accent4',
  'accent5',
  'accent6',
  'hlink',
  'folHlink',
];

/** The workbook theme's colours by Excel theme index (xl/theme/theme1.xml), or [] when it has none. */
export function themeColours(themeXml: Uint8Array | undefined): string[] {
  if (!themeXml) return [];
  const root = parseXml(decodeXml(themeXml), 'xl/theme/theme1.xml');
  const find = (el: XElement, local: string): XElement | null => {
    for (const c of childElements(el)) {
      if (c.local === local) return c;
      const deeper = find(c, local);
      if (deeper) return deeper;
    }
    return null;
  };
  const scheme = find(root, 'clrScheme');
  if (!scheme) return [];
  return THEME_ORDER.map((name) => {
    const slot = childElements(scheme).find((c) => c.local === name);
    const colour = slot ? childElements(slot)[0] : undefined;
    if (!colour) return '';
    return normaliseHex(colour.local === 'sysClr' ? attr(colour, 'lastClr') : attr(colour, 'val')) ?? '';
  });
}

/** A theme colour with Excel's tint applied (-1 darker .. 1 lighter), as the cell shows it. */
export function tinted(hex: string, tint: number): string {
  if (!tint) return hex;
  const n = parseInt(hex, 16);
  const channel = (v: number): number => Math.round(tint < 0 ? v * (1 + tint) : v + (255 - v) * tint);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map(channel);
  return [r, g, b]
    .map((v) => v!.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
}

function cellFill(cell: ExcelJS.Cell, theme: readonly string[]): string | null {
  const f = cell.fill;
  if (!f || f.type !== 'pattern' || f.pattern === 'none') return null;
  const c = f.fgColor ?? f.bgColor;
  if (!c) return null;
  if (c.argb) return normaliseHex(c.argb);
  if (c.theme === undefined) return null;
  // A theme colour ("Green, Accent 6, Lighter 40%"): resolved from the workbook's own theme.
  const base = theme[c.theme];
  return base ? tinted(base, (c as { tint?: number }).tint ?? 0) : 'theme';
}

function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n');
}

function sheetRows(ws: ExcelJS.Worksheet, theme: readonly string[] = []): GridRow[] {
  try {
    return readSheetRows(ws, theme);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw importFailed(
      `The sheet "${ws.name}" is damaged: some of its cells could not be read. Open it in Excel, save a fresh copy and import that.`,
    );
  }
}

function readSheetRows(ws: ExcelJS.Worksheet, theme: readonly string[]): GridRow[] {
  const rows: GridRow[] = [];
  const width = Math.min(ws.columnCount, LIMITS.maxColumns);
  const height = ws.rowCount;
  if (height > LIMITS.maxRows)
    throw importFailed(`The sheet "${ws.name}" has more than ${LIMITS.maxRows} rows, more than the importer reads.`);
  for (let r = 1; r <= height; r++) {
    const row = ws.getRow(r);
    const cells: GridCell[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      const isCopy = cell.isMerged && cell.master !== cell && cell.master.address !== cell.address;
      const source = isCopy ? cell.master : cell;
      const text = cleanText(valueText(source));
      const sameRow = isCopy && cell.master.row === cell.row;
      cells.push({
        text: sameRow ? '' : text,
        fill: cellFill(cell, theme) ?? (isCopy ? cellFill(source, theme) : null),
        merged: isCopy && !sameRow,
        spanned: sameRow,
        span: 1,
      });
    }
    rows.push({ cells, header: false });
  }
  return rows;
}

const nonEmpty = (rows: GridRow[]): boolean => rows.some((r) => r.cells.some((c) => c.text !== ''));

const colNumber = (letters: string): number => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
const colLetters = (n: number): string => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

/**
 * Clips a sheet's merged ranges to the cells it really holds (exceljs creates every cell a merge covers,
 * so one `A1:XFD1048576` in a 7 KB file exhausts memory). Ranges wholly outside the content are dropped.
 */
export function clipMerges(xml: string): string {
  if (!xml.includes('mergeCell')) return xml;
  let maxRow = 0;
  let maxCol = 0;
  let rows = 0;
  let unaddressed = false;
  for (const m of xml.matchAll(/<(?:\w+:)?c\b[^>]*>/g)) {
    const r = /\sr="([A-Z]{1,3})(\d{1,7})"/.exec(m[0]);
    if (!r) {
      unaddressed = true;
      continue;
    }
    maxCol = Math.max(maxCol, colNumber(r[1]!));
    maxRow = Math.max(maxRow, Number(r[2]));
  }
  for (const m of xml.matchAll(/<(?:\w+:)?row\b[^>]*>/g)) {
    rows++;
    const r = /\sr="(\d{1,7})"/.exec(m[0]);
    if (r) maxRow = Math.max(maxRow, Number(r[1]));
  }
  if (unaddressed) {
    maxCol = LIMITS.maxColumns;
    maxRow = Math.max(maxRow, rows);
  }
  maxRow = Math.min(maxRow, LIMITS.maxRows);
  maxCol = Math.min(maxCol, LIMITS.maxColumns);
  return xml.replace(
    /<((?:\w+:)?)mergeCell\b([^>]*?)\bref="\$?([A-Z]{1,3})\$?(\d{1,7}):\$?([A-Z]{1,3})\$?(\d{1,7})"([^>]*?)\/>/g,
    (_all, prefix: string, before: string, c1: string, r1: string, c2: string, r2: string, after: string) => {
      const top = Math.min(Number(r1), Number(r2));
      const left = Math.min(colNumber(c1), colNumber(c2));
      const bottom = Math.min(Math.max(Number(r1), Number(r2)), maxRow);
      const right = Math.min(Math.max(colNumber(c1), colNumber(c2)), maxCol);
      if (top > bottom || left > right || (top === bottom && left === right)) return '';
      return `<${prefix}mergeCell${before}ref="${colLetters(left)}${top}:${colLetters(right)}${bottom}"${after}/>`;
    },
  );
}

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/i;

/** Reads an .xlsx workbook (already known to be a zip). */
export async function readXlsx(data: Uint8Array, fileName: string, sheet?: string): Promise<SourceDoc> {
  // Check the package ourselves first (zip bomb, checksums, DTDs), then hand exceljs a copy holding only
  // what was checked, with merged ranges clipped to the real content.
  listZip(data, 'Excel workbook');
  const entries = readZipEntries(data, () => true, 'Excel workbook');
  const parts = new Map([...entries].filter(([n]) => /\.(xml|rels)$/i.test(n)));
  const repacked: Record<string, Uint8Array> = {};
  for (const [name, bytes] of entries) repacked[name] = bytes;
  for (const [name, bytes] of parts) {
    const xml = decodeXml(bytes);
    if (hasDeclarations(xml))
      throw importFailed(
        `The file contains a DTD or entity declaration in ${name}, which Excel never writes and which can be used to attack the reader, so it was not read.`,
      );
    checkDepth(xml, name);
    if (WORKSHEET.test(name)) {
      const clipped = clipMerges(xml);
      if (clipped !== xml) repacked[name] = strToU8(clipped);
    }
  }
  if (!entries.has('xl/workbook.xml'))
    throw importFailed(`${fileName} is a damaged Excel workbook: its workbook part is missing, so it was not read.`);
  const wb = new ExcelJS.Workbook();
  try {
    const copy = zipSync(repacked, { level: 0 });
    await wb.xlsx.load(Buffer.from(copy.buffer, copy.byteOffset, copy.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    throw importFailed(
      `${fileName} is a damaged Excel workbook: Excel's parts inside it could not be read. Open it in Excel, save a fresh copy and import that.`,
    );
  }
  const theme = themeColours(parts.get('xl/theme/theme1.xml'));
  const sheets = wb.worksheets.map((w) => w.name);
  let ws: ExcelJS.Worksheet | undefined;
  if (sheet !== undefined) {
    ws = wb.getWorksheet(sheet);
    if (!ws) throw importFailed(`The workbook has no sheet called "${sheet}". Its sheets are: ${sheets.join(', ')}.`);
  }
  let rows: GridRow[] = [];
  if (ws) rows = sheetRows(ws, theme);
  else {
    // The first sheet with a plan header row, else the first sheet with anything in it.
    let fallback: { ws: ExcelJS.Worksheet; rows: GridRow[] } | null = null;
    for (const candidate of wb.worksheets) {
      const r = sheetRows(candidate, theme);
      if (!nonEmpty(r)) continue;
      fallback ??= { ws: candidate, rows: r };
      if (findHeader(r) !== null) {
        ws = candidate;
        rows = r;
        break;
      }
    }
    if (!ws && fallback) ({ ws, rows } = fallback);
  }
  if (!ws || !nonEmpty(rows))
    throw importFailed(
      ws
        ? `The sheet "${ws.name}" is empty, so there is nothing to import.`
        : `Every sheet of ${fileName} is empty, so there is nothing to import.`,
    );
  return {
    kind: 'xlsx',
    fileName,
    blocks: splitSheet(rows),
    sheets,
    sheet: ws.name,
    locate: 'sheet',
  };
}

const blankRow = (r: GridRow): boolean => r.cells.every((c) => c.text.trim() === '');
const rowWords = (r: GridRow): string[] => r.cells.map((c) => (c.spanned ? '' : c.text.replace(/\s+/g, ' ').trim()));

/**
 * A sheet's rows as tables in order: an indicator block inside a plan sheet (its header with Polarity,
 * 2016-17, SN average, Jul ... Dec, YTD, DOT columns, with a one-cell title such as "Performance indicators"
 * just above it, down to the next empty row) becomes a table of its own, as in a Word plan, so its rows are
 * never read as actions; the rows on either side stay plan rows. Each table knows its first sheet row.
 */
export function splitSheet(rows: GridRow[]): Extract<SourceDoc['blocks'][number], { type: 'table' }>[] {
  const out: Extract<SourceDoc['blocks'][number], { type: 'table' }>[] = [];
  let start = 0;
  const push = (from: number, to: number) => {
    if (to > from && rows.slice(from, to).some((r) => !blankRow(r)))
      out.push({ type: 'table', index: out.length + 1, rows: rows.slice(from, to), firstRow: from });
  };
  for (let i = 0; i < rows.length; i++) {
    if (!isIndicatorHeader(rowWords(rows[i]!))) continue;
    let from = i;
    const above = rows[i - 1];
    if (
      above &&
      i - 1 >= start &&
      rowWords(above).filter((t) => t !== '').length === 1 &&
      /indicator|measure|performance|kpi/i.test(rowWords(above).join(''))
    )
      from = i - 1;
    let to = i + 1;
    while (to < rows.length && !blankRow(rows[to]!)) to++;
    push(start, from);
    push(from, to);
    start = to;
    i = to - 1;
  }
  push(start, rows.length);
  return out.length > 0 ? out : [{ type: 'table', index: 1, rows }];
}

/**
 * CSV bytes as text: UTF-16 with a byte order mark (Excel's "Unicode Text"), UTF-8 with or without one,
 * else Windows-1252 (Excel's "CSV (Comma delimited)" on UK Windows: curly quotes and "£" are not UTF-8).
 */
export function decodeCsv(data: Uint8Array): string {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data.subarray(2));
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data).replace(/^\ufeff/, '');
  } catch {
    // Node decodes "windows-1252" as ISO-8859-1, leaving 0x80-0x9F as control characters: map them here.
    return new TextDecoder('windows-1252')
      .decode(data)
      .replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80] ?? c);
  }
}

/** Windows-1252's characters at 0x80-0x9F (the five unassigned bytes kept as they are). */
const CP1252_C1 = [...'€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'];

/** Reads a CSV file (UTF-8, UTF-16 or Windows-1252, see decodeCsv; delimiter detected). */
export function readCsv(data: Uint8Array, fileName: string): SourceDoc {
  const text = decodeCsv(data);
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: 'greedy', dynamicTyping: false });
  const data2 = parsed.data.filter((r) => r.some((c) => (c ?? '').trim() !== ''));
  if (data2.length === 0) throw importFailed(`${fileName} is empty: it has no rows to import.`);
  if (data2.length > LIMITS.maxRows)
    throw importFailed(`${fileName} has more than ${LIMITS.maxRows} rows, more than the importer reads.`);
  const width = Math.min(LIMITS.maxColumns, Math.max(...data2.map((r) => r.length)));
  const rows: GridRow[] = data2.map((r) => ({
    cells: Array.from({ length: width }, (_, i) => emptyCell(cleanText(r[i] ?? ''))),
    header: false,
  }));
  const name = fileName.replace(/\.[^.]+$/, '');
  return {
    kind: 'csv',
    fileName,
    blocks: splitSheet(rows),
    sheets: [name],
    sheet: name,
    locate: 'sheet',
  };
}
