/**
 * The covering report (.docx) that introduces the appendix at committee, following the template seen on
 * every item (domain.md "The covering report"): portrait A4, Arial 12; meeting date and "ITEM: n";
 * committee; title; the header table (wards, key decision, report of, accountable assistant director and
 * director, public or exempt); Executive Summary; numbered sections 1-9; Report Author.
 */
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  SimpleField,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';
import { headerPlaceholder, type CoveringReportContent, type RequiredHeaderField } from '../../shared/covering-report';
import { coveringDrafts, wholeParagraphs, withDrafts } from '../../shared/covering-drafts';
import { formatLongDate } from '../../shared/dates';
import type { PlanTree, ReportingPeriod } from '../../shared/model';
import { averagesMeanSomething, sortLevels } from '../../shared/ratings';
import { describeProgress } from '../../shared/summary';
import type { PlanSummary } from '../../shared/summary-schema';
import { summaryTable } from './appendix-model';
import { COMMITTEE, fixedTable, heading, houseStyles, run, TABLE_STYLE } from './docx-parts';
import { finishPackage, type TableLabel } from './package';
import { distributeWidths, PORTRAIT_A4, textWidth } from './layout';
import { cleanDeep, paragraphsOf } from './text';

const BODY = 24; // Arial 12
const NUMBER_INDENT = 851; // 1.5 cm: numbered paragraphs hang their number in this gutter
/** Where a verifier's job title starts under the name: the width of "Implications verified by: " in Arial 12 bold. */
const VERIFIED_BY_INDENT = 2815;

/** A numbered paragraph such as "1.1  That the Committee ..." with the number in a hanging gutter. */
function numbered(number: string, text: string, opts: { bold?: boolean } = {}): Paragraph[] {
  const paras = paragraphsOf(text);
  return paras.map(
    (line, i) =>
      new Paragraph({
        indent: { left: NUMBER_INDENT, hanging: i === 0 ? NUMBER_INDENT : 0 },
        tabStops: [{ type: TabStopType.LEFT, position: NUMBER_INDENT }],
        spacing: { after: 160 },
        children:
          i === 0
            ? [run(number, { bold: opts.bold }), run(`\t${line}`, { bold: opts.bold })]
            : [run(line, { bold: opts.bold })],
      }),
  );
}

/** Numbered paragraphs n.1, n.2 ... for each paragraph of `text`, or one "n.1 None." when empty. */
function numberedBlock(section: number, text: string, empty = 'None.', start = 1): Paragraph[] {
  const paras = paragraphsOf(text);
  if (paras.length === 0) return numbered(`${section}.${start}`, empty);
  return paras.flatMap((p, i) => numbered(`${section}.${start + i}`, p));
}

/** "1.  Recommendation(s)" as a Heading 1, wrapped lines aligned with the title, not the number. */
function sectionHeading(number: number, title: string): Paragraph {
  return new Paragraph({
    heading: HeadingLevel.HEADING_1,
    indent: { left: NUMBER_INDENT, hanging: NUMBER_INDENT },
    tabStops: [{ type: TabStopType.LEFT, position: NUMBER_INDENT }],
    children: [run(`${number}.\t${title}`)],
  });
}

function signatoryText(s: { name: string; jobTitle: string }, key?: RequiredHeaderField): string {
  if (key && !s.name.trim()) return [headerPlaceholder(key), s.jobTitle].filter((x) => x.trim()).join(', ');
  return [s.name, s.jobTitle].filter((x) => x.trim()).join(', ');
}

function cell(children: Paragraph[], width: number, opts: { span?: number; fill?: string } = {}): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    columnSpan: opts.span,
    margins: { top: 80, bottom: 80, left: 113, right: 113 },
    shading: opts.fill ? { type: ShadingType.CLEAR, fill: opts.fill, color: 'auto' } : undefined,
    children,
  });
}

const line = (label: string, value: string): Paragraph =>
  new Paragraph({ spacing: { after: 0 }, children: [run(`${label}: `, { bold: true }), run(value)] });

/** The header table of the template: wards | key decision, then full-width rows. */
function headerTable(r: CoveringReportContent, width: number): Table {
  const [left, right] = distributeWidths([1, 1], width) as [number, number];
  const full = (p: Paragraph) => new TableRow({ cantSplit: true, children: [cell([p], width, { span: 2 })] });
  const status =
    r.publicStatus === 'public'
      ? new Paragraph({ spacing: { after: 0 }, children: [run('This report is Public', { bold: true })] })
      : new Paragraph({
          spacing: { after: 0 },
          children: [run('This report is Exempt', { bold: true }), run(r.exemptReason ? `: ${r.exemptReason}` : '')],
        });
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: width, type: WidthType.DXA },
    style: TABLE_STYLE,
    columnWidths: [left, right],
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          cell([line('Wards and communities affected', r.wards || 'All')], left),
          cell([line('Key Decision', r.keyDecision === 'key' ? 'Key' : 'Non-key')], right),
        ],
      }),
      full(line('Report of', signatoryText(r.reportOf, 'reportOf'))),
      full(
        line(
          'Accountable Assistant Director',
          signatoryText(r.accountableAssistantDirector, 'accountableAssistantDirector'),
        ),
      ),
      full(line('Accountable Director', signatoryText(r.accountableDirector, 'accountableDirector'))),
      full(status),
    ],
  });
}

function implication(
  number: string,
  title: string,
  imp: CoveringReportContent['implications']['financial'],
): Paragraph[] {
  const out = [
    new Paragraph({
      keepNext: true,
      spacing: { before: 120, after: 120 },
      children: [run(number, { bold: true }), run(`\t${title}`, { bold: true })],
      tabStops: [{ type: TabStopType.LEFT, position: NUMBER_INDENT }],
    }),
  ];
  const paras = paragraphsOf(imp.text);
  for (const p of paras.length ? paras : ['None.'])
    out.push(new Paragraph({ indent: { left: NUMBER_INDENT }, spacing: { after: 160 }, children: [run(p)] }));
  // One paragraph (name, line break, job title under the name) kept on one page: the sign-off never splits.
  const jobTitle =
    imp.verifiedBy.name.trim() && imp.verifiedBy.jobTitle.trim()
      ? [new TextRun({ break: 1 }), run(`\t${imp.verifiedBy.jobTitle}`)]
      : [];
  out.push(
    new Paragraph({
      indent: { left: NUMBER_INDENT },
      tabStops: [{ type: TabStopType.LEFT, position: NUMBER_INDENT + VERIFIED_BY_INDENT }],
      spacing: { after: 200 },
      keepLines: true,
      children: [
        run('Implications verified by: ', { bold: true }),
        run(imp.verifiedBy.name.trim() || 'Not yet verified'),
        ...jobTitle,
      ],
    }),
  );
  return out;
}

/** The whole report body. */
function body(tree: PlanTree, r: CoveringReportContent, summary: PlanSummary | null): FileChild[] {
  const width = textWidth(PORTRAIT_A4);
  const levels = sortLevels(tree.levels.filter((l) => l.deletedAt === null));
  let date = headerPlaceholder('meetingDate');
  if (r.meetingDate) {
    try {
      date = formatLongDate(r.meetingDate);
    } catch {
      date = r.meetingDate;
    }
  }
  const out: FileChild[] = [
    new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: width }],
      spacing: { after: 240 },
      children: [
        run(date, { bold: true }),
        run(`\tITEM: ${r.itemNumber.trim() || headerPlaceholder('itemNumber')}`, { bold: true }),
      ],
    }),
    new Paragraph({ style: COMMITTEE, children: [run(r.committee.trim() || headerPlaceholder('committee'))] }),
    new Paragraph({ style: 'Title', children: [run(r.title || tree.plan.title)] }),
    headerTable(r, width),
    heading('Executive Summary', 1),
    ...(paragraphsOf(r.executiveSummary).length ? paragraphsOf(r.executiveSummary) : ['None.']).map(
      (p) => new Paragraph({ spacing: { after: 160 }, children: [run(p)] }),
    ),
  ];

  out.push(sectionHeading(1, 'Recommendation(s)'));
  const recs = r.recommendations.filter((x) => x.trim());
  const recommendations = recs.length
    ? recs
    : [
        `That the ${r.committee || 'Committee'} note and comment on progress and the direction of travel of the ${tree.plan.title}.`,
      ];
  recommendations.forEach((rec, i) => out.push(...numbered(`1.${i + 1}`, rec)));

  // Whole paragraphs only: lines an imported introduction broke mid-sentence are joined back first.
  out.push(
    sectionHeading(2, 'Introduction and Background'),
    ...numberedBlock(2, wholeParagraphs(r.introduction).join('\n')),
  );

  out.push(sectionHeading(3, 'Issues, Options and Analysis of Options'));
  const progress = r.progressParagraph.trim() || (summary ? describeProgress(summary, tree) : '');
  let n = 1;
  for (const p of paragraphsOf(progress)) out.push(...numbered(`3.${n++}`, p));
  if (summary && levels.length > 0) {
    const numeric = averagesMeanSomething(levels);
    const caption = numeric
      ? 'Average rating of each area (actions not yet rated are left out):'
      : 'Ratings in each area, and the share of rated actions on track or complete:';
    out.push(
      new Paragraph({
        keepNext: true,
        spacing: { after: 80 },
        indent: { left: NUMBER_INDENT },
        children: [run(caption, { italics: true })],
      }),
    );
    const period = (id: string | null, label: string | null) =>
      id && label ? ({ id, label } as ReportingPeriod) : null;
    const table = summaryTable(
      summary,
      levels,
      {
        period: period(summary.periodId, summary.periodLabel),
        compare: period(summary.compareId, summary.compareLabel),
      },
      { compact: true },
    );
    out.push(
      fixedTable(table, levels, width, { size: BODY, keepTogether: true, rowsWhole: true, smallHeader: !numeric }),
    );
    out.push(new Paragraph({ spacing: { after: 120 }, children: [] }));
  }
  if (paragraphsOf(r.issuesAndOptions).length) out.push(...numberedBlock(3, r.issuesAndOptions, 'None.', n));
  else if (n === 1) out.push(...numbered('3.1', 'None.'));

  out.push(sectionHeading(4, 'Reasons for Recommendation'), ...numberedBlock(4, r.reasons));
  out.push(
    sectionHeading(5, 'Consultation (including Overview and Scrutiny, if applicable)'),
    ...numberedBlock(5, r.consultation),
  );
  out.push(
    sectionHeading(6, 'Impact on corporate policies, priorities, performance and community impact'),
    ...numberedBlock(6, r.impact),
  );
  out.push(
    sectionHeading(7, 'Implications'),
    ...implication('7.1', 'Financial', r.implications.financial),
    ...implication('7.2', 'Legal', r.implications.legal),
    ...implication('7.3', 'Diversity and Equality', r.implications.diversity),
    new Paragraph({
      keepNext: true,
      spacing: { before: 120, after: 120 },
      tabStops: [{ type: TabStopType.LEFT, position: NUMBER_INDENT }],
      children: [run('7.4', { bold: true }), run('\tOther implications (where significant)', { bold: true })],
    }),
    ...(paragraphsOf(r.implications.other).length ? paragraphsOf(r.implications.other) : ['None.']).map(
      (p) => new Paragraph({ indent: { left: NUMBER_INDENT }, spacing: { after: 160 }, children: [run(p)] }),
    ),
  );
  out.push(
    sectionHeading(
      8,
      'Background papers used in preparing the report (including their location on the Council’s website or identification whether any are exempt or protected by copyright)',
    ),
  );
  const papers = r.backgroundPapers.filter((p) => p.trim());
  out.push(...(papers.length ? papers.flatMap((p, i) => numbered(`8.${i + 1}`, p)) : numbered('8.1', 'None.')));
  out.push(sectionHeading(9, 'Appendices to the report'));
  const appendices = r.appendices.filter((a) => a.trim());
  const list = appendices.length ? appendices : [`Appendix ${tree.plan.appendixNumber} \u2013 ${tree.plan.title}`];
  out.push(...list.flatMap((a, i) => numbered(`9.${i + 1}`, a)));
  out.push(
    new Paragraph({
      spacing: { before: 360, after: 0 },
      keepNext: true,
      children: [run('Report Author:', { bold: true })],
    }),
    ...[r.author.name.trim() || headerPlaceholder('author'), r.author.jobTitle, r.author.service]
      .filter((x) => x.trim())
      .map((x) => new Paragraph({ spacing: { after: 0 }, keepNext: true, children: [run(x)] })),
  );
  return out;
}

/**
 * Builds the covering report for `tree` from the saved content and the plan summary (for the pre-filled
 * progress paragraph and the small summary table; null = leave them out).
 */
export async function buildCoveringReport(
  tree: PlanTree,
  report: CoveringReportContent,
  summary: PlanSummary | null,
  author?: string,
): Promise<Buffer> {
  const t = cleanDeep(tree);
  const s = summary ? cleanDeep(summary) : null;
  // Blank executive summary and implications take drafts from the plan's figures (never "None.").
  const r = cleanDeep(s ? withDrafts(report, coveringDrafts(t, s)) : report);
  const page = PORTRAIT_A4;
  const doc = new Document({
    creator: t.plan.organisation || author || 'Planwright',
    lastModifiedBy: author || t.plan.organisation || 'Planwright',
    title: r.title || t.plan.title,
    subject: [r.committee, r.meetingDate].filter(Boolean).join(' \u2013 ') || 'Covering report',
    description: 'Covering report produced by Planwright',
    styles: houseStyles(BODY),
    features: { updateFields: false },
    sections: [
      {
        properties: { page: { size: { width: page.width, height: page.height }, margin: page.margin } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                style: 'Footer',
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun('Page '),
                  new SimpleField('PAGE', '1'),
                  new TextRun(' of '),
                  new SimpleField('NUMPAGES', '4'),
                ],
              }),
            ],
          }),
        },
        children: body(t, r, s),
      },
    ],
  });
  const tables: TableLabel[] = [
    {
      caption: 'Report details',
      description: 'Wards affected, key decision, who the report is from and whether it is public.',
    },
  ];
  if (s && levels(t).length > 0)
    tables.push({ caption: 'Ratings of each area', description: 'One row per area of the plan and an overall row.' });
  return finishPackage(await Packer.toBuffer(doc), { tables, bodyHalfPoints: BODY });
}

const levels = (t: PlanTree) => t.plan && t.levels.filter((l) => l.deletedAt === null);
