/**
 * The column registry: one entry for every `ColumnField` (shared/model.ts), read by the plan table
 * (renderer/src/table/), the Word appendix (electron/export/appendix-model.ts) and the importer
 * (electron/import/). It is a `Record<ColumnField, ColumnSpec>`, so a new ColumnField that is missing
 * here fails to compile, and every reader picks the new column up from here.
 *
 * A plan's own labels, order, visibility and widths are its `ColumnConfig`s (templates.ts); this holds what
 * does not change from plan to plan: what the field means, which lead role it shows, how narrow it may get
 * and how to read its value from an action.
 *
 * Pure TypeScript: no Node, no DOM.
 */
import type { Action, ColumnField, LeadRole, ProgressUpdate, RatingLevel } from './model';

/** What a cell's value is read from, besides the action itself (built by each reader from its index). */
export interface CellContext {
  /** The objective's title, or undefined when unknown / deleted. */
  objectiveTitle(objectiveId: string): string | undefined;
  /** How rows cite a recommendation ("Ofsted 1"), or undefined when unknown / deleted. */
  recommendationLabel(recommendationId: string): string | undefined;
  /** The rated level of the action in a period (null: not rated). */
  levelOf(actionId: string, periodId: string): RatingLevel | null;
  /** The progress updates shown for the action in the reported period, oldest first. */
  progressOf(actionId: string): readonly ProgressUpdate[];
  /** The reported period (null: the plan has none). */
  periodId: string | null;
  /** The rating-history periods shown, earliest first. */
  historyPeriodIds: readonly string[];
  /** Fields shown beside this one (the lead column takes the roles whose own column is hidden). */
  shown: ReadonlySet<ColumnField>;
}

/** How a column's cells are drawn: plain text, or rating badges (one, or one per period). */
export type ColumnKind = 'text' | 'rating' | 'ratingHistory';

export interface ColumnSpec {
  field: ColumnField;
  /** What the field holds, in plain words (column settings). */
  description: string;
  /** The label used when a plan's columns do not name the field. */
  label: string;
  kind: ColumnKind;
  /** The lead role a leads column shows (null: not a leads column). */
  leadRole: LeadRole | null;
  /** The plan table's minimum width in CSS pixels, so short cells never break mid-word. */
  minWidthPx: number;
  /** Relative width for a column the template has no width for (importer). */
  defaultWidth: number;
  /** One column per reporting period, so several source columns may map to it (importer). */
  perPeriod: boolean;
  /** Longer free text the plan table may clamp and the exporter may merge when repeated. */
  narrative: boolean;
  /**
   * The cell's value as lines of text (the exporter writes one paragraph each; the plan table joins them).
   * Rating columns answer the level labels ("Not rated" when unrated).
   */
  value(action: Action, ctx: CellContext): string[];
}

const lines = (text: string): string[] => (text.trim() === '' ? [] : [text]);
const levelLabel = (level: RatingLevel | null): string => level?.label ?? 'Not rated';

/** The leads of `action` with `role`, in position order. */
export function leadsWithRole(action: Action, role: LeadRole): string[] {
  return action.leads
    .filter((l) => l.role === role)
    .sort((a, b) => a.position - b.position)
    .map((l) => l.name);
}

/**
 * The names the "Lead" column shows: the leads with role "lead" and those of any role whose own column
 * (Strategic Lead, Operational Lead, Responsible Officer) is not shown, in position order.
 */
export function leadColumnNames(action: Action, shown: ReadonlySet<ColumnField>): string[] {
  const roles = new Set<LeadRole>(['lead']);
  for (const spec of Object.values(COLUMNS))
    if (spec.leadRole !== null && spec.field !== 'lead' && !shown.has(spec.field)) roles.add(spec.leadRole);
  return action.leads
    .filter((l) => roles.has(l.role))
    .sort((a, b) => a.position - b.position)
    .map((l) => l.name);
}

function leadsColumn(field: ColumnField, role: LeadRole, description: string, label: string): ColumnSpec {
  return {
    field,
    description,
    label,
    kind: 'text',
    leadRole: role,
    minWidthPx: 100,
    defaultWidth: 1,
    perPeriod: false,
    narrative: false,
    value: (a) => leadsWithRole(a, role),
  };
}

/** Every column field, in the blank template's order. */
export const COLUMNS: Record<ColumnField, ColumnSpec> = {
  reference: {
    field: 'reference',
    description: 'Reference number (3.2)',
    label: 'Ref',
    kind: 'text',
    leadRole: null,
    minWidthPx: 88,
    defaultWidth: 1,
    perPeriod: false,
    narrative: false,
    value: (a) => lines(a.reference),
  },
  objective: {
    field: 'objective',
    description: 'Objective or outcome group',
    label: 'Objective',
    kind: 'text',
    leadRole: null,
    minWidthPx: 112, // ordinary words never break mid-word at 1366 px (issue 11 point 6)
    defaultWidth: 2,
    perPeriod: false,
    narrative: true,
    value: (a, ctx) => lines(a.objectiveId ? (ctx.objectiveTitle(a.objectiveId) ?? '') : ''),
  },
  description: {
    field: 'description',
    description: 'Action text',
    label: 'Action',
    kind: 'text',
    leadRole: null,
    minWidthPx: 120, // ordinary words never break mid-word at 1366 px (issue 11 point 6)
    defaultWidth: 2,
    perPeriod: false,
    narrative: true,
    value: (a) => lines(a.description),
  },
  outcome: {
    field: 'outcome',
    description: 'Outcome or success measure',
    label: 'Outcome',
    kind: 'text',
    leadRole: null,
    minWidthPx: 112, // ordinary words never break mid-word at 1366 px (issue 11 point 6)
    defaultWidth: 2,
    perPeriod: false,
    narrative: true,
    value: (a) => lines(a.outcome),
  },
  progress: {
    field: 'progress',
    description: 'Progress update',
    label: 'Progress',
    kind: 'text',
    leadRole: null,
    minWidthPx: 120, // ordinary words never break mid-word at 1366 px (issue 11 point 6)
    defaultWidth: 1,
    perPeriod: false,
    narrative: true,
    value: (a, ctx) => ctx.progressOf(a.id).map((p) => p.body),
  },
  dueDate: {
    field: 'dueDate',
    description: 'Due date, as typed',
    label: 'By When',
    kind: 'text',
    leadRole: null,
    minWidthPx: 96,
    defaultWidth: 1,
    perPeriod: false,
    narrative: false,
    value: (a) => lines(a.dueText),
  },
  lead: {
    ...leadsColumn('lead', 'lead', 'Lead', 'Lead'),
    minWidthPx: 96,
    value: (a, ctx) => leadColumnNames(a, ctx.shown),
  },
  strategicLead: leadsColumn('strategicLead', 'strategic', 'Strategic lead', 'Strategic Lead'),
  operationalLead: leadsColumn('operationalLead', 'operational', 'Operational lead', 'Operational Lead'),
  responsibleOfficer: leadsColumn('responsibleOfficer', 'responsible', 'Responsible officer', 'Responsible Officer'),
  recommendations: {
    field: 'recommendations',
    description: 'Linked recommendations',
    label: 'Recommendation',
    kind: 'text',
    leadRole: null,
    minWidthPx: 72,
    defaultWidth: 1,
    perPeriod: false,
    narrative: false,
    value: (a, ctx) => a.recommendationIds.map((id) => ctx.recommendationLabel(id)).filter((l): l is string => !!l),
  },
  rating: {
    field: 'rating',
    description: 'Rating, current period',
    label: 'RAG',
    kind: 'rating',
    leadRole: null,
    minWidthPx: 148, // the rating badge and "Needs explanation" on one line, never cut off (issue 11 point 6)
    defaultWidth: 1,
    perPeriod: true,
    narrative: false,
    value: (a, ctx) => (ctx.periodId === null ? [] : [levelLabel(ctx.levelOf(a.id, ctx.periodId))]),
  },
  ratingHistory: {
    field: 'ratingHistory',
    description: 'Rating for each period',
    label: 'RAG history',
    kind: 'ratingHistory',
    leadRole: null,
    minWidthPx: 150,
    defaultWidth: 1,
    perPeriod: true,
    narrative: false,
    value: (a, ctx) => ctx.historyPeriodIds.map((p) => levelLabel(ctx.levelOf(a.id, p))),
  },
};

/** The spec of a field. */
export function columnSpec(field: ColumnField): ColumnSpec {
  return COLUMNS[field];
}

/** The column field showing leads with `role`. */
export function leadField(role: LeadRole): ColumnField {
  const spec = Object.values(COLUMNS).find((s) => s.leadRole === role);
  if (!spec) throw new Error(`No column shows the ${role} role.`);
  return spec.field;
}
