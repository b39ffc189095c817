/**
 * What a covering report still lacks before it goes into the agenda pack: the template's header fields,
 * the executive summary, the implications' sign-offs and the author. Shown as a reminder in the editor;
 * it never blocks an export (a draft is often exported to circulate). Pure: no React, no DOM.
 */
import type { CoveringReportContent } from '../../../shared/covering-report';

const blank = (s: string): boolean => s.trim() === '';

/** Names of the empty fields, in the template's order ("meeting date", "committee", ...). */
export function missingFields(c: CoveringReportContent): string[] {
  const out: string[] = [];
  if (!c.meetingDate) out.push('meeting date');
  if (blank(c.committee)) out.push('committee');
  if (blank(c.reportOf.name)) out.push('report of');
  if (blank(c.accountableAssistantDirector.name)) out.push('accountable assistant director');
  if (blank(c.accountableDirector.name)) out.push('accountable director');
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
