/** `planwright sample`: adds the built-in sample plan. */
import { defineCommand } from '../registry';

defineCommand((program, deps) => {
  program
    .command('sample')
    .description('add the built-in sample plan (creates the plan store if needed)')
    .option('--json', 'print the new plan as JSON')
    .action(async (opts: { json?: boolean; db?: string }) => {
      const app = await deps.open(opts.db, { create: true });
      const plan = await app.call('plans:createSample', {});
      if (opts.json) deps.out(JSON.stringify(plan, null, 2));
      else deps.out(`Created the sample plan "${plan.title}" (${plan.id}) in ${app.dbPath}.`);
    });
});
