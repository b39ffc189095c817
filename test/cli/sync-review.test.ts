/**
 * The lead sees which of their updates the owner has accepted (issue 10), from the owner's re-published pack:
 * "accepted" (by whom, when), "waiting" (not returned, or the owner has not opened it), "held" (with the
 * owner's reason). Packs made and opened on the command line (in process); the status read through the
 * `sync:myUpdates` channel on the lead's store.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../db';
import { createAppHandlers } from '../../electron/handlers';
import { headlessHost } from '../../electron/host';
import type { Channel, InputOf, OutputOf } from '../../shared/contract';
import { createDispatcher } from '../../shared/dispatch';
import { runMain } from './run-main';

let dir: string;
const f = (name: string) => path.join(dir, name);

async function ok(...args: string[]): Promise<string> {
  const r = await runMain(...args);
  expect(r.stderr, `planwright ${args.join(' ')}`).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

/** One contract call on a store file, as the app would make it. */
async function call<C extends Channel>(db: string, channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const store = openStore(db, { actor: 'Owner' });
  try {
    const r = await createDispatcher(createAppHandlers({ store, host: headlessHost }))(channel, input, {
      actor: 'A Okafor',
      emit: () => undefined,
    });
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.value as OutputOf<C>;
  } finally {
    await store.close();
  }
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-review-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the lead sees which updates the owner accepted', { timeout: 120_000 }, () => {
  it('waiting until the owner re-publishes; then accepted by the owner on the date, or held back with the reason', async () => {
    const owner = f('owner.sqlite');
    const lead = f('lead.sqlite');
    const planId = (JSON.parse(await ok('sample', '--db', owner, '--as-of', '2026-02-13', '--json')) as { id: string })
      .id;
    await ok('pack', 'invite', planId, '--lead', 'F Dunmore', '--out', f('invite.planwright-pack'), '--db', owner);
    await ok('pack', 'open', f('invite.planwright-pack'), '--db', lead);

    // An update the owner will accept.
    await ok('update', planId, '2.2', '--progress', 'Audit moderation started.', '--db', lead);
    await ok('pack', 'return', planId, '--out', f('r1.planwright-pack'), '--db', lead);
    await ok('pack', 'open', f('r1.planwright-pack'), '--db', owner);

    // One the owner holds back: January is locked before the second return is opened.
    await ok('update', planId, '5.4', '--progress', 'Late note.', '--db', lead);
    await ok('pack', 'return', planId, '--out', f('r2.planwright-pack'), '--db', lead);
    const tree = await call(owner, 'plans:get', { planId });
    const jan = tree.periods.find((p) => p.label === 'January 2026')!;
    await call(owner, 'periods:lock', { periodId: jan.id, locked: true });
    const opened = JSON.parse(await ok('pack', 'open', f('r2.planwright-pack'), '--db', owner, '--json')) as {
      heldBack: { reason: string }[];
    };
    expect(opened.heldBack.length).toBeGreaterThan(0);

    const ref = (actionId: string) => tree.actions.find((a) => a.id === actionId)!.reference;
    const byRef = async () =>
      Object.fromEntries((await call(lead, 'sync:myUpdates', { planId })).map((s) => [ref(s.actionId), s]));

    // Before the owner sends anything back, the lead's copy cannot know: both wait.
    const before = await byRef();
    expect(before['2.2']).toMatchObject({ entity: 'progress', state: 'waiting', by: null, reason: null });
    expect(before['5.4']).toMatchObject({ entity: 'progress', state: 'waiting' });

    // The owner re-publishes; the lead opens it.
    await ok('pack', 'return', planId, '--out', f('o1.planwright-pack'), '--db', owner);
    await ok('pack', 'open', f('o1.planwright-pack'), '--db', lead);
    const after = await byRef();
    expect(after['2.2']!.state).toBe('accepted');
    expect(after['2.2']!.by).toBeTruthy();
    expect(after['2.2']!.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(after['5.4']!.state).toBe('held');
    expect(after['5.4']!.reason).toMatch(/January 2026.*locked/);
    expect(after['5.4']!.periodId).toBe(jan.id);

    // The owner accepts it after all: the next pack says so.
    const held = await call(owner, 'sync:conflicts', { planId });
    for (const h of held.heldBack) await call(owner, 'sync:decideHeld', { planId, heldId: h.id, accept: true });
    await ok('pack', 'return', planId, '--out', f('o2.planwright-pack'), '--db', owner);
    await ok('pack', 'open', f('o2.planwright-pack'), '--db', lead);
    expect((await byRef())['5.4']!.state).toBe('accepted');

    // The owner's copy has no "my updates" of its own.
    expect(await call(owner, 'sync:myUpdates', { planId })).toEqual([]);
  });
});
