/**
 * The export dialog's form state and how it becomes `ExportOptions`. Pure (no React, no DOM), so the
 * rules are easy to test: the rating and rating-history columns are one choice ("Rating") whose layout
 * (current period only / one column per period) is chosen separately, as the exporter reads them.
 */
import type { ExportOptions, ExportOptionsInput, ProgressChoice } from '../../../shared/export-options';
import type { ColumnField, PlanTree } from '../../../shared/model';

/** One checkbox of the columns list. `field: 'rating'` stands for rating and rating history. */
export interface ColumnChoice {
  field: ColumnField;
  label: string;
}

export type ScopeMode = 'all' | 'sections' | 'lead';

export interface ExportForm {
  periodId: string;
  /** '' = no comparison. */
  compareId: string;
  appendixNumber: string;
  /** Chosen columns (rating history folded into 'rating'). */
  columns: ColumnField[];
  ratingHistory: boolean;
  /** How many periods the rating history shows; '' = all up to the reported one (as many as fit). */
  historyPeriods: string;
  includeArchived: boolean;
  includeRemovable: boolean;
  includeInternal: boolean;
  scope: ScopeMode;
  sectionIds: string[];
  lead: string;
  progress: ProgressChoice;
  mergeRepeated: boolean;
  includeIntroduction: boolean;
  includeRecommendations: boolean;
  includeGovernance: boolean;
  includeIndicators: boolean;
  /** Points of the Normal style (Arial), from FONT_SIZES. */
  fontSize: number;
}

/** The text sizes the appendix offers (the exporter takes 10 to 12 points in half points). */
export const FONT_SIZES = [10, 10.5, 11, 11.5, 12] as const;

const live = <T extends { deletedAt: string | null }>(x: T) => x.deletedAt === null;
const byPosition = (a: { position: number }, b: { position: number }) => a.position - b.position;

/** True when the plan has a rating scale (otherwise there is no rating column to offer). */
export function hasScale(tree: PlanTree): boolean {
  return tree.levels.some(live);
}

/** The plan's columns in its own order and with its own labels; rating and rating history as one entry. */
export function columnChoices(tree: PlanTree): ColumnChoice[] {
  const scale = hasScale(tree);
  const out: ColumnChoice[] = [];
  const rating = tree.plan.columns.filter((c) => c.field === 'rating' || c.field === 'ratingHistory');
  const ratingLabel = (rating.find((c) => c.visible) ?? rating[0])?.label ?? 'Rating';
  for (const c of tree.plan.columns) {
    if (c.field === 'rating' || c.field === 'ratingHistory') {
      if (scale && !out.some((o) => o.field === 'rating')) out.push({ field: 'rating', label: ratingLabel });
      continue;
    }
    if (!out.some((o) => o.field === c.field)) out.push({ field: c.field, label: c.label });
  }
  return out;
}

/** Live reporting periods in order. */
export function periodsOf(tree: PlanTree) {
  return tree.periods.filter(live).sort(byPosition);
}

/** Live sections in order (archived ones included, marked by the caller). */
export function sectionsOf(tree: PlanTree) {
  return tree.sections.filter(live).sort(byPosition);
}

/** Every distinct lead name used in the plan, A to Z (for "a service lead's return"). */
export function leadsOf(tree: PlanTree): string[] {
  const names = new Map<string, string>();
  for (const a of tree.actions) {
    if (!live(a)) continue;
    for (const l of a.leads) {
      const name = l.name.trim();
      if (name && !names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
    }
  }
  return [...names.values()].sort((a, b) => a.localeCompare(b, 'en-GB', { sensitivity: 'base' }));
}

/** Labels of the levels marked "can be removed" ("5 Completed and sustained"). */
export function removableLevels(tree: PlanTree): string[] {
  return tree.levels
    .filter((l) => live(l) && l.canBeRemoved)
    .sort(byPosition)
    .map((l) => l.label);
}

/** The form's starting state from `export:defaults`. */
export function initialForm(tree: PlanTree, defaults: ExportOptions): ExportForm {
  const chosen = new Set<ColumnField>((defaults.columns ?? []).map((f) => (f === 'ratingHistory' ? 'rating' : f)));
  const choices = columnChoices(tree);
  return {
    periodId: defaults.periodId ?? periodsOf(tree).at(-1)?.id ?? '',
    compareId: defaults.compareId ?? '',
    appendixNumber: String(defaults.appendixNumber ?? tree.plan.appendixNumber),
    columns: choices.filter((c) => chosen.has(c.field)).map((c) => c.field),
    ratingHistory: defaults.ratingHistory ?? false,
    historyPeriods: defaults.historyPeriods === undefined ? '' : String(defaults.historyPeriods),
    includeArchived: defaults.includeArchived,
    includeRemovable: defaults.includeRemovable,
    includeInternal: false,
    scope: defaults.lead ? 'lead' : defaults.sectionIds ? 'sections' : 'all',
    sectionIds: defaults.sectionIds ?? [],
    lead: defaults.lead ?? '',
    progress: defaults.progress,
    mergeRepeated: defaults.mergeRepeated,
    includeIntroduction: defaults.includeIntroduction,
    includeRecommendations: defaults.includeRecommendations,
    includeGovernance: defaults.includeGovernance,
    includeIndicators: defaults.includeIndicators,
    fontSize: defaults.fontSize ?? 10,
  };
}

export type FormErrors = Partial<
  Record<'columns' | 'sections' | 'lead' | 'appendixNumber' | 'historyPeriods' | 'compare', string>
>;

/** Problems that stop the export, worded for the author. Empty when the form is fine. */
export function validateForm(form: ExportForm): FormErrors {
  const errors: FormErrors = {};
  if (form.columns.length === 0) errors.columns = 'Choose at least one column.';
  if (form.scope === 'sections' && form.sectionIds.length === 0)
    errors.sections = 'Choose at least one section, or export all sections.';
  if (form.scope === 'lead' && !form.lead.trim()) errors.lead = 'Choose the lead whose actions to export.';
  const n = Number(form.appendixNumber);
  if (!/^\d+$/.test(form.appendixNumber.trim()) || n < 1 || n > 99)
    errors.appendixNumber = 'The appendix number must be a whole number from 1 to 99.';
  const h = Number(form.historyPeriods);
  if (
    form.ratingHistory &&
    form.historyPeriods.trim() !== '' &&
    (!/^\d+$/.test(form.historyPeriods.trim()) || h < 1 || h > 24)
  )
    errors.historyPeriods = 'Show from 1 to 24 periods, or leave it blank for all of them.';
  if (form.compareId && form.compareId === form.periodId)
    errors.compare = 'Compare with a different period, or choose “No comparison”.';
  return errors;
}

/** The `ExportOptions` to send for a valid form, columns in the plan's order. */
export function toOptions(form: ExportForm, tree: PlanTree): ExportOptionsInput {
  const order = columnChoices(tree).map((c) => c.field);
  const columns = order.filter((f) => form.columns.includes(f));
  const scale = hasScale(tree);
  return {
    periodId: form.periodId || null,
    compareId: form.compareId || null,
    columns,
    ...(scale ? { ratingHistory: form.ratingHistory } : {}),
    ...(form.historyPeriods.trim() !== '' ? { historyPeriods: Number(form.historyPeriods) } : {}),
    includeArchived: form.includeArchived,
    includeRemovable: form.includeRemovable,
    includeInternal: form.includeInternal,
    ...(form.scope === 'sections'
      ? {
          sectionIds: sectionsOf(tree)
            .map((s) => s.id)
            .filter((id) => form.sectionIds.includes(id)),
        }
      : {}),
    ...(form.scope === 'lead' ? { lead: form.lead.trim() } : {}),
    progress: form.progress,
    appendixNumber: Number(form.appendixNumber),
    mergeRepeated: form.mergeRepeated,
    includeIntroduction: form.includeIntroduction,
    includeRecommendations: form.includeRecommendations,
    includeGovernance: form.includeGovernance,
    includeIndicators: form.includeIndicators,
    fontSize: form.fontSize,
  };
}

/** "48 KB", "1.2 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The folder part of a path (either separator). */
export function folderOf(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i > 0 ? path.slice(0, i) : path;
}

/** A job id for `job:progress` events. */
export function newJobId(prefix: string): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return c?.randomUUID
    ? `${prefix}-${c.randomUUID()}`
    : `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
