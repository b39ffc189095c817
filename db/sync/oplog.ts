/**
 * The operation log: device identity, the hybrid logical clock, recording local changes at the store's
 * single write point (`write()` in db/sql.ts calls `recordWrite` before it commits), the multi-value
 * registers (heads per row and field) and reading ops out for packs.
 */
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { leadMatches, ledBy } from '../../shared/leads';
import { directoryPerson } from '../services/people';
import { formatHlc, parseHlc, receive, tick, ZERO_HLC, type Hlc } from '../../shared/sync/hlc';
import { CREATE, PURGE, type PlanRole, type SyncEntity, type SyncOp, type VersionVector } from '../../shared/sync/op';
import type { SyncOpsTable } from '../schema';
import { prepare, type WriteCtx } from '../sql';
import type { Store } from '../store';
import { DomainError } from '../../shared/result';
import { canon, ENTITIES, LEAD_FIELDS, readFields, SPEC, type EntitySpec } from './entities';

// ---------------------------------------------------------------- meta, device id, clock

export function getMeta(store: Store, key: string): string | null {
  // Same SQL text as db/services/settings.ts getMeta, which turns the cached statement into pluck mode: pluck here too.
  const v = prepare(store.sqlite, 'SELECT value FROM meta WHERE key = ?').pluck().get(key);
  return typeof v === 'string' ? v : null;
}
export function setMeta(store: Store, key: string, value: string): void {
  prepare(
    store.sqlite,
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}

const devices = new WeakMap<Store, string>();

/** The file's identity: a copied (or restored) store file is a different file, so it gets a new device id. */
function fileIdentity(store: Store): string {
  try {
    const st = fs.statSync(store.path);
    return `${st.dev}:${st.ino}`;
  } catch {
    return 'memory';
  }
}

/**
 * This store's device id (32 hex characters), minted on first use. A copied database file is detected
 * (its file identity differs from the one recorded with the id) and mints a new id, so two copies never
 * write ops under the same id and sequence numbers.
 */
export function deviceId(store: Store): string {
  const cached = devices.get(store);
  if (cached) return cached;
  let id = getMeta(store, 'sync.device_id');
  const identity = fileIdentity(store);
  if (id === null || getMeta(store, 'sync.device_file') !== identity) {
    const previous = id;
    id = randomBytes(16).toString('hex');
    const mint = () => {
      setMeta(store, 'sync.device_id', id!);
      setMeta(store, 'sync.device_file', identity);
      if (previous) setMeta(store, 'sync.previous_device_id', previous);
    };
    if (store.sqlite.inTransaction) mint();
    else store.sqlite.transaction(mint).immediate();
  }
  devices.set(store, id);
  return id;
}

function clock(store: Store): Hlc {
  const text = getMeta(store, 'sync.hlc');
  return (text && parseHlc(text)) || ZERO_HLC;
}

/** The next local timestamp (persisted in the same transaction as the op). */
function nextHlc(store: Store): string {
  const h = tick(clock(store), store.now().getTime());
  const text = formatHlc(h, deviceId(store));
  setMeta(store, 'sync.hlc', text);
  return text;
}

/** Advances our clock past a received timestamp (bounded skew: see shared/sync/hlc.ts). */
export function observeHlc(store: Store, remote: string): void {
  const r = parseHlc(remote);
  if (!r) return;
  const last = clock(store);
  const next = receive(last, r, store.now().getTime());
  if (next !== last) setMeta(store, 'sync.hlc', formatHlc(next, deviceId(store)));
}

// ---------------------------------------------------------------- plans and roles

export interface PlanSync {
  role: PlanRole;
  person: string | null;
  ownerDevice: string | null;
}

const withSyncTables = new WeakSet<object>();

/** Whether this store's schema has the sync tables (migration 3); a store opened with fewer migrations has none. */
function hasSyncTables(store: Store): boolean {
  if (withSyncTables.has(store.sqlite)) return true;
  const found =
    prepare(store.sqlite, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_plans'").get() !==
    undefined;
  if (found) withSyncTables.add(store.sqlite);
  return found;
}

export function planSync(store: Store, planId: string): PlanSync | null {
  const r = prepare(store.sqlite, 'SELECT role, person, owner_device FROM sync_plans WHERE plan_id = ?').get(planId) as
    { role: PlanRole; person: string | null; owner_device: string | null } | undefined;
  return r ? { role: r.role, person: r.person, ownerDevice: r.owner_device } : null;
}

export function setPlanRole(store: Store, planId: string, s: PlanSync): void {
  prepare(
    store.sqlite,
    'INSERT INTO sync_plans (plan_id, role, person, owner_device, enabled_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(plan_id) DO UPDATE SET role = excluded.role, person = excluded.person, owner_device = excluded.owner_device',
  ).run(planId, s.role, s.person, s.ownerDevice, store.now().toISOString());
}

// ---------------------------------------------------------------- ops and registers

export type OpRow = SyncOpsTable;

export function rowToOp(r: OpRow): SyncOp {
  return {
    id: r.op_id,
    device: r.device,
    seq: r.seq,
    hlc: r.hlc,
    person: r.person,
    planId: r.plan_id,
    entity: r.entity as SyncEntity,
    rowId: r.row_id,
    field: r.field,
    value: JSON.parse(r.value_json) as unknown,
    parents: JSON.parse(r.parents_json) as string[],
  };
}

/** The fields an op writes: every field of a new row, or its one field. */
export function fieldsOf(op: Pick<SyncOp, 'field' | 'value'>): string[] {
  if (op.field === CREATE) return op.value && typeof op.value === 'object' ? Object.keys(op.value) : [];
  return [op.field];
}

const OP_INSERT =
  'INSERT OR IGNORE INTO sync_ops (op_id, device, seq, hlc, person, plan_id, entity, row_id, field, value_json, parents_json, status, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

/** Stores an op (false when it is already held: idempotent). */
export function storeOp(store: Store, op: SyncOp, status: 'applied' | 'held', at: string): boolean {
  const r = prepare(store.sqlite, OP_INSERT).run(...opParams(op, status, at));
  return r.changes > 0;
}

/**
 * Makes a stored op count: supersedes its parents, and becomes a head unless something already saw it.
 *
 * A `$create` op's heads are implicit (schema version 5): it is a head of each of its fields that no
 * applied op has superseded (no `sync_edges` row with it as the parent for that field), so a new row
 * writes no register rows and `sync_heads` holds only the fields changed after their row was created.
 */
export function applyToRegisters(store: Store, op: SyncOp): void {
  const s = store.sqlite;
  const edge = prepare(s, 'INSERT OR IGNORE INTO sync_edges (parent_id, field, child_id) VALUES (?, ?, ?)');
  const dropHead = prepare(s, 'DELETE FROM sync_heads WHERE row_id = ? AND field = ? AND op_id = ?');
  const seen = prepare(s, 'SELECT 1 FROM sync_edges WHERE parent_id = ? AND field = ? LIMIT 1');
  const addHead = prepare(
    s,
    'INSERT OR IGNORE INTO sync_heads (row_id, field, op_id, plan_id, entity) VALUES (?, ?, ?, ?, ?)',
  );
  for (const f of fieldsOf(op)) {
    for (const p of op.parents) {
      edge.run(p, f, op.id);
      dropHead.run(op.rowId, f, p);
    }
    if (op.field !== CREATE && !seen.get(op.id, f)) addHead.run(op.rowId, f, op.id, op.planId, op.entity);
  }
}

/** Runs a multi-row INSERT for many rows, in chunks (one statement per chunk rather than per row). */
function insertMany(store: Store, head: string, width: number, rows: readonly unknown[][]): void {
  const CHUNK = 400;
  const tuple = `(${new Array(width).fill('?').join(', ')})`;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    prepare(store.sqlite, `${head} VALUES ${new Array(part.length).fill(tuple).join(', ')}`).run(...part.flat());
  }
}

const opParams = (op: SyncOp, status: 'applied' | 'held', at: string): unknown[] => [
  op.id,
  op.device,
  op.seq,
  op.hlc,
  op.person,
  op.planId,
  op.entity,
  op.rowId,
  op.field,
  canon(op.value),
  JSON.stringify(op.parents),
  status,
  at,
];

/** Stores many new ops at once (`storeOp` for each, without a statement per op). */
export function storeOps(store: Store, ops: readonly SyncOp[], status: 'applied' | 'held', at: string): void {
  insertMany(
    store,
    OP_INSERT.slice(0, OP_INSERT.indexOf(' VALUES')),
    13,
    ops.map((op) => opParams(op, status, at)),
  );
}

/** The ids among `ids` this store already holds, with their status. */
export function knownOps(store: Store, ids: readonly string[]): Map<string, string> {
  const rows = prepare(
    store.sqlite,
    'SELECT op_id, status FROM sync_ops WHERE op_id IN (SELECT value FROM json_each(?))',
  ).all(JSON.stringify(ids)) as { op_id: string; status: string }[];
  return new Map(rows.map((r) => [r.op_id, r.status]));
}

/**
 * `applyToRegisters` for many stored ops at once, with the same result as applying them one by one in
 * any order: every parent edge is recorded, the parents stop being heads, and an op becomes a head of
 * a field unless some op (here or already held) has it as a parent for that field.
 */
export function applyManyToRegisters(store: Store, ops: readonly SyncOp[]): void {
  if (ops.length === 0) return;
  const s = store.sqlite;
  const edges: unknown[][] = [];
  const superseded: [string, string, string][] = [];
  for (const op of ops)
    for (const f of fieldsOf(op))
      for (const p of op.parents) {
        edges.push([p, f, op.id]);
        superseded.push([op.rowId, f, p]);
      }
  insertMany(store, 'INSERT OR IGNORE INTO sync_edges (parent_id, field, child_id)', 3, edges);
  // The parents stop being heads: one statement (each triple a primary-key lookup), not one per edge.
  if (superseded.length > 0)
    prepare(
      s,
      'DELETE FROM sync_heads WHERE (row_id, field, op_id) IN (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?))',
    ).run(JSON.stringify(superseded));
  const seen = new Set(
    (
      prepare(s, 'SELECT parent_id, field FROM sync_edges WHERE parent_id IN (SELECT value FROM json_each(?))').all(
        JSON.stringify(ops.map((o) => o.id)),
      ) as { parent_id: string; field: string }[]
    ).map((r) => `${r.parent_id}\u0000${r.field}`),
  );
  const heads: unknown[][] = [];
  for (const op of ops)
    if (op.field !== CREATE)
      // a `$create` op's heads are implicit
      for (const f of fieldsOf(op))
        if (!seen.has(`${op.id}\u0000${f}`)) heads.push([op.rowId, f, op.id, op.planId, op.entity]);
  insertMany(store, 'INSERT OR IGNORE INTO sync_heads (row_id, field, op_id, plan_id, entity)', 5, heads);
}

export interface Head {
  opId: string;
  hlc: string;
  device: string;
  person: string;
  value: unknown;
}

const HEADS_SQL =
  'SELECT h.field AS hfield, o.op_id, o.hlc, o.device, o.person, o.field, o.value_json FROM sync_heads h JOIN sync_ops o ON o.op_id = h.op_id WHERE h.row_id = ?';

const HEADS_OF_FIELD_SQL = `${HEADS_SQL} AND h.field = ?`;

/** A row's applied `$create` ops as heads of each of their fields that no applied op has superseded. */
const CREATE_HEADS_SQL = `SELECT j.key AS hfield, o.op_id, o.hlc, o.device, o.person, o.field, o.value_json FROM sync_ops o JOIN json_each(o.value_json) j WHERE o.row_id = ? AND o.field = '${CREATE}' AND o.status = 'applied' AND json_type(o.value_json) = 'object' AND NOT EXISTS (SELECT 1 FROM sync_edges e WHERE e.parent_id = o.op_id AND e.field = j.key)`;

/**
 * Every field's heads for a row, or only those of `fields` (a merge that changed a few fields of a row
 * that exists reads just those registers, not the `$create` op's whole row of values).
 */
export function headsOfRow(store: Store, rowId: string, fields?: ReadonlySet<string>): Map<string, Head[]> {
  let rows: HeadRow[];
  if (fields === undefined) rows = prepare(store.sqlite, HEADS_SQL).all(rowId) as HeadRow[];
  else {
    const stmt = prepare(store.sqlite, HEADS_OF_FIELD_SQL);
    rows = [];
    for (const f of fields) for (const r of stmt.all(rowId, f) as HeadRow[]) rows.push(r);
  }
  for (const r of prepare(store.sqlite, CREATE_HEADS_SQL).all(rowId) as HeadRow[])
    if (fields === undefined || fields.has(r.hfield)) rows.push(r);
  return headsFromRows(rows);
}

/**
 * The heads of many (row, field) pairs, by row then field. `known`: ops held in memory (a merge's own
 * batch), whose details need no second read: the explicit heads are found by id alone (the register's
 * primary key), and only heads outside `known` are read from the op log, in one query.
 */
export function headsOfFields(
  store: Store,
  pairs: readonly [string, string][],
  known: ReadonlyMap<string, SyncOp> = new Map(),
): Map<string, Map<string, Head[]>> {
  const s = store.sqlite;
  const text = JSON.stringify(pairs);
  const explicit = prepare(
    s,
    'SELECT h.row_id, h.field, h.op_id FROM json_each(?) j CROSS JOIN sync_heads h ON h.row_id = j.value ->> 0 AND h.field = j.value ->> 1',
  )
    .raw()
    .all(text) as [string, string, string][];
  const rows: (HeadRow & { hrow: string })[] = [];
  const unknown: string[] = [];
  // A value held in memory is used as it is only when it is a plain JSON scalar (what the log stores back).
  const held = (id: string): SyncOp | undefined => {
    const op = known.get(id);
    return op && (op.value === null || typeof op.value !== 'object') && op.value !== undefined ? op : undefined;
  };
  for (const [, , id] of explicit) if (!held(id)) unknown.push(id);
  const read = new Map<string, OpRow>();
  if (unknown.length > 0)
    for (const r of prepare(s, 'SELECT * FROM sync_ops WHERE op_id IN (SELECT value FROM json_each(?))').all(
      JSON.stringify(unknown),
    ) as OpRow[])
      read.set(r.op_id, r);
  const byRow = new Map<string, Map<string, Head[]>>();
  const add = (row: string, field: string, h: Head) => {
    let m = byRow.get(row);
    if (!m) byRow.set(row, (m = new Map()));
    const list = m.get(field);
    if (list) list.push(h);
    else m.set(field, [h]);
  };
  for (const [row, field, id] of explicit) {
    const op = held(id);
    if (op) add(row, field, { opId: op.id, hlc: op.hlc, device: op.device, person: op.person, value: op.value });
    else {
      const r = read.get(id);
      if (r)
        rows.push({
          hrow: row,
          hfield: field,
          op_id: r.op_id,
          hlc: r.hlc,
          device: r.device,
          person: r.person,
          field: r.field,
          value_json: r.value_json,
        });
    }
  }
  // Implicit heads: a row's `$create` op, for each field nothing has superseded.
  for (const r of prepare(
    s,
    `SELECT j.value ->> 0 AS hrow, j.value ->> 1 AS hfield, o.op_id, o.hlc, o.device, o.person, o.field, o.value_json FROM json_each(?) j CROSS JOIN sync_ops o ON o.row_id = j.value ->> 0 AND o.field = '${CREATE}' WHERE o.status = 'applied' AND NOT EXISTS (SELECT 1 FROM sync_edges e WHERE e.parent_id = o.op_id AND e.field = j.value ->> 1)`,
  ).all(text) as (HeadRow & { hrow: string })[])
    rows.push(r);
  const rest = new Map<string, (HeadRow & { hrow: string })[]>();
  for (const r of rows) {
    const list = rest.get(r.hrow);
    if (list) list.push(r);
    else rest.set(r.hrow, [r]);
  }
  for (const [row, rs] of rest) for (const [field, hs] of headsFromRows(rs)) for (const h of hs) add(row, field, h);
  for (const m of byRow.values()) for (const list of m.values()) if (list.length > 1) list.sort(byOpId);
  return byRow;
}

const byOpId = (a: Head, b: Head): number => (a.opId < b.opId ? -1 : 1);

interface HeadRow {
  hfield: string;
  op_id: string;
  hlc: string;
  device: string;
  person: string;
  field: string;
  value_json: string;
}

/** Heads by field, each field's in op id order (explicit and implicit `$create` heads alike). */
function headsFromRows(rows: readonly HeadRow[]): Map<string, Head[]> {
  const parsed = new Map<string, unknown>();
  const out = new Map<string, Head[]>();
  for (const r of rows) {
    let v = parsed.get(r.op_id);
    if (v === undefined && !parsed.has(r.op_id)) parsed.set(r.op_id, (v = JSON.parse(r.value_json) as unknown));
    if (r.field === CREATE && (v === null || typeof v !== 'object' || Array.isArray(v) || !Object.hasOwn(v, r.hfield)))
      continue;
    const value = r.field === CREATE ? ((v as Record<string, unknown>)[r.hfield] ?? null) : v;
    const h: Head = { opId: r.op_id, hlc: r.hlc, device: r.device, person: r.person, value };
    const list = out.get(r.hfield);
    if (list) list.push(h);
    else out.set(r.hfield, [h]);
  }
  for (const list of out.values()) if (list.length > 1) list.sort(byOpId);
  return out;
}

/** The value shown: the head with the highest clock, ties broken by op id (the same on every copy). */
export function winner(heads: readonly Head[]): Head {
  let best = heads[0]!;
  for (const h of heads) if (h.hlc > best.hlc || (h.hlc === best.hlc && h.opId > best.opId)) best = h;
  return best;
}

// ---------------------------------------------------------------- recording local changes

interface Emitter {
  emit(
    planId: string,
    entity: SyncEntity,
    rowId: string,
    field: string,
    value: unknown,
    parents: string[],
    person: string,
  ): SyncOp;
}

export function emitter(store: Store, at: string): Emitter {
  const me = deviceId(store);
  let seq = ((
    prepare(store.sqlite, 'SELECT max(seq) AS n FROM sync_ops WHERE device = ?').get(me) as { n: number | null }
  ).n ?? 0) as number;
  return {
    emit(planId, entity, rowId, field, value, parents, person) {
      seq += 1;
      const op: SyncOp = {
        id: `${me}:${seq}`,
        device: me,
        seq,
        hlc: nextHlc(store),
        person,
        planId,
        entity,
        rowId,
        field,
        value,
        parents,
      };
      storeOp(store, op, 'applied', at);
      applyToRegisters(store, op);
      return op;
    },
  };
}

const THING: Partial<Record<SyncEntity, string>> = {
  plan: 'plan details',
  level: 'rating scale',
  period: 'reporting periods',
  recommendation: 'recommendations',
  section: 'sections',
  objective: 'objectives',
  action: 'actions',
  lead: "actions' leads",
  link: "actions' recommendations",
  indicator: 'indicators',
  coveringReport: 'covering report',
};

/**
 * On a service lead's copy the plan is the owner's: a local change to anything but progress updates and
 * ratings of the lead's own actions is refused with plain words (the whole write is rolled back).
 */
function refuseOnLeadCopy(
  store: Store,
  spec: EntitySpec,
  row: Record<string, unknown>,
  field: string,
  lead: string | null,
): void {
  const allowed = LEAD_FIELDS[spec.entity];
  if (!allowed || !allowed.has(field))
    throw new DomainError(
      'locked',
      `This is a copy of the owner's plan for a service lead: only progress updates and ratings can be changed here, so the change to the ${THING[spec.entity] ?? spec.entity} was not saved. Ask the plan's owner to make it.`,
    );
  if (!lead) return;
  const leads = prepare(
    store.sqlite,
    'SELECT a.reference, l.name, l.person_id AS personId FROM actions a LEFT JOIN action_leads l ON l.action_id = a.id AND l.deleted_at IS NULL WHERE a.id = ?',
  ).all(row.action_id) as { reference: string; name: string | null; personId: string | null }[];
  // As "my actions" matches (shared/leads.ts), with the names this copy's People has for the lead.
  const { person, id } = directoryPerson(store, lead);
  const named = leads.filter((l): l is typeof l & { name: string } => l.name !== null);
  if (leads.length > 0 && !ledBy(named, person, id))
    throw new DomainError(
      'locked',
      `Action ${leads[0]!.reference} is led by someone else, so on your copy (${lead}) its updates and rating can't be changed. Nothing was saved.`,
    );
}

/** Logs ops for one row: a `$create` the first time, then one op per field whose value changed. */
export function recordRow(
  store: Store,
  e: Emitter,
  spec: EntitySpec,
  planId: string,
  row: Record<string, unknown>,
  person: string,
  lead?: string | null,
): number {
  const rowId = row.id as string;
  const current = readFields(spec, row);
  const heads = headsOfRow(store, rowId);
  if (heads.size === 0) {
    if (lead !== undefined) refuseOnLeadCopy(store, spec, row, CREATE, lead);
    e.emit(planId, spec.entity, rowId, CREATE, current, [], person);
    return 1;
  }
  let n = 0;
  for (const [field, value] of Object.entries(current)) {
    const hs = heads.get(field);
    if (hs && canon(winner(hs).value) === canon(value)) continue;
    if (lead !== undefined) refuseOnLeadCopy(store, spec, row, field, lead);
    e.emit(planId, spec.entity, rowId, field, value, hs ? hs.map((h) => h.opId) : [], person);
    n++;
  }
  return n;
}

function rowsTouched(store: Store, spec: EntitySpec, planId: string, at: string | null): Record<string, unknown>[] {
  const key = spec.table === 'plans' ? 'id' : 'plan_id';
  const sql = `SELECT * FROM ${spec.table} WHERE ${key} = ?${at === null ? '' : ' AND updated_at = ?'}`;
  return (at === null ? prepare(store.sqlite, sql).all(planId) : prepare(store.sqlite, sql).all(planId, at)) as Record<
    string,
    unknown
  >[];
}

/**
 * Called by `write()` inside its transaction, after the change: every row of a shared plan this write
 * touched (its `updated_at` is this write's timestamp) is compared with its registers and the changed
 * synced fields are logged. A plan deleted for ever leaves a `$purge` op (a tombstone that merges).
 */
export function recordWrite(w: WriteCtx): void {
  if (w.touched.size === 0) return;
  if (!hasSyncTables(w.store)) return; // a store opened with an older migration list (tests): nothing is shared
  let e: Emitter | null = null;
  for (const planId of w.touched) {
    const shared = planSync(w.store, planId);
    if (!shared) continue;
    const lead = shared.role === 'lead' ? shared.person : undefined;
    e ??= emitter(w.store, w.at);
    if (!prepare(w.store.sqlite, 'SELECT 1 FROM plans WHERE id = ?').get(planId)) {
      if (!prepare(w.store.sqlite, 'SELECT 1 FROM sync_ops WHERE row_id = ? AND field = ?').get(planId, PURGE))
        e.emit(planId, 'plan', planId, PURGE, w.at, [], w.actor);
      continue;
    }
    for (const spec of ENTITIES)
      for (const row of rowsTouched(w.store, spec, planId, w.at))
        recordRow(w.store, e, spec, planId, row, w.actor, lead);
  }
}

/** Starts logging a plan: this copy becomes its owner, and every existing row is logged once. */
export function enableSync(store: Store, planId: string, opts: { role: 'owner' }): void {
  const run = () => {
    if (!prepare(store.sqlite, 'SELECT 1 FROM plans WHERE id = ?').get(planId)) throw new Error('no such plan');
    if (planSync(store, planId)) return;
    setPlanRole(store, planId, { role: opts.role, person: null, ownerDevice: deviceId(store) });
    const at = store.now().toISOString();
    const e = emitter(store, at);
    for (const spec of ENTITIES)
      for (const row of rowsTouched(store, spec, planId, null)) recordRow(store, e, spec, planId, row, store.actor());
  };
  if (store.sqlite.inTransaction) run();
  else store.sqlite.transaction(run).immediate();
}

// ---------------------------------------------------------------- reading ops out

/** Per device, the highest sequence number this store holds for the plan (held ops count as received). */
export function versionVector(store: Store, planId: string): VersionVector {
  const rows = prepare(
    store.sqlite,
    'SELECT device, max(seq) AS seq FROM sync_ops WHERE plan_id = ? GROUP BY device',
  ).all(planId) as { device: string; seq: number }[];
  return Object.fromEntries(rows.map((r) => [r.device, r.seq]));
}

/**
 * The plan's applied ops the other side has not acknowledged (`since`), in a stable order. `forLead`
 * (a lead's name, or '' for a pack to every lead) leaves out other people's internal notes: internal
 * progress updates by someone else, and the owner's notes on actions (`notes`, also inside `$create`).
 * Left out (undefined / null), nothing is filtered.
 */
export function opsFor(
  store: Store,
  planId: string,
  opts: { since?: VersionVector; forLead?: string | null } = {},
): SyncOp[] {
  const since = opts.since ?? {};
  const rows = prepare(
    store.sqlite,
    "SELECT * FROM sync_ops WHERE plan_id = ? AND status = 'applied' ORDER BY device, seq",
  ).all(planId) as OpRow[];
  const lead = opts.forLead;
  const filter = lead !== undefined && lead !== null;
  let hidden: Set<string> | null = null;
  if (filter) {
    hidden = new Set(
      (
        prepare(store.sqlite, 'SELECT id, author FROM progress_updates WHERE plan_id = ? AND internal = 1').all(
          planId,
        ) as { id: string; author: string }[]
      )
        .filter((p) => lead === '' || (!leadMatches(p.author, lead) && !leadMatches(lead, p.author)))
        .map((p) => p.id),
    );
  }
  const out: SyncOp[] = [];
  for (const r of rows) {
    if (r.seq <= (since[r.device] ?? 0)) continue;
    if (filter) {
      if (r.entity === 'progress' && hidden!.has(r.row_id)) continue;
      if (r.entity === 'action' && r.field === 'notes') continue;
      if (r.entity === 'action' && r.field === CREATE) {
        const op = rowToOp(r);
        out.push({ ...op, value: { ...(op.value as Record<string, unknown>), notes: '' } });
        continue;
      }
    }
    out.push(rowToOp(r));
  }
  return out;
}

// ---------------------------------------------------------------- keys, trust, acknowledgements

export function getDeviceKeys(store: Store): { publicKey: string; privateKey: string } | null {
  const text = getMeta(store, 'sync.device_keys');
  if (!text) return null;
  const k = JSON.parse(text) as { publicKey: string; privateKey: string; device?: string };
  // Keys belong to a device: a copied store file mints a new device id, and a new key pair with it.
  if (k.device !== undefined && k.device !== deviceId(store)) return null;
  return { publicKey: k.publicKey, privateKey: k.privateKey };
}

export function setDeviceKeys(store: Store, keys: { publicKey: string; privateKey: string }): void {
  setMeta(store, 'sync.device_keys', JSON.stringify({ ...keys, device: deviceId(store) }));
}

export function trustKey(store: Store, planId: string, device: string, publicKey: string, role: PlanRole): void {
  prepare(
    store.sqlite,
    'INSERT INTO sync_keys (plan_id, device, public_key, role) VALUES (?, ?, ?, ?) ON CONFLICT(plan_id, device) DO UPDATE SET public_key = excluded.public_key, role = excluded.role',
  ).run(planId, device, publicKey, role);
}

export function trustedKeys(store: Store, planId: string): { device: string; publicKey: string; role: PlanRole }[] {
  return (
    prepare(store.sqlite, 'SELECT device, public_key, role FROM sync_keys WHERE plan_id = ? ORDER BY device').all(
      planId,
    ) as { device: string; public_key: string; role: PlanRole }[]
  ).map((r) => ({
    device: r.device,
    publicKey: r.public_key,
    role: r.role,
  }));
}

/** Records what `device` has acknowledged (merged with what was recorded before: acks only grow). */
export function recordAck(store: Store, planId: string, device: string, vv: VersionVector): void {
  const merged: VersionVector = { ...ackOf(store, planId, device) };
  for (const [d, n] of Object.entries(vv)) merged[d] = Math.max(merged[d] ?? 0, n);
  prepare(
    store.sqlite,
    'INSERT INTO sync_acks (plan_id, device, vv_json) VALUES (?, ?, ?) ON CONFLICT(plan_id, device) DO UPDATE SET vv_json = excluded.vv_json',
  ).run(planId, device, JSON.stringify(merged));
}

export function ackOf(store: Store, planId: string, device: string): VersionVector {
  const r = prepare(store.sqlite, 'SELECT vv_json FROM sync_acks WHERE plan_id = ? AND device = ?').get(
    planId,
    device,
  ) as { vv_json: string } | undefined;
  return r ? (JSON.parse(r.vv_json) as VersionVector) : {};
}

export { SPEC };
