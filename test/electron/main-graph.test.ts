/**
 * Issue 8 (memory bombs): import analysis and commit never run on the Electron main process, the
 * window's thread owner. The main bundle's whole static module graph (what electron-vite bundles into
 * out/main/index.js) is walked with esbuild: it reaches the utility client, never the importer, the
 * exporter, the store or SQL. The utility process's graph holds them (and starts the import worker).
 * The built-app smoke test (built-smoke.test.ts) checks the same at run time: the import's worker is
 * started by the utility process.
 */
import { build } from 'esbuild';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

async function moduleGraph(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [path.join(root, entry)],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'silent',
    external: ['electron', 'better-sqlite3'],
  });
  return Object.keys(result.metafile.inputs).filter(
    (f) => !f.startsWith('node_modules') && !f.includes('/node_modules/'),
  );
}

describe('what the Electron main process can run', () => {
  it('the main bundle never imports the import analyser, the readers, the exporter, the store or the dispatcher', async () => {
    const inputs = await moduleGraph('electron/main/index.ts');
    expect(inputs).toContain('electron/utility/client.ts');
    const forbidden = inputs.filter((f) =>
      /^(electron\/import\/|electron\/export\/|electron\/sync\/|electron\/handlers\.ts|db\/|shared\/dispatch\.ts)/.test(
        f,
      ),
    );
    expect(forbidden).toEqual([]);
  }, 60_000);

  it('the utility process holds the analyser, the commit and the worker parser', async () => {
    const inputs = await moduleGraph('electron/utility/index.ts');
    for (const f of [
      'electron/import/analyse.ts',
      'electron/import/handlers.ts',
      'electron/import/parser.ts',
      'db/index.ts',
    ])
      expect(inputs).toContain(f);
  }, 60_000);
});
