/**
 * The real 2020 plan: every item, every field and every rating read from the Word fixtures must equal the
 * JSON transcription (via draftFromFixture2020). Legitimate differences are listed and removed below.
 */
import { describe, expect, it } from 'vitest';
import { PlanDraft, type PlanDraftParsed } from '../../shared/draft';
import { draftFromFixture2020, type Colour2020 } from '../../shared/fixture-2020';
import { FIXTURE_2020_JSON, importPath, PLAIN_2020, RATED_2020, RATED_2020_EXPECTED, readJson } from './helpers';

/**
 * Where the docx and the transcription legitimately differ:
 * - organisation / service: the transcription names "Thurrock Council (Children's Services)"; the Word
 *   document never states it apart from the title, so the importer leaves them blank.
 * - columns: the importer keeps the document's own column labels ("By When", "RAG"); the transcription
 *   has no column configuration (the template default).
 */
function comparable(d: PlanDraftParsed): Omit<PlanDraftParsed, 'organisation' | 'service' | 'columns'> {
  const { organisation: _o, service: _s, columns: _c, ...rest } = d;
  return rest;
}

const expectedRatings = (readJson(RATED_2020_EXPECTED) as { ratings: Record<string, Colour2020> }).ratings;

describe('the 2020 continuous development plan (Word fixtures)', () => {
  it('reads the unrated copy: 7 sections, 41 items, every field, 3 recommendations linked to 3.1, 3.2, 3.3 and 7.5', async () => {
    const { draft, preview } = await importPath(PLAIN_2020);
    const expected = PlanDraft.parse(draftFromFixture2020(readJson(FIXTURE_2020_JSON)));
    expect(preview.totals).toMatchObject({ sections: 7, actions: 41, recommendations: 3, ratings: 0 });
    expect(preview.recommendations.map((r) => [r.label, r.linkedTo])).toEqual([
      ['Ofsted 1', ['3.1']],
      ['Ofsted 2', ['3.2']],
      ['Ofsted 3', ['3.3', '7.5']],
    ]);
    // Item by item first, for a readable failure.
    const got = draft.sections.flatMap((s) => s.actions);
    const want = expected.sections.flatMap((s) => s.actions);
    expect(got.map((a) => a.reference)).toEqual(want.map((a) => a.reference));
    for (let i = 0; i < want.length; i++) expect(got[i], `item ${want[i]!.reference}`).toEqual(want[i]);
    expect(comparable(draft)).toEqual(comparable(expected));
  });

  it('reads the rated copy: every rating per reference from the cell shading', async () => {
    const { draft, preview } = await importPath(RATED_2020);
    const expected = PlanDraft.parse(draftFromFixture2020(readJson(FIXTURE_2020_JSON), expectedRatings));
    expect(preview.scaleSource).toBe('key table');
    expect(preview.totals.ratings).toBe(41);
    const ratingOf = Object.fromEntries(
      draft.sections.flatMap((s) => s.actions.map((a) => [a.reference, a.ratings.map((r) => r.level)])),
    );
    const letter: Record<Colour2020, string> = { Red: 'R', Amber: 'A', Green: 'G', Blue: 'B' };
    for (const [ref, colour] of Object.entries(expectedRatings)) expect(ratingOf[ref], ref).toEqual([letter[colour]]);
    expect(comparable(draft)).toEqual(comparable(expected));
    expect(preview.warnings).toEqual([]);
  });
});
