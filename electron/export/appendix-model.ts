/**
 * The committee appendix as plain data: what goes in which table cell, decided once from the plan tree
 * and the export options. The Word writer (appendix.ts) and the HTML rendering used by the benchmark
 * (html.ts) both draw this model, so they always show the same content.
 *
 * Rules (domain.md "The committee appendix"): one table per section; rating cells carry the level's
 * colour AND its label; unrated is "Not rated" (never 0); internal notes only with `includeInternal`;
 * red/amber explanations and corrective actions shown with the progress.
 */
import { defaultCompareId } from '../../shared/compare';
import type { ExportOptions } from '../../shared/export-options';
import { formatLongDate } from '../../shared/dates';
import type {
  Action,
  ColumnConfig,
  ColumnField,
  Indicator,
  PlanTree,
  ProgressUpdate,
  Rating,
  RatingLevel,
  ReportingPeriod,
  Section,
} from '../../shared/model';
import {
  formatIndicatorValue,
  indicatorTravel,
  POLARITY_WORDS,
  yearToDate,
  YEAR_TO_DATE_WORDS,
} from '../../shared/indicators';
import { averagesMeanSomething, directionLabel, sortLevels } from '../../shared/ratings';
import { computeSummary, describeCounts, standingCells } from '../../shared/summary';
import type { PlanSummary } from '../../shared/summary-schema';
import { columnLabel, templateColumns } from '../../shared/templates';
import { COLUMNS, type CellContext } from '../../shared/columns';
import { answeredRecommendationIds, indexTree, isEffectivelyArchived, type TreeIndex } from '../../shared/tree';
import { CELL_SIDE_MARGINS, LANDSCAPE_A4, longestWordWidth, measureWords, textWidth, type ColumnNeed } from './layout';
import { paragraphsOf } from './text';
import { leadMatches } from '../../shared/leads';

/** A run of text inside a paragraph. */
export interface Span {
  text: string;
  bold?: boolean;
  italic?: boolean;
}
/** One paragraph of a cell or of body text. */
export type Para = Span[];

export type Cell =
  | { kind: 'text'; paras: Para[]; merge?: 'restart' | 'continue'; bold?: boolean; center?: boolean }
  /** A rating: shaded with the level's colour and labelled; level null = "Not rated", unshaded. */
  | {
      kind: 'rating';
      level: RatingLevel | null;
      small?: boolean;
      /** Half-points of the label when not the table's size (rating history with many periods). */
      size?: number;
    };

export interface TableColumn {
  label: string;
  /** Relative width weight. */
  weight: number;
  /** A header shaded as a rating level (summary count columns). */
  level?: RatingLevel;
  /** Text whose longest word the column must fit without splitting (rating labels), and its size. */
  fit?: { text: string; small: boolean; bold?: boolean; size?: number };
  /** Half-points of this column's header text when not the table's (rating history with many periods). */
  headerSize?: number;
  /** The reporting period of a rating-history column. */
  periodId?: string;
  /** Smallest share of the table width (0-1) the column keeps when others are widened to fit words. */
  minShare?: number;
  /** The reference column (repeated with "(continued)" when a tall row is split). */
  role?: 'reference';
  /** What its text needs, measured (plan and recommendations tables): widths then follow the content. */
  need?: ColumnNeed;
}

export interface TableModel {
  columns: TableColumn[];
  rows: Cell[][];
  /** Rows to show in bold (the overall row of the summary). */
  boldRows?: number[];
}

export interface SectionBlock {
  sectionId: string;
  /** "1. Leadership, vision and culture". */
  heading: string;
  description: string[];
  /** "Average rating: November 2025 3, January 2026 3 (→ No change)"; null when the plan has no scale. */
  meanLine: string | null;
  indicators: TableModel | null;
  table: TableModel;
  actionCount: number;
}

export interface AppendixModel {
  /** Half-points of the Normal style (the tables' text): the options' `fontSize`, Arial 10-12 pt. */
  halfPoints: number;
  organisation: string;
  service: string;
  /** "Children's Services Development Plan 2020". */
  title: string;
  appendixLabel: string;
  periodLabel: string | null;
  compareLabel: string | null;
  /** Lines under the title ("Reporting period: ...", "Compared with: ...", "Actions led by: ..."). */
  subtitle: string[];
  introduction: string[];
  recommendations: { heading: string; table: TableModel } | null;
  summary: TableModel | null;
  key: TableModel | null;
  governance: string[];
  /** Says which periods the rating history leaves out to fit the page; null when it shows them all. */
  historyNote: string | null;
  sections: SectionBlock[];
  /** Total rows in the plan tables (for progress reporting). */
  actionCount: number;
}

/** What the exporter resolved from the options and the plan. */
export interface ResolvedSelection {
  period: ReportingPeriod | null;
  compare: ReportingPeriod | null;
  sections: Section[];
  actions: Action[];
  appendixNumber: number;
}

const byPosition = <T extends { position: number }>(a: T, b: T): number => a.position - b.position;

/**
 * A section's name as headings and tables print it: "3. Front Door"; a renumbered section keeping its old
 * number in brackets reads "7 (14) Front Door", and one without a number just its title.
 */
export function sectionName(number: string, title: string): string {
  const n = number.trim();
  if (!n) return title;
  return /[.)]$/.test(n) ? `${n} ${title}` : `${n}. ${title}`;
}
const live = <T extends { deletedAt: string | null }>(x: T): boolean => x.deletedAt === null;

/** The plan's column configuration, or its template's when the plan has none. */
export function planColumns(tree: PlanTree): ColumnConfig[] {
  return tree.plan.columns.length > 0 ? tree.plan.columns : templateColumns(tree.plan.template);
}

/** Whether the appendix cites actions by reference: its recommendations table lists the actions answering them. */
export function citesActions(tree: PlanTree, options: Pick<ExportOptions, 'includeRecommendations'>): boolean {
  return (
    options.includeRecommendations &&
    tree.recommendations.some(live) &&
    tree.actions.some((a) => live(a) && a.recommendationIds.length > 0)
  );
}

/**
 * Whether each row cites the recommendations it answers under its reference ("3.1" / "Ofsted 1", as the 2020
 * plan prints them): by default (the plan's own columns) when the plan has recommendations and no
 * recommendations column is shown.
 */
export function citesRecommendationsInRows(
  tree: PlanTree,
  options: ExportOptions,
  columns: readonly ColumnConfig[],
): boolean {
  if (options.rowCitations === false) return false;
  if (options.rowCitations === undefined && options.columns) return false; // the author chose the columns
  return (
    tree.recommendations.some(live) &&
    columns.some((c) => c.field === 'reference') &&
    !columns.some((c) => c.field === 'recommendations')
  );
}

/** Columns shown for these options: fields in order, rating vs rating history resolved. */
export function resolveColumns(tree: PlanTree, options: ExportOptions): ColumnConfig[] {
  const config = planColumns(tree);
  let fields: ColumnField[] = options.columns
    ? [...new Set(options.columns)]
    : config.filter((c) => c.visible).map((c) => c.field);
  const hasScale = tree.levels.some(live);
  const history = options.ratingHistory ?? fields.includes('ratingHistory');
  if (!hasScale) fields = fields.filter((f) => f !== 'rating' && f !== 'ratingHistory');
  else if (history) {
    if (!fields.includes('ratingHistory'))
      fields = fields.includes('rating')
        ? fields.map((f) => (f === 'rating' ? 'ratingHistory' : f))
        : [...fields, 'ratingHistory'];
    fields = fields.filter((f) => f !== 'rating');
  } else if (fields.includes('ratingHistory')) {
    fields = fields.includes('rating')
      ? fields.filter((f) => f !== 'ratingHistory')
      : fields.map((f) => (f === 'ratingHistory' ? 'rating' : f));
  }
  // The recommendations table cites actions by reference ("Answered by 1.47, 2.92"): those numbers must be
  // findable in the tables, so the reference column is shown whenever the appendix cites actions.
  if (citesActions(tree, options) && !fields.includes('reference')) fields = ['reference', ...fields];
  const fallback = templateColumns('blank');
  return fields.map((field) => {
    const found = config.find((c) => c.field === field) ?? fallback.find((c) => c.field === field);
    return { field, label: columnLabel(config, field), visible: true, width: found?.width ?? 1 };
  });
}

/** Picks the periods, sections and actions an export shows. */
export function resolveSelection(
  tree: PlanTree,
  options: ExportOptions,
  index: TreeIndex = indexTree(tree),
): ResolvedSelection {
  const periods = tree.periods.filter(live).sort(byPosition);
  const find = (id: string | null | undefined) => (id ? (periods.find((p) => p.id === id) ?? null) : null);
  const period = options.periodId
    ? find(options.periodId)
    : (find(tree.plan.currentPeriodId) ?? periods[periods.length - 1] ?? null);
  if (options.periodId && !period) throw new Error('The chosen reporting period is not part of this plan.');
  let compare: ReportingPeriod | null;
  if (options.compareId === null) compare = null;
  else if (options.compareId) {
    compare = find(options.compareId);
    if (!compare) throw new Error('The compare-with period is not part of this plan.');
  } else {
    // The one compare-with rule (shared/compare.ts): the period before, or the plan's earlier choice for its current period.
    compare = find(defaultCompareId(periods, tree.plan, period?.id ?? null));
  }
  if (compare && period && compare.id === period.id) compare = null;

  const wanted = options.sectionIds ? new Set(options.sectionIds) : null;
  if (wanted && [...wanted].some((id) => !tree.sections.some((s) => s.id === id && live(s))))
    throw new Error('One of the chosen sections is not part of this plan (it may have been deleted).');
  const sections = tree.sections
    .filter((s) => live(s) && (options.includeArchived || !s.archived) && (!wanted || wanted.has(s.id)))
    .sort(byPosition);
  const sectionOrder = new Map(sections.map((s, i) => [s.id, i]));
  const levelById = new Map(tree.levels.map((l) => [l.id, l]));
  const currentRating = new Map<string, string | null>();
  if (period) for (const r of tree.ratings) if (r.periodId === period.id) currentRating.set(r.actionId, r.levelId);
  const needle = options.lead?.trim().toLowerCase() ?? '';
  const actions = tree.actions
    .filter((a) => {
      if (!live(a) || !sectionOrder.has(a.sectionId)) return false;
      if (!options.includeArchived && isEffectivelyArchived(index, a)) return false;
      // The text anywhere in a lead cell, or the person it names by shared/leads.ts's rule ("F Dunmore"
      // finds "Service Lead Fiona Dunmore").
      if (needle && !a.leads.some((l) => l.name.toLowerCase().includes(needle) || leadMatches(l.name, options.lead!)))
        return false;
      if (!options.includeRemovable) {
        const lvl = levelById.get(currentRating.get(a.id) ?? '');
        if (lvl?.canBeRemoved) return false;
      }
      return true;
    })
    .sort((a, b) => sectionOrder.get(a.sectionId)! - sectionOrder.get(b.sectionId)! || a.position - b.position);
  return { period, compare, sections, actions, appendixNumber: options.appendixNumber ?? tree.plan.appendixNumber };
}

const text = (value: string, span: Omit<Span, 'text'> = {}): Para[] =>
  paragraphsOf(value).map((t) => [{ text: t, ...span }]);
const textCell = (value: string, extra: Partial<Extract<Cell, { kind: 'text' }>> = {}): Cell => ({
  kind: 'text',
  paras: text(value),
  ...extra,
});
const labelled = (label: string, value: string, italic = false): Para[] => {
  const paras = paragraphsOf(value);
  if (paras.length === 0) return [];
  return paras.map((t, i) =>
    i === 0
      ? [
          { text: `${label}: `, bold: true, italic },
          { text: t, italic },
        ]
      : [{ text: t, italic }],
  );
};

function safeLongDate(iso: string): string {
  try {
    return formatLongDate(iso.slice(0, 10));
  } catch {
    return iso;
  }
}

/** Lookup tables built once (one pass over each list). */
interface Index {
  levelById: Map<string, RatingLevel>;
  rating: Map<string, Rating>;
  progress: Map<string, ProgressUpdate[]>;
  objectiveTitle: Map<string, string>;
  recLabel: Map<string, string>;
}

function buildIndex(tree: PlanTree): Index {
  const rating = new Map<string, Rating>();
  for (const r of tree.ratings) rating.set(`${r.actionId}:${r.periodId}`, r);
  const progress = new Map<string, ProgressUpdate[]>();
  for (const p of tree.progress) {
    if (!live(p)) continue;
    const key = `${p.actionId}:${p.periodId}`;
    const list = progress.get(key);
    if (list) list.push(p);
    else progress.set(key, [p]);
  }
  for (const list of progress.values()) list.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return {
    levelById: new Map(tree.levels.filter(live).map((l) => [l.id, l])),
    rating,
    progress,
    objectiveTitle: new Map(tree.objectives.filter(live).map((o) => [o.id, o.title])),
    recLabel: new Map(tree.recommendations.filter(live).map((r) => [r.id, r.label])),
  };
}

function progressCell(action: Action, sel: ResolvedSelection, idx: Index, options: ExportOptions): Cell {
  const paras: Para[] = [];
  if (sel.period) {
    const updates = (idx.progress.get(`${action.id}:${sel.period.id}`) ?? []).filter(
      (p) => options.includeInternal || !p.internal,
    );
    const published = updates.filter((p) => !p.internal);
    const shown = options.progress === 'all' ? published : published.slice(-1);
    for (const p of shown) {
      if (options.progress === 'all' && shown.length > 1) paras.push([{ text: safeLongDate(p.createdAt), bold: true }]);
      paras.push(...text(p.body));
    }
    if (options.includeInternal)
      for (const p of updates.filter((u) => u.internal)) paras.push(...labelled('Internal note', p.body, true));
    const r = idx.rating.get(`${action.id}:${sel.period.id}`);
    const lvl = r?.levelId ? idx.levelById.get(r.levelId) : undefined;
    if (r && lvl?.requiresExplanation) {
      paras.push(...labelled('Explanation', r.explanation));
      paras.push(...labelled('Corrective action', r.correctiveAction));
    }
  }
  if (options.includeInternal && action.notes.trim()) paras.push(...labelled('Internal note', action.notes, true));
  if (paras.length === 0) paras.push([{ text: 'No update this period.', italic: true }]);
  return { kind: 'text', paras };
}

/** Half-points of the Normal style (and so of the tables) by default: Arial 10 pt (wide landscape plan tables). */
export const TABLE_HALF_POINTS = 20;
/** The smallest text the documents use: 10 pt (house style: Normal is 10-12 pt). */
export const MIN_HALF_POINTS = 20;
/** Half-points of the Normal style for the export options' `fontSize` (points, 10-12). */
export function normalHalfPoints(options: Pick<ExportOptions, 'fontSize'>): number {
  return options.fontSize === undefined ? TABLE_HALF_POINTS : Math.round(options.fontSize * 2);
}
/** Half-points of the "small" styles (wide summary headers, a long rating history): 1 pt below Normal, never below 10 pt. */
export function smallHalfPoints(base: number): number {
  return Math.max(MIN_HALF_POINTS, base - 2);
}
/** Half-points of rating-history labels: Normal up to 3 periods, then the small style (never below 10 pt). */
export function historySize(count: number, base = TABLE_HALF_POINTS): number {
  return count <= 3 ? base : smallHalfPoints(base);
}
/** Largest share of the table width the rating-history columns take when every period is shown. */
export const HISTORY_MAX_SHARE = 0.7;

/** The periods the rating history layout shows, and those it leaves out for space. */
export interface HistoryChoice {
  periods: ReportingPeriod[];
  omitted: ReportingPeriod[];
}

/** How the rating-history columns look for `n` periods (base = the column's configured width weight). */
function historyLook(n: number, base: number): { small: boolean; size?: number; weight: number } {
  // Sizes come from the paragraph styles (Normal, or the small style for more than three periods).
  return {
    small: n > 3,
    size: undefined,
    weight: n <= 3 ? base : Math.max(0.5, (base * 3) / n),
  };
}

/**
 * The smallest width in twips the Word writer gives a column (docx-parts `fixedTable`): its longest header
 * word, its longest fitted word and its minimum share of the table. One rule for both, so the history
 * layout can tell what fits before anything is written.
 */
export function columnMinimum(c: TableColumn, tableSize: number, total: number, headerSize = tableSize): number {
  return Math.max(
    longestWordWidth(c.label, c.headerSize ?? headerSize, { bold: true }),
    c.fit
      ? longestWordWidth(c.fit.text, c.fit.size ?? (c.fit.small ? smallHalfPoints(tableSize) : tableSize), {
          bold: c.fit.bold,
        })
      : 0,
    Math.round((c.minShare ?? 0) * total),
  );
}

/**
 * Periods shown by the rating history layout before fitting. `count` given: exactly the last `count`
 * periods up to the reported one (the author's choice, whatever the width). Absent: every period up to the
 * reported one, as the five-level plan prints them; `fitHistory` then trims them to the page.
 */
export function chooseHistory(
  tree: PlanTree,
  period: ReportingPeriod | null,
  count: number | undefined,
): HistoryChoice {
  const all = tree.periods.filter(live).sort(byPosition);
  const upTo = period ? all.filter((p) => p.position <= period.position) : all;
  return { periods: count !== undefined ? upTo.slice(-count) : upTo, omitted: [] };
}

/**
 * How many history periods fit: the most whose columns, at the label size for that many, fit in what the
 * other columns leave (their minimum widths; at most HISTORY_MAX_SHARE of the width). When fewer than all
 * fit, the first period (the baseline, "RAG initial") and the latest ones are kept.
 */
export function fitHistory(
  all: ReportingPeriod[],
  others: number,
  labels: string,
  width = textWidth(LANDSCAPE_A4),
  base = TABLE_HALF_POINTS,
): HistoryChoice {
  const budget = Math.min(HISTORY_MAX_SHARE * width, width * 0.98 - others);
  for (let n = all.length; n > 1; n--) {
    const size = historySize(n, base);
    const column = Math.max(
      longestWordWidth(labels, size, { bold: true }),
      ...all.map((p) => longestWordWidth(p.label, size, { bold: true })),
    );
    if (n * column > budget) continue;
    const periods = n === all.length ? all : [all[0]!, ...all.slice(-(n - 1))];
    return { periods, omitted: all.filter((p) => !periods.includes(p)) };
  }
  const periods = all.slice(-1);
  return { periods, omitted: all.slice(0, -1) };
}

/** Drops the history columns of periods not in `keep` from a plan table, restyling the rest for their number. */
function trimHistory(table: TableModel, keep: ReadonlySet<string>, base: number): void {
  const kept = table.columns.map((c) => !c.periodId || keep.has(c.periodId));
  const look = historyLook(keep.size, base);
  table.columns = table.columns
    .filter((_, i) => kept[i])
    .map((c) =>
      c.periodId
        ? {
            ...c,
            weight: look.weight,
            headerSize: look.size,
            fit: c.fit && { ...c.fit, small: look.small, size: look.size },
          }
        : c,
    );
  const isHistory = table.columns.map((c) => !!c.periodId);
  table.rows = table.rows.map((row) =>
    row
      .filter((_, i) => kept[i])
      .map((cell, i) =>
        isHistory[i] && cell.kind === 'rating' ? { ...cell, small: look.small, size: look.size } : cell,
      ),
  );
}

/** "Rating history: the tables show RAG initial and RAG 07/25 to RAG 03/26; RAG 03/25 and RAG 05/25 are left out ..." (null when none are). */
function historyNoteOf(choice: HistoryChoice): string | null {
  const { omitted, periods } = choice;
  if (omitted.length === 0) return null;
  const names =
    omitted.length === 1
      ? omitted[0]!.label
      : omitted.length === 2
        ? `${omitted[0]!.label} and ${omitted[1]!.label}`
        : `${omitted[0]!.label} to ${omitted.at(-1)!.label}`;
  const verb = omitted.length === 1 ? 'is' : 'are';
  const first = periods[0]!;
  const rest = periods.slice(1);
  const shown =
    rest.length === 0
      ? first.label
      : rest.length === 1
        ? `${first.label} and ${rest[0]!.label}`
        : `${first.label} and ${rest[0]!.label} to ${rest.at(-1)!.label}`;
  return `Rating history: the tables show ${shown}; ${names} ${verb} left out to fit the page.`;
}

function planTable(
  tree: PlanTree,
  actions: Action[],
  columns: ColumnConfig[],
  sel: ResolvedSelection,
  idx: Index,
  options: ExportOptions,
  choice: HistoryChoice,
): TableModel {
  const history = choice.periods;
  const shown = new Set(columns.map((c) => c.field));
  const cellContext: CellContext = {
    objectiveTitle: (id) => idx.objectiveTitle.get(id),
    recommendationLabel: (id) => idx.recLabel.get(id),
    levelOf: (actionId, periodId) => {
      const levelId = idx.rating.get(`${actionId}:${periodId}`)?.levelId;
      return levelId ? (idx.levelById.get(levelId) ?? null) : null;
    },
    progressOf: (actionId) => (sel.period ? (idx.progress.get(`${actionId}:${sel.period.id}`) ?? []) : []),
    periodId: sel.period?.id ?? null,
    historyPeriodIds: history.map((p) => p.id),
    shown,
  };
  const textOf = (a: Action, c: ColumnConfig): string => COLUMNS[c.field].value(a, cellContext).join('\n');
  const labels = tree.levels
    .filter(live)
    .map((l) => l.label)
    .join(' ');
  // The single rating column fits each level's label on one line ("5 Sustained").
  const wholeLabels = tree.levels
    .filter(live)
    .map((l) => l.label.replace(/\s+/g, '\u00a0'))
    .join(' ');
  const historyBase = columns.find((c) => c.field === 'ratingHistory')?.width ?? 1;
  const look = historyLook(history.length, historyBase);
  const small = look.small;
  const tableColumns: TableColumn[] = [];
  for (const c of columns) {
    if (c.field === 'ratingHistory') {
      const fit = { text: labels, small, bold: true, size: look.size };
      // "RAG history" heads each period's column as "RAG November 2025"; "RAG" + "RAG 01/18" as "RAG 01/18".
      const base = c.label.replace(/\s+history$/i, '');
      for (const p of history)
        tableColumns.push({
          label: p.label.toLowerCase().includes(base.toLowerCase()) ? p.label : `${base} ${p.label}`.trim(),
          weight: look.weight,
          fit,
          headerSize: look.size,
          periodId: p.id,
        });
      if (history.length === 0) tableColumns.push({ label: c.label, weight: c.width, fit });
    } else if (c.field === 'rating')
      tableColumns.push({ label: c.label, weight: c.width, fit: { text: wholeLabels, small: false, bold: true } });
    else if (c.field === 'progress') tableColumns.push({ label: c.label, weight: c.width, minShare: 0.2 });
    else if (c.field === 'reference') tableColumns.push({ label: c.label, weight: c.width, role: 'reference' });
    else tableColumns.push({ label: c.label, weight: c.width });
  }
  const ratingCell = (actionId: string, periodId: string | undefined, small = false): Cell => {
    const r = periodId ? idx.rating.get(`${actionId}:${periodId}`) : undefined;
    const cell: Cell = { kind: 'rating', level: r?.levelId ? (idx.levelById.get(r.levelId) ?? null) : null, small };
    if (small && look.size !== undefined) cell.size = look.size;
    return cell;
  };
  const citeRows = citesRecommendationsInRows(tree, options, columns);
  const rows: Cell[][] = [];
  let prev: Action | null = null;
  for (const a of actions) {
    const row: Cell[] = [];
    const sameObjective = prev !== null && a.objectiveId !== null && a.objectiveId === prev.objectiveId;
    for (const c of columns) {
      switch (c.field) {
        case 'reference': {
          const cell = textCell(textOf(a, c), { bold: true }) as Extract<Cell, { kind: 'text' }>;
          if (citeRows)
            for (const id of a.recommendationIds) {
              const label = idx.recLabel.get(id);
              if (label) cell.paras.push([{ text: label, italic: true }]);
            }
          row.push(cell);
          break;
        }
        case 'objective': {
          const title = textOf(a, c);
          const merge = options.mergeRepeated && a.objectiveId !== null;
          row.push(
            merge && sameObjective
              ? { kind: 'text', paras: [], merge: 'continue' }
              : textCell(title, merge ? { merge: 'restart' } : {}),
          );
          break;
        }
        case 'description': {
          const repeat =
            sameObjective && prev !== null && a.description.trim() !== '' && a.description === prev.description;
          const merge = options.mergeRepeated && a.objectiveId !== null;
          row.push(
            merge && repeat
              ? { kind: 'text', paras: [], merge: 'continue' }
              : textCell(a.description, merge ? { merge: 'restart' } : {}),
          );
          break;
        }
        case 'progress':
          row.push(progressCell(a, sel, idx, options));
          break;
        case 'outcome':
        case 'dueDate':
        case 'lead':
        case 'strategicLead':
        case 'operationalLead':
        case 'responsibleOfficer':
        case 'recommendations':
          row.push(textCell(textOf(a, c)));
          break;
        case 'rating':
          row.push(ratingCell(a.id, sel.period?.id));
          break;
        case 'ratingHistory':
          if (history.length === 0) row.push(ratingCell(a.id, undefined));
          for (const p of history) row.push(ratingCell(a.id, p.id, small));
          break;
      }
    }
    rows.push(row);
    prev = a;
  }
  // Text columns must fit their longest word unsplit ("Commissioning"); only very long tokens (addresses) may break.
  const MAX_FIT = 24;
  columns.forEach((c) => {
    if (c.field === 'progress' || COLUMNS[c.field].kind !== 'text') return;
    const index = tableColumns.findIndex((t) => t.label === c.label);
    let longest = '';
    for (const row of rows) {
      const cell = row[index];
      if (!cell || cell.kind !== 'text') continue;
      for (const p of cell.paras)
        for (const span of p)
          for (const word of span.text.split(/\s+/)) if (word.length > longest.length) longest = word.slice(0, MAX_FIT);
    }
    const col = tableColumns[index];
    if (col && longest) col.fit = { text: longest, small: false };
  });
  // A merge that starts and ends on the same row is not a merge.
  for (let col = 0; col < (rows[0]?.length ?? 0); col++) {
    for (let r = 0; r < rows.length; r++) {
      const cell = rows[r]![col]!;
      if (cell.kind === 'text' && cell.merge === 'restart') {
        const next = rows[r + 1]?.[col];
        if (!(next && next.kind === 'text' && next.merge === 'continue')) delete cell.merge;
      }
    }
  }
  return { columns: tableColumns, rows };
}

/**
 * The summary of all areas. On a scale whose levels are numbers (1-5): previous and current average and the
 * direction of travel. On a colour key without numbers an average means nothing, so: counts per level, not
 * rated, and the share on track or complete (and complete). Previous and direction only with a comparison.
 */
export function summaryTable(
  summary: PlanSummary,
  levels: RatingLevel[],
  sel: Pick<ResolvedSelection, 'period' | 'compare'>,
  opts: { compact?: boolean } = {},
): TableModel {
  const numeric = averagesMeanSomething(levels);
  const compare = sel.compare !== null;
  const prevLabel = sel.compare ? `${opts.compact ? '' : 'Previous '}(${sel.compare.label})` : 'Previous';
  const currLabel = sel.period ? `${opts.compact ? '' : 'Current '}(${sel.period.label})` : 'Current';
  const bare = (l: string) => (opts.compact ? l.replace(/^\((.*)\)$/, '$1') : l);
  const columns: TableColumn[] = [{ label: 'Area', weight: 4 }];
  if (numeric) {
    if (compare) columns.push({ label: `${bare(prevLabel)} average`, weight: 1.3 });
    columns.push({ label: `${bare(currLabel)} average`, weight: 1.3 });
    if (compare) columns.push({ label: 'Direction of travel', weight: 1.5 });
  }
  if (!opts.compact || !numeric) {
    columns.push(...levels.map((l) => ({ label: l.label, weight: 0.9, level: l })), {
      label: 'Not rated',
      weight: 0.9,
    });
  }
  if (!numeric)
    columns.push(
      { label: 'On track or complete', weight: 1.3 },
      ...(opts.compact ? [] : [{ label: 'Complete', weight: 1.1 }]),
    );
  const row = (name: string, g: PlanSummary['overall']): Cell[] => {
    const d = directionLabel(g.direction);
    const count = (levelId: string) => String(g.counts.find((c) => c.levelId === levelId)?.count ?? 0);
    const cells: Cell[] = [textCell(name)];
    if (numeric) {
      if (compare) cells.push(textCell(g.previous.oneDp, { center: true }));
      cells.push(textCell(g.current.oneDp, { center: true }));
      if (compare) cells.push(textCell(`${d.arrow} ${d.words}`));
    }
    if (!opts.compact || !numeric)
      cells.push(
        ...levels.map((l) => textCell(count(l.id), { center: true })),
        textCell(String(g.notRated), { center: true }),
      );
    if (!numeric) {
      const st = standingCells(g, levels);
      cells.push(textCell(st.onTrackOrComplete, { center: true }));
      if (!opts.compact) cells.push(textCell(st.complete, { center: true }));
    }
    return cells;
  };
  const rows = summary.sections.map((s) => row(sectionName(s.number, s.title), s));
  rows.push(row(numeric && !opts.compact ? 'Overall (average of the areas)' : 'Overall', summary.overall));
  return { columns, rows, boldRows: [rows.length - 1] };
}

/**
 * Measures the text of `tables` (which share one column layout) in Arial at `halfPoints` and records on each
 * column what it needs (ColumnNeed): so widths follow the content. Rating columns (labels only) are left to
 * their label widths.
 */
export function measureColumns(tables: readonly TableModel[], halfPoints: number, total: number): void {
  const first = tables[0];
  if (!first) return;
  first.columns.forEach((column, i) => {
    if (column.periodId || column.level) return;
    let longestPara = 0;
    let sum = 0;
    let rows = 0;
    let textCells = 0;
    let widestWord = 0;
    for (const t of tables)
      for (const row of t.rows) {
        const cell = row[i];
        if (!cell) continue;
        rows++;
        if (cell.kind !== 'text') continue;
        textCells++;
        for (const p of cell.paras) {
          let w = 0;
          for (const span of p) {
            // The widest word (measured, not the one with most letters: "Performance" is wider than "Intelligence").
            w += measureWords(span.text, halfPoints, !!(span.bold || cell.bold), (twips, length) => {
              if (length > 3) widestWord = Math.max(widestWord, Math.min(twips, total / 4));
            });
          }
          longestPara = Math.max(longestPara, w);
          sum += w;
        }
      }
    if (textCells === 0) return;
    const need: ColumnNeed = {
      min: Math.max(columnMinimum(column, halfPoints, total), Math.ceil(widestWord) + CELL_SIDE_MARGINS),
      natural: longestPara + CELL_SIDE_MARGINS,
      perRow: rows ? sum / rows : 0,
    };
    for (const t of tables) {
      const c = t.columns[i];
      if (c) c.need = need;
    }
  });
}

/** The sentence explaining the summary table's figures (one home: shared/summary.ts). */
export { summaryExplanation } from '../../shared/summary';

function keyTable(levels: RatingLevel[]): TableModel {
  return {
    columns: [
      { label: 'Rating', weight: 1.4 },
      { label: 'What it means', weight: 8 },
    ],
    rows: levels.map((l) => [{ kind: 'rating', level: l } as Cell, textCell(l.definition || l.label)]),
  };
}

/**
 * The inspection recommendations with the actions answering each, citing only the exported actions
 * (`shown`). When only actions left out of this export answer one (a lead's return, some sections), it says
 * so rather than claiming that nothing in the plan answers it.
 */
function recommendationsTable(index: TreeIndex, shown: Action[]): TableModel | null {
  const recs = index.recommendations;
  if (recs.length === 0) return null;
  // One rule with the summary: an effectively archived action answers nothing, even when it is shown.
  const liveActions = shown.filter((a) => !isEffectivelyArchived(index, a));
  const inPlan = answeredRecommendationIds(index);
  return {
    columns: [
      { label: 'Recommendation', weight: 1.3 },
      { label: 'Text', weight: 8 },
      { label: 'Answered by actions', weight: 2, minShare: 0.12 },
    ],
    rows: recs.map((r) => {
      const refs = liveActions.filter((a) => a.recommendationIds.includes(r.id)).map((a) => a.reference);
      const none = inPlan.has(r.id)
        ? 'None in this appendix (answered elsewhere in the plan)'
        : 'Not yet answered by any action';
      return [
        textCell(r.label, { bold: true }),
        textCell(r.text),
        refs.length ? textCell(refs.join(', ')) : { kind: 'text', paras: [[{ text: none, italic: true }]] },
      ];
    }),
  };
}

/** A baseline, statistical-neighbour or target figure: "–" when there is none. */
function formatValue(v: number | null, unit: Indicator['unit']): string {
  if (v === null) return '–';
  return unit === 'percent' ? `${v}%` : String(v);
}

/** A monthly value: the figure (with its note, if any), or the note in italics when it is missing (never 0). */
function monthCell(v: Indicator['values'][number] | undefined, unit: Indicator['unit']): Cell {
  if (!v) return textCell('–');
  if (v.value === null)
    return { kind: 'text', paras: [[{ text: v.note || formatIndicatorValue(null, unit), italic: true }]] };
  const paras: Para[] = [[{ text: formatValue(v.value, unit) }]];
  if (v.note) paras.push([{ text: v.note, italic: true }]);
  return { kind: 'text', paras };
}

/**
 * A section's indicator table (domain.md "Performance indicators"): name and polarity, baseline year and
 * value, statistical-neighbour average, the target (when any indicator has one), the last six months,
 * the year to date (when any indicator sums or averages its months), direction of travel by polarity
 * (arrow and words) and notes. Missing values are shown as missing, with their note.
 */
function indicatorTable(tree: PlanTree, sectionId: string): TableModel | null {
  const list = tree.indicators.filter((i) => live(i) && i.sectionId === sectionId).sort(byPosition);
  if (list.length === 0) return null;
  const labels: string[] = [];
  for (const i of list) for (const v of i.values) if (!labels.includes(v.label)) labels.push(v.label);
  const shownLabels = labels.slice(-6);
  const withTarget = list.some((i) => i.target !== null);
  const withYearToDate = list.some((i) => i.yearToDate !== 'latest');
  return {
    columns: [
      { label: 'Indicator', weight: 4 },
      { label: 'Baseline', weight: 1 },
      { label: 'SN average', weight: 1 },
      ...(withTarget ? [{ label: 'Target', weight: 1 }] : []),
      ...shownLabels.map((l) => ({ label: l, weight: 0.9 })),
      ...(withYearToDate ? [{ label: 'Year to date', weight: 1 }] : []),
      { label: 'Direction of travel', weight: 1.5 },
      { label: 'Notes', weight: 3 },
    ],
    rows: list.map((i) => {
      const d = directionLabel(indicatorTravel(i));
      const ytd = yearToDate(i);
      return [
        { kind: 'text', paras: [[{ text: i.name }], [{ text: `(${POLARITY_WORDS[i.polarity]})`, italic: true }]] },
        textCell(`${i.baselineLabel ? `${i.baselineLabel}: ` : ''}${formatValue(i.baseline, i.unit)}`),
        textCell(formatValue(i.snAverage, i.unit)),
        ...(withTarget ? [textCell(formatValue(i.target, i.unit))] : []),
        ...shownLabels.map((l) =>
          monthCell(
            i.values.find((x) => x.label === l),
            i.unit,
          ),
        ),
        ...(withYearToDate
          ? [
              {
                kind: 'text',
                paras: [
                  [{ text: formatValue(ytd, i.unit) }],
                  [{ text: `(${YEAR_TO_DATE_WORDS[i.yearToDate]})`, italic: true }],
                ],
              } satisfies Cell,
            ]
          : []),
        textCell(`${d.arrow} ${d.words}`),
        textCell(i.notes),
      ];
    }),
  };
}

/** Said under the title when the reported period is the plan's first: nothing to compare with yet. */
export const FIRST_REPORT =
  'This is the first report on this plan, so there is no earlier rating to compare with and no direction of travel.';

/** Whether `period` is the plan's first reporting period (no earlier one to compare with). */
export function isFirstPeriod(tree: PlanTree, period: ReportingPeriod): boolean {
  return !tree.periods.some((p) => live(p) && p.position < period.position);
}

/**
 * Builds the appendix model. Text is cleaned of characters Word cannot open where it enters a paragraph
 * (`paragraphsOf` here, `run` in the Word writer), so no string reaches the document uncleaned.
 */
export function buildAppendixModel(
  tree: PlanTree,
  options: ExportOptions,
  treeIndex: TreeIndex = indexTree(tree),
): AppendixModel {
  const sel = resolveSelection(tree, options, treeIndex);
  const columns = resolveColumns(tree, options);
  const idx = buildIndex(tree);
  const levels = sortLevels(tree.levels.filter(live));
  const plan = tree.plan;
  const halfPoints = normalHalfPoints(options);
  const history: HistoryChoice = columns.some((c) => c.field === 'ratingHistory')
    ? chooseHistory(tree, sel.period, options.historyPeriods)
    : { periods: [], omitted: [] };

  // The summary covers the exported sections and, for a lead's return, that lead's actions and only the
  // sections where the lead has some (as the section pages do).
  const leadSections = new Set(sel.actions.map((a) => a.sectionId));
  const summaryTree: PlanTree =
    options.lead || options.sectionIds
      ? {
          ...tree,
          sections: options.lead ? sel.sections.filter((s) => leadSections.has(s.id)) : sel.sections,
          actions: tree.actions.filter((a) => !options.lead || sel.actions.includes(a)),
        }
      : tree;
  const summary =
    levels.length > 0
      ? computeSummary(summaryTree === tree ? treeIndex : summaryTree, {
          periodId: sel.period?.id ?? null,
          compareId: sel.compare?.id ?? null,
        })
      : null;
  const sectionSummary = new Map(summary?.sections.map((s) => [s.sectionId, s]) ?? []);

  const bySection = new Map<string, Action[]>();
  for (const a of sel.actions) {
    const list = bySection.get(a.sectionId);
    if (list) list.push(a);
    else bySection.set(a.sectionId, [a]);
  }

  const sections: SectionBlock[] = [];
  for (const s of sel.sections) {
    const actions = bySection.get(s.id) ?? [];
    if (actions.length === 0 && options.lead) continue;
    const ss = sectionSummary.get(s.id);
    let meanLine: string | null = null;
    if (ss && sel.period) {
      const d = directionLabel(ss.direction);
      if (!averagesMeanSomething(levels)) meanLine = `Ratings for ${sel.period.label}: ${describeCounts(ss, levels)}`;
      else
        meanLine = sel.compare
          ? `Average rating: ${sel.compare.label}: ${ss.previous.whole} (${ss.previous.oneDp}); ${sel.period.label}: ${ss.current.whole} (${ss.current.oneDp}); direction of travel: ${d.arrow} ${d.words}`
          : `Average rating: ${sel.period.label}: ${ss.current.whole} (${ss.current.oneDp})`;
    }
    sections.push({
      sectionId: s.id,
      heading: sectionName(s.number, s.title),
      description: paragraphsOf(s.description),
      meanLine,
      indicators: options.includeIndicators ? indicatorTable(tree, s.id) : null,
      table: planTable(tree, actions, columns, sel, idx, options, history),
      actionCount: actions.length,
    });
  }

  // The same column widths in every section: each column fits the longest word any section needs.
  const widest = new Map<number, TableColumn['fit']>();
  for (const block of sections)
    block.table.columns.forEach((c, i) => {
      if (c.fit && c.fit.text.length > (widest.get(i)?.text.length ?? 0)) widest.set(i, c.fit);
    });
  for (const block of sections) block.table.columns.forEach((c, i) => (c.fit = widest.get(i) ?? c.fit));

  // Every period up to the reported one, unless they do not fit beside the other columns.
  let shownHistory = history;
  const sample = sections[0]?.table.columns;
  if (options.historyPeriods === undefined && history.periods.length > 1 && sample) {
    const width = textWidth(LANDSCAPE_A4);
    const others = sample.filter((c) => !c.periodId).reduce((sum, c) => sum + columnMinimum(c, halfPoints, width), 0);
    shownHistory = fitHistory(history.periods, others, levels.map((l) => l.label).join(' '), width, halfPoints);
    if (shownHistory.omitted.length) {
      const keep = new Set(shownHistory.periods.map((p) => p.id));
      const base = columns.find((c) => c.field === 'ratingHistory')?.width ?? 1;
      for (const block of sections) trimHistory(block.table, keep, base);
    }
  }

  // Widths from measured content, the same in every section (so the tables line up page after page).
  const planTables = sections.map((b) => b.table).filter((t) => t.rows.length > 0);
  measureColumns(
    planTables.length ? planTables : sections.slice(0, 1).map((b) => b.table),
    halfPoints,
    textWidth(LANDSCAPE_A4),
  );

  const appendixLabel = `Appendix ${sel.appendixNumber}`;
  const subtitle: string[] = [];
  if (sel.period) {
    const dates = sel.period.endDate ? ` (to ${safeLongDate(sel.period.endDate)})` : '';
    subtitle.push(`Reporting period: ${sel.period.label}${dates}`);
  }
  if (sel.compare) subtitle.push(`Compared with: ${sel.compare.label}`);
  else if (sel.period && isFirstPeriod(tree, sel.period)) subtitle.push(FIRST_REPORT);
  if (options.lead) subtitle.push(`Actions led by: ${options.lead}`);
  if (options.sectionIds) subtitle.push(`Sections: ${sel.sections.map((s) => s.number || s.title).join(', ')}`);
  // A partial export (one lead, some sections, "can be removed" left out) cites only the actions it shows.
  const recTable = options.includeRecommendations ? recommendationsTable(treeIndex, sel.actions) : null;
  if (recTable) measureColumns([recTable], halfPoints, textWidth(LANDSCAPE_A4));

  return {
    halfPoints,
    organisation: plan.organisation,
    service: plan.service,
    title: [plan.title, plan.planPeriod && !plan.title.includes(plan.planPeriod) ? plan.planPeriod : '']
      .filter(Boolean)
      .join(' '),
    appendixLabel,
    periodLabel: sel.period?.label ?? null,
    compareLabel: sel.compare?.label ?? null,
    subtitle,
    introduction: options.includeIntroduction ? paragraphsOf(plan.introduction) : [],
    recommendations: recTable
      ? { heading: plan.recommendationsHeading || 'Inspection recommendations', table: recTable }
      : null,
    summary: summary ? summaryTable(summary, levels, sel) : null,
    key: levels.length > 0 ? keyTable(levels) : null,
    governance: options.includeGovernance ? paragraphsOf(plan.governance) : [],
    historyNote: historyNoteOf(shownHistory),
    sections,
    actionCount: sel.actions.length,
  };
}
