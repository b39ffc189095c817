/**
 * Store benchmark (figures in ms; the lead's bench/run.ts prints them). On a temp-file store holding
 * the large plan (12 sections, 1,200 actions, 8 rated periods, 5,000 progress updates):
 * - store.create_large_plan_ms: createPlanFromDraft, one transaction;
 * - store.open_full_tree_ms: median getPlanTree (whole plan, mapped to the domain model), timed in turn with
 *   the raw reads below (each round: the tree, the raw read, the array read) so all see the same machine;
 *   store.open_full_tree_cpu_ms: its mean CPU time (less sensitive to a busy shared machine);
 * - store.raw_read_ms: median raw better-sqlite3 read of the same rows (same SQL, rows as objects,
 *   better-sqlite3's default; no mapping); store.raw_read_cpu_ms: its mean CPU time (compare with
 *   store.open_full_tree_cpu_ms on a busy machine); store.raw_read_arrays_ms: the same in raw (array) mode;
 * - store.edit_median_ms: median actions:update through the dispatcher (validation, transaction, audit);
 * - store.cold_open_ms: openStore on the existing file plus the first tree read.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createPlanFromDraft, createStoreHandlers, getPlanTree, openStore } from '../db';
import { TREE_QUERIES } from '../db/tree';
import { createDispatcher } from '../shared/dispatch';
import { largePlanDraft } from '../shared/samples/large-plan';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

export async function benchStore(): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-bench-'));
  const file = path.join(dir, 'bench.sqlite');
  try {
    const draft = largePlanDraft();
    let store = openStore(file, { actor: 'Benchmark' });
    let planId = '';
    const create = time(() => {
      planId = createPlanFromDraft(store, draft, 'Benchmark').id;
    });
    await store.close();

    // Cold: open the file and read the tree once.
    let cold = 0;
    cold = time(() => {
      store = openStore(file, { actor: 'Benchmark' });
      getPlanTree(store, planId);
    });

    // The service read and the raw reads alternate, so that each sees the same machine (a shared machine's
    // speed drifts over seconds) and the same garbage collector; CPU time is summed per kind of read.
    const runs = 30;
    const raw = Object.values(TREE_QUERIES).map((sql) => store.sqlite.prepare(sql));
    const rawRead = () => {
      for (const stmt of raw) stmt.all(planId);
    };
    const arrays = Object.values(TREE_QUERIES).map((sql) => store.sqlite.prepare(sql).raw(true));
    const arrayRead = () => {
      for (const stmt of arrays) stmt.all(planId);
    };
    const treeRead = () => {
      getPlanTree(store, planId);
    };
    for (let i = 0; i < 5; i++) {
      treeRead();
      rawRead();
      arrayRead();
    }
    const tree: number[] = [];
    const rawTimes: number[] = [];
    const arrayTimes: number[] = [];
    let treeCpuUs = 0;
    let rawCpuUs = 0;
    const timed = (fn: () => void, into: number[]): number => {
      const c = process.cpuUsage();
      into.push(time(fn));
      const used = process.cpuUsage(c);
      return used.user + used.system;
    };
    for (let i = 0; i < runs; i++) {
      treeCpuUs += timed(treeRead, tree);
      rawCpuUs += timed(rawRead, rawTimes);
      timed(arrayRead, arrayTimes);
    }
    const treeCpu = treeCpuUs / 1000 / runs;

    const dispatch = createDispatcher(createStoreHandlers(store), {});
    const ctx = { actor: 'Benchmark', emit: () => undefined };
    const actions = getPlanTree(store, planId).actions;
    const edits: number[] = [];
    for (let i = 0; i < 220; i++) {
      const action = actions[(i * 37) % actions.length]!;
      const t = performance.now();
      const r = await dispatch(
        'actions:update',
        { actionId: action.id, patch: { description: `${action.description} (edit ${i})` } },
        ctx,
      );
      const dt = performance.now() - t;
      if (!r.ok) throw new Error(`actions:update failed: ${r.error.message}`);
      if (i >= 20) edits.push(dt);
    }
    await store.close();
    return {
      'store.create_large_plan_ms': create,
      'store.open_full_tree_ms': median(tree),
      'store.open_full_tree_cpu_ms': treeCpu,
      'store.raw_read_ms': median(rawTimes),
      'store.raw_read_cpu_ms': rawCpuUs / 1000 / runs,
      'store.raw_read_arrays_ms': median(arrayTimes),
      'store.edit_median_ms': median(edits),
      'store.cold_open_ms': cold,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
