/** The preload against a fake `electron`: one API, contract channels and known events only. */
import { describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as [string, unknown][],
  listeners: new Map<string, Set<(event: unknown, payload: unknown) => void>>(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api) },
  ipcRenderer: {
    invoke: async (channel: string, input: unknown) => {
      fake.invoked.push([channel, input]);
      return { ok: true, value: 'answered' };
    },
    on: (event: string, fn: (event: unknown, payload: unknown) => void) => {
      const set = fake.listeners.get(event) ?? new Set();
      fake.listeners.set(event, set);
      set.add(fn);
    },
    removeListener: (event: string, fn: (event: unknown, payload: unknown) => void) =>
      fake.listeners.get(event)?.delete(fn),
  },
}));

interface Api {
  invoke(channel: unknown, input: unknown): Promise<unknown>;
  on(event: unknown, listener: (payload: unknown) => void): () => void;
}

describe('electron/preload', async () => {
  await import('../../electron/preload/index');
  const api = fake.exposed.get('planwright') as Api;

  it('exposes exactly window.planwright with invoke and on', () => {
    expect([...fake.exposed.keys()]).toEqual(['planwright']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
  });

  it('forwards contract channels and refuses anything else without reaching the main process', async () => {
    await expect(api.invoke('plans:list', {})).resolves.toEqual({ ok: true, value: 'answered' });
    await expect(api.invoke('fs:readFile', { path: '/etc/passwd' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
    await expect(api.invoke('__proto__', {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(fake.invoked).toEqual([['plans:list', {}]]);
  });

  it('delivers known events without the IPC event object, and unsubscribes', () => {
    const seen: unknown[] = [];
    const off = api.on('menu:command', (payload) => seen.push(payload));
    for (const fn of fake.listeners.get('menu:command')!) fn({ sender: 'secret' }, { command: 'undo' });
    off();
    expect(fake.listeners.get('menu:command')!.size).toBe(0);
    expect(seen).toEqual([{ command: 'undo' }]);
    expect(() => api.on('ipc:anything', () => undefined)).toThrow(/no event called/);
  });
});
