/** `planwright sync FOLDER PLAN`: one pass over a shared folder (open what arrived, put this copy's new pack there). */
import path from 'node:path';
import { defineCommand } from '../registry';
import { openReportText } from './pack';
import { findPlan, friendly } from './sync-common';

defineCommand((program, deps) => {
  program
    .command('sync')
    .description(
      'one pass over a shared folder (OneDrive, SharePoint, Teams or a network share): open the packs for this copy, then add its own',
    )
    .argument('<folder>', 'the shared folder')
    .argument('<plan>', 'plan id, start of the id, or part of the title')
    .option('--json', 'print the report as JSON')
    .action(async (folder: string, planQuery: string, opts: { json?: boolean; db?: string }) => {
      const { syncFolder } = await import('../../sync/folder-sync');
      // deps.open warns when the store is inside a synced folder (as it does for every command).
      const app = await deps.open(opts.db);
      const plan = await findPlan(app, planQuery);
      const report = await friendly(() => syncFolder(app.store, path.resolve(folder), plan.id));
      if (opts.json) {
        deps.out(JSON.stringify(report, null, 2));
        return;
      }
      const lines = report.opened.map(openReportText);
      if (report.opened.length === 0) lines.push('No new packs for this copy.');
      if (report.alreadyOpened) lines.push(`Already opened before: ${report.alreadyOpened}.`);
      if (report.notYet.length)
        lines.push(`Not readable yet (still downloading?), will be tried next time: ${report.notYet.join(', ')}.`);
      for (const p of report.problems) lines.push(`Refused ${p.file}: ${p.message}`);
      lines.push(
        report.written ? `Wrote ${report.written.ops} change(s) to ${report.written.file}.` : 'Nothing new to send.',
      );
      deps.out(lines.join('\n'));
    });
});
