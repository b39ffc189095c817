/**
 * Schema version 5 (issue 10, merge speed). Register heads: a `$create` op's register heads become implicit. A new row's
 * create op is a head of each of its fields that no applied op has superseded (no `sync_edges` row with it
 * as the parent for that field), so `sync_heads` keeps only the fields changed after their row was
 * created: about 150,000 fewer rows for a large plan, and a merge no longer rewrites thousands of pages of
 * register rows. The create ops' head rows are dropped here (they are implied); a partial index finds a
 * plan's create ops (rows created on two copies are conflict candidates).
 *
 * The progress search index: the insert and update triggers of progress_fts stand aside while the meta key
 * `search.deferred` is set (only ever inside the merge's own transaction), and the merge indexes the rows it
 * wrote at the end, in rowid order. Through the triggers each merged row cost about 80 µs: FTS5 flushes its
 * pending index at every statement savepoint, and a statement with triggers opens one.
 * SHIPPED once merged: never edit this migration; add a new one instead (see db/README.md).
 */
import type { Migration } from './types';

export const m0005_sync_merge_speed: Migration = {
  version: 5,
  name: 'sync_merge_speed',
  up: (sqlite) => {
    sqlite.exec(/* sql */ `
DELETE FROM sync_heads WHERE op_id IN (SELECT op_id FROM sync_ops WHERE field = '$create');
CREATE INDEX sync_ops_creates ON sync_ops(plan_id, row_id, status) WHERE field = '$create';

-- A writer that brings progress_fts up to date itself (the sync merge: every row it wrote, at the end,
-- in rowid order) sets the meta key 'search.deferred' for the length of its work inside its transaction;
-- these two triggers then leave the index alone. Deleting a progress update always updates the index.
DROP TRIGGER progress_fts_insert;
CREATE TRIGGER progress_fts_insert AFTER INSERT ON progress_updates
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'search.deferred') BEGIN
  INSERT INTO progress_fts(rowid, body) VALUES (new.rid, new.body);
END;
DROP TRIGGER progress_fts_update;
CREATE TRIGGER progress_fts_update AFTER UPDATE OF body ON progress_updates
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'search.deferred') BEGIN
  UPDATE progress_fts SET body = new.body WHERE rowid = new.rid;
END;
`);
  },
};
