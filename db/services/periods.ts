/** Reporting periods: create, update, reorder, current/compare choice, lock, delete. */
import type { ParsedInputOf } from '../../shared/contract';
import type { Plan, ReportingPeriod } from '../../shared/model';
import { DomainError } from '../../shared/result';
import { toPeriod } from '../rows';
import { all, audit, auditChanges, must, newId, prepare, write } from '../sql';
import { insertRow } from '../tables';
import type { Store } from '../store';
import { livePeriod, livePlan, loadPlan, periodRow, placeAfter, reorderChildren } from './common';

export function listPeriods(store: Store, planId: string): ReportingPeriod[] {
  return all(
    store,
    store.db
      .selectFrom('reporting_periods')
      .selectAll()
      .where('plan_id', '=', planId)
      .where('deleted_at', 'is', null)
      .orderBy('position')
      .orderBy('id'),
  ).map(toPeriod);
}

const loadPeriod = (store: Store, id: string) => toPeriod(periodRow(store, id)!);

function checkDates(start: string | null, end: string | null): void {
  if (start && end && start > end)
    throw new DomainError('invalid_input', 'A reporting period cannot end before it starts.');
}

export function createPeriod(store: Store, input: ParsedInputOf<'periods:create'>, actor: string): ReportingPeriod {
  return write(store, actor, (w) => {
    livePlan(store, input.planId);
    checkDates(input.startDate, input.endDate);
    const clash = listPeriods(store, input.planId).find((p) => p.label.toLowerCase() === input.label.toLowerCase());
    if (clash) throw new DomainError('conflict', `This plan already has a reporting period called "${clash.label}".`);
    const id = newId();
    const position = placeAfter(w, 'reporting_periods', 'plan_id', input.planId, undefined);
    insertRow(store, 'reporting_periods', {
      id,
      plan_id: input.planId,
      position,
      label: input.label,
      start_date: input.startDate,
      end_date: input.endDate,
      locked: 0,
      locked_at: null,
      updated_at: w.at,
      deleted_at: null,
    });
    audit(w, input.planId, 'period', id, 'create', null, null, input.label);
    return loadPeriod(store, id);
  });
}

export function updatePeriod(store: Store, input: ParsedInputOf<'periods:update'>, actor: string): ReportingPeriod {
  return write(store, actor, (w) => {
    const row = livePeriod(store, input.periodId);
    const before = toPeriod(row);
    const next = { ...before, ...input.patch };
    checkDates(next.startDate, next.endDate);
    if (input.patch.label !== undefined) {
      const clash = listPeriods(store, row.plan_id).find(
        (p) => p.id !== row.id && p.label.toLowerCase() === input.patch.label!.toLowerCase(),
      );
      if (clash) throw new DomainError('conflict', `This plan already has a reporting period called "${clash.label}".`);
    }
    const changed = auditChanges(w, row.plan_id, 'period', row.id, before, input.patch);
    if (changed.length > 0)
      prepare(
        store.sqlite,
        'UPDATE reporting_periods SET label = ?, start_date = ?, end_date = ?, updated_at = ? WHERE id = ?',
      ).run(next.label, next.startDate, next.endDate, w.at, row.id);
    return loadPeriod(store, row.id);
  });
}

export function reorderPeriods(store: Store, planId: string, orderedIds: string[], actor: string): ReportingPeriod[] {
  return write(store, actor, (w) => {
    livePlan(store, planId);
    reorderChildren(w, 'reporting_periods', 'plan_id', planId, orderedIds, 'period', planId);
    return listPeriods(store, planId);
  });
}

export function setCurrentPeriod(store: Store, input: ParsedInputOf<'periods:setCurrent'>, actor: string): Plan {
  return write(store, actor, (w) => {
    const plan = livePlan(store, input.planId);
    for (const id of [input.currentPeriodId, input.comparePeriodId]) {
      if (id === null) continue;
      const p = livePeriod(store, id);
      if (p.plan_id !== input.planId)
        throw new DomainError('not_found', 'That reporting period belongs to another plan.');
    }
    if (input.currentPeriodId !== null && input.currentPeriodId === input.comparePeriodId)
      throw new DomainError('invalid_input', 'Choose a different period to compare with than the current one.');
    if (plan.current_period_id === input.currentPeriodId && plan.compare_period_id === input.comparePeriodId)
      return loadPlan(store, input.planId);
    if (plan.current_period_id !== input.currentPeriodId)
      audit(
        w,
        input.planId,
        'plan',
        input.planId,
        'update',
        'currentPeriodId',
        plan.current_period_id,
        input.currentPeriodId,
      );
    if (plan.compare_period_id !== input.comparePeriodId)
      audit(
        w,
        input.planId,
        'plan',
        input.planId,
        'update',
        'comparePeriodId',
        plan.compare_period_id,
        input.comparePeriodId,
      );
    prepare(
      store.sqlite,
      'UPDATE plans SET current_period_id = ?, compare_period_id = ?, updated_at = ? WHERE id = ?',
    ).run(input.currentPeriodId, input.comparePeriodId, w.at, input.planId);
    return loadPlan(store, input.planId);
  });
}

/** Locks (or unlocks) a period: a locked period refuses rating and progress writes. */
export function lockPeriod(store: Store, periodId: string, locked: boolean, actor: string): ReportingPeriod {
  return write(store, actor, (w) => {
    const row = livePeriod(store, periodId);
    if ((row.locked === 1) === locked) return toPeriod(row);
    prepare(store.sqlite, 'UPDATE reporting_periods SET locked = ?, locked_at = ?, updated_at = ? WHERE id = ?').run(
      locked ? 1 : 0,
      locked ? w.at : null,
      w.at,
      periodId,
    );
    audit(w, row.plan_id, 'period', periodId, 'update', 'locked', row.locked === 1, locked);
    return loadPeriod(store, periodId);
  });
}

/** Deletes a period (tombstone). A locked period must be unlocked first; current/compare are cleared. */
export function deletePeriod(store: Store, periodId: string, actor: string): { ok: true } {
  return write(store, actor, (w) => {
    const row = livePeriod(store, periodId);
    if (row.locked === 1)
      throw new DomainError('locked', `The period "${row.label}" is locked. Unlock it before deleting it.`);
    prepare(store.sqlite, 'UPDATE reporting_periods SET deleted_at = ?, updated_at = ? WHERE id = ?').run(
      w.at,
      w.at,
      periodId,
    );
    audit(w, row.plan_id, 'period', periodId, 'delete', null, row.label, null);
    const plan = livePlan(store, row.plan_id);
    if (plan.current_period_id === periodId || plan.compare_period_id === periodId) {
      const current = plan.current_period_id === periodId ? null : plan.current_period_id;
      const compare = plan.compare_period_id === periodId ? null : plan.compare_period_id;
      if (current !== plan.current_period_id)
        audit(w, plan.id, 'plan', plan.id, 'update', 'currentPeriodId', plan.current_period_id, null);
      if (compare !== plan.compare_period_id)
        audit(w, plan.id, 'plan', plan.id, 'update', 'comparePeriodId', plan.compare_period_id, null);
      prepare(
        store.sqlite,
        'UPDATE plans SET current_period_id = ?, compare_period_id = ?, updated_at = ? WHERE id = ?',
      ).run(current, compare, w.at, plan.id);
    }
    return { ok: true as const };
  });
}

/** Brings a deleted period back (undo of a delete), in its old place, unless a live period has its label. */
export function restorePeriod(store: Store, periodId: string, actor: string): ReportingPeriod {
  return write(store, actor, (w) => {
    const row = must(periodRow(store, periodId), 'That reporting period');
    livePlan(store, row.plan_id);
    if (row.deleted_at !== null) {
      const clash = listPeriods(store, row.plan_id).find((p) => p.label.toLowerCase() === row.label.toLowerCase());
      if (clash)
        throw new DomainError(
          'conflict',
          `This plan already has a reporting period called "${clash.label}", so "${row.label}" cannot come back. Rename one first.`,
        );
      prepare(store.sqlite, 'UPDATE reporting_periods SET deleted_at = NULL, updated_at = ? WHERE id = ?').run(
        w.at,
        periodId,
      );
      audit(w, row.plan_id, 'period', periodId, 'restore');
    }
    return loadPeriod(store, periodId);
  });
}
