import { describe, expect, it } from 'vitest';
import { coveringReportId, linkId, ratingId, uuidV5 } from '../../db/ids';
import type { NewRow } from '../../db/tables';
import { rawColumns } from '../../db/tables';

describe('deterministic ids (UUIDv5)', () => {
  it('matches the RFC 4122 reference value', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });
  it('gives the same row id for the same natural key on every copy, and different ids for different keys', () => {
    expect(ratingId('a', 'p')).toBe(ratingId('a', 'p'));
    expect(ratingId('a', 'p')).not.toBe(ratingId('p', 'a'));
    expect(linkId('a', 'r')).not.toBe(ratingId('a', 'r'));
    expect(coveringReportId('x', 'y')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('table descriptors', () => {
  it('a new row must name every column (a forgotten one fails to compile)', () => {
    // @ts-expect-error deleted_at is missing
    const partial: NewRow<'action_recommendations'> = {
      id: 'l',
      plan_id: 'p',
      action_id: 'a',
      recommendation_id: 'r',
      updated_at: 'now',
    };
    const whole: NewRow<'action_recommendations'> = { ...partial, deleted_at: null };
    expect(Object.keys(whole)).toHaveLength(6);
  });
  it('a raw reader selects exactly its named columns and reads each by name', () => {
    const r = rawColumns('ratings', ['id', 'level_id', 'explanation'], 'WHERE plan_id = ?');
    expect(r.sql).toBe('SELECT id, level_id, explanation FROM ratings WHERE plan_id = ?');
    expect(r.col.explanation(['x', null, 'because'])).toBe('because');
    expect(r.col.level_id(['x', null, 'because'])).toBeNull();
  });
});
