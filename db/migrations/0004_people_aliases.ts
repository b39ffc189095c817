/**
 * Schema version 4: the other names a person in the People directory goes by ("F. Dunmore", "Service Lead
 * F Dunmore", "DCS"), as a JSON array of strings (issue 11 point 3). shared/leads.ts matches lead cells by
 * a person's name or any of these. Existing people get none.
 * SHIPPED once merged: never edit this migration; add a new one instead (see db/README.md).
 */
import type { Migration } from './types';

export const m0004_people_aliases: Migration = {
  version: 4,
  name: 'people_aliases',
  up: (sqlite) => {
    sqlite.exec(/* sql */ `
ALTER TABLE people ADD COLUMN aliases_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases_json) AND json_type(aliases_json) = 'array');
`);
  },
};
