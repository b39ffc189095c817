/**
 * A merge writes thousands of pages (about 5,900 on the large plan's 10,000-op merge). With SQLite's
 * default, the commit that takes the write-ahead log past 1,000 pages also folds it into the file
 * (a checkpoint: every page copied and the file synced: ~200 ms of mostly disk time there), so whoever
 * waits on the merge waits for that too. `largeWrite` commits such a write without the checkpoint and runs
 * it right after the caller has its answer (on the next turn of the event loop), or at once through
 * `checkpointNow`. The data is in the log either way: a crash before the checkpoint loses nothing
 * (SQLite replays the log at the next open), and closing the store checkpoints too.
 */
import type { Store } from '../store';

const waiting = new WeakSet<Store>();

/** Runs `fn` (which opens and commits its own transaction) with the commit's automatic checkpoint deferred. */
export function largeWrite<T>(store: Store, fn: () => T): T {
  const sqlite = store.sqlite;
  if (sqlite.inTransaction) return fn(); // an outer transaction's commit decides
  const pages = Number(sqlite.pragma('wal_autocheckpoint', { simple: true }));
  sqlite.pragma('wal_autocheckpoint = 0');
  let result: T;
  try {
    result = fn();
  } finally {
    sqlite.pragma(`wal_autocheckpoint = ${pages}`);
  }
  if (!waiting.has(store)) {
    waiting.add(store);
    setImmediate(() => checkpointNow(store));
  }
  return result;
}

/** Runs a checkpoint `largeWrite` left for later now (nothing when none is waiting or the store is busy). */
export function checkpointNow(store: Store): void {
  if (!waiting.delete(store)) return;
  const sqlite = store.sqlite;
  if (!sqlite.open || sqlite.inTransaction) return; // closing checkpoints; a later commit will
  try {
    sqlite.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Another connection holds the log: a later commit or the close checkpoints it.
  }
}
