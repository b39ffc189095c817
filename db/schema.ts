/**
 * The kysely `DB` interface: one entry per table, in the plan store's own snake_case column names.
 *
 * Conventions (see README.md): ids are UUID text, every row has `updated_at` (ISO 8601 UTC), deletable
 * rows carry a `deleted_at` tombstone (null while live), booleans are stored as 0/1 integers and JSON
 * columns end in `_json`. `rid` columns are explicit INTEGER PRIMARY KEY aliases that the full-text
 * index uses as its rowid (stable across VACUUM).
 */
import type { Generated } from 'kysely';
import type {
  Action,
  Indicator,
  Objective,
  Plan,
  RatingLevel,
  Recommendation,
  ReportingPeriod,
  Section,
} from '../shared/model';
import { bool, col, json, text, type Column, type ColumnsOf } from './fields';

/** 0 or 1. */
export type Bool = number;

export interface PlansTable {
  id: string;
  title: string;
  organisation: string;
  service: string;
  plan_period: string;
  template: string;
  introduction: string;
  governance: string;
  recommendations_heading: string;
  columns_json: string;
  appendix_number: number;
  current_period_id: string | null;
  compare_period_id: string | null;
  archived: Bool;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface RatingLevelsTable {
  id: string;
  plan_id: string;
  position: number;
  key: string;
  label: string;
  colour: string;
  value: number | null;
  definition: string;
  counts_as_complete: Bool;
  can_be_removed: Bool;
  requires_explanation: Bool;
  updated_at: string;
  deleted_at: string | null;
}

export interface ReportingPeriodsTable {
  id: string;
  plan_id: string;
  position: number;
  label: string;
  start_date: string | null;
  end_date: string | null;
  locked: Bool;
  locked_at: string | null;
  updated_at: string;
  deleted_at: string | null;
}

export interface RecommendationsTable {
  id: string;
  plan_id: string;
  position: number;
  number: number | null;
  label: string;
  text: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface ActionRecommendationsTable {
  id: string;
  plan_id: string;
  action_id: string;
  recommendation_id: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface SectionsTable {
  id: string;
  plan_id: string;
  position: number;
  /** Fractional order key within the parent (shared/sync/order.ts); `position` is its derived rank. */
  order_key: string;
  number: string;
  number_manual: Bool;
  title: string;
  description: string;
  archived: Bool;
  updated_at: string;
  deleted_at: string | null;
}

export interface ObjectivesTable {
  id: string;
  plan_id: string;
  section_id: string;
  position: number;
  /** Fractional order key within the parent (shared/sync/order.ts); `position` is its derived rank. */
  order_key: string;
  title: string;
  archived: Bool;
  updated_at: string;
  deleted_at: string | null;
}

export interface ActionsTable {
  rid: Generated<number>;
  id: string;
  plan_id: string;
  section_id: string;
  objective_id: string | null;
  position: number;
  /** Fractional order key within the parent (shared/sync/order.ts); `position` is its derived rank. */
  order_key: string;
  reference: string;
  reference_manual: Bool;
  description: string;
  outcome: string;
  due_text: string;
  /** JSON array of DueChange, oldest first. */
  due_history_json: string;
  notes: string;
  archived: Bool;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/**
 * The actions table's descriptor: every field of `Action` (shared/model.ts) and the column it is stored in
 * (null: not a column here). Rows are read (`db/rows.ts`, `db/tree.ts`), inserted (`actionRow`) and synced
 * (`db/sync/entities.ts`) from it, so a new field is one line here; a field of `Action` missing here, or a
 * column of `ActionsTable` no field names, fails to compile.
 */
export const ACTION_FIELDS = {
  id: col('id', { sync: false }),
  planId: col('plan_id'),
  sectionId: col('section_id'),
  objectiveId: col('objective_id'),
  // Derived: the rank by (order_key, id); the order key syncs instead (db/sync/entities.ts).
  position: col('position', { sync: false }),
  // Synced as one field, `manualReference` (a typed-in reference); automatic ones are recomputed.
  reference: text('reference', { sync: false }),
  referenceManual: bool('reference_manual', { sync: false }),
  description: text('description'),
  outcome: text('outcome'),
  dueText: text('due_text'),
  dueHistory: json('due_history_json', '[]', { sync: false }),
  notes: text('notes'),
  archived: bool('archived'),
  leads: null,
  recommendationIds: null,
  createdAt: col('created_at'),
  updatedAt: col('updated_at', { sync: false }),
  deletedAt: col('deleted_at'),
} as const satisfies Record<keyof Action, Column<keyof ActionsTable> | null>;

/**
 * Compiles only while `ACTION_FIELDS` names every column of `ActionsTable`, bar the generated `rid` and
 * `order_key` (a storage and sync matter: `actionInsert` takes it, db/sync/entities.ts syncs it).
 */
export const ACTION_FIELDS_COVER_THE_TABLE: [
  Exclude<keyof ActionsTable, 'rid' | 'order_key' | ColumnsOf<typeof ACTION_FIELDS>>,
] extends [never]
  ? true
  : never = true;

const key = col('id', { sync: false });
const stamp = col('updated_at', { sync: false });
const planId = col('plan_id');
const deletedAt = col('deleted_at');

/** The plans table's descriptor (see `ACTION_FIELDS`). */
export const PLAN_FIELDS = {
  id: key,
  title: text('title'),
  organisation: text('organisation'),
  service: text('service'),
  planPeriod: text('plan_period'),
  template: text('template'),
  introduction: text('introduction'),
  governance: text('governance'),
  recommendationsHeading: text('recommendations_heading'),
  columns: json('columns_json', '[]'),
  appendixNumber: col('appendix_number'),
  currentPeriodId: col('current_period_id'),
  comparePeriodId: col('compare_period_id'),
  archived: bool('archived'),
  createdAt: col('created_at'),
  updatedAt: stamp,
  deletedAt,
} as const satisfies Record<keyof Plan, Column<keyof PlansTable> | null>;

/** The rating scale's descriptor. */
export const LEVEL_FIELDS = {
  id: key,
  planId,
  position: col('position'),
  key: text('key'),
  label: text('label'),
  colour: text('colour'),
  value: col('value'),
  definition: text('definition'),
  countsAsComplete: bool('counts_as_complete'),
  canBeRemoved: bool('can_be_removed'),
  requiresExplanation: bool('requires_explanation'),
  updatedAt: stamp,
  deletedAt,
} as const satisfies Record<keyof RatingLevel, Column<keyof RatingLevelsTable> | null>;

/** The reporting periods' descriptor. */
export const PERIOD_FIELDS = {
  id: key,
  planId,
  position: col('position'),
  label: text('label'),
  startDate: col('start_date'),
  endDate: col('end_date'),
  locked: bool('locked'),
  lockedAt: col('locked_at'),
  updatedAt: stamp,
  deletedAt,
} as const satisfies Record<keyof ReportingPeriod, Column<keyof ReportingPeriodsTable> | null>;

/** The recommendations' descriptor. */
export const RECOMMENDATION_FIELDS = {
  id: key,
  planId,
  position: col('position'),
  number: col('number'),
  label: text('label'),
  text: text('text'),
  updatedAt: stamp,
  deletedAt,
} as const satisfies Record<keyof Recommendation, Column<keyof RecommendationsTable> | null>;

/** The sections' descriptor: the number syncs only when typed in (`manualNumber`, db/sync/entities.ts). */
export const SECTION_FIELDS = {
  id: key,
  planId,
  // Derived: the rank by (order_key, id); the order key syncs instead (db/sync/entities.ts).
  position: col('position', { sync: false }),
  number: text('number', { sync: false }),
  numberManual: bool('number_manual', { sync: false }),
  title: text('title'),
  description: text('description'),
  archived: bool('archived'),
  updatedAt: stamp,
  deletedAt,
} as const satisfies Record<keyof Section, Column<keyof SectionsTable> | null>;

/** The objectives' descriptor. */
export const OBJECTIVE_FIELDS = {
  id: key,
  planId,
  sectionId: col('section_id'),
  // Derived: the rank by (order_key, id); the order key syncs instead (db/sync/entities.ts).
  position: col('position', { sync: false }),
  title: text('title'),
  archived: bool('archived'),
  updatedAt: stamp,
  deletedAt,
} as const satisfies Record<keyof Objective, Column<keyof ObjectivesTable> | null>;

/** The indicators' descriptor. */
export const INDICATOR_FIELDS = {
  id: key,
  planId,
  sectionId: col('section_id'),
  position: col('position'),
  name: text('name'),
  unit: text('unit'),
  polarity: text('polarity'),
  baselineLabel: text('baseline_label'),
  baseline: col('baseline'),
  snAverage: col('sn_average'),
  target: col('target'),
  yearToDate: text('year_to_date'),
  values: json('values_json', '[]'),
  notes: text('notes'),
  updatedAt: stamp,
  deletedAt,
} as const satisfies Record<keyof Indicator, Column<keyof IndicatorsTable> | null>;

/**
 * True when descriptor `D` names every column of table `T`, bar the generated `rid` and the fractional
 * `order_key` (a storage and sync matter, not a domain field: inserts pass it, db/sync/entities.ts syncs it).
 */
type Covers<T, D> = [Exclude<keyof T, 'rid' | 'order_key' | ColumnsOf<D>>] extends [never] ? true : never;
/** Compiles only while every descriptor above names every column of its table. */
export const DESCRIPTORS_COVER_THEIR_TABLES: [
  Covers<PlansTable, typeof PLAN_FIELDS>,
  Covers<RatingLevelsTable, typeof LEVEL_FIELDS>,
  Covers<ReportingPeriodsTable, typeof PERIOD_FIELDS>,
  Covers<RecommendationsTable, typeof RECOMMENDATION_FIELDS>,
  Covers<SectionsTable, typeof SECTION_FIELDS>,
  Covers<ObjectivesTable, typeof OBJECTIVE_FIELDS>,
  Covers<IndicatorsTable, typeof INDICATOR_FIELDS>,
] = [true, true, true, true, true, true, true];

export interface ActionLeadsTable {
  id: string;
  plan_id: string;
  action_id: string;
  position: number;
  name: string;
  person_id: string | null;
  role: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface PeopleTable {
  id: string;
  name: string;
  job_title: string;
  service: string;
  email: string;
  signatory: Bool;
  /** Other names the person goes by (JSON array of strings; schema v5). */
  aliases_json: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface RatingsTable {
  id: string;
  plan_id: string;
  action_id: string;
  period_id: string;
  /** null = not rated (never 0). */
  level_id: string | null;
  explanation: string;
  corrective_action: string;
  rated_by: string;
  rated_at: string;
  updated_at: string;
}

export interface ProgressUpdatesTable {
  rid: Generated<number>;
  id: string;
  plan_id: string;
  action_id: string;
  period_id: string;
  body: string;
  author: string;
  internal: Bool;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface IndicatorsTable {
  id: string;
  plan_id: string;
  section_id: string | null;
  position: number;
  name: string;
  unit: string;
  polarity: string;
  baseline_label: string;
  baseline: number | null;
  sn_average: number | null;
  target: number | null;
  year_to_date: string;
  values_json: string;
  notes: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface CoveringReportsTable {
  id: string;
  plan_id: string;
  period_id: string;
  content_json: string;
  updated_at: string;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor: string;
  plan_id: string | null;
  entity: string;
  entity_id: string;
  op: string;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
}

export interface MetaTable {
  key: string;
  value: string;
}

/** Sync (issue 10): see db/migrations/0003_sync.ts and db/sync/. */
export interface SyncPlansTable {
  plan_id: string;
  role: string;
  person: string | null;
  owner_device: string | null;
  enabled_at: string;
}

export interface SyncOpsTable {
  op_id: string;
  device: string;
  seq: number;
  hlc: string;
  person: string;
  plan_id: string;
  entity: string;
  row_id: string;
  field: string;
  value_json: string;
  parents_json: string;
  /** applied | held | rejected */
  status: string;
  received_at: string;
}

export interface SyncEdgesTable {
  parent_id: string;
  field: string;
  child_id: string;
}

export interface SyncHeadsTable {
  row_id: string;
  field: string;
  op_id: string;
  plan_id: string;
  entity: string;
}

export interface SyncPendingTable {
  row_id: string;
  plan_id: string;
  entity: string;
  reason: string;
  since: string;
}

export interface SyncHeldTable {
  id: string;
  op_id: string;
  plan_id: string;
  from_device: string | null;
  from_person: string | null;
  reason: string;
  /** waiting | held | accepted | rejected */
  state: string;
  held_at: string;
  decided_by: string | null;
  decided_at: string | null;
}

export interface SyncKeysTable {
  plan_id: string;
  device: string;
  public_key: string;
  role: string;
}

export interface SyncAcksTable {
  plan_id: string;
  device: string;
  vv_json: string;
}

export interface DB {
  plans: PlansTable;
  rating_levels: RatingLevelsTable;
  reporting_periods: ReportingPeriodsTable;
  recommendations: RecommendationsTable;
  action_recommendations: ActionRecommendationsTable;
  sections: SectionsTable;
  objectives: ObjectivesTable;
  actions: ActionsTable;
  action_leads: ActionLeadsTable;
  people: PeopleTable;
  ratings: RatingsTable;
  progress_updates: ProgressUpdatesTable;
  indicators: IndicatorsTable;
  covering_reports: CoveringReportsTable;
  audit_log: AuditLogTable;
  meta: MetaTable;
  sync_plans: SyncPlansTable;
  sync_ops: SyncOpsTable;
  sync_edges: SyncEdgesTable;
  sync_heads: SyncHeadsTable;
  sync_pending: SyncPendingTable;
  sync_held: SyncHeldTable;
  sync_keys: SyncKeysTable;
  sync_acks: SyncAcksTable;
}

/** Every ordinary table (not FTS), used by row counts in tests and by purge. */
export const TABLES = [
  'plans',
  'rating_levels',
  'reporting_periods',
  'recommendations',
  'action_recommendations',
  'sections',
  'objectives',
  'actions',
  'action_leads',
  'people',
  'ratings',
  'progress_updates',
  'indicators',
  'covering_reports',
  'audit_log',
  'meta',
  'sync_plans',
  'sync_ops',
  'sync_edges',
  'sync_heads',
  'sync_pending',
  'sync_held',
  'sync_keys',
  'sync_acks',
] as const satisfies readonly (keyof DB)[];
