/**
 * Adding a field to actions (db/README.md "Adding a field to actions"): the places a new field must go are
 * checked by the compiler (the `@ts-expect-error` lines below fail to compile if a forgotten place ever
 * stops being an error), and the places derived from them are checked here at run time for every field.
 */
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { createPlanFromDraft, getPlanTree, type Store } from '../../db';
import type { Column, ColumnsOf } from '../../db/fields';
import { ACTION_FIELDS, type ActionsTable } from '../../db/schema';
import { SPEC } from '../../db/sync/entities';
import { contract } from '../../shared/contract';
import { typedInvoke, unwrapping } from '../../shared/dispatch';
import { Action, ACTION_EDITS, type ActionEdit, type EditableActionField } from '../../shared/model';
import type { ActionPatch } from '../../renderer/src/state/editor';
import { ctx, dispatcherFor, freshStore, smallDraft } from './helpers';

/** An Action with one more field, as a new migration would give it (a name no real field will take). */
type WithScratch = Action & { scratchField: string };
/** The columns of a table that the actions descriptor does not name. */
type Uncovered<T> = Exclude<keyof T, 'rid' | 'order_key' | ColumnsOf<typeof ACTION_FIELDS>>;

describe('a new field on actions: what fails to compile when a place is forgotten', () => {
  it('a field of Action missing from the table descriptor (db/schema.ts ACTION_FIELDS)', () => {
    // @ts-expect-error scratchField is in Action but not in ACTION_FIELDS
    const fields = ACTION_FIELDS satisfies Record<keyof WithScratch, Column | null>;
    expect(Object.keys(fields).sort()).toEqual(Object.keys(Action.shape).sort());
  });

  it('a column of ActionsTable that no field of the descriptor names', () => {
    expectTypeOf<Uncovered<ActionsTable>>().toEqualTypeOf<never>();
    expectTypeOf<Uncovered<ActionsTable & { scratch_field: string }>>().toEqualTypeOf<'scratch_field'>();
    // The same check as db/schema.ts ACTION_FIELDS_COVER_THE_TABLE, on a table with one more column:
    // @ts-expect-error scratch_field is a column no field names
    const covered: [Uncovered<ActionsTable & { scratch_field: string }>] extends [never] ? true : never = true;
    expect(covered).toBe(true);
  });

  it('a field of Action not placed in ACTION_EDITS (shared/model.ts: editable or not, and how)', () => {
    // @ts-expect-error scratchField is in Action but not in ACTION_EDITS
    const edits = ACTION_EDITS satisfies Record<keyof WithScratch, ActionEdit | null>;
    expect(Object.keys(edits).sort()).toEqual(Object.keys(Action.shape).sort());
  });

  it('the renderer’s patch type is the editable fields, derived', () => {
    expectTypeOf<keyof ActionPatch>().toEqualTypeOf<EditableActionField>();
  });
});

describe('a new field on actions: the places derived from the descriptors', () => {
  it('the contract’s patch takes every editable field and nothing else', () => {
    const input = contract['actions:update'].input;
    const actionId = '00000000-0000-4000-8000-000000000001';
    // A value each editable field's own validator takes (text, or null for a reference to another row).
    const sample = Object.entries(ACTION_EDITS).flatMap(([field, e]) =>
      e ? [[field, e.patch.safeParse('1.1').success ? '1.1' : null] as const] : [],
    );
    expect(sample.length).toBeGreaterThan(0);
    for (const [field, value] of sample)
      expect(input.safeParse({ actionId, patch: { [field]: value } }).success, field).toBe(true);
    for (const field of Object.keys(ACTION_EDITS).filter((k) => ACTION_EDITS[k as keyof Action] === null))
      expect(input.safeParse({ actionId, patch: { [field]: 'x' } }).success, field).toBe(false);
  });

  it('sync carries every synced column of the descriptor, and starts the others at their starting values', () => {
    const synced = Object.entries(ACTION_FIELDS).flatMap(([k, c]) => (c?.sync ? [k] : []));
    expect(Object.keys(SPEC.action.fields).sort()).toEqual([...synced, 'orderKey', 'manualReference'].sort());
    const startsAt = SPEC.action.defaults('2026-01-01T00:00:00.000Z');
    for (const c of Object.values(ACTION_FIELDS))
      if (c && !c.sync && c.column !== 'id') expect(Object.keys(startsAt), c.column).toContain(c.column);
  });

  describe('through a store', () => {
    let store: Store;
    beforeEach(() => {
      store = freshStore().store;
    });
    afterEach(async () => {
      await store.close();
    });

    it('reads every column into its field, and a plan copy keeps every field of every action', async () => {
      const call = unwrapping(
        typedInvoke(dispatcherFor(store).dispatch, ctx),
        (ch, e) => new Error(`${ch}: ${e.message}`),
      );
      const tree = getPlanTree(store, createPlanFromDraft(store, smallDraft(), 'Test').id);
      const a = tree.actions[0]!;
      await call('actions:update', { actionId: a.id, patch: { dueText: 'May 2026' } });
      await call('actions:update', { actionId: a.id, patch: { dueText: 'June 2026' } });
      // Every text column gets a value of its own (a new text field too), written straight to the row.
      const textColumns: string[] = Object.values(ACTION_FIELDS).flatMap((c) =>
        c && c.write(undefined) === '' && c.column !== 'reference' ? [c.column] : [],
      );
      for (const column of textColumns)
        store.sqlite.prepare(`UPDATE actions SET ${column} = ? WHERE id = ?`).run(`${column} of 1.1`, a.id);
      const read = getPlanTree(store, tree.plan.id).actions.find((x) => x.id === a.id)!;
      expect(Object.keys(read)).toEqual(Object.keys(ACTION_FIELDS));
      for (const [field, c] of Object.entries(ACTION_FIELDS))
        if (c && textColumns.includes(c.column)) expect(read[field as keyof Action]).toBe(`${c.column} of 1.1`);
      expect(read.dueHistory.map((d) => d.dueText).slice(-1)).toEqual(['May 2026']);

      const copy = await call('plans:duplicate', { planId: tree.plan.id });
      const dup = getPlanTree(store, copy.id).actions;
      const original = getPlanTree(store, tree.plan.id).actions;
      // What a copy may change: its ids, its place in the new plan and its dates; everything else is kept.
      const changes = new Set(['id', 'planId', 'sectionId', 'objectiveId', 'createdAt', 'updatedAt']);
      const kept = (x: Action) =>
        Object.fromEntries(
          Object.entries(x).filter(([k]) => !changes.has(k) && k !== 'leads' && k !== 'recommendationIds'),
        );
      expect(dup.map(kept)).toEqual(original.map(kept));
    });
  });
});
