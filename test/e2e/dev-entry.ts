/**
 * The test-only page renderer/src/publish/dev-entry.html (export dialog, covering report editor, import
 * wizard), built with Vite's JS API and served over HTTP for the end-to-end tests that the app shell
 * cannot reach yet (publish, importer).
 */
import path from 'node:path';
import { ROOT } from './renderer-build';
import { serveStatic, type StaticServer } from './static-server';

/** Builds the test-only entry into `outDir` (emptied first). */
export async function buildDevEntry(outDir: string): Promise<void> {
  const [{ build }, { default: react }] = await Promise.all([import('vite'), import('@vitejs/plugin-react')]);
  const root = path.join(ROOT, 'renderer', 'src', 'publish');
  await build({
    configFile: false,
    root,
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: {
      outDir,
      emptyOutDir: true,
      target: 'chrome120',
      chunkSizeWarningLimit: 5000,
      rollupOptions: { input: path.join(root, 'dev-entry.html') },
    },
  });
}

/** Builds the test-only entry into `outDir` and serves it; the caller closes the server. */
export async function serveDevEntry(outDir: string): Promise<StaticServer> {
  await buildDevEntry(outDir);
  return serveStatic(outDir);
}
