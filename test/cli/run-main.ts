/**
 * Runs the command line for tests, capturing what it prints: `runMain` calls `main` in this process (fast);
 * `runSpawned` spawns `node bin/planwright.mjs` as users run it.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { main } from '../../electron/cli/index';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin', 'planwright.mjs');
const run = promisify(execFile);

/** Exit code and the lines written to stdout and stderr (joined with newlines). */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `planwright ...args`, in process. */
export async function runMain(...args: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'planwright', ...args], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** `node bin/planwright.mjs ...args`, spawned from the repository root (NO_COLOR set). */
export async function runSpawned(...args: string[]): Promise<CliRun> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
