/**
 * Running kysely-built queries synchronously on the better-sqlite3 handle, with a per-connection
 * statement cache, plus the write context every service uses (one transaction, one clock reading,
 * one actor) and the audit-row writer.
 */
import type Database from 'better-sqlite3';
import type { Compilable } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { CoveringReportContent } from '../shared/covering-report';
import type {
  Action,
  AuditEntry,
  Indicator,
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
import { DomainError } from '../shared/result';
import type { Store } from './store';
import { recordWrite } from './sync/oplog';

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A prepared statement for `sql`, cached per connection. */
export function prepare(sqlite: Database.Database, sql: string): Database.Statement {
  let cache = caches.get(sqlite);
  if (!cache) caches.set(sqlite, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = sqlite.prepare(sql)));
  return stmt;
}

const rawCaches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A prepared statement in raw mode (rows as arrays), cached per connection: the hot read path. */
export function prepareRaw(sqlite: Database.Database, sql: string): Database.Statement {
  let cache = rawCaches.get(sqlite);
  if (!cache) rawCaches.set(sqlite, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = sqlite.prepare(sql).raw(true)));
  return stmt;
}

/** better-sqlite3 binds no booleans or undefined: store them as 0/1 and null. */
function bindable(params: readonly unknown[]): unknown[] {
  return params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p === undefined ? null : p));
}

/** All rows of a kysely query, run synchronously. */
export function all<R>(store: Store, query: Compilable<R>): R[] {
  const c = query.compile();
  return prepare(store.sqlite, c.sql).all(...bindable(c.parameters)) as R[];
}

/** The first row of a kysely query, or undefined. */
export function first<R>(store: Store, query: Compilable<R>): R | undefined {
  const c = query.compile();
  return prepare(store.sqlite, c.sql).get(...bindable(c.parameters)) as R | undefined;
}

/** Runs a kysely write (insert / update / delete without returning). */
export function exec(store: Store, query: Compilable<unknown>): Database.RunResult {
  const c = query.compile();
  return prepare(store.sqlite, c.sql).run(...bindable(c.parameters));
}

export const bool = (b: boolean): number => (b ? 1 : 0);
export const newId = (): string => randomUUID();

/** Everything one write needs: the store, who, and one timestamp for every row it touches. */
export interface WriteCtx {
  store: Store;
  actor: string;
  at: string;
  /** Plans whose updated_at this write has already bumped. */
  touched: Set<string>;
}

const active = new WeakMap<Store, WriteCtx>();

/**
 * Runs `fn` in one transaction (IMMEDIATE: takes the write lock up front); any throw writes nothing.
 * Before it commits, the op log records the synced fields this write changed in shared plans
 * (`recordWrite`, db/sync/oplog.ts). A write inside another write shares its timestamp and log.
 */
export function write<T>(store: Store, actor: string, fn: (w: WriteCtx) => T): T {
  const outer = active.get(store);
  if (outer && store.sqlite.inTransaction) return fn({ ...outer, actor: actor || outer.actor });
  const at = store.now().toISOString();
  const w: WriteCtx = { store, actor: actor || store.actor(), at, touched: new Set() };
  if (store.sqlite.inTransaction) return fn(w);
  return store.sqlite
    .transaction(() => {
      active.set(store, w);
      try {
        const result = fn(w);
        recordWrite(w);
        return result;
      } finally {
        active.delete(store);
      }
    })
    .immediate();
}

type Entity = AuditEntry['entity'];
type Op = AuditEntry['op'];

type EntityField =
  | keyof Plan
  | keyof RatingLevel
  | keyof ReportingPeriod
  | keyof Recommendation
  | keyof Section
  | keyof Objective
  | keyof Action
  | keyof Rating
  | keyof ProgressUpdate
  | keyof Indicator
  | keyof Person
  | keyof CoveringReportContent;
/**
 * The field names an audit row may name: the entities' own fields (as the contract spells them), plus the
 * few the services record under names of their own. A misspelt field does not compile.
 */
export type AuditField =
  | Exclude<EntityField, 'id' | 'createdAt' | 'updatedAt' | 'deletedAt'>
  | 'level'
  | 'leads'
  | 'recommendations'
  | 'duplicateOf'
  | 'purged';

/** Text form of a value for the audit log. */
export function auditText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

const AUDIT_SQL =
  'INSERT INTO audit_log (id, at, actor, plan_id, entity, entity_id, op, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

/** Writes one audit row, and bumps the plan's updated_at once per write (the library sorts by it). */
export function audit(
  w: WriteCtx,
  planId: string | null,
  entity: Entity,
  entityId: string,
  op: Op,
  field: AuditField | null = null,
  oldValue: unknown = null,
  newValue: unknown = null,
): void {
  prepare(w.store.sqlite, AUDIT_SQL).run(
    newId(),
    w.at,
    w.actor,
    planId,
    entity,
    entityId,
    op,
    field,
    auditText(oldValue),
    auditText(newValue),
  );
  if (planId !== null && !w.touched.has(planId)) {
    w.touched.add(planId);
    prepare(w.store.sqlite, 'UPDATE plans SET updated_at = ? WHERE id = ? AND updated_at < ?').run(w.at, planId, w.at);
  }
}

/**
 * Compares `before` and `patch` field by field and writes one 'update' audit row per changed field.
 * Returns the changed fields (patch keys whose value differs).
 */
export function auditChanges<T extends object, K extends keyof T & AuditField>(
  w: WriteCtx,
  planId: string | null,
  entity: Entity,
  entityId: string,
  before: T,
  patch: { [P in K]?: T[P] },
): K[] {
  const changed: K[] = [];
  // Object.keys widens to string[]: the keys of `patch` are its K keys.
  for (const key of Object.keys(patch) as K[]) {
    const next = patch[key];
    if (next === undefined) continue;
    if (auditText(before[key]) === auditText(next)) continue;
    changed.push(key);
    audit(w, planId, entity, entityId, 'update', key, before[key], next);
  }
  return changed;
}

/** Throws not_found with a readable message when `row` is missing. */
export function must<R>(row: R | undefined | null, what: string): R {
  if (row === undefined || row === null)
    throw new DomainError('not_found', `${what} was not found. It may have been deleted; reload and try again.`);
  return row;
}

/** Throws not_found for a missing or tombstoned row. */
export function mustLive<R extends { deleted_at: string | null }>(row: R | undefined, what: string): R {
  const r = must(row, what);
  if (r.deleted_at !== null) throw new DomainError('not_found', `${what} has been deleted. Restore it first.`);
  return r;
}
