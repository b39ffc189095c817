/** `planwright sample`: adds the built-in sample plan; `--large` adds the benchmark's large plan. */
import { isValidIsoDate } from '../../../shared/dates';
import { largePlanDraft } from '../../../shared/samples/large-plan';
import { CliError } from '../context';
import { defineCommand } from '../registry';

defineCommand((program, deps) => {
  program
    .command('sample')
    .description('add the built-in sample plan (creates the plan store if needed)')
    .option(
      '--as-of <date>',
      'date the sample so its current period is the latest one ending on or before this day (YYYY-MM-DD, or "today"); default: today, as the app does on its first run (2026-02-13 gives the dates it was written with: current period January 2026)',
    )
    .option(
      '--large',
      "add the benchmark's large plan instead (12 sections, 1,200 actions, 8 rated periods): for judging scale and for checks",
    )
    .option('--json', 'print the new plan as JSON')
    .action(async (opts: { json?: boolean; db?: string; asOf?: string; large?: boolean }) => {
      if (opts.large) {
        if (opts.asOf !== undefined) throw new CliError('--as-of applies to the sample plan, not to --large.', 2);
        const app = await deps.open(opts.db, { create: true });
        const plan = await app.call('plans:createFromDraft', largePlanDraft());
        if (opts.json) deps.out(JSON.stringify(plan, null, 2));
        else deps.out(`Created the large plan "${plan.title}" (${plan.id}) in ${app.dbPath}.`);
        return;
      }
      const asOf = opts.asOf?.trim().toLowerCase();
      if (asOf !== undefined && asOf !== 'today' && !isValidIsoDate(asOf))
        throw new CliError(
          `--as-of takes a date written YYYY-MM-DD (for example 2026-11-22) or "today", not "${opts.asOf ?? ''}".`,
          2,
        );
      const app = await deps.open(opts.db, { create: true });
      // Dated like the app's first run (today) unless --as-of names the day.
      const plan = await app.call('plans:createSample', asOf === undefined || asOf === 'today' ? {} : { today: asOf });
      if (opts.json) deps.out(JSON.stringify(plan, null, 2));
      else deps.out(`Created the sample plan "${plan.title}" (${plan.id}) in ${app.dbPath}.`);
    });
});
