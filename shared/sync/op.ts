/** One change to one synced field (see electron/sync/README.md): the unit of the operation log. */
import { z } from 'zod';

export const SYNC_ENTITIES = [
  'plan',
  'level',
  'period',
  'recommendation',
  'section',
  'objective',
  'action',
  'lead',
  'link',
  'rating',
  'progress',
  'indicator',
  'coveringReport',
] as const;
export const SyncEntity = z.enum(SYNC_ENTITIES);
export type SyncEntity = z.infer<typeof SyncEntity>;

/** `$create`: a new row (value = every synced field); `$purge`: a plan deleted for ever (a tombstone). */
export const CREATE = '$create';
export const PURGE = '$purge';

const Device = z.string().regex(/^[0-9a-f]{32}$/, 'a device id is 32 hexadecimal characters');

export const SyncOp = z
  .object({
    id: z.string().max(80),
    device: Device,
    seq: z.number().int().positive(),
    hlc: z.string().regex(/^\d{13}\.\d{5}\.[0-9a-f]{32}$/),
    person: z.string().max(200),
    planId: z.string().min(1).max(80),
    entity: SyncEntity,
    rowId: z.string().min(1).max(80),
    field: z.string().min(1).max(60),
    value: z.unknown(),
    parents: z.array(z.string().max(80)).max(64),
  })
  .refine((op) => op.id === `${op.device}:${op.seq}`, { message: 'an op id is its device and sequence number' });
export type SyncOp = z.infer<typeof SyncOp>;

/** Per device, the highest sequence number held. */
export const VersionVector = z.record(Device, z.number().int().nonnegative());
export type VersionVector = z.infer<typeof VersionVector>;

export const PlanRole = z.enum(['owner', 'lead']);
export type PlanRole = z.infer<typeof PlanRole>;
