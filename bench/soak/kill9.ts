/**
 * reliability.kill9_*: a child process writes through the dispatcher (soak/child.ts, bundled once with
 * esbuild so it starts quickly) and is killed with SIGKILL at a random moment; after each kill the store
 * is checked: integrity_check, foreign_key_check, the search index against its tables, every
 * acknowledged write present (its audit rows, written in the same transaction, name `soak-<seq>`),
 * nothing partial (every copy of the template and every imported plan whole; no live action under a
 * deleted section), and the exported .docx either absent or a complete document.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { createPlanFromDraft, ensureSamplePlan, getPlanTree, openStore, setMeta } from '../../db';
import { smallDraft } from '../../test/db/helpers';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURE = '/work/shared/fixtures/word/continuous-development-plan-2020-rated.docx';

export interface Kill9Result {
  trials: number;
  lostWrites: number;
  /** Trials whose checks failed (integrity, references, search, partial writes, a truncated export). */
  failedTrials: number;
  killedDuring: Record<string, number>;
  problems: string[];
}

/** Bundles the child once (plain node then starts it in a fraction of tsx's time). */
async function bundleChild(dir: string): Promise<string> {
  const esbuild = await import('esbuild');
  const out = path.join(dir, 'child.mjs');
  await esbuild.build({
    entryPoints: [path.join(here, 'child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: out,
    external: ['better-sqlite3', 'docx', 'fflate', 'zod', 'kysely', 'diff'],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'silent',
  });
  // Let the bundle find the project's node_modules.
  const linked = path.join(dir, 'node_modules');
  if (!fs.existsSync(linked)) fs.symlinkSync(path.resolve(here, '../../node_modules'), linked);
  return out;
}

interface Counts {
  sections: number;
  actions: number;
  ratings: number;
  progress: number;
}

function planCounts(db: Database.Database, planId: string): Counts {
  const n = (sql: string): number => Number(db.prepare(sql).pluck().get(planId));
  return {
    sections: n('SELECT count(*) FROM sections WHERE plan_id = ? AND deleted_at IS NULL'),
    actions: n('SELECT count(*) FROM actions WHERE plan_id = ? AND deleted_at IS NULL'),
    ratings: n('SELECT count(*) FROM ratings WHERE plan_id = ?'),
    progress: n('SELECT count(*) FROM progress_updates WHERE plan_id = ?'),
  };
}

/** A fresh store: the template (sample plan, never edited), a work plan, and the counts an import gives. */
async function seedStore(dir: string): Promise<{ file: string; template: Counts }> {
  const file = path.join(dir, `soak-${Date.now()}-${Math.random().toString(36).slice(2)}.sqlite`);
  const store = openStore(file, { actor: 'seed' });
  const template = ensureSamplePlan(store)!;
  const work = createPlanFromDraft(store, smallDraft());
  setMeta(store, 'soak_template', template.id);
  setMeta(store, 'soak_work', work.id);
  getPlanTree(store, work.id);
  const db = store.sqlite;
  const counts = planCounts(db, template.id);
  await store.close();
  return { file, template: counts };
}

function check(
  file: string,
  acked: Map<number, boolean>,
  template: Counts,
  importCounts: Counts,
  outDocx: string,
): { lost: number; problems: string[] } {
  const problems: string[] = [];
  const db = new Database(file);
  let lost = 0;
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (fk.length) problems.push(`foreign_key_check: ${fk.length} broken`);
    for (const t of ['actions_fts', 'progress_fts']) {
      try {
        db.prepare(`INSERT INTO ${t}(${t}) VALUES ('integrity-check')`).run();
      } catch (error) {
        problems.push(`${t}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const missingFts = Number(
      db
        .prepare('SELECT count(*) FROM actions a WHERE NOT EXISTS (SELECT 1 FROM actions_fts f WHERE f.rowid = a.rid)')
        .pluck()
        .get(),
    );
    const extraFts = Number(
      db
        .prepare('SELECT count(*) FROM actions_fts f WHERE NOT EXISTS (SELECT 1 FROM actions a WHERE a.rid = f.rowid)')
        .pluck()
        .get(),
    );
    if (missingFts || extraFts) problems.push(`search index: ${missingFts} actions missing, ${extraFts} extra`);
    const actors = new Set(
      db.prepare("SELECT DISTINCT actor FROM audit_log WHERE actor LIKE 'soak-%'").pluck().all() as string[],
    );
    for (const [seq, audited] of acked) if (audited && !actors.has(`soak-${seq}`)) lost++;
    const orphans = Number(
      db
        .prepare(
          'SELECT count(*) FROM actions a JOIN sections s ON s.id = a.section_id WHERE s.deleted_at IS NOT NULL AND a.deleted_at IS NULL',
        )
        .pluck()
        .get(),
    );
    if (orphans) problems.push(`${orphans} live actions under deleted sections (a partial delete)`);
    for (const p of db
      .prepare("SELECT id, title FROM plans WHERE title LIKE 'copy-%' OR title LIKE 'import-%'")
      .all() as { id: string; title: string }[]) {
      const want = p.title.startsWith('copy-') ? template : importCounts;
      const got = planCounts(db, p.id);
      if (JSON.stringify(got) !== JSON.stringify(want))
        problems.push(`${p.title} is partial: ${JSON.stringify(got)} not ${JSON.stringify(want)}`);
    }
  } finally {
    db.close();
  }
  if (fs.existsSync(outDocx)) {
    try {
      const files = unzipSync(new Uint8Array(fs.readFileSync(outDocx)));
      if (!files['word/document.xml']) problems.push('the export has no document part');
    } catch {
      problems.push('the export is a truncated .docx');
    }
  }
  return { lost, problems };
}

interface ChildRun {
  acked: Map<number, boolean>;
  lastBegun: string | null;
  lastSeq: number;
}

function runChild(
  bundle: string,
  draftFile: string,
  file: string,
  seed: number,
  outDocx: string,
  startSeq: number,
  killAfterMs: number,
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, file, String(seed), outDocx, draftFile, String(startSeq)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked = new Map<number, boolean>();
    let lastBegun: string | null = null;
    let lastSeq = startSeq;
    let buffer = '';
    let stderr = '';
    let timer: NodeJS.Timeout | null = null;
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const [kind, seqText, channel, audited] = line.split(' ');
        if (kind === 'READY' && !timer) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        else if (kind === 'BEGIN') {
          lastBegun = channel ?? null;
          lastSeq = Math.max(lastSeq, Number(seqText));
        } else if (kind === 'ACK') {
          acked.set(Number(seqText), audited === '1');
          lastBegun = null;
        } else if (kind === 'REFUSED') lastBegun = null;
      }
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL')
        reject(new Error(`the soak child stopped by itself (code ${code}): ${stderr.slice(0, 500)}`));
      else resolve({ acked, lastBegun, lastSeq });
    });
  });
}

export interface Kill9Options {
  trials: number;
  /** Start a new store every this many trials (keeps each check quick). */
  storeEvery?: number;
  /** Longest run before the kill (ms after the child is ready). */
  maxRunMs?: number;
  seed?: number;
}

export async function kill9(options: Kill9Options): Promise<Kill9Result> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-soak-'));
  try {
    const bundle = await bundleChild(dir);
    const reference = await importReference(dir);
    const draftFile = path.join(dir, 'draft.json');
    fs.writeFileSync(draftFile, JSON.stringify(reference.draft));
    const importCounts = reference.counts;
    const outDocx = path.join(dir, 'appendix.docx');
    const result: Kill9Result = { trials: 0, lostWrites: 0, failedTrials: 0, killedDuring: {}, problems: [] };
    let seed = options.seed ?? 20261201;
    let store: { file: string; template: Counts } | null = null;
    let seq = 0;
    const acked = new Map<number, boolean>();
    for (let t = 0; t < options.trials; t++) {
      if (!store || t % (options.storeEvery ?? 25) === 0) {
        store = await seedStore(dir);
        acked.clear();
        fs.rmSync(outDocx, { force: true });
      }
      seed = (seed * 1103515245 + 12345) >>> 0;
      const run = await runChild(
        bundle,
        draftFile,
        store.file,
        seed,
        outDocx,
        seq,
        Math.floor(((seed % 1000) / 1000) * (options.maxRunMs ?? 700)),
      );
      seq = run.lastSeq + 1;
      for (const [k, v] of run.acked) acked.set(k, v);
      const during = run.lastBegun ?? 'between calls';
      result.killedDuring[during] = (result.killedDuring[during] ?? 0) + 1;
      const checked = check(store.file, acked, store.template, importCounts, outDocx);
      result.trials++;
      result.lostWrites += checked.lost;
      if (checked.problems.length || checked.lost) {
        result.failedTrials++;
        result.problems.push(`trial ${t + 1}: ${checked.lost} lost; ${checked.problems.join('; ')}`);
      }
    }
    return result;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The importer's draft of the fixture and the counts a clean import of it gives (the reference for "nothing partial"). */
async function importReference(dir: string): Promise<{ draft: unknown; counts: Counts }> {
  const { createImportHandlers } = await import('../../electron/import/handlers');
  const { inlineParser } = await import('../../electron/import/parser');
  const { headlessHost } = await import('../../electron/host');
  const file = path.join(dir, `reference-${Date.now()}.sqlite`);
  const store = openStore(file);
  try {
    const h = createImportHandlers({ store, host: headlessHost, parser: inlineParser });
    const ctx = { actor: 'ref', emit: () => undefined };
    const preview = await h['import:preview']({ path: FIXTURE, options: {} } as never, ctx);
    const { analyse } = await import('../../electron/import/analyse');
    const { readImportFile } = await import('../../electron/import/read');
    const draft = analyse(await readImportFile(FIXTURE), {}).draft;
    const done = await h['import:commit']({ token: preview.token } as never, ctx);
    return { draft, counts: planCounts(store.sqlite, done.planId) };
  } finally {
    await store.close();
  }
}
