/**
 * Shared pieces of the service layer: single-row readers, live-parent checks, positions and the
 * automatic numbering of sections ("1", "2" ...) and actions ("3.1", "3.2" ...).
 */
import { randomBytes } from 'node:crypto';
import type { Action, Plan } from '../../shared/model';
import { DIGITS, keysAfter, mintKey, rekey } from '../../shared/sync/order';
import { DomainError } from '../../shared/result';
import { toAction, toLead, toPlan } from '../rows';
import type * as S from '../schema';
import { all, audit, first, mustLive, prepare, type WriteCtx } from '../sql';
import type { Store } from '../store';

export const planRow = (store: Store, id: string) =>
  first(store, store.db.selectFrom('plans').selectAll().where('id', '=', id));
export const sectionRow = (store: Store, id: string) =>
  first(store, store.db.selectFrom('sections').selectAll().where('id', '=', id));
export const objectiveRow = (store: Store, id: string) =>
  first(store, store.db.selectFrom('objectives').selectAll().where('id', '=', id));
export const actionRow = (store: Store, id: string) =>
  first(store, store.db.selectFrom('actions').selectAll().where('id', '=', id));
export const periodRow = (store: Store, id: string) =>
  first(store, store.db.selectFrom('reporting_periods').selectAll().where('id', '=', id));
export const levelRow = (store: Store, id: string) =>
  first(store, store.db.selectFrom('rating_levels').selectAll().where('id', '=', id));
export const recommendationRow = (store: Store, id: string) =>
  first(store, store.db.selectFrom('recommendations').selectAll().where('id', '=', id));
export const progressRow = (store: Store, id: string) =>
  first(store, store.db.selectFrom('progress_updates').selectAll().where('id', '=', id));
export const personRow = (store: Store, id: string) =>
  first(store, store.db.selectFrom('people').selectAll().where('id', '=', id));
export const indicatorRow = (store: Store, id: string) =>
  first(store, store.db.selectFrom('indicators').selectAll().where('id', '=', id));

/** A live (not deleted) plan row, or not_found. */
export const livePlan = (store: Store, id: string) => mustLive(planRow(store, id), 'That plan');
/** A live section whose plan is live too. */
export function liveSection(store: Store, id: string): S.SectionsTable {
  const s = mustLive(sectionRow(store, id), 'That section');
  livePlan(store, s.plan_id);
  return s;
}
export function liveObjective(store: Store, id: string): S.ObjectivesTable {
  const o = mustLive(objectiveRow(store, id), 'That objective');
  liveSection(store, o.section_id);
  return o;
}
export function liveAction(store: Store, id: string): Omit<S.ActionsTable, 'rid'> {
  const a = mustLive(actionRow(store, id), 'That action');
  liveSection(store, a.section_id);
  return a;
}
export function livePeriod(store: Store, id: string): S.ReportingPeriodsTable {
  const p = mustLive(periodRow(store, id), 'That reporting period');
  livePlan(store, p.plan_id);
  return p;
}

export const loadPlan = (store: Store, id: string): Plan =>
  toPlan(mustLive(planRow(store, id), 'That plan') as S.PlansTable);
export const loadPlanAny = (store: Store, id: string): Plan => {
  const r = planRow(store, id);
  if (!r) throw new DomainError('not_found', 'That plan was not found.');
  return toPlan(r);
};

/** One action with its live leads and live recommendation links. */
export function loadAction(store: Store, id: string): Action {
  const r = actionRow(store, id);
  if (!r) throw new DomainError('not_found', 'That action was not found.');
  const leads = prepare(
    store.sqlite,
    'SELECT id, action_id, position, name, person_id, role FROM action_leads WHERE action_id = ? AND deleted_at IS NULL ORDER BY position',
  ).all(id) as S.ActionLeadsTable[];
  const recs = prepare(
    store.sqlite,
    'SELECT ar.recommendation_id FROM action_recommendations ar JOIN recommendations r ON r.id = ar.recommendation_id WHERE ar.action_id = ? AND ar.deleted_at IS NULL AND r.deleted_at IS NULL ORDER BY r.position',
  )
    .pluck()
    .all(id) as string[];
  return toAction(r, leads.map(toLead), recs);
}

type Positioned =
  'sections' | 'objectives' | 'actions' | 'reporting_periods' | 'recommendations' | 'indicators' | 'rating_levels';
type ParentCol = 'plan_id' | 'section_id';

/**
 * The position for a new row under `parentId`: after `afterId`, first when `afterId` is null, last when
 * undefined. Rows after the slot move down one (their updated_at bumps).
 */
export function placeAfter(
  w: WriteCtx,
  table: Positioned,
  parentCol: ParentCol,
  parentId: string,
  afterId: string | null | undefined,
): number {
  const sqlite = w.store.sqlite;
  if (afterId === undefined) {
    const max = prepare(sqlite, `SELECT max(position) FROM ${table} WHERE ${parentCol} = ?`).pluck().get(parentId) as
      number | null;
    return max === null ? 0 : max + 1;
  }
  let slot = 0;
  if (afterId !== null) {
    const after = prepare(sqlite, `SELECT position, deleted_at, ${parentCol} AS parent FROM ${table} WHERE id = ?`).get(
      afterId,
    ) as { position: number; deleted_at: string | null; parent: string } | undefined;
    if (!after || after.deleted_at !== null || after.parent !== parentId)
      throw new DomainError(
        'not_found',
        'The item to insert after was not found in the same place. Reload and try again.',
      );
    slot = after.position + 1;
  }
  prepare(
    sqlite,
    `UPDATE ${table} SET position = position + 1, updated_at = ? WHERE ${parentCol} = ? AND position >= ?`,
  ).run(w.at, parentId, slot);
  return slot;
}

/**
 * Reorders the live children of `parentId` to `orderedIds` (which must list exactly those children).
 * Writes a 'move' audit row per row whose position changed. Returns nothing; callers re-read.
 */
export function reorderChildren(
  w: WriteCtx,
  table: Positioned,
  parentCol: ParentCol,
  parentId: string,
  orderedIds: readonly string[],
  entity: 'section' | 'objective' | 'action' | 'period',
  planId: string,
): void {
  const rows = prepare(
    w.store.sqlite,
    `SELECT id, position FROM ${table} WHERE ${parentCol} = ? AND deleted_at IS NULL`,
  ).all(parentId) as { id: string; position: number }[];
  const current = new Map(rows.map((r) => [r.id, r.position]));
  const unique = new Set(orderedIds);
  if (unique.size !== orderedIds.length)
    throw new DomainError('invalid_input', 'The new order lists the same item twice.');
  if (unique.size !== current.size || orderedIds.some((id) => !current.has(id)))
    throw new DomainError(
      'conflict',
      'The list has changed since it was shown (items were added or removed). Reload and try again.',
    );
  const update = prepare(w.store.sqlite, `UPDATE ${table} SET position = ?, updated_at = ? WHERE id = ?`);
  orderedIds.forEach((id, index) => {
    const old = current.get(id);
    if (old === index) return;
    update.run(index, w.at, id);
    audit(w, planId, entity, id, 'move', 'position', old, index);
  });
}

export type Keyed = 'sections' | 'objectives' | 'actions';
export const KEYED_PARENT = { sections: 'plan_id', objectives: 'section_id', actions: 'section_id' } as const;

const initialKeys: string[] = [];
/** The order key of the i-th row of a list written at once (an import, a copied plan): increasing in i. */
export function keyForIndex(i: number): string {
  if (i >= initialKeys.length) initialKeys.push(...keysAfter(initialKeys.at(-1) ?? null, i + 1 - initialKeys.length));
  return initialKeys[i]!;
}

/** Three random key digits (not ending in the zero digit): two copies inserting at one place differ. */
export function keyJitter(): string {
  const b = randomBytes(3);
  return DIGITS[b[0]! % 62]! + DIGITS[b[1]! % 62]! + DIGITS[1 + (b[2]! % 61)]!;
}

/** The rows under a parent (tombstoned ones too: they keep their slot) in order: by (order_key, id). */
function keyedSiblings(w: WriteCtx, table: Keyed, parentId: string): { id: string; key: string; gone: number }[] {
  return prepare(
    w.store.sqlite,
    `SELECT id, order_key AS key, deleted_at IS NOT NULL AS gone FROM ${table} WHERE ${KEYED_PARENT[table]} = ? ORDER BY order_key, id`,
  ).all(parentId) as { id: string; key: string; gone: number }[];
}

/**
 * The order key for a new (or moved) row under `parentId`: after `afterId`, first when null, last when
 * undefined. Minted between its neighbours' keys: no sibling is rewritten (issue 10). `exclude` leaves
 * a row out of the siblings (the row being moved). Call `resequence` after writing it.
 */
export function keyAfter(
  w: WriteCtx,
  table: Keyed,
  parentId: string,
  afterId: string | null | undefined,
  exclude?: string,
): string {
  const rows = keyedSiblings(w, table, parentId).filter((r) => r.id !== exclude);
  let i: number; // the new row goes before rows[i]
  if (afterId === undefined) i = rows.length;
  else if (afterId === null) i = 0;
  else {
    i = rows.findIndex((r) => r.id === afterId && !r.gone) + 1;
    if (i === 0)
      throw new DomainError(
        'not_found',
        'The item to insert after was not found in the same place. Reload and try again.',
      );
  }
  return keyAt(rows, i);
}

/** The key for a row placed before `rows[i]` (rows in order; i = rows.length: last). */
function keyAt(rows: readonly { key: string }[], i: number): string {
  const a = i > 0 ? rows[i - 1]!.key : null;
  const b = i < rows.length ? rows[i]!.key : null;
  const above = a === null ? null : (rows.slice(i).find((r) => r.key > a)?.key ?? null);
  return mintKey(a, b, keyJitter(), above);
}

/** The key for a row moved to `index` among the live rows under `parentId` other than itself. */
export function keyAtLiveIndex(w: WriteCtx, table: Keyed, parentId: string, index: number, self: string): string {
  const rows = keyedSiblings(w, table, parentId).filter((r) => r.id !== self);
  // Before the index-th live row (tombstoned rows in between stay where they are), or after the last row.
  let seen = 0;
  let i = rows.length;
  for (let j = 0; j < rows.length; j++)
    if (!rows[j]!.gone && seen++ === index) {
      i = j;
      break;
    }
  return keyAt(rows, i);
}

/**
 * Recomputes the derived `position` of the rows under `parentId` as their rank by (order_key, id); only
 * rows whose rank changed are written, and nothing else (not updated_at: a derived field is not a change).
 */
export function resequence(w: { store: Store }, table: Keyed, parentId: string): void {
  prepare(
    w.store.sqlite,
    `WITH r AS (SELECT id, ROW_NUMBER() OVER (ORDER BY order_key, id) - 1 AS n FROM ${table} WHERE ${KEYED_PARENT[table]} = ?)
UPDATE ${table} SET position = r.n FROM r WHERE ${table}.id = r.id AND ${table}.position <> r.n`,
  ).run(parentId);
}

/** `resequence` for every parent of a plan (after a sync merge). */
export function resequencePlan(store: Store, planId: string): void {
  for (const table of ['sections', 'objectives', 'actions'] as const)
    prepare(
      store.sqlite,
      `WITH r AS (SELECT id, ROW_NUMBER() OVER (PARTITION BY ${KEYED_PARENT[table]} ORDER BY order_key, id) - 1 AS n FROM ${table} WHERE plan_id = ?)
UPDATE ${table} SET position = r.n FROM r WHERE ${table}.id = r.id AND ${table}.position <> r.n`,
    ).run(planId);
}

/**
 * Reorders the live rows under `parentId` to `orderedIds` (exactly those rows) by their order keys: the
 * rows whose keys already run in the new order keep them, the others get keys minted between their new
 * neighbours (a drag of one row rewrites that row's key only). Audits a 'move' per row whose rank changed.
 */
export function reorderKeyed(
  w: WriteCtx,
  table: Keyed,
  parentId: string,
  orderedIds: readonly string[],
  entity: 'section' | 'objective' | 'action',
  planId: string,
): void {
  const rows = prepare(
    w.store.sqlite,
    `SELECT id, order_key AS key, position FROM ${table} WHERE ${KEYED_PARENT[table]} = ? AND deleted_at IS NULL ORDER BY order_key, id`,
  ).all(parentId) as { id: string; key: string; position: number }[];
  const current = new Map(rows.map((r, i) => [r.id, { ...r, rank: i }]));
  const unique = new Set(orderedIds);
  if (unique.size !== orderedIds.length)
    throw new DomainError('invalid_input', 'The new order lists the same item twice.');
  if (unique.size !== current.size || orderedIds.some((id) => !current.has(id)))
    throw new DomainError(
      'conflict',
      'The list has changed since it was shown (items were added or removed). Reload and try again.',
    );
  const keys = rekey(
    orderedIds.map((id) => current.get(id)!.key),
    keyJitter,
  );
  const update = prepare(w.store.sqlite, `UPDATE ${table} SET order_key = ?, updated_at = ? WHERE id = ?`);
  orderedIds.forEach((id, index) => {
    const old = current.get(id)!;
    if (keys[index] !== old.key) update.run(keys[index], w.at, id);
    // A changed key is always audited: the audit marks the plan changed, so the sync log records it.
    if (old.rank !== index || keys[index] !== old.key)
      audit(w, planId, entity, id, 'move', 'position', old.rank, index);
  });
  resequence(w, table, parentId);
}

/** The leading token of a section number: "7 (14)" -> "7". */
function numberPrefix(number: string, fallback: string): string {
  return number.trim().split(/\s+/)[0] || fallback;
}

/**
 * Numbers live sections 1..n in order and their live actions "<section>.<n>", leaving manual numbers
 * and references alone (unless `resetManual`). Positions are not touched (a tombstoned row keeps its
 * slot, so restoring it puts it back where it was). Audits each changed number.
 */
export function renumberPlan(w: WriteCtx, planId: string, resetManual = false): void {
  const sqlite = w.store.sqlite;
  const sections = all(
    w.store,
    w.store.db
      .selectFrom('sections')
      .selectAll()
      .where('plan_id', '=', planId)
      .where('deleted_at', 'is', null)
      .orderBy('position')
      .orderBy('id'),
  );
  const updSection = prepare(sqlite, 'UPDATE sections SET number = ?, number_manual = ?, updated_at = ? WHERE id = ?');
  const prefixes = new Map<string, string>();
  sections.forEach((s, i) => {
    const manual = s.number_manual === 1 && !resetManual;
    const number = manual ? s.number : String(i + 1);
    prefixes.set(s.id, numberPrefix(number, String(i + 1)));
    if (s.number === number && s.number_manual === (manual ? 1 : 0)) return;
    updSection.run(number, manual ? 1 : 0, w.at, s.id);
    if (s.number !== number) audit(w, planId, 'section', s.id, 'update', 'number', s.number, number);
  });
  const actions = prepare(
    sqlite,
    'SELECT id, section_id, position, reference, reference_manual FROM actions WHERE plan_id = ? AND deleted_at IS NULL ORDER BY section_id, position, rid',
  ).all(planId) as {
    id: string;
    section_id: string;
    position: number;
    reference: string;
    reference_manual: number;
  }[];
  const updAction = prepare(
    sqlite,
    'UPDATE actions SET reference = ?, reference_manual = ?, updated_at = ? WHERE id = ?',
  );
  let section = '';
  let n = 0;
  for (const a of actions) {
    if (a.section_id !== section) {
      section = a.section_id;
      n = 0;
    }
    const prefix = prefixes.get(a.section_id);
    if (prefix === undefined) continue; // under a deleted section
    const manual = a.reference_manual === 1 && !resetManual;
    const reference = manual ? a.reference : `${prefix}.${n + 1}`;
    if (a.reference !== reference || a.reference_manual !== (manual ? 1 : 0)) {
      updAction.run(reference, manual ? 1 : 0, w.at, a.id);
      if (a.reference !== reference) audit(w, planId, 'action', a.id, 'update', 'reference', a.reference, reference);
    }
    n++;
  }
}
