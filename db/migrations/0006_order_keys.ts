/**
 * Schema version 6: order keys within a parent that a concurrent insert does not rewrite (issue 10,
 * fractional indexing, shared/sync/order.ts). Sections (within their plan), objectives and actions
 * (within their section) get an `order_key`, filled from the current positions so the order is kept
 * (tombstoned rows too, so restoring one puts it back where it was). `position` stays as the derived rank
 * by (order_key, id), recomputed by every write that changes an order (db/services/common.ts `resequence`);
 * sync carries the key, not the position (db/sync/entities.ts).
 * Version 5 is the "merge" branch's migration (0005_sync_merge_speed.ts).
 * SHIPPED once merged: never edit this migration; add a new one instead (see db/README.md).
 */
import { keysAfter } from '../../shared/sync/order';
import type { Migration } from './types';

const PARENTS = [
  ['sections', 'plan_id', 'position, id'],
  ['objectives', 'section_id', 'position, id'],
  ['actions', 'section_id', 'position, rid'],
] as const;

export const m0006_order_keys: Migration = {
  version: 6,
  name: 'order_keys',
  up: (sqlite) => {
    for (const [table, parent, order] of PARENTS) {
      sqlite.exec(`ALTER TABLE ${table} ADD COLUMN order_key TEXT NOT NULL DEFAULT ''`);
      const rows = sqlite
        .prepare(`SELECT id, ${parent} AS parent FROM ${table} ORDER BY ${parent}, ${order}`)
        .all() as {
        id: string;
        parent: string;
      }[];
      const set = sqlite.prepare(`UPDATE ${table} SET order_key = ?, position = ? WHERE id = ?`);
      for (let i = 0; i < rows.length;) {
        let j = i;
        while (j < rows.length && rows[j]!.parent === rows[i]!.parent) j++;
        const keys = keysAfter(null, j - i);
        for (let k = i; k < j; k++) set.run(keys[k - i], k - i, rows[k]!.id);
        i = j;
      }
      sqlite.exec(`CREATE INDEX ${table}_order_key ON ${table} (${parent}, order_key, id)`);
    }
  },
};
