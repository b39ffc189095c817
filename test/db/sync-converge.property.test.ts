/**
 * Convergence of the merge over real stores (temp files): an owner, two leads and a cloned copy of a
 * lead's store; random edits, random delivery of cumulative packs (duplicated, dropped, any order,
 * partitions), clocks skewed up to a year either way. After a final exchange every copy shows the same
 * plan, no op is lost, and applying everything again changes nothing.
 */
import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPlanFromDraft, getPlanTree, openStore, type Store } from '../../db';
import { addProgress, updateProgress } from '../../db/services/progress';
import { setRating } from '../../db/services/ratings';
import { updateAction } from '../../db/services/actions';
import * as engine from '../../electron/sync/engine';
import type { PlanDraft } from '../../shared/draft';
import { rowCounts, smallDraft } from './helpers';

const YEAR = 365 * 24 * 3600 * 1000;
const LEADS = ['J Tynan AD', 'Service Lead F Dunmore'] as const;

function draft(): PlanDraft {
  const d = smallDraft();
  // Give the second lead actions of their own.
  (d.sections ?? []).forEach((s, i) =>
    (s.actions ?? []).forEach((a, j) => (a.leads = [{ name: LEADS[(i + j) % 2]! }])),
  );
  return d;
}

interface Device {
  store: Store;
  person: string;
  role: 'owner' | 'lead';
  file: string;
}

type Step =
  | { t: 'rate'; dev: number; action: number; level: number; text: string }
  | { t: 'progress'; dev: number; action: number; text: string }
  | { t: 'edit-progress'; dev: number; nth: number; text: string }
  | { t: 'owner-edit'; action: number; text: string }
  | { t: 'deliver'; from: number; to: number; dup: boolean; drop: boolean }
  | { t: 'partial'; from: number; to: number; keep: boolean[]; seed: number }
  | { t: 'clone' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    t: fc.constant('rate' as const),
    dev: fc.nat(3),
    action: fc.nat(5),
    level: fc.nat(3),
    text: fc.string({ maxLength: 6 }),
  }),
  fc.record({
    t: fc.constant('progress' as const),
    dev: fc.nat(3),
    action: fc.nat(5),
    text: fc.string({ maxLength: 6 }),
  }),
  fc.record({
    t: fc.constant('edit-progress' as const),
    dev: fc.nat(3),
    nth: fc.nat(5),
    text: fc.string({ maxLength: 6 }),
  }),
  fc.record({ t: fc.constant('owner-edit' as const), action: fc.nat(5), text: fc.string({ maxLength: 6 }) }),
  fc.record({
    t: fc.constant('deliver' as const),
    from: fc.nat(3),
    to: fc.nat(3),
    dup: fc.boolean(),
    drop: fc.boolean(),
  }),
  fc.record({
    t: fc.constant('partial' as const),
    from: fc.nat(3),
    to: fc.nat(3),
    keep: fc.array(fc.boolean(), { maxLength: 40 }),
    seed: fc.nat(),
  }),
  fc.constant({ t: 'clone' as const }),
);

function run(steps: Step[], skews: number[]): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-sync-prop-'));
  const devices: Device[] = [];
  const clockFor = (skew: number) => {
    let t = Date.parse('2026-03-01T09:00:00.000Z') + skew;
    return () => new Date((t += 7));
  };
  try {
    const owner = openStore(path.join(dir, 'owner.sqlite'), { actor: 'Owner', now: clockFor(skews[0]!) });
    devices.push({ store: owner, person: 'Owner', role: 'owner', file: path.join(dir, 'owner.sqlite') });
    const plan = createPlanFromDraft(owner, draft(), 'Owner');
    engine.enableSync(owner, plan.id, { role: 'owner' });
    const ownerDev = engine.deviceId(owner);
    LEADS.forEach((name, i) => {
      const file = path.join(dir, `lead${i}.sqlite`);
      const s = openStore(file, { actor: name, now: clockFor(skews[i + 1]!) });
      engine.applyOps(s, engine.opsFor(owner, plan.id, { forLead: name }), {
        asRole: 'lead',
        from: { device: ownerDev, person: 'Owner' },
      });
      engine.recordAck(s, plan.id, ownerDev, engine.versionVector(owner, plan.id));
      engine.setPlanRole(s, plan.id, { role: 'lead', person: name, ownerDevice: ownerDev });
      devices.push({ store: s, person: name, role: 'lead', file });
    });

    /** One cumulative pack from a to b (everything b has not acknowledged), optionally lost or doubled. */
    const deliver = (a: Device, b: Device, dup = false, drop = false) => {
      if (a === b || (a.role === 'lead' && b.role === 'lead')) return; // leads talk only to the owner
      const ops = engine.opsFor(a.store, plan.id, {
        since: engine.ackOf(a.store, plan.id, engine.deviceId(b.store)),
        forLead: b.role === 'lead' ? b.person : null,
      });
      if (drop) return;
      const from = { device: engine.deviceId(a.store), person: a.role === 'owner' ? 'Owner' : a.person };
      for (let k = 0; k < (dup ? 2 : 1); k++) engine.applyOps(b.store, ops, { asRole: b.role, from });
      // The pack's header carries the sender's acknowledgements.
      engine.recordAck(b.store, plan.id, from.device, engine.versionVector(a.store, plan.id));
      // b now holds a's ops; a learns that from b's next pack, modelled here as an immediate ack.
      engine.recordAck(a.store, plan.id, engine.deviceId(b.store), engine.versionVector(b.store, plan.id));
    };

    for (const s of steps) {
      const dev = (i: number) => devices[i % devices.length]!;
      const tree = () => getPlanTree(devices[0]!.store, plan.id);
      if (s.t === 'deliver') deliver(dev(s.from), dev(s.to), s.dup, s.drop);
      else if (s.t === 'partial') {
        // A whole pack arriving as two batches in the wrong order, each shuffled: a child op can come
        // before its parent and a row's fields before the row (they wait, and are retried).
        const a = dev(s.from);
        const b = dev(s.to);
        if (a === b || (a.role === 'lead' && b.role === 'lead')) continue;
        const ops = engine.opsFor(a.store, plan.id, {
          since: engine.ackOf(a.store, plan.id, engine.deviceId(b.store)),
          forLead: b.role === 'lead' ? b.person : null,
        });
        let x = s.seed;
        const shuffled = ops
          .map((o) => ({ o, k: (x = (x * 1103515245 + 12345) % 2147483648) }))
          .sort((p, q) => p.k - q.k)
          .map((p) => p.o);
        const later = shuffled.filter((_, i) => s.keep[i % Math.max(1, s.keep.length)] ?? true);
        const earlier = shuffled.filter((_, i) => !(s.keep[i % Math.max(1, s.keep.length)] ?? true));
        const from = { device: engine.deviceId(a.store), person: a.role === 'owner' ? 'Owner' : a.person };
        engine.applyOps(b.store, later, { asRole: b.role, from });
        engine.applyOps(b.store, earlier, { asRole: b.role, from });
        engine.recordAck(a.store, plan.id, engine.deviceId(b.store), engine.versionVector(b.store, plan.id));
      } else if (s.t === 'clone') {
        const src = devices.find((d) => d.role === 'lead')!;
        if (devices.length >= 5) continue;
        const file = path.join(dir, `clone${devices.length}.sqlite`);
        src.store.sqlite.exec(`VACUUM INTO '${file.replace(/'/g, "''")}'`);
        const s2 = openStore(file, { actor: src.person, now: clockFor(skews[3]!) });
        expect(engine.deviceId(s2)).not.toBe(engine.deviceId(src.store));
        devices.push({ store: s2, person: src.person, role: 'lead', file });
      } else if (s.t === 'owner-edit') {
        const t = tree();
        const a = t.actions[s.action % t.actions.length]!;
        updateAction(devices[0]!.store, { actionId: a.id, patch: { description: `Owner ${s.text}` } }, 'Owner');
      } else {
        const d = dev(s.dev);
        const t = getPlanTree(d.store, plan.id);
        const mine =
          d.role === 'owner'
            ? t.actions
            : t.actions.filter((a) => a.leads.some((l) => engine.leadMatches(l.name, d.person)));
        if (mine.length === 0) continue;
        const period = t.periods[t.periods.length - 1]!;
        if (s.t === 'rate') {
          const a = mine[s.action % mine.length]!;
          setRating(
            d.store,
            {
              actionId: a.id,
              periodId: period.id,
              levelId: t.levels[s.level % t.levels.length]!.id,
              explanation: s.text,
              correctiveAction: '',
            },
            d.person,
          );
        } else if (s.t === 'progress') {
          addProgress(
            d.store,
            { actionId: mine[s.action % mine.length]!.id, periodId: period.id, body: `P ${s.text}`, internal: false },
            d.person,
          );
        } else {
          const own = t.progress.filter((p) => p.author === d.person);
          if (own.length === 0) continue;
          updateProgress(
            d.store,
            { progressId: own[s.nth % own.length]!.id, patch: { body: `E ${s.text}` } },
            d.person,
          );
        }
      }
    }

    // Heal: two full rounds through the hub.
    for (let round = 0; round < 2; round++) {
      for (const d of devices.slice(1)) deliver(d, devices[0]!);
      for (const d of devices.slice(1)) deliver(devices[0]!, d);
    }
    const dumps = devices.map((d) => engine.canonicalDump(d.store, plan.id));
    for (const d of dumps) expect(d).toBe(dumps[0]);
    const conflicts = devices.map((d) =>
      JSON.stringify(engine.listConflicts(d.store, plan.id).map((c) => [c.id, c.versions.map((v) => v.opId).sort()])),
    );
    for (const c of conflicts) expect(c).toBe(conflicts[0]);
    // No update lost: every op any device wrote is on the owner's copy, applied, and nothing is held.
    expect(engine.listHeld(owner, plan.id)).toEqual([]);
    const ownerOps = new Set(engine.opsFor(owner, plan.id).map((o) => o.id));
    for (const d of devices) for (const o of engine.opsFor(d.store, plan.id)) expect(ownerOps.has(o.id)).toBe(true);
    // Applying everything again changes nothing.
    const before = rowCounts(owner);
    const all = engine.opsFor(owner, plan.id);
    const again = engine.applyOps(owner, all, {
      asRole: 'owner',
      from: { device: engine.deviceId(devices[1]!.store), person: LEADS[0] },
    });
    expect(again.applied).toBe(0);
    expect(rowCounts(owner)).toEqual(before);
    expect(engine.canonicalDump(owner, plan.id)).toBe(dumps[0]);
  } finally {
    for (const d of devices) void d.store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('merge convergence (fast-check, real stores)', () => {
  it('owner, two leads and a cloned copy converge whatever the delivery order, loss, duplication and clock skew', () => {
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 5, maxLength: 30 }),
        fc.array(fc.integer({ min: -YEAR, max: YEAR }), { minLength: 4, maxLength: 4 }),
        (steps, skews) => run(steps, skews),
      ),
      { numRuns: 25 },
    );
  }, 240_000);
});
