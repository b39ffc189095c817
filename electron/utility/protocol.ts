/**
 * The messages between the main process and the store's utility process (electron/utility/index.ts).
 * The main process keeps the window, the menus, dialogs and IPC; the utility process holds the store and
 * runs the dispatcher (store, exporter, importer's mapping), so a long export or import never blocks the
 * window. Dialogs and shell calls the handlers need come back to the main process as `host` requests.
 */
import type { StoreErrorLike } from '../main/store-error';
import type { Result } from '../../shared/result';

export interface OpenRequest {
  type: 'open';
  dbPath: string;
  actor: string;
  version: string;
  nativeBinding?: string;
  validateOutput: boolean;
  /** The main process's warning when the store is inside a synced folder (shared/synced-folder.ts), for app:info. */
  storeWarning?: string | null;
}

export type ToUtility =
  | OpenRequest
  | { type: 'call'; id: number; channel: unknown; payload: unknown; actor: string }
  | { type: 'host-reply'; id: number; ok: true; value: unknown }
  | { type: 'host-reply'; id: number; ok: false; message: string }
  | { type: 'maintain' }
  | { type: 'close'; id: number }
  /** File › Move plan store…: copy the open store to `to` (verified), then close it in the same step. */
  | { type: 'move'; id: number; to: string };

export type HostMethod =
  | 'chooseSavePath'
  | 'chooseOpenPath'
  | 'chooseFolder'
  | 'showItemInFolder'
  | 'openPath'
  | 'keychainAvailable'
  | 'keychainEncrypt'
  | 'keychainDecrypt'
  | 'printToPdf';

export type FromUtility =
  | { type: 'opened'; ok: true }
  | { type: 'opened'; ok: false; storeError: StoreErrorLike | null; message: string }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; callId: number; name: string; body: unknown }
  | { type: 'host'; id: number; method: HostMethod; args: unknown[] }
  | { type: 'log'; message: string }
  /** An event for the window that no call caused (the background integrity check). */
  | { type: 'broadcast'; name: string; body: unknown }
  | { type: 'closed'; id: number }
  | { type: 'moved'; id: number; ok: true; path: string }
  | { type: 'moved'; id: number; ok: false; reason: string };

/** The parts of a MessagePort (Electron's MessagePortMain or Node's MessagePort, wrapped) used here. */
export interface PortLike {
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
}
