/** The audit log, newest first: for one entity, or for a whole plan. */
import type { AuditEntry } from '../../shared/model';
import { toAudit } from '../rows';
import type * as S from '../schema';
import { prepare } from '../sql';
import type { Store } from '../store';

export function entityHistory(store: Store, entityId: string, limit: number): AuditEntry[] {
  return (
    prepare(store.sqlite, 'SELECT * FROM audit_log WHERE entity_id = ? ORDER BY at DESC, rowid DESC LIMIT ?').all(
      entityId,
      limit,
    ) as S.AuditLogTable[]
  ).map(toAudit);
}

export function planHistory(store: Store, planId: string, limit: number): AuditEntry[] {
  return (
    prepare(store.sqlite, 'SELECT * FROM audit_log WHERE plan_id = ? ORDER BY at DESC, rowid DESC LIMIT ?').all(
      planId,
      limit,
    ) as S.AuditLogTable[]
  ).map(toAudit);
}
