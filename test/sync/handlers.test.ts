/**
 * The sync channels through the dispatcher (outputs checked against the contract): dialogs choose every
 * path, a cancelled dialog writes nothing, the returns board and the import reports.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../db';
import type { Channel, InputOf, OutputOf } from '../../shared/contract';
import { createDispatcher } from '../../shared/dispatch';
import type { Result } from '../../shared/result';
import { createAppHandlers } from '../../electron/handlers';
import type { Host } from '../../electron/host';

let dir: string;
const stores: Store[] = [];
afterAll(async () => {
  for (const s of stores) await s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function app(name: string, actor: string) {
  const dialog = { save: null as string | null, open: null as string | null, folder: null as string | null };
  const host: Host = {
    chooseSavePath: async () => dialog.save,
    chooseOpenPath: async () => dialog.open,
    chooseFolder: async () => dialog.folder,
    showItemInFolder: () => undefined,
    openPath: async () => undefined,
  };
  const store = openStore(path.join(dir, `${name}.sqlite`), { actor });
  stores.push(store);
  const dispatch = createDispatcher(createAppHandlers({ store, host }), { validateOutput: true });
  const invoke = <C extends Channel>(channel: C, input: InputOf<C>) =>
    dispatch(channel, input, { actor, emit: () => undefined }) as Promise<Result<OutputOf<C>>>;
  const call = async <C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> => {
    const r = await invoke(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  return { store, dialog, invoke, call };
}

describe('sync channels', () => {
  let owner: ReturnType<typeof app>;
  let lead: ReturnType<typeof app>;
  let planId: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-sync-handlers-'));
    owner = app('owner', 'A Okafor');
    lead = app('lead', 'F Dunmore');
    planId = (await owner.call('plans:createSample', { today: null })).id;
  });

  it('a plan starts unshared; its leads are listed for "Send to leads"', async () => {
    expect(await owner.call('sync:status', { planId })).toMatchObject({ role: null, conflicts: 0, heldBack: 0 });
    const leads = await owner.call('sync:leads', { planId });
    expect(leads.find((l) => l.lead === 'Service Lead F Dunmore')).toMatchObject({ invitedAt: null });
    expect(leads.find((l) => l.lead === 'Service Lead F Dunmore')!.actions).toBeGreaterThan(0);
  });

  it('a cancelled save dialog answers cancelled and writes no file', async () => {
    const r = await owner.invoke('sync:writePack', { planId, lead: null });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('invalid_input'); // not shared yet: refused before any dialog
    owner.dialog.save = null;
    const cancelled = await owner.invoke('sync:invite', { planId, lead: 'Service Lead F Dunmore' });
    expect(!cancelled.ok && cancelled.error.code).toBe('cancelled');
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.planwright-pack'))).toEqual([]);
  });

  it('invite, open, return, open: the returns board and the import reports', async () => {
    owner.dialog.save = path.join(dir, 'invite');
    const invite = await owner.call('sync:invite', { planId, lead: 'Service Lead F Dunmore' });
    expect(invite.path).toBe(path.join(dir, 'invite.planwright-pack'));
    expect(invite.kind).toBe('invitation');

    lead.dialog.open = invite.path;
    const opened = await lead.call('sync:open', {});
    expect(opened).toMatchObject({ planId, kind: 'invitation', duplicatePack: false });
    expect(await lead.call('sync:status', { planId })).toMatchObject({
      role: 'lead',
      person: 'Service Lead F Dunmore',
    });

    const tree = await lead.call('plans:get', { planId });
    const jan = tree.periods.find((p) => p.label === 'March 2026')!;
    const a22 = tree.actions.find((a) => a.reference === '2.2')!;
    await lead.call('progress:add', { actionId: a22.id, periodId: jan.id, body: 'March update from the lead.' });
    lead.dialog.save = path.join(dir, 'return.planwright-pack');
    const ret = await lead.call('sync:writePack', { planId, lead: null });
    expect(ret.ops).toBeGreaterThan(0);

    owner.dialog.open = ret.path;
    const report = await owner.call('sync:open', {});
    expect(report.applied).toBeGreaterThan(0);
    expect(report.from.lead).toBe('Service Lead F Dunmore');

    const board = await owner.call('sync:returns', { planId, periodId: jan.id });
    expect(board.periodLabel).toBe('March 2026');
    const row = board.rows.find((r) => r.lead === 'Service Lead F Dunmore')!;
    expect(row.packs).toBe(1);
    expect(row.lastReturnAt).not.toBeNull();
    expect(row.updates).toBe(1);
    expect(row.outstanding.map((o) => o.reference)).not.toContain('2.2');
    expect(row.outstanding.length).toBe(row.actions - 1);

    const received = await owner.call('sync:received', { planId });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ kind: 'update', lead: 'Service Lead F Dunmore' });

    // Opening the same file again is reported as a duplicate and changes nothing.
    const again = await owner.call('sync:open', {});
    expect(again.duplicatePack).toBe(true);
    expect(await owner.call('sync:received', { planId })).toHaveLength(1);
  });

  it('a refused pack is a clear invalid_input, never internal', async () => {
    fs.writeFileSync(path.join(dir, 'junk.planwright-pack'), 'not a pack at all');
    owner.dialog.open = path.join(dir, 'junk.planwright-pack');
    const r = await owner.invoke('sync:open', {});
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatchObject({
      code: 'invalid_input',
      message: 'This file is not a Planwright update pack.',
    });
  });

  it('the shared folder: chosen once, remembered, and a pass both ways', async () => {
    const folder = path.join(dir, 'shared');
    fs.mkdirSync(folder);
    lead.dialog.folder = folder;
    const tree = await lead.call('plans:get', { planId });
    const p = tree.periods.find((x) => x.label === 'March 2026')!;
    const a25 = tree.actions.find((a) => a.reference === '2.5')!;
    await lead.call('progress:add', { actionId: a25.id, periodId: p.id, body: 'Through the folder.' });
    const first = await lead.call('sync:folder', { planId });
    expect(first.folder).toBe(folder);
    expect(first.written?.ops).toBeGreaterThan(0);
    lead.dialog.folder = null; // remembered: no dialog the second time
    await lead.call('sync:folder', { planId });

    owner.dialog.folder = folder;
    const pass = await owner.call('sync:folder', { planId });
    expect(pass.opened.length).toBeGreaterThanOrEqual(1);
    const after = await owner.call('plans:get', { planId });
    expect(after.progress.some((x) => x.body === 'Through the folder.')).toBe(true);
  });
});
