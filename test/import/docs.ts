/**
 * Test documents built with the `docx` library (and fflate for hostile packages), in the layouts real
 * plans use: the 2017-19 development plan (merged outcome/action cells, numeric rating history with 0 =
 * not rated), the 2014 inspection plan (header words split across two rows, tracked changes, content
 * controls, hyperlinks, non-breaking spaces, a row split across pages) and one long table with section
 * rows, a repeated header row and word ratings.
 */
import {
  DeletedTextRun,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  InsertedTextRun,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
  type ParagraphChild,
} from 'docx';
import { strToU8, unzipSync, zipSync } from 'fflate';

export type CellSpec =
  | string
  | {
      text?: string | string[];
      runs?: ParagraphChild[];
      fill?: string;
      merge?: 'restart' | 'continue';
      span?: number;
    };

function cell(spec: CellSpec): TableCell {
  const s = typeof spec === 'string' ? { text: spec } : spec;
  const paras = s.runs
    ? [new Paragraph({ children: s.runs })]
    : (Array.isArray(s.text) ? s.text : [s.text ?? '']).map((t) => new Paragraph({ children: [new TextRun(t)] }));
  return new TableCell({
    children: paras,
    ...(s.fill ? { shading: { fill: s.fill, type: ShadingType.CLEAR, color: 'auto' } } : {}),
    ...(s.merge
      ? { verticalMerge: s.merge === 'restart' ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE }
      : {}),
    ...(s.span ? { columnSpan: s.span } : {}),
  });
}

export function table(rows: CellSpec[][], headerRows: number[] = []): Table {
  return new Table({
    rows: rows.map((r, i) => new TableRow({ children: r.map(cell), tableHeader: headerRows.includes(i) })),
  });
}

export const heading = (text: string, level: 1 | 2 = 2): Paragraph =>
  new Paragraph({
    heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    children: [new TextRun(text)],
  });
export const para = (text: string): Paragraph => new Paragraph({ children: [new TextRun(text)] });

export async function docxOf(children: (Paragraph | Table)[]): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

/** 2017-19 layout: priorities, merged outcome and action cells, RAG per period with 0 = not rated. */
export async function developmentPlanDocx(): Promise<Uint8Array> {
  const header = [
    'Outcome',
    'Action',
    'Success measure(s)',
    'Lead',
    'Responsible Officer',
    'Time',
    'RAG initial',
    'RAG 01/18',
    'RAG 03/18',
    'RAG 05/18',
    'Progress update',
  ];
  return docxOf([
    heading('Children’s Social Care Development Plan 2017-19', 1),
    heading('Priority 1 Early help and the front door'),
    table(
      [
        header,
        [
          { text: 'Children get the right help at the right time', merge: 'restart' },
          { text: 'Embed the early help assessment', merge: 'restart' },
          'Assessments completed within 35 days',
          'J Tynan AD',
          'Service Lead R Murdock',
          'Jan-18',
          '1',
          '2',
          '3',
          '0',
          'On track.\u00a0Currently 83% in timescale [Feb data]',
        ],
        [
          { merge: 'continue' },
          { merge: 'continue' },
          'Re-referrals below 20%',
          'J Tynan AD',
          'Service Lead C Moore',
          'October 31st 2017',
          '2',
          '2',
          '2',
          '0',
          '',
        ],
        [
          { merge: 'continue' },
          'Review thresholds with partners',
          'Threshold document agreed',
          'S Murphy DCS',
          '',
          'Ongoing',
          '0',
          '3',
          '4',
          '0',
          'Completed.',
        ],
      ],
      [0],
    ),
    heading('Priority 2 Workforce'),
    table(
      [
        header,
        [
          'Stable workforce',
          'Recruit permanent social workers',
          'Agency use below 15%',
          'Director HR',
          '',
          '31/02/2018',
          '1',
          '1',
          '5',
          '0',
          'Sustained.',
        ],
      ],
      [0],
    ),
  ]);
}

/** 2014 layout: "Area for Improvement (n)", header words split across two rows, tracked changes and more. */
export async function inspectionPlanDocx(): Promise<Uint8Array> {
  const date = '2014-06-01T00:00:00Z';
  return docxOf([
    heading('Inspection Action Plan 2014', 1),
    heading('Area for Improvement (3): Improve the quality of plans for children'),
    table(
      [
        ['Action', 'Description', 'Strategic', 'Operational', 'Timescale', 'Performance/', 'Progress to date and'],
        ['', '', 'Lead', 'Lead', '(By When)', 'Outcome', 'evidence of improvement'],
        [
          '3.1',
          {
            runs: [
              new TextRun('Audit all plans '),
              new DeletedTextRun({ text: 'every week', id: 1, author: 'A', date }),
              new InsertedTextRun({ text: 'every month', id: 2, author: 'A', date }),
            ],
          },
          'J Tynan AD',
          'Service\u00a0Lead R\u00a0Murdock',
          'May 2014 to March 2016',
          'Plans are SMART',
          {
            runs: [
              new TextRun('See the '),
              new ExternalHyperlink({ link: 'https://example.org/audit', children: [new TextRun('audit report')] }),
              new TextRun('.'),
            ],
          },
        ],
        ['', 'Second paragraph of the description', '', '', '', '', 'Progress continued after the page break.'],
        [
          '3.2',
          'Train managers',
          'S Murphy DCS',
          'Service Lead C Moore',
          'Quarterly (review March 2016)',
          '90% of managers trained',
          'Planned.',
        ],
      ],
      [0, 1],
    ),
  ]);
}

/** One long table: section rows spanning the table, a repeated header, word ratings and a recommendation tag. */
export async function longTableDocx(): Promise<Uint8Array> {
  const header = ['Ref', 'Action', 'Lead', 'By when', 'Status', 'Progress'];
  return docxOf([
    heading('Improvement Plan', 1),
    table(
      [
        header,
        [{ text: '1. Leadership', span: 6 }],
        ['1.1', 'Refresh the vision', 'DCS', 'April 2020', 'GREEN', 'Done in part.'],
        ['1.2', 'Members briefing', 'AD', 'Sept 20', 'COMPLETED', 'Held in March.'],
        header,
        [{ text: '2. Workforce', span: 6 }],
        ['2.1 OFSTED recco 14 supervision', 'Supervision audit', 'HR', 'Jun 20', 'AMBER', 'Started.'],
        ['2.2', 'Caseload review', 'HR', 'Jul 20', 'R', ''],
      ],
      [0, 4],
    ),
  ]);
}

/** Wraps the first run of each table cell paragraph containing `text` in a content control (w:sdt). */
export function withContentControl(docx: Uint8Array, text: string): Uint8Array {
  const files = unzipSync(docx);
  const xml = new TextDecoder().decode(files['word/document.xml']);
  const i = xml.indexOf(`>${text}</w:t>`);
  const start = xml.lastIndexOf('<w:r>', i);
  const end = xml.indexOf('</w:r>', i) + '</w:r>'.length;
  const wrapped = `${xml.slice(0, start)}<w:sdt><w:sdtPr/><w:sdtContent>${xml.slice(start, end)}</w:sdtContent></w:sdt>${xml.slice(end)}`;
  return zipSync({ ...files, 'word/document.xml': strToU8(wrapped) });
}

/** Replaces word/document.xml of a package. */
export function withDocumentXml(docx: Uint8Array, xml: string): Uint8Array {
  const files = unzipSync(docx);
  return zipSync({ ...files, 'word/document.xml': strToU8(xml) });
}

const W_DECL =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** Hand-written WordprocessingML for what the docx library cannot write (moves, deleted rows, cell-level controls, field codes). */
export const wml = {
  run: (text: string, rPr = ''): string =>
    `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<w:t xml:space="preserve">${text}</w:t></w:r>`,
  p: (inner: string, style = ''): string =>
    `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}${inner}</w:p>`,
  tc: (inner: string, tcPr = ''): string => `<w:tc><w:tcPr>${tcPr}</w:tcPr>${inner}</w:tc>`,
  tr: (cells: string[], trPr = ''): string => `<w:tr>${trPr ? `<w:trPr>${trPr}</w:trPr>` : ''}${cells.join('')}</w:tr>`,
  /** A cell holding one paragraph of plain text. */
  text: (t: string, tcPr = ''): string => wml.tc(wml.p(wml.run(t)), tcPr),
  sdt: (inner: string): string => `<w:sdt><w:sdtPr/><w:sdtContent>${inner}</w:sdtContent></w:sdt>`,
  tbl: (rows: string[]): string => `<w:tbl><w:tblPr/><w:tblGrid/>${rows.join('')}</w:tbl>`,
};

/** A .docx whose body is the given WordprocessingML (a real package from the docx library with its document part replaced). */
export async function docxFromBody(body: string): Promise<Uint8Array> {
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W_DECL}><w:body>${body}<w:sectPr/></w:body></w:document>`;
  return withDocumentXml(await docxOf([para('placeholder')]), xml);
}
