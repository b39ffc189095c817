/**
 * The service-lead round trip on the real command line (spawned as users run it): the owner invites a lead,
 * the lead updates two actions and returns a pack, the owner opens it (applied, a conflict with the owner's own
 * moderated rating), resolves the conflict, and the appendix carries the lead's text. Then hostile packs:
 * each is refused with a plain-English message and changes nothing.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { gunzipSync, gzipSync, strToU8, strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePack, publicKeyText } from '../../electron/sync/pack';
import { runMain, runSpawned } from './run-main';

const cli = runSpawned;

async function ok(...args: string[]): Promise<string> {
  const r = await cli(...args);
  expect(r.stderr, `planwright ${args.join(' ')}`).toBe('');
  expect(r.code, `planwright ${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

/** In process (faster) for the checks around the spawned flow. */
async function check(...args: string[]): Promise<string> {
  const r = await runMain(...args);
  expect(r.stderr, `planwright ${args.join(' ')}`).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

interface OpenJson {
  planId: string;
  kind: string;
  applied: number;
  conflicts: number;
  heldBack: { reason: string; id: string }[];
  duplicates: number;
  duplicatePack: boolean;
}

let dir: string;
let owner: string;
let lead: string;
let planId: string;
const f = (name: string) => path.join(dir, name);
const LEAD_TEXT = 'Moderation reached 10% of audits in February 2026; the learning summary went to every team.';

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-sync-cli-'));
  owner = f('owner.sqlite');
  lead = f('lead.sqlite');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The fields that matter for "nothing changed", from `dump --json`. */
async function snapshot(db: string): Promise<string> {
  const tree = JSON.parse(await check('dump', planId, '--db', db, '--json')) as {
    progress: unknown[];
    ratings: unknown[];
    actions: unknown[];
  };
  return JSON.stringify({ progress: tree.progress, ratings: tree.ratings, actions: tree.actions });
}

describe('service lead round trip (spawned command line)', { timeout: 300_000 }, () => {
  it('owner invites a lead; the lead opens the invitation', async () => {
    const created = await check('sample', '--db', owner, '--as-of', '2026-02-13', '--json');
    planId = (JSON.parse(created) as { id: string }).id;

    const refused = await runMain(
      'pack',
      'invite',
      planId,
      '--lead',
      'Nobody Atall',
      '--out',
      f('x.planwright-pack'),
      '--db',
      owner,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('No action in');
    expect(refused.stderr).toContain('has a lead matching "Nobody Atall"');
    expect(fs.existsSync(f('x.planwright-pack'))).toBe(false);

    const invited = await ok(
      'pack',
      'invite',
      planId,
      '--lead',
      'F Dunmore',
      '--out',
      f('invite.planwright-pack'),
      '--db',
      owner,
    );
    expect(invited).toMatch(/^Wrote an invitation for F Dunmore to update ".+" to .+invite\.planwright-pack/);

    const opened = JSON.parse(
      await ok('pack', 'open', f('invite.planwright-pack'), '--db', lead, '--json'),
    ) as OpenJson;
    expect(opened).toMatchObject({ planId, kind: 'invitation', conflicts: 0, heldBack: [] });
    expect(opened.applied).toBeGreaterThan(0);

    // The lead's copy holds the plan for context, without the owner's internal notes.
    const leadTree = JSON.parse(await check('dump', planId, '--db', lead, '--json')) as {
      actions: { reference: string; notes: string }[];
      progress: { internal: boolean }[];
    };
    const ownerTree = JSON.parse(await check('dump', planId, '--db', owner, '--json')) as {
      actions: { reference: string; notes: string }[];
      progress: { internal: boolean }[];
    };
    expect(leadTree.actions.length).toBe(ownerTree.actions.length);
    expect(ownerTree.actions.some((a) => a.notes !== '')).toBe(true);
    expect(leadTree.actions.every((a) => a.notes === '')).toBe(true);
    expect(leadTree.progress.filter((p) => p.internal).length).toBeLessThan(
      ownerTree.progress.filter((p) => p.internal).length,
    );
  });

  it('the lead updates two actions, and only their own', async () => {
    expect(await ok('update', planId, '2.2', '--progress', LEAD_TEXT, '--db', lead)).toBe(
      'Saved a progress update for 2.2 (January 2026) as F Dunmore.\n',
    );
    expect(
      await ok(
        'update',
        planId,
        '2.5',
        '--rating',
        'amber',
        '--explanation',
        'Response rate fell to 19% in January.',
        '--corrective',
        'Reminder texts from February.',
        '--db',
        lead,
      ),
    ).toMatch(/^Saved the rating "Amber.*" for 2\.5 \(January 2026\) as F Dunmore\./);
    const notMine = await runMain('update', planId, '2.4', '--progress', 'Not mine to write', '--db', lead);
    expect(notMine.code).toBe(1);
    expect(notMine.stderr).toContain('2.4 is led by Service Lead M Haworth, not F Dunmore');
    const badLevel = await runMain('update', planId, '2.5', '--rating', 'purple', '--db', lead);
    expect(badLevel.code).toBe(1);
    expect(badLevel.stderr).toContain('"purple" is not a rating level of this plan');

    const returned = await ok('pack', 'return', planId, '--out', f('return.planwright-pack'), '--db', lead);
    expect(returned).toMatch(/^Wrote \d+ changes? for the plan's owner to .+return\.planwright-pack/);
  });

  it("the owner opens the return: applied, and a conflict with the owner's own moderated rating", async () => {
    // Meanwhile the owner moderates 2.5 to red, without having seen the lead's amber.
    await check(
      'update',
      planId,
      '2.5',
      '--rating',
      'R',
      '--explanation',
      'Moderated at the board.',
      '--corrective',
      'Weekly review.',
      '--db',
      owner,
    );

    const opened = JSON.parse(
      await ok('pack', 'open', f('return.planwright-pack'), '--db', owner, '--json'),
    ) as OpenJson;
    expect(opened.planId).toBe(planId);
    expect(opened.applied).toBeGreaterThanOrEqual(2);
    expect(opened.conflicts).toBeGreaterThanOrEqual(1);
    expect(opened.heldBack).toEqual([]);
    expect(opened.duplicatePack).toBe(false);

    const again = JSON.parse(
      await check('pack', 'open', f('return.planwright-pack'), '--db', owner, '--json'),
    ) as OpenJson;
    expect(again).toMatchObject({ duplicatePack: true, applied: 0, conflicts: 0 });

    const listed = JSON.parse(await check('conflicts', planId, '--db', owner, '--json')) as {
      conflicts: { id: string; field: string; versions: { person: string; value: unknown }[] }[];
    };
    const rating = listed.conflicts.find((c) => c.field === 'levelId');
    expect(rating, JSON.stringify(listed)).toBeDefined();
    expect(rating!.versions.map((v) => v.person).sort()).toContain('F Dunmore');
    const text = await check('conflicts', planId, '--db', owner);
    expect(text).toMatch(/2 or more versions/);

    const usage = await runMain('resolve', planId, rating!.id, '--db', owner);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--keep VERSION');
    const resolved = await ok('resolve', planId, rating!.id, '--keep', 'F Dunmore', '--db', owner);
    expect(resolved).toMatch(/kept the version by F Dunmore/);
    const after = JSON.parse(await check('conflicts', planId, '--db', owner, '--json')) as {
      conflicts: { field: string }[];
    };
    expect(after.conflicts.filter((c) => c.field === 'levelId')).toEqual([]);
  });

  it("the appendix carries the lead's text", async () => {
    await ok(
      'export',
      planId,
      '--out',
      f('appendix.docx'),
      '--period',
      'January 2026',
      '--progress',
      'all',
      '--db',
      owner,
    );
    const docx = unzipSync(new Uint8Array(fs.readFileSync(f('appendix.docx'))));
    const xml = strFromU8(docx['word/document.xml']!);
    expect(xml.includes('Moderation reached 10% of audits in February 2026')).toBe(true);
  });

  it('the lead catches up with what the owner accepted', async () => {
    await check('pack', 'return', planId, '--out', f('owner-update.planwright-pack'), '--db', owner);
    const opened = JSON.parse(
      await check('pack', 'open', f('owner-update.planwright-pack'), '--db', lead, '--json'),
    ) as OpenJson;
    expect(opened.kind).toBe('update');
    expect(opened.heldBack).toEqual([]);
  });
});

describe('hostile packs (each refused clearly, nothing written)', { timeout: 300_000 }, () => {
  const tampered = (from: string, to: string, edit: (text: string) => string) => {
    const text = strFromU8(gunzipSync(new Uint8Array(fs.readFileSync(f(from)))));
    fs.writeFileSync(f(to), gzipSync(strToU8(edit(text))));
  };

  it('a pack changed after signing', async () => {
    await check('update', planId, '2.2', '--progress', 'A second update from the lead.', '--db', lead);
    await check('pack', 'return', planId, '--out', f('second.planwright-pack'), '--db', lead);
    tampered('second.planwright-pack', 'forged.planwright-pack', (t) =>
      t.replace('A second update from the lead.', 'Everything is green, honestly.'),
    );
    const before = await snapshot(owner);
    const r = await runMain('pack', 'open', f('forged.planwright-pack'), '--db', owner);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^planwright: This pack's contents do not match its signature/);
    expect(r.stderr).not.toMatch(/at .+\.ts:\d+/);
    expect(await snapshot(owner)).toBe(before);
  });

  it('a newer pack format', async () => {
    tampered('second.planwright-pack', 'newer.planwright-pack', (t) =>
      t.replace('{"planwrightPack":1,', '{"planwrightPack":9,'),
    );
    const r = await runMain('pack', 'open', f('newer.planwright-pack'), '--db', owner);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('made by a newer version of Planwright');
  });

  it('a zip bomb, an oversized file, an empty file and something that is not a pack', async () => {
    const bomb = Buffer.alloc(140 * 1024 * 1024);
    bomb.write('{"planwrightPack":1,"header":"');
    fs.writeFileSync(f('bomb.planwright-pack'), zlib.gzipSync(bomb, { level: 1 }));
    const before = await snapshot(owner);
    const r = await runMain('pack', 'open', f('bomb.planwright-pack'), '--db', owner);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('larger than Planwright opens');

    const big = f('huge.planwright-pack');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 70 * 1024 * 1024);
    expect((await runMain('pack', 'open', big, '--db', owner)).stderr).toContain('larger than Planwright opens');
    fs.writeFileSync(f('empty.planwright-pack'), '');
    expect((await runMain('pack', 'open', f('empty.planwright-pack'), '--db', owner)).stderr).toContain('is empty');
    fs.writeFileSync(f('word.planwright-pack'), 'PK\u0003\u0004 not a pack');
    expect((await runMain('pack', 'open', f('word.planwright-pack'), '--db', owner)).stderr).toContain(
      'not a Planwright update pack',
    );
    expect((await runMain('pack', 'open', f('missing.planwright-pack'), '--db', owner)).stderr).toContain(
      'There is no file at',
    );
    expect(await snapshot(owner)).toBe(before);
  });

  it("an op on another lead's action is held back with its reason", async () => {
    // The lead's copy refuses a write for someone else's action (issue 10: blocked locally, plain words) …
    const refused = await runMain(
      'update',
      planId,
      '2.4',
      '--progress',
      'Written on F Dunmore’s laptop for M Haworth.',
      '--as',
      'M Haworth',
      '--db',
      lead,
    );
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/Action 2\.4 is led by someone else/);
    // … but a tampered copy could still send one: the owner knows whom it invited and holds it back.
    const { openStore } = await import('../../db');
    const { addProgress } = await import('../../db/services/progress');
    const engine = await import('../../electron/sync/engine');
    const { getPlanTree } = await import('../../db');
    const tampered = openStore(lead, { actor: 'M Haworth' });
    const role = engine.planSync(tampered, planId)!;
    engine.setPlanRole(tampered, planId, { ...role, role: 'owner' });
    const t = getPlanTree(tampered, planId);
    addProgress(
      tampered,
      {
        actionId: t.actions.find((a) => a.reference === '2.4')!.id,
        periodId: t.plan.currentPeriodId ?? t.periods[t.periods.length - 1]!.id,
        body: 'Written on F Dunmore’s laptop for M Haworth.',
        internal: false,
      },
      'M Haworth',
    );
    engine.setPlanRole(tampered, planId, role);
    await tampered.close();
    await check('pack', 'return', planId, '--out', f('other-lead.planwright-pack'), '--db', lead);
    const opened = JSON.parse(
      await check('pack', 'open', f('other-lead.planwright-pack'), '--db', owner, '--json'),
    ) as OpenJson;
    expect(opened.heldBack.length).toBeGreaterThanOrEqual(1);
    expect(opened.heldBack.map((h) => h.reason).join('\n')).toMatch(/lead/i);
    const tree = JSON.parse(await check('dump', planId, '--db', owner, '--json')) as { progress: { body: string }[] };
    expect(tree.progress.some((p) => p.body.includes('for M Haworth'))).toBe(false);
  });

  it('an op on a period the owner locked meanwhile is held back', async () => {
    await check('update', planId, '2.5', '--progress', 'Late January note from the lead.', '--db', lead);
    await check('pack', 'return', planId, '--out', f('late.planwright-pack'), '--db', lead);
    const lock = await runMain('dump', planId, '--db', owner, '--json');
    const periods = (JSON.parse(lock.stdout) as { periods: { id: string; label: string }[] }).periods;
    const jan = periods.find((p) => p.label === 'January 2026')!;
    // Lock January through the same store the CLI uses (there is no lock command).
    const { openStore } = await import('../../db');
    const { createDispatcher } = await import('../../shared/dispatch');
    const { createAppHandlers } = await import('../../electron/handlers');
    const { headlessHost } = await import('../../electron/host');
    const store = openStore(owner, { actor: 'Owner' });
    const locked = await createDispatcher(createAppHandlers({ store, host: headlessHost }))(
      'periods:lock',
      { periodId: jan.id, locked: true },
      { actor: 'Owner', emit: () => undefined },
    );
    expect(locked.ok).toBe(true);
    await store.close();
    const opened = JSON.parse(
      await check('pack', 'open', f('late.planwright-pack'), '--db', owner, '--json'),
    ) as OpenJson;
    expect(opened.heldBack.map((h) => h.reason).join('\n')).toMatch(/locked/i);
    const tree = JSON.parse(await check('dump', planId, '--db', owner, '--json')) as { progress: { body: string }[] };
    expect(tree.progress.some((p) => p.body.includes('Late January note'))).toBe(false);
  });

  it('a pack from a device nobody invited', async () => {
    // Correctly signed by its own key, naming itself a lead, but with no invitation behind it.
    const stranger = generateKeyPairSync('ed25519');
    const bytes = encodePack(
      {
        header: {
          packId: randomUUID(),
          kind: 'update',
          planId,
          planTitle: 'Stranger',
          createdAt: new Date().toISOString(),
          sender: {
            deviceId: 'f'.repeat(32),
            publicKey: publicKeyText(stranger.publicKey),
            person: 'M Haworth',
            role: 'lead',
          },
          recipient: { lead: null, deviceId: null },
          acks: {},
        },
        lines: [],
      },
      stranger.privateKey,
    );
    fs.writeFileSync(f('stranger.planwright-pack'), bytes);
    const before = await snapshot(owner);
    const r = await runMain('pack', 'open', f('stranger.planwright-pack'), '--db', owner);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('was not invited to update');
    expect(await snapshot(owner)).toBe(before);
  });
});
