/**
 * Turns a SourceDoc (paragraphs and grid tables) into a PlanDraft plus the preview the user confirms:
 * finds the plan tables and their header rows, maps columns to fields, reads sections (headings before
 * tables, section rows, a section column, the number in the first header cell), merges continuation rows
 * (rows split across pages), links recommendation tags, reads the key table as the rating scale, and
 * reads ratings from numbers, words or shading, one reporting period per rating column.
 *
 * Pure: no I/O. Runs on the main thread after the worker has read the file (it is linear and fast).
 */
import { parseDue } from '../../shared/dates';
import { PlanDraft, type ActionDraft, type PlanDraftParsed } from '../../shared/draft';
import type { ColumnMapping, DetectedColumn, ImportOptions, ImportPreview, ImportWarning, ImportWarningCode, MappedField } from '../../shared/import-schema';
import { COLUMNS } from '../../shared/columns';
import { ColumnField, type ColumnConfig, type LeadRole, type PlanTemplate, type RatingLevelInput } from '../../shared/model';
import { formatMeanOf, overallMean, SCALE_PRESETS, sectionMean, toScaleLevels, type LevelInput, type ScaleLevel } from '../../shared/ratings';
import type { Rational } from '../../shared/rounding';
import { templateColumns } from '../../shared/templates';
import { colourFamily, hsl, normaliseHex, wordFamily, type ColourFamily } from './colours';
import { importFailed } from './errors';
import { guessHeader, headerScore, normaliseHeader, periodOfHeader } from './headers';
import type { Block, GridCell, GridRow, SourceDoc } from './source';

export type AnalyseOptions = Pick<ImportOptions, 'mapping' | 'headerRow' | 'periodLabel'>;

export interface Analysis {
  draft: PlanDraftParsed;
  preview: Omit<ImportPreview, 'token'>;
}

// ---------------------------------------------------------------------------------------------
// Small readers
// ---------------------------------------------------------------------------------------------

const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ').trim();

/** "1. Leadership", "Area for Improvement (3): ...", "Priority 2 Early help" -> number and title. */
export function sectionHeading(text: string): { number: string | null; title: string } | null {
  const t = oneLine(text);
  if (t === '') return null;
  let m = /^(?:area for improvement|areas? of improvement|priority|theme|section|area|strand|workstream)\s*\(?\s*(\d+[a-z]?)\s*\)?\s*[:.\-–—)]?\s*(.*)$/i.exec(t);
  if (m) return { number: m[1] ?? null, title: (m[2] ?? '').trim() };
  m = /^(\d{1,3})\s*[.):\-–—]?\s+(\S.*)$/.exec(t);
  if (m && !/^\d/.test(m[2] ?? '')) return { number: m[1] ?? null, title: (m[2] ?? '').trim() };
  return null;
}

/** Recommendation tags in a reference or recommendations cell: "Ofsted 1", "OFSTED recco 14", "Rec 3". */
export function recommendationTags(text: string): { agency: string; number: number }[] {
  const out: { agency: string; number: number }[] = [];
  const re = /\b(ofsted|jtai|hmi|cqc|slac|recommendations?|recco|recs?)\b\.?\s*(?:(?:recco|rec(?:ommendation)?|no)\.?\s*)?(\d{1,3})\b/gi;
  for (const m of text.matchAll(re)) {
    const word = (m[1] ?? '').toLowerCase();
    const agency = word === 'ofsted' ? 'Ofsted' : ['jtai', 'hmi', 'cqc', 'slac'].includes(word) ? word.toUpperCase() : 'Recommendation';
    out.push({ agency, number: Number(m[2]) });
  }
  return out;
}

/** "3.1 Ofsted 1" -> reference "3.1" and the rest ("Ofsted 1"). */
export function splitReference(raw: string): { reference: string; rest: string } {
  const t = oneLine(raw);
  const m = /^([A-Za-z]{0,4}\d+(?:\.\d+)*[a-z]?)(?=$|[\s:;,)\-–])[\s:;,)\-–]*(.*)$/.exec(t);
  if (m) return { reference: m[1] ?? '', rest: (m[2] ?? '').trim() };
  return { reference: t, rest: '' };
}

const looksLikeReference = (t: string): boolean => /^[A-Za-z]{0,4}\d+(?:\.\d+)*[a-z]?(\s|$)/.test(oneLine(t)) && oneLine(t).length <= 40;

// ---------------------------------------------------------------------------------------------
// Table classification
// ---------------------------------------------------------------------------------------------

interface HeaderInfo {
  /** Rows (0-based) that make up the header. */
  rows: number[];
  /** Header text per column (split words joined). */
  texts: string[];
}

/** The text of each column of a row; spanned cells repeat the spanning cell's text when `spread`. */
function rowTexts(row: GridRow, spread = false): string[] {
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

function combine(top: string[], bottom: string[]): string[] {
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
      if (s2 >= 2 && s2 > s1 && s2 > headerScore(rowTexts(next)) && (!best || s2 > best.score)) best = { info: { rows: [i, i + 1], texts: joined }, score: s2 };
    }
    if (best && i > best.info.rows[best.info.rows.length - 1]! + 1) break;
  }
  return best?.info ?? null;
}

interface KeyLevel {
  label: string;
  fill: string | null;
  family: ColourFamily | null;
  number: number | null;
  definition: string;
}

const stripMarks = (t: string): string => oneLine(t).replace(/^[^\p{L}\p{N}]+/u, '').trim();

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

interface RecommendationRow {
  number: number | null;
  label: string;
  text: string;
  answeredBy: string[];
}

/** A recommendations table: "Recommendation" | "Text" (| "Answered by actions"). */
function readRecommendationTable(rows: readonly GridRow[]): RecommendationRow[] | null {
  const header = rows[0] ? rowTexts(rows[0]).map(normaliseHeader) : [];
  const labelCol = header.findIndex((h) => /^(recommendations?|rec|ref|no|number|recommendation (no|number|ref))$/.test(h));
  const textCol = header.findIndex((h, i) => i !== labelCol && /^(text|recommendation text|recommendations?|detail|description|wording)$/.test(h));
  if (labelCol < 0 || textCol < 0) return null;
  const answeredCol = header.findIndex((h, i) => i !== labelCol && i !== textCol && /answered|addressed|actions?|linked/.test(h));
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

function detectColumns(header: HeaderInfo, body: readonly GridRow[], width: number, userMapping: ColumnMapping | undefined): DetectedColumn[] {
  const guesses = Array.from({ length: width }, (_, i) => guessHeader(header.texts[i] ?? ''));
  const samples = Array.from({ length: width }, (_, i) =>
    body
      .map((r) => oneLine(r.cells[i]?.text ?? ''))
      .filter((t) => t !== '')
      .slice(0, 40),
  );
  const refLike = samples.map((s) => (s.length === 0 ? 0 : s.filter(looksLikeReference).length / s.length));
  const chosen: { field: MappedField; confidence: number }[] = Array.from({ length: width }, () => ({ field: 'ignore' as MappedField, confidence: 0 }));
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
  guesses.forEach((gs, col) => gs.forEach((g, rank) => pairs.push({ col, field: g.field, confidence: g.confidence, rank })));
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
    const measureCol = guesses.findIndex((g, i) => i !== outcomeCol && chosen[i]!.field === 'ignore' && g.some((x) => x.field === 'outcome'));
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

// ---------------------------------------------------------------------------------------------
// Ratings
// ---------------------------------------------------------------------------------------------

type RatingObs =
  | { kind: 'number'; n: number }
  | { kind: 'text'; text: string; family: ColourFamily | null; fill: string | null; number?: number }
  | { kind: 'fill'; fill: string; family: ColourFamily };

/** What a rating cell says: a number, a word or a colour; null when not rated (blank, 0) or unreadable. */
function observeRating(cell: GridCell | undefined, warn: (code: ImportWarningCode, message: string) => void): RatingObs | null {
  if (!cell) return null;
  const text = oneLine(cell.text).replace(/^[^\p{L}\p{N}]+/u, '').trim();
  if (text !== '') {
    const num = /^(\d+)(?:\s|$|\.|:)/.exec(text);
    if (num && /^\d+$/.test(text)) {
      const n = Number(num[1]);
      if (n === 0) return null;
      if (n >= 1 && n <= 9) return { kind: 'number', n };
      warn('unknown-rating', `The rating "${text}" is not a level of the scale; the row is left not rated.`);
      return null;
    }
    if (/^(n\/?a|not rated|tbc|-|–)$/i.test(text)) return null;
    const lead = /^([1-9])\s+\p{L}/u.exec(text);
    if (lead) return { kind: 'text', text, family: null, fill: cell.fill, number: Number(lead[1]) };
    const firstWord = text.split(/[\s:;,(–-]+/)[0] ?? '';
    return { kind: 'text', text, family: wordFamily(text) ?? wordFamily(firstWord), fill: cell.fill };
  }
  if (cell.fill === null || cell.fill === 'FFFFFF') return null;
  if (cell.fill === 'theme') {
    warn('unknown-colour', 'A rating cell uses a theme colour the importer cannot read; the row is left not rated.');
    return null;
  }
  const family = colourFamily(cell.fill);
  if (family === null) {
    const { s, l } = hsl(cell.fill);
    if (s < 0.1 && l > 0.85) return null; // pale grey: no rating
    warn('unknown-colour', `The shading #${cell.fill} is not red, amber, green or blue; the row is left not rated.`);
    return null;
  }
  return { kind: 'fill', fill: cell.fill, family };
}

interface ScaleLevelBuild extends RatingLevelInput {
  key: string;
  label: string;
  colour: string;
  family: ColourFamily | null;
}

function stripExcluded(l: LevelInput): RatingLevelInput {
  const { excludedFromMean: _omit, ...rest } = l;
  return rest;
}

const FAMILY_KEY: Record<ColourFamily, string> = { red: 'R', amber: 'A', green: 'G', blue: 'B' };

function presetLevels(id: keyof typeof SCALE_PRESETS): ScaleLevelBuild[] {
  return SCALE_PRESETS[id].levels.map((l) => ({ ...stripExcluded(l), colour: l.colour, family: colourFamily(l.colour) }));
}

/** The scale from the key table: numbers -> the five-level preset, colours -> Red/Amber/Green/Blue levels. */
function scaleFromKey(key: KeyLevel[]): ScaleLevelBuild[] {
  if (key.every((k) => k.number !== null)) {
    const five = presetLevels('five-level');
    return key.map((k) => {
      const base = five.find((l) => l.key === String(k.number)) ?? five[0]!;
      const colour = normaliseHex(k.fill) ?? base.colour;
      return { ...base, label: /^\d+$/.test(k.label) ? base.label : k.label, colour, family: colourFamily(colour), definition: k.definition };
    });
  }
  const families = key.map((k) => k.family);
  const preset = families.join(',') === 'red,amber,green,blue' ? presetLevels('four-level-colour') : presetLevels('rag-blue');
  const used = new Set<string>();
  return key.map((k) => {
    const family = k.family ?? 'green';
    const base = preset.find((l) => l.family === family) ?? preset[0]!;
    let keyName = FAMILY_KEY[family];
    for (let n = 2; used.has(keyName); n++) keyName = `${FAMILY_KEY[family]}${n}`;
    used.add(keyName);
    const colour = normaliseHex(k.fill) ?? base.colour;
    const label = k.label !== '' && k.number === null ? k.label : base.label;
    return { ...base, key: keyName, label, colour, family, definition: k.definition };
  });
}

const WORD_LEVELS = /^(not started|delayed|on track|completed?)$/i;

/** The scale when the document has no key: from what the rating cells hold. */
function scaleFromObservations(obs: RatingObs[]): { levels: ScaleLevelBuild[]; source: string } {
  if (obs.length === 0) return { levels: [], source: 'none' };
  const numbers = obs.filter((o) => o.kind === 'number' || (o.kind === 'text' && o.number !== undefined)).length;
  if (numbers >= obs.length / 2) return { levels: presetLevels('five-level'), source: 'numbers 1-5' };
  const texts = obs.filter((o): o is Extract<RatingObs, { kind: 'text' }> => o.kind === 'text');
  if (texts.length > 0 && texts.every((t) => WORD_LEVELS.test(t.text)) && texts.some((t) => !/^completed?$/i.test(t.text)))
    return { levels: presetLevels('words'), source: 'words' };
  const blue = obs.some((o) => o.kind !== 'number' && o.family === 'blue');
  return { levels: presetLevels(blue ? 'rag-blue' : 'rag'), source: texts.length > obs.length / 2 ? 'words' : 'colours' };
}

function distance(a: string, b: string): number {
  const x = parseInt(a, 16);
  const y = parseInt(b, 16);
  const dr = ((x >> 16) & 255) - ((y >> 16) & 255);
  const dg = ((x >> 8) & 255) - ((y >> 8) & 255);
  const db = (x & 255) - (y & 255);
  return dr * dr + dg * dg + db * db;
}

/** The level an observation means, or null (with the reason). */
function resolveRating(o: RatingObs, levels: ScaleLevelBuild[]): { key: string } | { problem: string } {
  const byFamily = (family: ColourFamily | null, fill: string | null): ScaleLevelBuild | undefined => {
    const same = levels.filter((l) => l.family === family);
    if (same.length <= 1 || fill === null) return same[0];
    return [...same].sort((a, b) => distance(a.colour, fill) - distance(b.colour, fill))[0];
  };
  if (o.kind === 'number') {
    const l = levels.find((x) => x.key === String(o.n) || x.value === o.n);
    return l ? { key: l.key } : { problem: `The rating ${o.n} is not a level of the scale` };
  }
  if (o.kind === 'text') {
    const t = o.text.toLowerCase();
    const exact = levels.find((l) => l.label.toLowerCase() === t || l.key.toLowerCase() === t);
    if (exact) return { key: exact.key };
    const lead = /^(\d)\b/.exec(o.text);
    if (lead) {
      const l = levels.find((x) => x.key === lead[1]);
      if (l) return { key: l.key };
    }
    const starts = levels.find((l) => t.startsWith(l.label.toLowerCase()));
    if (starts) return { key: starts.key };
    const fam = byFamily(o.family, normaliseHex(o.fill));
    if (fam) return { key: fam.key };
    const fillFam = byFamily(colourFamily(o.fill), normaliseHex(o.fill));
    if (fillFam) return { key: fillFam.key };
    return { problem: `The rating "${o.text}" is not a level of the scale` };
  }
  const l = byFamily(o.family, o.fill);
  return l ? { key: l.key } : { problem: `The shading #${o.fill} matches no level of the plan's key` };
}

// ---------------------------------------------------------------------------------------------
// Building the plan
// ---------------------------------------------------------------------------------------------

interface RowAction {
  draft: ActionDraft & { leads: NonNullable<ActionDraft['leads']>; recommendations: string[] };
  /** period index -> observation */
  ratings: Map<number, RatingObs>;
  progressText: string;
  location: string;
  tags: { agency: string; number: number }[];
  /** Recommendation labels linked from a recommendations table. */
  links: string[];
  /** The reference came from a vertically merged cell (a rated sub-row sharing the reference above). */
  sharedReference?: boolean;
}

interface SectionBuild {
  number: string | null;
  title: string;
  description: string;
  actions: RowAction[];
  /** "Average rating: ..." lines typed under the section heading, with where they are. */
  averages: { text: string; location: string }[];
}

/** The lead role of each leads column (shared/columns.ts). */
const LEAD_ROLES: Partial<Record<MappedField, LeadRole>> = Object.fromEntries(ColumnField.options.flatMap((f) => (COLUMNS[f].leadRole ? [[f, COLUMNS[f].leadRole]] : [])));

/**
 * A progress cell: the update, then (as the Planwright appendix writes them under red and amber ratings)
 * "Explanation: ..." and "Corrective action: ..." paragraphs. "No update this period." is no update.
 */
export function splitProgress(text: string): { body: string; explanation: string; correctiveAction: string } {
  const parts = { body: [] as string[], explanation: [] as string[], correctiveAction: [] as string[] };
  let into: keyof typeof parts = 'body';
  for (const line of text.split('\n')) {
    const m = /^(explanation|corrective action)\s*:\s*(.*)$/i.exec(line);
    if (m) {
      into = m[1]!.toLowerCase() === 'explanation' ? 'explanation' : 'correctiveAction';
      if (m[2]) parts[into].push(m[2]);
    } else parts[into].push(line);
  }
  const body = parts.body.join('\n');
  return { body: /^no update this period\.?$/i.test(body.trim()) ? '' : body, explanation: parts.explanation.join('\n'), correctiveAction: parts.correctiveAction.join('\n') };
}

function appendText(prev: string, next: string): string {
  if (next === '' || prev === next) return prev;
  if (prev === '') return next;
  return `${prev}\n${next}`;
}

function mostCommonYear(texts: string[]): string | null {
  const counts = new Map<string, number>();
  for (const t of texts) for (const m of t.matchAll(/\b(20\d{2})\b/g)) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  let best: string | null = null;
  let n = 0;
  for (const [y, c] of counts) if (c > n) [best, n] = [y, c];
  return best;
}

/**
 * True when a cell of a row with no reference shows the row is an action of its own: text in a lead, due
 * date or rating column, or a rating shading that differs from the previous action's in that period.
 * Merged and spanned cells (the row above's) never count.
 */
function ownCell(cell: GridCell | undefined, column: DetectedColumn, last: RowAction, period: number): boolean {
  if (!cell || cell.merged || cell.spanned) return false;
  if (!(LEAD_ROLES[column.field] || column.field === 'dueDate' || column.field === 'rating')) return false;
  if (cell.text.trim() !== '') return true;
  if (column.field !== 'rating' || cell.fill === null || cell.fill === 'FFFFFF') return false;
  const before = last.ratings.get(period);
  return before?.kind !== 'fill' || colourFamily(before.fill) !== colourFamily(cell.fill);
}

const DATEISH = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\b(19|20)\d{2}\b/i;

/** Analyses a read document. Throws import_failed when there is nothing that reads as a plan. */
export function analyse(doc: SourceDoc, options: AnalyseOptions = {}): Analysis {
  const warnings: ImportWarning[] = [];
  const warnCounts = new Map<ImportWarningCode, number>();
  const warn = (code: ImportWarningCode, message: string, location: string): void => {
    const n = (warnCounts.get(code) ?? 0) + 1;
    warnCounts.set(code, n);
    if (n <= 50) warnings.push({ code, message, location });
  };
  const where = (table: number, row: number): string => (doc.locate === 'sheet' ? `Sheet ${doc.sheet ?? ''}, row ${row + 1}` : `Table ${table}, row ${row + 1}`);

  const tables = doc.blocks.filter((b): b is Extract<Block, { type: 'table' }> => b.type === 'table');
  if (tables.length === 0) throw importFailed(`${doc.fileName} has no table. The importer reads plans kept as a table (one row per action, with headers such as Action, Lead, By When, RAG).`);

  // Classify tables.
  type Kind =
    | { kind: 'plan'; header: HeaderInfo; columns: DetectedColumn[] }
    | { kind: 'continued' }
    | { kind: 'key'; levels: KeyLevel[] }
    | { kind: 'recommendations'; rows: RecommendationRow[] }
    | { kind: 'summary'; rows: GridRow[] }
    | { kind: 'other' };
  const kinds = new Map<number, Kind>();
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
    const fixed = doc.kind !== 'docx' ? options.headerRow : previewColumns === null ? options.headerRow : undefined;
    const header = findHeader(t.rows, fixed);
    if (header && (fixed !== undefined || headerScore(header.texts) >= 2)) {
      const body = t.rows.slice(header.rows[header.rows.length - 1]! + 1);
      const columns = detectColumns(header, body, width, options.mapping);
      kinds.set(t.index, { kind: 'plan', header, columns });
      previewColumns ??= columns;
      headerRowUsed ??= header.rows[0]! + 1;
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

  // Periods: one per rating column of the first plan table.
  const ratingCols = previewColumns.filter((c) => c.field === 'rating');
  let recTable: RecommendationRow[] | null = null;
  for (const t of tables) {
    const k = kinds.get(t.index);
    if (k?.kind === 'recommendations') recTable ??= k.rows;
  }

  const unnumbered = unnumberedSectionTitles(doc.blocks, (index) => kinds.get(index)?.kind === 'plan');

  // Walk the document.
  const sections: SectionBuild[] = [];
  let current: SectionBuild | null = null;
  let pendingHeading: { number: string | null; title: string } | null = null;
  let keyLevels: KeyLevel[] | null = null;
  let activeColumns: DetectedColumn[] = previewColumns;
  let activeHeader: HeaderInfo | null = null;
  let started = false;
  const newSection = (number: string | null, sectionTitle: string): SectionBuild => {
    const s: SectionBuild = { number, title: sectionTitle, description: '', actions: [], averages: [] };
    sections.push(s);
    return s;
  };
  /** Paragraphs read as a section heading or description (not part of the introduction). */
  const consumed = new Set<Block>();
  let pendingBlocks: Block[] = [];
  let pendingDescription: string[] = [];
  let pendingAverages: string[] = [];

  for (const block of doc.blocks) {
    if (block.type === 'paragraph') {
      if (block.text === '') continue;
      const h = sectionHeading(block.text) ?? (unnumbered.has(block) ? { number: null, title: oneLine(block.text) } : null);
      // An unnumbered sub-heading ("Performance indicators", "Actions") under a section heading is not a new section.
      if (!h && block.heading && pendingHeading?.number != null) {
        pendingBlocks.push(block);
        continue;
      }
      if (h || (started && block.heading)) {
        pendingHeading = h ?? { number: null, title: oneLine(block.text) };
        pendingBlocks = [block];
        pendingDescription = [];
        pendingAverages = [];
      } else if (pendingHeading) {
        pendingBlocks.push(block);
        if (/^average (rating|score)s?\b/i.test(block.text)) pendingAverages.push(block.text);
        else pendingDescription.push(block.text);
      }
      continue;
    }
    const kind = kinds.get(block.index)!;
    if (kind.kind === 'key') {
      keyLevels ??= kind.levels;
      continue;
    }
    if (kind.kind === 'other' || kind.kind === 'recommendations' || kind.kind === 'summary') continue;
    let bodyStart = 0;
    if (kind.kind === 'plan') {
      activeColumns = kind.columns;
      activeHeader = kind.header;
      bodyStart = kind.header.rows[kind.header.rows.length - 1]! + 1;
    }
    started = true;
    const firstHeaderCell = kind.kind === 'plan' ? normaliseHeader(kind.header.texts[0] ?? '') : '';
    const tableNumber = /^\d+$/.test(firstHeaderCell) ? firstHeaderCell : null;
    if (pendingHeading || tableNumber !== null) {
      if (pendingHeading && tableNumber !== null && pendingHeading.number !== null && pendingHeading.number !== tableNumber)
        warn('section-number', `The heading "${pendingHeading.number} ${pendingHeading.title}" and the table's first header cell "${tableNumber}" disagree; the heading's number is used.`, where(block.index, 0));
      current = newSection(pendingHeading?.number ?? tableNumber, pendingHeading?.title ?? '');
      current.description = pendingHeading ? pendingDescription.join('\n') : '';
      current.averages = pendingAverages.map((text) => ({ text, location: `Before table ${block.index}` }));
      for (const b of pendingBlocks) consumed.add(b);
      pendingHeading = null;
      pendingBlocks = [];
      pendingDescription = [];
      pendingAverages = [];
    }
    const col = (field: MappedField): DetectedColumn | undefined => activeColumns.find((c) => c.field === field);
    const refCol = col('reference');
    const sectionCol = col('section');
    const ratingColumns = activeColumns.filter((c) => c.field === 'rating');
    const headerTexts = activeHeader ? activeHeader.texts.map(normaliseHeader) : [];
    const width = activeColumns.length;
    let last: RowAction | null = null;

    for (let r = bodyStart; r < block.rows.length; r++) {
      const row = block.rows[r]!;
      const texts = row.cells.map((c) => (c.spanned ? '' : c.text.trim()));
      const nonEmpty = texts.filter((t) => t !== '');
      if (nonEmpty.length === 0 && !row.cells.some((c) => c.fill !== null && !c.merged)) continue;
      // Repeated header rows (or a header row that only changes the section number).
      const norm = row.cells.map((c) => normaliseHeader(oneLine(c.text)));
      if (row.header || (headerTexts.length > 0 && norm.length === headerTexts.length && norm.every((t, i) => t === headerTexts[i] || (i === 0 && /^\d+$/.test(t))) && headerScore(texts) >= 2)) {
        const n = norm[0] ?? '';
        if (/^\d+$/.test(n) && n !== (current?.number ?? '') && n !== headerTexts[0]) {
          current = newSection(n, '');
          last = null;
        }
        continue;
      }
      if (activeHeader && activeHeader.rows.length === 2 && headerScore(texts) >= 2 && r + 1 < block.rows.length) {
        const joined = combine(rowTexts(row, true), rowTexts(block.rows[r + 1]!)).map(normaliseHeader);
        if (joined.every((t, i) => t === headerTexts[i])) {
          r++;
          continue;
        }
      }
      // A section row: one cell of text across the table.
      const live = row.cells.filter((c) => !c.spanned && !c.merged && c.text.trim() !== '');
      const spansWide = row.cells[0] !== undefined && row.cells[0].span >= Math.max(2, Math.ceil(width / 2));
      if (live.length === 1 && (spansWide || (width > 2 && sectionHeading(live[0]!.text) !== null && !looksLikeReference(texts[refCol?.index ?? -1] ?? 'x')))) {
        const h = sectionHeading(live[0]!.text) ?? { number: null, title: oneLine(live[0]!.text) };
        if (spansWide || h.number !== null) {
          current = newSection(h.number, h.title);
          last = null;
          continue;
        }
      }
      if (sectionCol) {
        const value = oneLine(row.cells[sectionCol.index]?.text ?? '');
        const label = current ? `${current.number ?? ''} ${current.title}`.trim() : null;
        if (value !== '' && value !== label) {
          const h = sectionHeading(value) ?? { number: null, title: value };
          if (!current || h.title !== current.title || h.number !== current.number) {
            current = newSection(h.number, h.title);
            last = null;
          }
        }
      }
      current ??= newSection(null, '');
      const cellOf = (c: DetectedColumn | undefined): GridCell | undefined => (c ? row.cells[c.index] : undefined);
      const refCell = cellOf(refCol);
      const refRaw = refCell && !refCell.merged ? refCell.text.trim() : '';
      const location = where(block.index, r);
      const rowWarn = (code: ImportWarningCode, message: string): void => warn(code, message, location);

      // A row with no reference of its own that carries its own lead, due date or rating is an action (a row
      // missing its reference, or a rated sub-row under a merged reference); one that only adds text is the
      // rest of the row above (a row split across pages), so nothing the author typed is lost either way.
      const ownsAction = last !== null && activeColumns.some((c) => ownCell(row.cells[c.index], c, last!, ratingColumns.indexOf(c)));
      if (refCol && refRaw === '' && last !== null && current.actions.includes(last) && !ownsAction) {
        // A continuation row: a row split across pages, or text-only sub-rows under a merged reference.
        for (const c of activeColumns) {
          const cell = row.cells[c.index];
          if (!cell || cell.merged || cell.spanned) continue;
          const text = cell.text.trim();
          switch (c.field) {
            case 'objective':
              last.draft.objective = appendText(last.draft.objective ?? '', text);
              break;
            case 'description':
              last.draft.description = appendText(last.draft.description ?? '', text);
              break;
            case 'outcome':
              last.draft.outcome = appendText(last.draft.outcome ?? '', text);
              break;
            case 'dueDate':
              last.draft.dueText = appendText(last.draft.dueText ?? '', text);
              break;
            case 'progress':
              last.progressText = appendText(last.progressText, text);
              break;
            case 'recommendations':
              last.tags.push(...recommendationTags(text));
              break;
            case 'rating': {
              const p = ratingColumns.indexOf(c);
              const o = observeRating(cell, rowWarn);
              if (o && !last.ratings.has(p)) last.ratings.set(p, o);
              break;
            }
            default: {
              const role = LEAD_ROLES[c.field];
              if (role) for (const name of text.split('\n').map((s) => s.trim()).filter((s) => s !== '')) last.draft.leads.push({ name, role });
            }
          }
        }
        rowWarn(
          'continuation-row',
          `A row with no reference${doc.locate === 'sheet' ? ', lead, date or rating' : ''} was read as the continuation of ${last.draft.reference ?? 'the row above'}${doc.locate === 'sheet' ? ' (its text was added to that row)' : ' (a row split across pages)'}.`,
        );
        continue;
      }
      // Under a vertically merged reference the row shares the reference of the row it continues.
      const sharedRef = refCell?.merged === true ? refCell.text.trim() : '';
      if (refCol && refRaw === '' && sharedRef === '') rowWarn('no-reference', 'A row has no reference; it was imported as an action without one.');
      const refText = refRaw !== '' ? refRaw : sharedRef;
      const { reference, rest } = refText === '' ? { reference: '', rest: '' } : splitReference(refText);
      const tags = recommendationTags(rest);
      const text = (f: MappedField): string => cellOf(col(f))?.text.trim() ?? '';
      const action: RowAction = {
        draft: {
          ...(reference !== '' ? { reference } : {}),
          ...(col('objective') ? { objective: text('objective') } : {}),
          description: text('description'),
          outcome: text('outcome'),
          dueText: text('dueDate'),
          leads: [],
          recommendations: [],
        },
        ratings: new Map(),
        progressText: text('progress'),
        location,
        tags: [...tags, ...recommendationTags(text('recommendations'))],
        links: [],
        ...(refRaw === '' && sharedRef !== '' ? { sharedReference: true } : {}),
      };
      for (const c of activeColumns) {
        const role = LEAD_ROLES[c.field];
        if (!role) continue;
        for (const name of (row.cells[c.index]?.text ?? '').split('\n').map((s) => s.trim()).filter((s) => s !== '')) action.draft.leads.push({ name, role });
      }
      ratingColumns.forEach((c, p) => {
        const o = observeRating(row.cells[c.index], rowWarn);
        if (o) action.ratings.set(p, o);
      });
      const due = action.draft.dueText ?? '';
      if (due !== '' && DATEISH.test(due) && parseDue(due).kind === 'unparsed')
        rowWarn('not-a-date', `By when "${oneLine(due)}" looks like a date but could not be read as one; the text is kept exactly as typed.`);
      current.actions.push(action);
      last = action;
    }
  }

  // The front matter: title, organisation and service, introduction, governance, recommendations.
  const firstTableIndex = tables.find((t) => kinds.get(t.index)?.kind === 'plan')!.index;
  const preamble: Extract<Block, { type: 'paragraph' }>[] = [];
  for (const b of doc.blocks) {
    if (b.type === 'table' && b.index === firstTableIndex) break;
    if (b.type === 'paragraph' && b.text !== '' && !consumed.has(b)) preamble.push(b);
  }
  const allTags = sections.flatMap((s) => s.actions.flatMap((a) => a.tags));
  const front = readFrontMatter(preamble, doc, allTags, recTable);
  const { title } = front;
  const recommendations = front.recommendations;
  for (const r of recTable ?? []) {
    // "Answered by actions" in a recommendations table links the actions it names.
    for (const ref of r.answeredBy) {
      const action = findByReference(sections, ref);
      if (action) {
        if (!action.tags.some((t) => `${t.agency} ${t.number}` === r.label)) action.links.push(r.label);
      } else warn('unknown-reference', `The recommendations table says ${r.label} is answered by ${ref}, but no action has that reference.`, 'Recommendations');
    }
  }
  const recommendationLabels = new Set(recommendations.map((r) => r.label));
  for (const t of allTags) {
    const label = `${t.agency} ${t.number}`;
    if (!recommendationLabels.has(label)) {
      recommendationLabels.add(label);
      recommendations.push({ number: t.number, label, text: '' });
      warn('recommendation-text', `Rows cite "${label}" but the document has no recommendation list with its text; it was added with no text.`, 'Recommendations');
    }
  }

  // Scale.
  const observations = sections.flatMap((s) => s.actions.flatMap((a) => [...a.ratings.values()]));
  let levels: ScaleLevelBuild[];
  let scaleSource: string;
  if (keyLevels) {
    levels = scaleFromKey(keyLevels);
    scaleSource = 'key table';
  } else {
    ({ levels, source: scaleSource } = scaleFromObservations(observations));
    if (levels.length === 0 && ratingCols.length > 0) {
      levels = presetLevels('rag');
      scaleSource = 'none found (Red, Amber, Green assumed)';
    }
  }

  // Periods.
  const allDue = sections.flatMap((s) => s.actions.map((a) => a.draft.dueText ?? ''));
  const year = /\b(20\d{2}(?:[-/]\d{2,4})?)\b/.exec(title)?.[1] ?? mostCommonYear(allDue);
  const defaultPeriod = options.periodLabel ?? year ?? 'Imported';
  const periodLabels: string[] = [];
  // "RAG January 2026" headers in a document that names its reporting period "January 2026": the word
  // "RAG" is the column's, not the period's, so it is left off every "RAG <period>" header.
  const named = namedPeriods(doc.blocks);
  const bareOf = (label: string): string | undefined => /^(?:rag|rating|status)\s+(.+)$/i.exec(label)?.[1];
  const stripRag = ratingCols.some((c) => {
    const bare = bareOf(c.period ?? '');
    return bare !== undefined && named.has(bare.toLowerCase());
  });
  for (const c of ratingCols) {
    let label = c.period ?? (ratingCols.length === 1 ? defaultPeriod : c.header || defaultPeriod);
    const bare = stripRag ? bareOf(label) : undefined;
    if (bare !== undefined) {
      label = bare;
      if (c.period !== undefined) c.period = bare;
    }
    for (let n = 2; periodLabels.includes(label); n++) label = `${c.period ?? c.header} (${n})`;
    periodLabels.push(label);
  }
  const anyProgress = sections.some((s) => s.actions.some((a) => a.progressText !== ''));
  if (periodLabels.length === 0 && anyProgress) periodLabels.push(defaultPeriod);
  let currentIndex = -1;
  for (let p = periodLabels.length - 1; p >= 0 && currentIndex < 0; p--) if (sections.some((s) => s.actions.some((a) => a.ratings.has(p)))) currentIndex = p;
  if (currentIndex < 0) currentIndex = periodLabels.length - 1;
  const currentPeriod = periodLabels[currentIndex];

  // Resolve ratings and progress.
  let ratingCount = 0;
  for (const s of sections)
    for (const a of s.actions) {
      const ratings: NonNullable<ActionDraft['ratings']> = [];
      for (const [p, o] of [...a.ratings.entries()].sort((x, y) => x[0] - y[0])) {
        const r = resolveRating(o, levels);
        if ('key' in r) ratings.push({ period: periodLabels[p]!, level: r.key });
        else warn(o.kind === 'fill' ? 'unknown-colour' : 'unknown-rating', `${r.problem}; ${a.draft.reference ?? 'the row'} is left not rated in ${periodLabels[p]}.`, a.location);
      }
      ratingCount += ratings.length;
      const progress = splitProgress(a.progressText);
      const currentRating = ratings.find((r) => r.period === currentPeriod);
      if (currentRating) {
        currentRating.explanation = progress.explanation;
        currentRating.correctiveAction = progress.correctiveAction;
      } else if (progress.explanation !== '' || progress.correctiveAction !== '') {
        progress.body = [progress.body, progress.explanation && `Explanation: ${progress.explanation}`, progress.correctiveAction && `Corrective action: ${progress.correctiveAction}`].filter((x) => x).join('\n');
      }
      a.draft.ratings = ratings;
      a.draft.progress = progress.body !== '' && currentPeriod ? [{ period: currentPeriod, body: progress.body }] : [];
      const recs: string[] = [];
      for (const label of [...a.tags.map((t) => `${t.agency} ${t.number}`), ...a.links]) if (!recs.includes(label)) recs.push(label);
      a.draft.recommendations = recs;
    }

  // Summary figures typed in the document that disagree with the rows.
  const scored = toScaleLevels(
    levels.map(({ family: _f, ...l }) => ({ ...l, value: l.value ?? null })),
    (l) => l.key,
  );
  for (const t of tables) {
    const k = kinds.get(t.index);
    if (k?.kind !== 'summary') continue;
    for (const m of summaryMismatches(k.rows, sections, periodLabels, scored)) warn('summary-mismatch', m.message, where(t.index, m.row));
  }
  for (const s of sections) for (const line of s.averages) for (const message of averageMismatches(line.text, s, periodLabels, scored)) warn('summary-mismatch', message, line.location);

  // Duplicate references within a section.
  for (const s of sections) {
    const seen = new Set<string>();
    for (const a of s.actions) {
      const ref = a.draft.reference;
      if (ref === undefined) continue;
      if (seen.has(ref))
        warn(
          'duplicate-reference',
          a.sharedReference
            ? `The reference ${ref} is merged over several rated rows; each row was imported as its own action with the reference ${ref}.`
            : `The reference ${ref} appears more than once in section ${s.number ?? s.title}.`,
          a.location,
        );
      seen.add(ref);
    }
  }

  // Number sections that had none.
  let next = 1;
  for (const s of sections) {
    if (s.number !== null && /^\d+$/.test(s.number)) next = Number(s.number) + 1;
    else if (s.number === null) s.number = String(next++);
  }
  const kept = sections.filter((s) => s.actions.length > 0 || s.title !== '');

  // Template and columns.
  const fields = new Set(previewColumns.map((c) => c.field));
  const template: PlanTemplate =
    fields.has('strategicLead') || fields.has('operationalLead')
      ? 'inspection'
      : periodLabels.length > 1 || fields.has('responsibleOfficer')
        ? 'development'
        : fields.has('objective')
          ? 'continuous'
          : 'blank';
  const columns: ColumnConfig[] = buildColumns(template, previewColumns, periodLabels.length);

  const draftInput = {
    title,
    organisation: front.organisation,
    service: front.service,
    planPeriod: year ?? '',
    template,
    introduction: front.introduction,
    governance: front.governance,
    recommendationsHeading: front.recommendationsHeading,
    appendixNumber: front.appendixNumber,
    columns,
    scale: levels.map(({ family: _f, ...l }) => l),
    periods: periodLabels.map((label) => ({ label })),
    ...(currentPeriod ? { currentPeriod } : {}),
    recommendations,
    sections: kept.map((s) => ({ number: s.number ?? undefined, title: s.title, description: s.description, actions: s.actions.map((a) => a.draft) })),
  };
  const parsed = PlanDraft.safeParse(draftInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw importFailed(`The plan read from ${doc.fileName} could not be accepted: ${issue?.message ?? 'invalid'} (${issue?.path.join('.') ?? ''}).`);
  }
  for (const [code, n] of warnCounts) if (n > 50) warnings.push({ code, message: `…and ${n - 50} more like this.`, location: 'Whole document' });

  const actionCount = kept.reduce((n, s) => n + s.actions.length, 0);
  if (actionCount === 0) warn('no-rows', 'The plan table has a header but no rows.', 'Whole document');
  const linked = new Map<string, string[]>();
  for (const s of kept) for (const a of s.actions) for (const r of a.draft.recommendations) linked.set(r, [...(linked.get(r) ?? []), a.draft.reference ?? '?']);

  return {
    draft: parsed.data,
    preview: {
      fileName: doc.fileName,
      kind: doc.kind,
      sheets: doc.sheets,
      sheet: doc.sheet,
      headerRow: headerRowUsed,
      title,
      sections: kept.map((s) => ({ number: s.number ?? '', title: s.title, rows: s.actions.length })),
      columns: previewColumns,
      scaleSource,
      scale: levels.map((l) => ({ key: l.key, label: l.label, colour: l.colour, definition: l.definition })),
      periods: periodLabels,
      recommendations: recommendations.map((r) => ({ label: r.label, text: r.text, linkedTo: linked.get(r.label) ?? [] })),
      totals: { sections: kept.length, actions: actionCount, periods: periodLabels.length, ratings: ratingCount, recommendations: recommendations.length },
      warnings,
    },
  };
}

/** Headings of the front matter, never a section's title. */
const FRONT_HEADING = /^(introduction|background|governance|contents|key( to ratings)?|summary( of all areas)?|.*recommendations?.*|appendix\s+\d+|foreword|purpose)\s*:?$/i;

/** A short line that could name a section: no sentence punctuation at the end, a few words. */
const titleLike = (text: string): boolean => {
  const t = oneLine(text);
  return t.length > 0 && t.length <= 100 && !/[.:;,]$/.test(t) && t.split(/\s+/).length <= 12 && !FRONT_HEADING.test(t);
};

/**
 * Paragraphs that name a section without a number (numbered ones are found by `sectionHeading`):
 * - a heading before the first plan table styled like the headings that name sections after it (the
 *   document title and front-matter headings such as "Introduction" or "Key" excepted);
 * - plain short lines, when every plan table (with its own header row) is led by one and none by a heading.
 */
function unnumberedSectionTitles(blocks: readonly Block[], isPlan: (tableIndex: number) => boolean): Set<Block> {
  const out = new Set<Block>();
  const paragraphs = (bs: readonly Block[]): Extract<Block, { type: 'paragraph' }>[] => bs.filter((b): b is Extract<Block, { type: 'paragraph' }> => b.type === 'paragraph' && b.text !== '');
  const firstPlan = blocks.findIndex((b) => b.type === 'table' && isPlan(b.index));
  if (firstPlan < 0) return out;
  const all = paragraphs(blocks);
  const title = all.find((p) => p.heading) ?? all[0];
  const laterStyles = new Set(
    paragraphs(blocks.slice(firstPlan))
      .filter((p) => p.heading)
      .map((p) => p.style),
  );
  const before = paragraphs(blocks.slice(0, firstPlan));
  const heading = before.filter((p) => p.heading && p !== title && laterStyles.has(p.style) && !FRONT_HEADING.test(oneLine(p.text)) && sectionHeading(p.text) === null).at(-1);
  const last = before.at(-1);
  // Only the heading nearest the table, and only when nothing but its own paragraphs come between.
  if (heading && last && before.indexOf(heading) >= before.findLastIndex((p) => p.heading)) out.add(heading);

  const leaders: Block[] = [];
  let plans = 0;
  let consistent = true;
  let between: Extract<Block, { type: 'paragraph' }>[] = [];
  for (const b of blocks) {
    if (b.type === 'paragraph') {
      if (b.text !== '') between.push(b);
      continue;
    }
    if (isPlan(b.index)) {
      plans++;
      const lead = between.at(-1);
      if (between.some((p) => p.heading || sectionHeading(p.text) !== null)) consistent = false;
      else if (lead && lead !== title && titleLike(lead.text)) leaders.push(lead);
      else consistent = false;
    }
    between = [];
  }
  if (consistent && plans >= 2) for (const l of leaders) out.add(l);
  return out;
}

/**
 * Reporting periods the document names in words: "Reporting period: January 2026 (to 31 January 2026)",
 * "Compared with: November 2025", and the "Previous (November 2025) average" headers of a summary table.
 * Lower-case.
 */
function namedPeriods(blocks: readonly Block[]): Set<string> {
  const out = new Set<string>();
  for (const b of blocks) {
    if (b.type === 'paragraph') {
      const m = /^(?:reporting period|compared with|period)\s*:\s*(.+?)\s*(?:\(.*\))?$/i.exec(oneLine(b.text));
      if (m?.[1]) out.add(m[1].toLowerCase());
    } else
      for (const cell of b.rows[0]?.cells ?? []) {
        const m = /\(([^()]+)\)\s*(?:average|mean)/i.exec(oneLine(cell.text));
        if (m?.[1]) out.add(m[1].trim().toLowerCase());
      }
  }
  return out;
}

/** A summary table: first header "Area" / "Priority" / "Section" / "Theme" and columns of averages. */
function isSummaryTable(rows: readonly GridRow[]): boolean {
  const header = rows[0] ? rowTexts(rows[0]).map(normaliseHeader) : [];
  return /^(areas?|priority|priorities|sections?|themes?)$/.test(header[0] ?? '') && header.some((h) => /\b(average|mean)\b/.test(h));
}

/** Rows of a summary table whose typed averages differ from the means of the rated rows (1 dp, half-up). */
function summaryMismatches(rows: readonly GridRow[], sections: SectionBuild[], periods: string[], levels: ScaleLevel[]): { row: number; message: string }[] {
  const header = rowTexts(rows[0]!);
  const columns = header
    .map((h, i) => ({ i, h, period: [...periods].sort((a, b) => b.length - a.length).find((p) => h.includes(p)) }))
    .filter((c): c is { i: number; h: string; period: string } => c.period !== undefined && /average|mean/i.test(c.h));
  const meanOf = (s: SectionBuild, period: string): Rational | null =>
    sectionMean(
      s.actions.map((a) => a.draft.ratings?.find((r) => r.period === period)?.level ?? null),
      levels,
    );
  const out: { row: number; message: string }[] = [];
  rows.slice(1).forEach((row, r) => {
    const label = oneLine(row.cells[0]?.text ?? '');
    const overall = /^overall|^all areas|^total/i.test(label);
    const h = sectionHeading(label);
    const section = overall ? null : sections.find((s) => (h?.number != null && s.number === h.number) || s.title === (h?.title ?? label));
    if (!overall && !section) return;
    for (const c of columns) {
      const typed = oneLine(row.cells[c.i]?.text ?? '');
      if (!/^\d+(\.\d+)?$/.test(typed)) continue;
      const computed = overall ? overallMean(sections.map((s) => meanOf(s, c.period))) : meanOf(section!, c.period);
      const shown = formatMeanOf(computed, 1);
      if (shown !== (typed.includes('.') ? typed : `${typed}.0`))
        out.push({
          row: r + 1,
          message: `The summary says ${typed} for ${overall ? 'the whole plan' : `section ${section!.number ?? section!.title}`} in ${c.period}, but its rated rows give ${shown}. The app computes from the rows.`,
        });
    }
  });
  return out;
}

const escapeRe = (t: string): string => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A section's typed "Average rating: RAG 01/18: 2 (2.3); RAG 03/18: 3 (2.5)" line against its rated rows:
 * each period named with a figure (a whole number, or one decimal place, optionally both) that differs
 * from the mean of the rows (half-up) is a mismatch.
 */
function averageMismatches(text: string, section: SectionBuild, periods: string[], levels: ScaleLevel[]): string[] {
  const out: string[] = [];
  let rest = text;
  // Longest labels first, each match blanked out, so "2020" is not found again inside "March 2020".
  for (const period of [...periods].sort((a, b) => b.length - a.length)) {
    const m = new RegExp(`(?:^|[\\s:;,(])${escapeRe(period)}\\s*[:=-]?\\s*(\\d+(?:\\.\\d)?)(?:\\s*\\((\\d+\\.\\d)\\))?`, 'i').exec(rest);
    if (!m) continue;
    rest = `${rest.slice(0, m.index)}${' '.repeat(m[0].length)}${rest.slice(m.index + m[0].length)}`;
    const mean = sectionMean(
      section.actions.map((a) => a.draft.ratings?.find((r) => r.period === period)?.level ?? null),
      levels,
    );
    for (const typed of [m[1], m[2]]) {
      if (typed === undefined) continue;
      const shown = formatMeanOf(mean, typed.includes('.') ? 1 : 0);
      if (shown !== typed)
        out.push(`The average rating typed for section ${section.number ?? section.title} says ${typed} in ${period}, but its rated rows give ${shown}. The app computes from the rows.`);
    }
  }
  return out;
}

/** The action with this reference; actions without one answer to "section.position" (as the store numbers them). */
function findByReference(sections: SectionBuild[], ref: string): RowAction | undefined {
  for (const s of sections) {
    const i = s.actions.findIndex((a, n) => (a.draft.reference ?? `${s.number ?? ''}.${n + 1}`) === ref);
    if (i >= 0) return s.actions[i];
  }
  return undefined;
}

interface FrontMatter {
  title: string;
  organisation: string;
  service: string;
  appendixNumber: number;
  introduction: string;
  governance: string;
  recommendationsHeading: string;
  recommendations: { number: number | null; label: string; text: string }[];
}

/**
 * Reads the paragraphs before the first plan table: the title (first heading), the organisation and
 * service above it, "Appendix N", an introduction, governance text, and the recommendations (a numbered
 * list after a paragraph naming recommendations, or a recommendations table).
 */
function readFrontMatter(paras: Extract<Block, { type: 'paragraph' }>[], doc: SourceDoc, tags: { agency: string }[], recTable: RecommendationRow[] | null): FrontMatter {
  let titleIdx = paras.findIndex((p) => p.heading);
  if (titleIdx < 0 && doc.kind === 'docx' && paras.length > 0) titleIdx = 0;
  const title = titleIdx >= 0 ? oneLine(paras[titleIdx]!.text) : doc.fileName.replace(/\.[^.]+$/, '');
  const above = titleIdx > 0 ? paras.slice(0, titleIdx) : [];
  const short = above.length <= 2 && above.every((p) => p.text.length < 200);
  const out: FrontMatter = {
    title,
    organisation: short ? oneLine(above[0]?.text ?? '') : '',
    service: short ? oneLine(above[1]?.text ?? '') : '',
    appendixNumber: 1,
    introduction: '',
    governance: '',
    recommendationsHeading: '',
    recommendations: [],
  };
  const intro: string[] = short ? [] : above.map((p) => p.text);
  const governance: string[] = [];
  const list: string[] = [];
  type Mode = 'intro' | 'governance' | 'recs' | 'skip';
  let mode: Mode = 'intro';
  let explicit = false;
  for (const p of paras.slice(titleIdx + 1)) {
    const t = p.text.trim();
    const appendix = /^appendix\s+(\d{1,2})$/i.exec(t);
    if (appendix) {
      out.appendixNumber = Math.max(1, Math.min(99, Number(appendix[1])));
      continue;
    }
    if (/^(reporting period|compared with)\s*:/i.test(t) || /^key( to ratings)?\s*:?$/i.test(t)) continue;
    if (p.heading) {
      explicit = true;
      if (/^introduction$/i.test(t)) mode = 'intro';
      else if (/^governance/i.test(t)) mode = 'governance';
      else if (/recommendation/i.test(t)) {
        mode = 'recs';
        out.recommendationsHeading ||= oneLine(t);
      } else if (/^(summary of all areas|summary|key to ratings|key|contents)$/i.test(t)) mode = 'skip';
      else mode = 'intro';
      continue;
    }
    if (mode === 'skip') continue;
    if (!explicit && out.recommendationsHeading === '' && /recommendation/i.test(t) && !/[.:]$/.test(t) && t.length < 200) {
      out.recommendationsHeading = oneLine(t);
      mode = 'recs';
      continue;
    }
    if (mode === 'recs') {
      const typed = /^(?:\(?\d{1,2}[.)]|•|-)\s+(.*)$/.exec(t);
      if (p.numbered || typed) {
        list.push(oneLine(typed && !p.numbered ? (typed[1] ?? '') : t));
        continue;
      }
      if (list.length > 0) mode = explicit ? 'skip' : 'intro';
    }
    if (mode === 'governance') governance.push(t);
    else if (mode !== 'skip') intro.push(t);
  }
  const counts = new Map<string, number>();
  for (const tag of tags) counts.set(tag.agency, (counts.get(tag.agency) ?? 0) + 1);
  const agency = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? (/ofsted/i.test(out.recommendationsHeading) ? 'Ofsted' : 'Recommendation');
  out.recommendations = recTable
    ? recTable.map((r, i) => ({ number: r.number ?? i + 1, label: r.label || `${agency} ${i + 1}`, text: r.text }))
    : list.map((text, i) => ({ number: i + 1, label: `${agency} ${i + 1}`, text }));
  if (out.recommendations.length === 0 && !recTable) out.recommendationsHeading = explicit ? out.recommendationsHeading : '';
  out.introduction = intro.join('\n');
  out.governance = governance.join('\n');
  return out;
}

/** The plan's columns: the template's, relabelled with the document's headers; unmapped ones hidden. */
function buildColumns(template: PlanTemplate, detected: DetectedColumn[], periods: number): ColumnConfig[] {
  const base = templateColumns(template);
  const out: ColumnConfig[] = [];
  const seen = new Set<ColumnField>();
  for (const d of detected) {
    if (d.field === 'ignore' || d.field === 'section') continue;
    const field: ColumnField = d.field;
    if (seen.has(field)) continue;
    seen.add(field);
    const b = base.find((c) => c.field === field);
    const header = oneLine(d.header);
    const label = header === '' || /^\d+$/.test(header) || field === 'rating' ? (b?.label ?? header) : header.slice(0, 120);
    out.push({ field, label, visible: true, width: b?.width ?? COLUMNS[field].defaultWidth });
  }
  if (periods > 1 && !seen.has('ratingHistory')) {
    const b = base.find((c) => c.field === 'ratingHistory');
    out.push({ field: 'ratingHistory', label: b?.label ?? 'Previous ratings', visible: true, width: b?.width ?? 1 });
    seen.add('ratingHistory');
  }
  for (const b of base) if (!seen.has(b.field)) out.push({ ...b, visible: false });
  return out;
}
