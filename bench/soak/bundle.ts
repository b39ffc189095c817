/**
 * What the soak's child processes share (kill9.ts; sync-kill.ts can use it too):
 * - `bundleChild`: one CommonJS file with every package bundled but better-sqlite3 (native), minified, so
 *   plain `node` starts it in about half the CPU time of an ES module loading its packages from
 *   node_modules (and a small fraction of tsx's);
 * - `soakTempDir`: a temporary folder in memory (/dev/shm) when there is one. A kill -9 ends a process, not
 *   the machine: what the process wrote is in the kernel either way, so the checks are the same, but fsync
 *   and checkpoints do not wait on a disk shared with other work.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');

export async function bundleChild(entry: string, outFile: string): Promise<string> {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: outFile,
    external: ['better-sqlite3'],
    minify: true,
    keepNames: true,
    legalComments: 'none',
    define: { 'import.meta.url': '__soakImportMetaUrl' },
    banner: { js: "const __soakImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'silent',
  });
  // Let the bundle find better-sqlite3 in the project's node_modules.
  const linked = path.join(path.dirname(outFile), 'node_modules');
  if (!fs.existsSync(linked)) fs.symlinkSync(path.join(ROOT, 'node_modules'), linked);
  return outFile;
}

/** A new temporary folder, in memory when the machine has /dev/shm (SOAK_TMPDIR overrides). */
export function soakTempDir(prefix: string): string {
  const shm = '/dev/shm';
  const base =
    process.env.SOAK_TMPDIR ??
    (fs.existsSync(shm) && fs.statSync(shm).isDirectory() && isWritable(shm) ? shm : os.tmpdir());
  return fs.mkdtempSync(path.join(base, prefix));
}

function isWritable(dir: string): boolean {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
