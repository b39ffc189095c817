/**
 * Handlers for the import channels. `import:preview` reads the file (off the main thread, see parser.ts)
 * and keeps the result under a token; `import:remap` re-reads it with an edited mapping; `import:commit`
 * writes the plan in one transaction (createPlanFromDraft: any failure writes nothing); `import:cancel`
 * forgets it. Progress goes out as `job:progress` events.
 */
import { randomUUID } from 'node:crypto';
import { createPlanFromDraft, type Store } from '../../db';
import type { ImportChannel } from '../../shared/contract';
import type { HandlerContext, HandlersFor } from '../../shared/dispatch';
import type { ImportCommitResult, ImportOptions, ImportPreview } from '../../shared/import-schema';
import { DomainError } from '../../shared/result';
import { callerPath, type Host } from '../host';
import { analyse, type Analysis } from './analyse';
import { workerParser, type Parser } from './parser';
import type { SourceDoc } from './source';

export const IMPORT_FILTERS = [
  { name: 'Plans (Word, Excel, CSV)', extensions: ['docx', 'xlsx', 'csv'] },
  { name: 'Word documents', extensions: ['docx'] },
  { name: 'Excel workbooks', extensions: ['xlsx'] },
  { name: 'CSV files', extensions: ['csv'] },
];

/** Pending imports kept at once (the oldest is forgotten beyond this). */
const MAX_PENDING = 5;

interface Pending {
  path: string;
  doc: SourceDoc;
  options: ImportOptions;
  analysis: Analysis;
}

export interface ImportDeps {
  store: Store;
  host: Host;
  /** How files are read (default: in a worker thread). */
  parser?: Parser;
}

function progress(ctx: HandlerContext, jobId: string) {
  return (phase: string, done: number, total: number): void =>
    ctx.emit('job:progress', { jobId, kind: 'import', phase, done, total });
}

export function createImportHandlers(deps: ImportDeps): HandlersFor<ImportChannel> {
  const parser = deps.parser ?? workerParser();
  const pending = new Map<string, Pending>();
  /** Reads still running, by jobId (import:cancel stops them: the worker is terminated). */
  const running = new Map<string, AbortController>();

  const remember = (entry: Pending, token: string = randomUUID()): ImportPreview => {
    pending.delete(token);
    pending.set(token, entry);
    while (pending.size > MAX_PENDING) pending.delete(pending.keys().next().value as string);
    return { token, ...entry.analysis.preview };
  };
  const find = (token: string): Pending => {
    const entry = pending.get(token);
    if (!entry)
      throw new DomainError(
        'not_found',
        'This import is no longer open (it was confirmed, cancelled or replaced). Choose the file again.',
      );
    return entry;
  };

  return {
    'import:preview': async (input, ctx) => {
      const path =
        callerPath(deps.host, input.path) ??
        (await deps.host.chooseOpenPath({ title: 'Import a plan from Word, Excel or CSV', filters: IMPORT_FILTERS }));
      if (!path) throw new DomainError('cancelled', 'No file was chosen, so nothing was imported.');
      const jobId = input.jobId ?? randomUUID();
      const report = progress(ctx, jobId);
      const abort = new AbortController();
      running.set(jobId, abort);
      let doc: SourceDoc;
      try {
        doc = await parser({ path, sheet: input.options.sheet }, report, abort.signal);
      } finally {
        running.delete(jobId);
      }
      report('analysing', 0, 1);
      const analysis = analyse(doc, input.options);
      report('analysing', 1, 1);
      return remember({ path, doc, options: input.options, analysis });
    },

    'import:remap': async (input, ctx) => {
      const entry = find(input.token);
      const options: ImportOptions = {
        ...entry.options,
        ...(input.mapping !== undefined ? { mapping: input.mapping } : {}),
        ...(input.sheet !== undefined ? { sheet: input.sheet } : {}),
        ...(input.headerRow !== undefined ? { headerRow: input.headerRow } : {}),
        ...(input.proposedRatings !== undefined ? { proposedRatings: input.proposedRatings } : {}),
      };
      // Another sheet or header row means the old mapping's columns no longer apply.
      if ((input.sheet !== undefined && input.sheet !== entry.doc.sheet) || input.headerRow !== undefined)
        if (input.mapping === undefined) delete options.mapping;
      let doc = entry.doc;
      if (input.sheet !== undefined && input.sheet !== entry.doc.sheet)
        doc = await parser({ path: entry.path, sheet: input.sheet }, progress(ctx, randomUUID()));
      const analysis = analyse(doc, options);
      return remember({ path: entry.path, doc, options, analysis }, input.token);
    },

    'import:commit': (input, ctx) => {
      const entry = find(input.token);
      const draft = input.title ? { ...entry.analysis.draft, title: input.title } : entry.analysis.draft;
      let plan;
      try {
        plan = createPlanFromDraft(deps.store, draft, ctx.actor);
      } catch (error) {
        if (error instanceof DomainError)
          throw new DomainError('import_failed', `${error.message} Nothing was imported.`, error.issues);
        throw error;
      }
      pending.delete(input.token);
      const { totals, warnings } = entry.analysis.preview;
      const result: ImportCommitResult = {
        planId: plan.id,
        title: plan.title,
        sections: totals.sections,
        actions: totals.actions,
        periods: totals.periods,
        ratings: totals.ratings,
        recommendations: totals.recommendations,
        warnings,
      };
      return result;
    },

    'import:cancel': (input) => {
      running.get(input.token)?.abort();
      pending.delete(input.token);
      return { ok: true as const };
    },
  };
}
