/**
 * Is a plan store inside a folder that a sync client copies to the cloud (OneDrive, SharePoint, Teams,
 * Dropbox, Google Drive, iCloud Drive, Box)? The SQLite store must never live there (issue 10): the client
 * copies a half-written database and makes conflict copies. Pure: the main process (when it opens the store),
 * the command line and the sync layer all call it; the renderer shows its words (app:info storeWarning).
 */

/** Path patterns of folders a sync client keeps in step with the cloud. */
const SYNCED_FOLDER_PATTERNS: { pattern: RegExp; service: string }[] = [
  { pattern: /(^|[\\/])OneDrive( - [^\\/]+)?([\\/]|$)/i, service: 'OneDrive' },
  { pattern: /(^|[\\/])SharePoint([\\/]|$)/i, service: 'SharePoint' },
  { pattern: /(^|[\\/])[^\\/]+ - (Documents|Shared Documents|General)([\\/]|$)/i, service: 'SharePoint or Teams' },
  { pattern: /(^|[\\/])Microsoft Teams( Chat Files)?([\\/]|$)/i, service: 'Teams' },
  { pattern: /(^|[\\/])Dropbox( \([^)\\/]+\))?([\\/]|$)/i, service: 'Dropbox' },
  { pattern: /(^|[\\/])(Google Drive|My Drive|GoogleDrive)([\\/]|$)/i, service: 'Google Drive' },
  { pattern: /(^|[\\/])(iCloud Drive|Mobile Documents)([\\/]|$)/i, service: 'iCloud Drive' },
  { pattern: /(^|[\\/])Box( Sync)?([\\/]|$)/i, service: 'Box' },
  { pattern: /[\\/]Library[\\/]CloudStorage([\\/]|$)/i, service: 'a cloud storage provider' },
];

/** The sync service whose folder holds `somePath` ("OneDrive", "Dropbox"…), or null when none does. */
export function syncedFolderService(somePath: string): string | null {
  return SYNCED_FOLDER_PATTERNS.find(({ pattern }) => pattern.test(somePath))?.service ?? null;
}

/**
 * A plain-English warning when `storePath` is inside a folder a sync client copies to the cloud (the SQLite
 * store must never live there: the client copies a half-written database and makes conflict copies), or
 * null. The main process (store path choice) and the command line both call this.
 */
export function syncedFolderWarning(storePath: string): string | null {
  const service = syncedFolderService(storePath);
  if (!service) return null;
  return `The plan store ${storePath} looks like it is inside a ${service} folder. A synced folder can copy the database while it is being written and make conflict copies, which damages it. Keep the plan store on this computer (the default place), and use the shared folder only for update packs.`;
}
