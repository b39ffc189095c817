/**
 * A tiny static file server on 127.0.0.1 (random port) for the built renderer, answering with the
 * same path-safe resolver and Content-Security-Policy as the packaged app's `app://` protocol.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { contentTypeFor, resolveAppFile } from '../../electron/main/app-protocol';
import { buildCsp } from '../../electron/main/csp';

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export async function serveStatic(root: string, options: { csp?: boolean } = {}): Promise<StaticServer> {
  const csp = options.csp === false ? null : buildCsp();
  const server = http.createServer((req, res) => {
    // Chromium asks for a favicon on its own (Electron does not); answer "nothing" rather than 404.
    if (req.url === '/favicon.ico' && !fs.existsSync(path.join(root, 'favicon.ico'))) {
      res.writeHead(204);
      res.end();
      return;
    }
    const file = req.method === 'GET' || req.method === 'HEAD' ? resolveAppFile(root, req.url ?? '/') : null;
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(file ? 404 : 400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(file ? 'Not found' : 'Bad request');
      return;
    }
    const headers: Record<string, string> = { 'content-type': contentTypeFor(file), 'cache-control': 'no-store' };
    if (csp) headers['content-security-policy'] = csp;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
