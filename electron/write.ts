/**
 * Atomic file writing for exports: the bytes go to a temporary file in the same folder, are flushed to
 * disk (fsync), then renamed over the chosen path. A crash or a failure part-way never leaves half a
 * document at the chosen path, and the temporary file is removed on failure.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DomainError } from '../shared/result';

/** The temporary name used next to `path` while writing (hidden, unique). */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

const TEMP_NAME = /^\..+\.[0-9a-f]{12}\.tmp$/;

/**
 * Removes temporary files a crashed export left in `folder`: those for `path` itself, and any other export
 * temporary file older than ten minutes (a younger one may belong to an export still running).
 */
export async function removeOrphanTemps(path: string, now = Date.now()): Promise<void> {
  const folder = dirname(path);
  const mine = `.${basename(path)}.`;
  let names: string[];
  try {
    names = await fs.readdir(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (!TEMP_NAME.test(name)) continue;
    const full = join(folder, name);
    try {
      const st = await fs.lstat(full);
      if (!st.isFile()) continue;
      if (name.startsWith(mine) || now - st.mtimeMs > 10 * 60_000) await fs.rm(full, { force: true });
    } catch {
      /* gone already, or not ours to remove */
    }
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'the folder does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'you do not have permission to write there';
    case 'EBUSY':
      return 'the file is open in another program (close it in Word and try again)';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EISDIR':
      return 'a folder has that name';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Writes `data` to `path` atomically and returns the number of bytes written. Throws a DomainError
 * ('export_failed') with a clear message; the file at `path` is then unchanged.
 */
export async function writeFileAtomic(path: string, data: Uint8Array): Promise<number> {
  await removeOrphanTemps(path);
  const temp = tempPathFor(path);
  let handle: fs.FileHandle | null = null;
  try {
    handle = await fs.open(temp, 'wx', 0o644);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = null;
    await fs.rename(temp, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw new DomainError(
      'export_failed',
      `Could not save ${basename(path)}: ${describe(error)}. Nothing was written.`,
    );
  }
  // Flush the rename itself (the folder entry); not supported on every platform, so best effort.
  try {
    const dir = await fs.open(dirname(path), 'r');
    await dir.sync().catch(() => undefined);
    await dir.close();
  } catch {
    /* Windows cannot open a folder for fsync; the rename is still atomic there. */
  }
  return data.byteLength;
}
