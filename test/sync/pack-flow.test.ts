/**
 * Packs between real stores (temp files): trust and enrolment, refusals that change nothing, duplicates,
 * and the shared folder pass over a flaky folder (truncated files, conflict copies, late delivery).
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlanTree, openStore, type Store } from '../../db';
import { createDispatcher } from '../../shared/dispatch';
import { createAppHandlers } from '../../electron/handlers';
import { headlessHost } from '../../electron/host';
import { syncFolder } from '../../electron/sync/folder-sync';
import { encodePack, PackError, publicKeyText } from '../../electron/sync/pack';
import { makeInvitation, makeReturn, openPack, receivedPacks } from '../../electron/sync/pack-flow';

let dir: string;
const stores: Store[] = [];
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-packflow-'));
});
afterAll(async () => {
  for (const s of stores) await s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function store(name: string, actor: string): Store {
  const s = openStore(path.join(dir, `${name}.sqlite`), { actor });
  stores.push(s);
  return s;
}

async function call(s: Store, channel: string, input: unknown): Promise<unknown> {
  const r = await createDispatcher(createAppHandlers({ store: s, host: headlessHost }))(channel, input, {
    actor: s.actor(),
    emit: () => undefined,
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function refusal(fn: () => unknown): PackError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PackError);
    return error as PackError;
  }
  throw new Error('expected a PackError');
}

/** A dump of what a merge may change, to prove a refusal wrote nothing. */
const dump = (s: Store, planId: string) => {
  const t = getPlanTree(s, planId);
  return JSON.stringify({ a: t.actions, r: t.ratings, p: t.progress, received: receivedPacks(s, planId) });
};

async function progress(s: Store, planId: string, ref: string, period: string, body: string): Promise<void> {
  const t = getPlanTree(s, planId);
  const action = t.actions.find((a) => a.reference === ref)!;
  const p = t.periods.find((x) => x.label === period)!;
  await call(s, 'progress:add', { actionId: action.id, periodId: p.id, body });
}

describe('packs between stores', () => {
  let owner: Store;
  let lead: Store;
  let planId: string;

  beforeAll(async () => {
    owner = store('owner', 'A Okafor');
    lead = store('lead', 'F Dunmore');
    planId = ((await call(owner, 'plans:createSample', { today: null })) as { id: string }).id;
  });

  it('an invitation makes the lead copy; opening it twice is a duplicate', () => {
    const invite = makeInvitation(owner, planId, 'F Dunmore');
    expect(() => openPack(owner, invite.bytes)).toThrow(/made on this device/);
    const r = openPack(lead, invite.bytes);
    expect(r).toMatchObject({ planId, kind: 'invitation', duplicatePack: false, heldBack: [] });
    expect(getPlanTree(lead, planId).actions.length).toBe(getPlanTree(owner, planId).actions.length);
    const again = openPack(lead, invite.bytes);
    expect(again.duplicatePack).toBe(true);
    expect(again.applied).toBe(0);
  });

  it("refuses an invitation for a plan this store owns, and a pack for a plan that isn't here", async () => {
    const other = store('other', 'M Haworth');
    const invite = makeInvitation(owner, planId, 'M Haworth');
    // A lead's pack opened in a store that has never seen the plan.
    await progress(lead, planId, '2.2', 'January 2026', 'From the lead.');
    const ret = makeReturn(lead, planId);
    const e = refusal(() => openPack(other, ret.bytes));
    expect(e.message).toContain('not in this plan store');
    openPack(other, invite.bytes);
    // Another lead's copy does not take F Dunmore's pack: it is for the owner.
    expect(refusal(() => openPack(other, ret.bytes)).message).toContain('it is for the plan');
  });

  it("the owner binds the lead's device on its first pack, then refuses another key for it", () => {
    const ret = makeReturn(lead, planId);
    const before = dump(owner, planId);
    const r = openPack(owner, ret.bytes);
    expect(r.from.lead).toBe('F Dunmore');
    expect(r.applied).toBeGreaterThan(0);
    expect(dump(owner, planId)).not.toBe(before);

    // Same device id, a different key (a stolen device id): refused, nothing written.
    const thief = generateKeyPairSync('ed25519');
    const text = strFromU8(gunzipSync(ret.bytes));
    const header = JSON.parse(JSON.parse(text.split('\n')[0]!).header as string) as Parameters<
      typeof encodePack
    >[0]['header'];
    const forged = encodePack(
      {
        header: {
          ...header,
          packId: randomUUID(),
          sender: { ...header.sender, publicKey: publicKeyText(thief.publicKey) },
        },
        lines: [],
      },
      thief.privateKey,
    );
    const mid = dump(owner, planId);
    expect(refusal(() => openPack(owner, forged)).message).toContain('signed with a different key than before');
    expect(dump(owner, planId)).toBe(mid);
  });

  it('refuses a pack from a device nobody invited, and an enrolment it cannot prove', () => {
    const stranger = generateKeyPairSync('ed25519');
    const header = {
      packId: randomUUID(),
      kind: 'update' as const,
      planId,
      planTitle: 'x',
      createdAt: new Date().toISOString(),
      sender: {
        deviceId: 'e'.repeat(32),
        publicKey: publicKeyText(stranger.publicKey),
        person: 'Stranger',
        role: 'lead' as const,
      },
      recipient: { lead: null, deviceId: null },
      acks: {},
    };
    const before = dump(owner, planId);
    expect(refusal(() => openPack(owner, encodePack({ header, lines: [] }, stranger.privateKey))).code).toBe(
      'untrusted',
    );
    const fakeEnrolment = {
      ...header,
      packId: randomUUID(),
      enrolment: { inviteId: randomUUID(), proof: '00'.repeat(32) },
    };
    expect(
      refusal(() => openPack(owner, encodePack({ header: fakeEnrolment, lines: [] }, stranger.privateKey))).code,
    ).toBe('untrusted');
    expect(dump(owner, planId)).toBe(before);
  });

  it('a lead copy refuses packs not signed by its owner', () => {
    const other = store('rogue-owner', 'Rogue');
    const rogueKeys = generateKeyPairSync('ed25519');
    const pack = encodePack(
      {
        header: {
          packId: randomUUID(),
          kind: 'update',
          planId,
          planTitle: 'x',
          createdAt: new Date().toISOString(),
          sender: {
            deviceId: 'd'.repeat(32),
            publicKey: publicKeyText(rogueKeys.publicKey),
            person: 'Rogue',
            role: 'owner',
          },
          recipient: { lead: null, deviceId: null },
          acks: {},
        },
        lines: [],
      },
      rogueKeys.privateKey,
    );
    void other;
    expect(refusal(() => openPack(lead, pack)).code).toBe('untrusted');
  });
});

describe('shared folder pass', () => {
  it('owner and lead exchange through a flaky folder: truncated files wait, conflict copies are one pack', async () => {
    const owner = store('f-owner', 'A Okafor');
    const lead = store('f-lead', 'F Dunmore');
    const folder = path.join(dir, 'shared');
    fs.mkdirSync(folder);
    const planId = ((await call(owner, 'plans:createSample', { today: null })) as { id: string }).id;
    openPack(lead, makeInvitation(owner, planId, 'F Dunmore').bytes);

    await progress(lead, planId, '2.2', 'January 2026', 'Through the shared folder.');
    const first = await syncFolder(lead, folder, planId);
    expect(first.written).not.toBeNull();
    const written = first.written!.file;

    // The sync client: a conflict copy, a half-downloaded copy, an empty placeholder, a temp file.
    const bytes = fs.readFileSync(written);
    const base = written.replace(/\.planwright-pack$/, '');
    fs.writeFileSync(`${base} (1).planwright-pack`, bytes);
    fs.writeFileSync(path.join(folder, 'arriving.planwright-pack'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    fs.writeFileSync(path.join(folder, 'placeholder.planwright-pack'), '');
    fs.writeFileSync(path.join(folder, '.x.planwright-pack.1.partial'), 'junk');

    const pass = await syncFolder(owner, folder, planId);
    expect(pass.opened).toHaveLength(1);
    expect(pass.opened[0]!.applied).toBeGreaterThan(0);
    expect(pass.alreadyOpened).toBeGreaterThanOrEqual(1);
    expect(pass.notYet.sort()).toEqual(['arriving.planwright-pack', 'placeholder.planwright-pack']);
    expect(getPlanTree(owner, planId).progress.some((p) => p.body === 'Through the shared folder.')).toBe(true);

    // Late delivery: the file finishes downloading; it is the same pack, so nothing new happens.
    fs.writeFileSync(path.join(folder, 'arriving.planwright-pack'), bytes);
    const later = await syncFolder(owner, folder, planId);
    expect(later.opened.filter((o) => !o.duplicatePack)).toEqual([]);
    expect(later.notYet).toEqual(['placeholder.planwright-pack']);

    // Files are never rewritten or deleted by a pass.
    expect(fs.readFileSync(written).equals(bytes)).toBe(true);
    // The lead's next pass takes the owner's pack (acknowledgements) and writes nothing new.
    const back = await syncFolder(lead, folder, planId);
    expect(back.problems).toEqual([]);
    expect(back.opened.length).toBeGreaterThanOrEqual(1);
  });
});
