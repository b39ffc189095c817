/**
 * Export channels: the Word committee appendix and the covering report. Owned by the exporter
 * (electron/export/). When `path` is absent the main process asks where to save; cancelling that dialog
 * answers a `cancelled` error and writes nothing. Only trusted local callers (the command line, tests) may
 * pass `path`; from the app's window it is refused (`forbidden`), and `export:reveal` only shows a file
 * this process exported (electron/host.ts, `callerPaths`). Progress of long exports arrives as `job:progress`
 * events (kind 'export') carrying the `jobId` given here (or a generated one).
 */
import { z } from 'zod';
import type { ChannelDef } from './contract';
import { CoveringReportContent } from './covering-report';
import { ExportOptions } from './export-options';
import { Id } from './model';

const ch = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): ChannelDef<I, O> => ({ input, output });

/** An absolute path to write (must end in .docx, or .pdf for a PDF). */
const DocxPath = z
  .string()
  .trim()
  .min(1)
  .max(4096)
  .refine((p) => /\.(docx|pdf)$/i.test(p), 'The file name must end in .docx (Word) or .pdf (PDF)');

/** Word or PDF (issue 12.12). Absent = from the path's extension, else Word. */
export const ExportFormat = z.enum(['docx', 'pdf']);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const ExportResult = z.object({
  /** Where the document was written. */
  path: z.string(),
  /** Size of the written file in bytes. */
  bytes: z.number().int().nonnegative(),
  /** Page count when known (not computed by the exporter itself; Word paginates on opening). */
  pages: z.number().int().positive().optional(),
  /** Covering report: required header fields left empty (the document shows "[... to be added]" for each). */
  missing: z.array(z.string()).optional(),
  /** PDF: how it was made (LibreOffice when installed, else the app's own print to PDF). */
  pdfBy: z.enum(['libreoffice', 'print']).optional(),
});
export type ExportResult = z.infer<typeof ExportResult>;

export const ExportDefaults = z.object({
  /** Options resolved against the plan (its current and compare periods, visible columns, appendix number). */
  options: ExportOptions,
  /** Suggested file name, e.g. "Children's Services Development Plan 2020 - Appendix 1.docx". */
  fileName: z.string(),
  coveringReportFileName: z.string(),
});
export type ExportDefaults = z.infer<typeof ExportDefaults>;

export const exportChannels = {
  /** Defaults for the export dialog. */
  'export:defaults': ch(z.object({ planId: Id }), ExportDefaults),
  /** Write the committee appendix (.docx). */
  'export:appendix': ch(
    z.object({
      planId: Id,
      options: ExportOptions.default(ExportOptions.parse({})),
      path: DocxPath.optional(),
      format: ExportFormat.optional(),
      jobId: z.string().max(100).optional(),
    }),
    ExportResult,
  ),
  /**
   * Write the covering report (.docx) for a plan and period. `content` absent = the report saved for that
   * period (or the pre-filled default); period absent = the plan's current period.
   */
  'export:coveringReport': ch(
    z.object({
      planId: Id,
      periodId: Id.optional(),
      content: CoveringReportContent.optional(),
      path: DocxPath.optional(),
      format: ExportFormat.optional(),
      jobId: z.string().max(100).optional(),
    }),
    ExportResult,
  ),
  /** Show a written export in the file manager. */
  'export:reveal': ch(z.object({ path: z.string().trim().min(1).max(4096) }), z.object({ ok: z.literal(true) })),
  /** Open a written export in its own program (Word, a PDF viewer): only a file this process exported. */
  'export:open': ch(z.object({ path: z.string().trim().min(1).max(4096) }), z.object({ ok: z.literal(true) })),
} as const satisfies Record<string, ChannelDef>;
