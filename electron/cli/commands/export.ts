/**
 * `planwright export <plan> --out FILE.docx`: the committee appendix, through the same dispatcher and
 * exporter as the app. `planwright export --sample --out FILE.docx` exports the built-in sample plan from a
 * throw-away store, so it needs no database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ColumnField, type PlanTree } from '../../../shared/model';
import { ExportOptions, type ExportOptionsInput } from '../../../shared/export-options';
import { findSoffice, PdfUnavailable, writePdf } from '../../export/pdf';
import { CliError, type CliApp } from '../context';
import { defineCommand } from '../registry';
import { resolvePeriod, resolvePlan } from '../resolve';

interface ExportFlags {
  out?: string;
  sample?: boolean;
  period?: string;
  compare?: string;
  columns?: string;
  lead?: string;
  appendix?: string;
  section?: string[];
  progress?: string;
  includeArchived?: boolean;
  includeInternal?: boolean;
  excludeRemovable?: boolean;
  merge?: boolean;
  ratingHistory?: boolean;
  historyPeriods?: string;
  fontSize?: string;
  rowCitations?: boolean;
  json?: boolean;
  db?: string;
}

/** Parses "--columns reference,description,progress" into column fields, with a clear message. */
export function parseColumns(list: string): ColumnField[] {
  const fields = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = fields.filter((f) => !ColumnField.safeParse(f).success);
  if (bad.length)
    throw new CliError(
      `Unknown column${bad.length > 1 ? 's' : ''}: ${bad.join(', ')}. Columns are: ${ColumnField.options.join(', ')}.`,
      2,
    );
  if (fields.length === 0) throw new CliError('--columns needs at least one column.', 2);
  return fields as ColumnField[];
}

export function outPath(out: string | undefined): string {
  if (!out) throw new CliError('Say where to write the document with --out FILE.docx (or FILE.pdf).', 2);
  const resolved = path.resolve(out);
  if (!/\.(docx|pdf)$/i.test(resolved))
    throw new CliError('The output file must end in .docx (Word) or .pdf (PDF, through LibreOffice).', 2);
  if (/\.pdf$/i.test(resolved) && !findSoffice())
    throw new CliError(
      'Writing a PDF needs LibreOffice, which is not installed. Install LibreOffice, or write a .docx and save it as PDF from Word.',
      2,
    );
  return resolved;
}

/**
 * Writes the document at `out`: directly for .docx; for .pdf, `write` makes a .docx in a temporary folder
 * and LibreOffice converts it. Returns the write's answer with the path and size
 * of the file written.
 */
export async function writeAs<R extends { path: string; bytes: number }>(
  out: string,
  write: (docxPath: string) => Promise<R>,
): Promise<R> {
  if (!/\.pdf$/i.test(out)) return write(out);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-export-'));
  try {
    const docx = path.join(dir, 'document.docx');
    // Whatever else the write answered (the covering report's missing header fields) is kept.
    const written = await write(docx);
    try {
      return { ...written, path: out, bytes: await writePdf(fs.readFileSync(docx), out) };
    } catch (error) {
      if (error instanceof PdfUnavailable) throw new CliError(error.message);
      throw error;
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function exportPlan(
  app: CliApp,
  planQuery: string,
  flags: ExportFlags,
  out: string,
): Promise<{ path: string; bytes: number; title: string }> {
  const plan = resolvePlan(await app.call('plans:list', { includeArchived: true }), planQuery);
  // The exporter reads the plan itself: read it here too only when an option names periods or sections.
  let read: PlanTree | undefined;
  const tree = async (): Promise<PlanTree> => (read ??= await app.call('plans:get', { planId: plan.id }));
  const options: ExportOptionsInput = {
    includeArchived: !!flags.includeArchived,
    includeInternal: !!flags.includeInternal,
    includeRemovable: !flags.excludeRemovable,
    mergeRepeated: flags.merge !== false,
  };
  if (flags.period) options.periodId = resolvePeriod((await tree()).periods, flags.period).id;
  if (flags.compare)
    options.compareId =
      flags.compare.toLowerCase() === 'none'
        ? null
        : resolvePeriod((await tree()).periods, flags.compare, 'period to compare with').id;
  // A period is never compared with itself (shared/compare.ts); without --compare the period before is used.
  if (options.compareId && options.compareId === (options.periodId ?? (await tree()).plan.currentPeriodId))
    throw new CliError(`A period can't be compared with itself: choose an earlier period for --compare, or "none".`, 2);
  if (flags.columns) options.columns = parseColumns(flags.columns);
  if (flags.lead) options.lead = flags.lead;
  if (flags.ratingHistory !== undefined) options.ratingHistory = flags.ratingHistory;
  if (flags.rowCitations === false) options.rowCitations = false;
  if (flags.historyPeriods !== undefined) {
    const n = Number(flags.historyPeriods);
    if (!/^\d+$/.test(flags.historyPeriods.trim()) || n < 1 || n > 24)
      throw new CliError('--history-periods is a whole number from 1 to 24.', 2);
    options.historyPeriods = n;
  }
  if (flags.fontSize !== undefined) {
    const size = ExportOptions.shape.fontSize.safeParse(Number(flags.fontSize.trim() || 'x'));
    if (!size.success)
      throw new CliError(`--font-size: ${size.error.issues[0]?.message ?? 'give 10 to 12 points.'}`, 2);
    options.fontSize = size.data;
  }
  if (flags.progress) {
    if (flags.progress !== 'latest' && flags.progress !== 'all')
      throw new CliError('--progress is "latest" or "all".', 2);
    options.progress = flags.progress;
  }
  if (flags.appendix) {
    const n = Number(flags.appendix);
    if (!Number.isInteger(n) || n < 1 || n > 99) throw new CliError('--appendix is a whole number from 1 to 99.', 2);
    options.appendixNumber = n;
  }
  if (flags.section?.length) {
    const { sections } = await tree();
    options.sectionIds = flags.section.map((q) => {
      const s = sections.find(
        (x) =>
          x.deletedAt === null && (x.id === q || x.number === q || x.title.toLowerCase().includes(q.toLowerCase())),
      );
      if (!s) throw new CliError(`No section matches "${q}". Sections: ${sections.map((x) => x.number).join(', ')}.`);
      return s.id;
    });
  }
  const result = await writeAs(out, (target) =>
    app.call('export:appendix', { planId: plan.id, options, path: target }),
  );
  return { ...result, title: plan.title };
}

defineCommand((program, deps) => {
  program
    .command('export')
    .description('write the committee appendix of a plan (.docx, or .pdf through LibreOffice)')
    .argument('[plan]', 'plan id, start of the id, or part of the title')
    .option('--out <file>', 'the file to write: .docx, or .pdf (needs LibreOffice)')
    .option('--sample', 'export the built-in sample plan (needs no plan store)')
    .option('--period <period>', "reporting period (label or id; default: the plan's current period)")
    .option('--compare <period>', 'period to compare with (label or id, or "none")')
    .option('--columns <list>', `columns in order, comma-separated (${ColumnField.options.join(', ')})`)
    .option('--lead <name>', "only actions with a lead matching this text (a service lead's return)")
    .option(
      '--section <section>',
      'only this section (number, id or part of the title); repeat for more',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option('--progress <which>', 'progress updates of the period to show: latest or all', 'latest')
    .option('--appendix <n>', 'appendix number')
    .option('--include-archived', 'include archived actions')
    .option('--include-internal', 'include internal notes (never published by default)')
    .option('--exclude-removable', 'leave out actions rated at a "can be removed" level')
    .option('--no-merge', 'do not merge cells that repeat the row above')
    .option('--rating-history', 'one rating column per reporting period')
    .option('--no-rating-history', 'only the current rating column')
    .option(
      '--history-periods <n>',
      'rating history: the last N periods (default: every period up to the reported one that fits the page)',
    )
    .option('--font-size <points>', 'the Normal style (body and table text) in points, 10 to 12 (default 10)')
    .option('--no-row-citations', 'do not cite the recommendations each row answers under its reference')
    .option('--json', 'print the result as JSON')
    .action(async (planQuery: string | undefined, flags: ExportFlags) => {
      const out = outPath(flags.out);
      let result: { path: string; bytes: number; title: string };
      if (flags.sample) {
        if (planQuery) throw new CliError('Give either a plan or --sample, not both.', 2);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-sample-'));
        try {
          const app = await deps.open(path.join(dir, 'sample.sqlite'), { create: true });
          const plan = await app.call('plans:createSample', {});
          result = await exportPlan(app, plan.id, flags, out);
          await app.store.close();
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      } else {
        if (!planQuery) throw new CliError('Name the plan to export (or use --sample).', 2);
        result = await exportPlan(await deps.open(flags.db, { readOnly: true }), planQuery, flags, out);
      }
      if (flags.json) deps.out(JSON.stringify({ path: result.path, bytes: result.bytes }, null, 2));
      else
        deps.out(`Wrote the appendix of "${result.title}" to ${result.path} (${Math.round(result.bytes / 1024)} KB).`);
    });
});
