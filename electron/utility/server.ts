/**
 * The utility process's side: opens the store and answers calls through the shared dispatcher. Plain
 * module (no Electron), so tests can run it on a worker_threads MessageChannel.
 */
import { copyStoreTo, ensureSamplePlan, openStore, startMaintenance, StoreOpenError, type Store } from '../../db';
import { createDispatcher, type Dispatch } from '../../shared/dispatch';
import type { EventName } from '../../shared/events';
import { createAppHandlers } from '../handlers';
import type { Host } from '../host';
import { keychainKeyWrapper, type RemoteKeychain } from './keychain';
import type { FromUtility, HostMethod, OpenRequest, PortLike, ToUtility } from './protocol';

export function serveStore(port: PortLike): void {
  let store: Store | null = null;
  let dispatch: Dispatch | null = null;
  let nextHostId = 1;
  const hostCalls = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const send = (message: FromUtility) => port.postMessage(message);

  const ask = (method: HostMethod, ...args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextHostId++;
      hostCalls.set(id, { resolve, reject });
      send({ type: 'host', id, method, args });
    });
  // The window's dialogs and shell, in the main process. Paths come only from those dialogs.
  const host: Host = {
    callerPaths: 'refuse',
    chooseSavePath: (options) => ask('chooseSavePath', options) as Promise<string | null>,
    chooseOpenPath: (options) => ask('chooseOpenPath', options) as Promise<string | null>,
    showItemInFolder: (file) => void ask('showItemInFolder', file).catch(() => undefined),
    openPath: (file) => ask('openPath', file).then(() => undefined),
    chooseFolder: (options) => ask('chooseFolder', options) as Promise<string | null>,
    printToPdf: (request) => ask('printToPdf', request) as Promise<number>,
  };
  // The main process's safeStorage, for the device's signing key (keychain.ts).
  const keychain: RemoteKeychain = {
    available: () => ask('keychainAvailable').then((v) => v === true),
    encrypt: (text) => ask('keychainEncrypt', text).then(String),
    decrypt: (base64) => ask('keychainDecrypt', base64).then(String),
  };

  async function open(request: OpenRequest): Promise<void> {
    try {
      store = openStore(request.dbPath, { actor: request.actor, nativeBinding: request.nativeBinding });
      await ensureSamplePlan(store);
      const keys = await keychainKeyWrapper(store, keychain);
      if (keys.note) send({ type: 'log', message: keys.note });
      dispatch = createDispatcher(
        createAppHandlers({
          store,
          host,
          version: request.version,
          keyWrapper: keys.wrapper,
          storeWarning: request.storeWarning ?? null,
        }),
        {
          validateOutput: request.validateOutput,
          onInternalError: (channel, error) =>
            send({
              type: 'log',
              message: `${channel}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
            }),
        },
      );
      send({ type: 'opened', ok: true });
    } catch (error) {
      const storeError =
        error instanceof StoreOpenError
          ? { code: error.code, message: error.message, backupPath: error.backupPath }
          : null;
      send({ type: 'opened', ok: false, storeError, message: error instanceof Error ? error.message : String(error) });
    }
  }

  port.onMessage((raw) => {
    const message = raw as ToUtility;
    switch (message.type) {
      case 'open':
        void open(message);
        return;
      case 'call': {
        const { id, channel, payload, actor } = message;
        const emit = (name: EventName, body: unknown) => send({ type: 'event', callId: id, name, body });
        const run = dispatch
          ? dispatch(channel, payload, { actor, emit })
          : Promise.resolve({
              ok: false as const,
              error: { code: 'internal' as const, message: 'The plan store is not open.' },
            });
        void run.then((result) => send({ type: 'result', id, result }));
        return;
      }
      case 'host-reply': {
        const call = hostCalls.get(message.id);
        hostCalls.delete(message.id);
        if (message.ok) call?.resolve(message.value);
        else call?.reject(new Error(message.message));
        return;
      }
      case 'maintain':
        // The full integrity check (its own worker thread) and the daily backup.
        if (store)
          startMaintenance(store, {
            onIntegrity: (status) => send({ type: 'broadcast', name: 'store:integrity', body: status }),
            onBackupError: (text) => send({ type: 'log', message: `daily backup: ${text}` }),
          });
        return;
      case 'move': {
        // The copy and the close in one synchronous step: no call can write to the old file after the copy.
        const open = store;
        if (!open) {
          send({ type: 'moved', id: message.id, ok: false, reason: 'the plan store is not open' });
          return;
        }
        let written: string;
        try {
          written = copyStoreTo(open, message.to);
        } catch (error) {
          send({
            type: 'moved',
            id: message.id,
            ok: false,
            reason: error instanceof Error ? error.message : String(error),
          });
          return;
        }
        store = null;
        dispatch = null;
        void Promise.resolve(open.close()).finally(() =>
          send({ type: 'moved', id: message.id, ok: true, path: written }),
        );
        return;
      }
      case 'close': {
        const closing = store;
        store = null;
        dispatch = null;
        void Promise.resolve(closing?.close()).finally(() => send({ type: 'closed', id: message.id }));
        return;
      }
    }
  });
}
