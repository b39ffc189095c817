/**
 * `npm run soak`: the reliability figures (issue 8), bounded to a few minutes on two cores:
 * - reliability.kill9_trials / reliability.kill9_lost_writes (plus kill9_failed_trials): a writer killed
 *   with SIGKILL at random moments, the store checked after each kill (soak/kill9.ts);
 * - reliability.fuzz_payloads / reliability.fuzz_crashes: generated hostile payloads on every channel (soak/fuzz.ts);
 * - reliability.hostile_imports / reliability.hostile_import_failures: mutated Word, Excel and CSV files (soak/hostile.ts);
 * - reliability.sync_kill9_trials / reliability.sync_kill9_failures (plus sync_kill9_killed, _cpu_seconds): a
 *   merge (an invitation, or an update pack on a lead's copy) killed with SIGKILL at a random moment, the store
 *   checked after each kill (soak/sync-kill.ts).
 * - reliability.large_docx_*: a generated 3 MB .docx read and analysed in a fresh process: time, CPU time and
 *   peak RSS (soak/large-docx.ts; issue 8: such files took 1-3.9 GB and up to 64 s).
 * Prints a table and merges the figures into bench/results.json (other keys are kept).
 * Each part's wall time is `reliability.<part>_seconds` and its CPU time (this process, its threads and its
 * child processes) `reliability.<part>_cpu_seconds`; the whole run's `reliability.soak_seconds` and
 * `reliability.soak_cpu_seconds`.
 * Sizes: SOAK_KILLS (200), SOAK_PAYLOADS (10000), SOAK_FILES (500),
 * SYNC_KILL_TRIALS (100); SOAK_LANES (kill -9 chains side by side; default 2, or 1 on one core). SOAK_PARTS (e.g. "kill9,fuzz") runs
 * only some parts (several runs can then share a busy machine in parallel; each merges its own keys).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatTable } from '../electron/cli/format';
import { childrenCpuMs } from './export';
import { fuzz } from './soak/fuzz';
import { hostileImports } from './soak/hostile';
import { kill9 } from './soak/kill9';
import { syncKill9 } from './soak/sync-kill';
import { largeDocxFigures } from './soak/large-docx';

const here = path.dirname(fileURLToPath(import.meta.url));
const size = (name: string, fallback: number): number => Number(process.env[name] ?? fallback) || fallback;
/** CPU time (ms) of this process (its worker threads included) and of its finished child processes. */
const cpuMs = (): number => {
  const own = process.cpuUsage();
  return (own.user + own.system) / 1000 + (childrenCpuMs() ?? 0);
};

async function main(): Promise<number> {
  const started = Date.now();
  const startedCpu = cpuMs();
  const figures: Record<string, number> = {};
  const notes: string[] = [];
  const timed = async <T>(label: string, run: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    const c = cpuMs();
    process.stderr.write(`soak: ${label}…\n`);
    const r = await run();
    figures[`reliability.${label}_seconds`] = Math.round((Date.now() - t) / 100) / 10;
    figures[`reliability.${label}_cpu_seconds`] = Math.round((cpuMs() - c) / 100) / 10;
    return r;
  };
  const parts = new Set(
    (process.env.SOAK_PARTS ?? 'kill9,fuzz,hostile,docx,sync-kill9').split(',').map((p) => p.trim()),
  );
  let bad = 0;
  if (parts.has('kill9')) {
    const k = await timed('kill9', () =>
      kill9({ trials: size('SOAK_KILLS', 200), lanes: size('SOAK_LANES', Math.min(2, os.availableParallelism())) }),
    );
    figures['reliability.kill9_trials'] = k.trials;
    figures['reliability.kill9_lost_writes'] = k.lostWrites;
    figures['reliability.kill9_failed_trials'] = k.failedTrials;
    for (const [during, n] of Object.entries(k.killedDuring)) figures[`reliability.kill9_during.${during}`] = n;
    notes.push(...k.problems.slice(0, 10));
    bad += k.lostWrites + k.failedTrials;
  }
  if (parts.has('fuzz')) {
    const f = await timed('fuzz', () => fuzz({ payloads: size('SOAK_PAYLOADS', 10_000) }));
    figures['reliability.fuzz_payloads'] = f.payloads;
    figures['reliability.fuzz_crashes'] = f.crashes;
    figures['reliability.fuzz_channels'] = f.channelsCovered;
    if (f.channelsMissed.length) notes.push(`fuzz: no payload on ${f.channelsMissed.join(', ')}`);
    notes.push(...f.examples);
    bad += f.crashes;
  }
  if (parts.has('hostile')) {
    const h = await timed('hostile', () => hostileImports({ files: size('SOAK_FILES', 500), workerEvery: 25 }));
    figures['reliability.hostile_imports'] = h.files;
    figures['reliability.hostile_import_failures'] = h.failures;
    figures['reliability.hostile_slowest_ms'] = h.slowestMs;
    notes.push(...h.examples);
    bad += h.failures;
  }
  if (parts.has('sync-kill9')) {
    const k = await timed('sync_kill9', () => syncKill9({ trials: size('SYNC_KILL_TRIALS', 100) }));
    figures['reliability.sync_kill9_trials'] = k.trials;
    figures['reliability.sync_kill9_failures'] = k.failures;
    figures['reliability.sync_kill9_killed'] = k.killed;
    notes.push(...k.problems.slice(0, 10));
    bad += k.failures;
  }
  if (parts.has('docx')) {
    const d = await timed('large_docx', async () => largeDocxFigures());
    figures['reliability.large_docx_bytes'] = d.bytes;
    figures['reliability.large_docx_tables'] = d.tables;
    figures['reliability.large_docx_ms'] = d.ms;
    figures['reliability.large_docx_cpu_ms'] = d.cpuMs;
    figures['reliability.large_docx_peak_rss_mb'] = d.peakRssMb;
  }
  if (['kill9', 'fuzz', 'hostile'].every((p) => parts.has(p))) {
    figures['reliability.soak_seconds'] = Math.round((Date.now() - started) / 1000);
    figures['reliability.soak_cpu_seconds'] = Math.round((cpuMs() - startedCpu) / 1000);
    // How busy the machine was (wall times depend on it; CPU times much less).
    figures['reliability.soak_load_average'] = Math.round(os.loadavg()[0]! * 10) / 10;
  }

  const file = path.join(here, 'results.json');
  const previous = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { figures?: Record<string, number> } & Record<string, unknown>)
    : {};
  const merged = {
    ...previous,
    figures: { ...(previous.figures ?? {}), ...figures },
    soakDate: new Date().toISOString(),
  };
  fs.writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
  process.stdout.write(
    `${formatTable(
      ['figure', 'value'],
      Object.entries(figures).map(([k2, v]) => [k2, String(v)]),
    )}\n`,
  );
  if (notes.length) process.stdout.write(`\nProblems:\n${notes.map((n) => `- ${n}`).join('\n')}\n`);
  return bad === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`soak failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
