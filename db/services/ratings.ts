/** Ratings: one per action and reporting period; level null = not rated (never 0). */
import type { ParsedInputOf } from '../../shared/contract';
import type { Rating } from '../../shared/model';
import { DomainError } from '../../shared/result';
import { toRating } from '../rows';
import type * as S from '../schema';
import { audit, prepare, write } from '../sql';
import { ratingId } from '../ids';
import { insertRow } from '../tables';
import type { Store } from '../store';
import { levelRow, liveAction, livePeriod } from './common';

const levelLabel = (store: Store, id: string | null) =>
  id === null ? 'Not rated' : (levelRow(store, id)?.label ?? id);

/** Sets (or clears) an action's rating in a period. Refused in a locked period. Returns null when nothing is recorded. */
export function setRating(store: Store, input: ParsedInputOf<'ratings:set'>, actor: string): Rating | null {
  return write(store, actor, (w) => {
    const action = liveAction(store, input.actionId);
    const period = livePeriod(store, input.periodId);
    if (period.plan_id !== action.plan_id)
      throw new DomainError('not_found', 'That reporting period belongs to another plan.');
    if (period.locked === 1)
      throw new DomainError(
        'locked',
        `The period "${period.label}" is locked, so its ratings cannot change. Unlock it first.`,
      );
    if (input.levelId !== null) {
      const level = levelRow(store, input.levelId);
      if (!level || level.deleted_at !== null || level.plan_id !== action.plan_id)
        throw new DomainError('not_found', "That rating level is not part of this plan's scale.");
    }
    const existing = prepare(store.sqlite, 'SELECT * FROM ratings WHERE action_id = ? AND period_id = ?').get(
      action.id,
      period.id,
    ) as S.RatingsTable | undefined;
    if (!existing) {
      if (input.levelId === null && input.explanation === '' && input.correctiveAction === '') return null;
      const id = ratingId(action.id, period.id);
      insertRow(store, 'ratings', {
        id,
        plan_id: action.plan_id,
        action_id: action.id,
        period_id: period.id,
        level_id: input.levelId,
        explanation: input.explanation,
        corrective_action: input.correctiveAction,
        rated_by: w.actor,
        rated_at: w.at,
        updated_at: w.at,
      });
      audit(
        w,
        action.plan_id,
        'rating',
        id,
        'create',
        'level',
        null,
        `${levelLabel(store, input.levelId)} (${period.label})`,
      );
      if (input.explanation) audit(w, action.plan_id, 'rating', id, 'update', 'explanation', '', input.explanation);
      if (input.correctiveAction)
        audit(w, action.plan_id, 'rating', id, 'update', 'correctiveAction', '', input.correctiveAction);
      return toRating(prepare(store.sqlite, 'SELECT * FROM ratings WHERE id = ?').get(id) as S.RatingsTable);
    }
    let changed = false;
    if (existing.level_id !== input.levelId) {
      audit(
        w,
        action.plan_id,
        'rating',
        existing.id,
        'update',
        'level',
        levelLabel(store, existing.level_id),
        levelLabel(store, input.levelId),
      );
      changed = true;
    }
    if (existing.explanation !== input.explanation) {
      audit(w, action.plan_id, 'rating', existing.id, 'update', 'explanation', existing.explanation, input.explanation);
      changed = true;
    }
    if (existing.corrective_action !== input.correctiveAction) {
      audit(
        w,
        action.plan_id,
        'rating',
        existing.id,
        'update',
        'correctiveAction',
        existing.corrective_action,
        input.correctiveAction,
      );
      changed = true;
    }
    if (changed)
      prepare(
        store.sqlite,
        'UPDATE ratings SET level_id = ?, explanation = ?, corrective_action = ?, rated_by = ?, rated_at = ?, updated_at = ? WHERE id = ?',
      ).run(input.levelId, input.explanation, input.correctiveAction, w.actor, w.at, w.at, existing.id);
    return toRating(prepare(store.sqlite, 'SELECT * FROM ratings WHERE id = ?').get(existing.id) as S.RatingsTable);
  });
}
