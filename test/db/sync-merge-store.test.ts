/**
 * The merge's store layout (schema version 5, db/migrations/0005_sync_merge_speed.ts): implicit register
 * heads for `$create` ops, and the progress search index taken at the end of a merge. The search still
 * finds merged progress text, local edits after a merge are still indexed, and a version-4 store
 * (a head row for every field of every created row) upgrades with the same plan and the same conflicts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPlanFromDraft, getPlanTree, openStore, type Store } from '../../db';
import { MIGRATIONS } from '../../db/migrations';
import { addProgress, updateProgress } from '../../db/services/progress';
import { setRating } from '../../db/services/ratings';
import { search } from '../../db/services/search';
import * as engine from '../../electron/sync/engine';
import { freshStore, smallDraft, tempDir } from './helpers';

const open: Store[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});
const keep = (s: Store) => (open.push(s), s);

const LEAD = 'J Tynan AD';
const found = (store: Store, planId: string, words: string) =>
  search(store, words, planId, 50)
    .filter((h) => h.kind === 'progress')
    .map((h) => h.progressId);
const ftsSound = (store: Store) =>
  expect(() => store.sqlite.exec("INSERT INTO progress_fts(progress_fts) VALUES ('integrity-check')")).not.toThrow();
const createHeads = (store: Store) =>
  Number(
    store.sqlite
      .prepare("SELECT count(*) FROM sync_heads h JOIN sync_ops o ON o.op_id = h.op_id WHERE o.field = '$create'")
      .pluck()
      .get(),
  );

/** The lead's copy of the owner's plan, opened from the owner's ops. */
function invite(owner: Store, planId: string): Store {
  const lead = keep(freshStore(LEAD).store);
  engine.applyOps(lead, engine.opsFor(owner, planId, { forLead: LEAD }), {
    asRole: 'lead',
    from: { device: engine.deviceId(owner), person: 'Owner' },
  });
  engine.setPlanRole(lead, planId, { role: 'lead', person: LEAD, ownerDevice: engine.deviceId(owner) });
  return lead;
}

const send = (from: Store, to: Store, planId: string, asRole: 'owner' | 'lead', person: string) =>
  engine.applyOps(to, engine.opsFor(from, planId, { since: engine.versionVector(to, planId) }), {
    asRole,
    from: { device: engine.deviceId(from), person },
  });

describe('the merge and the search index', () => {
  it('finds merged progress text (new and changed), drops the old words, and indexes later local edits', () => {
    const owner = keep(freshStore('Owner').store);
    const plan = createPlanFromDraft(owner, smallDraft(), 'Owner');
    const t = getPlanTree(owner, plan.id);
    const action = t.actions.find((a) => a.leads.some((l) => l.name === LEAD))!;
    const period = t.periods[1]!;
    const p = addProgress(
      owner,
      { actionId: action.id, periodId: period.id, body: 'Caseworkers recruited', internal: false },
      'Owner',
    );
    engine.enableSync(owner, plan.id, { role: 'owner' });
    const lead = invite(owner, plan.id);
    // A row the merge inserted is found.
    expect(found(lead, plan.id, 'caseworkers')).toEqual([p.id]);

    // A row whose text the merge changed: the new words are found, the old ones no longer.
    updateProgress(owner, { progressId: p.id, patch: { body: 'Apprentices appointed' } }, 'Owner');
    expect(send(owner, lead, plan.id, 'lead', 'Owner').applied).toBeGreaterThan(0);
    expect(getPlanTree(lead, plan.id).progress.find((x) => x.id === p.id)?.body).toBe('Apprentices appointed');
    expect(found(lead, plan.id, 'apprentices')).toEqual([p.id]);
    expect(found(lead, plan.id, 'caseworkers')).toEqual([]);
    ftsSound(lead);
    expect(engine.getMeta(lead, 'search.deferred')).toBeNull();

    // The lead's new update reaches the owner and is found there; the owner's later local edit too.
    const q = addProgress(
      lead,
      { actionId: action.id, periodId: period.id, body: 'Mentoring scheme launched', internal: false },
      LEAD,
    );
    expect(send(lead, owner, plan.id, 'owner', LEAD).heldBack).toEqual([]);
    expect(found(owner, plan.id, 'mentoring')).toEqual([q.id]);
    updateProgress(owner, { progressId: q.id, patch: { body: 'Mentoring scheme evaluated' } }, 'Owner');
    expect(found(owner, plan.id, 'evaluated')).toEqual([q.id]);
    ftsSound(owner);
    // Created rows write no register rows of their own: their heads are implied.
    expect(createHeads(owner)).toBe(0);
    expect(createHeads(lead)).toBe(0);
  });

  it("a merge inside the pack layer's outer transaction leaves the search triggers on for the rest of it", () => {
    const owner = keep(freshStore('Owner').store);
    const plan = createPlanFromDraft(owner, smallDraft(), 'Owner');
    engine.enableSync(owner, plan.id, { role: 'owner' });
    const lead = invite(owner, plan.id);
    const t = getPlanTree(owner, plan.id);
    const action = t.actions.find((a) => a.leads.some((l) => l.name === LEAD))!;
    addProgress(
      owner,
      { actionId: action.id, periodId: t.periods[1]!.id, body: 'Ombudsman consulted', internal: false },
      'Owner',
    );
    const id = lead.sqlite.transaction(() => {
      expect(send(owner, lead, plan.id, 'lead', 'Owner').applied).toBeGreaterThan(0);
      expect(engine.getMeta(lead, 'search.deferred')).toBeNull();
      return addProgress(
        lead,
        { actionId: action.id, periodId: t.periods[1]!.id, body: 'Handbook drafted', internal: false },
        LEAD,
      ).id;
    })();
    expect(found(lead, plan.id, 'ombudsman')).toHaveLength(1);
    expect(found(lead, plan.id, 'handbook')).toEqual([id]);
    ftsSound(lead);
  });
});

describe('upgrading a version-4 store to version 5', () => {
  it('keeps the plan and its conflicts, drops the implied register rows, and the search keeps working', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'owner.sqlite');
    let owner = openStore(file, { actor: 'Owner', migrations: MIGRATIONS.slice(0, 4) });
    expect(owner.schemaVersion).toBe(4);
    const plan = createPlanFromDraft(owner, smallDraft(), 'Owner');
    engine.enableSync(owner, plan.id, { role: 'owner' });
    const lead = invite(owner, plan.id);
    const t = getPlanTree(owner, plan.id);
    const action = t.actions.find((a) => a.leads.some((l) => l.name === LEAD))!;
    const period = t.periods[1]!;
    const level = (key: string) => t.levels.find((l) => l.key === key)!.id;
    const rating = (store: Store, key: string, explanation: string, who: string) =>
      setRating(
        store,
        { actionId: action.id, periodId: period.id, levelId: level(key), explanation, correctiveAction: '' },
        who,
      );
    rating(owner, 'G', 'Owner: on track', 'Owner');
    send(owner, lead, plan.id, 'lead', 'Owner');
    // Both change the rating's explanation without seeing the other's change: a conflict on the owner's copy
    // (the lead's level saw the owner's: no conflict there).
    rating(lead, 'A', 'Lead: slipping', LEAD);
    rating(owner, 'G', 'Owner: still on track', 'Owner');
    expect(send(lead, owner, plan.id, 'owner', LEAD).heldBack).toEqual([]);
    // What version 4 wrote: a head row for every field of every created row that nothing superseded.
    owner.sqlite.exec(`INSERT OR IGNORE INTO sync_heads (row_id, field, op_id, plan_id, entity)
      SELECT o.row_id, j.key, o.op_id, o.plan_id, o.entity FROM sync_ops o JOIN json_each(o.value_json) j
      WHERE o.field = '$create' AND o.status = 'applied'
        AND NOT EXISTS (SELECT 1 FROM sync_edges e WHERE e.parent_id = o.op_id AND e.field = j.key)`);
    expect(createHeads(owner)).toBeGreaterThan(50);
    const dump = engine.canonicalDump(owner, plan.id);
    const conflicts = engine.listConflicts(owner, plan.id);
    expect(conflicts.map((c) => c.field)).toEqual(['explanation']);
    await owner.close();

    owner = keep(openStore(file, { actor: 'Owner', migrations: MIGRATIONS.slice(0, 5) }));
    expect(owner.schemaVersion).toBe(5);
    expect(owner.backupPath).not.toBeNull();
    expect(createHeads(owner)).toBe(0);
    expect(engine.canonicalDump(owner, plan.id)).toBe(dump);
    expect(engine.listConflicts(owner, plan.id)).toEqual(conflicts);
    expect(owner.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');

    // Resolving, merging and searching after the upgrade.
    engine.resolveConflict(owner, plan.id, conflicts[0]!.id, { keep: conflicts[0]!.versions[1]!.opId }, 'Owner');
    expect(engine.listConflicts(owner, plan.id)).toEqual([]);
    const q = addProgress(
      lead,
      { actionId: action.id, periodId: period.id, body: 'Volunteers trained', internal: false },
      LEAD,
    );
    expect(send(lead, owner, plan.id, 'owner', LEAD).heldBack).toEqual([]);
    expect(found(owner, plan.id, 'volunteers')).toEqual([q.id]);
    const r = addProgress(
      owner,
      { actionId: action.id, periodId: period.id, body: 'Budget agreed', internal: false },
      'Owner',
    );
    expect(found(owner, plan.id, 'budget')).toEqual([r.id]);
    ftsSound(owner);
    send(owner, lead, plan.id, 'lead', 'Owner');
    // The owner's copy is held at version 5 here (before order keys, version 6), the lead's is at the newest:
    // only their order keys differ by construction (shared/sync/order.ts; test/db/migration-6-order-keys.test.ts).
    const withoutKeys = (s: Store) => engine.canonicalDump(s, plan.id).replace(/"orderKey":(null|"[^"]*")/g, '');
    expect(withoutKeys(lead)).toBe(withoutKeys(owner));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
