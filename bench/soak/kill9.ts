/**
 * reliability.kill9_*: a child process writes through the dispatcher (soak/child.ts, bundled once by
 * soak/bundle.ts so it starts quickly) and is killed with SIGKILL at a random moment; after each kill the store
 * is checked: integrity_check, foreign_key_check, the search index against its tables, every
 * acknowledged write present (its audit rows, written in the same transaction, name `soak-<seq>`),
 * nothing partial (every copy of the template and every imported plan whole; no live action under a
 * deleted section), and the exported .docx either absent or a complete document.
 * Bounded run time: the next writer is started (modules loaded, waiting for its turn) while the current one
 * runs, so start-up overlaps the trial; each store of a chain is a copy of one prepared store; `lanes`
 * chains of stores run side by side (each its own store, writers and checks).
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { createPlanFromDraft, ensureSamplePlan, getPlanTree, openStore, setMeta } from '../../db';
import { smallDraft } from '../../test/db/helpers';
import { bundleChild, soakTempDir } from './bundle';

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

/** The prepared store: the template (sample plan, never edited) and a work plan; each chain starts from a copy. */
async function seedStore(dir: string): Promise<{ file: string; template: Counts }> {
  const file = path.join(dir, 'prepared.sqlite');
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

interface Writer {
  /** Gives the writer its store and seed, kills it `killAfterMs` after it is ready; answers what it acknowledged. */
  run: (file: string, seed: number, startSeq: number, killAfterMs: number) => Promise<ChildRun>;
  /** Ends a writer that never got a turn. */
  dispose: () => void;
}

/** Starts a writer: it loads its modules and waits (on stdin) for its turn. */
function startWriter(bundle: string, outDocx: string, draftFile: string): Writer {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [bundle, outDocx, draftFile], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const acked = new Map<number, boolean>();
  let lastBegun: string | null = null;
  let lastSeq = 0;
  let buffer = '';
  let stderr = '';
  let killAfter = 0;
  let timer: NodeJS.Timeout | null = null;
  let guard: NodeJS.Timeout | null = null;
  let onLoaded: () => void = () => undefined;
  const loaded = new Promise<void>((resolve) => (onLoaded = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      const [kind, seqText, channel, audited] = line.split(' ');
      if (kind === 'LOADED') onLoaded();
      else if (kind === 'READY' && !timer) timer = setTimeout(() => child.kill('SIGKILL'), killAfter);
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
  // A writer that died before its turn: the GO line meets a closed pipe, and the trial reports how it ended.
  child.stdin.on('error', () => undefined);
  // 'close' comes after the last line the writer printed has been read (every acknowledgement counts).
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  return {
    run: async (file, seed, startSeq, killAfterMs) => {
      lastSeq = startSeq;
      killAfter = killAfterMs;
      await Promise.race([loaded, closed]);
      child.stdin.write(`GO ${file} ${seed} ${startSeq}\n`);
      guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
      const { code, signal } = await closed;
      if (guard) clearTimeout(guard);
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL')
        throw new Error(`the soak child stopped by itself (code ${code}): ${stderr.slice(0, 500)}`);
      return { acked, lastBegun, lastSeq };
    },
    dispose: () => {
      child.kill('SIGKILL');
    },
  };
}

export interface Kill9Options {
  trials: number;
  /** Start a new store (a copy of the prepared one) every this many trials of a chain (keeps each check quick). */
  storeEvery?: number;
  /** Longest run before the kill (ms after the child is ready). */
  maxRunMs?: number;
  seed?: number;
  /** Chains of stores run side by side (default 1; `npm run soak` uses 2 on a machine with two cores). */
  lanes?: number;
}

export async function kill9(options: Kill9Options): Promise<Kill9Result> {
  const dir = soakTempDir('planwright-soak-');
  const writers: Writer[] = [];
  try {
    const bundle = await bundleChild(path.join(here, 'child.ts'), path.join(dir, 'child.cjs'));
    const reference = await importReference(dir);
    const draftFile = path.join(dir, 'draft.json');
    fs.writeFileSync(draftFile, JSON.stringify(reference.draft));
    const importCounts = reference.counts;
    const prepared = await seedStore(dir);
    const result: Kill9Result = { trials: 0, lostWrites: 0, failedTrials: 0, killedDuring: {}, problems: [] };
    // One seed per trial, in trial order, whatever lane runs it.
    const seeds: number[] = [];
    for (let t = 0, seed = options.seed ?? 20261201; t < options.trials; t++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      seeds.push(seed);
    }
    let nextTrial = 0;
    const lane = async (n: number): Promise<void> => {
      const outDocx = path.join(dir, `appendix-${n}.docx`);
      const start = (): Writer => {
        const w = startWriter(bundle, outDocx, draftFile);
        writers.push(w);
        return w;
      };
      let next = start();
      let store: string | null = null;
      let onStore = 0;
      let chain = 0;
      let seq = 0;
      const acked = new Map<number, boolean>();
      for (let t = nextTrial++; t < options.trials; t = nextTrial++) {
        if (!store || onStore === (options.storeEvery ?? 25)) {
          if (store) for (const f of [store, `${store}-wal`, `${store}-shm`]) fs.rmSync(f, { force: true });
          store = path.join(dir, `soak-${n}-${chain++}.sqlite`);
          fs.copyFileSync(prepared.file, store);
          onStore = 0;
          acked.clear();
          fs.rmSync(outDocx, { force: true });
        }
        onStore++;
        const writer = next;
        next = start(); // loads while this trial runs
        const seed = seeds[t]!;
        const run = await writer.run(store, seed, seq, Math.floor(((seed % 1000) / 1000) * (options.maxRunMs ?? 700)));
        seq = run.lastSeq + 1;
        for (const [k, v] of run.acked) acked.set(k, v);
        const during = run.lastBegun ?? 'between calls';
        result.killedDuring[during] = (result.killedDuring[during] ?? 0) + 1;
        const checked = check(store, acked, prepared.template, importCounts, outDocx);
        result.trials++;
        result.lostWrites += checked.lost;
        if (checked.problems.length || checked.lost) {
          result.failedTrials++;
          result.problems.push(`trial ${t + 1}: ${checked.lost} lost; ${checked.problems.join('; ')}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.lanes ?? 1) }, (_, n) => lane(n)));
    return result;
  } finally {
    for (const w of writers) w.dispose();
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
