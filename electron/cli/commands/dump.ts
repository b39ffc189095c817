/** `planwright dump <plan>`: the whole plan, as JSON or as a readable outline. */
import type { PlanTree } from '../../../shared/model';
import { defineCommand } from '../registry';
import { resolvePlan } from '../resolve';
import { truncate } from '../format';
import { indicatorOutline, indicatorsWithFigures } from '../indicators';

defineCommand((program, deps) => {
  program
    .command('dump')
    .description('print a whole plan (sections, actions, ratings, progress, indicators)')
    .argument('<plan>', 'plan id, start of the id, or part of the title')
    .option('--json', 'print the full plan tree as JSON')
    .action(async (planQuery: string, opts: { json?: boolean; db?: string }) => {
      const app = await deps.open(opts.db, { readOnly: true });
      const plan = resolvePlan(await app.call('plans:list', { includeArchived: true }), planQuery);
      const tree = await app.call('plans:get', { planId: plan.id });
      // The JSON is the plan tree; each indicator also carries the figures worked out from its values.
      deps.out(
        opts.json ? JSON.stringify({ ...tree, indicators: indicatorsWithFigures(tree) }, null, 2) : outline(tree),
      );
    });
});

/** A readable outline: one line per section and action with its current rating. */
export function outline(tree: PlanTree): string {
  const { plan } = tree;
  const levels = new Map(tree.levels.map((l) => [l.id, l]));
  const current = tree.periods.find((p) => p.id === plan.currentPeriodId) ?? null;
  const ratings = new Map(tree.ratings.filter((r) => r.periodId === current?.id).map((r) => [r.actionId, r]));
  const lines = [plan.title, [plan.organisation, plan.service, plan.planPeriod].filter(Boolean).join(' · ')];
  lines.push(`Current period: ${current?.label ?? 'none'}`, '');
  for (const section of tree.sections.filter((s) => s.deletedAt === null)) {
    lines.push(`${section.number} ${section.title}`);
    for (const action of tree.actions.filter((a) => a.sectionId === section.id && a.deletedAt === null)) {
      const rating = ratings.get(action.id);
      const level = rating?.levelId ? levels.get(rating.levelId) : undefined;
      const due = action.dueText ? ` · due ${action.dueText}` : '';
      lines.push(
        `  ${action.reference.padEnd(6)} [${level?.label ?? 'Not rated'}] ${truncate(action.description, 80)}${due}`,
      );
    }
    lines.push(...indicatorOutline(tree, section.id));
  }
  return lines.join('\n');
}
