/**
 * Schema version 5 (issue 10, merge speed): a `$create` op's register heads become implicit. A new row's
 * create op is a head of each of its fields that no applied op has superseded (no `sync_edges` row with it
 * as the parent for that field), so `sync_heads` keeps only the fields changed after their row was
 * created: about 150,000 fewer rows for a large plan, and a merge no longer rewrites thousands of pages of
 * register rows. The create ops' head rows are dropped here (they are implied); a partial index finds a
 * plan's create ops (rows created on two copies are conflict candidates).
 * SHIPPED once merged: never edit this migration; add a new one instead (see db/README.md).
 */
import type { Migration } from './types';

export const m0005_sync_implicit_create_heads: Migration = {
  version: 5,
  name: 'sync_implicit_create_heads',
  up: (sqlite) => {
    sqlite.exec(/* sql */ `
DELETE FROM sync_heads WHERE op_id IN (SELECT op_id FROM sync_ops WHERE field = '$create');
CREATE INDEX sync_ops_creates ON sync_ops(plan_id, row_id, status) WHERE field = '$create';
`);
  },
};
