/**
 * reliability.sync_kill9_*: kill -9 during a merge (issue 10). Everything is prepared once: a mid-sized
 * plan (largePlanDraft with 60 actions, 3 periods and 200 progress updates) shared by its owner, and two merges of it, each with the
 * store it starts from and the plan it must end with (worked out in this process):
 * - `invite`: the whole plan's invitation applied to an empty store (inserts, numbering, search index);
 * - `update`: the owner's later changes applied to the lead's copy (changed progress texts, rating
 *   explanations and section titles, new progress updates, a new action: updates, inserts, renumbering).
 * Each trial copies the starting store, starts the merger (sync-kill-child.ts, bundled with esbuild once,
 * under plain node) and kills it with SIGKILL at a random moment of its merge (within the merge's
 * measured length, the shortest seen so far: a few still finish first on a busy machine). Then, in this
 * process: integrity_check, foreign_key_check, both search indexes against their tables, no merge left
 * half-done (none of the merge's ops and the plan as it was, or every op and the plan it must end with),
 * and applying the ops again ends with that plan. `test/db/sync-kill.test.ts` runs a few trials of the large plan's invitation.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPlanFromDraft, getPlanTree, openStore, type Store } from '../../db';
import { createAction } from '../../db/services/actions';
import { addProgress } from '../../db/services/progress';
import { prepare, write } from '../../db/sql';
import * as engine from '../../electron/sync/engine';
import { largePlanDraft } from '../../shared/samples/large-plan';
import type { SyncOp } from '../../shared/sync/op';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface SyncKillResult {
  trials: number;
  /** Trials whose checks failed. */
  failures: number;
  /** Trials where the child was killed before it finished (the rest finished first). */
  killed: number;
  /** CPU time of the whole run: this process and every child (Linux; 0 elsewhere). */
  cpuSeconds: number;
  /** Each merge's length in the child (ms), measured once without a kill; and its number of ops. */
  merges: Record<string, { ms: number; ops: number }>;
  problems: string[];
}

interface Scenario {
  name: 'invite' | 'update';
  /** The store the merge starts from (closed, checkpointed). */
  start: string;
  opsFile: string;
  opIds: string;
  opCount: number;
  before: string;
  want: string;
  /** The merge's length in the child: measured once without a kill, then the shortest of those that finished. */
  mergeMs: number;
}

async function bundleChild(dir: string): Promise<string> {
  const esbuild = await import('esbuild');
  const out = path.join(dir, 'sync-child.mjs');
  await esbuild.build({
    entryPoints: [path.join(here, 'sync-kill-child.ts')],
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

/** Runs the merger on `db`; kills it `delayMs` after it says `ready` (null: lets it finish). */
function runChild(
  child: string,
  db: string,
  s: Scenario,
  delayMs: number | null,
): Promise<{ outcome: 'killed' | 'finished'; mergeMs: number }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [child, db, s.opsFile, 'lead'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | null = null;
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (delayMs !== null && out.includes('ready') && !timer) timer = setTimeout(() => p.kill('SIGKILL'), delayMs);
    });
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', reject);
    p.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      const done = /done (\d+)/.exec(out);
      if (!done && signal !== 'SIGKILL') reject(new Error(`the merger failed (${code}): ${err.slice(0, 500)}`));
      else resolve({ outcome: done ? 'finished' : 'killed', mergeMs: done ? Number(done[1]) : 0 });
    });
  });
}

/** Copies a closed store file (no -wal / -shm beside it). */
async function closeForCopy(store: Store): Promise<void> {
  store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  await store.close();
}

/** The plan a merge ends with, worked out on a copy of its starting store in this process. */
async function expected(start: string, ops: readonly SyncOp[], planId: string, dir: string, name: string) {
  const copy = path.join(dir, `${name}-expected.sqlite`);
  fs.copyFileSync(start, copy);
  const s = openStore(copy, { actor: 'Lead' });
  const before = engine.canonicalDump(s, planId);
  engine.applyOps(s, ops, { asRole: 'lead' });
  const want = engine.canonicalDump(s, planId);
  await s.close();
  return { before, want };
}

/** The owner's changes after the invitation: texts, explanations, titles, new updates and a new action. */
function ownerChanges(owner: Store, planId: string): void {
  const t = getPlanTree(owner, planId);
  write(owner, 'Owner', (w) => {
    const rows = (sql: string) => prepare(owner.sqlite, sql).all(planId) as { id: string }[];
    for (const p of rows('SELECT id FROM progress_updates WHERE plan_id = ? ORDER BY id LIMIT 150'))
      prepare(owner.sqlite, 'UPDATE progress_updates SET body = body || ?, updated_at = ? WHERE id = ?').run(
        ' (checked)',
        w.at,
        p.id,
      );
    for (const r of rows('SELECT id FROM ratings WHERE plan_id = ? ORDER BY id LIMIT 150'))
      prepare(owner.sqlite, 'UPDATE ratings SET explanation = explanation || ?, updated_at = ? WHERE id = ?').run(
        ' Reviewed.',
        w.at,
        r.id,
      );
    for (const s of rows('SELECT id FROM sections WHERE plan_id = ? ORDER BY id'))
      prepare(owner.sqlite, 'UPDATE sections SET title = title || ?, updated_at = ? WHERE id = ?').run(
        ' (revised)',
        w.at,
        s.id,
      );
    w.touched.add(planId);
  });
  const period = t.periods[t.periods.length - 1]!;
  for (const a of t.actions.slice(0, 30))
    addProgress(
      owner,
      {
        actionId: a.id,
        periodId: period.id,
        body: `Checked at the quarterly review of ${a.reference}.`,
        internal: false,
      },
      'Owner',
    );
  createAction(
    owner,
    {
      sectionId: t.sections[0]!.id,
      objectiveId: null,
      afterActionId: null,
      description: 'Publish the revised practice standards',
      outcome: 'Standards published',
      dueText: 'March 2027',
    },
    'Owner',
  );
}

async function prepareScenarios(dir: string): Promise<{ planId: string; scenarios: Scenario[] }> {
  const owner = openStore(path.join(dir, 'owner.sqlite'), { actor: 'Owner' });
  const plan = createPlanFromDraft(
    owner,
    largePlanDraft({ sections: 4, actions: 60, periods: 3, progress: 200 }),
    'Owner',
  );
  engine.enableSync(owner, plan.id, { role: 'owner' });
  const invite = engine.opsFor(owner, plan.id, { forLead: '' });

  const empty = path.join(dir, 'empty.sqlite');
  await closeForCopy(openStore(empty));

  const leadFile = path.join(dir, 'lead.sqlite');
  fs.copyFileSync(empty, leadFile);
  const lead = openStore(leadFile, { actor: 'Lead' });
  engine.applyOps(lead, invite, { asRole: 'lead' });
  engine.setPlanRole(lead, plan.id, { role: 'lead', person: '', ownerDevice: engine.deviceId(owner) });
  const vv = engine.versionVector(lead, plan.id);
  await closeForCopy(lead);

  ownerChanges(owner, plan.id);
  const update = engine.opsFor(owner, plan.id, { since: vv, forLead: '' });
  await owner.close();

  const scenarios: Scenario[] = [];
  for (const [name, start, ops] of [
    ['invite', empty, invite],
    ['update', leadFile, update],
  ] as const) {
    const opsFile = path.join(dir, `${name}-ops.json`);
    fs.writeFileSync(opsFile, JSON.stringify(ops));
    const { before, want } = await expected(start, ops, plan.id, dir, name);
    if (before === want) throw new Error(`the ${name} merge changes nothing`);
    scenarios.push({
      name,
      start,
      opsFile,
      opIds: JSON.stringify(ops.map((o) => o.id)),
      opCount: ops.length,
      before,
      want,
      mergeMs: 0,
    });
  }
  return { planId: plan.id, scenarios };
}

/** Every check after a trial; the problems found (none: the trial passed). */
function check(s: Store, sc: Scenario, planId: string): string[] {
  const problems: string[] = [];
  const integrity = s.sqlite.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
  const fk = s.sqlite.pragma('foreign_key_check') as unknown[];
  if (fk.length > 0) problems.push(`${fk.length} broken references`);
  for (const fts of ['actions_fts', 'progress_fts'])
    try {
      s.sqlite.exec(`INSERT INTO ${fts}(${fts}) VALUES ('integrity-check')`);
    } catch (e) {
      problems.push(`${fts}: ${e instanceof Error ? e.message : String(e)}`);
    }
  if (engine.getMeta(s, 'search.deferred') !== null) problems.push('the search index was left switched off');
  const held = Number(
    prepare(s.sqlite, 'SELECT count(*) FROM sync_ops WHERE op_id IN (SELECT value FROM json_each(?))')
      .pluck()
      .get(sc.opIds),
  );
  const dump = engine.canonicalDump(s, planId);
  if (held === 0) {
    if (dump !== sc.before) problems.push('none of the merge is held but the plan changed (a partial merge)');
  } else if (held !== sc.opCount) problems.push(`${held} of ${sc.opCount} ops held (a partial merge)`);
  else if (dump !== sc.want) problems.push('every op held but the plan differs');
  const ops = JSON.parse(fs.readFileSync(sc.opsFile, 'utf8')) as unknown[];
  engine.applyOps(s, ops, { asRole: 'lead' });
  if (engine.canonicalDump(s, planId) !== sc.want) problems.push('applying again did not converge');
  return problems;
}

/** CPU seconds of this process and its finished children (Linux /proc; 0 elsewhere). */
function cpuNow(): number {
  const own = process.cpuUsage();
  let children = 0;
  try {
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    children = (Number(fields[13]) + Number(fields[14])) / 100; // cutime, cstime in clock ticks (100 Hz)
  } catch {
    children = 0;
  }
  return (own.user + own.system) / 1e6 + children;
}

export async function syncKill9(opts: { trials: number; maxDelayMs?: number }): Promise<SyncKillResult> {
  const cpu0 = cpuNow();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-sync-kill-'));
  const result: SyncKillResult = { trials: 0, failures: 0, killed: 0, cpuSeconds: 0, merges: {}, problems: [] };
  try {
    const child = await bundleChild(dir);
    const { planId, scenarios } = await prepareScenarios(dir);
    const db = path.join(dir, 'trial.sqlite');
    const fresh = (sc: Scenario) => {
      for (const f of [db, `${db}-wal`, `${db}-shm`]) fs.rmSync(f, { force: true });
      fs.copyFileSync(sc.start, db);
    };
    // The merge's length in the child, once without a kill, so the kills land inside it.
    for (const sc of scenarios) {
      fresh(sc);
      sc.mergeMs = (await runChild(child, db, sc, null)).mergeMs;
      result.merges[sc.name] = { ms: sc.mergeMs, ops: sc.opCount };
    }
    for (let i = 0; i < opts.trials; i++) {
      const sc = scenarios[i % scenarios.length]!;
      fresh(sc);
      const span = opts.maxDelayMs ?? Math.max(20, sc.mergeMs);
      const { outcome, mergeMs } = await runChild(child, db, sc, Math.floor(Math.random() * span));
      if (outcome === 'killed') result.killed++;
      // A merge that beat its kill: aim the next kills inside the shorter length (a busy machine varies).
      else sc.mergeMs = Math.min(sc.mergeMs, mergeMs);
      let problems: string[];
      const s = openStore(db);
      try {
        problems = check(s, sc, planId);
      } catch (error) {
        problems = [error instanceof Error ? error.message : String(error)];
      } finally {
        await s.close();
      }
      result.trials++;
      if (problems.length > 0) {
        result.failures++;
        result.problems.push(`trial ${i + 1} (${sc.name}, ${outcome}): ${problems.join('; ')}`);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  result.cpuSeconds = Math.round((cpuNow() - cpu0) * 10) / 10;
  return result;
}
