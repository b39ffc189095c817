/**
 * The covering report, saved per plan and reporting period. `getCoveringReport` returns the saved one,
 * or a new default (not saved until `saveCoveringReport`) pre-filled from the plan.
 */
import { CoveringReportContent, type CoveringReport, type CoveringReportInput } from '../../shared/covering-report';
import { coveringDrafts, wholeParagraphs } from '../../shared/covering-drafts';
import { computeSummary, describeProgress } from '../../shared/summary';
import { DomainError } from '../../shared/result';
import { getPlanTree } from '../tree';
import { audit, auditText, prepare, write } from '../sql';
import { coveringReportId } from '../ids';
import { insertRow } from '../tables';
import type { Store } from '../store';
import { livePeriod, livePlan } from './common';
import { refuseLockedReport } from './locks';

interface Row {
  id: string;
  plan_id: string;
  period_id: string;
  content_json: string;
  updated_at: string;
}

function periodOf(store: Store, planId: string, periodId: string) {
  livePlan(store, planId);
  const period = livePeriod(store, periodId);
  if (period.plan_id !== planId) throw new DomainError('not_found', 'That reporting period belongs to another plan.');
  return period;
}

/** A default report for the plan and period: title, appendix, progress paragraph filled in. */
export function defaultCoveringContent(store: Store, planId: string, periodId: string): CoveringReportInput {
  const tree = getPlanTree(store, planId);
  const period = tree.periods.find((p) => p.id === periodId);
  const plan = tree.plan;
  const summary = computeSummary(tree, { periodId, today: store.now().toISOString().slice(0, 10) });
  const name = plan.title.trim();
  const drafts = coveringDrafts(tree, summary);
  return {
    executiveSummary: drafts.executiveSummary,
    title: `${name} – progress update${period ? ` (${period.label})` : ''}`,
    recommendations: [
      `That the Committee note and comment on progress against the ${name} and its direction of travel.`,
    ],
    // Whole paragraphs of the plan's introduction, never a line broken mid-sentence (issue 12.11).
    introduction: wholeParagraphs(plan.introduction).join('\n'),
    progressParagraph: describeProgress(summary, tree),
    appendices: [`Appendix ${plan.appendixNumber} - ${name}${period ? `: progress to ${period.label}` : ''}`],
    implications: {
      financial: { text: drafts.financial, verifiedBy: { name: '', jobTitle: '' } },
      legal: { text: drafts.legal, verifiedBy: { name: '', jobTitle: '' } },
      diversity: { text: drafts.diversity, verifiedBy: { name: '', jobTitle: '' } },
      other: drafts.other,
    },
    author: { name: '', jobTitle: '', service: plan.service },
  };
}

export function getCoveringReport(store: Store, planId: string, periodId: string): CoveringReport {
  periodOf(store, planId, periodId);
  const row = prepare(store.sqlite, 'SELECT * FROM covering_reports WHERE plan_id = ? AND period_id = ?').get(
    planId,
    periodId,
  ) as Row | undefined;
  if (row) {
    const parsed = CoveringReportContent.safeParse(JSON.parse(row.content_json));
    if (parsed.success) return { id: row.id, planId, periodId, content: parsed.data, updatedAt: row.updated_at };
  }
  return {
    id: row?.id ?? coveringReportId(planId, periodId),
    planId,
    periodId,
    content: CoveringReportContent.parse(defaultCoveringContent(store, planId, periodId)),
    updatedAt: store.now().toISOString(),
  };
}

/** Saves the report (one audit row per changed top-level field). */
export function saveCoveringReport(
  store: Store,
  planId: string,
  periodId: string,
  content: CoveringReportInput,
  actor: string = store.actor(),
): CoveringReport {
  const parsed = CoveringReportContent.safeParse(content);
  if (!parsed.success)
    throw new DomainError(
      'invalid_input',
      `The covering report is not valid: ${parsed.error.issues[0]?.message ?? 'check its fields'}.`,
    );
  return write(store, actor, (w) => {
    refuseLockedReport(periodOf(store, planId, periodId));
    const next = parsed.data;
    const row = prepare(store.sqlite, 'SELECT * FROM covering_reports WHERE plan_id = ? AND period_id = ?').get(
      planId,
      periodId,
    ) as Row | undefined;
    if (!row) {
      const id = coveringReportId(planId, periodId);
      insertRow(store, 'covering_reports', {
        id,
        plan_id: planId,
        period_id: periodId,
        content_json: JSON.stringify(next),
        updated_at: w.at,
      });
      audit(w, planId, 'coveringReport', id, 'create', null, null, next.title);
      return { id, planId, periodId, content: next, updatedAt: w.at };
    }
    const before = JSON.parse(row.content_json) as Record<string, unknown>;
    let changed = false;
    for (const key of Object.keys(next) as (keyof typeof next)[]) {
      if (auditText(before[key]) === auditText(next[key])) continue;
      audit(w, planId, 'coveringReport', row.id, 'update', key, before[key] ?? null, next[key]);
      changed = true;
    }
    if (!changed) return { id: row.id, planId, periodId, content: next, updatedAt: row.updated_at };
    prepare(store.sqlite, 'UPDATE covering_reports SET content_json = ?, updated_at = ? WHERE id = ?').run(
      JSON.stringify(next),
      w.at,
      row.id,
    );
    return { id: row.id, planId, periodId, content: next, updatedAt: w.at };
  });
}
