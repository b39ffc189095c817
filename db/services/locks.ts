/**
 * The locked-period rule for INDIRECT changes (one home): a locked period's ratings, their levels and
 * its covering report cannot change through another door either: relabelling or revaluing a level its
 * ratings use, deleting one of its rated actions (directly, or with their section or objective).
 * Direct rating and progress writes check `period.locked` in their own services.
 */
import { DomainError } from '../../shared/result';
import { prepare } from '../sql';
import type { Store } from '../store';

/** The level fields that change what a recorded rating says. */
export const LEVEL_MEANING_FIELDS = ['key', 'label', 'colour', 'value', 'countsAsComplete'] as const;

/** The label of a locked (live) period with a rating at this level, or null. */
export function lockedPeriodUsingLevel(store: Store, levelId: string): string | null {
  const label = prepare(
    store.sqlite,
    'SELECT p.label FROM ratings r JOIN reporting_periods p ON p.id = r.period_id JOIN actions a ON a.id = r.action_id WHERE r.level_id = ? AND p.locked = 1 AND p.deleted_at IS NULL AND a.deleted_at IS NULL LIMIT 1',
  )
    .pluck()
    .get(levelId);
  return typeof label === 'string' ? label : null;
}

export function refuseLevelChange(store: Store, levelId: string, levelLabel: string): void {
  const period = lockedPeriodUsingLevel(store, levelId);
  if (period !== null)
    throw new DomainError(
      'locked',
      `The level "${levelLabel}" is used by ratings in the locked period "${period}", so its name, key, colour, value and completion cannot change. Unlock that period first, or add a new level.`,
    );
}

const RATED_IN_LOCKED = {
  action: 'a.id = ?',
  section: 'a.section_id = ?',
  objective: 'a.objective_id = ?',
} as const;

/** Refuses deleting live actions (one, or those of a section or objective) rated in a locked period. */
export function refuseDeletingLockedRatings(store: Store, scope: keyof typeof RATED_IN_LOCKED, id: string): void {
  const hit = prepare(
    store.sqlite,
    `SELECT p.label AS period, a.reference AS reference FROM ratings r JOIN reporting_periods p ON p.id = r.period_id JOIN actions a ON a.id = r.action_id WHERE ${RATED_IN_LOCKED[scope]} AND a.deleted_at IS NULL AND p.locked = 1 AND p.deleted_at IS NULL LIMIT 1`,
  ).get(id) as { period: string; reference: string } | undefined;
  if (!hit) return;
  const what =
    scope === 'action' ? 'This action' : `This ${scope} holds action ${hit.reference || '(unnumbered)'}, which`;
  throw new DomainError(
    'locked',
    `${what} is rated in the locked period "${hit.period}", so it cannot be deleted. Unlock that period first.`,
  );
}

/** Refuses changing the covering report of a locked period. */
export function refuseLockedReport(period: { locked: number; label: string }): void {
  if (period.locked === 1)
    throw new DomainError(
      'locked',
      `The period "${period.label}" is locked, so its covering report cannot change. Unlock it first.`,
    );
}
