/**
 * Sync channels: update packs between the plan's owner and its service leads, the shared folder, the
 * returns board, conflicts and held-back changes. Owned by sync-ui (electron/sync/handlers.ts).
 * File paths never come from the renderer: the main process asks with its own dialogs (a cancelled dialog
 * answers `cancelled` and changes nothing).
 */
import { z } from 'zod';
import type { ChannelDef } from './contract';
import { Id, IsoDateTime } from './model';

const ch = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): ChannelDef<I, O> => ({ input, output });
const Done = z.object({ ok: z.literal(true) });
const Name = z.string().trim().min(1, 'Name the lead').max(300);

export const SyncRole = z.enum(['owner', 'lead']);

export const PackWritten = z.object({
  path: z.string(),
  /** Changes in the pack. */
  ops: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  kind: z.enum(['invitation', 'update']),
  lead: z.string().nullable(),
});
export type PackWritten = z.infer<typeof PackWritten>;

export const HeldBack = z.object({
  id: z.string(),
  opId: z.string(),
  reason: z.string(),
  entity: z.string(),
  rowId: z.string(),
  field: z.string(),
});

export const OpenReport = z.object({
  planId: Id,
  planTitle: z.string(),
  kind: z.enum(['invitation', 'update']),
  packId: z.string(),
  from: z.object({ person: z.string(), lead: z.string().nullable(), deviceId: z.string(), role: SyncRole }),
  duplicatePack: z.boolean(),
  applied: z.number().int(),
  conflicts: z.number().int(),
  heldBack: z.array(HeldBack),
  duplicates: z.number().int(),
  pending: z.number().int(),
});
export type OpenReport = z.infer<typeof OpenReport>;

export const SyncStatus = z.object({
  planId: Id,
  /** null: the plan is not shared yet. */
  role: SyncRole.nullable(),
  /** On a lead's copy: the lead it belongs to. */
  person: z.string().nullable(),
  deviceId: z.string(),
  conflicts: z.number().int(),
  heldBack: z.number().int(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const ReceivedPack = z.object({
  packId: z.string(),
  kind: z.enum(['invitation', 'update']),
  person: z.string(),
  lead: z.string().nullable(),
  createdAt: IsoDateTime,
  receivedAt: IsoDateTime,
  ops: z.number().int(),
  applied: z.number().int(),
  conflicts: z.number().int(),
  heldBack: z.number().int(),
  duplicates: z.number().int(),
});
export type ReceivedPack = z.infer<typeof ReceivedPack>;

/** One lead's row on the returns board for a period. */
export const ReturnRow = z.object({
  lead: z.string(),
  invitedAt: IsoDateTime.nullable(),
  /** The latest pack received from this lead (any period), or null. */
  lastReturnAt: IsoDateTime.nullable(),
  packs: z.number().int(),
  /** Progress updates and ratings by this lead in the period. */
  updates: z.number().int(),
  /** The lead's live actions. */
  actions: z.number().int(),
  /** The lead's actions with no progress update in the period. */
  outstanding: z.array(z.object({ actionId: Id, reference: z.string() })),
});
export type ReturnRow = z.infer<typeof ReturnRow>;

export const ReturnsBoard = z.object({
  periodId: Id.nullable(),
  periodLabel: z.string().nullable(),
  rows: z.array(ReturnRow),
});
export type ReturnsBoard = z.infer<typeof ReturnsBoard>;

export const ConflictVersion = z.object({
  opId: z.string(),
  value: z.unknown(),
  person: z.string(),
  at: z.string(),
  device: z.string(),
});
export const SyncConflict = z.object({
  id: z.string(),
  entity: z.string(),
  rowId: z.string(),
  field: z.string(),
  label: z.string(),
  base: ConflictVersion.nullable(),
  versions: z.array(ConflictVersion),
  /** The action the field belongs to (its own field, its rating, update or lead), for the "2 versions" badges. */
  actionId: Id.nullable().optional(),
});
export type SyncConflict = z.infer<typeof SyncConflict>;

/** On a lead's copy: one of the lead's progress updates or ratings, and what the owner made of it. */
export const LeadUpdateStatus = z.object({
  entity: z.enum(['progress', 'rating']),
  rowId: Id,
  actionId: Id,
  periodId: Id,
  /** accepted: the owner's copy applied it; waiting: not returned or not yet opened; held: held back. */
  state: z.enum(['accepted', 'waiting', 'held']),
  by: z.string().nullable(),
  at: IsoDateTime.nullable(),
  reason: z.string().nullable(),
});
export type LeadUpdateStatus = z.infer<typeof LeadUpdateStatus>;

export const syncChannels = {
  /** Is this plan shared, and as what (owner or a lead's copy); open conflicts and held-back changes. */
  'sync:status': ch(z.object({ planId: Id }), SyncStatus),
  /** The lead names of a plan's actions (for "Send to leads"). */
  'sync:leads': ch(
    z.object({ planId: Id }),
    z.array(z.object({ lead: z.string(), actions: z.number().int(), invitedAt: IsoDateTime.nullable() })),
  ),
  /** Owner: write an invitation pack for one lead (asks where to save). */
  'sync:invite': ch(z.object({ planId: Id, lead: Name }), PackWritten),
  /** Owner: an update pack for one lead (or every lead when `lead` is null); a lead's copy: "Return my updates". */
  'sync:writePack': ch(z.object({ planId: Id, lead: Name.nullable().default(null) }), PackWritten),
  /** Open a pack (asks which file): an invitation makes the lead's copy; an update is applied. */
  'sync:open': ch(z.object({}), OpenReport),
  /** One pass over a shared folder (asks which folder the first time; remembered per plan). */
  'sync:folder': ch(
    z.object({ planId: Id, chooseAgain: z.boolean().default(false) }),
    z.object({
      folder: z.string(),
      opened: z.array(OpenReport),
      alreadyOpened: z.number().int(),
      notYet: z.array(z.string()),
      problems: z.array(z.object({ file: z.string(), message: z.string() })),
      written: z.object({ file: z.string(), ops: z.number().int() }).nullable(),
    }),
  ),
  /** Packs received for a plan, newest first (the import reports). */
  'sync:received': ch(z.object({ planId: Id }), z.array(ReceivedPack)),
  /** Who has returned for a period, when, how many updates, and what is outstanding. */
  'sync:returns': ch(z.object({ planId: Id, periodId: Id.optional() }), ReturnsBoard),
  /** Fields with 2 or more versions, and changes held back for the owner. */
  'sync:conflicts': ch(
    z.object({ planId: Id }),
    z.object({ conflicts: z.array(SyncConflict), heldBack: z.array(HeldBack) }),
  ),
  /** Settle a conflict: keep one version (its op id) or combine into new text. */
  'sync:resolve': ch(
    z.union([
      z.object({ planId: Id, conflictId: z.string().min(1).max(200), keep: z.string().min(1).max(200) }),
      z.object({ planId: Id, conflictId: z.string().min(1).max(200), text: z.string().max(100_000) }),
    ]),
    Done,
  ),
  /** A lead's copy: each of the lead's updates and ratings, accepted by the owner, waiting, or held back. */
  'sync:myUpdates': ch(z.object({ planId: Id }), z.array(LeadUpdateStatus)),
  /** Apply (accept) or discard (reject) a held-back change. */
  'sync:decideHeld': ch(z.object({ planId: Id, heldId: z.string().min(1).max(200), accept: z.boolean() }), Done),
} as const satisfies Record<string, ChannelDef>;
