/**
 * The appendix model as a standalone HTML page (same tables, same labels and colours). Used by the
 * benchmark to time the alternative a user would script (LibreOffice converting HTML to .docx), and handy
 * as a quick preview. Every text is escaped; colours come from the plan's own levels.
 */
import type { RatingLevel } from '../../shared/model';
import { contrastingTextColour, sortLevels } from '../../shared/ratings';
import type { AppendixModel, Cell, Para, TableModel } from './appendix-model';

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

/** A complete HTML document for the appendix model. */
export function appendixHtml(m: AppendixModel, levels: readonly RatingLevel[]): string {
  void sortLevels(levels);
  const parts = [
    `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>${esc(m.title)}</title>`,
    '<style>body{font-family:Arial;font-size:10pt} table{border-collapse:collapse;table-layout:fixed} th{background:#D9D9D9}</style></head><body>',
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
