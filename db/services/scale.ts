/** The plan's rating scale (its key): replace the levels, or apply a preset. */
import type { RatingLevel, RatingLevelInput, ScalePresetId } from '../../shared/model';
import { SCALE_PRESETS } from '../../shared/ratings';
import { DomainError } from '../../shared/result';
import { toLevel } from '../rows';
import type * as S from '../schema';
import { all, audit, auditText, prepare, write, type WriteCtx } from '../sql';
import type { Store } from '../store';
import { livePlan } from './common';
import { LEVEL_MEANING_FIELDS, refuseLevelChange } from './locks';
import { insertLevel } from './drafts';

type LevelIn = Omit<RatingLevelInput, 'colour'> & { colour: string };

export function listLevels(store: Store, planId: string): RatingLevel[] {
  return all(
    store,
    store.db
      .selectFrom('rating_levels')
      .selectAll()
      .where('plan_id', '=', planId)
      .where('deleted_at', 'is', null)
      .orderBy('position'),
  ).map(toLevel);
}

/** Live ratings (of live actions) at a level. */
function ratingsAt(store: Store, levelId: string): number {
  return Number(
    prepare(
      store.sqlite,
      'SELECT count(*) FROM ratings r JOIN actions a ON a.id = r.action_id JOIN sections s ON s.id = a.section_id WHERE r.level_id = ? AND a.deleted_at IS NULL AND s.deleted_at IS NULL',
    )
      .pluck()
      .get(levelId),
  );
}

const LEVEL_COLUMNS: [Exclude<keyof LevelIn, 'id'>, keyof S.RatingLevelsTable][] = [
  ['key', 'key'],
  ['label', 'label'],
  ['colour', 'colour'],
  ['value', 'value'],
  ['definition', 'definition'],
  ['countsAsComplete', 'counts_as_complete'],
  ['canBeRemoved', 'can_be_removed'],
  ['requiresExplanation', 'requires_explanation'],
];

/**
 * Makes the plan's live levels exactly `levels`, in order. Inputs with an id update that level (its
 * ratings stay); inputs without one are new; levels left out are removed, unless ratings use them
 * (in_use: nothing changes).
 */
function replaceLevels(w: WriteCtx, planId: string, levels: readonly LevelIn[]): RatingLevel[] {
  const store = w.store;
  livePlan(store, planId);
  const keys = levels.map((l) => l.key.trim());
  const dup = keys.find((k, i) => keys.indexOf(k) !== i);
  if (dup !== undefined)
    throw new DomainError('invalid_input', `Two rating levels have the key "${dup}". Each level needs its own key.`);
  const existing = all(
    store,
    store.db.selectFrom('rating_levels').selectAll().where('plan_id', '=', planId).where('deleted_at', 'is', null),
  );
  const byId = new Map(existing.map((l) => [l.id, l]));
  for (const l of levels)
    if (l.id !== undefined && !byId.has(l.id))
      throw new DomainError(
        'not_found',
        `The rating level "${l.label}" is not part of this plan's scale. Reload and try again.`,
      );
  const kept = new Set(levels.flatMap((l) => (l.id ? [l.id] : [])));
  const removed = existing.filter((l) => !kept.has(l.id));
  for (const l of removed) {
    const n = ratingsAt(store, l.id);
    if (n > 0)
      throw new DomainError(
        'in_use',
        `The level "${l.label}" cannot be removed: ${n} rating${n === 1 ? ' uses' : 's use'} it. Change those ratings first, or keep the level.`,
      );
  }
  for (const l of removed) {
    prepare(store.sqlite, 'UPDATE rating_levels SET deleted_at = ?, updated_at = ? WHERE id = ?').run(w.at, w.at, l.id);
    audit(w, planId, 'level', l.id, 'delete', null, l.label, null);
  }
  levels.forEach((input, position) => {
    const l = {
      ...input,
      key: input.key.trim(),
      label: input.label.trim(),
      colour: input.colour.replace('#', '').toUpperCase(),
    };
    const old = l.id ? byId.get(l.id) : undefined;
    if (!old) {
      const id = insertLevel(w, planId, l, position);
      audit(w, planId, 'level', id, 'create', null, null, l.label);
      return;
    }
    const sets: string[] = [];
    const values: unknown[] = [];
    for (const [field, col] of LEVEL_COLUMNS) {
      const next = typeof l[field] === 'boolean' ? (l[field] ? 1 : 0) : (l[field] as unknown);
      if (auditText(old[col]) === auditText(next)) continue;
      if ((LEVEL_MEANING_FIELDS as readonly string[]).includes(field)) refuseLevelChange(store, old.id, old.label);
      sets.push(`${col} = ?`);
      values.push(next);
      audit(
        w,
        planId,
        'level',
        old.id,
        'update',
        field,
        typeof l[field] === 'boolean' ? old[col] === 1 : old[col],
        l[field],
      );
    }
    if (old.position !== position) {
      sets.push('position = ?');
      values.push(position);
      audit(w, planId, 'level', old.id, 'move', 'position', old.position, position);
    }
    if (sets.length === 0) return;
    prepare(store.sqlite, `UPDATE rating_levels SET ${sets.join(', ')}, updated_at = ? WHERE id = ?`).run(
      ...values,
      w.at,
      old.id,
    );
  });
  return listLevels(store, planId);
}

export function setScale(store: Store, planId: string, levels: readonly LevelIn[], actor: string): RatingLevel[] {
  return write(store, actor, (w) => replaceLevels(w, planId, levels));
}

/** Applies a preset: levels whose key matches an existing level keep their id (and ratings). */
export function applyPreset(store: Store, planId: string, preset: ScalePresetId, actor: string): RatingLevel[] {
  return write(store, actor, (w) => {
    const existing = listLevels(store, planId);
    const byKey = new Map(existing.map((l) => [l.key, l.id]));
    const levels: LevelIn[] = SCALE_PRESETS[preset].levels.map((l) => {
      const id = byKey.get(l.key);
      const base = {
        key: l.key,
        label: l.label,
        colour: l.colour,
        value: l.value,
        definition: l.definition,
        countsAsComplete: l.countsAsComplete,
        canBeRemoved: l.canBeRemoved,
        requiresExplanation: l.requiresExplanation,
      };
      return id ? { ...base, id } : base;
    });
    return replaceLevels(w, planId, levels);
  });
}
