/**
 * Actions (the rated unit): create, edit (with deferral history for due dates), move, reorder,
 * archive, soft delete/restore, leads and due history.
 */
import { refuseDeletingLockedRatings } from './locks';
import type { ParsedInputOf } from '../../shared/contract';
import type { Action, DueChange, Lead } from '../../shared/model';
import { DomainError } from '../../shared/result';
import { all, audit, must, newId, prepare, write } from '../sql';
import { insertRow } from '../tables';
import { actionInsert } from '../rows';
import { ACTION_FIELDS } from '../schema';
import type { Store } from '../store';
import {
  actionRow,
  liveAction,
  liveObjective,
  liveSection,
  loadAction,
  personRow,
  renumberPlan,
  reorderKeyed,
  keyAfter,
  keyAtLiveIndex,
  resequence,
} from './common';

/** The objective must be live and in `sectionId`. */
function checkObjective(store: Store, objectiveId: string | null, sectionId: string): void {
  if (objectiveId === null) return;
  const o = liveObjective(store, objectiveId);
  if (o.section_id !== sectionId)
    throw new DomainError(
      'invalid_input',
      'That objective belongs to another section. Move the action to that section first.',
    );
}

export function createAction(store: Store, input: ParsedInputOf<'actions:create'>, actor: string): Action {
  return write(store, actor, (w) => {
    const section = liveSection(store, input.sectionId);
    checkObjective(store, input.objectiveId, section.id);
    let afterId: string | null;
    if (input.afterActionId === undefined) {
      // Last in its objective when it has one (next to its siblings), else after the section's last live action.
      const last = (sql: string, ...args: string[]) =>
        (prepare(store.sqlite, sql)
          .pluck()
          .get(...args) as string | undefined) ?? null;
      afterId =
        (input.objectiveId === null
          ? null
          : last(
              'SELECT id FROM actions WHERE section_id = ? AND objective_id = ? AND deleted_at IS NULL ORDER BY order_key DESC, id DESC LIMIT 1',
              section.id,
              input.objectiveId,
            )) ??
        last(
          'SELECT id FROM actions WHERE section_id = ? AND deleted_at IS NULL ORDER BY order_key DESC, id DESC LIMIT 1',
          section.id,
        );
    } else if (input.afterActionId === null) {
      afterId = null;
    } else {
      const after = actionRow(store, input.afterActionId);
      if (!after || after.deleted_at !== null || after.section_id !== section.id)
        throw new DomainError('not_found', 'The action to insert after is not in that section. Reload and try again.');
      afterId = after.id;
    }
    const orderKey = keyAfter(w, 'actions', section.id, afterId);
    const id = newId();
    const manual = input.reference !== undefined && input.reference !== '';
    insertRow(
      store,
      'actions',
      actionInsert(
        {
          id,
          planId: section.plan_id,
          sectionId: section.id,
          objectiveId: input.objectiveId,
          position: -1, // derived: resequence below
          reference: input.reference ?? '',
          referenceManual: manual,
          description: input.description,
          outcome: input.outcome,
          dueText: input.dueText,
          createdAt: w.at,
        },
        orderKey,
      ),
    );
    resequence(w, 'actions', section.id);
    audit(w, section.plan_id, 'action', id, 'create', null, null, input.description.slice(0, 200));
    renumberPlan(w, section.plan_id);
    return loadAction(store, id);
  });
}

/**
 * Edits an action. A changed due date appends the old text to the deferral history; an empty
 * reference hands numbering back to the app. One audit row per changed field.
 */
export function updateAction(store: Store, input: ParsedInputOf<'actions:update'>, actor: string): Action {
  return write(store, actor, (w) => {
    const row = liveAction(store, input.actionId);
    const patch = input.patch;
    if (patch.objectiveId !== undefined) checkObjective(store, patch.objectiveId, row.section_id);
    const sets: string[] = [];
    const values: unknown[] = [];
    let renumber = false;
    // Each patched field's column comes from the table's descriptor (db/schema.ts ACTION_FIELDS).
    for (const key of Object.keys(patch) as (keyof typeof patch)[]) {
      const next = patch[key];
      if (next === undefined) continue;
      const field = ACTION_FIELDS[key];
      const col = field.column;
      const old = row[col];
      if (key === 'reference') {
        const manual = next !== '';
        if (manual === (row.reference_manual === 1) && (!manual || next === old)) continue;
        sets.push('reference_manual = ?');
        values.push(manual ? 1 : 0);
        if (manual) {
          sets.push('reference = ?');
          values.push(next);
          audit(w, row.plan_id, 'action', row.id, 'update', 'reference', old, next);
        } else renumber = true;
        continue;
      }
      if (old === next) continue;
      sets.push(`${col} = ?`);
      values.push(field.write(next));
      audit(w, row.plan_id, 'action', row.id, 'update', key, old, next);
      if (key === 'dueText' && row.due_text.trim() !== '') {
        const history = JSON.parse(row.due_history_json) as DueChange[];
        history.push({ dueText: row.due_text, changedAt: w.at, changedBy: w.actor });
        sets.push('due_history_json = ?');
        values.push(JSON.stringify(history));
      }
    }
    if (sets.length > 0)
      prepare(store.sqlite, `UPDATE actions SET ${sets.join(', ')}, updated_at = ? WHERE id = ?`).run(
        ...values,
        w.at,
        row.id,
      );
    if (renumber) renumberPlan(w, row.plan_id);
    return loadAction(store, row.id);
  });
}

/** Moves an action to a section (and objective) of the same plan, at `index` (default: last). */
export function moveAction(store: Store, input: ParsedInputOf<'actions:move'>, actor: string): Action {
  return write(store, actor, (w) => {
    const row = liveAction(store, input.actionId);
    const target = liveSection(store, input.sectionId);
    if (target.plan_id !== row.plan_id)
      throw new DomainError('invalid_input', 'An action can only be moved within its own plan.');
    checkObjective(store, input.objectiveId, target.id);
    const liveSiblings = prepare(
      store.sqlite,
      'SELECT count(*) FROM actions WHERE section_id = ? AND deleted_at IS NULL AND id <> ?',
    )
      .pluck()
      .get(target.id, row.id) as number;
    const index = Math.min(input.index ?? liveSiblings, liveSiblings);
    const oldIndex =
      row.section_id === target.id
        ? (prepare(
            store.sqlite,
            'SELECT count(*) FROM actions WHERE section_id = ? AND deleted_at IS NULL AND (order_key < ? OR (order_key = ? AND id < ?))',
          )
            .pluck()
            .get(target.id, row.order_key, row.order_key, row.id) as number)
        : -1;
    // A key between its new neighbours: only the moved action's key changes (and not at all when it stays put).
    const orderKey = oldIndex === index ? row.order_key : keyAtLiveIndex(w, 'actions', target.id, index, row.id);
    prepare(
      store.sqlite,
      'UPDATE actions SET section_id = ?, objective_id = ?, order_key = ?, updated_at = ? WHERE id = ?',
    ).run(target.id, input.objectiveId, orderKey, w.at, row.id);
    resequence(w, 'actions', target.id);
    if (row.section_id !== target.id) resequence(w, 'actions', row.section_id);
    if (row.section_id !== target.id)
      audit(w, row.plan_id, 'action', row.id, 'move', 'sectionId', row.section_id, target.id);
    if (row.objective_id !== input.objectiveId)
      audit(w, row.plan_id, 'action', row.id, 'move', 'objectiveId', row.objective_id, input.objectiveId);
    if (oldIndex !== index) audit(w, row.plan_id, 'action', row.id, 'move', 'position', oldIndex, index);
    renumberPlan(w, row.plan_id);
    return loadAction(store, row.id);
  });
}

export function reorderActions(store: Store, sectionId: string, orderedIds: string[], actor: string): Action[] {
  return write(store, actor, (w) => {
    const section = liveSection(store, sectionId);
    reorderKeyed(w, 'actions', sectionId, orderedIds, 'action', section.plan_id);
    renumberPlan(w, section.plan_id);
    return orderedIds.map((id) => loadAction(store, id));
  });
}

export function archiveAction(store: Store, actionId: string, archived: boolean, actor: string): Action {
  return write(store, actor, (w) => {
    const row = liveAction(store, actionId);
    if ((row.archived === 1) !== archived) {
      prepare(store.sqlite, 'UPDATE actions SET archived = ?, updated_at = ? WHERE id = ?').run(
        archived ? 1 : 0,
        w.at,
        actionId,
      );
      audit(w, row.plan_id, 'action', actionId, 'archive', 'archived', row.archived === 1, archived);
    }
    return loadAction(store, actionId);
  });
}

export function deleteAction(store: Store, actionId: string, actor: string): { ok: true } {
  return write(store, actor, (w) => {
    const row = liveAction(store, actionId);
    refuseDeletingLockedRatings(store, 'action', actionId);
    prepare(store.sqlite, 'UPDATE actions SET deleted_at = ?, updated_at = ? WHERE id = ?').run(w.at, w.at, actionId);
    audit(w, row.plan_id, 'action', actionId, 'delete', null, row.reference, null);
    renumberPlan(w, row.plan_id);
    return { ok: true as const };
  });
}

/** Restores a deleted action (its section, and objective if any, must be live). */
export function restoreAction(store: Store, actionId: string, actor: string): Action {
  return write(store, actor, (w) => {
    const row = must(actionRow(store, actionId), 'That action');
    liveSection(store, row.section_id);
    if (row.objective_id !== null) liveObjective(store, row.objective_id);
    if (row.deleted_at === null) return loadAction(store, actionId);
    prepare(store.sqlite, 'UPDATE actions SET deleted_at = NULL, updated_at = ? WHERE id = ?').run(w.at, actionId);
    audit(w, row.plan_id, 'action', actionId, 'restore');
    renumberPlan(w, row.plan_id);
    return loadAction(store, actionId);
  });
}

/** Replaces the action's leads (free text, optionally linked to a person in the directory). */
export function setLeads(store: Store, input: ParsedInputOf<'actions:setLeads'>, actor: string): Lead[] {
  return write(store, actor, (w) => {
    const row = liveAction(store, input.actionId);
    for (const l of input.leads) {
      if (l.personId === null) continue;
      const p = personRow(store, l.personId);
      if (!p || p.deleted_at !== null)
        throw new DomainError('not_found', `The person linked to "${l.name}" is not in the directory any more.`);
    }
    const before = loadAction(store, row.id).leads;
    const describe = (ls: readonly { name: string; role: string }[]) =>
      ls.map((l) => (l.role === 'lead' ? l.name : `${l.name} (${l.role})`)).join('; ');
    const same =
      before.length === input.leads.length &&
      before.every(
        (b, i) =>
          b.name === input.leads[i]!.name && b.role === input.leads[i]!.role && b.personId === input.leads[i]!.personId,
      );
    if (same) return before;
    prepare(
      store.sqlite,
      'UPDATE action_leads SET deleted_at = ?, updated_at = ? WHERE action_id = ? AND deleted_at IS NULL',
    ).run(w.at, w.at, row.id);
    input.leads.forEach((l, i) =>
      insertRow(store, 'action_leads', {
        id: newId(),
        plan_id: row.plan_id,
        action_id: row.id,
        position: i,
        name: l.name,
        person_id: l.personId,
        role: l.role,
        updated_at: w.at,
        deleted_at: null,
      }),
    );
    prepare(store.sqlite, 'UPDATE actions SET updated_at = ? WHERE id = ?').run(w.at, row.id);
    audit(w, row.plan_id, 'action', row.id, 'update', 'leads', describe(before), describe(input.leads));
    return loadAction(store, row.id).leads;
  });
}

/** Earlier due dates, oldest first. */
export function dueHistory(store: Store, actionId: string): DueChange[] {
  return loadAction(store, must(actionRow(store, actionId), 'That action').id).dueHistory;
}

export function listActions(store: Store, sectionId: string): Action[] {
  return all(
    store,
    store.db
      .selectFrom('actions')
      .select('id')
      .where('section_id', '=', sectionId)
      .where('deleted_at', 'is', null)
      .orderBy('position'),
  ).map((r) => loadAction(store, r.id));
}
