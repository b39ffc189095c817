/** The audit log, newest first: for one entity, or for a whole plan (filtered by person and period, paged). */
import type { AuditEntry } from '../../shared/model';
import { DomainError } from '../../shared/result';
import { toAudit } from '../rows';
import type * as S from '../schema';
import { prepare } from '../sql';
import type { Store } from '../store';
import { livePeriod, loadPlanAny } from './common';

export function entityHistory(store: Store, entityId: string, limit: number): AuditEntry[] {
  return (
    prepare(store.sqlite, 'SELECT * FROM audit_log WHERE entity_id = ? ORDER BY at DESC, rowid DESC LIMIT ?').all(
      entityId,
      limit,
    ) as S.AuditLogTable[]
  ).map(toAudit);
}

export interface PlanHistoryQuery {
  planId: string;
  limit: number;
  /** Only changes made by this person (the audit log's actor name, exactly). */
  person?: string | undefined;
  /**
   * Only changes "in" this reporting period: made between its start and end dates (inclusive), or made to
   * its ratings and progress updates whenever they were made.
   */
  periodId?: string | undefined;
  /** Paging: only entries older than this entry (its id, the last one of the previous page). */
  before?: string | undefined;
}

export function planHistory(store: Store, q: PlanHistoryQuery): AuditEntry[] {
  loadPlanAny(store, q.planId);
  const where = ['a.plan_id = ?'];
  const args: unknown[] = [q.planId];
  if (q.person !== undefined) {
    where.push('a.actor = ?');
    args.push(q.person);
  }
  if (q.periodId !== undefined) {
    const p = livePeriod(store, q.periodId);
    if (p.plan_id !== q.planId) throw new DomainError('not_found', 'That reporting period is not in this plan.');
    const inPeriod = [
      'a.entity_id IN (SELECT id FROM ratings WHERE period_id = ?)',
      'a.entity_id IN (SELECT id FROM progress_updates WHERE period_id = ?)',
    ];
    args.push(p.id, p.id);
    if (p.start_date !== null || p.end_date !== null) {
      // Dates are whole days: a change made at any time on the end date is inside the period.
      inPeriod.push('(substr(a.at, 1, 10) >= ? AND substr(a.at, 1, 10) <= ?)');
      args.push(p.start_date ?? '0000-01-01', p.end_date ?? '9999-12-31');
    }
    where.push(`(${inPeriod.join(' OR ')})`);
  }
  if (q.before !== undefined) {
    const cursor = prepare(store.sqlite, 'SELECT at, rowid AS r FROM audit_log WHERE id = ? AND plan_id = ?').get(
      q.before,
      q.planId,
    ) as { at: string; r: number } | undefined;
    if (!cursor)
      throw new DomainError('not_found', 'The history could not carry on from that entry. Reload the history.');
    where.push('(a.at < ? OR (a.at = ? AND a.rowid < ?))');
    args.push(cursor.at, cursor.at, cursor.r);
  }
  args.push(q.limit);
  const sql = `SELECT a.* FROM audit_log a WHERE ${where.join(' AND ')} ORDER BY a.at DESC, a.rowid DESC LIMIT ?`;
  return (prepare(store.sqlite, sql).all(...args) as S.AuditLogTable[]).map(toAudit);
}

/** Everyone who has changed the plan, by name, for the history screen's person filter. */
export function planHistoryActors(store: Store, planId: string): string[] {
  loadPlanAny(store, planId);
  return prepare(store.sqlite, 'SELECT DISTINCT actor FROM audit_log WHERE plan_id = ? ORDER BY actor COLLATE NOCASE')
    .pluck()
    .all(planId) as string[];
}
