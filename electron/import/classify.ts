/**
 * Reading a document's tables for what they are: plan tables (header row or rows, and the column mapping
 * with confidence and alternatives), continued plan tables, the key table, a recommendations table, a
 * typed summary table, an indicator table; and the small readers every stage uses (section headings,
 * recommendation tags, references).
 *
 * Pure: no I/O.
 */
import { COLUMNS } from '../../shared/columns';
import type {
  ColumnMapping,
  DetectedColumn,
  ImportWarning,
  ImportWarningCode,
  MappedField,
} from '../../shared/import-schema';
import { ColumnField } from '../../shared/model';
import { colourFamily, wordFamily, type ColourFamily } from './colours';
import { importFailed } from './errors';
import { guessHeader, headerScore, normaliseHeader, periodOfHeader } from './headers';
import type { AnalyseOptions } from './analyse';
import { isIndicatorHeader, readIndicatorTable, type ReadIndicators } from './indicators';
import type { Block, GridRow, SourceDoc } from './source';

// ---------------------------------------------------------------------------------------------
// Small readers
// ---------------------------------------------------------------------------------------------

export const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ').trim();

/** "1. Leadership", "Area for Improvement (3): ...", "Priority 2 Early help" -> number and title. */
export function sectionHeading(text: string): { number: string | null; title: string } | null {
  const t = oneLine(text);
  if (t === '') return null;
  let m =
    /^(?:area for improvement|areas? of improvement|priority|theme|section|area|strand|workstream)\s*\(?\s*(\d+[a-z]?)\s*\)?\s*[:.\-–—)]?\s*(.*)$/i.exec(
      t,
    );
  if (m) return { number: m[1] ?? null, title: (m[2] ?? '').trim() };
  m = /^(\d{1,3})\s*[.):\-–—]?\s+(\S.*)$/.exec(t);
  if (m && !/^\d/.test(m[2] ?? '')) return { number: m[1] ?? null, title: (m[2] ?? '').trim() };
  return null;
}

/** Recommendation tags in a reference or recommendations cell: "Ofsted 1", "OFSTED recco 14", "Rec 3". */
export function recommendationTags(text: string): { agency: string; number: number }[] {
  const out: { agency: string; number: number }[] = [];
  const re =
    /\b(ofsted|jtai|hmi|cqc|slac|recommendations?|recco|recs?)\b\.?\s*(?:(?:recco|rec(?:ommendation)?|no)\.?\s*)?(\d{1,3})\b/gi;
  for (const m of text.matchAll(re)) {
    const word = (m[1] ?? '').toLowerCase();
    const agency =
      word === 'ofsted'
        ? 'Ofsted'
        : ['jtai', 'hmi', 'cqc', 'slac'].includes(word)
          ? word.toUpperCase()
          : 'Recommendation';
    out.push({ agency, number: Number(m[2]) });
  }
  return out;
}

/**
 * A recommendation tag opening a cell of any column: "Ofsted recco14 There is…", "OFSTED recco 14 Create…",
 * "Ofsted 3: …", "Recco 2 …" (any case, with or without a space before the number). The cell text is kept as typed.
 */
export function openingTags(text: string): { agency: string; number: number }[] {
  const m =
    /^\s*(?:(ofsted|jtai|hmi|cqc|slac)\b\.?\s*(?:(?:recco|rec(?:ommendation)?|no)\.?\s*)?|(recco|recommendation)\.?\s*)(\d{1,3})(?!\d|\.\d)/i.exec(
      text,
    );
  if (!m) return [];
  const word = (m[1] ?? '').toLowerCase();
  const agency = word === 'ofsted' ? 'Ofsted' : word !== '' ? word.toUpperCase() : 'Recommendation';
  return [{ agency, number: Number(m[3]) }];
}

/** "3.1 Ofsted 1" -> reference "3.1" and the rest ("Ofsted 1"). */
export function splitReference(raw: string): { reference: string; rest: string } {
  const t = oneLine(raw);
  const m = /^([A-Za-z]{0,4}\d+(?:\.\d+)*[a-z]?)(?=$|[\s:;,)\-–])[\s:;,)\-–]*(.*)$/.exec(t);
  if (m) return { reference: m[1] ?? '', rest: (m[2] ?? '').trim() };
  return { reference: t, rest: '' };
}

export const looksLikeReference = (t: string): boolean =>
  /^[A-Za-z]{0,4}\d+(?:\.\d+)*[a-z]?(\s|$)/.test(oneLine(t)) && oneLine(t).length <= 40;

// ---------------------------------------------------------------------------------------------
// Table classification
// ---------------------------------------------------------------------------------------------

export interface HeaderInfo {
  /** Rows (0-based) that make up the header. */
  rows: number[];
  /** Header text per column (split words joined). */
  texts: string[];
}

/** The text of each column of a row; spanned cells repeat the spanning cell's text when `spread`. */
export function rowTexts(row: GridRow, spread = false): string[] {
  const out: string[] = [];
  let last = '';
  for (const c of row.cells) {
    if (c.spanned && spread) out.push(last);
    else {
      last = oneLine(c.text);
      out.push(c.spanned ? '' : last);
    }
  }
  return out;
}

export function combine(top: string[], bottom: string[]): string[] {
  const n = Math.max(top.length, bottom.length);
  return Array.from({ length: n }, (_, i) => {
    const a = top[i] ?? '';
    const b = bottom[i] ?? '';
    if (a === b) return a;
    return [a, b].filter((s) => s !== '').join(' ');
  });
}

/** Finds the header row (or two rows, for header words split across rows) in the first rows of a table. */
export function findHeader(rows: readonly GridRow[], fixedRow?: number): HeaderInfo | null {
  if (fixedRow !== undefined) {
    const row = rows[fixedRow - 1];
    return row ? { rows: [fixedRow - 1], texts: rowTexts(row) } : null;
  }
  let best: { info: HeaderInfo; score: number } | null = null;
  const limit = Math.min(rows.length, 20);
  for (let i = 0; i < limit; i++) {
    const row = rows[i];
    if (!row) continue;
    const single = rowTexts(row);
    const s1 = headerScore(single);
    if (s1 >= 2 && (!best || s1 > best.score)) best = { info: { rows: [i], texts: single }, score: s1 };
    const next = rows[i + 1];
    if (next && i + 1 < limit) {
      const joined = combine(rowTexts(row, true), rowTexts(next));
      const s2 = headerScore(joined);
      // Two rows count as one header only when together they read better than either alone.
      if (s2 >= 2 && s2 > s1 && s2 > headerScore(rowTexts(next)) && (!best || s2 > best.score))
        best = { info: { rows: [i, i + 1], texts: joined }, score: s2 };
    }
    if (best && i > best.info.rows[best.info.rows.length - 1]! + 1) break;
  }
  return best?.info ?? null;
}

export interface KeyLevel {
  label: string;
  fill: string | null;
  family: ColourFamily | null;
  number: number | null;
  definition: string;
}

const stripMarks = (t: string): string =>
  oneLine(t)
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .trim();

function keyRow(row: GridRow): KeyLevel | null {
  const cells = row.cells.filter((c) => !c.spanned);
  if (cells.length < 2 || cells.length > 4) return null;
  const first = cells[0]!;
  const label = stripMarks(first.text);
  const num = /^([1-9])(?:\s|$|\.)/.exec(label);
  const number = num ? Number(num[1]) : null;
  const family = colourFamily(first.fill) ?? wordFamily(label) ?? wordFamily(label.split(/\s+/)[0] ?? '');
  if (family === null && number === null) return null;
  const definition = cells
    .slice(1)
    .map((c) => c.text.trim())
    .filter((t) => t !== '')
    .join('\n');
  if (definition.length < 3) return null;
  return { label, fill: first.fill, family, number, definition };
}

/** A key table: a few rows, each a colour (or number / colour word) and a definition; a header row allowed. */
function readKeyTable(rows: readonly GridRow[]): KeyLevel[] | null {
  if (rows.length < 2 || rows.length > 13) return null;
  const levels = rows.map(keyRow);
  const body = levels[0] === null ? levels.slice(1) : levels;
  if (body.length < 2 || body.some((l) => l === null)) return null;
  return body as KeyLevel[];
}

export interface RecommendationRow {
  number: number | null;
  label: string;
  text: string;
  answeredBy: string[];
}

/** A recommendations table: "Recommendation" | "Text" (| "Answered by actions"). */
export function readRecommendationTable(rows: readonly GridRow[]): RecommendationRow[] | null {
  const header = rows[0] ? rowTexts(rows[0]).map(normaliseHeader) : [];
  const labelCol = header.findIndex((h) =>
    /^(recommendations?|rec|ref|no|number|recommendation (no|number|ref))$/.test(h),
  );
  const textCol = header.findIndex(
    (h, i) => i !== labelCol && /^(text|recommendation text|recommendations?|detail|description|wording)$/.test(h),
  );
  if (labelCol < 0 || textCol < 0) return null;
  const answeredCol = header.findIndex(
    (h, i) => i !== labelCol && i !== textCol && /answered|addressed|actions?|linked/.test(h),
  );
  return rows.slice(1).flatMap((r) => {
    const label = oneLine(r.cells[labelCol]?.text ?? '');
    const text = oneLine(r.cells[textCol]?.text ?? '');
    if (label === '' && text === '') return [];
    const num = /(\d+)\s*$/.exec(label);
    const answered = answeredCol >= 0 ? oneLine(r.cells[answeredCol]?.text ?? '') : '';
    // Only tokens that look like references ("3.1"): "Not yet answered" links nothing.
    const answeredBy = answered.split(/[,;]\s*|\s+/).filter((x) => /^[A-Za-z]{0,4}\d+(?:\.\d+)*[a-z]?$/.test(x));
    return [{ number: num ? Number(num[1]) : null, label, text, answeredBy }];
  });
}

// ---------------------------------------------------------------------------------------------
// Column mapping
// ---------------------------------------------------------------------------------------------

/** Fields one column at most can map to: every model field but the ratings (a column per period), plus the section. */
const SINGLE_FIELDS = new Set<MappedField>([...ColumnField.options.filter((f) => !COLUMNS[f].perPeriod), 'section']);

function detectColumns(
  header: HeaderInfo,
  body: readonly GridRow[],
  width: number,
  userMapping: ColumnMapping | undefined,
): DetectedColumn[] {
  const guesses = Array.from({ length: width }, (_, i) => guessHeader(header.texts[i] ?? ''));
  const samples = Array.from({ length: width }, (_, i) =>
    body
      .map((r) => oneLine(r.cells[i]?.text ?? ''))
      .filter((t) => t !== '')
      .slice(0, 40),
  );
  const refLike = samples.map((s) => (s.length === 0 ? 0 : s.filter(looksLikeReference).length / s.length));
  const chosen: { field: MappedField; confidence: number }[] = Array.from({ length: width }, () => ({
    field: 'ignore' as MappedField,
    confidence: 0,
  }));
  const taken = new Set<MappedField>();
  // A first column headed by a section number ("3") or nothing, holding references, is the reference column.
  const hasRefHeader = guesses.some((g) => g[0]?.field === 'reference' && g[0].confidence >= 1);
  if (!hasRefHeader) {
    for (let i = 0; i < Math.min(2, width); i++) {
      const h = normaliseHeader(header.texts[i] ?? '');
      if ((refLike[i] ?? 0) >= 0.6 && (h === '' || /^\d+$/.test(h) || guesses[i]?.[0]?.field === 'description')) {
        chosen[i] = { field: 'reference', confidence: h === '' || /^\d+$/.test(h) ? 0.8 : 0.6 };
        taken.add('reference');
        break;
      }
    }
  }
  const pairs: { col: number; field: MappedField; confidence: number; rank: number }[] = [];
  guesses.forEach((gs, col) =>
    gs.forEach((g, rank) => pairs.push({ col, field: g.field, confidence: g.confidence, rank })),
  );
  pairs.sort((a, b) => b.confidence - a.confidence || a.rank - b.rank || a.col - b.col);
  for (const p of pairs) {
    if (chosen[p.col]!.field !== 'ignore') continue;
    if (SINGLE_FIELDS.has(p.field) && taken.has(p.field)) continue;
    chosen[p.col] = { field: p.field, confidence: p.confidence };
    taken.add(p.field);
  }
  // "Outcome" beside "Success measure(s)": the outcome is the grouping (objective), the measure the outcome.
  const outcomeCol = chosen.findIndex((c) => c.field === 'outcome');
  if (outcomeCol >= 0 && !taken.has('objective')) {
    const measureCol = guesses.findIndex(
      (g, i) => i !== outcomeCol && chosen[i]!.field === 'ignore' && g.some((x) => x.field === 'outcome'),
    );
    if (measureCol >= 0 && /^outcomes?$/.test(normaliseHeader(header.texts[outcomeCol] ?? ''))) {
      chosen[outcomeCol] = { field: 'objective', confidence: 0.8 };
      chosen[measureCol] = { field: 'outcome', confidence: 0.8 };
    }
  }
  const user = new Map((userMapping ?? []).map((m) => [m.index, m]));
  return chosen.map((c, index) => {
    const u = user.get(index);
    const field = u ? u.field : c.field;
    const headerText = header.texts[index] ?? '';
    const period = field === 'rating' ? (u?.period ?? periodOfHeader(headerText) ?? undefined) : undefined;
    const alternatives = [...new Set(guesses[index]!.map((g) => g.field).filter((f) => f !== field))];
    return {
      index,
      field,
      ...(period !== undefined && period !== '' ? { period } : {}),
      header: headerText,
      confidence: u ? 1 : c.confidence,
      alternatives,
      samples: samples[index]!.slice(0, 3).map((s) => (s.length > 80 ? `${s.slice(0, 79)}…` : s)),
    };
  });
}

/** A summary table: first header "Area" / "Priority" / "Section" / "Theme" and columns of averages. */
export function isSummaryTable(rows: readonly GridRow[]): boolean {
  const header = rows[0] ? rowTexts(rows[0]).map(normaliseHeader) : [];
  return (
    /^(areas?|priority|priorities|sections?|themes?)$/.test(header[0] ?? '') &&
    (header.some((h) => /\b(average|mean)\b/.test(h)) ||
      // A typed "RAG Summary of all areas" with bare "Previous" and "Current" columns.
      (header.some((h) => /^(previous|last|prior)\b/.test(h)) &&
        header.some((h) => /^(current|this|latest)\b/.test(h))))
  );
}

export type TableKind =
  | { kind: 'plan'; header: HeaderInfo; columns: DetectedColumn[] }
  | { kind: 'continued' }
  | { kind: 'key'; levels: KeyLevel[] }
  | { kind: 'recommendations'; rows: RecommendationRow[] }
  | { kind: 'summary'; rows: GridRow[] }
  | { kind: 'indicators'; read: ReadIndicators }
  | { kind: 'other' };

export type Table = Extract<Block, { type: 'table' }>;

export interface Classified {
  tables: Table[];
  kinds: Map<number, TableKind>;
  /** The columns of the first plan table (what the preview shows). */
  previewColumns: DetectedColumn[];
  headerRowUsed: number | null;
  /** The first recommendations table, if any. */
  recTable: RecommendationRow[] | null;
}

/** What each table of the document is. Throws import_failed when there is no table, or no plan table. */
export function classifyTables(doc: SourceDoc, options: AnalyseOptions): Classified {
  const tables = doc.blocks.filter((b): b is Table => b.type === 'table');
  if (tables.length === 0)
    throw importFailed(
      `${doc.fileName} has no table. The importer reads plans kept as a table (one row per action, with headers such as Action, Lead, By When, RAG).`,
    );
  const kinds = new Map<number, TableKind>();
  let lastPlanWidth: number | null = null;
  let previewColumns: DetectedColumn[] | null = null;
  let headerRowUsed: number | null = null;
  for (const t of tables) {
    const width = Math.max(0, ...t.rows.map((r) => r.cells.length));
    const recTable = previewColumns === null ? readRecommendationTable(t.rows) : null;
    if (recTable) {
      kinds.set(t.index, { kind: 'recommendations', rows: recTable });
      continue;
    }
    const indicatorHeader = t.rows.slice(0, 3).findIndex((r) => isIndicatorHeader(rowTexts(r)));
    if (indicatorHeader >= 0) {
      kinds.set(t.index, { kind: 'indicators', read: readIndicatorTable(t.rows, indicatorHeader) });
      continue;
    }
    // A chosen header row counts from the top of the sheet (a sheet split round an indicator block starts
    // its later tables further down) and names the plan table's header only.
    const fixedAt = options.headerRow !== undefined ? options.headerRow - (t.firstRow ?? 0) : undefined;
    const fixed =
      previewColumns === null || (doc.kind !== 'docx' && t.firstRow === undefined)
        ? fixedAt !== undefined && fixedAt >= 1
          ? fixedAt
          : undefined
        : undefined;
    const header = findHeader(t.rows, fixed);
    if (header && (fixed !== undefined || headerScore(header.texts) >= 2)) {
      const body = t.rows.slice(header.rows[header.rows.length - 1]! + 1);
      const columns = detectColumns(header, body, width, options.mapping);
      kinds.set(t.index, { kind: 'plan', header, columns });
      previewColumns ??= columns;
      headerRowUsed ??= header.rows[0]! + 1 + (t.firstRow ?? 0);
      lastPlanWidth = width;
      continue;
    }
    const key = readKeyTable(t.rows);
    if (key) kinds.set(t.index, { kind: 'key', levels: key });
    else if (lastPlanWidth !== null && width === lastPlanWidth) kinds.set(t.index, { kind: 'continued' });
    else if (isSummaryTable(t.rows)) kinds.set(t.index, { kind: 'summary', rows: t.rows });
    else kinds.set(t.index, { kind: 'other' });
  }
  if (!previewColumns) {
    throw importFailed(
      `No table in ${doc.fileName} has a header row the importer recognises. Plan tables need headers such as Ref, Objective, Action, Outcome, Progress, By When, Lead and RAG${doc.kind === 'docx' ? '' : ' (choose the header row if it is not in the first 20 rows)'}.`,
    );
  }
  let recTable: RecommendationRow[] | null = null;
  for (const t of tables) {
    const k = kinds.get(t.index);
    if (k?.kind === 'recommendations') recTable ??= k.rows;
  }
  return { tables, kinds, previewColumns, headerRowUsed, recTable };
}

/** Warnings collected through the analysis (at most 50 per code, then one "and N more"). */
export interface Warner {
  warn: (code: ImportWarningCode, message: string, location: string) => void;
  where: (table: number, row: number) => string;
  warnings: ImportWarning[];
  finish: () => void;
}

export function warner(doc: SourceDoc): Warner {
  const warnings: ImportWarning[] = [];
  const counts = new Map<ImportWarningCode, number>();
  return {
    warnings,
    warn: (code, message, location) => {
      const n = (counts.get(code) ?? 0) + 1;
      counts.set(code, n);
      if (n <= 50) warnings.push({ code, message, location });
    },
    where: (table, row) => {
      if (doc.locate !== 'sheet') return `Table ${table}, row ${row + 1}`;
      const block = doc.blocks.find((b) => b.type === 'table' && b.index === table);
      const first = block?.type === 'table' ? (block.firstRow ?? 0) : 0;
      return `Sheet ${doc.sheet ?? ''}, row ${row + 1 + first}`;
    },
    finish: () => {
      for (const [code, n] of counts)
        if (n > 50) warnings.push({ code, message: `…and ${n - 50} more like this.`, location: 'Whole document' });
    },
  };
}
