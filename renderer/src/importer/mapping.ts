/**
 * Words for the import preview's column mapping ("this column is the …") and how an edited choice
 * becomes the `ColumnMapping` sent to `import:remap`. Pure (no React, no DOM).
 */
import type { ColumnMapping, DetectedColumn, ImportPreview, MappedField } from '../../../shared/import-schema';

/** Every reading a source column can have, in the order the picker lists them, with its name. */
export const FIELD_LABELS: readonly (readonly [MappedField, string])[] = [
  ['section', 'Section (priority / area)'],
  ['reference', 'Reference'],
  ['objective', 'Objective / outcome (groups actions)'],
  ['description', 'Action'],
  ['outcome', 'Success measure / outcome'],
  ['progress', 'Progress'],
  ['dueDate', 'Due date (by when)'],
  ['lead', 'Lead'],
  ['strategicLead', 'Strategic lead'],
  ['operationalLead', 'Operational lead'],
  ['responsibleOfficer', 'Responsible officer'],
  ['recommendations', 'Recommendations answered'],
  ['rating', 'Rating (one period)'],
  ['ignore', 'Nothing (leave it out)'],
];

export function fieldLabel(field: MappedField): string {
  return FIELD_LABELS.find(([f]) => f === field)?.[1] ?? field;
}

/** True for the fields that carry a reporting period. */
export const isRatingField = (field: MappedField): boolean => field === 'rating';

/** The preview's mapping with column `index` read as `field` (other columns unchanged). */
export function remapped(columns: readonly DetectedColumn[], index: number, field: MappedField): ColumnMapping {
  return columns.map((c) => {
    const f = c.index === index ? field : c.field;
    // A rating column keeps its period; a column newly read as a rating gets one from its header (importer).
    const period = isRatingField(f) && isRatingField(c.field) ? c.period : undefined;
    return period ? { index: c.index, field: f, period } : { index: c.index, field: f };
  });
}

/**
 * The preview's mapping with rating column `index` naming its reporting period `period` (the author's
 * name for it, such as "March 2020"); every other column keeps its reading and period.
 */
export function withPeriod(columns: readonly DetectedColumn[], index: number, period: string): ColumnMapping {
  return columns.map((c) => {
    const p = c.index === index ? period.trim() : c.period;
    return isRatingField(c.field) && p
      ? { index: c.index, field: c.field, period: p }
      : { index: c.index, field: c.field };
  });
}

/** The period each rating column reads into, in column order (the preview's periods, which follow the rating columns). */
export function ratingPeriods(preview: Pick<ImportPreview, 'columns' | 'periods'>): Map<number, string> {
  const out = new Map<number, string>();
  preview.columns
    .filter((c) => isRatingField(c.field))
    .forEach((c, i) => out.set(c.index, preview.periods[i] ?? c.period ?? ''));
  return out;
}

/** "7 sections, 41 actions, 1 reporting period, 41 ratings, 3 recommendations" (recommendations only when there are some). */
export function describeTotals(totals: ImportPreview['totals']): string {
  const n = (count: number, one: string, many = `${one}s`) =>
    `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
  return [
    n(totals.sections, 'section'),
    n(totals.actions, 'action'),
    n(totals.periods, 'reporting period'),
    n(totals.ratings, 'rating'),
    ...(totals.recommendations > 0 ? [n(totals.recommendations, 'recommendation')] : []),
  ].join(', ');
}

/** How sure the importer is of a column, in words. */
export function confidenceWords(confidence: number): { text: string; tone: 'ok' | 'warn' | 'neutral' } {
  if (confidence >= 0.9) return { text: 'Recognised', tone: 'ok' };
  if (confidence >= 0.5) return { text: 'Likely', tone: 'neutral' };
  return { text: 'Guessed: check', tone: 'warn' };
}

/** "Word document", "Excel workbook", "CSV file". */
export function kindLabel(kind: ImportPreview['kind']): string {
  return kind === 'docx' ? 'Word document' : kind === 'xlsx' ? 'Excel workbook' : 'CSV file';
}
