/**
 * Sync benchmark (issue 10). On temp-file stores holding the large plan, shared by its owner and opened
 * on a lead's copy from the owner's ops:
 * - sync.merge_10k_ops_ms: applyOps of 10,000 field ops (5,000 progress texts and 5,000 rating
 *   explanations the owner changed) on the lead's copy of the large plan, one transaction (goal ≤ 1,000 ms);
 *   sync.merge_10k_ops_cpu_ms: its CPU time (less sensitive to a busy shared machine);
 * - sync.merge_10k_ops_checkpoint_ms: the checkpoint the merge's commit no longer runs inside itself (it folds the
 *   merge's write-ahead log into the file just after the answer: db/sync/checkpoint.ts), run and timed right
 *   after the merge; sync.merge_10k_ops_with_checkpoint_ms = the two together (what the merge cost before).
 *   Before the merge, the lead's store checkpoints its write-ahead log (`wal_checkpoint(PASSIVE)`): measured, the
 *   invitation's own commit has already checkpointed every frame, so this finds nothing to do (it is there so
 *   no earlier write's leftovers can be timed; TRUNCATE would make the merge grow the log file from nothing);
 * - sync.merge_10k_ops_owner_ms: the same 10,000 ops as a lead's return on the owner's copy (every op
 *   checked: role, the lead's action, unlocked period);
 * - sync.pack_bytes_per_op: bytes per op of those ops as a signed update pack (electron/sync/pack.ts
 *   encodePack: gzip NDJSON), and sync.invite_bytes_per_op for the whole-plan invitation.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createPlanFromDraft, openStore } from '../db';
import { write, prepare } from '../db/sql';
import * as engine from '../electron/sync/engine';
import { encodePack, publicKeyText } from '../electron/sync/pack';
import type { SyncOp } from '../shared/sync/op';
import { largePlanDraft } from '../shared/samples/large-plan';

function packBytes(planId: string, device: string, ops: SyncOp[]): number {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const bytes = encodePack(
    {
      header: {
        packId: randomUUID(),
        kind: 'update',
        planId,
        planTitle: 'Bench',
        createdAt: new Date().toISOString(),
        sender: { deviceId: device, publicKey: publicKeyText(publicKey), person: 'Bench', role: 'owner' },
        recipient: { lead: null, deviceId: null },
        acks: {},
      },
      lines: ops.map((op) => ({ t: 'op' as const, op })),
    },
    privateKey,
  );
  return bytes.length;
}

export async function benchSync(): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-bench-sync-'));
  try {
    const owner = openStore(path.join(dir, 'owner.sqlite'), { actor: 'Owner' });
    const plan = createPlanFromDraft(owner, largePlanDraft(), 'Owner');
    engine.enableSync(owner, plan.id, { role: 'owner' });
    const invite = engine.opsFor(owner, plan.id, { forLead: '' });
    const lead = openStore(path.join(dir, 'lead.sqlite'), { actor: 'Lead' });
    engine.applyOps(lead, invite, { asRole: 'lead', from: { device: engine.deviceId(owner), person: 'Owner' } });
    const vv = engine.versionVector(lead, plan.id);

    // 10,000 changed fields in one owner write (recorded by the op log like any edit).
    write(owner, 'Owner', (w) => {
      const progress = prepare(
        owner.sqlite,
        'SELECT id FROM progress_updates WHERE plan_id = ? ORDER BY id LIMIT 5000',
      ).all(plan.id) as { id: string }[];
      const ratings = prepare(owner.sqlite, 'SELECT id FROM ratings WHERE plan_id = ? ORDER BY id LIMIT 5000').all(
        plan.id,
      ) as { id: string }[];
      for (const p of progress)
        prepare(owner.sqlite, 'UPDATE progress_updates SET body = body || ?, updated_at = ? WHERE id = ?').run(
          ' (checked)',
          w.at,
          p.id,
        );
      for (const r of ratings)
        prepare(owner.sqlite, 'UPDATE ratings SET explanation = explanation || ?, updated_at = ? WHERE id = ?').run(
          ' Reviewed.',
          w.at,
          r.id,
        );
      w.touched.add(plan.id);
    });
    const ops = engine.opsFor(owner, plan.id, { since: vv });
    if (ops.length !== 10_000) throw new Error(`expected 10,000 ops, got ${ops.length}`);

    // Settle the invitation's write before timing (its commit has checkpointed it already: nothing to do).
    lead.sqlite.pragma('wal_checkpoint(PASSIVE)');
    const cpu = process.cpuUsage();
    let t = performance.now();
    const report = engine.applyOps(lead, ops, {
      asRole: 'lead',
      from: { device: engine.deviceId(owner), person: 'Owner' },
    });
    const merge = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const mergeCpu = (used.user + used.system) / 1000;
    if (report.applied !== 10_000) throw new Error(`applied ${report.applied}`);
    // The checkpoint the merge's commit leaves for just after (db/sync/checkpoint.ts), run and timed now.
    t = performance.now();
    engine.checkpointNow(lead);
    const checkpoint = performance.now() - t;

    // The same ops as a lead's return on a fresh owner-side copy (each op checked).
    const hub = openStore(path.join(dir, 'hub.sqlite'), { actor: 'Owner' });
    engine.applyOps(hub, invite, { asRole: 'lead', from: { device: engine.deviceId(owner), person: 'Owner' } });
    engine.setPlanRole(hub, plan.id, { role: 'owner', person: null, ownerDevice: engine.deviceId(hub) });
    t = performance.now();
    engine.applyOps(hub, ops, { asRole: 'owner', from: { device: engine.deviceId(owner), person: 'Lead' } });
    const mergeOwner = performance.now() - t;

    const figures = {
      'sync.merge_10k_ops_ms': merge,
      'sync.merge_10k_ops_cpu_ms': mergeCpu,
      'sync.merge_10k_ops_checkpoint_ms': checkpoint,
      'sync.merge_10k_ops_with_checkpoint_ms': merge + checkpoint,
      'sync.merge_10k_ops_owner_ms': mergeOwner,
      'sync.pack_bytes_per_op': packBytes(plan.id, engine.deviceId(owner), ops) / ops.length,
      'sync.invite_bytes_per_op': packBytes(plan.id, engine.deviceId(owner), invite) / invite.length,
      'sync.invite_ops': invite.length,
    };
    await Promise.all([owner.close(), lead.close(), hub.close()]);
    return figures;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
