/**
 * Backups and repair as the app offers them (Help › Restore a backup): list the store's backups, take
 * one now, take the daily one when due, restore one (verified first; the current file is kept as a
 * backup), and the integrity status / REINDEX repair.
 */
import fs from 'node:fs';
import { DomainError } from '../../shared/result';
import {
  backupInfos,
  BackupError,
  dailyBackupIfDue,
  KEEP_DAILY,
  pruneBackups,
  stampOf,
  verifyBackupFile,
  writeVerifiedBackup,
  type BackupInfo,
} from '../backups';
import {
  checkIntegrityInBackground,
  integrityStatus,
  repairStore,
  runIntegrityCheck,
  type IntegrityStatus,
} from '../integrity';
import { SCHEMA_VERSION } from '../migrations';
import type { Store } from '../store';

function requireFile(store: Store): void {
  if (store.path === ':memory:')
    throw new DomainError('invalid_input', 'This plan store is held in memory only, so it has no backups.');
}

export function listStoreBackups(store: Store): BackupInfo[] {
  if (store.path === ':memory:') return [];
  return backupInfos(store.path);
}

function backupFailed(error: unknown): DomainError {
  const why = error instanceof BackupError ? error.message : error instanceof Error ? error.message : String(error);
  return new DomainError(
    'export_failed',
    `The backup could not be written (${why}). Nothing was changed; your plan store is as it was.`,
  );
}

/** Takes a verified daily backup unless today's exists; keeps the last seven. Answers the path, or null. */
export function backupIfDue(store: Store): string | null {
  if (store.path === ':memory:') return null;
  try {
    return dailyBackupIfDue(store.sqlite, store.path, store.now(), store.nativeBinding);
  } catch (error) {
    throw backupFailed(error);
  }
}

/** A verified backup now (kept with the daily ones). */
export function backupNow(store: Store): BackupInfo {
  requireFile(store);
  let written: string;
  try {
    written = writeVerifiedBackup(
      store.sqlite,
      `${store.path}.backup-daily-${stampOf(store.now())}.sqlite`,
      store.nativeBinding,
    );
    pruneBackups(store.path, 'daily', KEEP_DAILY, null, written);
  } catch (error) {
    throw backupFailed(error);
  }
  const info = backupInfos(store.path).find((b) => b.path === written);
  if (!info)
    throw new DomainError(
      'export_failed',
      'The backup was written but could not be found again beside the plan store.',
    );
  return info;
}

export interface RestoreResult {
  restored: string;
  /** Where the replaced store was kept. */
  previous: string;
}

/**
 * Restores a backup listed for this store: verifies it (integrity check, schema this build can open),
 * keeps the current file as a verified `backup-restore` copy, then replaces the store file with the
 * backup and opens it again (migrating it when it is older).
 */
export function restoreBackup(store: Store, backupPath: string): RestoreResult {
  requireFile(store);
  const backup = backupInfos(store.path).find((b) => b.path === backupPath);
  if (!backup)
    throw new DomainError(
      'not_found',
      'That backup was not found beside the plan store. Choose one from the list of backups.',
    );
  const problem = verifyBackupFile(backup.path, undefined, store.nativeBinding, SCHEMA_VERSION);
  if (problem)
    throw new DomainError(
      'invalid_input',
      `That backup cannot be restored: ${problem}. Choose another one; nothing was changed.`,
    );
  let previous: string;
  try {
    previous = writeVerifiedBackup(
      store.sqlite,
      `${store.path}.backup-restore-${stampOf(store.now())}.sqlite`,
      store.nativeBinding,
    );
    pruneBackups(store.path, 'restore', KEEP_DAILY, null, previous);
  } catch (error) {
    throw backupFailed(error);
  }
  const temp = `${store.path}.restoring`;
  try {
    fs.copyFileSync(backup.path, temp);
    const fd = fs.openSync(temp, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw backupFailed(error);
  }
  store.replaceFile(() => {
    for (const f of [`${store.path}-wal`, `${store.path}-shm`]) fs.rmSync(f, { force: true });
    fs.renameSync(temp, store.path);
  });
  runIntegrityCheck(store);
  return { restored: backup.path, previous };
}

/**
 * Copies the open store to `dest` for File › Move plan store… (the same verified copy as a backup:
 * VACUUM INTO a temporary name, integrity_check and each table's row count, fsync, rename). Answers the path
 * written; throws a DomainError in plain words (nothing written) when it fails.
 */
export function copyStoreTo(store: Store, dest: string): string {
  requireFile(store);
  try {
    return writeVerifiedBackup(store.sqlite, dest, store.nativeBinding);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new DomainError('export_failed', `the copy could not be written (${why})`);
  }
}

export function storeStatus(store: Store): IntegrityStatus {
  return integrityStatus(store);
}

export function repair(store: Store): IntegrityStatus {
  return repairStore(store);
}

/**
 * What the app does in the background once the window is up: the full integrity check (worker thread),
 * then, when the store is sound, today's backup if it is due. Failures are reported, never thrown.
 */
export function startMaintenance(
  store: Store,
  report: { onIntegrity?: (status: IntegrityStatus) => void; onBackupError?: (message: string) => void } = {},
  delayMs = 3000,
): void {
  const timer = setTimeout(() => {
    void checkIntegrityInBackground(store, report.onIntegrity ? { onResult: report.onIntegrity } : {}).then(
      (status) => {
        if (status.state !== 'ok') return;
        try {
          backupIfDue(store);
        } catch (error) {
          report.onBackupError?.(error instanceof Error ? error.message : String(error));
        }
      },
    );
  }, delayMs);
  timer.unref?.();
}
