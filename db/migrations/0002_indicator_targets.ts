/**
 * Schema version 2: an indicator's target and how its year to date is worked out (the latest value, the
 * sum or the mean of its monthly values). Existing indicators get no target and "latest".
 * SHIPPED once merged: never edit this migration; add a new one instead (see db/README.md).
 */
import type { Migration } from './types';

export const m0002_indicator_targets: Migration = {
  version: 2,
  name: 'indicator_targets',
  up: (sqlite) => {
    sqlite.exec(/* sql */ `
ALTER TABLE indicators ADD COLUMN target REAL;
ALTER TABLE indicators ADD COLUMN year_to_date TEXT NOT NULL DEFAULT 'latest' CHECK (year_to_date IN ('latest', 'sum', 'mean'));
`);
  },
};
