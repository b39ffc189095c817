/**
 * reliability.sync_kill9_*: kill -9 during a merge (issue 10). A child process (test/db/sync-kill-child.ts,
 * bundled once with esbuild) applies a whole plan's ops (an invitation of the large plan) to a fresh
 * store and is killed with SIGKILL at a random moment. After each kill: integrity_check and
 * foreign_key_check pass, the merge is all or nothing (no op of it, or every op and the whole plan), and
 * applying the ops again converges to the owner's plan. `test/db/sync-kill.test.ts` runs a few trials.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPlanFromDraft, openStore } from '../../db';
import * as engine from '../../electron/sync/engine';
import { largePlanDraft } from '../../shared/samples/large-plan';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface SyncKillResult {
  trials: number;
  /** Trials whose checks failed. */
  failures: number;
  /** Trials where the child was killed before it finished (the rest finished first). */
  killed: number;
  problems: string[];
}

async function bundleChild(dir: string): Promise<string> {
  const esbuild = await import('esbuild');
  const out = path.join(dir, 'sync-child.mjs');
  await esbuild.build({
    entryPoints: [path.resolve(here, '../../test/db/sync-kill-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: out,
    external: ['better-sqlite3', 'docx', 'fflate', 'zod', 'kysely', 'diff'],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'silent',
  });
  const linked = path.join(dir, 'node_modules');
  if (!fs.existsSync(linked)) fs.symlinkSync(path.resolve(here, '../../node_modules'), linked);
  return out;
}

function runAndKill(child: string, db: string, opsFile: string, delayMs: number): Promise<'killed' | 'finished'> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [child, db, opsFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let timer: NodeJS.Timeout | null = null;
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready') && !timer) timer = setTimeout(() => p.kill('SIGKILL'), delayMs);
    });
    p.on('error', reject);
    p.on('exit', () => {
      if (timer) clearTimeout(timer);
      resolve(out.includes('done') ? 'finished' : 'killed');
    });
  });
}

export async function syncKill9(opts: { trials: number; maxDelayMs?: number }): Promise<SyncKillResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-sync-kill-'));
  const result: SyncKillResult = { trials: 0, failures: 0, killed: 0, problems: [] };
  try {
    const child = await bundleChild(dir);
    const owner = openStore(path.join(dir, 'owner.sqlite'), { actor: 'Owner' });
    const plan = createPlanFromDraft(owner, largePlanDraft(), 'Owner');
    engine.enableSync(owner, plan.id, { role: 'owner' });
    const ops = engine.opsFor(owner, plan.id);
    const want = engine.canonicalDump(owner, plan.id);
    await owner.close();
    const opsFile = path.join(dir, 'ops.json');
    fs.writeFileSync(opsFile, JSON.stringify(ops));
    const empty = path.join(dir, 'empty.sqlite');
    const e = openStore(empty);
    e.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    await e.close();
    for (let i = 0; i < opts.trials; i++) {
      const db = path.join(dir, `lead-${i}.sqlite`);
      fs.copyFileSync(empty, db); // created and migrated before the child starts
      const outcome = await runAndKill(child, db, opsFile, 20 + Math.floor(Math.random() * (opts.maxDelayMs ?? 3000)));
      if (outcome === 'killed') result.killed++;
      const problems: string[] = [];
      const s = openStore(db);
      try {
        const integrity = s.sqlite.pragma('integrity_check', { simple: true });
        if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
        const fk = s.sqlite.pragma('foreign_key_check') as unknown[];
        if (fk.length > 0) problems.push(`${fk.length} broken references`);
        const held = Number(s.sqlite.prepare('SELECT count(*) FROM sync_ops WHERE plan_id = ?').pluck().get(plan.id));
        if (held === 0) {
          if (Number(s.sqlite.prepare('SELECT count(*) FROM plans').pluck().get()) !== 0)
            problems.push('rows of the plan without its ops (a partial merge)');
        } else if (held !== ops.length) problems.push(`${held} of ${ops.length} ops held (a partial merge)`);
        else if (engine.canonicalDump(s, plan.id) !== want) problems.push('every op held but the plan differs');
        engine.applyOps(s, ops, { asRole: 'lead' });
        if (engine.canonicalDump(s, plan.id) !== want) problems.push('applying again did not converge');
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
      } finally {
        await s.close();
        for (const f of [db, `${db}-wal`, `${db}-shm`]) fs.rmSync(f, { force: true });
      }
      result.trials++;
      if (problems.length > 0) {
        result.failures++;
        result.problems.push(`trial ${i + 1} (${outcome}): ${problems.join('; ')}`);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return result;
}
