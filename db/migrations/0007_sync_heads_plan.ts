/**
 * Schema version 7 (issue 10, merge speed): the register rows (`sync_heads`) lose their by-plan index. Only
 * the conflict list read it, and it reads the whole (small) table just as well: `sync_heads` holds only
 * the fields changed after their row was created (version 5). Every head a merge adds or drops cost a
 * random insert or delete in that index too: on the large plan's 10,000-op merge, about 350 more pages
 * written to the write-ahead log and checkpointed.
 * SHIPPED once merged: never edit this migration; add a new one instead (see db/README.md).
 */
import type { Migration } from './types';

export const m0007_sync_heads_plan: Migration = {
  version: 7,
  name: 'sync_heads_plan',
  up: (sqlite) => {
    sqlite.exec('DROP INDEX IF EXISTS sync_heads_plan;');
  },
};
