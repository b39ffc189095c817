/**
 * Registers one `ipcMain.handle` per contract channel, all answering through the shared dispatcher.
 * Plain module (no Electron import): the main process passes the real `ipcMain`, tests a fake.
 * A call from any frame other than the app's own page is answered `forbidden`; nothing here throws.
 */
import { channels } from '../../shared/contract';
import type { Dispatch, HandlerContext } from '../../shared/dispatch';
import type { EventName } from '../../shared/events';
import { fail, type Result } from '../../shared/result';

/** The parts of Electron's IpcMainInvokeEvent used here. */
export interface InvokeEventLike {
  senderFrame: { url: string; parent?: unknown } | null;
  sender: { send(channel: string, ...args: unknown[]): void; isDestroyed?(): boolean };
}

/** The parts of Electron's ipcMain used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface RegisterIpcOptions {
  /** True when the calling frame's URL is the app's own page (see `createSenderCheck`). */
  isTrustedSender: (frameUrl: string) => boolean;
  /** The acting user's name for the audit log. */
  actor: () => string;
  /** Log refused calls and unexpected failures. */
  log?: (message: string) => void;
}

/** Register every channel; answers a function that removes the handlers again. */
export function registerIpc(ipcMain: IpcMainLike, dispatch: Dispatch, options: RegisterIpcOptions): () => void {
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, payload): Promise<Result<unknown>> => {
      try {
        const frame = event.senderFrame;
        // Only the top-level app page may call (no sub-frames, no other origins).
        if (!frame || frame.parent || !options.isTrustedSender(frame.url)) {
          options.log?.(`Refused ${channel} from ${frame?.url ?? 'a closed frame'}`);
          return fail('forbidden', 'This request did not come from the Planwright window and was refused.');
        }
        const ctx: HandlerContext = {
          actor: options.actor(),
          emit: (name: EventName, body: unknown) => {
            if (!event.sender.isDestroyed?.()) event.sender.send(name, body);
          },
        };
        return await dispatch(channel, payload, ctx);
      } catch (error) {
        options.log?.(`${channel} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return fail('internal', `Something went wrong in ${channel}. Nothing was changed.`);
      }
    });
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

/**
 * The sender check: in production only `app://planwright/...`; in development also the dev server's
 * origin (exact scheme, host and port).
 */
export function createSenderCheck(options: {
  appOrigin: string;
  devServerUrl?: string | null;
}): (frameUrl: string) => boolean {
  const allowed = new Set([options.appOrigin]);
  if (options.devServerUrl) allowed.add(new URL(options.devServerUrl).origin);
  return (frameUrl) => {
    try {
      const url = new URL(frameUrl);
      // Custom schemes answer origin "null" in WHATWG URL; compare scheme + host instead.
      const origin = url.origin !== 'null' ? url.origin : `${url.protocol}//${url.host}`;
      return allowed.has(origin);
    } catch {
      return false;
    }
  };
}
