/**
 * Row (snake_case, 0/1, JSON text) to domain model (camelCase, booleans, arrays) conversions. Tables with a
 * descriptor (db/schema.ts) are read through it; the others are mapped by hand.
 */
import type {
  Action,
  AuditEntry,
  Indicator,
  Lead,
  Objective,
  Person,
  Plan,
  ProgressUpdate,
  Rating,
  RatingLevel,
  Recommendation,
  ReportingPeriod,
  Section,
} from '../shared/model';
import type {
  ActionLeadsTable,
  ActionsTable,
  AuditLogTable,
  IndicatorsTable,
  ObjectivesTable,
  PeopleTable,
  PlansTable,
  ProgressUpdatesTable,
  RatingLevelsTable,
  RatingsTable,
  RecommendationsTable,
  ReportingPeriodsTable,
  SectionsTable,
} from './schema';
import {
  ACTION_FIELDS,
  INDICATOR_FIELDS,
  LEVEL_FIELDS,
  OBJECTIVE_FIELDS,
  PERIOD_FIELDS,
  PLAN_FIELDS,
  RECOMMENDATION_FIELDS,
  SECTION_FIELDS,
} from './schema';
import { fromRow, rowFor } from './fields';
import type { NewRow } from './tables';

type Row<T> = { [K in keyof T]: T[K] extends import('kysely').Generated<infer V> ? V : T[K] };

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export const toPlan = (r: Row<PlansTable>): Plan => fromRow<Plan>(PLAN_FIELDS, (c) => r[c as keyof typeof r]);

export const toLevel = (r: Row<RatingLevelsTable>): RatingLevel =>
  fromRow<RatingLevel>(LEVEL_FIELDS, (c) => r[c as keyof typeof r]);

export const toPeriod = (r: Row<ReportingPeriodsTable>): ReportingPeriod =>
  fromRow<ReportingPeriod>(PERIOD_FIELDS, (c) => r[c as keyof typeof r]);

export const toRecommendation = (r: Row<RecommendationsTable>): Recommendation =>
  fromRow<Recommendation>(RECOMMENDATION_FIELDS, (c) => r[c as keyof typeof r]);

export const toSection = (r: Row<SectionsTable>): Section =>
  fromRow<Section>(SECTION_FIELDS, (c) => r[c as keyof typeof r]);

export const toObjective = (r: Row<ObjectivesTable>): Objective =>
  fromRow<Objective>(OBJECTIVE_FIELDS, (c) => r[c as keyof typeof r]);

export const toLead = (
  r: Pick<Row<ActionLeadsTable>, 'id' | 'action_id' | 'position' | 'name' | 'person_id' | 'role'>,
): Lead => ({
  id: r.id,
  actionId: r.action_id,
  position: r.position,
  name: r.name,
  personId: r.person_id,
  role: r.role as Lead['role'],
});

export type ActionRow = Omit<Row<ActionsTable>, 'rid'> & { rid?: number };

/** An action from its row (every column of `ACTION_FIELDS`), its leads and the recommendations it answers. */
export const toAction = (r: ActionRow, leads: Lead[], recommendationIds: string[]): Action =>
  fromRow<Action>(ACTION_FIELDS, (c) => r[c as keyof ActionRow], { leads, recommendationIds });

/** What a new action row is made from: its place, and any other fields (missing ones start empty). */
export type ActionValues = Pick<Action, 'id' | 'planId' | 'sectionId' | 'objectiveId' | 'position' | 'createdAt'> &
  Partial<Omit<Action, 'leads' | 'recommendationIds'>>;

/** A whole `actions` row for `insertRow`: every column of `ACTION_FIELDS`; `updatedAt` defaults to `createdAt`. */
/** A new action's row; `orderKey` is its fractional place among its siblings (shared/sync/order.ts). */
export const actionInsert = (a: ActionValues, orderKey: string): NewRow<'actions'> => ({
  ...(rowFor(ACTION_FIELDS, { updatedAt: a.createdAt, deletedAt: null, ...a }) as Omit<NewRow<'actions'>, 'order_key'>),
  order_key: orderKey,
});

export const toRating = (r: Row<RatingsTable>): Rating => ({
  id: r.id,
  actionId: r.action_id,
  periodId: r.period_id,
  levelId: r.level_id,
  explanation: r.explanation,
  correctiveAction: r.corrective_action,
  ratedBy: r.rated_by,
  ratedAt: r.rated_at,
  updatedAt: r.updated_at,
});

export type ProgressRow = Omit<Row<ProgressUpdatesTable>, 'rid'> & { rid?: number };

export const toProgress = (r: ProgressRow): ProgressUpdate => ({
  id: r.id,
  actionId: r.action_id,
  periodId: r.period_id,
  body: r.body,
  author: r.author,
  internal: r.internal === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  deletedAt: r.deleted_at,
});

export const toIndicator = (r: Row<IndicatorsTable>): Indicator =>
  fromRow<Indicator>(INDICATOR_FIELDS, (c) => r[c as keyof typeof r]);

export const toPerson = (r: Row<PeopleTable>): Person => ({
  id: r.id,
  name: r.name,
  jobTitle: r.job_title,
  service: r.service,
  email: r.email,
  signatory: r.signatory === 1,
  aliases: parseJson<string[]>(r.aliases_json, []),
  updatedAt: r.updated_at,
  deletedAt: r.deleted_at,
});

export const toAudit = (r: Row<AuditLogTable>): AuditEntry => ({
  id: r.id,
  at: r.at,
  actor: r.actor,
  planId: r.plan_id,
  entity: r.entity as AuditEntry['entity'],
  entityId: r.entity_id,
  op: r.op as AuditEntry['op'],
  field: r.field,
  oldValue: r.old_value,
  newValue: r.new_value,
});
