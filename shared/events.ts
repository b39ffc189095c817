/** Events the main process pushes to the renderer (one-way), each with a zod schema. */
import { z } from 'zod';
import { IntegrityStatus } from './contract';

export const events = {
  /** Progress of a long job (export, import): `done` of `total` units. */
  'job:progress': z.object({
    jobId: z.string(),
    kind: z.enum(['export', 'import']),
    phase: z.string(),
    done: z.number(),
    total: z.number(),
  }),
  /** A menu command chosen in the native menu. */
  'menu:command': z.object({
    command: z.enum([
      'newPlan',
      'export',
      'coveringReport',
      'import',
      'undo',
      'redo',
      'search',
      'settings',
      'restoreBackup',
      /** File › Move plan store… finished: the store is open at its new place (app:info changed). */
      'storeMoved',
    ]),
  }),
  /** The full integrity check after open finished (state 'damaged': offer store:repair or a restore). */
  'store:integrity': IntegrityStatus,
} as const;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;
