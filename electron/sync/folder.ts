/**
 * The shared-folder transport (a OneDrive / SharePoint / Teams synced folder or a network share).
 *
 * Writers: each device writes its own immutable pack files: a temporary name, fsync, then a rename to the
 * final name. A file is never rewritten, and the protocol never deletes one.
 * Readers: only `*.planwright-pack` files are read (temporary `.partial` files are ignored); a sync client's
 * conflict copies ("x (1).planwright-pack", "x-DESKTOP-ABC.planwright-pack") are the same pack and are
 * deduplicated by the pack id in the name and by the pack id and digest inside; EBUSY/EPERM/EACCES are retried
 * with backoff; an empty or unreadable file (a cloud placeholder not yet downloaded, a copy still arriving) is
 * "not there yet" and is looked at again on the next pass; file times are never used.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PACK_EXTENSION } from './pack';

const TEMP_SUFFIX = '.partial';
const RETRY_CODES = new Set(['EBUSY', 'EPERM', 'EACCES', 'EAGAIN', 'EMFILE', 'ENFILE']);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries `fn` on the errors a sync client or virus scanner causes while it holds a file. */
export async function withRetry<T>(fn: () => T, options: { attempts?: number; delayMs?: number } = {}): Promise<T> {
  const attempts = options.attempts ?? 5;
  let delay = options.delayMs ?? 50;
  for (let i = 1; ; i++) {
    try {
      return fn();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (i >= attempts || !code || !RETRY_CODES.has(code)) throw error;
      await sleep(delay);
      delay *= 2;
    }
  }
}

/**
 * Writes `data` to `file` so that no reader ever sees a part of it: a temporary file beside it, fsync, rename.
 * With `exclusive`, an existing file is never replaced (an immutable pack name).
 */
export async function writeFileAtomic(
  file: string,
  data: Uint8Array,
  options: { exclusive?: boolean } = {},
): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}${TEMP_SUFFIX}`);
  const fd = fs.openSync(temp, 'wx');
  try {
    fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    if (options.exclusive && fs.existsSync(file)) throw Object.assign(new Error(`${file} exists`), { code: 'EEXIST' });
    await withRetry(() => fs.renameSync(temp, file));
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  try {
    const dfd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(dfd);
    } finally {
      fs.closeSync(dfd);
    }
  } catch {
    // Directories cannot be fsynced on every system (Windows); the rename is already durable enough there.
  }
}

/** "<plan 8>-<device 8>-<pack id>.planwright-pack": names are unique per pack, and carry its id. */
export function packFileName(planId: string, deviceId: string, packId: string): string {
  return `planwright-${planId.slice(0, 8)}-${deviceId.slice(0, 8)}-${packId}${PACK_EXTENSION}`;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The pack id a file name carries (also in a sync client's conflict copy of it), if any. */
export function packIdFromName(name: string): string | null {
  const m = UUID.exec(name);
  return m ? m[0].toLowerCase() : null;
}

export interface FolderEntry {
  name: string;
  path: string;
  /** The pack id in the name (null when the name carries none: the file must be read to know). */
  packIdHint: string | null;
}

/** The pack files in a folder, in name order; temporary, hidden and partial files are left out. */
export async function listPackFiles(folder: string): Promise<FolderEntry[]> {
  const names = await withRetry(() => fs.readdirSync(folder));
  return names
    .filter((n) => n.toLowerCase().endsWith(PACK_EXTENSION) && !n.startsWith('.') && !n.startsWith('~$'))
    .sort()
    .map((name) => ({ name, path: path.join(folder, name), packIdHint: packIdFromName(name) }));
}

/**
 * A pack file's bytes, or null when it is not there yet: empty (a placeholder or a copy still arriving),
 * gone, or still unreadable after the retries. Never throws for those.
 */
export async function readPackFile(file: string): Promise<Uint8Array | null> {
  try {
    const data = await withRetry(() => fs.readFileSync(file));
    return data.length === 0 ? null : new Uint8Array(data.buffer, data.byteOffset, data.length);
  } catch {
    return null;
  }
}

// The synced-folder rule lives in shared/synced-folder.ts, so the main process can call it without this module.
export { syncedFolderWarning } from '../../shared/synced-folder';
