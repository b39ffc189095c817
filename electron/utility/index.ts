/**
 * The store's utility process (Electron utilityProcess.fork of out/main/utility.js): the main process
 * sends one message carrying the MessagePort to serve; everything else goes over that port (server.ts).
 */
import { serveStore } from './server';

interface MessagePortMainLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
  start(): void;
}
interface ParentPort {
  once(event: 'message', listener: (event: { data: unknown; ports: MessagePortMainLike[] }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) throw new Error('electron/utility/index.ts runs only as an Electron utility process.');
parentPort.once('message', ({ ports }) => {
  const port = ports[0];
  if (!port) throw new Error('The main process sent no MessagePort.');
  serveStore({ postMessage: (m) => port.postMessage(m), onMessage: (fn) => port.on('message', (e) => fn(e.data)) });
  port.start();
});
// The main process sends the port only once this process listens (see main/index.ts).
parentPort.postMessage({ type: 'ready' });
