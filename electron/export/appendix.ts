/**
 * The committee appendix (.docx): landscape A4, Arial, British English. Built in the main process with the
 * `docx` library from the appendix model (appendix-model.ts). Order (domain.md): title block, introduction,
 * inspection recommendations, summary of all areas, key, governance, then one heading + table per section.
 * Header and footer carry the plan title, "Appendix N" and "Page X of Y".
 */
import { Document, Footer, Header, Packer, PageNumber, PageOrientation, Paragraph, TabStopType, TextRun, type FileChild } from 'docx';
import type { ExportOptions } from '../../shared/export-options';
import type { PlanTree } from '../../shared/model';
import { sortLevels } from '../../shared/ratings';
import { buildAppendixModel, summaryExplanation, TABLE_HALF_POINTS, type AppendixModel } from './appendix-model';
import { BODY_TEXT, bodyParagraphs, fixedTable, heading, houseStyles, run } from './docx-parts';
import { LANDSCAPE_A4, textWidth } from './layout';
import { cleanText } from './text';

/** Called as the export advances: `done` of `total` units (sections, then one for packing). */
export type ProgressCallback = (progress: { phase: string; done: number; total: number }) => void;

const TABLE_SIZE = TABLE_HALF_POINTS; // 9 pt in tables keeps wide plans readable on landscape A4
const BODY_SIZE = 21; // 10.5 pt body text
/** Plan-table rows up to about this many lines are kept whole; longer ones may break across pages. */
const ROW_BREAK_LINES = 14;

function titleBlock(m: AppendixModel): Paragraph[] {
  const out: Paragraph[] = [];
  if (m.organisation) out.push(new Paragraph({ children: [run(m.organisation, { bold: true, size: 28 })], spacing: { after: 40 } }));
  if (m.service) out.push(new Paragraph({ children: [run(m.service, { size: 24 })], spacing: { after: 160 } }));
  out.push(new Paragraph({ style: 'Title', children: [run(m.title)] }));
  out.push(new Paragraph({ children: [run(m.appendixLabel, { bold: true, size: 28 })], spacing: { after: 120 } }));
  for (const line of m.subtitle) out.push(new Paragraph({ style: BODY_TEXT, children: [run(line, { size: 24 })] }));
  return out;
}

function headerFooter(m: AppendixModel): { headers: { default: Header }; footers: { default: Footer } } {
  const width = textWidth(LANDSCAPE_A4);
  const tabs = [
    { type: TabStopType.CENTER, position: Math.round(width / 2) },
    { type: TabStopType.RIGHT, position: width },
  ];
  return {
    headers: {
      default: new Header({
        children: [new Paragraph({ tabStops: tabs, children: [run(m.title, { size: 16 }), run(`\t\t${m.appendixLabel}`, { size: 16, bold: true })] })],
      }),
    },
    footers: {
      default: new Footer({
        children: [
          new Paragraph({
            tabStops: tabs,
            children: [
              run(m.periodLabel ? `Reporting period: ${m.periodLabel}` : '', { size: 16 }),
              new TextRun({ size: 16, children: ['\t', 'Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] }),
              run(`\t${m.appendixLabel}`, { size: 16 }),
            ],
          }),
        ],
      }),
    },
  };
}

/** The document body, section by section, reporting progress. */
function body(m: AppendixModel, tree: PlanTree, onProgress?: ProgressCallback): FileChild[] {
  const width = textWidth(LANDSCAPE_A4);
  const levels = sortLevels(tree.levels.filter((l) => l.deletedAt === null));
  const out: FileChild[] = [...titleBlock(m)];
  if (m.introduction.length) out.push(heading('Introduction', 1), ...bodyParagraphs(m.introduction));
  if (m.recommendations) out.push(heading(m.recommendations.heading, 1), fixedTable(m.recommendations.table, levels, width, { size: TABLE_SIZE, rowsWhole: true }));
  if (m.summary) {
    out.push(heading('Summary of all areas', 1, { pageBreakBefore: out.length > 6 }));
    out.push(...bodyParagraphs(summaryExplanation(levels)));
    out.push(fixedTable(m.summary, levels, width, { size: TABLE_SIZE, smallHeader: true, keepTogether: m.summary.rows.length <= 20, rowsWhole: true }));
  }
  if (m.key) out.push(heading('Key to ratings', 1), fixedTable(m.key, levels, width, { size: TABLE_SIZE, keepTogether: true, rowsWhole: true }));
  if (m.historyNote) out.push(new Paragraph({ style: BODY_TEXT, spacing: { before: 120 }, children: [run(m.historyNote, { italics: true })] }));
  if (m.governance.length) out.push(heading('Governance', 1), ...bodyParagraphs(m.governance));

  const total = m.sections.length + 1;
  m.sections.forEach((s, i) => {
    onProgress?.({ phase: 'sections', done: i, total });
    out.push(heading(s.heading, 1, { pageBreakBefore: true }));
    out.push(...bodyParagraphs(s.description));
    if (s.meanLine) out.push(new Paragraph({ style: BODY_TEXT, children: [run(s.meanLine, { bold: true })], keepNext: true }));
    if (s.indicators) {
      out.push(heading('Performance indicators', 2), fixedTable(s.indicators, levels, width, { size: TABLE_SIZE, smallHeader: true, rowsWhole: true }));
      out.push(heading('Actions', 2));
    }
    if (s.table.rows.length === 0) out.push(new Paragraph({ style: BODY_TEXT, children: [run('No actions in this section for this export.', { italics: true })] }));
    else out.push(fixedTable(s.table, levels, width, { size: TABLE_SIZE, breakRowsLongerThan: ROW_BREAK_LINES }));
  });
  onProgress?.({ phase: 'packing', done: m.sections.length, total });
  return out;
}

/** The Word document object for a model (exposed for tests that inspect it before packing). */
export function appendixDocument(m: AppendixModel, tree: PlanTree, onProgress?: ProgressCallback): Document {
  const page = LANDSCAPE_A4;
  return new Document({
    creator: cleanText(tree.plan.organisation || 'Planwright'),
    title: cleanText(`${m.title} - ${m.appendixLabel}`),
    description: 'Committee appendix produced by Planwright',
    styles: houseStyles({ table: TABLE_SIZE, body: BODY_SIZE }),
    sections: [
      {
        properties: {
          page: {
            // docx writes w:w/w:h swapped for landscape, so give the portrait sizes here.
            size: { width: page.height, height: page.width, orientation: PageOrientation.LANDSCAPE },
            margin: page.margin,
          },
        },
        ...headerFooter(m),
        children: body(m, tree, onProgress),
      },
    ],
  });
}

/**
 * Builds the committee appendix for `tree` as a .docx package. Throws an Error with a clear message when
 * the options name a period that is not in the plan.
 */
export async function buildAppendix(tree: PlanTree, options: ExportOptions, onProgress?: ProgressCallback): Promise<Buffer> {
  const model = buildAppendixModel(tree, options);
  const doc = appendixDocument(model, tree, onProgress);
  const buffer = await Packer.toBuffer(doc);
  onProgress?.({ phase: 'done', done: model.sections.length + 1, total: model.sections.length + 1 });
  return buffer;
}
