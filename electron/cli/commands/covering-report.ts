/**
 * `planwright covering-report <plan> --out FILE.docx|FILE.pdf [--period P] [header options] [--details FILE.json]`:
 * the covering report saved for that plan and period (or the pre-filled default), through the same
 * dispatcher and exporter as the app. The header fields can be given here (issue 12.11): options, or a
 * JSON file of any of the report's fields (validated; plain messages). Options win over the file, the file
 * over the saved report. Nothing is saved: the report in the app is unchanged.
 */
import fs from 'node:fs';
import { CoveringReportContent } from '../../../shared/covering-report';
import { headerPlaceholder, REQUIRED_HEADER_FIELDS } from '../../../shared/covering-report';
import { CliError } from '../context';
import { defineCommand } from '../registry';
import { resolvePeriod, resolvePlan } from '../resolve';
import { outPath, writeAs } from './export';

interface CoveringFlags {
  out?: string;
  period?: string;
  json?: boolean;
  db?: string;
  details?: string;
  meetingDate?: string;
  item?: string;
  committee?: string;
  reportOf?: string;
  assistantDirector?: string;
  director?: string;
  author?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `over` laid on `base`, object by object (arrays and text replace). */
function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isObject(v) && isObject(base[k]) ? merge(base[k], v) : v;
  return out;
}

/** "Name, Job title" → a signatory. */
function signatory(text: string): { name: string; jobTitle: string } {
  const [name = '', ...rest] = text.split(',');
  return { name: name.trim(), jobTitle: rest.join(',').trim() };
}

/** The fields of a --details file, read and checked (unknown fields named, JSON errors in plain words). */
export function readDetails(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new CliError(`Could not read the details file ${file}. Check the name and that you may read it.`, 2);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliError(`The details file ${file} is not valid JSON. Check its commas, quotes and brackets.`, 2);
  }
  if (!isObject(parsed)) throw new CliError(`The details file ${file} must hold one JSON object of report fields.`, 2);
  const known = Object.keys(CoveringReportContent.shape);
  const unknown = Object.keys(parsed).filter((k) => !known.includes(k));
  if (unknown.length)
    throw new CliError(
      `The details file has ${unknown.length === 1 ? 'a field' : 'fields'} the covering report does not know: ${unknown.join(', ')}. Fields are: ${known.join(', ')}.`,
      2,
    );
  return parsed;
}

/** The content to export: saved report ← details file ← options, validated with the report's schema. */
export function coveringContent(
  saved: CoveringReportContent,
  details: Record<string, unknown> | null,
  flags: CoveringFlags,
): CoveringReportContent {
  const options: Record<string, unknown> = {};
  if (flags.meetingDate !== undefined) options.meetingDate = flags.meetingDate.trim();
  if (flags.item !== undefined) options.itemNumber = flags.item.trim();
  if (flags.committee !== undefined) options.committee = flags.committee.trim();
  if (flags.reportOf !== undefined) options.reportOf = signatory(flags.reportOf);
  if (flags.assistantDirector !== undefined) options.accountableAssistantDirector = signatory(flags.assistantDirector);
  if (flags.director !== undefined) options.accountableDirector = signatory(flags.director);
  if (flags.author !== undefined) options.author = signatory(flags.author);
  const merged = merge(merge(saved as unknown as Record<string, unknown>, details ?? {}), options);
  const result = CoveringReportContent.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.join('.');
    const hint = where === 'meetingDate' ? ' Give the meeting date as YYYY-MM-DD, for example 2026-03-12.' : '';
    throw new CliError(`The covering report's ${where || 'details'} is not valid: ${issue.message}.${hint}`, 2);
  }
  return result.data;
}

defineCommand((program, deps) => {
  program
    .command('covering-report')
    .description('write the covering report (.docx, or .pdf through LibreOffice) that introduces the appendix')
    .argument('<plan>', 'plan id, start of the id, or part of the title')
    .option('--out <file>', 'the file to write: .docx, or .pdf (needs LibreOffice)')
    .option('--period <period>', "reporting period (label or id; default: the plan's current period)")
    .option('--meeting-date <date>', 'meeting date, YYYY-MM-DD')
    .option('--item <n>', 'agenda item number ("ITEM: n")')
    .option('--committee <name>', 'the committee the report goes to')
    .option('--report-of <who>', '"Name, Job title" of the officer the report is from')
    .option('--assistant-director <who>', '"Name, Job title" of the accountable Assistant Director')
    .option('--director <who>', '"Name, Job title" of the accountable Director')
    .option('--author <who>', '"Name, Job title" of the report author')
    .option('--details <file.json>', 'any of the report fields as JSON (options given here win)')
    .option('--json', 'print the result as JSON')
    .action(async (planQuery: string, flags: CoveringFlags) => {
      const out = outPath(flags.out);
      const details = flags.details ? readDetails(flags.details) : null;
      const app = await deps.open(flags.db);
      const plan = resolvePlan(await app.call('plans:list', { includeArchived: true }), planQuery);
      const tree = await app.call('plans:get', { planId: plan.id });
      const periodId = flags.period ? resolvePeriod(tree.periods, flags.period).id : undefined;
      const given =
        details ||
        [
          flags.meetingDate,
          flags.item,
          flags.committee,
          flags.reportOf,
          flags.assistantDirector,
          flags.director,
          flags.author,
        ].some((x) => x !== undefined);
      let content: CoveringReportContent | undefined;
      if (given) {
        const period = periodId ?? tree.plan.currentPeriodId ?? tree.periods.find((p) => p.deletedAt === null)?.id;
        if (!period)
          throw new CliError('This plan has no reporting periods yet. Add one before writing the covering report.');
        const saved = await app.call('coveringReport:get', { planId: plan.id, periodId: period });
        content = coveringContent(saved.content, details, flags);
      }
      const result = await writeAs(out, (target) =>
        app.call('export:coveringReport', {
          planId: plan.id,
          ...(periodId ? { periodId } : {}),
          ...(content ? { content } : {}),
          path: target,
        }),
      );
      const missing = 'missing' in result && Array.isArray(result.missing) ? (result.missing as string[]) : [];
      if (flags.json) deps.out(JSON.stringify(result, null, 2));
      else {
        deps.out(
          `Wrote the covering report for "${plan.title}" to ${result.path} (${Math.round(result.bytes / 1024)} KB).`,
        );
        if (missing.length)
          deps.out(
            `Still to add (the document shows ${missing.map((k) => `"${headerPlaceholder(k as never)}"`).join(', ')}): give ${REQUIRED_HEADER_FIELDS.filter(
              (f) => missing.includes(f.key),
            )
              .map((f) => f.label)
              .join(', ')} with the options or --details.`,
          );
      }
    });
});
