/**
 * The importer recognises every column of the registry (shared/columns.ts) by the label the exporter gives
 * it, so a new column whose header rule is forgotten in electron/import/headers.ts fails here; and a text
 * column named as a field of the action draft comes back from the appendix, so forgetting to read its cells
 * in electron/import/walk.ts fails here too.
 */
import { describe, expect, it } from 'vitest';
import { buildAppendix } from '../../electron/export/appendix';
import { guessHeader } from '../../electron/import/headers';
import { COLUMNS } from '../../shared/columns';
import { ActionDraft, PlanDraft, type PlanDraftParsed } from '../../shared/draft';
import { ExportOptions } from '../../shared/export-options';
import { samplePlanDraft } from '../../shared/samples/sample-plan';
import { treeFromDraft } from '../../shared/samples/tree-from-draft';
import { importBytes } from './helpers';

describe('the importer and the column registry', () => {
  it('reads each column’s own label as that column (a rating history as ratings, one per period)', () => {
    for (const [field, spec] of Object.entries(COLUMNS))
      expect(guessHeader(spec.label)[0]?.field, `${field} (“${spec.label}”)`).toBe(
        field === 'ratingHistory' ? 'rating' : field,
      );
  });
});

describe('every text column the registry has comes back from the appendix', () => {
  it('a column named as a field of the action draft (a new one too) is exported and imported again', async () => {
    const draft = PlanDraft.parse(samplePlanDraft);
    // The draft's text fields (a string is a valid value).
    const shape = ActionDraft.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
    const draftFields = new Set(Object.keys(shape).filter((f) => shape[f]!.safeParse('text').success));
    const textFields = Object.values(COLUMNS)
      .filter((c) => c.kind === 'text' && c.leadRole === null && draftFields.has(c.field) && c.field !== 'reference')
      .map((c) => c.field);
    expect(textFields).toEqual(expect.arrayContaining(['objective', 'description', 'outcome']));
    // Every such column shown, each cell holding text of its own.
    const shown = new Set(draft.columns?.map((c) => c.field) ?? []);
    draft.columns = [
      ...(draft.columns ?? []),
      ...textFields
        .filter((f) => !shown.has(f))
        .map((f) => ({ field: f, label: COLUMNS[f].label, visible: true, width: 1 })),
    ].map((c) => ({ ...c, visible: c.visible || textFields.includes(c.field) }));
    draft.sections.forEach((s, si) =>
      s.actions.forEach((a, ai) => {
        for (const f of textFields) (a as Record<string, unknown>)[f] = `${f} of ${si + 1}.${ai + 1}`;
      }),
    );
    const docx = await buildAppendix(treeFromDraft(draft), ExportOptions.parse({}));
    const back = (await importBytes(new Uint8Array(docx), 'appendix.docx')).draft;
    const cells = (d: PlanDraftParsed) =>
      d.sections.flatMap((s) =>
        s.actions.filter((a) => !a.archived).map((a) => textFields.map((f) => (a as Record<string, unknown>)[f])),
      );
    expect(cells(back)).toEqual(cells(draft));
  });
});
