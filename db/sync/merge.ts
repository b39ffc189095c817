/**
 * The merge: `applyOps` stores received ops and brings the plan's rows to their registers' values, in
 * ONE transaction. Idempotent (an op already held is a duplicate) and order-independent (a row's
 * value is a function of the set of ops, not of their arrival order). On the owner's copy each op a
 * lead sent is checked first; one that breaks a rule is held back with its reason (never applied
 * silently, never dropped) for the owner to accept or reject.
 */
import { randomUUID } from 'node:crypto';
import { leadMatches, ledBy } from '../../shared/leads';
import { directoryPerson } from '../services/people';
import { hlcDate } from '../../shared/sync/hlc';
import { CREATE, PURGE, SyncOp, type PlanRole, type SyncEntity } from '../../shared/sync/op';
import { DomainError } from '../../shared/result';
import { renumberPlan, resequencePlan } from '../services/common';
import { isOrderKey, keyAtPosition } from '../../shared/sync/order';
import { prepare, type WriteCtx } from '../sql';
import { largeWrite } from './checkpoint';
import type { Store } from '../store';
import { canon, ENTITY_ORDER, LEAD_FIELDS, SPEC, toColumns } from './entities';
import {
  applyManyToRegisters,
  applyToRegisters,
  deviceId,
  emitter,
  headsOfFields,
  headsOfRow,
  knownOps,
  observeHlc,
  planSync,
  setMeta,
  rowToOp,
  storeOp,
  storeOps,
  winner,
  type Head,
  type OpRow,
} from './oplog';

export interface HeldReport {
  id: string;
  opId: string;
  reason: string;
  entity: string;
  rowId: string;
  field: string;
  person: string;
  value: unknown;
}

export interface ApplyReport {
  planId: string | null;
  applied: number;
  duplicates: number;
  conflicts: number;
  heldBack: HeldReport[];
  /** Rows still waiting for a row they depend on (retried by every later merge). */
  pending: number;
}

export interface ApplyOptions {
  /** This copy's role for the plan: an owner checks what leads send; a lead takes the owner's ops. */
  asRole: PlanRole;
  /** Who sent the ops (the pack's signer): its device and the person enrolled on it. */
  from?: { device: string; person: string | null };
}

const FIELD_WORDS: Record<string, string> = {
  levelId: 'rating',
  correctiveAction: 'corrective action',
  body: 'progress text',
  dueText: 'due date',
  [CREATE]: 'new row',
};
const describe = (entity: string, field: string) =>
  `${FIELD_WORDS[field] ?? field} of ${entity === 'coveringReport' ? 'the covering report' : `a ${entity}`}`;

type Check = { ok: true } | { ok: false; wait: boolean; reason: string };

/** The owner's checks on one op a lead sent. */
function checkLeadOp(
  store: Store,
  op: SyncOp,
  from: { device: string; person: string | null },
  created: Map<string, SyncOp>,
  directory: (name: string) => ReturnType<typeof directoryPerson>,
): Check {
  const who = from.person ?? 'the sender';
  if (op.device !== from.device)
    return {
      ok: false,
      wait: false,
      reason: `This change was made on another device and passed on by ${who}'s pack, so it was not applied.`,
    };
  const allowed = LEAD_FIELDS[op.entity];
  if (!allowed || !allowed.has(op.field))
    return {
      ok: false,
      wait: false,
      reason: `A service lead's copy can change only progress updates and ratings, so ${who}'s change to the ${describe(op.entity, op.field)} was held back.`,
    };

  // Which action and period the row belongs to: from the op itself, the same pack, or the store.
  let ref: { actionId: string; periodId: string; author?: string } | null = null;
  const fromCreate = (o: SyncOp) => {
    const v = o.value as Record<string, unknown>;
    return {
      actionId: String(v.actionId ?? ''),
      periodId: String(v.periodId ?? ''),
      author: typeof v.author === 'string' ? v.author : undefined,
    };
  };
  if (op.field === CREATE) ref = fromCreate(op);
  else {
    const table = op.entity === 'rating' ? 'ratings' : 'progress_updates';
    const row = prepare(store.sqlite, `SELECT * FROM ${table} WHERE id = ?`).get(op.rowId) as
      { action_id: string; period_id: string; author?: string } | undefined;
    if (row) ref = { actionId: row.action_id, periodId: row.period_id, author: row.author };
    else {
      const c =
        created.get(op.rowId) ??
        (prepare(
          store.sqlite,
          "SELECT * FROM sync_ops WHERE row_id = ? AND field = ? AND status = 'applied' LIMIT 1",
        ).get(op.rowId, CREATE) as OpRow | undefined);
      if (c) ref = fromCreate('value_json' in c ? rowToOp(c) : c);
    }
  }
  if (!ref)
    return {
      ok: false,
      wait: true,
      reason: `The ${op.entity === 'rating' ? 'rating' : 'progress update'} this change is for has not arrived yet; it will be checked again with the next pack.`,
    };

  const action = prepare(store.sqlite, 'SELECT id, plan_id, reference, deleted_at FROM actions WHERE id = ?').get(
    ref.actionId,
  ) as { id: string; plan_id: string; reference: string; deleted_at: string | null } | undefined;
  if (!action || action.plan_id !== op.planId)
    return { ok: false, wait: false, reason: `${who} sent an update for an action that is not in this plan.` };
  if (action.deleted_at !== null)
    return {
      ok: false,
      wait: false,
      reason: `${who} sent an update for action ${action.reference}, which has been deleted from the plan.`,
    };
  const leads = prepare(
    store.sqlite,
    'SELECT name, person_id AS personId FROM action_leads WHERE action_id = ? AND deleted_at IS NULL',
  ).all(action.id) as { name: string; personId: string | null }[];
  // As "my actions" matches (shared/leads.ts): the invited name, with the names People has for them.
  const lead = from.person ? directory(from.person) : null;
  if (!from.person || !lead || !ledBy(leads, lead.person, lead.id))
    return {
      ok: false,
      wait: false,
      reason: `${who} is not a lead of action ${action.reference} (led by ${leads.map((l) => l.name).join('; ') || 'nobody'}), so their change was held back.`,
    };
  const period = prepare(store.sqlite, 'SELECT label, locked, plan_id FROM reporting_periods WHERE id = ?').get(
    ref.periodId,
  ) as { label: string; locked: number; plan_id: string } | undefined;
  if (!period || period.plan_id !== op.planId)
    return { ok: false, wait: false, reason: `${who} sent an update for a reporting period that is not in this plan.` };
  if (period.locked === 1)
    return {
      ok: false,
      wait: false,
      reason: `The period "${period.label}" is locked, so ${who}'s change to action ${action.reference} was held back.`,
    };
  if (
    op.entity === 'progress' &&
    op.field !== CREATE &&
    ref.author !== undefined &&
    !leadMatches(ref.author, from.person) &&
    !leadMatches(from.person, ref.author)
  )
    return {
      ok: false,
      wait: false,
      reason: `Only its author (${ref.author}) can change a progress update, so ${who}'s change was held back.`,
    };
  if (
    op.entity === 'progress' &&
    op.field === CREATE &&
    ref.author !== undefined &&
    !leadMatches(ref.author, from.person) &&
    !leadMatches(from.person, ref.author)
  )
    return {
      ok: false,
      wait: false,
      reason: `${who} sent a progress update written in someone else's name (${ref.author}).`,
    };
  return { ok: true };
}

function hold(
  store: Store,
  op: SyncOp,
  from: ApplyOptions['from'],
  reason: string,
  state: 'held' | 'waiting',
  at: string,
): HeldReport {
  const id = randomUUID();
  prepare(
    store.sqlite,
    'INSERT INTO sync_held (id, op_id, plan_id, from_device, from_person, reason, state, held_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(id, op.id, op.planId, from?.device ?? null, from?.person ?? null, reason, state, at);
  return {
    id,
    opId: op.id,
    reason,
    entity: op.entity,
    rowId: op.rowId,
    field: op.field,
    person: op.person,
    value: op.value,
  };
}

// ---------------------------------------------------------------- bringing rows to their registers

type Outcome = 'written' | 'pending' | 'gone';

/** A row a merge must bring to its registers: `fields` = only these changed (undefined: every field). */
interface Touched {
  entity: SyncEntity;
  planId: string;
  fields?: Set<string>;
}

/** Marks a row's field (or, for `$create` / `$purge`, every field) as changed by a merge. */
function touch(rows: Map<string, Touched>, op: Pick<SyncOp, 'rowId' | 'entity' | 'planId' | 'field'>): void {
  const r = rows.get(op.rowId);
  const whole = op.field === CREATE || op.field === PURGE;
  if (!r) rows.set(op.rowId, { entity: op.entity, planId: op.planId, fields: whole ? undefined : new Set([op.field]) });
  else if (whole) r.fields = undefined;
  else r.fields?.add(op.field);
  // An old build's move (no order keys yet) re-derives the key from the position, unless a key was synced.
  if (!whole && op.field === 'position' && ORDERED.has(op.entity)) rows.get(op.rowId)!.fields?.add('orderKey');
}

/** Entities ordered within their parent by a synced order key (shared/sync/order.ts). */
const ORDERED = new Set<SyncEntity>(['section', 'objective', 'action']);

/**
 * Bookkeeping that travels with another field: a rating's `ratedBy` / `ratedAt` belong to its level, so a
 * lead's proposed rating meeting the owner's moderated one is ONE conflict (the level, each version with
 * who rated it and when), never separate conflicts about who rated and when.
 */
const FOLLOWS: Partial<Record<SyncEntity, { lead: string; fields: readonly string[] }>> = {
  rating: { lead: 'levelId', fields: ['ratedBy', 'ratedAt'] },
};
const follows = (entity: SyncEntity, field: string): boolean => FOLLOWS[entity]?.fields.includes(field) ?? false;

/** Entities whose changes can move automatic section numbers and action references. */
const NUMBERED = new Set<SyncEntity>(['plan', 'section', 'objective', 'action']);

/** Rows found with a conflicted field while writing them (so the report needs no second read). */
let conflicted: Set<string> | null = null;

/**
 * Progress updates a merge inserted or whose text it changed, for the search index: while `settle` runs,
 * the meta key `search.deferred` turns off the progress_fts triggers (schema version 5) and the index takes
 * these rows at the end, in rowid order, each a single-row statement. Through the triggers, every row
 * written inside the merge's transaction made SQLite's FTS5 flush its pending index (a savepoint per
 * statement with triggers): about 80 µs a row; in one run at the end it is a few µs.
 */
let searchRows: Map<string, 'insert' | 'update'> | null = null;
const SEARCH_DEFERRED = 'search.deferred';

function indexSearchRows(store: Store, rows: ReadonlyMap<string, 'insert' | 'update'>): void {
  if (rows.size === 0) return;
  const s = store.sqlite;
  const insert = prepare(s, 'INSERT INTO progress_fts(rowid, body) VALUES (?, ?)');
  const update = prepare(s, 'UPDATE progress_fts SET body = ? WHERE rowid = ?');
  for (const r of prepare(
    s,
    'SELECT id, rid, body FROM progress_updates WHERE id IN (SELECT value FROM json_each(?)) ORDER BY rid',
  ).all(JSON.stringify([...rows.keys()])) as { id: string; rid: number; body: string }[])
    if (rows.get(r.id) === 'insert') insert.run(r.rid, r.body);
    else update.run(r.body, r.rid);
}

/** Writes one row from its registers (insert, update or nothing). A missing parent leaves it pending. */
function materialize(
  store: Store,
  entity: SyncEntity,
  rowId: string,
  planId: string,
  at: string,
  purged: Set<string>,
  fields: ReadonlySet<string> | undefined,
  pending: Set<string>,
  pre?: Prefetched,
): Outcome {
  const spec = SPEC[entity];
  if (purged.has(planId)) return 'gone';
  const existing = pre
    ? pre.rows.get(rowId)
    : (prepare(store.sqlite, `SELECT * FROM ${spec.table} WHERE id = ?`).get(rowId) as
        Record<string, unknown> | undefined);
  // A row that exists holds its registers' values already: only the changed fields need reading.
  const heads =
    (existing && fields && pre?.heads.get(rowId)) || headsOfRow(store, rowId, existing ? fields : undefined);
  const values: Record<string, unknown> = {};
  for (const [field, hs] of heads) {
    values[field] = winner(hs).value;
    if (conflicted && hs.length > 1 && !follows(entity, field) && new Set(hs.map((h) => canon(h.value))).size > 1)
      conflicted.add(`${rowId}/${field}`);
  }
  // A row made or moved by a build before order keys (schema 5 and earlier) has a position and no key: its
  // key follows that position among its siblings (the key migration 0006 gives it), the same on every copy.
  if (ORDERED.has(entity) && !(typeof values.orderKey === 'string' && isOrderKey(values.orderKey)))
    if (!existing || 'position' in values) values.orderKey = keyAtPosition(values.position);
  const pend = (reason: string): Outcome => {
    pending.add(rowId);
    prepare(
      store.sqlite,
      'INSERT INTO sync_pending (row_id, plan_id, entity, reason, since) VALUES (?, ?, ?, ?, ?) ON CONFLICT(row_id) DO UPDATE SET reason = excluded.reason',
    ).run(rowId, planId, entity, reason, at);
    return 'pending';
  };
  try {
    if (!existing) {
      if (
        !prepare(store.sqlite, "SELECT 1 FROM sync_ops WHERE row_id = ? AND field = ? AND status = 'applied'").get(
          rowId,
          CREATE,
        )
      )
        return pend('waiting for the row itself');
      const cols: Record<string, unknown> = { ...spec.defaults(at), ...toColumns(spec, values), id: rowId };
      const keys = Object.keys(cols);
      prepare(
        store.sqlite,
        `INSERT INTO ${spec.table} (${keys.join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`,
      ).run(...keys.map((k) => cols[k]));
      if (entity === 'progress') searchRows?.set(rowId, 'insert');
    } else {
      const cols = toColumns(spec, values);
      const changed = Object.keys(cols).filter((k) => canon(existing[k]) !== canon(cols[k]));
      if (changed.length > 0) {
        if (entity === 'action' && changed.includes('due_text') && existing.due_text !== '') {
          // Derived, not synced: the due-date history grows by the text being replaced.
          const history = JSON.parse((existing.due_history_json as string) || '[]') as unknown[];
          history.push({ text: existing.due_text, changedAt: at });
          cols.due_history_json = JSON.stringify(history);
          changed.push('due_history_json');
        }
        changed.push('updated_at');
        cols.updated_at = at;
        prepare(store.sqlite, `UPDATE ${spec.table} SET ${changed.map((k) => `${k} = ?`).join(', ')} WHERE id = ?`).run(
          ...changed.map((k) => cols[k]),
          rowId,
        );
        if (entity === 'progress' && changed.includes('body') && !searchRows?.has(rowId))
          searchRows?.set(rowId, 'update');
      }
    }
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_CONSTRAINT')) return pend('waiting for a row it belongs to');
    throw e;
  }
  if (pending.delete(rowId)) prepare(store.sqlite, 'DELETE FROM sync_pending WHERE row_id = ?').run(rowId);
  return 'written';
}

/** What the first pass of a merge reads in bulk: the rows as they are, and the changed fields' heads. */
interface Prefetched {
  rows: Map<string, Record<string, unknown>>;
  heads: Map<string, Map<string, Head[]>>;
}

function prefetch(store: Store, rows: ReadonlyMap<string, Touched>, known?: ReadonlyMap<string, SyncOp>): Prefetched {
  const byEntity = new Map<SyncEntity, string[]>();
  for (const [id, r] of rows) {
    const list = byEntity.get(r.entity);
    if (list) list.push(id);
    else byEntity.set(r.entity, [id]);
  }
  const found = new Map<string, Record<string, unknown>>();
  for (const [entity, ids] of byEntity)
    for (const row of prepare(
      store.sqlite,
      `SELECT * FROM ${SPEC[entity].table} WHERE id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(ids)) as Record<string, unknown>[])
      found.set(row.id as string, row);
  const pairs: [string, string][] = [];
  for (const [id, r] of rows) if (r.fields && found.has(id)) for (const f of r.fields) pairs.push([id, f]);
  return { rows: found, heads: headsOfFields(store, pairs, known) };
}

/**
 * Brings rows to their registers, parents first, then recomputes derived fields of the plans touched.
 * `known`: ops this merge has just stored (the log holds exactly these), so their values need no re-reading.
 */
function settle(
  store: Store,
  rows: Map<string, Touched>,
  at: string,
  actor: string,
  known?: ReadonlyMap<string, SyncOp>,
): number {
  const s = store.sqlite;
  const plans = new Set([...rows.values()].map((r) => r.planId));
  const pending = new Set<string>();
  for (const p of plans)
    for (const r of prepare(s, 'SELECT row_id, entity, plan_id FROM sync_pending WHERE plan_id = ?').all(p) as {
      row_id: string;
      entity: SyncEntity;
      plan_id: string;
    }[]) {
      pending.add(r.row_id);
      const t = rows.get(r.row_id);
      if (t) t.fields = undefined;
      else rows.set(r.row_id, { entity: r.entity, planId: r.plan_id });
    }
  const purged = new Set<string>();
  for (const p of plans) {
    if (prepare(s, "SELECT 1 FROM sync_ops WHERE row_id = ? AND field = ? AND status = 'applied'").get(p, PURGE)) {
      purged.add(p);
      prepare(s, 'DELETE FROM plans WHERE id = ?').run(p);
      prepare(s, 'DELETE FROM sync_pending WHERE plan_id = ?').run(p);
    }
  }
  const pre = prefetch(store, rows, known);
  // Parents first; a second pass picks up rows whose parent of the same kind came later in the order.
  // Within a kind, rows that exist go in the order of their rowid (`rid`: progress updates and actions;
  // neighbouring rows share pages), then new rows by id.
  const rid = (id: string): number => {
    const r = pre.rows.get(id)?.rid;
    return typeof r === 'number' ? r : Number.MAX_SAFE_INTEGER;
  };
  const ordered = [...rows.entries()].sort(
    (a, b) => ENTITY_ORDER[a[1].entity] - ENTITY_ORDER[b[1].entity] || rid(a[0]) - rid(b[0]) || (a[0] < b[0] ? -1 : 1),
  );
  const search = new Map<string, 'insert' | 'update'>();
  searchRows = search;
  setMeta(store, SEARCH_DEFERRED, '1');
  let waiting: [string, Touched][];
  try {
    waiting = ordered.filter(
      ([id, r]) => materialize(store, r.entity, id, r.planId, at, purged, r.fields, pending, pre) === 'pending',
    );
    const write = ([id, r]: [string, Touched]) =>
      materialize(store, r.entity, id, r.planId, at, purged, r.fields, pending) === 'pending';
    for (let pass = 0; pass < 3 && waiting.length > 0; pass++) {
      const before = waiting.length;
      waiting = waiting.filter(write);
      if (waiting.length === before) break;
    }
  } finally {
    searchRows = null;
    prepare(s, 'DELETE FROM meta WHERE key = ?').run(SEARCH_DEFERRED);
  }
  indexSearchRows(store, search);
  // Renumber only when a change can move numbers (progress texts and ratings can't).
  const renumber = new Set([...rows.values()].filter((r) => NUMBERED.has(r.entity)).map((r) => r.planId));
  for (const p of renumber) {
    if (purged.has(p) || !prepare(s, 'SELECT 1 FROM plans WHERE id = ?').get(p)) continue;
    const w: WriteCtx = { store, actor, at, touched: new Set([p]) }; // already touched: no extra updated_at bump
    resequencePlan(store, p); // positions are the derived rank of the synced order keys
    renumberPlan(w, p);
  }
  return waiting.length;
}

// ---------------------------------------------------------------- applyOps

/** Reads and validates received ops; one that can't be read refuses the whole batch, writing nothing. */
function parseOps(ops: readonly unknown[]): SyncOp[] {
  return ops.map((o, i) => {
    const r = SyncOp.safeParse(o);
    if (!r.success)
      throw new DomainError(
        'invalid_input',
        `Change ${i + 1} in the pack is not one Planwright can read (${r.error.issues[0]?.path.join('.') || 'its shape'} is wrong), so nothing in the pack was applied.`,
      );
    return r.data;
  });
}

export function applyOps(store: Store, input: readonly unknown[], opts: ApplyOptions): ApplyReport {
  const ops = parseOps(input);
  const planIds = new Set(ops.map((o) => o.planId));
  if (planIds.size > 1)
    throw new DomainError(
      'invalid_input',
      'The pack mixes changes to more than one plan, so nothing in it was applied.',
    );
  const planId = ops[0]?.planId ?? null;
  const me = deviceId(store);
  const run = (): ApplyReport => {
    const at = store.now().toISOString();
    const report: ApplyReport = { planId, applied: 0, duplicates: 0, conflicts: 0, heldBack: [], pending: 0 };
    const rows = new Map<string, Touched>();
    const check = opts.asRole === 'owner';
    const created = new Map<string, SyncOp>();
    for (const op of ops) if (op.field === CREATE) created.set(op.rowId, op);
    const people = new Map<string, ReturnType<typeof directoryPerson>>();
    const directory = (name: string) => {
      let p = people.get(name);
      if (!p) people.set(name, (p = directoryPerson(store, name)));
      return p;
    };
    // Creates first so a field op in the same pack can be checked against its row.
    const sorted = [...ops].sort(
      (a, b) =>
        Number(b.field === CREATE) - Number(a.field === CREATE) || ENTITY_ORDER[a.entity] - ENTITY_ORDER[b.entity],
    );
    let maxHlc = '';
    // New ops are stored, and accepted ops made to count, in bulk after the checks (same result, far
    // fewer statements than one by one).
    const fresh: SyncOp[] = [];
    const accepted: SyncOp[] = [];
    const accept = (op: SyncOp) => {
      accepted.push(op);
      touch(rows, op);
      report.applied++;
    };
    const known = knownOps(
      store,
      ops.map((o) => o.id),
    );
    const inBatch = new Set<string>();
    for (const op of sorted) {
      if (op.hlc > maxHlc) maxHlc = op.hlc;
      if (inBatch.has(op.id)) {
        report.duplicates++;
        continue;
      }
      inBatch.add(op.id);
      if (check && op.device !== me) {
        const c = checkLeadOp(store, op, opts.from ?? { device: op.device, person: null }, created, directory);
        const was = known.has(op.id)
          ? (prepare(
              store.sqlite,
              "SELECT o.status, h.id AS hid FROM sync_ops o LEFT JOIN sync_held h ON h.op_id = o.op_id AND h.state IN ('held', 'waiting') WHERE o.op_id = ?",
            ).get(op.id) as { status: string; hid: string | null } | undefined)
          : undefined;
        if (was) {
          // Held before (say, passed on by another device) and now passing the checks: apply it.
          if (c.ok && was.status === 'held' && was.hid) {
            prepare(store.sqlite, "UPDATE sync_ops SET status = 'applied' WHERE op_id = ?").run(op.id);
            prepare(
              store.sqlite,
              "UPDATE sync_held SET state = 'accepted', decided_by = 'automatic check', decided_at = ? WHERE id = ?",
            ).run(at, was.hid);
            accept(op);
          } else report.duplicates++;
          continue;
        }
        if (!c.ok) {
          storeOp(store, op, 'held', at);
          if (op.field === CREATE) created.delete(op.rowId);
          report.heldBack.push(hold(store, op, opts.from, c.reason, c.wait ? 'waiting' : 'held', at));
          continue;
        }
      }
      if (known.has(op.id)) {
        report.duplicates++;
        continue;
      }
      fresh.push(op);
      accept(op);
    }
    storeOps(store, fresh, 'applied', at);
    // Ops that were waiting for their row: check again now.
    if (check && planId) {
      const waiting = prepare(
        store.sqlite,
        "SELECT h.id, o.* FROM sync_held h JOIN sync_ops o ON o.op_id = h.op_id WHERE h.plan_id = ? AND h.state = 'waiting'",
      ).all(planId) as (OpRow & { id: string })[];
      for (const w of waiting) {
        const op = rowToOp(w);
        const held = prepare(store.sqlite, 'SELECT from_device, from_person FROM sync_held WHERE id = ?').get(w.id) as {
          from_device: string | null;
          from_person: string | null;
        };
        const c = checkLeadOp(
          store,
          op,
          { device: held.from_device ?? op.device, person: held.from_person },
          created,
          directory,
        );
        if (c.ok) {
          prepare(store.sqlite, "UPDATE sync_ops SET status = 'applied' WHERE op_id = ?").run(op.id);
          prepare(
            store.sqlite,
            "UPDATE sync_held SET state = 'accepted', decided_by = 'automatic check', decided_at = ? WHERE id = ?",
          ).run(at, w.id);
          accept(op);
          report.heldBack = report.heldBack.filter((h) => h.id !== w.id);
        } else if (!c.wait)
          prepare(store.sqlite, "UPDATE sync_held SET state = 'held', reason = ? WHERE id = ?").run(c.reason, w.id);
      }
    }
    applyManyToRegisters(store, accepted);
    if (maxHlc) observeHlc(store, maxHlc);
    conflicted = new Set();
    try {
      report.pending = settle(
        store,
        rows,
        at,
        opts.from?.person ?? store.actor(),
        new Map(fresh.map((o) => [o.id, o])),
      );
      report.conflicts = conflicted.size;
    } finally {
      conflicted = null;
    }
    return report;
  };
  if (store.sqlite.inTransaction) return run();
  return largeWrite(store, () => store.sqlite.transaction(run).immediate());
}

// ---------------------------------------------------------------- conflicts

export interface Conflict {
  /** `${rowId}/${field}` */
  id: string;
  entity: SyncEntity;
  rowId: string;
  field: string;
  /** Where the row is, in words ("Action 1.2, rating for Q2"). */
  label: string;
  /** The last value both versions saw (their common parent), when there is one. */
  base: Version | null;
  /** Every head, the shown one first. */
  versions: Version[];
}

/** A version of a field, with the fields that travel with it (a rating's level: who rated it and when). */
export interface Version {
  opId: string;
  value: unknown;
  person: string;
  at: string;
  device: string;
  /** For a rating's level: `ratedBy` and `ratedAt` as this version had them. */
  with?: Record<string, unknown>;
}

function rowLabel(store: Store, entity: SyncEntity, rowId: string): string {
  const s = store.sqlite;
  const actionRef = (id: string) =>
    (prepare(s, 'SELECT reference FROM actions WHERE id = ?').get(id) as { reference: string } | undefined)
      ?.reference ?? '?';
  const periodLabel = (id: string) =>
    (prepare(s, 'SELECT label FROM reporting_periods WHERE id = ?').get(id) as { label: string } | undefined)?.label ??
    '?';
  if (entity === 'action') return `Action ${actionRef(rowId)}`;
  if (entity === 'rating' || entity === 'progress') {
    const r = prepare(
      s,
      `SELECT action_id, period_id FROM ${entity === 'rating' ? 'ratings' : 'progress_updates'} WHERE id = ?`,
    ).get(rowId) as { action_id: string; period_id: string } | undefined;
    if (r)
      return `Action ${actionRef(r.action_id)}, ${entity === 'rating' ? 'rating' : 'progress update'} for ${periodLabel(r.period_id)}`;
  }
  return entity === 'coveringReport' ? 'Covering report' : entity.charAt(0).toUpperCase() + entity.slice(1);
}

const version = (h: Head): Version => ({
  opId: h.opId,
  value: h.value,
  person: h.person,
  at: hlcDate(h.hlc),
  device: h.device,
});

/** Fields with more than one head whose values differ: shown, never dropped, until resolved. */
export function listConflicts(store: Store, planId: string): Conflict[] {
  // Candidates: fields with two explicit heads, or an explicit head beside its row's `$create` op that
  // nothing superseded for the field; and rows created twice (the same natural-key row made on two
  // copies: any field may have two heads). `field` null = every field of the row.
  const cands = prepare(
    store.sqlite,
    `WITH h AS (
       SELECT row_id, field, entity FROM sync_heads WHERE plan_id = @plan
       UNION ALL
       SELECT h.row_id, h.field, h.entity FROM sync_heads h JOIN sync_ops c ON c.row_id = h.row_id AND c.field = '${CREATE}'
       WHERE h.plan_id = @plan AND c.status = 'applied' AND NOT EXISTS (SELECT 1 FROM sync_edges e WHERE e.parent_id = c.op_id AND e.field = h.field)
     )
     SELECT row_id, field, entity FROM h GROUP BY row_id, field HAVING count(*) > 1
     UNION ALL
     SELECT row_id, NULL, entity FROM sync_ops WHERE plan_id = @plan AND field = '${CREATE}' AND status = 'applied' GROUP BY row_id HAVING count(*) > 1`,
  ).all({ plan: planId }) as { row_id: string; field: string | null; entity: SyncEntity }[];
  const out: Conflict[] = [];
  const done = new Set<string>();
  for (const cand of cands) {
    const heads = headsOfRow(store, cand.row_id);
    for (const field of cand.field === null ? [...heads.keys()] : [cand.field]) {
      const c = { row_id: cand.row_id, field, entity: cand.entity };
      if (done.has(`${c.row_id}/${c.field}`)) continue;
      done.add(`${c.row_id}/${c.field}`);
      if (follows(c.entity, c.field)) continue;
      const hs = heads.get(c.field) ?? [];
      if (new Set(hs.map((h) => canon(h.value))).size < 2) continue;
      const shown = winner(hs);
      const versions = [shown, ...hs.filter((h) => h !== shown)].map((h) => {
        const v = version(h);
        const f = FOLLOWS[c.entity];
        if (f && f.lead === c.field)
          v.with = Object.fromEntries(
            f.fields.map((x) => [x, companion(store, c.row_id, c.field, x, heads.get(x), h)]),
          );
        return v;
      });
      out.push({
        id: `${c.row_id}/${c.field}`,
        entity: c.entity,
        rowId: c.row_id,
        field: c.field,
        label: rowLabel(store, c.entity, c.row_id),
        base: commonBase(store, hs, c.field),
        versions,
      });
    }
  }
  return out.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : a.field < b.field ? -1 : 1));
}

/**
 * The value a companion field had with head `h` of `lead`: the latest value that device wrote for it
 * before its next change of `lead` (a write emits a row's fields in one run of sequence numbers);
 * otherwise the value shown.
 */
function companion(
  store: Store,
  rowId: string,
  lead: string,
  field: string,
  hs: readonly Head[] | undefined,
  h: Head,
): unknown {
  const seq = Number(h.opId.slice(h.opId.lastIndexOf(':') + 1));
  const next = prepare(
    store.sqlite,
    'SELECT min(seq) FROM sync_ops WHERE row_id = ? AND field = ? AND device = ? AND seq > ?',
  )
    .pluck()
    .get(rowId, lead, h.device, seq) as number | null;
  const r = prepare(
    store.sqlite,
    "SELECT field, value_json FROM sync_ops WHERE row_id = ? AND field IN (?, ?) AND device = ? AND seq < ? AND status = 'applied' ORDER BY seq DESC LIMIT 1",
  ).get(rowId, field, CREATE, h.device, next ?? Number.MAX_SAFE_INTEGER) as
    { field: string; value_json: string } | undefined;
  if (r) {
    const v = JSON.parse(r.value_json) as unknown;
    return r.field === CREATE ? ((v as Record<string, unknown>)[field] ?? null) : v;
  }
  return hs && hs.length > 0 ? winner(hs).value : null;
}

/** The nearest op every head descends from (walking parents), for the "common base" in the conflict view. */
function commonBase(store: Store, heads: Head[], field: string): Version | null {
  const getOp = prepare(store.sqlite, 'SELECT * FROM sync_ops WHERE op_id = ?');
  const ancestors = (id: string): Set<string> => {
    const seen = new Set<string>();
    const stack = [id];
    while (stack.length && seen.size < 10_000) {
      const r = getOp.get(stack.pop()!) as OpRow | undefined;
      if (!r) continue;
      for (const p of JSON.parse(r.parents_json) as string[]) {
        if (seen.has(p)) continue;
        seen.add(p);
        stack.push(p);
      }
    }
    return seen;
  };
  const sets = heads.map((h) => ancestors(h.opId));
  const common = [...sets[0]!].filter((id) => sets.every((s) => s.has(id)));
  let best: OpRow | null = null;
  for (const id of common) {
    const r = getOp.get(id) as OpRow | undefined;
    if (r && (!best || r.hlc > best.hlc)) best = r;
  }
  if (!best) return null;
  const op = rowToOp(best);
  const value = op.field === CREATE ? ((op.value as Record<string, unknown>)[field] ?? null) : op.value;
  return { opId: op.id, value, person: op.person, at: hlcDate(op.hlc), device: op.device };
}

/** Resolves a conflict: a new op whose parents are every head, keeping one version or a combined value. */
export function resolveConflict(
  store: Store,
  planId: string,
  conflictId: string,
  choice: { keep: string } | { value: unknown },
  person: string,
): void {
  const run = () => {
    const c = listConflicts(store, planId).find((x) => x.id === conflictId);
    if (!c)
      throw new DomainError(
        'not_found',
        'That conflict was not found. It may have been resolved already; reload and try again.',
      );
    let value: unknown;
    if ('keep' in choice) {
      const v = c.versions.find((x) => x.opId === choice.keep);
      if (!v)
        throw new DomainError(
          'invalid_input',
          `That version is not one of the ${c.versions.length} versions of this field.`,
        );
      value = v.value;
    } else value = choice.value;
    if (c.field === 'orderKey' && (typeof value !== 'string' || !isOrderKey(value)))
      throw new DomainError(
        'invalid_input',
        'A place in the list can only be one of the versions shown: keep one of them.',
      );
    const at = store.now().toISOString();
    const e = emitter(store, at);
    e.emit(
      planId,
      c.entity,
      c.rowId,
      c.field,
      value,
      c.versions.map((v) => v.opId),
      person,
    );
    const rows = new Map<string, Touched>();
    touch(rows, { rowId: c.rowId, entity: c.entity, planId, field: c.field });
    // The fields that travel with this one are settled with it: the kept version's, or (a new value) the
    // person resolving, now.
    const f = FOLLOWS[c.entity];
    if (f && f.lead === c.field) {
      const heads = headsOfRow(store, c.rowId, new Set(f.fields));
      const kept = 'keep' in choice ? c.versions.find((x) => x.opId === choice.keep) : undefined;
      const fresh: Record<string, unknown> = { ratedBy: person, ratedAt: at };
      for (const x of f.fields) {
        const hs = heads.get(x) ?? [];
        const v = kept?.with ? (kept.with[x] ?? null) : (fresh[x] ?? null);
        if (hs.length === 1 && canon(hs[0]!.value) === canon(v)) continue;
        e.emit(
          planId,
          c.entity,
          c.rowId,
          x,
          v,
          hs.map((h) => h.opId),
          person,
        );
        touch(rows, { rowId: c.rowId, entity: c.entity, planId, field: x });
      }
    }
    settle(store, rows, at, person);
  };
  if (store.sqlite.inTransaction) run();
  else store.sqlite.transaction(run).immediate();
}

// ---------------------------------------------------------------- held-back ops

export interface HeldOp extends HeldReport {
  state: 'waiting' | 'held' | 'accepted' | 'rejected';
  heldAt: string;
  fromPerson: string | null;
  label: string;
}

export function listHeld(store: Store, planId: string, opts: { all?: boolean } = {}): HeldOp[] {
  const rows = prepare(
    store.sqlite,
    `SELECT h.id AS hid, h.reason, h.state, h.held_at, h.from_person, o.* FROM sync_held h JOIN sync_ops o ON o.op_id = h.op_id WHERE h.plan_id = ?${opts.all ? '' : " AND h.state IN ('held', 'waiting')"} ORDER BY h.held_at, o.op_id`,
  ).all(planId) as (OpRow & {
    hid: string;
    reason: string;
    state: HeldOp['state'];
    held_at: string;
    from_person: string | null;
  })[];
  return rows.map((r) => {
    const op = rowToOp(r);
    return {
      id: r.hid,
      opId: op.id,
      reason: r.reason,
      entity: op.entity,
      rowId: op.rowId,
      field: op.field,
      person: op.person,
      value: op.value,
      state: r.state,
      heldAt: r.held_at,
      fromPerson: r.from_person,
      label: rowLabel(store, op.entity, op.rowId),
    };
  });
}

function decide(store: Store, heldId: string, person: string, accept: boolean): void {
  const run = () => {
    const h = prepare(
      store.sqlite,
      'SELECT h.*, o.status FROM sync_held h JOIN sync_ops o ON o.op_id = h.op_id WHERE h.id = ?',
    ).get(heldId) as { op_id: string; plan_id: string; state: string } | undefined;
    if (!h) throw new DomainError('not_found', 'That held-back change was not found. Reload and try again.');
    if (h.state === 'accepted' || h.state === 'rejected')
      throw new DomainError('conflict', `That change has already been ${h.state}.`);
    const at = store.now().toISOString();
    prepare(store.sqlite, 'UPDATE sync_held SET state = ?, decided_by = ?, decided_at = ? WHERE id = ?').run(
      accept ? 'accepted' : 'rejected',
      person,
      at,
      heldId,
    );
    const op = rowToOp(prepare(store.sqlite, 'SELECT * FROM sync_ops WHERE op_id = ?').get(h.op_id) as OpRow);
    if (accept) {
      prepare(store.sqlite, "UPDATE sync_ops SET status = 'applied' WHERE op_id = ?").run(op.id);
      applyToRegisters(store, op);
      const rows = new Map<string, Touched>();
      touch(rows, op);
      settle(store, rows, at, person);
      return;
    }
    prepare(store.sqlite, "UPDATE sync_ops SET status = 'rejected' WHERE op_id = ?").run(op.id);
    // Rejected: the owner's value is re-published as an op that has seen the lead's, so the lead's copy
    // falls back to it too (and the rejection is never lost: the op stays, marked rejected).
    if (op.field === CREATE || op.field === PURGE) return;
    const heads = headsOfRow(store, op.rowId).get(op.field) ?? [];
    if (heads.length === 0) return;
    emitter(store, at).emit(
      op.planId,
      op.entity,
      op.rowId,
      op.field,
      winner(heads).value,
      [...heads.map((x) => x.opId), op.id],
      person,
    );
  };
  if (store.sqlite.inTransaction) run();
  else store.sqlite.transaction(run).immediate();
}

export const acceptHeld = (store: Store, heldId: string, person: string): void => decide(store, heldId, person, true);
export const rejectHeld = (store: Store, heldId: string, person: string): void => decide(store, heldId, person, false);

/** Rows still waiting for something to arrive. */
export function pendingRows(store: Store, planId: string): { rowId: string; entity: string; reason: string }[] {
  return (
    prepare(store.sqlite, 'SELECT row_id, entity, reason FROM sync_pending WHERE plan_id = ? ORDER BY row_id').all(
      planId,
    ) as { row_id: string; entity: string; reason: string }[]
  ).map((r) => ({
    rowId: r.row_id,
    entity: r.entity,
    reason: r.reason,
  }));
}

export { planSync };
