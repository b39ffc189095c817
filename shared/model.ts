/**
 * The Planwright domain model: zod schemas and the types inferred from them.
 *
 * Every entity has a globally unique id (UUID), an `updatedAt` (ISO 8601 UTC, ms) and, where it can be
 * deleted, a `deletedAt` tombstone (null while live). This is what later sync between laptops relies on.
 * Names come from the domain: Plan, Section, Objective, Action, RatingScale (levels), ReportingPeriod,
 * Recommendation, Rating, ProgressUpdate, Indicator. Pure TypeScript: no Node, no DOM.
 */
import { z } from 'zod';

/** Longest text accepted in any field (a generous narrative cell). */
export const MAX_TEXT = 100_000;
export const MAX_LINE = 2_000;

export const Id = z.uuid();
export type Id = z.infer<typeof Id>;
export const IsoDateTime = z.iso.datetime({ offset: true });
export const IsoDate = z.iso.date();
/** Colour as six hex digits without '#', upper case (Word's w:fill form). */
export const HexColour = z
  .string()
  .regex(/^#?[0-9a-fA-F]{6}$/, 'Colour must be six hex digits, for example FF0000')
  .transform((s) => s.replace('#', '').toUpperCase());

/** Whether `s` holds a C0 control character other than tab (so a newline too): never part of one line. */
function hasLineControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 && c !== 0x09) return true;
  }
  return false;
}

/** Plain single-line text: trimmed; C0 control characters (newlines included) refused, tab allowed. */
export const Line = z
  .string()
  .max(MAX_LINE)
  .refine(
    (s) => !hasLineControl(s),
    'This must be a single line of plain text: line breaks and control characters are not allowed.',
  )
  .transform((s) => s.trim());
/** Narrative text (several paragraphs separated by "\n"). */
export const Text = z.string().max(MAX_TEXT);

// ---------------------------------------------------------------------------------------------
// Rating scale
// ---------------------------------------------------------------------------------------------
export const ScalePresetId = z.enum(['five-level', 'four-level-colour', 'rag', 'rag-blue', 'words']);
export type ScalePresetId = z.infer<typeof ScalePresetId>;

export const RatingLevelInput = z.object({
  /** Present when editing an existing level (keeps its ratings). */
  id: Id.optional(),
  /** Short stable key, e.g. "red", "3". */
  key: z.string().min(1).max(40),
  /** Text label always shown with the colour, e.g. "Red", "3 On track". */
  label: z.string().trim().min(1, 'Every rating level needs a text label').max(80),
  colour: HexColour,
  /** Numeric value used for means; null = use the level order (or excluded on a numeric scale). */
  value: z.number().finite().nullable(),
  definition: Text,
  countsAsComplete: z.boolean(),
  /** "Completed and sustained; can be removed from the plan" (five-level 5). */
  canBeRemoved: z.boolean(),
  /** Red / amber style levels: need an explanation and a corrective action. */
  requiresExplanation: z.boolean(),
});
export type RatingLevelInput = z.input<typeof RatingLevelInput>;

export const RatingLevel = z.object({
  id: Id,
  planId: Id,
  position: z.number().int(),
  key: z.string(),
  label: z.string(),
  colour: z.string(),
  value: z.number().nullable(),
  definition: z.string(),
  countsAsComplete: z.boolean(),
  canBeRemoved: z.boolean(),
  requiresExplanation: z.boolean(),
  updatedAt: IsoDateTime,
  deletedAt: IsoDateTime.nullable(),
});
export type RatingLevel = z.infer<typeof RatingLevel>;

// ---------------------------------------------------------------------------------------------
// Columns: one model, council-specific labels
// ---------------------------------------------------------------------------------------------
export const ColumnField = z.enum([
  'reference',
  'objective',
  'description',
  'outcome',
  'progress',
  'dueDate',
  'lead',
  'strategicLead',
  'operationalLead',
  'responsibleOfficer',
  'recommendations',
  'rating',
  'ratingHistory',
]);
export type ColumnField = z.infer<typeof ColumnField>;

export const ColumnConfig = z.object({
  field: ColumnField,
  label: z.string().trim().min(1).max(120),
  visible: z.boolean(),
  /** Relative width weight used by the table and the Word export. */
  width: z.number().min(0.2).max(10).default(1),
});
export type ColumnConfig = z.infer<typeof ColumnConfig>;

export const LeadRole = z.enum(['lead', 'strategic', 'operational', 'responsible']);
export type LeadRole = z.infer<typeof LeadRole>;

export const PlanTemplate = z.enum(['continuous', 'inspection', 'development', 'blank']);
export type PlanTemplate = z.infer<typeof PlanTemplate>;

// ---------------------------------------------------------------------------------------------
// Entities
// ---------------------------------------------------------------------------------------------
export const Plan = z.object({
  id: Id,
  title: z.string(),
  organisation: z.string(),
  service: z.string(),
  /** e.g. "2017-19" or "2020". */
  planPeriod: z.string(),
  template: PlanTemplate,
  introduction: z.string(),
  governance: z.string(),
  /** Heading for the recommendations list, e.g. "Summary of Ofsted recommendations ...". */
  recommendationsHeading: z.string(),
  columns: z.array(ColumnConfig),
  appendixNumber: z.number().int().min(1).max(99),
  currentPeriodId: Id.nullable(),
  comparePeriodId: Id.nullable(),
  archived: z.boolean(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  deletedAt: IsoDateTime.nullable(),
});
export type Plan = z.infer<typeof Plan>;

export const ReportingPeriod = z.object({
  id: Id,
  planId: Id,
  position: z.number().int(),
  /** As authors write it: "RAG initial", "RAG 01/18", "March 2020". */
  label: z.string(),
  startDate: IsoDate.nullable(),
  endDate: IsoDate.nullable(),
  locked: z.boolean(),
  lockedAt: IsoDateTime.nullable(),
  updatedAt: IsoDateTime,
  deletedAt: IsoDateTime.nullable(),
});
export type ReportingPeriod = z.infer<typeof ReportingPeriod>;

export const Recommendation = z.object({
  id: Id,
  planId: Id,
  position: z.number().int(),
  number: z.number().int().nullable(),
  /** How rows cite it: "Ofsted 1". */
  label: z.string(),
  text: z.string(),
  updatedAt: IsoDateTime,
  deletedAt: IsoDateTime.nullable(),
});
export type Recommendation = z.infer<typeof Recommendation>;

export const Section = z.object({
  id: Id,
  planId: Id,
  position: z.number().int(),
  /** Shown number: "3", or "7 (14)" after a renumbering that keeps the old number. */
  number: z.string(),
  /** True when the author typed the number; automatic renumbering leaves it alone. */
  numberManual: z.boolean(),
  title: z.string(),
  description: z.string(),
  archived: z.boolean(),
  updatedAt: IsoDateTime,
  deletedAt: IsoDateTime.nullable(),
});
export type Section = z.infer<typeof Section>;

/** An objective / outcome grouping rated actions inside a section (a merged cell in Word). */
export const Objective = z.object({
  id: Id,
  planId: Id,
  sectionId: Id,
  position: z.number().int(),
  title: z.string(),
  archived: z.boolean(),
  updatedAt: IsoDateTime,
  deletedAt: IsoDateTime.nullable(),
});
export type Objective = z.infer<typeof Objective>;

export const Lead = z.object({
  id: Id,
  actionId: Id,
  position: z.number().int(),
  /** Free text as the author wrote it: "J Tynan AD", "All Service Leads". */
  name: z.string(),
  personId: Id.nullable(),
  role: LeadRole,
});
export type Lead = z.infer<typeof Lead>;

export const DueChange = z.object({
  dueText: z.string(),
  changedAt: IsoDateTime,
  changedBy: z.string(),
});
export type DueChange = z.infer<typeof DueChange>;

export const Action = z.object({
  id: Id,
  planId: Id,
  sectionId: Id,
  objectiveId: Id.nullable(),
  position: z.number().int(),
  /** "3.2"; renumbered automatically unless referenceManual. */
  reference: z.string(),
  referenceManual: z.boolean(),
  /** The action text ("Action" / "Description" column). */
  description: z.string(),
  /** Outcome / success measure(s) / performance. */
  outcome: z.string(),
  /** The due date exactly as typed ("Quarterly (review March 2016)"). */
  dueText: z.string(),
  /** Earlier due dates, oldest first (deferral history). */
  dueHistory: z.array(DueChange),
  /** Internal notes: never published unless asked. */
  notes: z.string(),
  archived: z.boolean(),
  leads: z.array(Lead),
  recommendationIds: z.array(Id),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  deletedAt: IsoDateTime.nullable(),
});
export type Action = z.infer<typeof Action>;

/**
 * How an action's field is edited through `actions:update`: the patch's validator, the words an undo label
 * uses ("Edit due date of 2.1"), and where the action form edits it: `{ label, rows }` for a plain text box
 * the form draws from this entry, `'own'` for a control of its own in renderer/src/action/ActionPanel.tsx
 * (a test checks the form shows every editable field). Null: not edited through the patch (keys, derived,
 * or a call of its own such as `actions:move`, `actions:setLeads`). Every field of `Action` is named, so a
 * new field fails to compile until it is placed here.
 */
export interface ActionEdit {
  patch: z.ZodType;
  words: string;
  form: 'own' | { label: string; rows: number };
}
export const ACTION_EDITS = {
  id: null,
  planId: null,
  sectionId: null,
  objectiveId: { patch: Id.nullable(), words: 'objective', form: 'own' },
  position: null,
  reference: { patch: z.string().trim().max(100), words: 'reference', form: 'own' },
  referenceManual: null,
  description: { patch: Text, words: 'action text', form: 'own' },
  outcome: { patch: Text, words: 'outcome', form: 'own' },
  dueText: { patch: z.string().max(500), words: 'due date', form: 'own' },
  dueHistory: null,
  notes: { patch: Text, words: 'internal notes', form: 'own' },
  archived: null,
  leads: null,
  recommendationIds: null,
  createdAt: null,
  updatedAt: null,
  deletedAt: null,
} as const satisfies Record<keyof Action, ActionEdit | null>;
type ActionEdits = typeof ACTION_EDITS;
/** The fields `actions:update` may patch. */
export type EditableActionField = {
  [K in keyof ActionEdits]: ActionEdits[K] extends null ? never : K;
}[keyof ActionEdits];
/** The editable fields the action form draws as plain text boxes from their `ACTION_EDITS` entry. */
export type PlainTextActionField = {
  [K in EditableActionField]: NonNullable<ActionEdits[K]>['form'] extends 'own' ? never : K;
}[EditableActionField];
/** The `actions:update` patch's shape (every field optional in the contract). */
export const ACTION_PATCH_SHAPE = Object.fromEntries(
  Object.entries(ACTION_EDITS).flatMap(([k, e]) => (e ? [[k, e.patch]] : [])),
) as { [K in EditableActionField]: NonNullable<ActionEdits[K]>['patch'] };

/** One action's rating in one reporting period. No row (or levelId null) = not rated; never 0. */
export const Rating = z.object({
  id: Id,
  actionId: Id,
  periodId: Id,
  levelId: Id.nullable(),
  explanation: z.string(),
  correctiveAction: z.string(),
  ratedBy: z.string(),
  ratedAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Rating = z.infer<typeof Rating>;

export const ProgressUpdate = z.object({
  id: Id,
  actionId: Id,
  periodId: Id,
  body: z.string(),
  author: z.string(),
  /** Internal note: never published unless the author asks. */
  internal: z.boolean(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  deletedAt: IsoDateTime.nullable(),
});
export type ProgressUpdate = z.infer<typeof ProgressUpdate>;

export const Polarity = z.enum(['higher-is-better', 'lower-is-better'], {
  error: 'Polarity must be higher-is-better or lower-is-better',
});
export const IndicatorUnit = z.enum(['percent', 'days', 'count', 'rate', 'other'], {
  error: 'The unit must be percent, days, count, rate or other',
});
/** How an indicator's year to date is worked out from its monthly values: the latest value, their sum or their mean. */
export const IndicatorYearToDate = z.enum(['latest', 'sum', 'mean'], {
  error: 'The year to date must be the latest value, the sum or the mean',
});
/** One monthly (or quarterly) value: null = missing ("data being collated"), never zero; the note says why. */
export const IndicatorValue = z.object({
  label: z.string(),
  value: z.number().nullable(),
  note: z.string().default(''),
});
export type IndicatorValue = z.infer<typeof IndicatorValue>;

export const Indicator = z.object({
  id: Id,
  planId: Id,
  sectionId: Id.nullable(),
  position: z.number().int(),
  name: z.string(),
  unit: IndicatorUnit,
  polarity: Polarity,
  /** The baseline's year ("2016/17"). */
  baselineLabel: z.string(),
  baseline: z.number().nullable(),
  /** The statistical-neighbour average. */
  snAverage: z.number().nullable(),
  target: z.number().nullable(),
  yearToDate: IndicatorYearToDate,
  /** Period/month label -> value; null = missing ("data being collated"), never zero. */
  values: z.array(IndicatorValue),
  notes: z.string(),
  updatedAt: IsoDateTime,
  deletedAt: IsoDateTime.nullable(),
});
export type Indicator = z.infer<typeof Indicator>;

export const Person = z.object({
  id: Id,
  name: z.string(),
  jobTitle: z.string(),
  service: z.string(),
  email: z.string(),
  /** Appears in the covering report's signatories directory. */
  signatory: z.boolean(),
  /** Other names the person goes by in lead cells ("F. Dunmore"); shared/leads.ts matches on them too. */
  aliases: z.array(z.string()).default([]),
  updatedAt: IsoDateTime,
  deletedAt: IsoDateTime.nullable(),
});
export type Person = z.infer<typeof Person>;

export const AuditEntry = z.object({
  id: Id,
  at: IsoDateTime,
  actor: z.string(),
  planId: Id.nullable(),
  entity: z.enum([
    'plan',
    'level',
    'period',
    'recommendation',
    'section',
    'objective',
    'action',
    'lead',
    'rating',
    'progress',
    'indicator',
    'person',
    'coveringReport',
  ]),
  entityId: Id,
  op: z.enum(['create', 'update', 'delete', 'restore', 'archive', 'move']),
  field: z.string().nullable(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** The full tree of one plan, flat and ordered by position (sections, then objectives, then actions). */
export const PlanTree = z.object({
  plan: Plan,
  levels: z.array(RatingLevel),
  periods: z.array(ReportingPeriod),
  recommendations: z.array(Recommendation),
  sections: z.array(Section),
  objectives: z.array(Objective),
  actions: z.array(Action),
  ratings: z.array(Rating),
  progress: z.array(ProgressUpdate),
  indicators: z.array(Indicator),
});
export type PlanTree = z.infer<typeof PlanTree>;

/** A row of the plan library. */
export const PlanListItem = z.object({
  id: Id,
  title: z.string(),
  organisation: z.string(),
  service: z.string(),
  planPeriod: z.string(),
  template: PlanTemplate,
  archived: z.boolean(),
  deletedAt: IsoDateTime.nullable(),
  updatedAt: IsoDateTime,
  actionCount: z.number().int(),
  currentPeriodLabel: z.string().nullable(),
  /** Ratings in the current period per level (ordered by level position). */
  distribution: z.array(z.object({ levelId: Id, label: z.string(), colour: z.string(), count: z.number().int() })),
  notRated: z.number().int(),
});
export type PlanListItem = z.infer<typeof PlanListItem>;
