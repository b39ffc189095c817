import { describe, expect, it, vi } from 'vitest';
import { APP_ORIGIN } from '../../electron/main/app-protocol';
import { createSenderCheck, registerIpc, type InvokeEventLike, type IpcMainLike } from '../../electron/main/ipc';
import { channels } from '../../shared/contract';
import { createDispatcher, type Dispatch } from '../../shared/dispatch';

type Listener = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => {
      handlers.delete(channel);
    },
  };
  return { ipc, handlers };
}

const fromUrl = (url: string, parent: unknown = null) => {
  const sent: [string, unknown][] = [];
  const event: InvokeEventLike = { senderFrame: { url, parent }, sender: { send: (c, body) => sent.push([c, body]) } };
  return { event, sent };
};

const trusted = createSenderCheck({ appOrigin: APP_ORIGIN, devServerUrl: null });

describe('registerIpc', () => {
  it('registers exactly one handler per contract channel and removes them again', () => {
    const { ipc, handlers } = fakeIpcMain();
    const unregister = registerIpc(ipc, vi.fn(), { isTrustedSender: trusted, actor: () => 'Tester' });
    expect([...handlers.keys()].sort()).toEqual([...channels].sort());
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('passes trusted calls to the dispatcher with the actor and an emit that reaches the sender', async () => {
    const { ipc, handlers } = fakeIpcMain();
    const dispatch = vi.fn<Dispatch>(async (_channel, _payload, ctx) => {
      ctx.emit('menu:command', { command: 'undo' });
      return { ok: true, value: ctx.actor };
    });
    registerIpc(ipc, dispatch, { isTrustedSender: trusted, actor: () => 'A Author' });
    const { event, sent } = fromUrl('app://planwright/index.html');
    const answer = await handlers.get('plans:list')!(event, { includeArchived: true });
    expect(answer).toEqual({ ok: true, value: 'A Author' });
    expect(dispatch).toHaveBeenCalledWith(
      'plans:list',
      { includeArchived: true },
      expect.objectContaining({ actor: 'A Author' }),
    );
    expect(sent).toEqual([['menu:command', { command: 'undo' }]]);
  });

  it.each([
    ['another origin', 'https://evil.example/index.html', null],
    ['a file URL', 'file:///tmp/index.html', null],
    ['a look-alike host', 'app://planwright.evil/index.html', null],
    ['a sub-frame of the app', 'app://planwright/index.html', { url: 'app://planwright/' }],
  ])('answers forbidden to %s without dispatching', async (_name, url, parent) => {
    const { ipc, handlers } = fakeIpcMain();
    const dispatch = vi.fn<Dispatch>();
    registerIpc(ipc, dispatch, { isTrustedSender: trusted, actor: () => 'x' });
    const { event } = fromUrl(url, parent);
    const answer = await handlers.get('plans:list')!(event, {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('answers forbidden when the frame is gone', async () => {
    const { ipc, handlers } = fakeIpcMain();
    registerIpc(ipc, vi.fn(), { isTrustedSender: trusted, actor: () => 'x' });
    const answer = await handlers.get('plans:list')!({ senderFrame: null, sender: { send: () => undefined } }, {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('never throws: a dispatcher that throws becomes an internal error envelope', async () => {
    const { ipc, handlers } = fakeIpcMain();
    const log = vi.fn();
    registerIpc(ipc, () => Promise.reject(new Error('boom')), { isTrustedSender: trusted, actor: () => 'x', log });
    const answer = await handlers.get('plans:list')!(fromUrl('app://planwright/').event, {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(log).toHaveBeenCalled();
  });

  it('validates through the real dispatcher: a bad payload is refused with invalid_input', async () => {
    const { ipc, handlers } = fakeIpcMain();
    const handler = vi.fn();
    const dispatch = createDispatcher({ 'plans:get': handler });
    registerIpc(ipc, dispatch, { isTrustedSender: trusted, actor: () => 'x' });
    const answer = await handlers.get('plans:get')!(fromUrl('app://planwright/').event, { planId: 'not-a-uuid' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(handler).not.toHaveBeenCalled();
  });
});

describe('createSenderCheck', () => {
  it('trusts the app origin only in production', () => {
    expect(trusted('app://planwright/index.html')).toBe(true);
    expect(trusted('app://planwright/')).toBe(true);
    expect(trusted('http://localhost:5173/')).toBe(false);
    expect(trusted('app://other/index.html')).toBe(false);
    expect(trusted('not a url')).toBe(false);
    expect(trusted('')).toBe(false);
  });

  it('trusts the exact dev server origin in development', () => {
    const dev = createSenderCheck({ appOrigin: APP_ORIGIN, devServerUrl: 'http://localhost:5173' });
    expect(dev('http://localhost:5173/index.html')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(dev('https://localhost:5173/')).toBe(false);
    expect(dev('http://localhost.evil.example:5173/')).toBe(false);
  });
});
