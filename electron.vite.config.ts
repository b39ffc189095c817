/**
 * electron-vite: builds the main process (out/main/index.js, ESM, with the importer's worker.js beside
 * it), the preload (out/preload/index.cjs:
 * CommonJS with every dependency bundled, as a sandboxed preload requires) and the renderer
 * (out/renderer, from renderer/vite.config.ts so there is one renderer configuration).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import rendererConfig from './renderer/vite.config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: here('out/main'),
      // better-sqlite3 (native) and other node_modules stay external; electron-builder packs them.
      externalizeDeps: true,
      // utility.js (the store's utility process) and worker.js (the importer's file reader, run in a worker
      // thread of the utility process) must sit beside index.js.
      rolldownOptions: {
        input: {
          index: here('electron/main/index.ts'),
          utility: here('electron/utility/index.ts'),
          worker: here('electron/import/worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: here('out/preload'),
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: here('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    root: here('renderer'),
    build: {
      ...rendererConfig.build,
      outDir: here('out/renderer'),
      rolldownOptions: { input: { index: here('renderer/index.html') } },
    },
  },
});
