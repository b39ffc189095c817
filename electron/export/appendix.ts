/**
 * The committee appendix (.docx): landscape A4, Arial, British English. Built in the main process with the
 * `docx` library from the appendix model (appendix-model.ts). Order (domain.md): title block, introduction,
 * inspection recommendations, summary of all areas, key, governance, then one heading + table per section.
 * Header and footer carry the plan title, "Appendix N" and "Page X of Y".
 */
import {
  Document,
  Footer,
  Header,
  Packer,
  PageOrientation,
  Paragraph,
  SimpleField,
  TabStopType,
  TextRun,
  type FileChild,
} from 'docx';
import { PLAN_TITLE_PROPERTY, type ExportOptions } from '../../shared/export-options';
import type { PlanTree } from '../../shared/model';
import type { TreeIndex } from '../../shared/tree';
import { sortLevels } from '../../shared/ratings';
import { buildAppendixModel, summaryExplanation, type AppendixModel } from './appendix-model';
import {
  APPENDIX_LINE,
  BODY_TEXT,
  bodyParagraphs,
  COUNCIL,
  fixedTable,
  heading,
  houseStyles,
  NOTE,
  run,
  SECTION_FIGURES,
  TITLE_DETAILS,
} from './docx-parts';
import { finishPackage, type TableLabel } from './package';
import { LANDSCAPE_A4, textWidth } from './layout';
import { RowXml } from './row-xml';
import { cleanText } from './text';

/** Called as the export advances: `done` of `total` units (sections, then one for packing). */
export type ProgressCallback = (progress: { phase: string; done: number; total: number }) => void;

/**
 * The tallest a plan-table row may be (twips): the page's text height less the repeated header row and a
 * margin for estimation. Rows up to it are kept whole; taller rows are split into rows of their own.
 */
const ROW_LIMIT = LANDSCAPE_A4.height - LANDSCAPE_A4.margin.top - LANDSCAPE_A4.margin.bottom - 1800;

function titleBlock(m: AppendixModel): Paragraph[] {
  const out: Paragraph[] = [];
  if (m.organisation) out.push(new Paragraph({ style: COUNCIL, children: [run(m.organisation)] }));
  if (m.service) out.push(new Paragraph({ style: BODY_TEXT, keepNext: true, children: [run(m.service)] }));
  out.push(new Paragraph({ style: 'Title', children: [run(m.title)] }));
  out.push(new Paragraph({ style: APPENDIX_LINE, children: [run(m.appendixLabel)] }));
  for (const line of m.subtitle) out.push(new Paragraph({ style: TITLE_DETAILS, children: [run(line)] }));
  return out;
}

function headerFooter(m: AppendixModel, pages: number): { headers: { default: Header }; footers: { default: Footer } } {
  const width = textWidth(LANDSCAPE_A4);
  const tabs = [
    { type: TabStopType.CENTER, position: Math.round(width / 2) },
    { type: TabStopType.RIGHT, position: width },
  ];
  return {
    headers: {
      default: new Header({
        children: [
          new Paragraph({
            tabStops: tabs,
            style: 'Header',
            children: [run(m.title), run(`\t\t${m.appendixLabel}`, { bold: true })],
          }),
        ],
      }),
    },
    footers: {
      default: new Footer({
        children: [
          new Paragraph({
            style: 'Footer',
            tabStops: tabs,
            children: [
              run(m.periodLabel ? `Reporting period: ${m.periodLabel}` : ''),
              // Fields with a cached result, so previewers that do not update fields still show numbers.
              new TextRun('\tPage '),
              new SimpleField('PAGE', '1'),
              new TextRun(' of '),
              new SimpleField('NUMPAGES', String(pages)),
              run(`\t${m.appendixLabel}`),
            ],
          }),
        ],
      }),
    },
  };
}

/** The document body, section by section, reporting progress. */
function body(
  m: AppendixModel,
  tree: PlanTree,
  labels: TableLabel[],
  onProgress?: ProgressCallback,
  rowXml?: RowXml,
): FileChild[] {
  const width = textWidth(LANDSCAPE_A4);
  // Each table's caption and description for screen readers (package.ts writes them), in document order.
  const table = (
    model: Parameters<typeof fixedTable>[0],
    opts: Parameters<typeof fixedTable>[3],
    label: TableLabel,
  ) => {
    labels.push(label);
    return fixedTable(model, levels, width, { ...opts, rowXml });
  };
  const ratingsNote = 'Each rating is shown by its label as well as its colour.';
  const levels = sortLevels(tree.levels.filter((l) => l.deletedAt === null));
  const out: FileChild[] = [...titleBlock(m)];
  if (m.introduction.length) out.push(heading('Introduction', 1), ...bodyParagraphs(m.introduction));
  if (m.recommendations)
    out.push(
      heading(m.recommendations.heading, 1),
      table(
        m.recommendations.table,
        { size: m.halfPoints, rowsWhole: true },
        {
          caption: m.recommendations.heading,
          description: 'Each inspection recommendation, its text, and the actions in this appendix that answer it.',
        },
      ),
    );
  if (m.summary) {
    out.push(heading('Summary of all areas', 1));
    out.push(...bodyParagraphs(summaryExplanation(levels), { keepNext: true }));
    out.push(
      table(
        m.summary,
        { size: m.halfPoints, smallHeader: true, keepTogether: m.summary.rows.length <= 20, rowsWhole: true },
        {
          caption: 'Summary of all areas',
          description: `One row per area and an overall row: ${m.summary.columns.map((c) => c.label).join(', ')}.`,
        },
      ),
    );
  }
  if (m.key)
    out.push(
      heading('Key to ratings', 1),
      table(
        m.key,
        { size: m.halfPoints, keepTogether: true, rowsWhole: true },
        { caption: 'Key to ratings', description: `Each rating level and what it means. ${ratingsNote}` },
      ),
    );
  if (m.historyNote) out.push(new Paragraph({ style: NOTE, spacing: { before: 120 }, children: [run(m.historyNote)] }));
  if (m.governance.length) out.push(heading('Governance', 1), ...bodyParagraphs(m.governance));

  const total = m.sections.length + 1;
  m.sections.forEach((s, i) => {
    onProgress?.({ phase: 'sections', done: i, total });
    // Sections follow on (no page per section); a heading stays with the start of its table.
    if (s.table.rows.length === 0) {
      out.push(
        heading(s.heading, 1),
        new Paragraph({ style: NOTE, children: [run('No actions in this section for this export.')] }),
      );
      return;
    }
    out.push(heading(s.heading, 1));
    out.push(...bodyParagraphs(s.description, { keepNext: true }));
    if (s.meanLine) out.push(new Paragraph({ style: SECTION_FIGURES, children: [run(s.meanLine)] }));
    if (s.indicators) {
      out.push(
        heading('Performance indicators', 2),
        table(
          s.indicators,
          { size: m.halfPoints, smallHeader: true, rowsWhole: true },
          {
            caption: `Performance indicators: ${s.heading}`,
            description: 'Each indicator with its baseline, comparator, recent values and direction of travel.',
          },
        ),
      );
      out.push(heading('Actions', 2));
    }
    out.push(
      table(
        s.table,
        { size: m.halfPoints, splitTallRows: ROW_LIMIT },
        {
          caption: `Actions: ${s.heading}`,
          description: `One row per action, with the columns ${s.table.columns.map((c) => c.label).join(', ')}. ${ratingsNote}`,
        },
      ),
    );
  });
  onProgress?.({ phase: 'packing', done: m.sections.length, total });
  return out;
}

/** A rough page count for the cached NUMPAGES result (Word and LibreOffice recount when they open the file). */
function estimatePages(m: AppendixModel): number {
  const rows = m.sections.reduce((n, s) => n + s.table.rows.length, 0);
  return Math.max(1, Math.round(2 + m.sections.length * 0.3 + rows / 4));
}

/** One dash style in every title: an en dash between the plan title and the appendix. */
export function appendixTitle(m: Pick<AppendixModel, 'title' | 'appendixLabel'>): string {
  return `${m.title} \u2013 ${m.appendixLabel}`;
}

/** File properties: who the document is from (the organisation, else the person exporting), never "Un-named". */
function properties(m: AppendixModel, author: string | undefined) {
  const from = cleanText(m.organisation || author || 'Planwright');
  return {
    creator: from,
    lastModifiedBy: cleanText(author || m.organisation || 'Planwright'),
    title: cleanText(appendixTitle(m)),
    subject: cleanText(m.periodLabel ? `Progress report for ${m.periodLabel}` : 'Progress report'),
    description: 'Committee appendix produced by Planwright',
  };
}

/** The Word document object for a model (exposed for tests that inspect it before packing). */
export function appendixDocument(
  m: AppendixModel,
  tree: PlanTree,
  onProgress?: ProgressCallback,
  labels: TableLabel[] = [],
  author?: string,
  rowXml?: RowXml,
): Document {
  const page = LANDSCAPE_A4;
  return new Document({
    ...properties(m, author),
    // The plan's own title, as typed: the printed title adds the plan period, so a re-import reads this
    // instead and the title never grows (issue 12.13; electron/import/docx.ts).
    ...(tree.plan.title.trim() ? { customProperties: [{ name: PLAN_TITLE_PROPERTY, value: tree.plan.title }] } : {}),
    styles: houseStyles(m.halfPoints),
    sections: [
      {
        properties: {
          page: {
            // docx writes w:w/w:h swapped for landscape, so give the portrait sizes here.
            size: { width: page.height, height: page.width, orientation: PageOrientation.LANDSCAPE },
            margin: page.margin,
          },
        },
        ...headerFooter(m, estimatePages(m)),
        children: body(m, tree, labels, onProgress, rowXml),
      },
    ],
  });
}

/**
 * Builds the committee appendix for `tree` as a .docx package. Throws an Error with a clear message when
 * the options name a period that is not in the plan. `author`: the person exporting (file properties); `index`:
 * the tree's `indexTree`, when the caller has built it already.
 */
export async function buildAppendix(
  tree: PlanTree,
  options: ExportOptions,
  onProgress?: ProgressCallback,
  author?: string,
  index?: TreeIndex,
): Promise<Buffer> {
  const model = buildAppendixModel(tree, options, index);
  const labels: TableLabel[] = [];
  // The tables' body rows are written as XML text (row-xml.ts), the same XML docx writes, in a fraction of the time.
  const rowXml = new RowXml();
  const doc = appendixDocument(model, tree, onProgress, labels, author, rowXml);
  const buffer = finishPackage(await Packer.toBuffer(doc), {
    tables: labels,
    bodyHalfPoints: model.halfPoints,
    document: (xml) => rowXml.splice(xml),
  });
  onProgress?.({ phase: 'done', done: model.sections.length + 1, total: model.sections.length + 1 });
  return buffer;
}
