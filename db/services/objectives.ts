/** Objectives / outcomes grouping actions inside a section (a merged cell in Word). */
import { refuseDeletingLockedRatings } from './locks';
import type { ParsedInputOf } from '../../shared/contract';
import type { Objective } from '../../shared/model';
import { toObjective } from '../rows';
import { all, audit, must, newId, prepare, write } from '../sql';
import { insertRow } from '../tables';
import type { Store } from '../store';
import { keyAfter, liveObjective, liveSection, objectiveRow, renumberPlan, reorderKeyed, resequence } from './common';

const load = (store: Store, id: string): Objective => toObjective(objectiveRow(store, id)!);

export function createObjective(store: Store, input: ParsedInputOf<'objectives:create'>, actor: string): Objective {
  return write(store, actor, (w) => {
    const section = liveSection(store, input.sectionId);
    const id = newId();
    const orderKey = keyAfter(w, 'objectives', section.id, input.afterObjectiveId);
    insertRow(store, 'objectives', {
      id,
      plan_id: section.plan_id,
      section_id: section.id,
      position: -1, // derived: resequence below
      order_key: orderKey,
      title: input.title,
      archived: 0,
      updated_at: w.at,
      deleted_at: null,
    });
    resequence(w, 'objectives', section.id);
    audit(w, section.plan_id, 'objective', id, 'create', null, null, input.title);
    return load(store, id);
  });
}

export function updateObjective(store: Store, objectiveId: string, title: string, actor: string): Objective {
  return write(store, actor, (w) => {
    const row = liveObjective(store, objectiveId);
    if (row.title !== title) {
      prepare(store.sqlite, 'UPDATE objectives SET title = ?, updated_at = ? WHERE id = ?').run(
        title,
        w.at,
        objectiveId,
      );
      audit(w, row.plan_id, 'objective', objectiveId, 'update', 'title', row.title, title);
    }
    return load(store, objectiveId);
  });
}

export function reorderObjectives(store: Store, sectionId: string, orderedIds: string[], actor: string): Objective[] {
  return write(store, actor, (w) => {
    const section = liveSection(store, sectionId);
    reorderKeyed(w, 'objectives', sectionId, orderedIds, 'objective', section.plan_id);
    return all(
      store,
      store.db
        .selectFrom('objectives')
        .selectAll()
        .where('section_id', '=', sectionId)
        .where('deleted_at', 'is', null)
        .orderBy('position')
        .orderBy('id'),
    ).map(toObjective);
  });
}

export function archiveObjective(store: Store, objectiveId: string, archived: boolean, actor: string): Objective {
  return write(store, actor, (w) => {
    const row = liveObjective(store, objectiveId);
    if ((row.archived === 1) !== archived) {
      prepare(store.sqlite, 'UPDATE objectives SET archived = ?, updated_at = ? WHERE id = ?').run(
        archived ? 1 : 0,
        w.at,
        objectiveId,
      );
      audit(w, row.plan_id, 'objective', objectiveId, 'archive', 'archived', row.archived === 1, archived);
    }
    return load(store, objectiveId);
  });
}

/** Tombstones the objective and its live actions with the same deleted_at. */
export function deleteObjective(store: Store, objectiveId: string, actor: string): { ok: true } {
  return write(store, actor, (w) => {
    const row = liveObjective(store, objectiveId);
    refuseDeletingLockedRatings(store, 'objective', objectiveId);
    prepare(
      store.sqlite,
      'UPDATE actions SET deleted_at = ?, updated_at = ? WHERE objective_id = ? AND deleted_at IS NULL',
    ).run(w.at, w.at, objectiveId);
    prepare(store.sqlite, 'UPDATE objectives SET deleted_at = ?, updated_at = ? WHERE id = ?').run(
      w.at,
      w.at,
      objectiveId,
    );
    audit(w, row.plan_id, 'objective', objectiveId, 'delete', null, row.title, null);
    renumberPlan(w, row.plan_id);
    return { ok: true as const };
  });
}

export function restoreObjective(store: Store, objectiveId: string, actor: string): Objective {
  return write(store, actor, (w) => {
    const row = must(objectiveRow(store, objectiveId), 'That objective');
    liveSection(store, row.section_id);
    if (row.deleted_at === null) return toObjective(row);
    prepare(
      store.sqlite,
      'UPDATE actions SET deleted_at = NULL, updated_at = ? WHERE objective_id = ? AND deleted_at = ?',
    ).run(w.at, objectiveId, row.deleted_at);
    prepare(store.sqlite, 'UPDATE objectives SET deleted_at = NULL, updated_at = ? WHERE id = ?').run(
      w.at,
      objectiveId,
    );
    audit(w, row.plan_id, 'objective', objectiveId, 'restore');
    renumberPlan(w, row.plan_id);
    return load(store, objectiveId);
  });
}
