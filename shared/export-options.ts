/**
 * Options of the Word appendix export (the export dialog in the app, flags on the command line).
 * Everything has a safe default: internal notes are left out unless the author asks for them.
 *
 * Pure TypeScript: no Node, no DOM.
 */
import { z } from 'zod';
import { ColumnField, Id } from './model';

export const ProgressChoice = z.enum(['latest', 'all']);
export type ProgressChoice = z.infer<typeof ProgressChoice>;

export const ExportOptions = z.object({
  /** Reporting period shown; null / absent = the plan's current period. */
  periodId: Id.nullable().optional(),
  /** Compare-with period for means and direction of travel; absent = the plan's; null = none. */
  compareId: Id.nullable().optional(),
  /** Columns to show, in order (fields of the plan's column configuration); absent = the plan's visible columns. */
  columns: z.array(ColumnField).min(1, 'Choose at least one column').max(20).optional(),
  /** Include archived actions (and archived sections). */
  includeArchived: z.boolean().default(false),
  /** Include actions whose current rating is a "can be removed" level. */
  includeRemovable: z.boolean().default(true),
  /** Include internal progress notes and action notes. Off by default; the UI must ask first. */
  includeInternal: z.boolean().default(false),
  /** Only these sections (absent = all). */
  sectionIds: z.array(Id).max(1000).optional(),
  /** A service lead's return: only actions with a lead matching this text (case-insensitive substring). */
  lead: z.string().trim().max(300).optional(),
  /** Which progress updates of the period to show. */
  progress: ProgressChoice.default('latest'),
  /** "Appendix N"; absent = the plan's appendix number. */
  appendixNumber: z.number().int().min(1).max(99).optional(),
  /** Merge cells repeating the row above (shared objective/outcome and action) vertically. */
  mergeRepeated: z.boolean().default(true),
  /** One rating column per period up to the current one; absent = as the plan's columns say ('ratingHistory'). */
  ratingHistory: z.boolean().optional(),
  /**
   * How many periods the rating history shows, ending at the reported one. Absent = every period up to the
   * reported one, as the five-level plan prints them ("RAG initial", "RAG 01/18", ...), in a smaller font as
   * they grow; when even that does not fit the page, the first period (the baseline) and the latest ones that
   * fit, with a note saying which were left out. A number = exactly the last N periods, whatever the width.
   */
  historyPeriods: z.number().int().min(1).max(24).optional(),
  /**
   * Each row cites the recommendations it answers under its reference ("3.1" / "Ofsted 1"). Absent = yes when
   * the plan has recommendations, no recommendations column is shown and `columns` is not chosen; false = never.
   */
  rowCitations: z.boolean().optional(),
  /**
   * Points of the Normal style (body and table text), Arial: 10 to 12 in half points; absent = 10. Nothing in
   * the appendix is smaller than 10 pt (a long rating history uses 1 pt below Normal, never below 10).
   */
  fontSize: z
    .number({ error: 'The font size must be a number of points, 10 to 12.' })
    .min(10, 'The font size must be at least 10 points.')
    .max(12, 'The font size must be at most 12 points.')
    .multipleOf(0.5, 'The font size must be in half points, such as 10, 10.5 or 11.')
    .optional(),
  includeIntroduction: z.boolean().default(true),
  includeRecommendations: z.boolean().default(true),
  includeGovernance: z.boolean().default(true),
  includeIndicators: z.boolean().default(true),
});
/** Options after defaults (what the exporter reads). */
export type ExportOptions = z.output<typeof ExportOptions>;
/** Options as a caller writes them (every field optional). */
export type ExportOptionsInput = z.input<typeof ExportOptions>;

/** The default options (nothing chosen: the plan's own settings). */
export const defaultExportOptions = (): ExportOptions => ExportOptions.parse({});

/**
 * The custom document property in which an exported appendix keeps the plan's own title (its printed title
 * adds the plan period), so that importing the appendix again gives the same title (issue 12.13).
 */
export const PLAN_TITLE_PROPERTY = 'Planwright plan title';
