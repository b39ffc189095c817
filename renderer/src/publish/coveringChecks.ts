/**
 * What a covering report still lacks before it goes into the agenda pack: the template's header fields,
 * the executive summary, the implications' sign-offs and the author. Shown as a reminder in the editor;
 * it never blocks an export (a draft is often exported to circulate). Pure: no React, no DOM.
 */
import { REQUIRED_HEADER_FIELDS, type CoveringReportContent } from '../../../shared/covering-report';

const blank = (s: string): boolean => s.trim() === '';

/** Names of the empty fields, in the template's order ("meeting date", "committee", ...). */
export function missingFields(c: CoveringReportContent): string[] {
  // The required header fields (shared/covering-report.ts), then what else the agenda pack needs.
  const header = REQUIRED_HEADER_FIELDS.filter((f) => f.key !== 'author' && f.missing(c)).map((f) => f.label);
  const out: string[] = [...header];
  if (c.publicStatus === 'exempt' && blank(c.exemptReason)) out.push('reason the report is exempt');
  if (blank(c.executiveSummary)) out.push('executive summary');
  const signOffs: [string, CoveringReportContent['implications']['financial']][] = [
    ['financial', c.implications.financial],
    ['legal', c.implications.legal],
    ['diversity and equality', c.implications.diversity],
  ];
  for (const [name, imp] of signOffs) if (blank(imp.verifiedBy.name)) out.push(`${name} implications verified by`);
  if (blank(c.author.name)) out.push('report author');
  return out;
}
