/**
 * A merge's commit leaves the write-ahead log's checkpoint for just after its answer (db/sync/checkpoint.ts):
 * the commit runs with the automatic checkpoint off, the setting comes back, and the checkpoint runs on the
 * next turn of the event loop (or at once through `checkpointNow`); the merged data is there either way.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPlanFromDraft, getPlanTree, type Store } from '../../db';
import { setRating } from '../../db/services/ratings';
import * as engine from '../../electron/sync/engine';
import { freshStore, smallDraft } from './helpers';

const open: Store[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const s of open.splice(0)) await s.close();
});
const keep = (s: Store) => (open.push(s), s);

function twoCopies() {
  const owner = keep(freshStore('Owner').store);
  const plan = createPlanFromDraft(owner, smallDraft(), 'Owner');
  engine.enableSync(owner, plan.id, { role: 'owner' });
  const lead = keep(freshStore('Lead').store);
  const from = { device: engine.deviceId(owner), person: 'Owner' };
  return { owner, lead, plan, from };
}

describe('the merge and the checkpoint', () => {
  it('commits without the automatic checkpoint, restores the setting and checkpoints on the next turn', async () => {
    const { owner, lead, plan, from } = twoCopies();
    const calls: string[] = [];
    const pragma = lead.sqlite.pragma.bind(lead.sqlite);
    vi.spyOn(lead.sqlite, 'pragma').mockImplementation(((source: string, options?: { simple?: boolean }) => {
      calls.push(source);
      return pragma(source, options);
    }) as typeof lead.sqlite.pragma);
    const before = Number(pragma('wal_autocheckpoint', { simple: true }));
    const report = engine.applyOps(lead, engine.opsFor(owner, plan.id), { asRole: 'lead', from });
    expect(report.applied).toBeGreaterThan(10);
    expect(calls).toContain('wal_autocheckpoint = 0');
    expect(calls).not.toContain('wal_checkpoint(PASSIVE)');
    expect(Number(pragma('wal_autocheckpoint', { simple: true }))).toBe(before);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls.filter((c) => c === 'wal_checkpoint(PASSIVE)')).toHaveLength(1);
    expect(getPlanTree(lead, plan.id).actions.length).toBe(getPlanTree(owner, plan.id).actions.length);
  });

  it('checkpointNow runs the waiting checkpoint at once; inside an outer transaction the outer commit decides', () => {
    const { owner, lead, plan, from } = twoCopies();
    engine.applyOps(lead, engine.opsFor(owner, plan.id), { asRole: 'lead', from });
    engine.checkpointNow(lead);
    const frames = lead.sqlite.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
    expect(frames[0]!.log).toBe(frames[0]!.checkpointed);
    engine.checkpointNow(lead); // nothing waiting: nothing happens

    const t = getPlanTree(owner, plan.id);
    setRating(
      owner,
      {
        actionId: t.actions[0]!.id,
        periodId: t.periods[0]!.id,
        levelId: t.levels[0]!.id,
        explanation: 'Checked',
        correctiveAction: '',
      },
      'Owner',
    );
    const spy = vi.spyOn(lead.sqlite, 'pragma');
    lead.sqlite
      .transaction(() =>
        engine.applyOps(lead, engine.opsFor(owner, plan.id, { since: engine.versionVector(lead, plan.id) }), {
          asRole: 'lead',
          from,
        }),
      )
      .immediate();
    expect(spy).not.toHaveBeenCalledWith('wal_autocheckpoint = 0');
    expect(engine.canonicalDump(lead, plan.id)).toBe(engine.canonicalDump(owner, plan.id));
  });
});
