/**
 * The full integrity check. `quick_check` at open stays fast but does not compare indexes with their
 * tables, so a damaged index opens silently and shows wrong counts. After open, `checkIntegrityInBackground`
 * runs `PRAGMA integrity_check` on its own read-only connection in a worker thread (open stays fast),
 * unless the file is unchanged since the last clean check (a sidecar `<file>.checked` holds that file's
 * size and modification time, written when a store whose check came back clean is closed).
 * A damaged store is reported through `integrityStatus` (the `store:status` channel) and the callback;
 * `repairStore` rebuilds the indexes (REINDEX) and checks again; a restore is the other remedy.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Store } from './store';

export interface IntegrityStatus {
  state: 'unchecked' | 'checking' | 'ok' | 'damaged';
  /** What integrity_check reported (the first problems), when damaged. */
  detail: string | null;
  /** When the check finished (ISO), or null. */
  checkedAt: string | null;
}

const statuses = new WeakMap<Store, IntegrityStatus>();

export function integrityStatus(store: Store): IntegrityStatus {
  return statuses.get(store) ?? { state: 'unchecked', detail: null, checkedAt: null };
}

function set(store: Store, status: IntegrityStatus): IntegrityStatus {
  statuses.set(store, status);
  return status;
}

const sidecarPath = (store: Store): string => `${store.path}.checked`;

interface Signature {
  size: number;
  mtimeMs: number;
}

function signature(file: string): Signature | null {
  try {
    const st = fs.statSync(file);
    return { size: st.size, mtimeMs: st.mtimeMs };
  } catch {
    return null;
  }
}

function walIsEmpty(file: string): boolean {
  const sig = signature(`${file}-wal`);
  return sig === null || sig.size === 0;
}

/** True when the file is exactly as it was when a clean check last passed (and closed cleanly). */
export function unchangedSinceCleanCheck(store: Store): boolean {
  if (store.path === ':memory:') return false;
  try {
    const saved = JSON.parse(fs.readFileSync(sidecarPath(store), 'utf8')) as Partial<Signature>;
    const now = signature(store.path);
    return now !== null && walIsEmpty(store.path) && saved.size === now.size && saved.mtimeMs === now.mtimeMs;
  } catch {
    return false;
  }
}

/**
 * Records the closed file's signature when this session's check came back clean (called after close).
 * A failure to write the sidecar only means the next open checks again.
 */
export function recordCleanClose(store: Store): void {
  if (store.path === ':memory:' || integrityStatus(store).state !== 'ok') return;
  const sig = signature(store.path);
  if (!sig || !walIsEmpty(store.path)) return;
  try {
    fs.writeFileSync(sidecarPath(store), JSON.stringify(sig));
  } catch {
    /* best effort */
  }
}

function forget(store: Store): void {
  fs.rmSync(sidecarPath(store), { force: true });
}

const describe = (rows: string[]): string | null =>
  rows.length === 1 && rows[0] === 'ok' ? null : rows.slice(0, 5).join('; ');

/** Runs integrity_check on the calling thread (the store's own handle). */
export function runIntegrityCheck(store: Store): IntegrityStatus {
  let detail: string | null;
  try {
    detail = describe(
      (store.sqlite.pragma('integrity_check(20)') as { integrity_check: string }[]).map((r) => r.integrity_check),
    );
  } catch (error) {
    detail = error instanceof Error ? error.message : String(error);
  }
  if (detail) forget(store);
  return set(store, { state: detail ? 'damaged' : 'ok', detail, checkedAt: store.now().toISOString() });
}

/** The worker: opens the file read-only and answers integrity_check's lines (plain JS, so it runs as is). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
try {
  const Database = require(workerData.module);
  const db = new Database(workerData.path, Object.assign({ readonly: true, fileMustExist: true, timeout: 5000 }, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}));
  let rows;
  try {
    rows = db.pragma('integrity_check(20)').map((r) => r.integrity_check);
  } finally {
    db.close();
  }
  parentPort.postMessage({ rows });
} catch (error) {
  parentPort.postMessage({ error: String(error && error.message || error), code: error && error.code });
}
`;

export interface BackgroundCheckOptions {
  /** Told the result (the app shows a damaged store to the user). */
  onResult?: (status: IntegrityStatus) => void;
  /** Check even when the file is unchanged since the last clean check. */
  force?: boolean;
}

/**
 * Starts the full check off the calling thread (worker thread; a deferred call on this thread if no
 * worker can start). Resolves with the status, also kept for `integrityStatus`.
 */
export function checkIntegrityInBackground(
  store: Store,
  options: BackgroundCheckOptions = {},
): Promise<IntegrityStatus> {
  const done = (status: IntegrityStatus): IntegrityStatus => {
    options.onResult?.(status);
    return status;
  };
  if (store.path === ':memory:') return Promise.resolve(done(runIntegrityCheck(store)));
  if (!options.force && unchangedSinceCleanCheck(store))
    return Promise.resolve(done(set(store, { state: 'ok', detail: null, checkedAt: store.now().toISOString() })));
  set(store, { state: 'checking', detail: null, checkedAt: null });
  const inline = (): Promise<IntegrityStatus> =>
    new Promise((resolve) => setImmediate(() => resolve(done(runIntegrityCheck(store)))));
  let worker: Worker;
  try {
    const module = createRequire(import.meta.url).resolve('better-sqlite3');
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { module, path: store.path, nativeBinding: store.nativeBinding },
    });
  } catch {
    return inline();
  }
  return new Promise((resolve) => {
    let settled = false;
    const finish = (status: IntegrityStatus | null): void => {
      if (settled) return;
      settled = true;
      void worker.terminate().finally(() => {
        if (status) resolve(done(status));
        else void inline().then(resolve);
      });
    };
    worker.on('message', (m: { rows?: string[]; error?: string; code?: string }) => {
      if (m.rows) {
        const detail = describe(m.rows);
        if (detail) forget(store);
        finish(set(store, { state: detail ? 'damaged' : 'ok', detail, checkedAt: store.now().toISOString() }));
      } else if (m.code && String(m.code).startsWith('SQLITE_CORRUPT')) {
        forget(store);
        finish(set(store, { state: 'damaged', detail: m.error ?? 'damaged', checkedAt: store.now().toISOString() }));
      } else finish(null); // the worker could not open the file: check on this thread instead
    });
    worker.on('error', () => finish(null));
    worker.on('exit', () => finish(null));
  });
}

/** Rebuilds every index (REINDEX) and checks again. */
export function repairStore(store: Store): IntegrityStatus {
  try {
    store.sqlite.exec('REINDEX');
    // The FTS5 search indexes are rebuilt from their tables too.
    for (const name of store.sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'")
      .pluck()
      .all() as string[])
      store.sqlite.prepare(`INSERT INTO "${name}"("${name}") VALUES ('rebuild')`).run();
  } catch {
    /* the check below says what is still wrong */
  }
  return runIntegrityCheck(store);
}

/** Opens a separate read-only connection (tests, the soak). */
export function integrityOfFile(file: string): string | null {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return describe((db.pragma('integrity_check(20)') as { integrity_check: string }[]).map((r) => r.integrity_check));
  } finally {
    db.close();
  }
}
