/**
 * The command line's start-up: `planwright list` on the sample store as a whole process (what a user or a
 * script waits for), against `node -e 0` timed the same way. Median of several runs each, after one
 * warm-up run that builds the command line and its code cache if needed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 9;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timeRuns(args: string[]): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    const res = spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore' });
    times.push(performance.now() - start);
    if (res.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${res.status}`);
  }
  return median(times);
}

export async function benchCli(): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-bench-cli-'));
  try {
    const db = path.join(dir, 'sample.sqlite');
    const cli = path.join(root, 'bin', 'planwright.mjs');
    const made = spawnSync(process.execPath, [cli, 'sample', '--db', db], { cwd: root, stdio: 'ignore' });
    if (made.status !== 0) throw new Error('planwright sample failed');
    // Warm-up: builds the command line (when stale) and its code cache.
    spawnSync(process.execPath, [cli, 'list', '--db', db], { cwd: root, stdio: 'ignore' });
    const baseline = timeRuns(['-e', '0']);
    const list = timeRuns([cli, 'list', '--db', db]);
    return { 'cli.list_ms': list, 'cli.node_baseline_ms': baseline };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
