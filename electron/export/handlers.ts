/**
 * Handlers for the export channels (shared/contract-export.ts): the committee appendix, the covering
 * report, the dialog defaults and "show in folder". When no path is given the host asks where to save;
 * a cancelled dialog answers `cancelled` and writes nothing. Files are written atomically (electron/write.ts) and
 * progress goes to the renderer as `job:progress` events.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { getCoveringReport, getPlanTree, type Store } from '../../db';
import type { ExportChannel } from '../../shared/contract';
import type { HandlerContext, HandlersFor } from '../../shared/dispatch';
import { ExportOptions, type ExportOptions as ExportOptionsT } from '../../shared/export-options';
import type { PlanTree } from '../../shared/model';
import { DomainError } from '../../shared/result';
import { computeSummary } from '../../shared/summary';
import { indexTree } from '../../shared/tree';
import type { ExportFormat } from '../../shared/contract-export';
import { coveringDrafts, withDrafts } from '../../shared/covering-drafts';
import { missingHeaderFields } from '../../shared/covering-report';
import { callerPath, type FileFilter, type Host } from '../host';
import { buildAppendix } from './appendix';
import { buildAppendixModel, resolveColumns, resolveSelection } from './appendix-model';
import { buildCoveringReport } from './covering-report';
import { appendixHtml, coveringReportHtml } from './html';
import { findSoffice, PdfUnavailable, writePdf } from './pdf';
import { writeFileAtomic } from '../write';

const FILTERS: Record<ExportFormat, FileFilter[]> = {
  docx: [{ name: 'Word document', extensions: ['docx'] }],
  pdf: [{ name: 'PDF', extensions: ['pdf'] }],
};

/** Word or PDF: the caller's choice, else the path's extension, else Word. */
export function formatOf(format: ExportFormat | undefined, path: string | undefined): ExportFormat {
  return format ?? (path && /\.pdf$/i.test(path) ? 'pdf' : 'docx');
}

/**
 * Writes a PDF of the document (issue 12.12): LibreOffice converting the .docx when it is installed (the
 * same code as the command line), else the host's print to PDF of the same content as HTML (the app's
 * window); with neither, a plain message and nothing written.
 */
export async function writePdfOf(
  host: Host,
  target: string,
  docx: () => Promise<Buffer>,
  html: () => string,
  landscape: boolean,
): Promise<{ bytes: number; pdfBy: 'libreoffice' | 'print' }> {
  try {
    if (findSoffice()) return { bytes: await writePdf(await docx(), target), pdfBy: 'libreoffice' };
    if (host.printToPdf)
      return { bytes: await host.printToPdf({ html: html(), path: target, landscape }), pdfBy: 'print' };
  } catch (error) {
    if (error instanceof PdfUnavailable) throw new DomainError('export_failed', error.message);
    throw new DomainError(
      'export_failed',
      `The PDF could not be written: ${error instanceof Error ? error.message : String(error)}`.replace(
        /\.?$/,
        '. Nothing was written.',
      ),
    );
  }
  throw new DomainError(
    'export_failed',
    'Writing a PDF needs LibreOffice, which is not installed. Install LibreOffice, or save as Word and use "Save as PDF" in Word. Nothing was written.',
  );
}

/** A file name safe on Windows, macOS and Linux (no reserved characters, no trailing dots). */
export function safeFileName(name: string): string {
  const cleaned = name
    // eslint-disable-next-line no-control-regex -- control characters are exactly what file names must not hold
    .replace(/[\u0000-\u001f<>:"/\\|?*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '');
  return (cleaned || 'Planwright export').slice(0, 150);
}

export function appendixFileName(tree: PlanTree, appendixNumber: number, format: ExportFormat = 'docx'): string {
  return `${safeFileName(`${tree.plan.title} - Appendix ${appendixNumber}`)}.${format}`;
}

export function coveringReportFileName(tree: PlanTree, format: ExportFormat = 'docx'): string {
  return `${safeFileName(`${tree.plan.title} - covering report`)}.${format}`;
}

/** The export options resolved against the plan: what the dialog starts with. */
export function resolvedDefaults(tree: PlanTree, options: ExportOptionsT = ExportOptions.parse({})): ExportOptionsT {
  const sel = resolveSelection(tree, options);
  const columns = resolveColumns(tree, options).map((c) => c.field);
  return {
    ...options,
    periodId: sel.period?.id ?? null,
    compareId: sel.compare?.id ?? null,
    columns: columns.length ? columns : undefined,
    appendixNumber: sel.appendixNumber,
    ratingHistory: options.ratingHistory ?? columns.includes('ratingHistory'),
  };
}

async function choosePath(
  host: Host,
  requested: string | undefined,
  title: string,
  defaultName: string,
  format: ExportFormat = 'docx',
): Promise<string> {
  const given = callerPath(host, requested);
  if (given) return given;
  const chosen = await host.chooseSavePath({ title, defaultName, filters: FILTERS[format] });
  if (!chosen) throw new DomainError('cancelled', 'Export cancelled. Nothing was written.');
  return chosen.toLowerCase().endsWith(`.${format}`) ? chosen : `${chosen}.${format}`;
}

function loadTree(store: Store, planId: string): PlanTree {
  const tree = getPlanTree(store, planId);
  if (tree.plan.deletedAt) throw new DomainError('not_found', 'That plan is in the bin. Restore it before exporting.');
  return tree;
}

function progressEmitter(ctx: HandlerContext, jobId: string) {
  return (p: { phase: string; done: number; total: number }) =>
    ctx.emit('job:progress', { jobId, kind: 'export', ...p });
}

/** How many written files "show in folder" remembers. */
const MAX_WRITTEN = 50;

export function createExportHandlers({ store, host }: { store: Store; host: Host }): HandlersFor<ExportChannel> {
  // The files this process wrote: the only ones the window may reveal (see Host.callerPaths).
  const written = new Set<string>();
  const wrote = (file: string): void => {
    written.delete(file);
    written.add(file);
    while (written.size > MAX_WRITTEN) written.delete(written.values().next().value as string);
  };
  return {
    'export:defaults': ({ planId }) => {
      const tree = loadTree(store, planId);
      const options = resolvedDefaults(tree);
      return {
        options,
        fileName: appendixFileName(tree, options.appendixNumber ?? tree.plan.appendixNumber),
        coveringReportFileName: coveringReportFileName(tree),
      };
    },

    'export:appendix': async ({ planId, options, path, format: asked, jobId }, ctx) => {
      const format = formatOf(asked, path);
      const tree = loadTree(store, planId);
      // Built once: the selection, the model and the summary all read it.
      const index = indexTree(tree);
      let sel;
      try {
        sel = resolveSelection(tree, options, index);
      } catch (error) {
        throw new DomainError('invalid_input', error instanceof Error ? error.message : String(error));
      }
      if (sel.actions.length === 0 && options.lead)
        throw new DomainError(
          'invalid_input',
          `No actions have a lead matching "${options.lead}". Nothing was written.`,
        );
      const target = await choosePath(
        host,
        path,
        'Export the committee appendix',
        appendixFileName(tree, sel.appendixNumber, format),
        format,
      );
      const emit = progressEmitter(ctx, jobId ?? randomUUID());
      if (format === 'pdf') {
        const pdf = await writePdfOf(
          host,
          target,
          () => buildAppendix(tree, options, emit, ctx.actor, index),
          () => appendixHtml(buildAppendixModel(tree, options, index), tree.levels, { print: true }),
          true,
        );
        wrote(target);
        emit({ phase: 'done', done: 1, total: 1 });
        return { path: target, bytes: pdf.bytes, pdfBy: pdf.pdfBy };
      }
      let bytes: Buffer;
      try {
        bytes = await buildAppendix(tree, options, emit, ctx.actor, index);
      } catch (error) {
        throw new DomainError(
          'export_failed',
          `The appendix could not be built: ${error instanceof Error ? error.message : String(error)}. Nothing was written.`,
        );
      }
      emit({ phase: 'writing', done: 1, total: 1 });
      const size = await writeFileAtomic(target, bytes);
      wrote(target);
      return { path: target, bytes: size };
    },

    'export:coveringReport': async ({ planId, periodId, content, path, format: asked, jobId }, ctx) => {
      const format = formatOf(asked, path);
      const tree = loadTree(store, planId);
      const period =
        periodId ?? tree.plan.currentPeriodId ?? tree.periods.filter((p) => p.deletedAt === null).at(-1)?.id;
      if (!period)
        throw new DomainError(
          'invalid_input',
          'This plan has no reporting periods yet. Add one before writing the covering report.',
        );
      if (!tree.periods.some((p) => p.id === period && p.deletedAt === null))
        throw new DomainError(
          'not_found',
          'That reporting period is not part of this plan, or it has been deleted. Choose one of the plan’s periods.',
        );
      const report = content ?? getCoveringReport(store, planId, period).content;
      const target = await choosePath(
        host,
        path,
        'Save the covering report',
        coveringReportFileName(tree, format),
        format,
      );
      const emit = progressEmitter(ctx, jobId ?? randomUUID());
      emit({ phase: 'building', done: 0, total: 1 });
      const index = indexTree(tree);
      const compare = resolveSelection(tree, ExportOptions.parse({ periodId: period }), index).compare;
      const summary = tree.levels.some((l) => l.deletedAt === null)
        ? computeSummary(index, { periodId: period, compareId: compare?.id ?? null })
        : null;
      // Required header fields left empty show "[... to be added]" in the document, and are named here.
      const missing = missingHeaderFields(report);
      let size: number;
      let pdfBy: 'libreoffice' | 'print' | undefined;
      if (format === 'pdf') {
        const pdf = await writePdfOf(
          host,
          target,
          () => buildCoveringReport(tree, report, summary, ctx.actor),
          () => coveringReportHtml(tree, summary ? withDrafts(report, coveringDrafts(tree, summary)) : report, summary),
          false,
        );
        size = pdf.bytes;
        pdfBy = pdf.pdfBy;
      } else size = await writeFileAtomic(target, await buildCoveringReport(tree, report, summary, ctx.actor));
      wrote(target);
      emit({ phase: 'done', done: 1, total: 1 });
      return { path: target, bytes: size, missing, ...(pdfBy ? { pdfBy } : {}) };
    },

    'export:reveal': ({ path }) => {
      if (host.callerPaths !== 'allow' && !written.has(path)) {
        throw new DomainError('forbidden', 'Only a file Planwright has just exported can be shown in its folder.');
      }
      host.showItemInFolder(path);
      return { ok: true as const };
    },

    'export:open': async ({ path }) => {
      // The same hardening as "Open folder": the window can't name a file, only open one it just exported.
      if (host.callerPaths !== 'allow' && !written.has(path)) {
        throw new DomainError('forbidden', 'Only a file Planwright has just exported can be opened from here.');
      }
      if (!fs.existsSync(path))
        throw new DomainError(
          'not_found',
          'The exported file is no longer there: it may have been moved or deleted. Export it again.',
        );
      try {
        await host.openPath(path);
      } catch {
        throw new DomainError(
          'unavailable',
          'The document could not be opened: no program on this computer opens it. Use “Open folder” and open it from there.',
        );
      }
      return { ok: true as const };
    },
  };
}
