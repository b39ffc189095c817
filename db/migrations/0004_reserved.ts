/**
 * Schema version 4: reserved for sync's migration (issue 10). It changes nothing, so the numbering stays
 * 1, 2, 3 ... without a gap when a build carries the people aliases (version 5) but not sync's change.
 * When sync's own 0004 is merged, that one replaces this placeholder (drop this file and its line).
 * SHIPPED once merged: never edit this migration; add a new one instead (see db/README.md).
 */
import type { Migration } from './types';

export const m0004_reserved: Migration = {
  version: 4,
  name: 'reserved',
  up: () => undefined,
};
