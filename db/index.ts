/** The plan store's public API (everything else in db/ is internal). */
export { openStore, openMemoryStore, type Store, type OpenStoreOptions } from './store';
export { operationalError, StoreOpenError, type StoreOpenErrorCode } from './errors';
export { SCHEMA_VERSION, MIGRATIONS } from './migrations';
export { migrate, listBackups } from './migrate';
export { createStoreHandlers, type StoreHandlerOptions } from './handlers';
export { getPlanTree } from './tree';
export { createPlanFromDraft } from './services/drafts';
export { ensureSamplePlan } from './services/sample';
export { listPlans } from './services/plans';
export { getCoveringReport, saveCoveringReport } from './services/covering-reports';
export { getMeta, setMeta } from './services/settings';
export { addPersonNames, directoryPerson } from './services/people';
export type { DB } from './schema';
export { backupIfDue, copyStoreTo, startMaintenance, restoreBackup, listStoreBackups } from './services/backups';
export { checkIntegrityInBackground, integrityStatus, repairStore } from './integrity';
