/**
 * Migration 6 (order keys, issue 10) on a version-4 store: sections, objectives and actions get order
 * keys in their current order (tombstoned rows keep their slot), the tree reads the same, positions
 * become the keys' ranks, and a new row then takes a key between its neighbours without rewriting one.
 */
import { describe, expect, it } from 'vitest';
import { createPlanFromDraft, getPlanTree, openStore } from '../../db';
import { createAction, deleteAction, restoreAction } from '../../db/services/actions';
import { isOrderKey } from '../../shared/sync/order';
import { samplePlanForToday } from '../../shared/samples/dated-sample';
import { tempDir } from './helpers';

const ids = (t: ReturnType<typeof getPlanTree>) => ({
  sections: t.sections.map((x) => x.id),
  objectives: t.objectives.map((x) => x.id),
  actions: t.actions.map((x) => [x.id, x.reference]),
});

describe('migration 6 on a version-4 store', () => {
  it('keys every row in its current order; positions are their ranks; inserts then rewrite no sibling', async () => {
    const { MIGRATIONS } = await import('../../db/migrations');
    const file = `${tempDir()}/v4.sqlite`;
    const v4 = openStore(file, { migrations: MIGRATIONS.slice(0, 4), actor: 'Old Version' });
    expect(Number(v4.sqlite.pragma('user_version', { simple: true }))).toBe(4);
    const plan = createPlanFromDraft(v4, samplePlanForToday('2026-02-13'));
    const sqlite = v4.sqlite;
    // An older version's positions: gaps, a reversed section, and a tombstoned action in the middle.
    const first = getPlanTree(v4, plan.id).sections[0]!;
    const inFirst = sqlite
      .prepare('SELECT id FROM actions WHERE section_id = ? ORDER BY position')
      .pluck()
      .all(first.id) as string[];
    expect(inFirst.length).toBeGreaterThan(2);
    inFirst.forEach((id, i) =>
      sqlite.prepare('UPDATE actions SET position = ? WHERE id = ?').run(10 * (inFirst.length - i), id),
    );
    const gone = inFirst[1]!;
    sqlite.prepare("UPDATE actions SET deleted_at = '2026-02-13T10:00:00.000Z' WHERE id = ?").run(gone);
    const before = getPlanTree(v4, plan.id);
    const oldOrder = (t: string, parent: string) =>
      sqlite.prepare(`SELECT id FROM ${t} ORDER BY ${parent}, position, id`).pluck().all() as string[];
    const old = { sections: oldOrder('sections', 'plan_id'), actions: oldOrder('actions', 'section_id') };
    await v4.close();

    const v6 = openStore(file);
    expect(Number(v6.sqlite.pragma('user_version', { simple: true }))).toBeGreaterThanOrEqual(6);
    const after = getPlanTree(v6, plan.id);
    expect(ids(after)).toEqual(ids(before));
    for (const t of ['sections', 'objectives', 'actions']) {
      const rows = v6.sqlite.prepare(`SELECT order_key AS k FROM ${t}`).pluck().all() as string[];
      expect(rows.length).toBeGreaterThan(0);
      for (const k of rows) expect(isOrderKey(k)).toBe(true);
    }
    // The key order is the old position order (tombstoned rows included), and positions are the ranks.
    const keyOrder = (t: string, parent: string) =>
      v6.sqlite.prepare(`SELECT id FROM ${t} ORDER BY ${parent}, order_key, id`).pluck().all() as string[];
    expect(keyOrder('sections', 'plan_id')).toEqual(old.sections);
    expect(keyOrder('actions', 'section_id')).toEqual(old.actions);
    const ranks = v6.sqlite
      .prepare('SELECT position FROM actions WHERE section_id = ? ORDER BY order_key, id')
      .pluck()
      .all(first.id) as number[];
    expect(ranks).toEqual(ranks.map((_, i) => i));

    // Insert between two actions: no other row's key changes, and the tombstoned one comes back in its slot.
    const keysNow = () =>
      new Map(
        (v6.sqlite.prepare('SELECT id, order_key AS k FROM actions').all() as { id: string; k: string }[]).map((r) => [
          r.id,
          r.k,
        ]),
      );
    const k0 = keysNow();
    const live = after.actions.filter((a) => a.sectionId === first.id);
    const made = createAction(
      v6,
      {
        sectionId: first.id,
        objectiveId: null,
        afterActionId: live[0]!.id,
        description: 'New',
        outcome: '',
        dueText: '',
      },
      'Owner',
    );
    const k1 = keysNow();
    for (const [id, k] of k0) expect(k1.get(id)).toBe(k);
    const order = getPlanTree(v6, plan.id)
      .actions.filter((a) => a.sectionId === first.id)
      .map((a) => a.id);
    expect(order.slice(0, 2)).toEqual([live[0]!.id, made.id]);
    deleteAction(v6, made.id, 'Owner');
    restoreAction(v6, gone, 'Owner');
    expect(
      getPlanTree(v6, plan.id)
        .actions.filter((a) => a.sectionId === first.id)
        .map((a) => a.id),
    ).toEqual(inFirst.slice().reverse());
    await v6.close();
  });
});
