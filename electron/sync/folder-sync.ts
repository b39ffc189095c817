/**
 * One pass over a shared folder for one plan (`planwright sync FOLDER PLAN`, and the app's "Use a shared
 * folder"): open every pack there that is for this copy and not yet opened, then put this device's own new
 * pack there (only when it has something new: changes, or acknowledgements of what it just opened).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Store } from '../../db';
import { DomainError } from '../../shared/result';
import * as engine from './engine';
import { listPackFiles, packFileName, readPackFile, writeFileAtomic } from './folder';
import { decodePack, PackError } from './pack';
import { hasOpenedPack, makeReturn, openReadPack, sentPacks, type OpenReport, type PackOptions } from './pack-flow';

export interface FolderSyncReport {
  planId: string;
  /** Packs opened in this pass. */
  opened: OpenReport[];
  /** Files seen before (also a sync client's conflict copies of one pack). */
  alreadyOpened: number;
  /** Files not readable yet (placeholders, copies still arriving): looked at again next time. */
  notYet: string[];
  /** Packs in the folder that are not for this copy (other plans, other leads' packs, this device's own). */
  skipped: number;
  /** Packs that were refused, with the reason. */
  problems: { file: string; message: string }[];
  /** The pack this device wrote, if it had anything new. */
  written: { file: string; ops: number } | null;
}

export async function syncFolder(
  store: Store,
  folder: string,
  planId: string,
  options: PackOptions & { onProgress?: (done: number, total: number) => void } = {},
): Promise<FolderSyncReport> {
  let isDir = false;
  try {
    isDir = fs.statSync(folder).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new DomainError('invalid_input', `The shared folder ${folder} does not exist or is not a folder.`);
  const sync = engine.planSync(store, planId);
  if (!sync)
    throw new DomainError(
      'invalid_input',
      'This plan is not shared yet. Invite a lead first (Send to leads, or planwright pack invite).',
    );
  const me = engine.deviceId(store);
  const mine = new Set(sentPacks(store, planId).map((p) => p.packId));
  const report: FolderSyncReport = {
    planId,
    opened: [],
    alreadyOpened: 0,
    notYet: [],
    skipped: 0,
    problems: [],
    written: null,
  };
  const entries = await listPackFiles(folder);
  const seenInPass = new Set<string>();
  let done = 0;
  for (const entry of entries) {
    options.onProgress?.(done++, entries.length);
    const hint = entry.packIdHint;
    if (hint && mine.has(hint)) {
      report.skipped++;
      continue;
    }
    if (hint && (seenInPass.has(hint) || hasOpenedPack(store, planId, hint))) {
      report.alreadyOpened++;
      continue;
    }
    const data = await readPackFile(entry.path);
    if (!data) {
      report.notYet.push(entry.name);
      continue;
    }
    let pack;
    try {
      pack = decodePack(data);
    } catch (error) {
      // A damaged or cut-short file may still be arriving: look again next time, and say so.
      if (error instanceof PackError && (error.code === 'damaged' || error.code === 'not_a_pack'))
        report.notYet.push(entry.name);
      else report.problems.push({ file: entry.name, message: error instanceof Error ? error.message : String(error) });
      continue;
    }
    const h = pack.header;
    if (
      h.planId !== planId ||
      h.sender.deviceId === me ||
      (sync.role === 'lead' && h.sender.role !== 'owner') ||
      (sync.role === 'owner' && h.sender.role !== 'lead')
    ) {
      report.skipped++;
      continue;
    }
    if (seenInPass.has(h.packId) || hasOpenedPack(store, planId, h.packId)) {
      report.alreadyOpened++;
      continue;
    }
    seenInPass.add(h.packId);
    try {
      report.opened.push(openReadPack(store, pack, options));
    } catch (error) {
      if (error instanceof PackError || error instanceof DomainError)
        report.problems.push({ file: entry.name, message: error.message });
      else throw error;
    }
  }
  options.onProgress?.(entries.length, entries.length);
  const opened = report.opened.some((r) => !r.duplicatePack);
  const made = makeReturn(store, planId, options);
  if (made.ops > 0 || opened) {
    const file = path.join(folder, packFileName(planId, me, made.header.packId));
    await writeFileAtomic(file, made.bytes, { exclusive: true });
    report.written = { file, ops: made.ops };
  }
  return report;
}
