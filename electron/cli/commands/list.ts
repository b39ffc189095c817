/** `planwright list`: the plans in the store. */
import { formatLongDate } from '../../../shared/dates';
import { defineCommand } from '../registry';
import { formatTable, truncate } from '../format';

defineCommand((program, deps) => {
  program
    .command('list')
    .description('list the plans in the plan store')
    .option('--json', 'print the plans as JSON')
    .option('--all', 'include archived plans')
    .action(async (opts: { json?: boolean; all?: boolean; db?: string }) => {
      const app = await deps.open(opts.db, { readOnly: true });
      const plans = await app.call('plans:list', { includeArchived: Boolean(opts.all) });
      if (opts.json) {
        deps.out(JSON.stringify(plans, null, 2));
        return;
      }
      if (plans.length === 0) {
        deps.out(`There are no plans in ${app.dbPath}. Run \`planwright sample\` to add the sample plan.`);
        return;
      }
      const rows = plans.map((p) => [
        p.id.slice(0, 8),
        truncate(p.title, 60) + (p.archived ? ' (archived)' : ''),
        p.currentPeriodLabel ?? '–',
        String(p.actionCount),
        p.distribution.map((d) => `${d.label} ${d.count}`).join(', ') +
          (p.notRated ? `${p.distribution.length ? ', ' : ''}Not rated ${p.notRated}` : ''),
        formatLongDate(p.updatedAt.slice(0, 10)),
      ]);
      deps.out(
        formatTable(['Id', 'Title', 'Current period', 'Actions', 'Ratings', 'Updated'], rows, [
          'left',
          'left',
          'left',
          'right',
        ]),
      );
    });
});
