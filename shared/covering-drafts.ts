/**
 * Drafts for the covering report written from the plan's own figures (issue 12.11): the executive summary
 * and the implications, so the author edits a draft rather than starting from "None.". And the plan's
 * introduction as whole paragraphs, never cut or split mid-sentence. Pure TypeScript: no Node, no DOM.
 */
import type { CoveringReportContent } from './covering-report';
import type { PlanTree } from './model';
import { describeProgress, groupStanding, listAnd, sharePercent } from './summary';
import type { PlanSummary } from './summary-schema';
import { plural } from './words';

export interface CoveringDrafts {
  executiveSummary: string;
  financial: string;
  legal: string;
  diversity: string;
  other: string;
}

/** Whether a line ends a sentence or a heading-like line (so the next line starts a new paragraph). */
const endsParagraph = (line: string): boolean => /[.!?:;)\]"”’]$/.test(line) || line.length < 60;

/**
 * The introduction as whole paragraphs: lines that a pasted or imported text broke mid-sentence are joined
 * back ("... the Council's\nresponse to ..." is one paragraph), blank lines separate paragraphs, and when a
 * length limit applies only whole paragraphs are kept, so nothing is ever cut mid-sentence.
 */
export function wholeParagraphs(text: string, maxChars = Infinity): string[] {
  const out: string[] = [];
  let current = '';
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (!line) {
      if (current) out.push(current);
      current = '';
      continue;
    }
    // A continuation: the previous line did not end a sentence and this one carries on in lower case or a digit.
    if (current && !endsParagraph(current) && /^[a-z0-9(“"‘'–-]/.test(line)) current += ` ${line}`;
    else {
      if (current) out.push(current);
      current = line;
    }
  }
  if (current) out.push(current);
  const kept: string[] = [];
  let used = 0;
  for (const p of out) {
    if (kept.length > 0 && used + p.length > maxChars) break;
    kept.push(p);
    used += p.length;
  }
  return kept;
}

/** Drafts from the plan and its summary for the reported period (see the module comment). */
export function coveringDrafts(tree: PlanTree, summary: PlanSummary): CoveringDrafts {
  const plan = tree.plan;
  const title = plan.title.trim() || 'the improvement plan';
  const period = summary.periodLabel;
  const levels = tree.levels.filter((l) => l.deletedAt === null);
  const byId = new Map(levels.map((l) => [l.id, l]));
  const total = summary.actions.length;
  const needing = summary.actions.filter((a) => a.currentLevelId && byId.get(a.currentLevelId)?.requiresExplanation);
  const overdue = summary.actions.filter((a) => a.overdue).length;
  const sectionsNeeding = summary.sections.filter((s) => needing.some((a) => a.sectionId === s.sectionId));
  const standing = groupStanding(summary.overall, levels);

  const exec: string[] = [
    `This report updates the Committee on progress against the ${title}${period ? ` to ${period}` : ''}. Appendix ${plan.appendixNumber} sets out each action, its rating and the latest update from the officer who leads it.`,
    describeProgress(summary, tree),
  ];
  if (needing.length > 0) {
    const where = sectionsNeeding.map((s) => [s.number, s.title].filter(Boolean).join(' ')).slice(0, 4);
    exec.push(
      `${plural(needing.length, 'action')} ${needing.length === 1 ? 'is' : 'are'} rated at a level that needs an explanation and corrective action${where.length ? `, in ${sectionsNeeding.length > where.length ? `${where.join(', ')} and ${plural(sectionsNeeding.length - where.length, 'other area')}` : listAnd(where)}` : ''}; the appendix gives the explanation and the corrective action for each.`,
    );
  }
  if (overdue > 0)
    exec.push(
      `${plural(overdue, 'action')} ${overdue === 1 ? 'is' : 'are'} past ${overdue === 1 ? 'its' : 'their'} due date and not yet complete.`,
    );
  if (standing.rated > 0 && needing.length === 0 && overdue === 0)
    exec.push('No action is rated at a level that needs corrective action, and none is past its due date.');

  const sections = plural(summary.sections.length, 'area');
  return {
    executiveSummary: exec.join('\n'),
    financial: `There are no direct financial implications arising from this report. The ${plural(total, 'action')} in the ${title} are delivered within the service’s existing budgets; where an action needs further resources, that will be reported separately for decision.`,
    legal: `There are no direct legal implications arising from this report, which updates the Committee on progress. The plan responds to the service’s statutory duties and to the recommendations of inspection; the Committee’s role is to monitor its delivery.`,
    diversity: `The ${title} aims to improve services for all children, young people and families, including those with protected characteristics. This report on progress has no direct diversity and equality implications; actions that change how services are delivered are assessed for their equality impact as they are developed.`,
    other:
      standing.rated > 0
        ? `The plan’s ${sections} are monitored through the governance set out in the appendix; ${standing.onTrackOrComplete} of the ${plural(standing.rated, 'rated action')} (${sharePercent(standing.onTrackOrComplete, standing.rated)}) are on track or complete.`
        : `The plan’s ${sections} are monitored through the governance set out in the appendix.`,
  };
}

/**
 * The report as exported: blank executive summary and implications take the drafts, so the document never
 * prints "None." where the plan's figures say something. What the author wrote is kept as written.
 */
export function withDrafts(content: CoveringReportContent, drafts: CoveringDrafts): CoveringReportContent {
  const blank = (s: string) => s.trim() === '';
  const imp = content.implications;
  return {
    ...content,
    executiveSummary: blank(content.executiveSummary) ? drafts.executiveSummary : content.executiveSummary,
    implications: {
      financial: blank(imp.financial.text) ? { ...imp.financial, text: drafts.financial } : imp.financial,
      legal: blank(imp.legal.text) ? { ...imp.legal, text: drafts.legal } : imp.legal,
      diversity: blank(imp.diversity.text) ? { ...imp.diversity, text: drafts.diversity } : imp.diversity,
      other: blank(imp.other) ? drafts.other : imp.other,
    },
  };
}
