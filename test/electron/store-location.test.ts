/**
 * Issue 10: File › Move plan store… as plain modules under Node (electron/main/store-location.ts and
 * store-move.ts) with a real plan store: the checks on a picked place (a synced folder is never accepted),
 * the verified copy, the record in userData, the old file kept under a `.moved-` name, the store reopened
 * at its new place, everything put back when a step fails, and the start-up choices when the moved store
 * is missing or the record cannot be read.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { copyStoreTo, ensureSamplePlan, listPlans, openStore, type Store } from '../../db';
import {
  checkStoreTarget,
  keptOldName,
  normaliseTarget,
  PROPOSED_STORE_NAME,
  proposedStorePath,
  readStoreLocation,
  resolveStartupStore,
  storeLocationFile,
  writeStoreLocation,
  type Box,
  type StartupChoice,
  type StoreLocationRecord,
} from '../../electron/main/store-location';
import { moveStore, type MoveStoreDeps } from '../../electron/main/store-move';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-store-move-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let root: string;
let userData: string;
let current: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(tmp, 'case-'));
  userData = path.join(root, 'userData');
  fs.mkdirSync(userData);
  current = path.join(userData, 'planwright.sqlite');
});

const check = (target: string, free: number | null = 10 ** 12) =>
  checkStoreTarget(target, current, { neededBytes: 1024 * 1024, freeBytes: () => free });

describe('checking the place picked for the plan store', () => {
  it('never accepts a synced folder, and says why and what to do instead', () => {
    fs.writeFileSync(current, '');
    for (const [folder, service] of [
      ['OneDrive - Northmoor Council', 'OneDrive'],
      ['OneDrive', 'OneDrive'],
      ['Northmoor Council - Documents', 'SharePoint or Teams'],
      ['Dropbox (Northmoor)', 'Dropbox'],
      ['Google Drive', 'Google Drive'],
      ['iCloud Drive', 'iCloud Drive'],
    ]) {
      const dir = path.join(root, folder!, 'Plans');
      fs.mkdirSync(dir, { recursive: true });
      const problem = check(path.join(dir, 'planwright.sqlite'));
      expect(problem, folder).toMatchObject({ kind: 'synced', title: 'Choose a folder that is not synced' });
      expect(problem!.message).toContain(service);
      expect(problem!.detail).toMatch(/copies the plan store while Planwright is writing to it/);
      expect(problem!.detail).toMatch(/conflict copies/);
      expect(problem!.detail).toMatch(/update packs \(Sharing › Send to leads\) or the shared folder/);
      // No way to go ahead: only choose again or cancel.
      expect(problem!.buttons).toEqual(['Choose another place', 'Cancel']);
    }
  });

  it('refuses the store itself, an existing file, a missing folder, a folder it cannot write, and a full drive', () => {
    fs.writeFileSync(current, 'x');
    expect(check(current)?.kind).toBe('same');
    fs.linkSync(current, path.join(root, 'hard-link.sqlite'));
    expect(check(path.join(root, 'hard-link.sqlite'))?.kind).toBe('same');
    fs.writeFileSync(path.join(root, 'other.sqlite'), 'someone else’s');
    const exists = check(path.join(root, 'other.sqlite'))!;
    expect(exists).toMatchObject({ kind: 'exists', title: 'A file of that name is already there' });
    expect(exists.detail).toContain('does not replace a file it did not make');
    expect(check(path.join(root, 'no-such-folder', 'p.sqlite'))?.kind).toBe('folder');
    // /proc takes no new files, even for root.
    expect(check('/proc/planwright.sqlite')?.kind).toBe('not_writable');
    const full = check(path.join(root, 'plans.sqlite'), 2 * 1024 * 1024)!;
    expect(full.kind).toBe('no_room');
    expect(full.message).toMatch(/has 2 MB free; the plan store needs about \d+ MB/);
    // Room unknown (a share that will not say): allowed.
    expect(check(path.join(root, 'plans.sqlite'), null)).toBeNull();
    expect(check(path.join(root, 'plans.sqlite'))).toBeNull();
    // No probe file left behind.
    expect(fs.readdirSync(root).filter((n) => n.startsWith('.planwright-probe'))).toEqual([]);
  });

  it('adds .sqlite to a name without one, and proposes a local folder', () => {
    expect(normaliseTarget(path.join(root, 'plans'))).toBe(path.join(root, 'plans.sqlite'));
    expect(normaliseTarget(path.join(root, 'plans.db'))).toBe(path.join(root, 'plans.db'));
    expect(proposedStorePath('/home/fd', '/home/fd/.config/Planwright')).toBe(`/home/fd/${PROPOSED_STORE_NAME}`);
    // A home folder that is synced itself: the app's own folder instead.
    expect(proposedStorePath('/Users/fd/OneDrive', '/Users/fd/Library/Application Support/Planwright')).toBe(
      `/Users/fd/Library/Application Support/Planwright/${PROPOSED_STORE_NAME}`,
    );
  });
});

describe('the record of where the store lives (store-location.json)', () => {
  const record = (p: string): StoreLocationRecord => ({
    version: 1,
    path: p,
    from: current,
    kept: `${current}.moved-20261202T080000Z`,
    movedAt: '2026-12-02T08:00:00.000Z',
  });

  it('is the default place without a record; the moved place with one; missing when the file is not there', async () => {
    expect(readStoreLocation(userData, current)).toEqual({ kind: 'default', path: current });
    const moved = path.join(root, 'plans.sqlite');
    await writeStoreLocation(userData, record(moved));
    expect(readStoreLocation(userData, current)).toMatchObject({ kind: 'missing', path: moved });
    expect(readStoreLocation(userData, current).path).toBe(moved);
    fs.writeFileSync(moved, '');
    expect(readStoreLocation(userData, current)).toMatchObject({ kind: 'moved', path: moved, record: record(moved) });
  });

  it('an unreadable record (half-written, wrong shape, a relative path) falls back to the default place', () => {
    for (const text of ['{"version": 1, "pa', '{"version": 2}', JSON.stringify({ ...record('plans.sqlite') }), '']) {
      fs.writeFileSync(storeLocationFile(userData), text);
      expect(readStoreLocation(userData, current), text).toMatchObject({ kind: 'unreadable', path: current });
      expect(readStoreLocation(userData, current).path).toBe(current);
    }
  });
});

/** A real store at `current` with the sample plan, opened as the utility process does. */
async function realStore(): Promise<{ get: () => Store | null; deps: MoveStoreDeps; boxes: Box[]; picks: string[] }> {
  let store: Store | null = openStore(current, { actor: 'F Dunmore' });
  await ensureSamplePlan(store);
  const boxes: Box[] = [];
  const picks: string[] = [];
  const deps: MoveStoreDeps = {
    current,
    userData,
    home: root,
    now: () => new Date('2026-12-02T08:00:00.000Z'),
    chooseSavePath: async (proposal) => {
      picks.push(proposal);
      return answers.picks.shift() ?? null;
    },
    ask: async (box) => {
      boxes.push(box);
      return answers.buttons.shift() ?? 0;
    },
    copyAndClose: async (target) => {
      try {
        const written = copyStoreTo(store!, target);
        await store!.close();
        store = null;
        return { ok: true, path: written };
      } catch (error) {
        return { ok: false, reason: (error as Error).message };
      }
    },
    reopen: async (dbPath) => {
      try {
        store = openStore(dbPath, { actor: 'F Dunmore' });
        return true;
      } catch {
        return false;
      }
    },
  };
  return { get: () => store, deps, boxes, picks };
}
const answers = { picks: [] as (string | null)[], buttons: [] as number[] };

describe('File › Move plan store…', () => {
  beforeEach(() => {
    answers.picks = [];
    answers.buttons = [];
  });

  it('refuses a synced folder (Choose another place), then moves to a local one: verified copy, record, old file kept, reopened', async () => {
    const { get, deps, boxes, picks } = await realStore();
    const plans = listPlans(get()!).map((p) => p.title);
    const synced = path.join(root, 'OneDrive - Northmoor Council');
    fs.mkdirSync(synced);
    const local = path.join(root, 'Local plans');
    fs.mkdirSync(local);
    answers.picks = [path.join(synced, 'planwright.sqlite'), path.join(local, 'plans')];
    answers.buttons = [0, 0];
    const outcome = await moveStore(deps);

    const target = path.join(local, 'plans.sqlite');
    expect(outcome).toMatchObject({ outcome: 'moved', dbPath: target });
    expect(picks[0]).toBe(path.join(root, PROPOSED_STORE_NAME));
    // After the synced folder, the proposal is a local place again, never the synced one.
    expect(picks[1]).toBe(path.join(root, PROPOSED_STORE_NAME));
    expect(boxes.map((b) => b.title)).toEqual(['Choose a folder that is not synced', 'Plan store moved']);
    expect(fs.existsSync(path.join(synced, 'planwright.sqlite'))).toBe(false);
    expect(boxes[1]!.message).toBe(`Your plans are now kept in ${target}.`);
    const kept = keptOldName(current, new Date('2026-12-02T08:00:00.000Z'));
    expect(kept).toBe(`${current}.moved-20261202T080000Z`);
    expect(boxes[1]!.detail).toContain(`The old file is kept as ${kept}`);
    expect(boxes[1]!.detail).toContain('passed an integrity check');

    // The record, the old file under its kept name (nothing at the old name), the store open at the new place.
    expect(readStoreLocation(userData, current)).toMatchObject({
      kind: 'moved',
      record: { path: target, from: current, kept, movedAt: '2026-12-02T08:00:00.000Z' },
    });
    expect(fs.existsSync(current)).toBe(false);
    expect(fs.existsSync(kept)).toBe(true);
    expect(get()!.path).toBe(target);
    expect(listPlans(get()!).map((p) => p.title)).toEqual(plans);
    const db = new Database(target, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    // No temporary copy left beside it.
    expect(fs.readdirSync(local).filter((n) => !/-(wal|shm)$/.test(n))).toEqual(['plans.sqlite']);
    await get()!.close();
  });

  it('an old file that cannot be renamed is left where it was, named in the message and the record', async () => {
    const { get, deps, boxes } = await realStore();
    // Something already holds the kept name (a folder), so the rename fails.
    const kept = keptOldName(current, new Date('2026-12-02T08:00:00.000Z'));
    fs.mkdirSync(kept);
    fs.writeFileSync(path.join(kept, 'x'), '');
    answers.picks = [path.join(root, 'plans.sqlite')];
    expect(await moveStore(deps)).toMatchObject({ outcome: 'moved', record: { kept: null } });
    expect(boxes.at(-1)!.detail).toContain(`The old file was left at ${current} (it could not be renamed)`);
    expect(readStoreLocation(userData, current)).toMatchObject({ kind: 'moved', record: { kept: null } });
    expect(fs.existsSync(current)).toBe(true);
    expect(get()!.path).toBe(path.join(root, 'plans.sqlite'));
    await get()!.close();
  });

  it('Cancel at the synced-folder dialog (or in the save dialog) changes nothing', async () => {
    const { get, deps, boxes } = await realStore();
    fs.mkdirSync(path.join(root, 'Dropbox'));
    answers.picks = [path.join(root, 'Dropbox', 'p.sqlite')];
    answers.buttons = [1];
    expect(await moveStore(deps)).toEqual({ outcome: 'cancelled' });
    expect(await moveStore(deps)).toEqual({ outcome: 'cancelled' });
    expect(boxes).toHaveLength(1);
    expect(get()!.path).toBe(current);
    expect(fs.existsSync(storeLocationFile(userData))).toBe(false);
    expect(fs.readdirSync(path.join(root, 'Dropbox'))).toEqual([]);
    await get()!.close();
  });

  it('a copy that fails says so plainly and leaves the store where it was, open', async () => {
    const { get, deps, boxes } = await realStore();
    answers.picks = [path.join(root, 'plans.sqlite')];
    const failing: MoveStoreDeps = { ...deps, copyAndClose: async () => ({ ok: false, reason: 'the disk is full' }) };
    expect(await moveStore(failing)).toMatchObject({ outcome: 'failed', dbPath: current });
    expect(boxes.at(-1)).toMatchObject({ title: 'The plan store was not moved', type: 'error' });
    expect(boxes.at(-1)!.detail).toBe(
      `The disk is full.\n\nNothing was changed: your plans are still kept in ${current}.`,
    );
    expect(get()!.path).toBe(current);
    expect(fs.existsSync(storeLocationFile(userData))).toBe(false);
    await get()!.close();
  });

  it('a copy that cannot be opened at the new place puts everything back and reopens the old file', async () => {
    const { get, deps, boxes } = await realStore();
    answers.picks = [path.join(root, 'plans.sqlite')];
    let opens = 0;
    const refusing: MoveStoreDeps = {
      ...deps,
      reopen: async (dbPath) => (++opens === 1 ? false : deps.reopen(dbPath)),
    };
    expect(await moveStore(refusing)).toMatchObject({ outcome: 'failed', dbPath: current });
    expect(boxes.at(-1)!.detail).toContain('The copy could not be opened at the new place.');
    expect(fs.existsSync(current)).toBe(true);
    expect(fs.readdirSync(userData).filter((n) => n.includes('.moved-'))).toEqual([]);
    expect(fs.existsSync(path.join(root, 'plans.sqlite'))).toBe(false);
    expect(fs.existsSync(storeLocationFile(userData))).toBe(false);
    expect(get()!.path).toBe(current);
    expect(listPlans(get()!)).toHaveLength(1);
    await get()!.close();
  });
});

describe('starting with a moved store', () => {
  const asker = (responses: number[], seen: StartupChoice[]) => async (choice: StartupChoice) => {
    seen.push(choice);
    return responses.shift() ?? 0;
  };
  const kept = () => `${current}.moved-20261202T080000Z`;
  const moved = () => path.join(root, 'USB', 'plans.sqlite');
  async function recordMove() {
    fs.writeFileSync(kept(), 'old copy');
    await writeStoreLocation(userData, {
      version: 1,
      path: moved(),
      from: current,
      kept: kept(),
      movedAt: '2026-12-02T08:00:00.000Z',
    });
  }

  it('a missing moved store: Quit first (the cancel button), Try again finds it once the drive is back', async () => {
    await recordMove();
    const seen: StartupChoice[] = [];
    expect(await resolveStartupStore(userData, current, asker([0], seen))).toBeNull();
    expect(seen[0]).toMatchObject({
      title: 'Your plan store was not found',
      buttons: ['Quit', 'Try again', 'Use the copy at the old place'],
    });
    expect(seen[0]!.detail).toContain(`${moved()} (moved there on 2 December 2026), but that file is not there now`);
    expect(seen[0]!.detail).toContain('changes made since are not in it');
    expect(seen[0]!.detail).toContain('Help › Restore a backup lists the backups taken before the move');
    // Try again: the drive is connected in between.
    const ask = async (choice: StartupChoice) => {
      seen.push(choice);
      fs.mkdirSync(path.dirname(moved()), { recursive: true });
      fs.writeFileSync(moved(), '');
      return 1;
    };
    expect(await resolveStartupStore(userData, current, ask)).toBe(moved());
  });

  it('"Use the copy at the old place" renames it back and forgets the move; no kept copy, no such button', async () => {
    await recordMove();
    const seen: StartupChoice[] = [];
    expect(await resolveStartupStore(userData, current, asker([2], seen))).toBe(current);
    expect(fs.readFileSync(current, 'utf8')).toBe('old copy');
    expect(fs.existsSync(kept())).toBe(false);
    expect(fs.existsSync(storeLocationFile(userData))).toBe(false);

    // The old file left at the old place (it could not be renamed): offered as it is.
    await recordMove();
    fs.rmSync(kept());
    fs.writeFileSync(current, 'left in place');
    const left: StartupChoice[] = [];
    expect(await resolveStartupStore(userData, current, asker([2], left))).toBe(current);
    expect(left[0]!.detail).toContain(`The copy kept at the old place (${current})`);
    expect(fs.readFileSync(current, 'utf8')).toBe('left in place');

    // No old copy at all: no such button.
    await recordMove();
    fs.rmSync(kept());
    fs.rmSync(current);
    const again: StartupChoice[] = [];
    expect(await resolveStartupStore(userData, current, asker([0], again))).toBeNull();
    expect(again[0]!.buttons).toEqual(['Quit', 'Try again']);
  });

  it('an unreadable record: the default place, the record kept aside with ".unreadable"', async () => {
    fs.writeFileSync(storeLocationFile(userData), '{"version": 1, "pa');
    const seen: StartupChoice[] = [];
    expect(await resolveStartupStore(userData, current, asker([0], seen))).toBeNull();
    expect(seen[0]).toMatchObject({
      title: 'Where your plans are kept could not be read',
      buttons: ['Quit', 'Use the default place'],
    });
    expect(await resolveStartupStore(userData, current, asker([1], seen))).toBe(current);
    expect(fs.readFileSync(`${storeLocationFile(userData)}.unreadable`, 'utf8')).toBe('{"version": 1, "pa');
    expect(await resolveStartupStore(userData, current, asker([], seen))).toBe(current);
  });
});
