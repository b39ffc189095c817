/**
 * What the importer shows before anything is written: the preview of a Word / Excel / CSV plan (sections
 * with row counts, the detected column mapping with confidence and alternatives, the detected rating scale
 * and reporting periods, and warnings with a location such as "Table 3, row 5").
 *
 * Pure TypeScript: no Node, no DOM.
 */
import { z } from 'zod';
import { ColumnField } from './model';

/** What a source column becomes: a plan field, the section of the row, or nothing. */
export const MappedField = z.union([ColumnField, z.enum(['section', 'ignore'])]);
export type MappedField = z.infer<typeof MappedField>;

/** One source column and what it is read as. `period` names the reporting period of a rating column. */
export const ColumnMappingEntry = z.object({
  /** 0-based column index in the source table (after merged cells are expanded). */
  index: z.number().int().min(0).max(500),
  field: MappedField,
  /** Reporting period of a rating column ("RAG 01/18"); ignored for other fields. */
  period: z.string().trim().min(1).max(200).optional(),
});
export type ColumnMappingEntry = z.infer<typeof ColumnMappingEntry>;

/** The mapping the user may edit ("this column is the Lead"). */
export const ColumnMapping = z.array(ColumnMappingEntry).max(500);
export type ColumnMapping = z.infer<typeof ColumnMapping>;

/** A detected column as the preview shows it. */
export const DetectedColumn = ColumnMappingEntry.extend({
  /** The header text as written (split header words joined). */
  header: z.string(),
  /** 0 to 1: 1 = a known header form, lower = guessed from content or a partial match. */
  confidence: z.number().min(0).max(1),
  /** Other plausible readings, best first. */
  alternatives: z.array(MappedField),
  /** A few example values from the column. */
  samples: z.array(z.string()),
});
export type DetectedColumn = z.infer<typeof DetectedColumn>;

/** The stable codes of import warnings (a new kind of warning is added here first). */
export const ImportWarningCode = z.enum([
  'continuation-row',
  'duplicate-reference',
  'indicator-mismatch',
  'no-reference',
  'no-rows',
  'not-a-date',
  'proposed-rating',
  'recommendation-text',
  'section-number',
  'summary-mismatch',
  'unknown-colour',
  'unknown-rating',
  'unknown-reference',
]);
export type ImportWarningCode = z.infer<typeof ImportWarningCode>;

export const ImportWarning = z.object({
  code: ImportWarningCode,
  message: z.string(),
  /** Where in the source: "Table 3, row 5", "Sheet Plan, row 12". */
  location: z.string(),
});
export type ImportWarning = z.infer<typeof ImportWarning>;

/** Options of an import: all optional (automatic detection). */
export const ImportOptions = z.object({
  /** Worksheet name (xlsx). */
  sheet: z.string().max(200).optional(),
  /** 1-based header row (xlsx / csv; in Word, row of the first plan table). */
  headerRow: z.number().int().min(1).max(10_000).optional(),
  mapping: ColumnMapping.optional(),
  /** Label of the period when the plan has a single rating column (default: the plan's year). */
  periodLabel: z.string().trim().min(1).max(200).optional(),
  /**
   * A plan with no rating column: the status phrase opening each progress text ("Completed.", "On track.")
   * is offered as a proposed rating on a words scale. false declines: every action is left not rated.
   */
  proposedRatings: z.boolean().optional(),
});
export type ImportOptions = z.infer<typeof ImportOptions>;

export const SourceKind = z.enum(['docx', 'xlsx', 'csv']);
export type SourceKind = z.infer<typeof SourceKind>;

export const ImportPreview = z.object({
  /** Names the pending import for remap / commit / cancel. */
  token: z.string(),
  fileName: z.string(),
  kind: SourceKind,
  /** Worksheets of a workbook (xlsx), and the one read. */
  sheets: z.array(z.string()),
  sheet: z.string().nullable(),
  /** 1-based header row used. */
  headerRow: z.number().int().nullable(),
  title: z.string(),
  sections: z.array(z.object({ number: z.string(), title: z.string(), rows: z.number().int() })),
  columns: z.array(DetectedColumn),
  /** Where the rating scale came from: "key table", "numbers 1-5", "colours", "words" or "none". */
  scaleSource: z.string(),
  scale: z.array(z.object({ key: z.string(), label: z.string(), colour: z.string(), definition: z.string() })),
  periods: z.array(z.string()),
  recommendations: z.array(z.object({ label: z.string(), text: z.string(), linkedTo: z.array(z.string()) })),
  totals: z.object({
    sections: z.number().int(),
    actions: z.number().int(),
    periods: z.number().int(),
    ratings: z.number().int(),
    recommendations: z.number().int(),
  }),
  warnings: z.array(ImportWarning),
  /** Performance indicators read from indicator tables: missing values are counted, never read as 0. */
  indicators: z
    .array(
      z.object({
        section: z.string(),
        name: z.string(),
        unit: z.string(),
        polarity: z.string(),
        values: z.number().int(),
        missing: z.number().int(),
      }),
    )
    .optional(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportCommitResult = z.object({
  planId: z.uuid(),
  title: z.string(),
  sections: z.number().int(),
  actions: z.number().int(),
  periods: z.number().int(),
  ratings: z.number().int(),
  recommendations: z.number().int(),
  warnings: z.array(ImportWarning),
});
export type ImportCommitResult = z.infer<typeof ImportCommitResult>;
