/** Inspection recommendations ("Ofsted 1") and which actions answer them. */
import type { ParsedInputOf } from '../../shared/contract';
import type { Action, Recommendation } from '../../shared/model';
import { DomainError } from '../../shared/result';
import { toRecommendation } from '../rows';
import { audit, auditChanges, must, mustLive, newId, prepare, write } from '../sql';
import { linkId } from '../ids';
import { insertRow } from '../tables';
import type { Store } from '../store';
import { liveAction, livePlan, loadAction, placeAfter, recommendationRow } from './common';

const load = (store: Store, id: string): Recommendation => toRecommendation(recommendationRow(store, id)!);

/**
 * Labels are how members, rows ("3.1 Ofsted 1") and plan drafts cite a recommendation, so two live ones
 * in a plan may not share one (compared ignoring case and spaces at the ends).
 */
function assertLabelFree(store: Store, planId: string, label: string, exceptId: string | null): void {
  const clash = prepare(
    store.sqlite,
    'SELECT id, label FROM recommendations WHERE plan_id = ? AND deleted_at IS NULL AND lower(trim(label)) = lower(trim(?)) AND id IS NOT ?',
  ).get(planId, label, exceptId) as { id: string; label: string } | undefined;
  if (clash)
    throw new DomainError(
      'conflict',
      `This plan already has a recommendation called "${clash.label}". Give this one a different label.`,
    );
}

export function createRecommendation(
  store: Store,
  input: ParsedInputOf<'recommendations:create'>,
  actor: string,
): Recommendation {
  return write(store, actor, (w) => {
    livePlan(store, input.planId);
    assertLabelFree(store, input.planId, input.label, null);
    const id = newId();
    const position = placeAfter(w, 'recommendations', 'plan_id', input.planId, undefined);
    insertRow(store, 'recommendations', {
      id,
      plan_id: input.planId,
      position,
      number: input.number,
      label: input.label,
      text: input.text,
      updated_at: w.at,
      deleted_at: null,
    });
    audit(w, input.planId, 'recommendation', id, 'create', null, null, input.label);
    return load(store, id);
  });
}

export function updateRecommendation(
  store: Store,
  input: ParsedInputOf<'recommendations:update'>,
  actor: string,
): Recommendation {
  return write(store, actor, (w) => {
    const row = mustLive(recommendationRow(store, input.recommendationId), 'That recommendation');
    livePlan(store, row.plan_id);
    if (input.patch.label !== undefined) assertLabelFree(store, row.plan_id, input.patch.label, row.id);
    const before = toRecommendation(row);
    const changed = auditChanges(w, row.plan_id, 'recommendation', row.id, before, input.patch);
    if (changed.length > 0) {
      const next = { ...before, ...input.patch };
      prepare(
        store.sqlite,
        'UPDATE recommendations SET number = ?, label = ?, text = ?, updated_at = ? WHERE id = ?',
      ).run(next.number, next.label, next.text, w.at, row.id);
    }
    return load(store, row.id);
  });
}

export function deleteRecommendation(store: Store, id: string, actor: string): { ok: true } {
  return write(store, actor, (w) => {
    const row = mustLive(recommendationRow(store, id), 'That recommendation');
    prepare(store.sqlite, 'UPDATE recommendations SET deleted_at = ?, updated_at = ? WHERE id = ?').run(w.at, w.at, id);
    audit(w, row.plan_id, 'recommendation', id, 'delete', null, row.label, null);
    return { ok: true as const };
  });
}

export function restoreRecommendation(store: Store, id: string, actor: string): Recommendation {
  return write(store, actor, (w) => {
    const row = must(recommendationRow(store, id), 'That recommendation');
    livePlan(store, row.plan_id);
    if (row.deleted_at !== null) {
      assertLabelFree(store, row.plan_id, row.label, row.id);
      prepare(store.sqlite, 'UPDATE recommendations SET deleted_at = NULL, updated_at = ? WHERE id = ?').run(w.at, id);
      audit(w, row.plan_id, 'recommendation', id, 'restore');
    }
    return load(store, id);
  });
}

/** Makes the action answer exactly `recommendationIds` (live recommendations of the same plan). */
export function linkRecommendations(
  store: Store,
  actionId: string,
  recommendationIds: readonly string[],
  actor: string,
): Action {
  return write(store, actor, (w) => {
    const action = liveAction(store, actionId);
    const wanted = [...new Set(recommendationIds)];
    const labels = new Map<string, string>();
    for (const id of wanted) {
      const r = recommendationRow(store, id);
      if (!r || r.deleted_at !== null || r.plan_id !== action.plan_id)
        throw new DomainError(
          'not_found',
          'One of those recommendations is not part of this plan (it may have been deleted). Reload and try again.',
        );
      labels.set(id, r.label);
    }
    const before = loadAction(store, actionId).recommendationIds;
    const links = prepare(
      store.sqlite,
      'SELECT id, recommendation_id, deleted_at FROM action_recommendations WHERE action_id = ?',
    ).all(actionId) as {
      id: string;
      recommendation_id: string;
      deleted_at: string | null;
    }[];
    const byRec = new Map(links.map((l) => [l.recommendation_id, l]));
    for (const l of links)
      if (l.deleted_at === null && !wanted.includes(l.recommendation_id))
        prepare(store.sqlite, 'UPDATE action_recommendations SET deleted_at = ?, updated_at = ? WHERE id = ?').run(
          w.at,
          w.at,
          l.id,
        );
    for (const id of wanted) {
      const l = byRec.get(id);
      if (!l)
        insertRow(store, 'action_recommendations', {
          id: linkId(actionId, id),
          plan_id: action.plan_id,
          action_id: actionId,
          recommendation_id: id,
          updated_at: w.at,
          deleted_at: null,
        });
      else if (l.deleted_at !== null)
        prepare(store.sqlite, 'UPDATE action_recommendations SET deleted_at = NULL, updated_at = ? WHERE id = ?').run(
          w.at,
          l.id,
        );
    }
    const after = loadAction(store, actionId);
    const labelOf = (ids: string[]) =>
      ids.map((id) => labels.get(id) ?? recommendationRow(store, id)?.label ?? id).join('; ');
    if ([...before].sort().join() !== [...after.recommendationIds].sort().join()) {
      audit(
        w,
        action.plan_id,
        'action',
        actionId,
        'update',
        'recommendations',
        labelOf(before),
        labelOf(after.recommendationIds),
      );
      prepare(store.sqlite, 'UPDATE actions SET updated_at = ? WHERE id = ?').run(w.at, actionId);
      return loadAction(store, actionId);
    }
    return after;
  });
}
