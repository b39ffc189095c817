/**
 * The appendix model as a standalone HTML page (same tables, same labels and colours). Used by the
 * benchmark to time the alternative a user would script (LibreOffice converting HTML to .docx), and handy
 * as a quick preview. Every text is escaped; colours come from the plan's own levels.
 */
import type { RatingLevel } from '../../shared/model';
import { contrastingTextColour, sortLevels } from '../../shared/ratings';
import { headerPlaceholder, type CoveringReportContent } from '../../shared/covering-report';
import { wholeParagraphs } from '../../shared/covering-drafts';
import { formatLongDate } from '../../shared/dates';
import type { PlanTree, ReportingPeriod } from '../../shared/model';
import type { PlanSummary } from '../../shared/summary-schema';
import { summaryTable, type AppendixModel, type Cell, type Para, type TableModel } from './appendix-model';
import { paragraphsOf } from './text';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => ESC[c]!);

function para(p: Para): string {
  return `<p>${p.map((s) => (s.bold ? `<b>${esc(s.text)}</b>` : s.italic ? `<i>${esc(s.text)}</i>` : esc(s.text))).join('')}</p>`;
}

function cell(c: Cell): string {
  if (c.kind === 'rating') {
    if (!c.level) return '<td><i>Not rated</i></td>';
    const fill = c.level.colour.replace('#', '');
    return `<td style="background:#${fill};color:#${contrastingTextColour(fill)};text-align:center"><b>${esc(c.level.label)}</b></td>`;
  }
  if (c.merge === 'continue') return '<td></td>';
  return `<td>${c.paras.map(para).join('')}</td>`;
}

function table(t: TableModel): string {
  const total = t.columns.reduce((a, c) => a + c.weight, 0);
  const cols = t.columns.map((c) => `<col width="${((c.weight / total) * 100).toFixed(2)}%">`).join('');
  const head = t.columns.map((c) => `<th>${esc(c.label)}</th>`).join('');
  const rows = t.rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('\n');
  return `<table border="1" cellspacing="0" cellpadding="3" width="100%">${cols}<thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

/**
 * Print styles (the app's PDF without LibreOffice, electron/main/print-pdf.ts): A4, the house style's Arial at Normal's
 * size, header rows repeated on each page, rows kept whole, headings kept with what follows.
 */
function printCss(halfPoints: number, landscape: boolean): string {
  return (
    `@page{size:A4 ${landscape ? 'landscape' : 'portrait'};margin:15mm}` +
    `body{font-family:Arial,Helvetica,sans-serif;font-size:${halfPoints / 2}pt;line-height:1.2;color:#000}` +
    'table{border-collapse:collapse;table-layout:fixed;width:100%;margin:0 0 8pt} td,th{border:0.5pt solid #808080;padding:2pt 4pt;vertical-align:top;text-align:left;overflow-wrap:normal}' +
    'th{background:#D9D9D9} thead{display:table-header-group} tr{break-inside:avoid} td p,th p{margin:0 0 2pt}' +
    `h1{font-size:${Math.ceil(halfPoints / 2) + 4}pt;break-after:avoid;margin:12pt 0 6pt} h2{font-size:${Math.ceil(halfPoints / 2) + 2}pt;break-after:avoid}` +
    'p{margin:0 0 6pt} .title{font-size:18pt;font-weight:bold} .council{font-size:14pt;font-weight:bold;margin:0} .note{font-style:italic}'
  );
}

/**
 * A complete HTML document for the appendix model. `print`: the print styles for a PDF (electron/main/print-pdf.ts);
 * without it, the plain page the benchmark converts.
 */
export function appendixHtml(m: AppendixModel, levels: readonly RatingLevel[], opts: { print?: boolean } = {}): string {
  void sortLevels(levels);
  const parts = [
    `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>${esc(m.title)}</title>`,
    opts.print
      ? `<style>${printCss(m.halfPoints, true)}</style></head><body>`
      : '<style>body{font-family:Arial;font-size:10pt} table{border-collapse:collapse;table-layout:fixed} th{background:#D9D9D9}</style></head><body>',
    `<p><b>${esc(m.organisation)}</b></p><p>${esc(m.service)}</p><h1>${esc(m.title)}</h1><p><b>${esc(m.appendixLabel)}</b></p>`,
    ...m.subtitle.map((s) => `<p>${esc(s)}</p>`),
  ];
  if (m.introduction.length) parts.push('<h1>Introduction</h1>', ...m.introduction.map((p) => `<p>${esc(p)}</p>`));
  if (m.recommendations) parts.push(`<h1>${esc(m.recommendations.heading)}</h1>`, table(m.recommendations.table));
  if (m.summary) parts.push('<h1>Summary of all areas</h1>', table(m.summary));
  if (m.key) parts.push('<h1>Key to ratings</h1>', table(m.key));
  if (m.historyNote) parts.push(`<p><i>${esc(m.historyNote)}</i></p>`);
  if (m.governance.length) parts.push('<h1>Governance</h1>', ...m.governance.map((p) => `<p>${esc(p)}</p>`));
  for (const s of m.sections) {
    parts.push(`<h1>${esc(s.heading)}</h1>`, ...s.description.map((p) => `<p>${esc(p)}</p>`));
    if (s.meanLine) parts.push(`<p><b>${esc(s.meanLine)}</b></p>`);
    if (s.indicators) parts.push('<h2>Performance indicators</h2>', table(s.indicators));
    parts.push(table(s.table));
  }
  parts.push('</body></html>');
  return parts.join('\n');
}

/**
 * The covering report as an HTML page for printing to PDF (electron/main/print-pdf.ts) when LibreOffice is not installed:
 * the same template and text as covering-report.ts (content with its drafts applied), portrait A4, Arial 12.
 */
export function coveringReportHtml(tree: PlanTree, r: CoveringReportContent, summary: PlanSummary | null): string {
  const title = r.title || tree.plan.title;
  let date = headerPlaceholder('meetingDate');
  if (r.meetingDate)
    try {
      date = formatLongDate(r.meetingDate);
    } catch {
      date = r.meetingDate;
    }
  const who = (s: { name: string; jobTitle: string }, key: Parameters<typeof headerPlaceholder>[0]) =>
    esc([s.name.trim() || headerPlaceholder(key), s.jobTitle].filter((x) => x.trim()).join(', '));
  const paras = (text: string, empty = 'None.') =>
    (paragraphsOf(text).length ? paragraphsOf(text) : [empty]).map((p) => `<p>${esc(p)}</p>`).join('');
  const numbered = (n: number, items: string[]) =>
    (items.length ? items : ['None.']).map((p, i) => `<p><b>${n}.${i + 1}</b>&ensp;${esc(p)}</p>`).join('');
  const section = (n: number, heading: string, body: string) => `<h1>${n}.&ensp;${esc(heading)}</h1>${body}`;
  const levels = sortLevels(tree.levels.filter((l) => l.deletedAt === null));
  const period = (id: string | null, label: string | null) => (id && label ? ({ id, label } as ReportingPeriod) : null);
  const figures =
    summary && levels.length
      ? table(
          summaryTable(
            summary,
            levels,
            {
              period: period(summary.periodId, summary.periodLabel),
              compare: period(summary.compareId, summary.compareLabel),
            },
            { compact: true },
          ),
        )
      : '';
  const imp = (n: string, name: string, i: CoveringReportContent['implications']['financial']) =>
    `<h2>${n}&ensp;${esc(name)}</h2>${paras(i.text)}<p><b>Implications verified by:</b> ${esc(
      [i.verifiedBy.name.trim() || 'Not yet verified', i.verifiedBy.jobTitle].filter((x) => x.trim()).join(', '),
    )}</p>`;
  const recs = r.recommendations.filter((x) => x.trim());
  const appendices = r.appendices.filter((a) => a.trim());
  return [
    `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>${esc(title)}</title>`,
    `<style>${printCss(24, false)} .head td{border:0.5pt solid #808080}</style></head><body>`,
    `<p style="display:flex;justify-content:space-between"><b>${esc(date)}</b><b>ITEM: ${esc(r.itemNumber.trim() || headerPlaceholder('itemNumber'))}</b></p>`,
    `<p class="council">${esc(r.committee.trim() || headerPlaceholder('committee'))}</p>`,
    `<p class="title">${esc(title)}</p>`,
    '<table class="head">',
    `<tr><td><b>Wards and communities affected:</b> ${esc(r.wards || 'All')}</td><td><b>Key Decision:</b> ${r.keyDecision === 'key' ? 'Key' : 'Non-key'}</td></tr>`,
    `<tr><td colspan="2"><b>Report of:</b> ${who(r.reportOf, 'reportOf')}</td></tr>`,
    `<tr><td colspan="2"><b>Accountable Assistant Director:</b> ${who(r.accountableAssistantDirector, 'accountableAssistantDirector')}</td></tr>`,
    `<tr><td colspan="2"><b>Accountable Director:</b> ${who(r.accountableDirector, 'accountableDirector')}</td></tr>`,
    `<tr><td colspan="2"><b>This report is ${r.publicStatus === 'public' ? 'Public' : `Exempt${r.exemptReason ? `: ${esc(r.exemptReason)}` : ''}`}</b></td></tr>`,
    '</table>',
    `<h1>Executive Summary</h1>${paras(r.executiveSummary)}`,
    section(1, 'Recommendation(s)', numbered(1, recs)),
    section(2, 'Introduction and Background', numbered(2, wholeParagraphs(r.introduction))),
    section(
      3,
      'Issues, Options and Analysis of Options',
      numbered(3, paragraphsOf(r.progressParagraph)) + figures + paras(r.issuesAndOptions, ''),
    ),
    section(4, 'Reasons for Recommendation', numbered(4, paragraphsOf(r.reasons))),
    section(
      5,
      'Consultation (including Overview and Scrutiny, if applicable)',
      numbered(5, paragraphsOf(r.consultation)),
    ),
    section(
      6,
      'Impact on corporate policies, priorities, performance and community impact',
      numbered(6, paragraphsOf(r.impact)),
    ),
    section(
      7,
      'Implications',
      imp('7.1', 'Financial', r.implications.financial) +
        imp('7.2', 'Legal', r.implications.legal) +
        imp('7.3', 'Diversity and Equality', r.implications.diversity) +
        `<h2>7.4&ensp;Other implications (where significant)</h2>${paras(r.implications.other)}`,
    ),
    section(
      8,
      'Background papers used in preparing the report',
      numbered(
        8,
        r.backgroundPapers.filter((p) => p.trim()),
      ),
    ),
    section(
      9,
      'Appendices to the report',
      numbered(9, appendices.length ? appendices : [`Appendix ${tree.plan.appendixNumber} \u2013 ${tree.plan.title}`]),
    ),
    `<p style="margin-top:18pt"><b>Report Author:</b></p>`,
    ...[r.author.name.trim() || headerPlaceholder('author'), r.author.jobTitle, r.author.service]
      .filter((x) => x.trim())
      .map((x) => `<p style="margin:0">${esc(x)}</p>`),
    '</body></html>',
  ].join('\n');
}
