/** Runs the command line's `main` in this process for tests, capturing what it prints. */
import { main } from '../../electron/cli/index';

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
