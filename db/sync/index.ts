/** The store side of offline sync (issue 10): see electron/sync/README.md for the API. */
export {
  deviceId,
  enableSync,
  planSync,
  setPlanRole,
  versionVector,
  opsFor,
  getDeviceKeys,
  setDeviceKeys,
  trustKey,
  trustedKeys,
  recordAck,
  ackOf,
  getMeta,
  setMeta,
} from './oplog';
export type { PlanSync } from './oplog';
export { applyOps, listConflicts, resolveConflict, listHeld, acceptHeld, rejectHeld, pendingRows } from './merge';
export type { ApplyReport, ApplyOptions, Conflict, Version, HeldOp, HeldReport } from './merge';
export { canonicalDump } from './dump';
export { largeWrite, checkpointNow } from './checkpoint';
