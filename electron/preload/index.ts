/**
 * The preload: exposes exactly one typed API, `window.planwright` (shared/api.ts), to the sandboxed,
 * context-isolated page. Only contract channels and known events pass; raw ipcRenderer never leaks.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isChannel } from '../../shared/contract';
import { events } from '../../shared/events';
import { fail } from '../../shared/result';

const isEvent = (name: unknown): name is keyof typeof events => typeof name === 'string' && Object.hasOwn(events, name);

const api = {
  invoke(channel: unknown, input: unknown) {
    if (!isChannel(channel))
      return Promise.resolve(fail('unknown_channel', `There is no operation called ${String(channel)}.`));
    return ipcRenderer.invoke(channel, input);
  },
  on(event: unknown, listener: (payload: unknown) => void) {
    if (!isEvent(event) || typeof listener !== 'function')
      throw new Error(`There is no event called ${String(event)}.`);
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, handler);
    return () => {
      ipcRenderer.removeListener(event, handler);
    };
  },
};

contextBridge.exposeInMainWorld('planwright', api);
