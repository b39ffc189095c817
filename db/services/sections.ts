/** Sections (priorities / areas / themes): numbered 1..n automatically unless the author typed one. */
import { refuseDeletingLockedRatings } from './locks';
import type { ParsedInputOf } from '../../shared/contract';
import type { Section } from '../../shared/model';
import { DomainError } from '../../shared/result';
import { toSection } from '../rows';
import { all, audit, auditChanges, must, newId, prepare, write } from '../sql';
import { insertRow } from '../tables';
import type { Store } from '../store';
import { keyAfter, livePlan, liveSection, renumberPlan, reorderKeyed, resequence, sectionRow } from './common';

const load = (store: Store, id: string): Section => toSection(sectionRow(store, id)!);

export function listSections(store: Store, planId: string): Section[] {
  return all(
    store,
    store.db
      .selectFrom('sections')
      .selectAll()
      .where('plan_id', '=', planId)
      .where('deleted_at', 'is', null)
      .orderBy('position')
      .orderBy('id'),
  ).map(toSection);
}

export function createSection(store: Store, input: ParsedInputOf<'sections:create'>, actor: string): Section {
  return write(store, actor, (w) => {
    livePlan(store, input.planId);
    const id = newId();
    const orderKey = keyAfter(w, 'sections', input.planId, input.afterSectionId);
    const manual = input.number !== undefined && input.number !== '';
    insertRow(store, 'sections', {
      id,
      plan_id: input.planId,
      position: -1, // derived: resequence below
      order_key: orderKey,
      number: input.number ?? '',
      number_manual: manual ? 1 : 0,
      title: input.title,
      description: '',
      archived: 0,
      updated_at: w.at,
      deleted_at: null,
    });
    resequence(w, 'sections', input.planId);
    audit(w, input.planId, 'section', id, 'create', null, null, input.title);
    renumberPlan(w, input.planId);
    return load(store, id);
  });
}

export function updateSection(store: Store, input: ParsedInputOf<'sections:update'>, actor: string): Section {
  return write(store, actor, (w) => {
    const row = liveSection(store, input.sectionId);
    const before = toSection(row);
    const changed = auditChanges(w, row.plan_id, 'section', row.id, before, input.patch);
    const numberGiven = input.patch.number !== undefined;
    if (changed.length === 0 && !numberGiven) return before;
    const next = { ...before, ...input.patch };
    // An empty number hands numbering back to the app; a typed one is kept as the author wrote it.
    const manual = numberGiven ? input.patch.number !== '' : before.numberManual;
    prepare(
      store.sqlite,
      'UPDATE sections SET title = ?, number = ?, number_manual = ?, description = ?, updated_at = ? WHERE id = ?',
    ).run(next.title, next.number, manual ? 1 : 0, next.description, w.at, row.id);
    if (numberGiven) renumberPlan(w, row.plan_id);
    return load(store, row.id);
  });
}

export function reorderSections(store: Store, planId: string, orderedIds: string[], actor: string): Section[] {
  return write(store, actor, (w) => {
    livePlan(store, planId);
    reorderKeyed(w, 'sections', planId, orderedIds, 'section', planId);
    renumberPlan(w, planId);
    return listSections(store, planId);
  });
}

/** Renumbers every section 1..n and every action, replacing typed numbers and references. */
export function renumberAll(store: Store, planId: string, actor: string): void {
  write(store, actor, (w) => {
    livePlan(store, planId);
    renumberPlan(w, planId, true);
  });
}

export function archiveSection(store: Store, sectionId: string, archived: boolean, actor: string): Section {
  return write(store, actor, (w) => {
    const row = liveSection(store, sectionId);
    if ((row.archived === 1) !== archived) {
      prepare(store.sqlite, 'UPDATE sections SET archived = ?, updated_at = ? WHERE id = ?').run(
        archived ? 1 : 0,
        w.at,
        sectionId,
      );
      audit(w, row.plan_id, 'section', sectionId, 'archive', 'archived', row.archived === 1, archived);
    }
    return load(store, sectionId);
  });
}

/** Tombstones the section with its live objectives and actions (same deleted_at, so restore is exact). */
export function deleteSection(store: Store, sectionId: string, actor: string): { ok: true } {
  return write(store, actor, (w) => {
    const row = liveSection(store, sectionId);
    refuseDeletingLockedRatings(store, 'section', sectionId);
    prepare(
      store.sqlite,
      'UPDATE objectives SET deleted_at = ?, updated_at = ? WHERE section_id = ? AND deleted_at IS NULL',
    ).run(w.at, w.at, sectionId);
    prepare(
      store.sqlite,
      'UPDATE actions SET deleted_at = ?, updated_at = ? WHERE section_id = ? AND deleted_at IS NULL',
    ).run(w.at, w.at, sectionId);
    prepare(store.sqlite, 'UPDATE sections SET deleted_at = ?, updated_at = ? WHERE id = ?').run(w.at, w.at, sectionId);
    audit(w, row.plan_id, 'section', sectionId, 'delete', null, `${row.number} ${row.title}`.trim(), null);
    renumberPlan(w, row.plan_id);
    return { ok: true as const };
  });
}

export function restoreSection(store: Store, sectionId: string, actor: string): Section {
  return write(store, actor, (w) => {
    const row = must(sectionRow(store, sectionId), 'That section');
    livePlan(store, row.plan_id);
    if (row.deleted_at === null) return toSection(row);
    const stamp = row.deleted_at;
    prepare(
      store.sqlite,
      'UPDATE objectives SET deleted_at = NULL, updated_at = ? WHERE section_id = ? AND deleted_at = ?',
    ).run(w.at, sectionId, stamp);
    prepare(
      store.sqlite,
      'UPDATE actions SET deleted_at = NULL, updated_at = ? WHERE section_id = ? AND deleted_at = ?',
    ).run(w.at, sectionId, stamp);
    prepare(store.sqlite, 'UPDATE sections SET deleted_at = NULL, updated_at = ? WHERE id = ?').run(w.at, sectionId);
    audit(w, row.plan_id, 'section', sectionId, 'restore');
    renumberPlan(w, row.plan_id);
    return load(store, sectionId);
  });
}

export function assertSectionInPlan(store: Store, sectionId: string, planId: string): void {
  const s = liveSection(store, sectionId);
  if (s.plan_id !== planId) throw new DomainError('not_found', 'That section belongs to another plan.');
}
