/**
 * The importer recognises every column of the registry (shared/columns.ts) by the label the exporter gives
 * it, so a new column whose header rule is forgotten in electron/import/headers.ts fails here.
 */
import { describe, expect, it } from 'vitest';
import { guessHeader } from '../../electron/import/headers';
import { COLUMNS } from '../../shared/columns';

describe('the importer and the column registry', () => {
  it('reads each column’s own label as that column (a rating history as ratings, one per period)', () => {
    for (const [field, spec] of Object.entries(COLUMNS))
      expect(guessHeader(spec.label)[0]?.field, `${field} (“${spec.label}”)`).toBe(
        field === 'ratingHistory' ? 'rating' : field,
      );
  });
});
