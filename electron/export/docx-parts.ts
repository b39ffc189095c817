/**
 * Shared building blocks for the Word documents (appendix and covering report), over the `docx` library:
 * house style (Arial, British English, Word heading styles), text paragraphs, rating cells and fixed
 * full-width tables whose grid and cell widths add up exactly to the text width.
 */
import {
  AlignmentType,
  HeadingLevel,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalMergeType,
  WidthType,
  type IStylesOptions,
} from 'docx';
import type { RatingLevel } from '../../shared/model';
import { contrastingTextColour } from '../../shared/ratings';
import {
  columnMinimum,
  smallHalfPoints,
  TABLE_HALF_POINTS,
  type Cell,
  type Para,
  type TableColumn,
  type TableModel,
} from './appendix-model';
import { CELL_SIDE_MARGINS, measureWords, textTwips, widthsFromContent, widthsWithMinimums } from './layout';
import type { BodyRow, CellBuilder, RowXml } from './row-xml';
import { cleanText, paragraphsOf } from './text';

export const FONT = 'Arial';
/** The named table style every table uses (borders in one place the clerk can restyle; package.ts defines it). */
export const TABLE_STYLE = 'PlanwrightTable';
export const COUNCIL = 'Council';
export const APPENDIX_LINE = 'AppendixLine';
export const HEADER_FILL = 'D9D9D9';
export const BODY_TEXT = 'BodyText';
export const TABLE_SMALL = 'TableTextSmall';
export const TABLE_HEADING = 'TableHeading';
export const TABLE_HEADING_SMALL = 'TableHeadingSmall';
export const RATING_TEXT = 'RatingText';
export const RATING_SMALL = 'RatingTextSmall';
export const NOT_RATED = 'NotRated';
export const NOT_RATED_SMALL = 'NotRatedSmall';
/** Lines under the title ("Reporting period: ..."). */
export const TITLE_DETAILS = 'TitleDetails';
/** A section's figures line ("Ratings for P: ..."), bold. */
export const SECTION_FIGURES = 'SectionFigures';
/** Notes in italics ("No actions in this section ...", the rating-history note, table captions). */
export const NOTE = 'Note';
/** The committee line of the covering report. */
export const COMMITTEE = 'Committee';
/** Character styles for emphasis inside a paragraph (Word's own names; package.ts defines them). */
export const STRONG = 'Strong';
export const EMPHASIS = 'Emphasis';

/** Whole points at least `halfPoints` (headings use whole-point sizes), in half-points. */
const wholePoints = (halfPoints: number): number => Math.ceil(halfPoints / 2) * 2;

/**
 * Document styles: Arial, en-GB, Word's own Title and Heading 1-3 styles so the navigation pane works.
 * Normal (the document default) is `normal` half-points, 10-12 pt, for body and table text alike; body
 * paragraphs use Body Text (based on Normal). Headings are whole points; the small styles are 1 pt below
 * Normal but never below 10 pt. Sizes, bold and italics live in styles, not on each run (which also keeps
 * big plans' XML small): the clerk restyles the document from the styles gallery.
 */
export function houseStyles(normal: number): IStylesOptions {
  const small = smallHalfPoints(normal);
  const pts = wholePoints(normal);
  return {
    paragraphStyles: [
      {
        id: BODY_TEXT,
        name: 'Body Text',
        basedOn: 'Normal',
        quickFormat: true,
        paragraph: { spacing: { after: 120 } },
      },
      {
        id: COUNCIL,
        name: 'Council',
        basedOn: 'Normal',
        next: BODY_TEXT,
        quickFormat: true,
        run: { size: 28, bold: true },
        paragraph: { spacing: { after: 40 }, keepNext: true },
      },
      {
        id: APPENDIX_LINE,
        name: 'Appendix Line',
        basedOn: 'Normal',
        next: BODY_TEXT,
        quickFormat: true,
        run: { size: 28, bold: true },
        paragraph: { spacing: { after: 120 }, keepNext: true },
      },
      {
        id: COMMITTEE,
        name: 'Committee',
        basedOn: 'Normal',
        next: BODY_TEXT,
        quickFormat: true,
        run: { size: 28, bold: true },
        paragraph: { spacing: { after: 240 }, keepNext: true },
      },
      {
        id: TITLE_DETAILS,
        name: 'Title Details',
        basedOn: BODY_TEXT,
        next: BODY_TEXT,
        quickFormat: true,
        run: { size: pts + 2 },
      },
      {
        id: SECTION_FIGURES,
        name: 'Section Figures',
        basedOn: BODY_TEXT,
        next: BODY_TEXT,
        quickFormat: true,
        run: { bold: true },
        paragraph: { keepNext: true },
      },
      { id: NOTE, name: 'Note', basedOn: BODY_TEXT, next: BODY_TEXT, quickFormat: true, run: { italics: true } },
      { id: TABLE_SMALL, name: 'Table Text Small', basedOn: 'Normal', run: { size: small } },
      {
        id: TABLE_HEADING,
        name: 'Table Heading',
        basedOn: 'Normal',
        run: { bold: true },
        paragraph: { keepNext: true },
      },
      {
        id: TABLE_HEADING_SMALL,
        name: 'Table Heading Small',
        basedOn: TABLE_HEADING,
        run: { bold: true, size: small },
        paragraph: { keepNext: true },
      },
      {
        id: RATING_TEXT,
        name: 'Rating',
        basedOn: 'Normal',
        run: { bold: true },
        paragraph: { alignment: AlignmentType.CENTER },
      },
      {
        id: RATING_SMALL,
        name: 'Rating Small',
        basedOn: 'Normal',
        run: { bold: true, size: small },
        paragraph: { alignment: AlignmentType.CENTER },
      },
      {
        id: NOT_RATED,
        name: 'Not Rated',
        basedOn: 'Normal',
        run: { italics: true },
        paragraph: { alignment: AlignmentType.CENTER },
      },
      {
        id: NOT_RATED_SMALL,
        name: 'Not Rated Small',
        basedOn: 'Normal',
        run: { italics: true, size: small },
        paragraph: { alignment: AlignmentType.CENTER },
      },
      { id: 'Header', name: 'header', basedOn: 'Normal', run: { size: 20 }, paragraph: { spacing: { after: 0 } } },
      { id: 'Footer', name: 'footer', basedOn: 'Normal', run: { size: 20 }, paragraph: { spacing: { after: 0 } } },
    ],
    default: {
      document: {
        run: { font: FONT, size: normal, language: { value: 'en-GB' } },
        paragraph: { spacing: { after: 40 } },
      },
      title: {
        run: { font: FONT, size: 36, bold: true, color: '000000' },
        paragraph: { spacing: { after: 120 }, keepNext: true },
      },
      heading1: {
        run: { font: FONT, size: pts + 8, bold: true, color: '000000' },
        paragraph: { spacing: { before: 240, after: 120 }, keepNext: true, keepLines: true, outlineLevel: 0 },
      },
      heading2: {
        run: { font: FONT, size: pts + 4, bold: true, color: '000000' },
        paragraph: { spacing: { before: 200, after: 100 }, keepNext: true, keepLines: true, outlineLevel: 1 },
      },
      heading3: {
        run: { font: FONT, size: pts + 2, bold: true, color: '000000' },
        paragraph: { spacing: { before: 160, after: 80 }, keepNext: true, keepLines: true, outlineLevel: 2 },
      },
    },
  };
}

/**
 * A run of cleaned text. Bold and italics go through Word's character styles Strong and Emphasis (restyled
 * in one place), not direct formatting; a colour (a rating label on its fill) is the only direct property.
 */
export function run(text: string, opts: { bold?: boolean; italics?: boolean; color?: string } = {}): TextRun {
  const style = opts.bold ? STRONG : opts.italics ? EMPHASIS : undefined;
  return new TextRun({
    text: cleanText(text),
    style,
    ...(opts.bold && opts.italics ? { italics: true } : {}),
    ...(opts.color ? { color: opts.color } : {}),
  });
}

/** Body paragraphs for a narrative text (one Word paragraph per line). */
export function bodyParagraphs(text: string | string[], opts: { keepNext?: boolean } = {}): Paragraph[] {
  const lines = Array.isArray(text) ? text.flatMap((t) => paragraphsOf(t)) : paragraphsOf(text);
  return lines.map((line) => new Paragraph({ style: BODY_TEXT, children: [run(line)], keepNext: opts.keepNext }));
}

export function heading(text: string, level: 1 | 2 | 3, opts: { pageBreakBefore?: boolean } = {}): Paragraph {
  const headingLevel =
    level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
  return new Paragraph({ heading: headingLevel, children: [run(text)], pageBreakBefore: opts.pageBreakBefore });
}

const CELL_MARGINS = { top: 40, bottom: 40, left: 85, right: 85 };

function paraOf(spans: Para, center = false): Paragraph {
  return new Paragraph({
    alignment: center ? AlignmentType.CENTER : undefined,
    children: spans.map((s) => run(s.text, { bold: s.bold, italics: s.italic })),
  });
}

const textColours = new Map<string, string>();
/** Black or white label text for a fill (cached: a large plan has thousands of rating cells). */
function labelColour(fill: string): string {
  let colour = textColours.get(fill);
  if (!colour) textColours.set(fill, (colour = contrastingTextColour(fill)));
  return colour;
}

/** The text shown for a level in Word: its label (never colour alone). */
export function levelText(level: RatingLevel, levels: readonly RatingLevel[]): string {
  let texts = levelTexts.get(levels);
  if (!texts) levelTexts.set(levels, (texts = new Map()));
  let text = texts.get(level.id);
  // The label alone: a shape character would be read aloud ("black diamond suit") and adds nothing the
  // label does not say, so the rating is never colour alone without it.
  if (text === undefined) texts.set(level.id, (text = level.label));
  return text;
}
const levelTexts = new WeakMap<readonly RatingLevel[], Map<string, string>>();

/**
 * A rating cell: shaded with the level's colour, label in a contrasting colour; unrated is "Not rated",
 * unshaded. `small` = the small styles (1 pt below Normal, never below 10 pt). Sizes come from paragraph
 * styles, not from each run, which keeps a large plan's XML small.
 */
export function ratingCell(
  level: RatingLevel | null,
  levels: readonly RatingLevel[],
  width: number,
  opts: { small?: boolean } = {},
): TableCell {
  if (!level) {
    return new TableCell({
      width: { size: width, type: WidthType.DXA },
      children: [new Paragraph({ style: opts.small ? NOT_RATED_SMALL : NOT_RATED, children: [run('Not rated')] })],
    });
  }
  const fill = level.colour.replace('#', '').toUpperCase();
  // Top-aligned (the default): when a long row breaks across pages the label stays on the first part.
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    shading: { type: ShadingType.CLEAR, fill, color: 'auto' },
    children: [
      new Paragraph({
        style: opts.small ? RATING_SMALL : RATING_TEXT,
        children: [run(levelText(level, levels), { color: labelColour(fill) })],
      }),
    ],
  });
}

/**
 * Rating cells are identical for a level, width and size, and docx writes a component the same wherever it
 * sits, so one instance per kind is shared by every row of a table (thousands of cells in a large plan).
 */
type RatingCellCache = Map<string, TableCell>;

function bodyCell(
  cell: Cell,
  levels: readonly RatingLevel[],
  width: number,
  bold: boolean,
  cache: RatingCellCache,
): TableCell {
  if (cell.kind === 'rating') {
    const key = `${cell.level?.id ?? '-'}|${width}|${cell.small ? 1 : 0}`;
    let shared = cache.get(key);
    if (!shared) cache.set(key, (shared = ratingCell(cell.level, levels, width, { small: cell.small })));
    return shared;
  }
  const merge =
    cell.merge === 'restart'
      ? VerticalMergeType.RESTART
      : cell.merge === 'continue'
        ? VerticalMergeType.CONTINUE
        : undefined;
  const paras = cell.paras.length > 0 && cell.merge !== 'continue' ? cell.paras : [[]];
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalMerge: merge,
    children: paras.map((p) => paraOf(bold || cell.bold ? p.map((s) => ({ ...s, bold: true })) : p, cell.center)),
  });
}

/**
 * A full-width table with FIXED layout: the grid and every cell width are whole twips summing exactly to
 * `totalWidth`. The first row is a header row repeated on every page (w:tblHeader) and kept whole; other
 * rows may break across pages.
 */
export function fixedTable(
  model: TableModel,
  levels: readonly RatingLevel[],
  totalWidth: number,
  opts: {
    /** Half-points of the table text style (for the header word widths). */
    size?: number;
    /** Header text in the small style (wide summary tables). */
    smallHeader?: boolean;
    /** Keep a short table on one page. */
    keepTogether?: boolean;
    /** Never break a row across pages (short rows: summary, key, recommendations). */
    rowsWhole?: boolean;
    /**
     * Plan tables: the tallest a row may be, in twips. Rows up to it are kept whole (never split by a page
     * break); taller rows are cut into rows of their own (`splitTallRow`).
     */
    splitTallRows?: number;
    /** Write the body rows as XML text through this (a whole document being packed; see row-xml.ts). */
    rowXml?: RowXml;
  } = {},
): Table {
  const headerSize = opts.smallHeader
    ? smallHalfPoints(opts.size ?? TABLE_HALF_POINTS)
    : (opts.size ?? TABLE_HALF_POINTS);
  const minimums = model.columns.map((c) => columnMinimum(c, opts.size ?? TABLE_HALF_POINTS, totalWidth, headerSize));
  const widths = model.columns.some((c) => c.need)
    ? widthsFromContent(
        model.columns.map((c, i) =>
          c.need
            ? { ...c.need, min: Math.max(c.need.min, minimums[i]!) }
            : { min: minimums[i]!, natural: minimums[i]!, perRow: 0 },
        ),
        totalWidth,
      )
    : widthsWithMinimums(
        model.columns.map((c) => c.weight),
        // Weighted tables (summary, key, indicators) also fit each column's widest word at this size, so
        // "collated" or "months" never break mid-word (at most a quarter of the width each).
        minimums.map((m, i) => Math.max(m, widestWordIn(model, i, opts.size ?? TABLE_HALF_POINTS, totalWidth / 4))),
        totalWidth,
      );
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: model.columns.map((c, i) =>
      c.level
        ? ratingCell(c.level, levels, widths[i]!, { small: opts.smallHeader })
        : new TableCell({
            width: { size: widths[i]!, type: WidthType.DXA },
            shading: { type: ShadingType.CLEAR, fill: HEADER_FILL, color: 'auto' },
            children: [
              new Paragraph({
                style: opts.smallHeader ? TABLE_HEADING_SMALL : TABLE_HEADING,
                children: [run(c.label)],
              }),
            ],
          }),
    ),
  });
  const boldRows = new Set(model.boldRows ?? []);
  const cache: RatingCellCache = new Map();
  const size = opts.size ?? TABLE_HALF_POINTS;
  // Plan tables: every row that fits on a page is kept whole; a taller one is cut into rows of its own, each
  // carrying the reference, the rating label and "(continued)", so no page ever shows colour alone.
  const bodyRows: { cells: Cell[]; source: number }[] = [];
  model.rows.forEach((cells, r) => {
    if (opts.splitTallRows === undefined) bodyRows.push({ cells, source: r });
    else
      for (const part of splitTallRow(cells, model.columns, widths, size, opts.splitTallRows))
        bodyRows.push({ cells: part, source: r });
  });
  const last = bodyRows.length - 1;
  const build: CellBuilder = (cell, width, bold) => bodyCell(cell, levels, width, bold, cache);
  const body = bodyRows.map(({ cells, source }, r): BodyRow => ({
    options: {
      // Keep a short table on one page; otherwise at least keep the last row with the one before it.
      keepNext: (opts.keepTogether && r < last) || (r === last - 1 && last > 1) ? true : undefined,
      cantSplit: opts.rowsWhole || opts.splitTallRows !== undefined ? true : undefined,
    },
    cells,
    widths,
    bold: boldRows.has(source),
  }));
  // With a RowXml (a whole document being written), the body rows go in as XML text (row-xml.ts: the same XML).
  const rows = opts.rowXml
    ? body.length
      ? [opts.rowXml.table(body, build)]
      : []
    : body.map(
        (row) =>
          new TableRow({
            ...row.options,
            children: row.cells.map((cell, i) => build(cell, row.widths[i]!, row.bold)),
          }),
      );
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: totalWidth, type: WidthType.DXA },
    columnWidths: widths,
    margins: CELL_MARGINS,
    style: TABLE_STYLE,
    rows: [header, ...rows],
  });
}

/** Twips the widest word of column `i`'s text cells needs at `halfPoints` (cell margins included), capped. */
function widestWordIn(model: TableModel, i: number, halfPoints: number, cap: number): number {
  let widest = 0;
  for (const row of model.rows) {
    const cell = row[i];
    if (cell?.kind !== 'text') continue;
    for (const p of cell.paras)
      for (const span of p)
        measureWords(span.text, halfPoints, !!(span.bold || cell.bold), (twips, length) => {
          if (length > 3) widest = Math.max(widest, twips);
        });
  }
  return widest ? Math.min(cap, Math.ceil(widest) + CELL_SIDE_MARGINS) : 0;
}

/** Twips of one line of table text at `halfPoints` (Arial's line height is about 1.15 em). */
const lineTwips = (halfPoints: number): number => Math.ceil(halfPoints * 10 * 1.15);
/** Space after each table paragraph (document default) and the cell's top and bottom margins, in twips. */
const PARA_AFTER = 40;
const CELL_VERTICAL = CELL_MARGINS.top + CELL_MARGINS.bottom;

/** Estimated height in twips of one paragraph in a cell of `width` twips (measured Arial widths, greedy wrap). */
export function paraHeight(p: Para, width: number, halfPoints: number, bold = false): number {
  const room = Math.max(1, width - 170);
  let lines = 1;
  let x = 0;
  const space = textTwips(' ', halfPoints);
  for (const span of p)
    measureWords(span.text, halfPoints, !!(bold || span.bold), (w) => {
      if (x > 0 && x + space + w > room) {
        lines += 1;
        x = 0;
      }
      if (w > room) {
        lines += Math.floor(w / room);
        x = w % room;
      } else x += (x > 0 ? space : 0) + w;
    });
  return lines * lineTwips(halfPoints) + PARA_AFTER;
}

/** Estimated height in twips of a cell's paragraphs. */
function cellHeight(cell: Cell, width: number, halfPoints: number): number {
  if (cell.kind !== 'text') return 2 * lineTwips(halfPoints) + CELL_VERTICAL;
  return cell.paras.reduce((h, p) => h + paraHeight(p, width, halfPoints, cell.bold), CELL_VERTICAL);
}

/** Estimated height in twips of a row: its tallest cell. */
export function rowHeight(cells: readonly Cell[], widths: readonly number[], halfPoints: number): number {
  let most = 0;
  cells.forEach((cell, i) => (most = Math.max(most, cellHeight(cell, widths[i] ?? 0, halfPoints))));
  return most;
}

/** Splits one paragraph taller than `limit` into pieces of whole sentences (or words) that fit. */
function splitPara(p: Para, width: number, halfPoints: number, limit: number, bold?: boolean): Para[] {
  const text = p.map((x) => x.text).join('');
  const pieces = text.match(/[^.!?]+[.!?]*\s*/g) ?? [text];
  const words = pieces.flatMap((piece) =>
    paraHeight([{ text: piece }], width, halfPoints, bold) > limit ? piece.split(/(?<=\s)/) : [piece],
  );
  const out: Para[] = [];
  let current = '';
  for (const w of words) {
    if (current && paraHeight([{ text: current + w }], width, halfPoints, bold) > limit) {
      // One space kept at the end: the paragraph goes on in the next row (the importer joins the parts again).
      out.push([{ text: current.trim() + ' ' }]);
      current = '';
    }
    current += w;
  }
  if (current.trim()) out.push([{ text: current.trim() }]);
  return out;
}

/**
 * A row as it goes into the table: itself when its estimated height is at most `limit` twips, else parts
 * of at most that height. Each later part repeats the reference with "(continued)" and the rating cells
 * (shaded AND labelled); long text cells continue paragraph by paragraph; merged cells stay merged.
 */
export function splitTallRow(
  cells: Cell[],
  columns: readonly TableColumn[],
  widths: readonly number[],
  halfPoints: number,
  limit: number,
): Cell[][] {
  if (rowHeight(cells, widths, halfPoints) <= limit) return [cells];
  const room = limit - CELL_VERTICAL;
  const chunks: (Para[][] | null)[] = cells.map((cell, i) => {
    if (cell.kind !== 'text' || cell.merge || columns[i]?.role === 'reference') return null;
    const w = widths[i] ?? 0;
    const out: Para[][] = [[]];
    let h = 0;
    for (const para of cell.paras)
      for (const piece of paraHeight(para, w, halfPoints, cell.bold) > room
        ? splitPara(para, w, halfPoints, room, cell.bold)
        : [para]) {
        const ph = paraHeight(piece, w, halfPoints, cell.bold);
        if (h > 0 && h + ph > room) {
          out.push([]);
          h = 0;
        }
        out[out.length - 1]!.push(piece);
        h += ph;
      }
    return out;
  });
  const parts = Math.max(1, ...chunks.map((c) => c?.length ?? 1));
  if (parts === 1) return [cells];
  return Array.from({ length: parts }, (_, k) =>
    cells.map((cell, i): Cell => {
      if (k === 0) return cell.kind === 'text' && chunks[i] ? { ...cell, paras: chunks[i]![0]! } : cell;
      if (cell.kind === 'rating') return cell;
      if (columns[i]?.role === 'reference') {
        const ref = cell.paras[0] ?? [];
        return {
          kind: 'text',
          paras: [ref.map((s) => ({ ...s, bold: true })), [{ text: '(continued)', italic: true }]],
        };
      }
      if (cell.merge) return { kind: 'text', paras: [], merge: 'continue' };
      return { ...cell, paras: chunks[i]?.[k] ?? [] };
    }),
  );
}
