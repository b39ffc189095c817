/**
 * `planwright import FILE [--db PATH] [--json] [--dry-run] [--title T] [--sheet S] [--header-row N] [--period P]
 * [--no-proposed-ratings]`:
 * imports a Word / Excel / CSV plan with the automatic mapping and prints what it created (plan id,
 * sections, actions, periods, ratings, warnings). `--dry-run` prints the preview only and writes nothing
 * (it does not even open the plan store).
 */
import path from 'node:path';
import { analyse } from '../../import/analyse';
import { workerParser } from '../../import/parser';
import type { ImportCommitResult, ImportPreview, ImportWarning } from '../../../shared/import-schema';
import { DomainError } from '../../../shared/result';
import { CliError } from '../context';
import { formatTable, truncate } from '../format';
import { defineCommand } from '../registry';
import { plural } from '../../../shared/words';

interface ImportOpts {
  db?: string;
  json?: boolean;
  dryRun?: boolean;
  title?: string;
  sheet?: string;
  headerRow?: string;
  period?: string;
  /** false with --no-proposed-ratings. */
  proposedRatings?: boolean;
}

function warningLines(warnings: readonly ImportWarning[]): string[] {
  if (warnings.length === 0) return ['No warnings.'];
  return [`Warnings (${warnings.length}):`, ...warnings.map((w) => `  ${w.location}: ${w.message}`)];
}

/** The preview as text: columns, sections, scale, periods, recommendations, warnings. */
export function previewText(p: Omit<ImportPreview, 'token'>): string {
  const lines = [
    `${p.fileName}: "${p.title}"${p.sheet ? ` (sheet ${p.sheet}, header row ${p.headerRow ?? '?'})` : ''}`,
    '',
  ];
  lines.push(
    formatTable(
      ['Column', 'Header', 'Read as', 'Confidence', 'Example'],
      p.columns.map((c) => [
        String(c.index + 1),
        truncate(c.header, 40),
        c.field + (c.period ? ` (${c.period})` : ''),
        `${Math.round(c.confidence * 100)}%`,
        truncate(c.samples[0] ?? '', 40),
      ]),
      ['right', 'left', 'left', 'right', 'left'],
    ),
  );
  lines.push(
    '',
    formatTable(
      ['Section', 'Title', 'Rows'],
      p.sections.map((s) => [s.number, truncate(s.title, 60), String(s.rows)]),
      ['right', 'left', 'right'],
    ),
  );
  lines.push(
    '',
    `Rating scale (${p.scaleSource}): ${p.scale.map((l) => `${l.label} #${l.colour}`).join(', ') || 'none'}`,
  );
  lines.push(`Reporting periods: ${p.periods.join(', ') || 'none'}`);
  if (p.recommendations.length)
    lines.push(
      `Recommendations: ${p.recommendations.map((r) => `${r.label} -> ${r.linkedTo.join(', ') || 'nothing answers it'}`).join('; ')}`,
    );
  if (p.indicators?.length)
    lines.push(
      '',
      formatTable(
        ['Section', 'Indicator', 'Unit', 'Polarity', 'Values', 'Missing'],
        p.indicators.map((i) => [
          i.section,
          truncate(i.name, 60),
          i.unit,
          i.polarity,
          String(i.values),
          String(i.missing),
        ]),
        ['right', 'left', 'left', 'left', 'right', 'right'],
      ),
    );
  const t = p.totals;
  lines.push(
    `Would create: ${plural(t.sections, 'section')}, ${plural(t.actions, 'action')}, ${plural(t.periods, 'period')}, ${plural(t.ratings, 'rating')}, ${plural(t.recommendations, 'recommendation')}.`,
    '',
  );
  lines.push(...warningLines(p.warnings));
  return lines.join('\n');
}

function createdText(r: ImportCommitResult, preview: ImportPreview): string {
  return [
    `Imported "${r.title}" as plan ${r.planId}`,
    `Sections: ${r.sections}, actions: ${r.actions}, periods: ${r.periods}${preview.periods.length ? ` (${preview.periods.join(', ')})` : ''}, ratings: ${r.ratings}, recommendations: ${r.recommendations}`,
    ...warningLines(r.warnings),
  ].join('\n');
}

defineCommand((program, deps) => {
  program
    .command('import')
    .description('import a plan kept in Word (.docx), Excel (.xlsx) or CSV, with the automatic column mapping')
    .argument('<file>', 'the Word, Excel or CSV file')
    .option('--json', 'print the result (or the preview) as JSON')
    .option('--dry-run', 'print the preview only; nothing is written')
    .option('--title <title>', 'title of the new plan (default: the document title)')
    .option('--sheet <name>', 'worksheet to read (Excel; default: the first with a plan table)')
    .option('--header-row <n>', 'header row number (Excel / CSV; default: detected)')
    .option('--period <label>', 'label of the reporting period when the plan has a single rating column')
    .option(
      '--no-proposed-ratings',
      'a plan with no rating column: decline the ratings proposed from the status phrases opening the progress text (every action is left not rated)',
    )
    .action(async (file: string, opts: ImportOpts) => {
      const filePath = path.resolve(file);
      const headerRow = opts.headerRow === undefined ? undefined : Number(opts.headerRow);
      if (headerRow !== undefined && (!Number.isInteger(headerRow) || headerRow < 1))
        throw new CliError('--header-row must be a whole number from 1.');
      const options = {
        ...(opts.sheet ? { sheet: opts.sheet } : {}),
        ...(headerRow ? { headerRow } : {}),
        ...(opts.period ? { periodLabel: opts.period } : {}),
        ...(opts.proposedRatings === false ? { proposedRatings: false } : {}),
      };
      if (opts.dryRun) {
        let preview;
        try {
          // Read in a worker with a heap limit and a timeout, as the app does (a hostile file cannot take the command down).
          const doc = await workerParser()({ path: filePath, sheet: opts.sheet }, () => undefined);
          preview = analyse(doc, options).preview;
        } catch (error) {
          if (error instanceof DomainError) throw new CliError(error.message);
          throw error;
        }
        deps.out(
          opts.json ? JSON.stringify(preview, null, 2) : `${previewText(preview)}\n\nDry run: nothing was written.`,
        );
        return;
      }
      const app = await deps.open(opts.db, { create: true });
      const preview = await app.call('import:preview', { path: filePath, options });
      const result = await app.call('import:commit', {
        token: preview.token,
        ...(opts.title ? { title: opts.title } : {}),
      });
      deps.out(
        opts.json
          ? JSON.stringify({ ...result, periodLabels: preview.periods, sectionList: preview.sections }, null, 2)
          : createdText(result, preview),
      );
    });
});
