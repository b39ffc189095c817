/**
 * `planwright covering-report <plan> --out FILE.docx [--period P]`: the covering report saved for that
 * plan and period (or the pre-filled default), through the same dispatcher and exporter as the app.
 */
import { defineCommand } from '../registry';
import { resolvePeriod, resolvePlan } from '../resolve';
import { outPath, writeAs } from './export';

defineCommand((program, deps) => {
  program
    .command('covering-report')
    .description('write the covering report (.docx) that introduces the appendix at committee')
    .argument('<plan>', 'plan id, start of the id, or part of the title')
    .option('--out <file>', 'the file to write: .docx, or .pdf (needs LibreOffice)')
    .option('--period <period>', "reporting period (label or id; default: the plan's current period)")
    .option('--json', 'print the result as JSON')
    .action(async (planQuery: string, flags: { out?: string; period?: string; json?: boolean; db?: string }) => {
      const out = outPath(flags.out);
      const app = await deps.open(flags.db);
      const plan = resolvePlan(await app.call('plans:list', { includeArchived: true }), planQuery);
      const tree = await app.call('plans:get', { planId: plan.id });
      const periodId = flags.period ? resolvePeriod(tree.periods, flags.period).id : undefined;
      const result = await writeAs(out, (target) =>
        app.call('export:coveringReport', { planId: plan.id, ...(periodId ? { periodId } : {}), path: target }),
      );
      if (flags.json) deps.out(JSON.stringify(result, null, 2));
      else
        deps.out(
          `Wrote the covering report for "${plan.title}" to ${result.path} (${Math.round(result.bytes / 1024)} KB).`,
        );
    });
});
