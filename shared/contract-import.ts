/** Import channels (Word tables, Excel and CSV, with a mapping preview). Owned by the importer. */
import { z } from 'zod';
import type { ChannelDef } from './contract';
import { ColumnMapping, ImportCommitResult, ImportOptions, ImportPreview } from './import-schema';

const ch = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): ChannelDef<I, O> => ({ input, output });
const Token = z.string().min(1).max(100);

export const importChannels = {
  /**
   * Reads a file (the main process shows the open dialog when `path` is missing) and previews it. Only the
   * command line and tests may pass `path`; from the app's window it is refused (`forbidden`). `jobId`
   * (optional) names the read so `import:cancel` with that id stops it while it runs.
   */
  'import:preview': ch(
    z.object({
      path: z.string().min(1).max(4096).optional(),
      options: ImportOptions.default({}),
      jobId: Token.optional(),
    }),
    ImportPreview,
  ),
  /** Re-reads the pending import with an edited column mapping (or another sheet / header row, or proposed ratings declined). */
  'import:remap': ch(
    z.object({
      token: Token,
      mapping: ColumnMapping.optional(),
      sheet: z.string().max(200).optional(),
      headerRow: z.number().int().min(1).max(10_000).optional(),
      /** false declines the ratings proposed from status phrases (a plan with no rating column); true offers them again. */
      proposedRatings: z.boolean().optional(),
    }),
    ImportPreview,
  ),
  /** Writes the pending import as a new plan in one transaction. */
  'import:commit': ch(
    z.object({ token: Token, title: z.string().trim().min(1).max(500).optional() }),
    ImportCommitResult,
  ),
  /** Forgets the pending import, or stops a read still running under that `jobId`; nothing is written. */
  'import:cancel': ch(z.object({ token: Token }), z.object({ ok: z.literal(true) })),
} satisfies Record<string, ChannelDef>;
