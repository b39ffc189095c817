import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPlanFromDraft, getPlanTree, openStore, type Store } from '../../db';
import { setRating } from '../../db/services/ratings';
import { addProgress, updateProgress } from '../../db/services/progress';
import { updateAction } from '../../db/services/actions';
import * as engine from '../../electron/sync/engine';
import { freshStore, rowCounts, smallDraft } from './helpers';

const open: Store[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

function store(actor: string) {
  const s = freshStore(actor);
  open.push(s.store);
  return s;
}

/** An owner with the small plan shared, and a lead's copy opened from the owner's ops. */
function ownerAndLead(leadName = 'J Tynan AD') {
  const owner = store('Owner');
  const plan = createPlanFromDraft(owner.store, smallDraft(), 'Owner');
  engine.enableSync(owner.store, plan.id, { role: 'owner' });
  const lead = store(leadName);
  const r = engine.applyOps(lead.store, engine.opsFor(owner.store, plan.id, { forLead: leadName }), {
    asRole: 'lead',
    from: { device: engine.deviceId(owner.store), person: 'Owner' },
  });
  engine.setPlanRole(lead.store, plan.id, {
    role: 'lead',
    person: leadName,
    ownerDevice: engine.deviceId(owner.store),
  });
  return { owner: owner.store, lead: lead.store, plan, r };
}

const toOwner = (lead: Store, owner: Store, planId: string, person: string) =>
  engine.applyOps(owner, engine.opsFor(lead, planId, { since: engine.versionVector(owner, planId) }), {
    asRole: 'owner',
    from: { device: engine.deviceId(lead), person },
  });

describe('sync engine', () => {
  it("an invitation's ops rebuild the whole plan on the lead's copy (same synced fields)", () => {
    const { owner, lead, plan, r } = ownerAndLead();
    expect(r.heldBack).toEqual([]);
    expect(r.pending).toBe(0);
    expect(engine.canonicalDump(lead, plan.id)).toBe(engine.canonicalDump(owner, plan.id));
    const a = getPlanTree(owner, plan.id);
    const b = getPlanTree(lead, plan.id);
    expect(b.actions.map((x) => x.reference)).toEqual(a.actions.map((x) => x.reference));
  });

  it("a lead's rating and progress reach the owner; applying twice changes nothing", () => {
    const { owner, lead, plan } = ownerAndLead();
    const t = getPlanTree(lead, plan.id);
    const action = t.actions.find((x) => x.leads.some((l) => l.name === 'J Tynan AD'))!;
    const period = t.periods[1]!;
    const green = t.levels.find((l) => l.key === 'G')!;
    setRating(
      lead,
      { actionId: action.id, periodId: period.id, levelId: green.id, explanation: 'On track', correctiveAction: '' },
      'J Tynan AD',
    );
    const p = addProgress(
      lead,
      { actionId: action.id, periodId: period.id, body: 'Interviews held', internal: false },
      'J Tynan AD',
    );
    const ops = engine.opsFor(lead, plan.id, { since: engine.versionVector(owner, plan.id) });
    const from = { device: engine.deviceId(lead), person: 'J Tynan AD' };
    const rep = engine.applyOps(owner, ops, { asRole: 'owner', from });
    expect(rep.heldBack).toEqual([]);
    expect(rep.applied).toBe(ops.length);
    const o = getPlanTree(owner, plan.id);
    expect(o.ratings.find((x) => x.actionId === action.id && x.periodId === period.id)?.levelId).toBe(green.id);
    expect(o.progress.find((x) => x.id === p.id)?.body).toBe('Interviews held');
    const before = rowCounts(owner);
    const dump = engine.canonicalDump(owner, plan.id);
    const again = engine.applyOps(owner, ops, { asRole: 'owner', from });
    expect(again).toMatchObject({ applied: 0, duplicates: ops.length, heldBack: [] });
    expect(rowCounts(owner)).toEqual(before);
    expect(engine.canonicalDump(owner, plan.id)).toBe(dump);
  });

  it("holds back a lead's change to another lead's action, to a non-lead field and in a locked period, with reasons", () => {
    const { owner, lead, plan } = ownerAndLead();
    const t = getPlanTree(lead, plan.id);
    const mine = t.actions.find((x) => x.leads.some((l) => l.name === 'J Tynan AD'))!;
    const other = t.actions.find((x) => !x.leads.some((l) => l.name === 'J Tynan AD'))!;
    // The lead's own copy refuses these writes (below); a tampered or older copy could still send them:
    // written here as if the copy were not a lead's, the ops still come from the lead's device.
    const role = engine.planSync(lead, plan.id)!;
    engine.setPlanRole(lead, plan.id, { ...role, role: 'owner' });
    setRating(
      lead,
      {
        actionId: other.id,
        periodId: t.periods[1]!.id,
        levelId: t.levels[0]!.id,
        explanation: 'x',
        correctiveAction: '',
      },
      'J Tynan AD',
    );
    updateAction(lead, { actionId: mine.id, patch: { description: 'Rewritten by the lead' } }, 'J Tynan AD');
    engine.setPlanRole(lead, plan.id, role);
    const rep = toOwner(lead, owner, plan.id, 'J Tynan AD');
    expect(rep.heldBack.length).toBeGreaterThanOrEqual(2);
    expect(rep.heldBack.map((h) => h.reason).join('\n')).toMatch(/not a lead of action/);
    expect(rep.heldBack.map((h) => h.reason).join('\n')).toMatch(/only progress updates and ratings/);
    const o = getPlanTree(owner, plan.id);
    expect(o.actions.find((x) => x.id === mine.id)?.description).not.toBe('Rewritten by the lead');
    expect(o.ratings.find((x) => x.actionId === other.id)).toBeUndefined();
    // Accepting applies it; nothing was lost.
    const held = engine.listHeld(owner, plan.id);
    const desc = held.find((h) => h.field === 'description')!;
    engine.acceptHeld(owner, desc.id, 'Owner');
    expect(getPlanTree(owner, plan.id).actions.find((x) => x.id === mine.id)?.description).toBe(
      'Rewritten by the lead',
    );
    expect(engine.listHeld(owner, plan.id).find((h) => h.id === desc.id)).toBeUndefined();
  });

  it('concurrent edits of one field are a conflict with both versions, resolved by a new op whose parents are both heads', () => {
    const { owner, lead, plan } = ownerAndLead();
    const t = getPlanTree(lead, plan.id);
    const action = t.actions.find((x) => x.leads.some((l) => l.name === 'J Tynan AD'))!;
    const period = t.periods[1]!;
    const p = addProgress(
      lead,
      { actionId: action.id, periodId: period.id, body: 'First', internal: false },
      'J Tynan AD',
    );
    toOwner(lead, owner, plan.id, 'J Tynan AD');
    // Both edit the same progress text without seeing each other (the owner as the author's editor is fine: owner writes are never checked).
    updateProgress(lead, { progressId: p.id, patch: { body: 'Lead version' } }, 'J Tynan AD');
    updateProgress(owner, { progressId: p.id, patch: { body: 'Owner version' } }, 'Owner');
    const rep = toOwner(lead, owner, plan.id, 'J Tynan AD');
    expect(rep.conflicts).toBe(1);
    const [c] = engine.listConflicts(owner, plan.id);
    expect(c!.field).toBe('body');
    expect(c!.versions.map((v) => v.value).sort()).toEqual(['Lead version', 'Owner version']);
    expect(c!.base?.value).toBe('First');
    // The lead gets the owner's version too: the same conflict, the same value shown on both copies.
    engine.applyOps(lead, engine.opsFor(owner, plan.id, { since: engine.versionVector(lead, plan.id) }), {
      asRole: 'lead',
    });
    expect(engine.listConflicts(lead, plan.id)).toHaveLength(1);
    expect(engine.canonicalDump(lead, plan.id)).toBe(engine.canonicalDump(owner, plan.id));
    engine.resolveConflict(owner, plan.id, c!.id, { value: 'Lead version. Owner version' }, 'Owner');
    expect(engine.listConflicts(owner, plan.id)).toEqual([]);
    expect(getPlanTree(owner, plan.id).progress.find((x) => x.id === p.id)?.body).toBe('Lead version. Owner version');
    engine.applyOps(lead, engine.opsFor(owner, plan.id, { since: engine.versionVector(lead, plan.id) }), {
      asRole: 'lead',
    });
    expect(engine.listConflicts(lead, plan.id)).toEqual([]);
    expect(engine.canonicalDump(lead, plan.id)).toBe(engine.canonicalDump(owner, plan.id));
  });

  it("a lead's proposed rating meeting the owner's moderated one is ONE conflict, who rated it and when travelling with the level", () => {
    const { owner, lead, plan } = ownerAndLead();
    const t = getPlanTree(lead, plan.id);
    const action = t.actions.find((x) => x.leads.some((l) => l.name === 'J Tynan AD'))!;
    const period = t.periods[1]!;
    const rate = (s: Store, levelId: string, who: string) =>
      setRating(
        s,
        { actionId: action.id, periodId: period.id, levelId, explanation: 'On track.', correctiveAction: '' },
        who,
      );
    rate(lead, t.levels[0]!.id, 'J Tynan AD');
    toOwner(lead, owner, plan.id, 'J Tynan AD');
    // Concurrently: the lead revises the proposal, the owner moderates it to another level.
    rate(lead, t.levels[1]!.id, 'J Tynan AD');
    rate(owner, t.levels[2]!.id, 'Owner');
    const rep = toOwner(lead, owner, plan.id, 'J Tynan AD');
    expect(rep.conflicts).toBe(1);
    const cs = engine.listConflicts(owner, plan.id);
    expect(cs.map((c) => c.field)).toEqual(['levelId']);
    const byLevel = new Map(cs[0]!.versions.map((v) => [v.value, v]));
    expect(byLevel.get(t.levels[1]!.id)?.with?.ratedBy).toBe('J Tynan AD');
    expect(byLevel.get(t.levels[2]!.id)?.with?.ratedBy).toBe('Owner');
    // Keeping the lead's version keeps who rated it too; nothing is left to settle.
    engine.resolveConflict(owner, plan.id, cs[0]!.id, { keep: byLevel.get(t.levels[1]!.id)!.opId }, 'Owner');
    expect(engine.listConflicts(owner, plan.id)).toEqual([]);
    const r = getPlanTree(owner, plan.id).ratings.find((x) => x.actionId === action.id && x.periodId === period.id)!;
    expect(r.levelId).toBe(t.levels[1]!.id);
    expect(r.ratedBy).toBe('J Tynan AD');
    engine.applyOps(lead, engine.opsFor(owner, plan.id, { since: engine.versionVector(lead, plan.id) }), {
      asRole: 'lead',
    });
    expect(engine.listConflicts(lead, plan.id)).toEqual([]);
    expect(engine.canonicalDump(lead, plan.id)).toBe(engine.canonicalDump(owner, plan.id));
  });

  it("a lead's copy refuses local changes to the owner's fields and to other leads' actions, with plain words", () => {
    const { lead, plan } = ownerAndLead();
    const t = getPlanTree(lead, plan.id);
    const mine = t.actions.find((x) => x.leads.some((l) => l.name === 'J Tynan AD'))!;
    const other = t.actions.find((x) => !x.leads.some((l) => l.name === 'J Tynan AD'))!;
    const before = engine.canonicalDump(lead, plan.id);
    const ops = engine.opsFor(lead, plan.id).length;
    expect(() =>
      updateAction(lead, { actionId: mine.id, patch: { description: 'Rewritten by the lead' } }, 'J Tynan AD'),
    ).toThrow(/only progress updates and ratings can be changed here, so the change to the actions was not saved/);
    expect(() =>
      addProgress(
        lead,
        { actionId: other.id, periodId: t.periods[1]!.id, body: 'Not mine', internal: false },
        'J Tynan AD',
      ),
    ).toThrow(/is led by someone else/);
    expect(engine.canonicalDump(lead, plan.id)).toBe(before);
    expect(engine.opsFor(lead, plan.id)).toHaveLength(ops);
    // Their own action's progress and rating are fine.
    addProgress(lead, { actionId: mine.id, periodId: t.periods[1]!.id, body: 'Mine', internal: false }, 'J Tynan AD');
    setRating(
      lead,
      {
        actionId: mine.id,
        periodId: t.periods[1]!.id,
        levelId: t.levels[0]!.id,
        explanation: 'x',
        correctiveAction: '',
      },
      'J Tynan AD',
    );
    expect(engine.opsFor(lead, plan.id).length).toBeGreaterThan(ops);
  });

  it('a copied store file gets a new device id', async () => {
    const a = store('A');
    const id = engine.deviceId(a.store);
    await a.store.close();
    open.splice(open.indexOf(a.store), 1);
    const copy = path.join(a.dir, 'copy.sqlite');
    fs.copyFileSync(a.file, copy);
    const reopened = openStore(a.file);
    const copied = openStore(copy);
    open.push(reopened, copied);
    expect(engine.deviceId(reopened)).toBe(id);
    expect(engine.deviceId(copied)).not.toBe(id);
  });

  it('refuses an unreadable op, writing nothing', () => {
    const { owner } = ownerAndLead();
    const before = rowCounts(owner);
    expect(() => engine.applyOps(owner, [{ id: 'x' }], { asRole: 'owner' })).toThrow(/not one Planwright can read/);
    expect(rowCounts(owner)).toEqual(before);
  });
});

describe('what a lead receives', () => {
  it("leaves out other people's internal progress notes and the owner's notes on actions", () => {
    const owner = freshStore('Owner');
    open.push(owner.store);
    const plan = createPlanFromDraft(owner.store, smallDraft(), 'Owner');
    const t = getPlanTree(owner.store, plan.id);
    const a = t.actions[0]!;
    updateAction(owner.store, { actionId: a.id, patch: { notes: 'Owner only' } }, 'Owner');
    const secret = addProgress(
      owner.store,
      { actionId: a.id, periodId: t.periods[1]!.id, body: 'Internal', internal: true },
      'Owner',
    );
    engine.enableSync(owner.store, plan.id, { role: 'owner' });
    updateAction(owner.store, { actionId: a.id, patch: { notes: 'Still owner only' } }, 'Owner');
    for (const lead of ['J Tynan AD', '']) {
      const ops = engine.opsFor(owner.store, plan.id, { forLead: lead });
      expect(ops.some((o) => o.rowId === secret.id)).toBe(false);
      expect(ops.some((o) => o.entity === 'action' && o.field === 'notes')).toBe(false);
      expect(JSON.stringify(ops)).not.toMatch(/owner only/i);
    }
    expect(engine.opsFor(owner.store, plan.id).some((o) => o.rowId === secret.id)).toBe(true);
  });
});
