/**
 * Order within a parent under concurrent edits (issue 10): three copies that may all change the
 * structure (the owner's store and two copies of its file, each a device of its own) insert sections,
 * objectives and actions at random places, move actions between sections and drag rows, while packs go
 * between them in any order through the real sync path (`opsFor` / `applyOps`). Checked:
 * - an insert never rewrites a sibling's order key; a move rewrites only the moved row's key, and a drag of
 *   one row rewrites one key at most;
 * - after a final exchange every copy shows the same rows in the same order (the tree, the derived
 *   positions and the synced order keys), and the order is the (order_key, id) order.
 */
import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPlanFromDraft, getPlanTree, openStore, type Store } from '../../db';
import { createAction, moveAction, reorderActions } from '../../db/services/actions';
import { createObjective } from '../../db/services/objectives';
import { createSection, reorderSections } from '../../db/services/sections';
import * as engine from '../../electron/sync/engine';
import { smallDraft } from './helpers';

type Step =
  | { t: 'action'; dev: number; section: number; after: number | null | 'end' }
  | { t: 'section'; dev: number; after: number | null | 'end' }
  | { t: 'objective'; dev: number; section: number; after: number | null | 'end' }
  | { t: 'move'; dev: number; action: number; section: number; index: number }
  | { t: 'drag-action'; dev: number; section: number; from: number; to: number }
  | { t: 'drag-section'; dev: number; from: number; to: number }
  | { t: 'deliver'; from: number; to: number };

const place = fc.oneof(fc.constant(null), fc.constant('end' as const), fc.nat(12));
const dev = fc.nat(2);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('action' as const), dev, section: fc.nat(6), after: place }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('section' as const), dev, after: place }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('objective' as const), dev, section: fc.nat(6), after: place }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('move' as const),
      dev,
      action: fc.nat(40),
      section: fc.nat(6),
      index: fc.nat(12),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('drag-action' as const),
      dev,
      section: fc.nat(6),
      from: fc.nat(12),
      to: fc.nat(12),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('drag-section' as const), dev, from: fc.nat(6), to: fc.nat(6) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('deliver' as const), from: dev, to: dev }) },
);

const TABLES = ['sections', 'objectives', 'actions'] as const;

/** Every row's order key (tombstoned rows too). */
function keys(store: Store): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of TABLES)
    for (const r of store.sqlite.prepare(`SELECT id, order_key AS k FROM ${t}`).all() as { id: string; k: string }[])
      out.set(r.id, r.k);
  return out;
}

/** The rows whose key changed (rows that are new are not counted). */
function rewritten(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...before].filter(([id, k]) => after.get(id) !== k).map(([id]) => id);
}

/** Each parent's live rows in (order_key, id) order, straight from the tables. */
function keyOrder(store: Store, planId: string): string {
  const q = (t: string, parent: string) =>
    store.sqlite
      .prepare(
        `SELECT ${parent} AS p, id, position FROM ${t} WHERE plan_id = ? AND deleted_at IS NULL ORDER BY ${parent}, order_key, id`,
      )
      .all(planId) as { p: string; id: string; position: number }[];
  return JSON.stringify([q('sections', 'plan_id'), q('objectives', 'section_id'), q('actions', 'section_id')]);
}

function run(steps: Step[]): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-sync-order-'));
  const stores: Store[] = [];
  let t0 = Date.parse('2026-03-01T09:00:00.000Z');
  const now = () => new Date((t0 += 7));
  try {
    const a = openStore(path.join(dir, 'a.sqlite'), { actor: 'Owner', now });
    stores.push(a);
    const plan = createPlanFromDraft(a, smallDraft(), 'Owner');
    engine.enableSync(a, plan.id, { role: 'owner' });
    for (const name of ['b', 'c']) {
      // A copy of the file is a device of its own (a new device id), writing under the same plan.
      const file = path.join(dir, `${name}.sqlite`);
      a.sqlite.exec(`VACUUM INTO '${file.replace(/'/g, "''")}'`);
      stores.push(openStore(file, { actor: 'Owner', now }));
    }
    expect(new Set(stores.map((s) => engine.deviceId(s))).size).toBe(3);

    const deliver = (from: Store, to: Store) => {
      if (from === to) return;
      const ops = engine.opsFor(from, plan.id, { since: engine.ackOf(from, plan.id, engine.deviceId(to)) });
      // Taken as they are ('lead' = no owner checks): these copies may all change the structure.
      engine.applyOps(to, ops, { asRole: 'lead', from: { device: engine.deviceId(from), person: 'Owner' } });
      engine.recordAck(from, plan.id, engine.deviceId(to), engine.versionVector(to, plan.id));
    };
    const ref = (x: { id: string } | null | undefined) => (x === undefined || x === null ? x : x.id);
    const pick = <T>(list: readonly T[], i: number | null | 'end'): T | null | undefined =>
      i === 'end' ? undefined : i === null || list.length === 0 ? null : list[i % list.length]!;

    let n = 0;
    for (const s of steps) {
      if (s.t === 'deliver') {
        deliver(stores[s.from]!, stores[s.to]!);
        continue;
      }
      const store = stores[s.dev]!;
      const tree = getPlanTree(store, plan.id);
      const before = keys(store);
      let mayChange: string[] = []; // the rows whose key this step may rewrite
      let drag = false; // a drag of one row rewrites one key (the moved row's, or a neighbour's when that is fewer)
      if (s.t === 'section') {
        const after = pick(tree.sections, s.after);
        createSection(store, { planId: plan.id, title: `S${n++}`, afterSectionId: ref(after) }, 'Owner');
      } else if (s.t === 'objective') {
        const section = tree.sections[s.section % tree.sections.length]!;
        const after = pick(
          tree.objectives.filter((o) => o.sectionId === section.id),
          s.after,
        );
        createObjective(store, { sectionId: section.id, title: `O${n++}`, afterObjectiveId: ref(after) }, 'Owner');
      } else if (s.t === 'action') {
        const section = tree.sections[s.section % tree.sections.length]!;
        const after = pick(
          tree.actions.filter((x) => x.sectionId === section.id),
          s.after,
        );
        createAction(
          store,
          {
            sectionId: section.id,
            objectiveId: null,
            afterActionId: ref(after),
            description: `A${n++}`,
            outcome: '',
            dueText: '',
          },
          'Owner',
        );
      } else if (s.t === 'move') {
        const action = tree.actions[s.action % tree.actions.length]!;
        const section = tree.sections[s.section % tree.sections.length]!;
        moveAction(store, { actionId: action.id, sectionId: section.id, objectiveId: null, index: s.index }, 'Owner');
        mayChange = [action.id];
      } else if (s.t === 'drag-action') {
        const section = tree.sections[s.section % tree.sections.length]!;
        const ids = tree.actions.filter((x) => x.sectionId === section.id).map((x) => x.id);
        if (ids.length === 0) continue;
        const [moved] = ids.splice(s.from % ids.length, 1);
        ids.splice(s.to % (ids.length + 1), 0, moved!);
        reorderActions(store, section.id, ids, 'Owner');
        drag = true;
      } else {
        const ids = tree.sections.map((x) => x.id);
        const [moved] = ids.splice(s.from % ids.length, 1);
        ids.splice(s.to % (ids.length + 1), 0, moved!);
        reorderSections(store, plan.id, ids, 'Owner');
        drag = true;
      }
      // No insert rewrites a sibling's key; a move or a drag rewrites only the moved row's.
      const changed = rewritten(before, keys(store));
      if (drag) expect(changed.length).toBeLessThanOrEqual(1);
      else expect(changed.filter((id) => !mayChange.includes(id))).toEqual([]);
      // The derived positions and the tree follow the keys.
      expect(keyOrder(store, plan.id)).toBe(keyOrderFromPositions(store, plan.id));
    }

    // Heal: every copy sends to every other, twice.
    for (let round = 0; round < 2; round++) for (const from of stores) for (const to of stores) deliver(from, to);

    const dumps = stores.map((s) => engine.canonicalDump(s, plan.id));
    for (const d of dumps) expect(d).toBe(dumps[0]);
    const orders = stores.map((s) => keyOrder(s, plan.id));
    for (const o of orders) expect(o).toBe(orders[0]);
    const trees = stores.map((s) => {
      const t = getPlanTree(s, plan.id);
      return JSON.stringify([t.sections.map((x) => x.id), t.objectives.map((x) => x.id), t.actions.map((x) => x.id)]);
    });
    for (const t of trees) expect(t).toBe(trees[0]);
    for (const s of stores) expect(keyOrder(s, plan.id)).toBe(keyOrderFromPositions(s, plan.id));
    expect(engine.pendingRows(a, plan.id)).toEqual([]);
  } finally {
    for (const s of stores) void s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Each parent's live rows in `position` order: the same as keyOrder when positions are the keys' ranks. */
function keyOrderFromPositions(store: Store, planId: string): string {
  const q = (t: string, parent: string) =>
    store.sqlite
      .prepare(
        `SELECT ${parent} AS p, id, position FROM ${t} WHERE plan_id = ? AND deleted_at IS NULL ORDER BY ${parent}, position`,
      )
      .all(planId) as { p: string; id: string; position: number }[];
  return JSON.stringify([q('sections', 'plan_id'), q('objectives', 'section_id'), q('actions', 'section_id')]);
}

describe('order keys under concurrent inserts and moves (fast-check, real stores)', () => {
  it('three copies inserting and moving rows converge to the same order, and no insert rewrites a sibling', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 5, maxLength: 30 }), (steps) => run(steps)),
      { numRuns: 20 },
    );
  }, 240_000);
});

describe('order keys: two copies inserting at the same place', () => {
  it('both new actions keep their keys, the siblings keep theirs, every copy shows the same order; a double move is one conflict', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-sync-order-'));
    let t0 = Date.parse('2026-03-01T09:00:00.000Z');
    const now = () => new Date((t0 += 7));
    const a = openStore(path.join(dir, 'a.sqlite'), { actor: 'Owner', now });
    const plan = createPlanFromDraft(a, smallDraft(), 'Owner');
    engine.enableSync(a, plan.id, { role: 'owner' });
    a.sqlite.exec(`VACUUM INTO '${path.join(dir, 'b.sqlite').replace(/'/g, "''")}'`);
    const b = openStore(path.join(dir, 'b.sqlite'), { actor: 'Owner', now });
    try {
      const t = getPlanTree(a, plan.id);
      const section = t.sections.find((s) => t.actions.filter((x) => x.sectionId === s.id).length >= 2)!;
      const [first, second] = t.actions.filter((x) => x.sectionId === section.id);
      const before = keys(a);
      const input = (description: string) => ({
        sectionId: section.id,
        objectiveId: null,
        afterActionId: first!.id,
        description,
        outcome: '',
        dueText: '',
      });
      const x = createAction(a, input('From A'), 'Owner');
      const y = createAction(b, input('From B'), 'Owner');
      const swap = (from: Store, to: Store) =>
        engine.applyOps(to, engine.opsFor(from, plan.id), {
          asRole: 'lead',
          from: { device: engine.deviceId(from), person: 'Owner' },
        });
      swap(a, b);
      swap(b, a);
      for (const s of [a, b]) {
        const after = keys(s);
        expect(rewritten(before, after)).toEqual([]);
        const order = getPlanTree(s, plan.id)
          .actions.filter((r) => r.sectionId === section.id)
          .map((r) => r.id);
        expect(order[0]).toBe(first!.id);
        expect(new Set(order.slice(1, 3))).toEqual(new Set([x.id, y.id]));
        expect(order[3]).toBe(second!.id);
      }
      expect(keyOrder(a, plan.id)).toBe(keyOrder(b, plan.id));
      expect(engine.canonicalDump(a, plan.id)).toBe(engine.canonicalDump(b, plan.id));

      // Both copies move the same action: one conflict on its place, the same on both; only keeping a
      // version resolves it (a typed value is refused), and both copies then agree.
      moveAction(a, { actionId: second!.id, sectionId: section.id, objectiveId: null, index: 0 }, 'Owner');
      moveAction(b, { actionId: second!.id, sectionId: section.id, objectiveId: null, index: 1 }, 'Owner');
      const sent = { a: engine.opsFor(a, plan.id), b: engine.opsFor(b, plan.id) };
      engine.applyOps(b, sent.a, { asRole: 'lead', from: { device: engine.deviceId(a), person: 'Owner' } });
      engine.applyOps(a, sent.b, { asRole: 'lead', from: { device: engine.deviceId(b), person: 'Owner' } });
      expect(keyOrder(a, plan.id)).toBe(keyOrder(b, plan.id));
      const [c] = engine.listConflicts(a, plan.id).filter((x) => x.field === 'orderKey');
      expect(c?.rowId).toBe(second!.id);
      expect(engine.listConflicts(b, plan.id).map((x) => x.id)).toContain(c!.id);
      expect(() => engine.resolveConflict(a, plan.id, c!.id, { value: 'first\n\nsecond' }, 'Owner')).toThrow(
        /keep one of them/,
      );
      engine.resolveConflict(a, plan.id, c!.id, { keep: c!.versions[1]!.opId }, 'Owner');
      engine.applyOps(b, engine.opsFor(a, plan.id), {
        asRole: 'lead',
        from: { device: engine.deviceId(a), person: 'Owner' },
      });
      expect(engine.listConflicts(b, plan.id).filter((x) => x.field === 'orderKey')).toEqual([]);
      for (const s of [a, b]) expect(keyOrderFromPositions(s, plan.id)).toBe(keyOrder(s, plan.id));
      expect(keyOrder(a, plan.id)).toBe(keyOrder(b, plan.id));
      expect(engine.canonicalDump(a, plan.id)).toBe(engine.canonicalDump(b, plan.id));
    } finally {
      void a.close();
      void b.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
