/**
 * The main process's side of the store's utility process: a `Dispatch` that forwards each call over the
 * MessagePort (events the handlers emit go back to the calling window), and the host requests (dialogs,
 * shell) answered with the main process's own Host. Plain module (no Electron import).
 */
import type { Dispatch } from '../../shared/dispatch';
import type { EventName } from '../../shared/events';
import { fail, type Result } from '../../shared/result';
import type { Host } from '../host';
import type { StoreErrorLike } from '../main/store-error';
import type { FromUtility, OpenRequest, PortLike, ToUtility } from './protocol';

export type OpenOutcome = { ok: true } | { ok: false; storeError: StoreErrorLike | null; message: string };

export interface UtilityClient {
  open(request: Omit<OpenRequest, 'type'>): Promise<OpenOutcome>;
  dispatch: Dispatch;
  /** Starts the background integrity check and daily backup; `onBroadcast` gets their events for the window. */
  startMaintenance(onBroadcast: (name: EventName, body: unknown) => void): void;
  /** Copies the open store to `to` (verified) and closes it (File › Move plan store…); then `open` again. */
  moveTo(to: string): Promise<{ ok: true; path: string } | { ok: false; reason: string }>;
  /** Closes the store (checkpointing it); resolves when the utility process says it is closed. */
  close(): Promise<void>;
  /** Answers every pending call `internal` (the utility process exited). */
  failAll(reason: string): void;
}

export function createUtilityClient(
  port: PortLike,
  host: Host,
  log: (message: string) => void = () => undefined,
): UtilityClient {
  let nextId = 1;
  const calls = new Map<
    number,
    { resolve(result: Result<unknown>): void; emit(name: EventName, body: unknown): void }
  >();
  const closes = new Map<number, () => void>();
  const moves = new Map<number, (answer: { ok: true; path: string } | { ok: false; reason: string }) => void>();
  let opened: ((outcome: OpenOutcome) => void) | null = null;
  let broadcast: (name: EventName, body: unknown) => void = () => undefined;
  const send = (message: ToUtility) => port.postMessage(message);

  async function answerHost(message: Extract<FromUtility, { type: 'host' }>): Promise<void> {
    try {
      const [arg] = message.args as [never];
      const method = host[message.method] as ((arg: never) => unknown) | undefined;
      if (typeof method !== 'function') throw new Error(`This host has no ${message.method}.`);
      const value = await method.call(host, arg);
      send({ type: 'host-reply', id: message.id, ok: true, value: value ?? null });
    } catch (error) {
      send({
        type: 'host-reply',
        id: message.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }

  port.onMessage((raw) => {
    const message = raw as FromUtility;
    switch (message.type) {
      case 'opened':
        opened?.(message.ok ? { ok: true } : { ok: false, storeError: message.storeError, message: message.message });
        opened = null;
        return;
      case 'result':
        calls.get(message.id)?.resolve(message.result);
        calls.delete(message.id);
        return;
      case 'event':
        calls.get(message.callId)?.emit(message.name as EventName, message.body);
        return;
      case 'host':
        void answerHost(message);
        return;
      case 'log':
        log(message.message);
        return;
      case 'broadcast':
        broadcast(message.name as EventName, message.body);
        return;
      case 'closed':
        closes.get(message.id)?.();
        closes.delete(message.id);
        return;
      case 'moved':
        moves.get(message.id)?.(message.ok ? { ok: true, path: message.path } : { ok: false, reason: message.reason });
        moves.delete(message.id);
        return;
    }
  });

  return {
    open: (request) =>
      new Promise<OpenOutcome>((resolve) => {
        opened = resolve;
        send({ type: 'open', ...request });
      }),
    dispatch: (channel, payload, ctx) =>
      new Promise<Result<unknown>>((resolve) => {
        const id = nextId++;
        calls.set(id, { resolve, emit: (name, body) => ctx.emit(name, body as never) });
        send({ type: 'call', id, channel, payload, actor: ctx.actor });
      }),
    startMaintenance(onBroadcast) {
      broadcast = onBroadcast;
      send({ type: 'maintain' });
    },
    moveTo: (to) =>
      new Promise((resolve) => {
        const id = nextId++;
        moves.set(id, resolve);
        send({ type: 'move', id, to });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        const id = nextId++;
        closes.set(id, resolve);
        send({ type: 'close', id });
      }),
    failAll(reason) {
      for (const call of calls.values())
        call.resolve(
          fail('internal', `The plan store stopped (${reason}). Nothing more was changed; restart Planwright.`),
        );
      calls.clear();
      for (const done of closes.values()) done();
      closes.clear();
      for (const done of moves.values()) done({ ok: false, reason: `the plan store stopped (${reason})` });
      moves.clear();
      opened?.({ ok: false, storeError: null, message: reason });
      opened = null;
    },
  };
}
