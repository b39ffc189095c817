/**
 * Where the plan store lives (File › Move plan store…), as plain rules tested under Node:
 * - the record of a moved store: `store-location.json` in the userData folder, read at start-up before the
 *   store is opened (by the app and by the command line, so both open the same store by default);
 * - the checks on a place the user picks (never inside a synced folder, a folder Planwright may write to,
 *   not the store itself, no existing file replaced, enough room);
 * - the words of every dialog the move and the start-up show (the Electron edge only shows them).
 * No Electron import: electron/main/index.ts wires these to dialogs and the store's utility process.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { syncedFolderService } from '../../shared/synced-folder';
import { formatLongDate } from '../../shared/dates';
import { writeFileAtomic } from '../write';

export const STORE_LOCATION_FILE = 'store-location.json';
/** The file name proposed in the save dialog. */
export const PROPOSED_STORE_NAME = 'Planwright plans.sqlite';

const StoreLocationRecord = z.object({
  version: z.literal(1),
  /** Where the store lives now (absolute). */
  path: z.string().min(1),
  /** Where it lived before the move. */
  from: z.string().min(1),
  /** The old file, renamed after the move (null when it could not be renamed and was left at `from`). */
  kept: z.string().min(1).nullable(),
  /** ISO time of the move. */
  movedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T/),
});
export type StoreLocationRecord = z.infer<typeof StoreLocationRecord>;

export type StoreLocation =
  /** No move recorded: the default place in userData. */
  | { kind: 'default'; path: string }
  /** Moved, and the file is there. */
  | { kind: 'moved'; path: string; record: StoreLocationRecord }
  /** Moved, but the file is not there (a drive not connected, deleted, renamed). */
  | { kind: 'missing'; path: string; record: StoreLocationRecord }
  /** The record cannot be read: `path` is the default place. (In every kind, `path` is the store to open.) */
  | { kind: 'unreadable'; path: string; recordPath: string; reason: string };

export function storeLocationFile(userData: string): string {
  return path.join(userData, STORE_LOCATION_FILE);
}

/** Where the store lives, from the record in `userData` (the default place when there is none). */
export function readStoreLocation(userData: string, defaultPath: string): StoreLocation {
  const recordPath = storeLocationFile(userData);
  let text: string;
  try {
    text = fs.readFileSync(recordPath, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return { kind: 'default', path: defaultPath };
    return { kind: 'unreadable', path: defaultPath, recordPath, reason: 'the file could not be read' };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'unreadable', path: defaultPath, recordPath, reason: 'the file is not complete' };
  }
  const parsed = StoreLocationRecord.safeParse(json);
  if (!parsed.success || !path.isAbsolute(parsed.data.path))
    return { kind: 'unreadable', path: defaultPath, recordPath, reason: 'the file does not say where the store is' };
  const record = parsed.data;
  return fs.existsSync(record.path)
    ? { kind: 'moved', path: record.path, record }
    : { kind: 'missing', path: record.path, record };
}

export async function writeStoreLocation(userData: string, record: StoreLocationRecord): Promise<void> {
  fs.mkdirSync(userData, { recursive: true });
  await writeFileAtomic(
    storeLocationFile(userData),
    new TextEncoder().encode(`${JSON.stringify(StoreLocationRecord.parse(record), null, 2)}\n`),
  );
}

/** Forgets the move (the store is back at the default place). */
export function clearStoreLocation(userData: string): void {
  fs.rmSync(storeLocationFile(userData), { force: true });
}

/** A sortable stamp for file names: 20261202T075300Z. */
function stamp(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** The name the old file is kept under after a move: `<file>.moved-<stamp>` (never opened by accident). */
export function keptOldName(current: string, at: Date): string {
  return `${current}.moved-${stamp(at)}`;
}

/** A picked path with `.sqlite` added when it has no extension (a save dialog on Linux may leave it off). */
export function normaliseTarget(picked: string): string {
  const resolved = path.resolve(picked);
  return path.extname(resolved) ? resolved : `${resolved}.sqlite`;
}

/** The place proposed in the save dialog: the home folder (local), or the userData folder when that is synced. */
export function proposedStorePath(home: string, userData: string): string {
  const folder = syncedFolderService(path.join(home, 'x')) ? userData : home;
  return path.join(folder, PROPOSED_STORE_NAME);
}

/** The store's size on disk (its file and its write-ahead log), for the room check. */
export function storeBytes(current: string): number {
  let total = 0;
  for (const file of [current, `${current}-wal`]) {
    try {
      total += fs.statSync(file).size;
    } catch {
      /* no such file */
    }
  }
  return total;
}

export interface Box {
  type: 'info' | 'warning' | 'error' | 'question';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
}

export interface TargetProblem extends Box {
  kind: 'synced' | 'same' | 'exists' | 'folder' | 'not_writable' | 'no_room';
}

const CHOOSE_AGAIN = ['Choose another place', 'Cancel'];

/** Why a synced folder is no place for the store, and what to do instead (the move dialog's words). */
export function syncedTargetProblem(target: string, service: string): TargetProblem {
  return {
    kind: 'synced',
    type: 'warning',
    title: 'Choose a folder that is not synced',
    message: `That folder is kept in step with ${service}, so the plan store cannot go there.`,
    detail: [
      `${target} is inside a folder that ${service} copies to the cloud. A sync client copies the plan store while Planwright is writing to it: the copy can be half-written, which damages the store, and the client makes conflict copies, so changes end up in the wrong file.`,
      'Keep the plan store in a folder on this computer that is not synced. To send updates to other people, use update packs (Sharing › Send to leads) or the shared folder: those are made to be synced.',
    ].join('\n\n'),
    buttons: CHOOSE_AGAIN,
  };
}

function problem(kind: TargetProblem['kind'], title: string, message: string, detail: string): TargetProblem {
  return { kind, type: 'warning', title, message, detail, buttons: CHOOSE_AGAIN };
}

function sameFile(a: string, b: string): boolean {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    const sa = fs.statSync(a);
    const sb = fs.statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

export interface TargetCheckOptions {
  /** Bytes the copy needs (the store's size); the folder must have this and a margin free. */
  neededBytes: number;
  /** Free bytes in a folder, or null when it cannot be told (tests pass their own). */
  freeBytes?: (folder: string) => number | null;
}

function freeBytesOf(folder: string): number | null {
  try {
    const s = fs.statfsSync(folder);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return null;
  }
}

/** Can Planwright create and remove a file in `folder`? (access() is not to be trusted on Windows shares.) */
function canWriteIn(folder: string): boolean {
  const probe = path.join(folder, `.planwright-probe-${process.pid}-${Date.now()}`);
  try {
    fs.writeFileSync(probe, '');
    fs.rmSync(probe, { force: true });
    return true;
  } catch {
    return false;
  }
}

/** The mebibytes, rounded up, for a message. */
const mb = (bytes: number) => `${Math.max(1, Math.ceil(bytes / (1024 * 1024)))} MB`;

/**
 * Why the store cannot be moved to `target` (already normalised), or null when it can. Checked in order:
 * a synced folder, the store itself, an existing file, the folder, writing there, room.
 */
export function checkStoreTarget(target: string, current: string, options: TargetCheckOptions): TargetProblem | null {
  const service = syncedFolderService(target);
  if (service) return syncedTargetProblem(target, service);
  if (sameFile(target, current))
    return problem(
      'same',
      'That is where your plans are already kept',
      'Your plan store is already that file.',
      `Choose a different folder or name for the plan store (it is ${current} now).`,
    );
  const folder = path.dirname(target);
  if (fs.existsSync(target))
    return problem(
      'exists',
      'A file of that name is already there',
      `There is already a file called ${path.basename(target)} in that folder.`,
      'Planwright does not replace a file it did not make, so nothing is lost. Choose another name or another folder.',
    );
  let folderOk = false;
  try {
    folderOk = fs.statSync(folder).isDirectory();
  } catch {
    folderOk = false;
  }
  if (!folderOk)
    return problem(
      'folder',
      'That folder cannot be found',
      `The folder ${folder} is not there.`,
      'If it is on a drive that is not connected, connect it and try again, or choose another folder.',
    );
  if (!canWriteIn(folder))
    return problem(
      'not_writable',
      'Planwright may not write to that folder',
      `Planwright cannot create files in ${folder}.`,
      'Choose a folder you can save files in, for example one in your own user folder.',
    );
  const free = (options.freeBytes ?? freeBytesOf)(folder);
  // The copy, and room for the store to grow and for its backups beside it.
  const needed = Math.ceil(options.neededBytes * 1.2) + 10 * 1024 * 1024;
  if (free !== null && free < needed)
    return problem(
      'no_room',
      'There is not enough room there',
      `That drive has ${mb(free)} free; the plan store needs about ${mb(needed)}.`,
      'Free some space on that drive or choose another one.',
    );
  return null;
}

/** What the user sees when the move could not be done (nothing changed). */
export function moveFailedBox(reason: string, current: string): Box {
  return {
    type: 'error',
    title: 'The plan store was not moved',
    message: 'The plan store could not be moved.',
    detail: `${reason[0]!.toUpperCase()}${reason.slice(1)}.\n\nNothing was changed: your plans are still kept in ${current}.`,
    buttons: ['OK'],
  };
}

/** What the user sees when the move is done. */
export function movedBox(record: StoreLocationRecord): Box {
  const old = record.kept
    ? `The old file is kept as ${record.kept}, as it was at the move. Planwright no longer uses it: you may delete it once you are happy with the new place.`
    : `The old file was left at ${record.from} (it could not be renamed). Planwright no longer uses it: you may delete it once you are happy with the new place.`;
  return {
    type: 'info',
    title: 'Plan store moved',
    message: `Your plans are now kept in ${record.path}.`,
    detail: [
      'The copy passed an integrity check before Planwright started using it. From now on, backups are written beside it.',
      old,
      'Backups taken before the move stay beside the old file (Help › Restore a backup lists those of the new place only).',
    ].join('\n\n'),
    buttons: ['OK'],
  };
}

export type StartupAction = 'retry' | 'useKept' | 'useDefault' | 'quit';

export interface StartupChoice extends Box {
  /** The action of each button, in order. */
  actions: StartupAction[];
}

/**
 * The start-up dialog when the moved store is not there. `oldCopy`: the old file that is still there (the
 * renamed one, or the one left at the old place when it could not be renamed), or null.
 */
export function missingStoreChoice(record: StoreLocationRecord, oldCopy: string | null): StartupChoice {
  let when = record.movedAt.slice(0, 10);
  try {
    when = formatLongDate(when);
  } catch {
    /* the ISO date as it is */
  }
  const actions: StartupAction[] = ['quit', 'retry', ...(oldCopy ? (['useKept'] as const) : [])];
  const labels: Record<StartupAction, string> = {
    retry: 'Try again',
    useKept: 'Use the copy at the old place',
    useDefault: 'Use the default place',
    quit: 'Quit',
  };
  const lines = [
    `Planwright keeps your plans in ${record.path} (moved there on ${when}), but that file is not there now.`,
    'If it is on a drive or network folder that is not connected, connect it and choose Try again.',
  ];
  if (oldCopy)
    lines.push(
      `The copy kept at the old place (${oldCopy}) holds your plans as they were on ${when}: changes made since are not in it. Using it moves the plan store back to ${record.from}, where Help › Restore a backup lists the backups taken before the move.`,
    );
  return {
    type: 'error',
    title: 'Your plan store was not found',
    message: 'Your plan store was not found',
    detail: lines.join('\n\n'),
    buttons: actions.map((a) => labels[a]),
    actions,
  };
}

/** The start-up dialog when the record of a moved store cannot be read. */
export function unreadableRecordChoice(recordPath: string, reason: string, defaultPath: string): StartupChoice {
  return {
    type: 'error',
    title: 'Where your plans are kept could not be read',
    message: 'Planwright could not read where your plan store is',
    detail: [
      `The note of where your plan store lives (${recordPath}) cannot be used: ${reason}.`,
      `Planwright can open the plan store at the default place (${defaultPath}); the note is kept beside it with ".unreadable" added. If you moved your plan store, use File › Move plan store… again afterwards, or quit and ask your IT team to look at the note.`,
    ].join('\n\n'),
    buttons: ['Quit', 'Use the default place'],
    actions: ['quit', 'useDefault'],
  };
}

/** The old file after a move, if it is still there: the renamed copy, or the file left at the old place. */
function oldCopyOf(record: StoreLocationRecord): string | null {
  if (record.kept && fs.existsSync(record.kept)) return record.kept;
  return fs.existsSync(record.from) ? record.from : null;
}

/**
 * The store to open at start-up: the recorded place, or, when the moved store is missing or the record
 * unreadable, what the user chooses in a dialog (`ask` shows it and answers the button's index; the first
 * button, Quit, is the cancel button). Null: quit.
 */
export async function resolveStartupStore(
  userData: string,
  defaultPath: string,
  ask: (choice: StartupChoice) => Promise<number>,
): Promise<string | null> {
  for (;;) {
    const location = readStoreLocation(userData, defaultPath);
    if (location.kind === 'default' || location.kind === 'moved') return location.path;
    const choice =
      location.kind === 'missing'
        ? missingStoreChoice(location.record, oldCopyOf(location.record))
        : unreadableRecordChoice(location.recordPath, location.reason, defaultPath);
    const action = choice.actions[await ask(choice)] ?? 'quit';
    if (action === 'quit') return null;
    if (action === 'retry') continue;
    if (action === 'useDefault' && location.kind === 'unreadable') {
      fs.renameSync(location.recordPath, `${location.recordPath}.unreadable`);
      return defaultPath;
    }
    if (action === 'useKept' && location.kind === 'missing') {
      const { kept, from } = location.record;
      // Back to the old place under its old name (a file already there is opened as it is, never replaced).
      if (kept && fs.existsSync(kept) && !fs.existsSync(from)) fs.renameSync(kept, from);
      clearStoreLocation(userData);
      return from;
    }
  }
}
