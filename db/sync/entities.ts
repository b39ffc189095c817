/**
 * Which fields of which tables are synced, named as in the contract (camelCase) so a later migration
 * can't break an old pack; how each is read from a row and written back. Derived fields are NOT here:
 * automatic references and section numbers (only a typed-in one syncs, as `manualReference` /
 * `manualNumber`), due-date history, `updated_at`, full-text rows and people-directory links. They are
 * recomputed after a merge.
 */
import type { SyncEntity } from '../../shared/sync/op';
import type { TableName } from '../tables';

type Value = unknown;
type RowValues = Record<string, unknown>;

interface Field {
  /** Reads the contract value from a row. */
  get(row: RowValues): Value;
  /** The columns to write for a contract value. */
  set(value: Value): RowValues;
}

const col = (c: string): Field => ({ get: (r) => r[c] ?? null, set: (v) => ({ [c]: v ?? null }) });
const text = (c: string): Field => ({
  get: (r) => r[c] ?? '',
  set: (v) => ({ [c]: typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v) }),
});
const bool = (c: string): Field => ({ get: (r) => r[c] === 1, set: (v) => ({ [c]: v === true ? 1 : 0 }) });
const json = (c: string, fallback: string): Field => ({
  get: (r) => {
    try {
      return JSON.parse((r[c] as string) ?? fallback) as unknown;
    } catch {
      return JSON.parse(fallback) as unknown;
    }
  },
  set: (v) => ({ [c]: JSON.stringify(v ?? JSON.parse(fallback)) }),
});
/** A typed-in number or reference (null = automatic, recomputed after a merge). */
const manual = (c: string, flag: string): Field => ({
  get: (r) => (r[flag] === 1 ? r[c] : null),
  set: (v) => (typeof v === 'string' ? { [c]: v, [flag]: 1 } : { [flag]: 0 }),
});

export interface EntitySpec {
  entity: SyncEntity;
  table: Exclude<TableName, 'meta' | 'audit_log' | 'people'>;
  /** Tables with a soft-delete column sync it as `deletedAt`. */
  fields: Record<string, Field>;
  /** Columns a new row needs that are not synced (derived), with their starting values. */
  defaults: (at: string) => RowValues;
  /** Foreign keys the row needs present before it can be written (contract field names). */
  parents: readonly string[];
}

const planId = col('plan_id');
const deletedAt = col('deleted_at');

/** In dependency order: a row's parents come before it, which is also the order a merge writes them. */
export const ENTITIES: readonly EntitySpec[] = [
  {
    entity: 'plan',
    table: 'plans',
    parents: [],
    defaults: (at) => ({ updated_at: at }),
    fields: {
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
      deletedAt,
    },
  },
  {
    entity: 'level',
    table: 'rating_levels',
    parents: ['planId'],
    defaults: (at) => ({ updated_at: at }),
    fields: {
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
      deletedAt,
    },
  },
  {
    entity: 'period',
    table: 'reporting_periods',
    parents: ['planId'],
    defaults: (at) => ({ updated_at: at }),
    fields: {
      planId,
      position: col('position'),
      label: text('label'),
      startDate: col('start_date'),
      endDate: col('end_date'),
      locked: bool('locked'),
      lockedAt: col('locked_at'),
      deletedAt,
    },
  },
  {
    entity: 'recommendation',
    table: 'recommendations',
    parents: ['planId'],
    defaults: (at) => ({ updated_at: at }),
    fields: {
      planId,
      position: col('position'),
      number: col('number'),
      label: text('label'),
      text: text('text'),
      deletedAt,
    },
  },
  {
    entity: 'section',
    table: 'sections',
    parents: ['planId'],
    defaults: (at) => ({ updated_at: at, position: 0, number: '', number_manual: 0 }),
    fields: {
      planId,
      orderKey: text('order_key'),
      manualNumber: manual('number', 'number_manual'),
      title: text('title'),
      description: text('description'),
      archived: bool('archived'),
      deletedAt,
    },
  },
  {
    entity: 'objective',
    table: 'objectives',
    parents: ['planId', 'sectionId'],
    defaults: (at) => ({ updated_at: at, position: 0 }),
    fields: {
      planId,
      sectionId: col('section_id'),
      orderKey: text('order_key'),
      title: text('title'),
      archived: bool('archived'),
      deletedAt,
    },
  },
  {
    entity: 'action',
    table: 'actions',
    parents: ['planId', 'sectionId', 'objectiveId'],
    defaults: (at) => ({ updated_at: at, position: 0, reference: '', reference_manual: 0, due_history_json: '[]' }),
    fields: {
      planId,
      sectionId: col('section_id'),
      objectiveId: col('objective_id'),
      orderKey: text('order_key'),
      manualReference: manual('reference', 'reference_manual'),
      description: text('description'),
      outcome: text('outcome'),
      dueText: text('due_text'),
      notes: text('notes'),
      archived: bool('archived'),
      createdAt: col('created_at'),
      deletedAt,
    },
  },
  {
    entity: 'lead',
    table: 'action_leads',
    parents: ['planId', 'actionId'],
    defaults: (at) => ({ updated_at: at, person_id: null }),
    fields: {
      planId,
      actionId: col('action_id'),
      position: col('position'),
      name: text('name'),
      role: text('role'),
      deletedAt,
    },
  },
  {
    entity: 'link',
    table: 'action_recommendations',
    parents: ['planId', 'actionId', 'recommendationId'],
    defaults: (at) => ({ updated_at: at }),
    fields: { planId, actionId: col('action_id'), recommendationId: col('recommendation_id'), deletedAt },
  },
  {
    entity: 'rating',
    table: 'ratings',
    parents: ['planId', 'actionId', 'periodId', 'levelId'],
    defaults: (at) => ({ updated_at: at }),
    fields: {
      planId,
      actionId: col('action_id'),
      periodId: col('period_id'),
      levelId: col('level_id'),
      explanation: text('explanation'),
      correctiveAction: text('corrective_action'),
      ratedBy: text('rated_by'),
      ratedAt: col('rated_at'),
    },
  },
  {
    entity: 'progress',
    table: 'progress_updates',
    parents: ['planId', 'actionId', 'periodId'],
    defaults: (at) => ({ updated_at: at }),
    fields: {
      planId,
      actionId: col('action_id'),
      periodId: col('period_id'),
      body: text('body'),
      author: text('author'),
      internal: bool('internal'),
      createdAt: col('created_at'),
      deletedAt,
    },
  },
  {
    entity: 'indicator',
    table: 'indicators',
    parents: ['planId', 'sectionId'],
    defaults: (at) => ({ updated_at: at }),
    fields: {
      planId,
      sectionId: col('section_id'),
      position: col('position'),
      name: text('name'),
      unit: text('unit'),
      polarity: text('polarity'),
      baselineLabel: text('baseline_label'),
      baseline: col('baseline'),
      snAverage: col('sn_average'),
      values: json('values_json', '[]'),
      notes: text('notes'),
      deletedAt,
    },
  },
  {
    entity: 'coveringReport',
    table: 'covering_reports',
    parents: ['planId', 'periodId'],
    defaults: (at) => ({ updated_at: at }),
    fields: { planId, periodId: col('period_id'), content: json('content_json', '{}') },
  },
];

export const SPEC: Readonly<Record<SyncEntity, EntitySpec>> = Object.fromEntries(
  ENTITIES.map((e) => [e.entity, e]),
) as Record<SyncEntity, EntitySpec>;
export const ENTITY_ORDER: Readonly<Record<SyncEntity, number>> = Object.fromEntries(
  ENTITIES.map((e, i) => [e.entity, i]),
) as Record<SyncEntity, number>;

/** The contract values of every synced field of a row. */
export function readFields(spec: EntitySpec, row: RowValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(spec.fields)) out[name] = f.get(row);
  return out;
}

/** The columns to write for some contract values (unknown field names are ignored: a newer build's field). */
export function toColumns(spec: EntitySpec, values: Record<string, unknown>): RowValues {
  const out: RowValues = {};
  for (const [name, v] of Object.entries(values)) {
    const f = spec.fields[name];
    if (f) Object.assign(out, f.set(v));
  }
  return out;
}

/**
 * What a service lead's copy may change (everything else of the plan is the owner's, read-only there):
 * progress updates, and a rating's level, explanation and corrective action (with who rated it and when).
 * The owner holds back anything else a lead sends (db/sync/merge.ts); the lead's own copy refuses it
 * at the write (db/sync/oplog.ts).
 */
export const LEAD_FIELDS: Partial<Record<SyncEntity, ReadonlySet<string>>> = {
  rating: new Set(['$create', 'levelId', 'explanation', 'correctiveAction', 'ratedBy', 'ratedAt']),
  progress: new Set(['$create', 'body', 'internal', 'deletedAt']),
};

/** A canonical text form of a value, for comparing. */
export const canon = (v: unknown): string => JSON.stringify(v === undefined ? null : v);
