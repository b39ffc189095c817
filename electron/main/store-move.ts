/**
 * File › Move plan store…: the steps, with Electron's dialogs and the store's utility process passed in,
 * so the whole flow runs under Node in tests (electron/main/index.ts only wires it).
 *
 * 1. A save dialog proposes a local folder; a synced folder, the store itself, an existing file, a folder
 *    that cannot be written or has no room is refused in plain words with "Choose another place" / "Cancel"
 *    (there is no way to go ahead into a synced folder).
 * 2. The store's utility process copies the open store (VACUUM INTO, verified by integrity_check and each
 *    table's row count, as backups are) and closes it in the same step, so no change can land in between.
 * 3. The new place is recorded (store-location.json in userData), the old file is renamed
 *    `<file>.moved-<stamp>` so nothing opens it by mistake, and the store is opened again at the new place.
 * Any failure before the store is reopened puts everything back and opens the old file again.
 */
import fs from 'node:fs';
import {
  checkStoreTarget,
  clearStoreLocation,
  keptOldName,
  moveFailedBox,
  movedBox,
  normaliseTarget,
  proposedStorePath,
  storeBytes,
  writeStoreLocation,
  type Box,
  type StoreLocationRecord,
} from './store-location';

export interface MoveStoreDeps {
  /** The store's path now. */
  current: string;
  userData: string;
  home: string;
  now: () => Date;
  /** The save dialog: the picked path, or null when cancelled. */
  chooseSavePath(defaultPath: string): Promise<string | null>;
  /** A message box: the index of the button pressed. */
  ask(box: Box): Promise<number>;
  /** Copies the open store to `target` (verified) and closes it; answers the path written or why not. */
  copyAndClose(target: string): Promise<{ ok: true; path: string } | { ok: false; reason: string }>;
  /** Opens the store at `dbPath` again (in the same utility process); false when it could not be opened. */
  reopen(dbPath: string): Promise<boolean>;
  freeBytes?: (folder: string) => number | null;
  log?: (message: string) => void;
}

export type MoveOutcome =
  | { outcome: 'cancelled' }
  | { outcome: 'failed'; reason: string; dbPath: string }
  | { outcome: 'moved'; dbPath: string; record: StoreLocationRecord };

/** Asks where to, checks it, moves the store there. Answers where the store is open afterwards. */
export async function moveStore(deps: MoveStoreDeps): Promise<MoveOutcome> {
  const log = deps.log ?? (() => undefined);
  let proposal = proposedStorePath(deps.home, deps.userData);
  let target: string;
  for (;;) {
    const picked = await deps.chooseSavePath(proposal);
    if (!picked) return { outcome: 'cancelled' };
    target = normaliseTarget(picked);
    const problem = checkStoreTarget(target, deps.current, {
      neededBytes: storeBytes(deps.current),
      ...(deps.freeBytes ? { freeBytes: deps.freeBytes } : {}),
    });
    if (!problem) break;
    if ((await deps.ask(problem)) !== 0) return { outcome: 'cancelled' };
    proposal = problem.kind === 'synced' ? proposedStorePath(deps.home, deps.userData) : target;
  }

  const failed = async (reason: string, dbPath: string): Promise<MoveOutcome> => {
    await deps.ask(moveFailedBox(reason, dbPath));
    return { outcome: 'failed', reason, dbPath };
  };

  const copied = await deps.copyAndClose(target);
  if (!copied.ok) return failed(copied.reason, deps.current);

  const at = deps.now();
  const record: StoreLocationRecord = {
    version: 1,
    path: copied.path,
    from: deps.current,
    kept: keptOldName(deps.current, at),
    movedAt: at.toISOString(),
  };
  // Put everything back and open the old file again (it was closed, not changed).
  const undo = async (reason: string): Promise<MoveOutcome> => {
    log(`Moving the plan store failed: ${reason}`);
    if (record.kept && !fs.existsSync(deps.current) && fs.existsSync(record.kept))
      fs.renameSync(record.kept, deps.current);
    try {
      clearStoreLocation(deps.userData);
    } catch {
      /* it was not written */
    }
    fs.rmSync(copied.path, { force: true });
    const back = await deps.reopen(deps.current);
    if (!back) log('The plan store could not be opened again at its old place.');
    return failed(reason, deps.current);
  };

  // The record first: whatever stops the app from here on, the next start opens the verified copy.
  try {
    await writeStoreLocation(deps.userData, record);
  } catch (error) {
    return undo(
      `the new place could not be recorded in ${deps.userData} (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  try {
    // The old file (with its write-ahead log, if closing left one) gets a name nothing opens by mistake.
    for (const suffix of ['-wal', '-shm'])
      if (fs.existsSync(`${deps.current}${suffix}`))
        fs.renameSync(`${deps.current}${suffix}`, `${record.kept}${suffix}`);
    fs.renameSync(deps.current, record.kept!);
  } catch (error) {
    log(
      `The old plan store could not be renamed (${error instanceof Error ? error.message : String(error)}); left at ${deps.current}.`,
    );
    record.kept = null;
    await writeStoreLocation(deps.userData, record).catch(() => undefined);
  }
  if (!(await deps.reopen(record.path))) return undo('the copy could not be opened at the new place');
  await deps.ask(movedBox(record));
  return { outcome: 'moved', dbPath: record.path, record };
}
