/** Progress updates per action and period: never overwritten silently (edits audit the old text). */
import type { ParsedInputOf } from '../../shared/contract';
import type { ProgressUpdate } from '../../shared/model';
import { DomainError } from '../../shared/result';
import { toProgress, type ProgressRow } from '../rows';
import type * as S from '../schema';
import { audit, must, mustLive, newId, prepare, write } from '../sql';
import { insertRow } from '../tables';
import type { Store } from '../store';
import { liveAction, livePeriod, progressRow } from './common';

const load = (store: Store, id: string): ProgressUpdate => toProgress(progressRow(store, id)!);

function refuseLocked(period: S.ReportingPeriodsTable): void {
  if (period.locked === 1)
    throw new DomainError(
      'locked',
      `The period "${period.label}" is locked, so its progress updates cannot change. Unlock it first.`,
    );
}

export function addProgress(store: Store, input: ParsedInputOf<'progress:add'>, actor: string): ProgressUpdate {
  return write(store, actor, (w) => {
    const action = liveAction(store, input.actionId);
    const period = livePeriod(store, input.periodId);
    if (period.plan_id !== action.plan_id)
      throw new DomainError('not_found', 'That reporting period belongs to another plan.');
    refuseLocked(period);
    if (input.body.trim() === '') throw new DomainError('invalid_input', 'A progress update needs some text.');
    const id = newId();
    insertRow(store, 'progress_updates', {
      id,
      plan_id: action.plan_id,
      action_id: action.id,
      period_id: period.id,
      body: input.body,
      author: w.actor,
      internal: input.internal ? 1 : 0,
      created_at: w.at,
      updated_at: w.at,
      deleted_at: null,
    });
    audit(w, action.plan_id, 'progress', id, 'create', 'body', null, input.body);
    return load(store, id);
  });
}

/** The progress row, its action live and its period live and unlocked. */
function editable(store: Store, id: string, row: ProgressRow | undefined = progressRow(store, id)) {
  const p = must(row, 'That progress update');
  liveAction(store, p.action_id);
  refuseLocked(livePeriod(store, p.period_id));
  return p;
}

export function updateProgress(store: Store, input: ParsedInputOf<'progress:update'>, actor: string): ProgressUpdate {
  return write(store, actor, (w) => {
    const p = editable(store, input.progressId, mustLive(progressRow(store, input.progressId), 'That progress update'));
    const body = input.patch.body ?? p.body;
    const internal = input.patch.internal ?? p.internal === 1;
    if (body.trim() === '')
      throw new DomainError('invalid_input', 'A progress update needs some text. Delete it instead.');
    let changed = false;
    if (body !== p.body) {
      audit(w, p.plan_id, 'progress', p.id, 'update', 'body', p.body, body);
      changed = true;
    }
    if (internal !== (p.internal === 1)) {
      audit(w, p.plan_id, 'progress', p.id, 'update', 'internal', p.internal === 1, internal);
      changed = true;
    }
    if (changed)
      prepare(store.sqlite, 'UPDATE progress_updates SET body = ?, internal = ?, updated_at = ? WHERE id = ?').run(
        body,
        internal ? 1 : 0,
        w.at,
        p.id,
      );
    return load(store, p.id);
  });
}

export function deleteProgress(store: Store, progressId: string, actor: string): { ok: true } {
  return write(store, actor, (w) => {
    const p = editable(store, progressId, mustLive(progressRow(store, progressId), 'That progress update'));
    prepare(store.sqlite, 'UPDATE progress_updates SET deleted_at = ?, updated_at = ? WHERE id = ?').run(
      w.at,
      w.at,
      p.id,
    );
    audit(w, p.plan_id, 'progress', p.id, 'delete', 'body', p.body, null);
    return { ok: true as const };
  });
}

export function restoreProgress(store: Store, progressId: string, actor: string): ProgressUpdate {
  return write(store, actor, (w) => {
    const p = editable(store, progressId);
    if (p.deleted_at !== null) {
      prepare(store.sqlite, 'UPDATE progress_updates SET deleted_at = NULL, updated_at = ? WHERE id = ?').run(
        w.at,
        p.id,
      );
      audit(w, p.plan_id, 'progress', p.id, 'restore');
    }
    return load(store, p.id);
  });
}
