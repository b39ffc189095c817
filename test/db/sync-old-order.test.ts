/**
 * Issue 10: packs from builds before order keys (schema 5 and earlier) create sections, objectives and
 * actions with a `position` and no `orderKey`, and move them with `position` ops. Each such row gets the
 * key that follows its position among its siblings (`keyAtPosition`, the key migration 0006 gives the row at
 * that position), the same on every copy whatever the order the ops arrive in; a row with no usable
 * position goes to the end of its parent. Also: the version-7 migration (the register rows' plan index
 * dropped) on a version-6 store keeps the plan, its conflicts and later merges.
 */
import fc from 'fast-check';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPlanFromDraft, getPlanTree, openStore, type Store } from '../../db';
import { MIGRATIONS } from '../../db/migrations';
import { setRating } from '../../db/services/ratings';
import * as engine from '../../electron/sync/engine';
import type { SyncOp } from '../../shared/sync/op';
import { keyAtPosition, keysAfter, LAST_KNOWN_POSITION } from '../../shared/sync/order';
import { freshStore, smallDraft, tempDir } from './helpers';

const open: Store[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});
const keep = (s: Store) => (open.push(s), s);

const ORDERED = new Set(['section', 'objective', 'action']);
const TABLE: Record<string, string> = { section: 'sections', objective: 'objectives', action: 'actions' };
const PARENT: Record<string, string> = { section: 'plan_id', objective: 'section_id', action: 'section_id' };

/** The owner's plan as an old build's invitation: ordered rows carry their position and no order key. */
function oldInvitation(): { ops: SyncOp[]; owner: Store; planId: string; positions: Map<string, number> } {
  const owner = keep(freshStore('Owner').store);
  const plan = createPlanFromDraft(owner, smallDraft(), 'Owner');
  engine.enableSync(owner, plan.id, { role: 'owner' });
  const positions = new Map<string, number>();
  for (const t of Object.values(TABLE))
    for (const r of owner.sqlite.prepare(`SELECT id, position FROM ${t}`).all() as { id: string; position: number }[])
      positions.set(r.id, r.position);
  const ops = engine.opsFor(owner, plan.id).map((op) => {
    if (!ORDERED.has(op.entity) || op.field !== '$create') return op;
    const { orderKey: _gone, ...rest } = op.value as Record<string, unknown>;
    return { ...op, value: { ...rest, position: positions.get(op.rowId) } };
  });
  return { ops, owner, planId: plan.id, positions };
}

const keysOf = (s: Store) => {
  const out: Record<string, string> = {};
  for (const t of Object.values(TABLE))
    for (const r of s.sqlite.prepare(`SELECT id, order_key FROM ${t}`).all() as { id: string; order_key: string }[])
      out[r.id] = r.order_key;
  return out;
};
const order = (s: Store, entity: string) =>
  s.sqlite
    .prepare(`SELECT id FROM ${TABLE[entity]} ORDER BY ${PARENT[entity]}, order_key, id`)
    .pluck()
    .all() as string[];

function leadFrom(ops: readonly SyncOp[], ownerDevice: string): Store {
  const lead = keep(freshStore('Lead').store);
  engine.applyOps(lead, ops, { asRole: 'lead', from: { device: ownerDevice, person: 'Owner' } });
  return lead;
}

describe('keyAtPosition', () => {
  it('is the key migration 0006 gives the row at that position, and past the last known position the end', () => {
    const keys = keysAfter(null, LAST_KNOWN_POSITION + 1);
    for (let p = 0; p <= LAST_KNOWN_POSITION; p++) expect(keyAtPosition(p)).toBe(keys[p]);
    const end = keyAtPosition(LAST_KNOWN_POSITION);
    for (const x of [undefined, null, -1, 1.5, 'two', LAST_KNOWN_POSITION + 10]) expect(keyAtPosition(x)).toBe(end);
    expect(end.length).toBeLessThanOrEqual(101);
  });
});

describe('ops from a build before order keys', () => {
  it('key each new row by its position among its siblings, in the owner order, the same in any delivery order', () => {
    const { ops, owner, planId, positions } = oldInvitation();
    const device = engine.deviceId(owner);
    const lead = leadFrom(ops, device);
    const keys = keysOf(lead);
    expect(Object.keys(keys).length).toBe(positions.size);
    for (const [id, p] of positions) expect(keys[id]).toBe(keyAtPosition(p));
    for (const entity of ORDERED) expect(order(lead, entity)).toEqual(order(owner, entity));
    const tree = (s: Store) => {
      const t = getPlanTree(s, planId);
      return [t.sections.map((x) => x.id), t.objectives.map((x) => x.id), t.actions.map((x) => [x.id, x.reference])];
    };
    expect(tree(lead)).toEqual(tree(owner));

    // Any order of delivery, in any number of packs, gives the same keys on every copy.
    fc.assert(
      fc.property(
        fc.array(fc.nat(), { minLength: ops.length, maxLength: ops.length }),
        fc.integer({ min: 1, max: 4 }),
        (weights, packs) => {
          const shuffled = ops.map((op, i) => ({ op, w: weights[i]! })).sort((a, b) => a.w - b.w);
          const copy = keep(freshStore('Other lead').store);
          const size = Math.ceil(shuffled.length / packs);
          for (let i = 0; i < shuffled.length; i += size)
            engine.applyOps(
              copy,
              shuffled.slice(i, i + size).map((x) => x.op),
              { asRole: 'lead', from: { device, person: 'Owner' } },
            );
          expect(engine.pendingRows(copy, planId)).toEqual([]);
          expect(keysOf(copy)).toEqual(keys);
          expect(engine.canonicalDump(copy, planId)).toBe(engine.canonicalDump(lead, planId));
        },
      ),
      { numRuns: 6 },
    );
  });

  it("an old build's move (a position op) re-keys the row; a row with no position goes to the end", () => {
    const { ops, owner, planId } = oldInvitation();
    const device = engine.deviceId(owner);
    const lead = leadFrom(ops, device);
    const section = getPlanTree(lead, planId).sections[0]!;
    const inSection = () =>
      lead.sqlite
        .prepare('SELECT id FROM actions WHERE section_id = ? ORDER BY order_key, id')
        .pluck()
        .all(section.id) as string[];
    const before = inSection();
    expect(before.length).toBeGreaterThan(1);
    const first = before[0]!;
    const create = ops.find((o) => o.rowId === first && o.field === '$create')!;
    const move = (seq: number, position: unknown): SyncOp => ({
      ...create,
      id: `${device}:${seq}`,
      seq,
      hlc: create.hlc.replace(/^\d{13}/, (ms) => String(Number(ms) + seq)),
      field: 'position',
      value: position,
      parents: [create.id],
    });
    const top = Math.max(...ops.map((o) => o.seq));
    engine.applyOps(lead, [move(top + 1, before.length)], { asRole: 'lead', from: { device, person: 'Owner' } });
    expect(inSection()).toEqual([...before.slice(1), first]);
    expect(keysOf(lead)[first]).toBe(keyAtPosition(before.length));

    // A create op with neither a key nor a position (say, a damaged old pack) goes to the end, ties by id.
    const bare = ops.map((op) =>
      op.entity === 'action' && op.field === '$create'
        ? { ...op, value: { ...(op.value as Record<string, unknown>), position: undefined } }
        : op,
    );
    const other = leadFrom(
      bare.map((o) => JSON.parse(JSON.stringify(o)) as SyncOp),
      device,
    );
    const actionKeys = other.sqlite.prepare('SELECT DISTINCT order_key FROM actions').pluck().all();
    expect(actionKeys).toEqual([keyAtPosition(undefined)]);
  });
});

describe('migration 7 on a version-6 store', () => {
  it("drops the register rows' plan index and keeps the plan, its conflicts and later merges", async () => {
    const dir = tempDir();
    const file = path.join(dir, 'owner.sqlite');
    let owner = openStore(file, { actor: 'Owner', migrations: MIGRATIONS.slice(0, 6) });
    expect(owner.schemaVersion).toBe(6);
    const plan = createPlanFromDraft(owner, smallDraft(), 'Owner');
    engine.enableSync(owner, plan.id, { role: 'owner' });
    const other = keep(freshStore('Owner').store);
    engine.applyOps(other, engine.opsFor(owner, plan.id), {
      asRole: 'lead',
      from: { device: engine.deviceId(owner), person: 'Owner' },
    });
    engine.setPlanRole(other, plan.id, { role: 'owner', person: null, ownerDevice: engine.deviceId(other) });
    const t = getPlanTree(owner, plan.id);
    const rate = (s: Store, key: string, text: string) =>
      setRating(
        s,
        {
          actionId: t.actions[0]!.id,
          periodId: t.periods[0]!.id,
          levelId: t.levels.find((l) => l.key === key)!.id,
          explanation: text,
          correctiveAction: '',
        },
        'Owner',
      );
    rate(owner, 'G', 'One view');
    rate(other, 'A', 'Another view');
    engine.applyOps(owner, engine.opsFor(other, plan.id, { since: engine.versionVector(owner, plan.id) }), {
      asRole: 'lead',
      from: { device: engine.deviceId(other), person: 'Owner' },
    });
    const index = (s: Store) =>
      s.sqlite
        .prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'sync_heads_plan'")
        .pluck()
        .get();
    expect(index(owner)).toBe(1);
    const dump = engine.canonicalDump(owner, plan.id);
    const conflicts = engine.listConflicts(owner, plan.id);
    expect(conflicts.map((c) => c.field)).toContain('explanation');
    await owner.close();

    owner = keep(openStore(file, { actor: 'Owner' }));
    expect(owner.schemaVersion).toBe(7);
    expect(index(owner)).toBe(0);
    expect(engine.canonicalDump(owner, plan.id)).toBe(dump);
    expect(engine.listConflicts(owner, plan.id)).toEqual(conflicts);
    expect(owner.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    for (const c of conflicts) engine.resolveConflict(owner, plan.id, c.id, { keep: c.versions[1]!.opId }, 'Owner');
    expect(engine.listConflicts(owner, plan.id)).toEqual([]);
    engine.applyOps(other, engine.opsFor(owner, plan.id, { since: engine.versionVector(other, plan.id) }), {
      asRole: 'lead',
      from: { device: engine.deviceId(owner), person: 'Owner' },
    });
    expect(engine.canonicalDump(other, plan.id)).toBe(engine.canonicalDump(owner, plan.id));
  });
});
