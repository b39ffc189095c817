/**
 * kill -9 during a merge (a real child process): the store passes its integrity check, the merge is all
 * or nothing, and applying again converges. Five trials here; the soak runs more (SYNC_KILL_TRIALS).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createPlanFromDraft, openStore } from '../../db';
import * as engine from '../../electron/sync/engine';
import { largePlanDraft } from '../../shared/samples/large-plan';
import { freshStore } from './helpers';

const here = path.dirname(fileURLToPath(import.meta.url));
const TRIALS = Number(process.env.SYNC_KILL_TRIALS ?? 5);

function runAndKill(db: string, opsFile: string, delayMs: number): Promise<'killed' | 'finished'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'sync-kill-child.ts'), db, opsFile], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let timer: NodeJS.Timeout | null = null;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready') && !timer) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.on('error', reject);
    child.on('exit', () => {
      if (timer) clearTimeout(timer);
      resolve(out.includes('done') ? 'finished' : 'killed');
    });
  });
}

describe('kill -9 during a merge', () => {
  it(`leaves a sound store, all or nothing, and re-applying converges (${TRIALS} trials)`, async () => {
    const { store: owner, dir } = freshStore('Owner');
    const plan = createPlanFromDraft(owner, largePlanDraft(), 'Owner');
    engine.enableSync(owner, plan.id, { role: 'owner' });
    const ops = engine.opsFor(owner, plan.id);
    const want = engine.canonicalDump(owner, plan.id);
    const opsFile = path.join(dir, 'ops.json');
    fs.writeFileSync(opsFile, JSON.stringify(ops));
    const outcomes: string[] = [];
    for (let i = 0; i < TRIALS; i++) {
      const db = path.join(dir, `lead-${i}.sqlite`);
      openStore(db).sqlite.close(); // created and migrated before the child starts
      outcomes.push(await runAndKill(db, opsFile, 20 + Math.floor(Math.random() * 1500)));
      const s = openStore(db);
      expect(s.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      const held = Number(s.sqlite.prepare('SELECT count(*) FROM sync_ops WHERE plan_id = ?').pluck().get(plan.id));
      // All or nothing: either no op of the merge is there, or every op and the whole plan.
      if (held === 0) expect(s.sqlite.prepare('SELECT count(*) FROM plans').pluck().get()).toBe(0);
      else {
        expect(held).toBe(ops.length);
        expect(engine.canonicalDump(s, plan.id)).toBe(want);
      }
      engine.applyOps(s, ops, { asRole: 'lead' });
      expect(engine.canonicalDump(s, plan.id)).toBe(want);
      await s.close();
    }
    await owner.close();
    fs.rmSync(dir, { recursive: true, force: true });
    expect(outcomes).toHaveLength(TRIALS);
  }, 600_000);
});
