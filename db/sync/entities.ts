/**
 * Which fields of which tables are synced, named as in the contract (camelCase) so a later migration
 * can't break an old pack; how each is read from a row and written back. Derived fields are NOT here:
 * automatic references and section numbers (only a typed-in one syncs, as `manualReference` /
 * `manualNumber`), due-date history, `updated_at`, full-text rows and people-directory links. They are
 * recomputed after a merge.
 */
import type { SyncEntity } from '../../shared/sync/op';
import { isOrderKey, keyBetween } from '../../shared/sync/order';
import { bool, col, json, text, type Column, type Descriptor, type RowValues } from '../fields';
import {
  ACTION_FIELDS,
  INDICATOR_FIELDS,
  LEVEL_FIELDS,
  OBJECTIVE_FIELDS,
  PERIOD_FIELDS,
  PLAN_FIELDS,
  RECOMMENDATION_FIELDS,
  SECTION_FIELDS,
} from '../schema';
import type { TableName } from '../tables';

type Value = unknown;

interface Field {
  /** Reads the contract value from a row. */
  get(row: RowValues): Value;
  /** The columns to write for a contract value. */
  set(value: Value): RowValues;
}

/** A synced field stored in one column (db/fields.ts). */
const stored = (c: Column): Field => ({ get: (r) => c.read(r[c.column]), set: (v) => ({ [c.column]: c.write(v) }) });
/** A typed-in number or reference (null = automatic, recomputed after a merge). */
const manual = (c: string, flag: string): Field => ({
  get: (r) => (r[flag] === 1 ? r[c] : null),
  set: (v) => (typeof v === 'string' ? { [c]: v, [flag]: 1 } : { [flag]: 0 }),
});

type SyncedTable = Exclude<TableName, 'meta' | 'audit_log' | 'people'>;

export interface EntitySpec {
  entity: SyncEntity;
  table: SyncedTable;
  /** Tables with a soft-delete column sync it as `deletedAt`. */
  fields: Record<string, Field>;
  /** Columns a new row needs that are not synced (derived), with their starting values. */
  defaults: (at: string) => RowValues;
  /** Foreign keys the row needs present before it can be written (contract field names). */
  parents: readonly string[];
}

/**
 * One entity: its synced fields (a column each, or a `manual` pair) between `planId` (unless it is the plan)
 * and `deletedAt` (unless the table has none), and the starting values of its derived columns besides
 * `updated_at`. A table with a descriptor (db/schema.ts) takes its synced fields from it.
 */
function entity(
  name: SyncEntity,
  table: SyncedTable,
  parents: readonly string[],
  fields: Record<string, Column | Field>,
  o: { starting?: RowValues; deletable?: boolean } = {},
): EntitySpec {
  const all: Record<string, Column | Field> = {
    ...(parents.includes('planId') ? { planId: col('plan_id') } : {}),
    ...fields,
    ...(o.deletable === false ? {} : { deletedAt: col('deleted_at') }),
  };
  const starting = o.starting ?? {};
  return {
    entity: name,
    table,
    parents,
    defaults: (at) => ({ ...starting, updated_at: at }),
    fields: Object.fromEntries(Object.entries(all).map(([k, f]) => [k, 'column' in f ? stored(f) : f])),
  };
}

/** A descriptor's synced fields (bar `planId` and `deletedAt`, which `entity` places). */
const syncedFields = (d: Descriptor): Record<string, Column> =>
  Object.fromEntries(
    Object.entries(d).flatMap(([k, c]) => (c && c.sync && k !== 'planId' && k !== 'deletedAt' ? [[k, c]] : [])),
  );
/** The starting values of a descriptor's columns that are not synced (bar the key and `updated_at`). */
const startingValues = (d: Descriptor): RowValues =>
  Object.fromEntries(
    Object.values(d).flatMap((c) =>
      c && !c.sync && c.column !== 'id' && c.column !== 'updated_at' ? [[c.column, c.write(undefined)]] : [],
    ),
  );

const position = col('position');
/**
 * Sections, objectives and actions sync their fractional order key (shared/sync/order.ts); `position` is
 * derived from it and recomputed after a merge (resequencePlan).
 */
const orderKey: Field = {
  // A row or op without a valid key (from a build before order keys) leaves the column to its starting
  // value (the first key) or unchanged: never a NULL that would hold the row back.
  get: (r) => (typeof r.order_key === 'string' && isOrderKey(r.order_key) ? r.order_key : null),
  set: (v): RowValues => (typeof v === 'string' && isOrderKey(v) ? { order_key: v } : {}),
};

/** In dependency order: a row's parents come before it, which is also the order a merge writes them. */
export const ENTITIES: readonly EntitySpec[] = [
  // The tables with a descriptor (db/schema.ts) sync every column not marked `sync: false`: a new field
  // of theirs syncs with no line here.
  entity('plan', 'plans', [], syncedFields(PLAN_FIELDS)),
  entity('level', 'rating_levels', ['planId'], syncedFields(LEVEL_FIELDS)),
  entity('period', 'reporting_periods', ['planId'], syncedFields(PERIOD_FIELDS)),
  entity('recommendation', 'recommendations', ['planId'], syncedFields(RECOMMENDATION_FIELDS)),
  entity(
    'section',
    'sections',
    ['planId'],
    { ...syncedFields(SECTION_FIELDS), orderKey, manualNumber: manual('number', 'number_manual') },
    { starting: { ...startingValues(SECTION_FIELDS), position: 0, order_key: keyBetween(null, null) } },
  ),
  entity(
    'objective',
    'objectives',
    ['planId', 'sectionId'],
    { ...syncedFields(OBJECTIVE_FIELDS), orderKey },
    { starting: { ...startingValues(OBJECTIVE_FIELDS), position: 0, order_key: keyBetween(null, null) } },
  ),
  entity(
    'action',
    'actions',
    ['planId', 'sectionId', 'objectiveId'],
    { ...syncedFields(ACTION_FIELDS), orderKey, manualReference: manual('reference', 'reference_manual') },
    { starting: { ...startingValues(ACTION_FIELDS), position: 0, order_key: keyBetween(null, null) } },
  ),
  entity(
    'lead',
    'action_leads',
    ['planId', 'actionId'],
    { actionId: col('action_id'), position, name: text('name'), role: text('role') },
    { starting: { person_id: null } },
  ),
  entity('link', 'action_recommendations', ['planId', 'actionId', 'recommendationId'], {
    actionId: col('action_id'),
    recommendationId: col('recommendation_id'),
  }),
  entity(
    'rating',
    'ratings',
    ['planId', 'actionId', 'periodId', 'levelId'],
    {
      actionId: col('action_id'),
      periodId: col('period_id'),
      levelId: col('level_id'),
      explanation: text('explanation'),
      correctiveAction: text('corrective_action'),
      ratedBy: text('rated_by'),
      ratedAt: col('rated_at'),
    },
    { deletable: false },
  ),
  entity('progress', 'progress_updates', ['planId', 'actionId', 'periodId'], {
    actionId: col('action_id'),
    periodId: col('period_id'),
    body: text('body'),
    author: text('author'),
    internal: bool('internal'),
    createdAt: col('created_at'),
  }),
  entity('indicator', 'indicators', ['planId', 'sectionId'], syncedFields(INDICATOR_FIELDS)),
  entity(
    'coveringReport',
    'covering_reports',
    ['planId', 'periodId'],
    { periodId: col('period_id'), content: json('content_json', '{}') },
    { deletable: false },
  ),
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
