/**
 * `pack invite PLAN --lead NAME` matches the plan's lead cells as the app's "my actions" does (shared/leads.ts):
 * by the name alone when People has nothing for that person ("Service Lead F Dunmore" for "F Dunmore"), and by
 * every name People has for them (an alias such as "Performance and Intelligence Team"). The lead's copy
 * learns those names from the invitation, so the lead can update those actions there, and the owner's checks
 * apply their return without holding it back. Through the command line (in process).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../db';
import { listPeople, upsertPerson } from '../../db/services/people';
import { runMain } from './run-main';

let dir: string;
const f = (name: string) => path.join(dir, name);

async function ok(...args: string[]): Promise<string> {
  const r = await runMain(...args);
  expect(r.stderr, `planwright ${args.join(' ')}`).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

interface OpenJson {
  applied: number;
  conflicts: number;
  heldBack: { reason: string }[];
}

async function samplePlan(db: string): Promise<string> {
  return (JSON.parse(await ok('sample', '--db', db, '--as-of', '2026-02-13', '--json')) as { id: string }).id;
}

async function people(db: string) {
  const store = openStore(db, { actor: 'Test' });
  try {
    return listPeople(store);
  } finally {
    await store.close();
  }
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-lead-match-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('pack invite --lead matches lead cells as "my actions" does', { timeout: 120_000 }, () => {
  it('"F Dunmore" with nobody in People: the "Service Lead F Dunmore" cells; the return is applied', async () => {
    const owner = f('owner1.sqlite');
    const lead = f('lead1.sqlite');
    const planId = await samplePlan(owner);
    expect((await people(owner)).some((p) => /dunmore/i.test([p.name, ...p.aliases].join(' ')))).toBe(false);

    expect(
      await ok('pack', 'invite', planId, '--lead', 'F Dunmore', '--out', f('i1.planwright-pack'), '--db', owner),
    ).toMatch(/^Wrote an invitation for F Dunmore/);
    await ok('pack', 'open', f('i1.planwright-pack'), '--db', lead);
    // Nothing to learn: the lead's People stays empty.
    expect(await people(lead)).toEqual([]);
    await ok('update', planId, '2.2', '--progress', 'Audit moderation started.', '--db', lead);
    await ok('update', planId, '5.4', '--progress', 'Second update.', '--db', lead);
    await ok('pack', 'return', planId, '--out', f('r1.planwright-pack'), '--db', lead);
    const opened = JSON.parse(await ok('pack', 'open', f('r1.planwright-pack'), '--db', owner, '--json')) as OpenJson;
    expect(opened.heldBack).toEqual([]);
    expect(opened.applied).toBeGreaterThanOrEqual(2);
  });

  it('a person whose alias is the lead cell: invited by name, updates there, return applied', async () => {
    const owner = f('owner2.sqlite');
    const lead = f('lead2.sqlite');
    const planId = await samplePlan(owner);

    // Before People knows her, nothing names "Nadia Rahman": refused plainly, no file.
    const refused = await runMain(
      'pack',
      'invite',
      planId,
      '--lead',
      'Nadia Rahman',
      '--out',
      f('x.planwright-pack'),
      '--db',
      owner,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('has a lead matching "Nadia Rahman"');
    expect(fs.existsSync(f('x.planwright-pack'))).toBe(false);

    const store = openStore(owner, { actor: 'A Okafor' });
    upsertPerson(
      store,
      {
        name: 'Nadia Rahman',
        jobTitle: 'Head of Performance',
        service: '',
        email: '',
        signatory: false,
        aliases: ['Performance and Intelligence Team'],
      },
      'A Okafor',
    );
    await store.close();

    await ok('pack', 'invite', planId, '--lead', 'Nadia Rahman', '--out', f('i2.planwright-pack'), '--db', owner);
    await ok('pack', 'open', f('i2.planwright-pack'), '--db', lead);
    // The lead's copy learnt her other name from the invitation.
    const learnt = (await people(lead)).find((p) => p.name === 'Nadia Rahman');
    expect(learnt?.aliases).toEqual(['Performance and Intelligence Team']);

    // 1.4 is led by "A Okafor AD; Performance and Intelligence Team": hers. 2.2 is not.
    expect(await ok('update', planId, '1.4', '--progress', 'Dashboard refreshed monthly.', '--db', lead)).toContain(
      'as Nadia Rahman',
    );
    const notHers = await runMain('update', planId, '2.2', '--progress', 'Not hers.', '--db', lead);
    expect(notHers.code).toBe(1);
    expect(notHers.stderr).toContain('2.2 is led by Service Lead F Dunmore, not Nadia Rahman');

    await ok('pack', 'return', planId, '--out', f('r2.planwright-pack'), '--db', lead);
    const opened = JSON.parse(await ok('pack', 'open', f('r2.planwright-pack'), '--db', owner, '--json')) as OpenJson;
    expect(opened.heldBack).toEqual([]);
    expect(opened.applied).toBeGreaterThanOrEqual(1);
    const tree = JSON.parse(await ok('dump', planId, '--db', owner, '--json')) as {
      progress: { body: string; author: string }[];
    };
    expect(tree.progress.find((p) => p.body === 'Dashboard refreshed monthly.')?.author).toBe('Nadia Rahman');
  });
});
