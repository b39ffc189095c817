/**
 * The export's hot path (electron/export/row-xml.ts) writes the tables' body rows as XML text from
 * templates: the document must be the one the docx library writes from its own objects, byte for byte,
 * for every kind of plan and option (merged cells, rating history, split tall rows, bold rows, odd text).
 */
import fs from 'node:fs';
import { Packer, Paragraph, TableCell, TextRun } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { appendixDocument, buildAppendix } from '../../electron/export/appendix';
import { buildAppendixModel } from '../../electron/export/appendix-model';
import { finishPackage, type TableLabel } from '../../electron/export/package';
import { RowXml, xmlOf } from '../../electron/export/row-xml';
import { ExportOptions, type ExportOptionsInput } from '../../shared/export-options';
import { draftFromFixture2020 } from '../../shared/fixture-2020';
import type { PlanDraft } from '../../shared/draft';
import type { PlanTree } from '../../shared/model';
import { largePlanDraft } from '../../shared/samples/large-plan';
import { samplePlanDraft } from '../../shared/samples/sample-plan';
import { treeFromDraft } from '../../shared/samples/tree-from-draft';
import { CONTROL_TEXT, roundingDraft } from './fixtures';
import { treeFor } from './helpers';

/** The package's parts as text, with the creation and modification times (which differ run to run) taken out. */
function parts(docx: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, data] of Object.entries(unzipSync(docx)))
    out[name] = strFromU8(data).replace(/<dcterms:(created|modified)[^>]*>[^<]*<\/dcterms:\1>/g, '');
  return out;
}

/** The appendix written the slow way: every row, cell, paragraph and run a docx object. */
async function throughDocxObjects(tree: PlanTree, options: ExportOptionsInput, author?: string): Promise<Buffer> {
  const labels: TableLabel[] = [];
  const model = buildAppendixModel(tree, ExportOptions.parse(options));
  const doc = appendixDocument(model, tree, undefined, labels, author);
  // The body size only shapes the styles part (Heading 4-6 at whole points, at least Normal): the model's own.
  return finishPackage(await Packer.toBuffer(doc), { tables: labels, bodyHalfPoints: model.halfPoints });
}

async function expectSame(tree: PlanTree, options: ExportOptionsInput = {}): Promise<void> {
  const fast = parts(await buildAppendix(tree, ExportOptions.parse(options), undefined, 'A Clerk'));
  const slow = parts(await throughDocxObjects(tree, options, 'A Clerk'));
  expect(Object.keys(fast).sort()).toEqual(Object.keys(slow).sort());
  for (const name of Object.keys(slow)) expect(fast[name], name).toBe(slow[name]);
  // No stand-in row left behind (a plan's own text may hold private-use characters, even the stand-ins' own).
  expect(/\uE002[0-9a-f-]{36}-\d+\uE002/.test(fast['word/document.xml']!)).toBe(false);
}

/** A plan whose texts hold everything XML escaping and the text cleaner deal with. */
function oddTextDraft(): PlanDraft {
  const draft = structuredClone(samplePlanDraft);
  const odd = `A & B <c> "d" 'e'\ttab\nsecond line\r\nthird ${CONTROL_TEXT} \uE0000\uE001 \uE002x\uE002 ]]> {numbering}`;
  const action = draft.sections![0]!.actions![0]!;
  action.description = odd;
  action.objective = '';
  action.progress = [...(action.progress ?? []), { period: draft.currentPeriod!, body: odd }];
  return draft;
}

describe('the tables’ rows written as XML text', () => {
  it('write the same document as docx’s own objects: the sample plan, with each option', async () => {
    const tree = treeFor(samplePlanDraft);
    await expectSame(tree);
    await expectSame(tree, { mergeRepeated: false });
    await expectSame(tree, { ratingHistory: true });
    await expectSame(tree, { ratingHistory: true, historyPeriods: 2 });
    await expectSame(tree, { includeInternal: true, progress: 'all' });
    await expectSame(tree, { rowCitations: false, includeRecommendations: false });
  });

  it('write the same document for the rounding plan, the 2020 fixture and text XML must escape', async () => {
    await expectSame(treeFor(roundingDraft));
    await expectSame(treeFor(roundingDraft), { compareId: null, includeArchived: true });
    await expectSame(treeFor(oddTextDraft()));
    const json = JSON.parse(fs.readFileSync('/work/shared/fixtures/continuous-development-plan-2020.json', 'utf8'));
    await expectSame(treeFor(draftFromFixture2020(json)));
  });

  it('write the same document for the large benchmark plan (tall rows split, every row kept whole)', async () => {
    await expectSame(treeFromDraft(largePlanDraft()));
  }, 60_000);

  it('writes one cell as docx does, and the stand-in rows leave no trace', () => {
    const cell = new TableCell({ children: [new Paragraph({ children: [new TextRun('a & b')] })] });
    expect(xmlOf(cell)).toMatch(/^<w:tc>.*<w:p><w:r><w:t xml:space="preserve">a &amp; b<\/w:t><\/w:r><\/w:p><\/w:tc>$/);
    const rows = new RowXml();
    expect(rows.splice('<w:document/>')).toBe('<w:document/>');
  });
});
