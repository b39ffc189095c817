/**
 * Every handler the app answers, in one map: the store's core channels plus the exporter's and the
 * importer's. The Electron main process, the command line and the e2e harness all build their
 * dispatcher from this one function, so every path shares the same validation and behaviour.
 */
import { createStoreHandlers, operationalError, type Store } from '../db';
import type { HandlerContext, Handlers } from '../shared/dispatch';
import { createExportHandlers } from './export/handlers';
import type { Host } from './host';
import { createImportHandlers } from './import/handlers';
import { createSyncHandlers } from './sync/handlers';
import type { KeyWrapper } from './sync/keys';

export interface AppDeps {
  store: Store;
  host: Host;
  /** The app's version for `app:info` (the Electron app's or package.json's). */
  version?: string;
  /** How the device's signing key is kept (the app passes an Electron safeStorage wrapper). */
  keyWrapper?: KeyWrapper;
  /** The main process's words when the store is inside a synced folder (app:info answers them). */
  storeWarning?: string | null;
}

export function createAppHandlers({ store, host, version, keyWrapper, storeWarning = null }: AppDeps): Handlers {
  const core = createStoreHandlers(store, version === undefined ? {} : { version });
  return withOperationalErrors({
    ...core,
    'app:info': (input, ctx) => ({ ...core['app:info'](input, ctx), storeWarning }),
    ...createExportHandlers({ store, host }),
    ...createImportHandlers({ store, host }),
    ...createSyncHandlers({ store, host, ...(keyWrapper ? { keyWrapper } : {}) }),
  } satisfies Handlers);
}

/** Every handler, with disk and lock failures (busy, disk full, I/O) answered in plain words, never `internal`. */
export function withOperationalErrors(handlers: Handlers): Handlers {
  const wrapped: Record<string, (input: unknown, ctx: HandlerContext) => unknown> = {};
  for (const [channel, handler] of Object.entries(handlers) as [
    string,
    (input: unknown, ctx: HandlerContext) => unknown,
  ][]) {
    wrapped[channel] = async (input, ctx) => {
      try {
        return await handler(input, ctx);
      } catch (error) {
        throw operationalError(error) ?? error;
      }
    };
  }
  return wrapped as unknown as Handlers;
}
