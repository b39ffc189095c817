/** The sync engine for the pack layer, CLI and handlers: the store side lives in db/sync/ (see README.md). */
export * from '../../db/sync';
export { leadMatches } from '../../shared/leads';
export type { SyncOp, VersionVector, PlanRole, SyncEntity } from '../../shared/sync/op';
