/** `planwright summary <plan>`: means per section, direction of travel and counts per rating level. */
import type { PlanTree } from '../../../shared/model';
import { directionLabel } from '../../../shared/ratings';
import type { PlanSummary } from '../../../shared/summary-schema';
import { formatTable, truncate } from '../format';
import { CliError } from '../context';
import { defineCommand } from '../registry';
import { resolvePeriod, resolvePlan } from '../resolve';
import { indicatorsWithFigures, indicatorSummary } from '../indicators';

defineCommand((program, deps) => {
  program
    .command('summary')
    .description(
      'the RAG summary of a plan: previous and current mean per section, direction of travel, counts per rating',
    )
    .argument('<plan>', 'plan id, start of the id, or part of the title')
    .option('--period <period>', "reporting period (label or id; default: the plan's current period)")
    .option('--compare <period>', 'period to compare with (label or id, or "none"; default: the one before)')
    .option('--json', 'print the summary as JSON')
    .action(async (planQuery: string, opts: { period?: string; compare?: string; json?: boolean; db?: string }) => {
      const app = await deps.open(opts.db, { readOnly: true });
      const plan = resolvePlan(await app.call('plans:list', { includeArchived: true }), planQuery);
      const tree = await app.call('plans:get', { planId: plan.id });
      const periodId = opts.period ? resolvePeriod(tree.periods, opts.period).id : undefined;
      const compareId =
        opts.compare === undefined
          ? undefined
          : opts.compare.trim().toLowerCase() === 'none'
            ? null
            : resolvePeriod(tree.periods, opts.compare, 'period to compare with').id;
      const reported = periodId ?? tree.plan.currentPeriodId;
      if (compareId && compareId === reported) {
        const label = tree.periods.find((p) => p.id === compareId)?.label ?? compareId;
        throw new CliError(
          `--compare names the period being reported on ("${label}"). Choose an earlier period to compare with, or --compare none.`,
        );
      }
      const summary = await app.call('summary:get', {
        planId: plan.id,
        ...(periodId ? { periodId } : {}),
        ...(compareId !== undefined ? { compareId } : {}),
      });
      // --json: the PlanSummary, plus each indicator's figures (latest, year to date, direction of travel).
      const indicators = indicatorsWithFigures(tree).map((i) => ({
        id: i.id,
        section: i.section,
        name: i.name,
        unit: i.unit,
        polarity: i.polarity,
        target: i.target,
        ...i.figures,
      }));
      deps.out(opts.json ? JSON.stringify({ ...summary, indicators }, null, 2) : summaryText(summary, tree));
    });
});

const direction = (d: PlanSummary['overall']['direction']) => {
  const { arrow, words } = directionLabel(d);
  return `${arrow} ${words}`;
};

/** The summary as a terminal table, followed by what needs attention. */
export function summaryText(summary: PlanSummary, tree: PlanTree): string {
  const levelLabels = summary.overall.counts.map((c) => c.label);
  const headers = [
    'Section',
    summary.compareLabel ?? 'Previous',
    summary.periodLabel ?? 'Current',
    'Direction',
    ...levelLabels,
    'Not rated',
    'Actions',
  ];
  const counts = (g: PlanSummary['overall']) => [
    ...levelLabels.map((label) => String(g.counts.find((c) => c.label === label)?.count ?? 0)),
    String(g.notRated),
    String(g.actionCount),
  ];
  const rows = summary.sections.map((s) => [
    truncate(`${s.number} ${s.title}`.trim(), 48),
    s.previous.oneDp,
    s.current.oneDp,
    direction(s.direction),
    ...counts(s),
  ]);
  rows.push([
    'Overall',
    summary.overall.previous.oneDp,
    summary.overall.current.oneDp,
    direction(summary.overall.direction),
    ...counts(summary.overall),
  ]);
  const align = headers.map((_, i) => (i === 0 || i === 3 ? 'left' : 'right') as 'left' | 'right');

  const title = `${tree.plan.title}: ${summary.periodLabel ?? 'no current period'}${summary.compareLabel ? ` compared with ${summary.compareLabel}` : ''}`;
  const lines = [title, '', formatTable(headers, rows, align)];
  const refs = (pick: (a: PlanSummary['actions'][number]) => boolean) =>
    summary.actions.filter(pick).map((a) => a.reference);
  const overdue = refs((a) => a.overdue);
  const missing = refs((a) => a.missingExplanation);
  const recs = new Map(tree.recommendations.map((r) => [r.id, r.label]));
  const unanswered = summary.unansweredRecommendationIds.map((id) => recs.get(id) ?? id);
  if (overdue.length || missing.length || unanswered.length) lines.push('');
  if (overdue.length) lines.push(`Overdue: ${overdue.join(', ')}`);
  if (missing.length) lines.push(`Rated without an explanation and corrective action: ${missing.join(', ')}`);
  if (unanswered.length) lines.push(`Recommendations no action answers: ${unanswered.join(', ')}`);
  const indicators = indicatorSummary(tree);
  if (indicators)
    lines.push('', 'Performance indicators (direction of travel respects each indicator’s polarity)', indicators);
  return lines.join('\n');
}
