/** The shared-folder transport's file handling: atomic immutable writes, a flaky folder, synced-folder warning. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  listPackFiles,
  packFileName,
  packIdFromName,
  readPackFile,
  syncedFolderWarning,
  withRetry,
  writeFileAtomic,
} from '../../electron/sync/folder';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-folder-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const PACK = '3f1c2a9e-8b7d-4c6e-9f00-1a2b3c4d5e6f';

describe('shared folder files', () => {
  it('writes atomically and never replaces an existing pack', async () => {
    const file = path.join(dir, packFileName('11111111-2222', 'abcdef0123456789', PACK));
    await writeFileAtomic(file, new Uint8Array([1, 2, 3]), { exclusive: true });
    expect([...fs.readFileSync(file)]).toEqual([1, 2, 3]);
    await expect(writeFileAtomic(file, new Uint8Array([9]), { exclusive: true })).rejects.toMatchObject({
      code: 'EEXIST',
    });
    expect([...fs.readFileSync(file)]).toEqual([1, 2, 3]);
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.partial'))).toEqual([]);
  });

  it('lists packs and their conflict copies by pack id, ignoring temp, hidden and other files', async () => {
    const sub = fs.mkdtempSync(path.join(dir, 'list-'));
    const base = packFileName('11111111-2222', 'abcdef0123456789', PACK).replace('.planwright-pack', '');
    for (const name of [
      `${base}.planwright-pack`,
      `${base} (1).planwright-pack`,
      `${base}-DESKTOP-ABC.planwright-pack`,
      `.${base}.planwright-pack.123.partial`,
      'notes.docx',
      '~$lock.planwright-pack',
      'hand-named.planwright-pack',
    ]) {
      fs.writeFileSync(path.join(sub, name), 'x');
    }
    const entries = await listPackFiles(sub);
    expect(entries.map((e) => e.name)).toEqual([
      'hand-named.planwright-pack',
      `${base} (1).planwright-pack`,
      `${base}-DESKTOP-ABC.planwright-pack`,
      `${base}.planwright-pack`,
    ]);
    expect(entries.map((e) => e.packIdHint)).toEqual([null, PACK, PACK, PACK]);
    expect(packIdFromName('x-DESKTOP-ABC.planwright-pack')).toBeNull();
  });

  it('treats an empty placeholder or a vanished file as not there yet', async () => {
    const empty = path.join(dir, 'placeholder.planwright-pack');
    fs.writeFileSync(empty, '');
    expect(await readPackFile(empty)).toBeNull();
    expect(await readPackFile(path.join(dir, 'gone.planwright-pack'))).toBeNull();
  });

  it('retries EBUSY and EPERM with backoff, and gives up on other errors at once', async () => {
    let calls = 0;
    const value = await withRetry(
      () => {
        calls++;
        if (calls < 3) throw Object.assign(new Error('busy'), { code: calls === 1 ? 'EBUSY' : 'EPERM' });
        return 'read';
      },
      { delayMs: 1 },
    );
    expect(value).toBe('read');
    expect(calls).toBe(3);
    let other = 0;
    await expect(
      withRetry(
        () => {
          other++;
          throw Object.assign(new Error('nope'), { code: 'ENOENT' });
        },
        { delayMs: 1 },
      ),
    ).rejects.toThrow('nope');
    expect(other).toBe(1);
  });

  it('warns when the plan store is inside a synced folder', () => {
    for (const p of [
      'C:\\Users\\fd\\OneDrive - Thurrock Council\\Plans\\planwright.sqlite',
      'C:\\Users\\fd\\OneDrive\\planwright.sqlite',
      'C:\\Users\\fd\\Thurrock Council\\Children - Documents\\planwright.sqlite',
      '/Users/fd/Library/CloudStorage/OneDrive-Thurrock/planwright.sqlite',
      '/home/fd/Dropbox/planwright.sqlite',
      'C:\\Users\\fd\\Dropbox (Council)\\planwright.sqlite',
      'G:\\My Drive\\planwright.sqlite',
    ]) {
      expect(syncedFolderWarning(p), p).toMatch(
        /looks like it is inside a .+ folder.*Keep the plan store on this computer/,
      );
    }
    for (const p of [
      'C:\\Users\\fd\\AppData\\Roaming\\Planwright\\planwright.sqlite',
      '/home/fd/.config/Planwright/planwright.sqlite',
      '/home/fd/onedrive-notes/planwright.sqlite',
    ]) {
      expect(syncedFolderWarning(p), p).toBeNull();
    }
  });
});
