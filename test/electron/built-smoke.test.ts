/**
 * The BUILT app (electron-vite output: out/main, out/preload, out/renderer) started under Node against the
 * strict fake `electron` (test/electron/fake-electron/): one session from start to quit through the real
 * preload, IPC, store, exporter, importer worker and app:// handler. `npm run package:check` runs the same
 * session on the app extracted from an electron-builder package: with PLANWRIGHT_PACKAGE_CHECK=1 (set by
 * CI, .ci/run) that check runs here too, after the smoke test, on the bundles this file has just built
 * (`--no-build`; in this file so no other test rebuilds out/ under it).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { BrowserWindow, checkAccelerator, Menu, protocol, state } from './fake-electron/electron.mjs';
import { buildMenuTemplate } from '../../electron/main/menu';
import { FIXTURES } from '../import/helpers';

const root = path.resolve(import.meta.dirname, '../..');
const fixturePath = path.join(FIXTURES, 'word', 'continuous-development-plan-2020.docx');

describe('the strict fake electron', () => {
  it('refuses APIs before ready, scheme registration after, and bad menu roles or accelerators', () => {
    expect(() => new BrowserWindow({})).toThrow(/before the app was ready/);
    expect(() => protocol.handle('app', () => undefined)).toThrow(/before the app was ready/);
    for (const ok of ['CmdOrCtrl+Shift+E', 'Ctrl+,', 'F11', 'Alt+Plus', 'Cmd+Shift+Z'])
      expect(() => checkAccelerator(ok)).not.toThrow();
    for (const bad of ['Ctrl+', 'Crtl+S', 'CmdOrCtrl+Shift+Shift+S', 'Ctrl+Enterr'])
      expect(() => checkAccelerator(bad)).toThrow();
    expect(() => Menu.buildFromTemplate([{ label: 'X', submenu: [{ role: 'toggleDevtools' }] }])).toThrow(
      /unknown role/,
    );
    expect(() =>
      Menu.buildFromTemplate([
        { label: 'A', accelerator: 'Ctrl+S', click: () => undefined },
        { label: 'B', accelerator: 'Control+S', click: () => undefined },
      ]),
    ).toThrow(/also used/);
    // The app's own menus pass on every platform, with and without the development items.
    for (const platform of ['linux', 'win32', 'darwin'] as const)
      for (const dev of [false, true])
        Menu.buildFromTemplate(
          buildMenuTemplate({
            platform,
            dev,
            send: () => undefined,
            showAbout: () => undefined,
            moveStore: () => undefined,
          }),
        );
    state.ready = true;
    expect(() => protocol.registerSchemesAsPrivileged([{ scheme: 'late' }])).toThrow(/before the app is ready/);
    state.ready = false;
  });
});

describe('the built app under the strict fake electron', () => {
  beforeAll(async () => {
    const { build } = await import('electron-vite');
    await build({ root, configFile: path.join(root, 'electron.vite.config.ts'), logLevel: 'warn' });
  }, 180_000);

  it('starts, serves the renderer with the production CSP, runs the sandboxed preload, lists, exports, imports in a worker, brings itself forward and quits cleanly', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(root, 'test/electron/fake-electron/run-smoke.mjs'), '--app', root, '--fixture', fixturePath],
      { cwd: root, timeout: 170_000 },
    ).catch((e: { stdout: string }) => ({ stdout: e.stdout }));
    const report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
      ok: boolean;
      error?: string;
      steps: { name: string; worker?: string; startedBy?: string; served?: unknown[] }[];
    };
    expect(report.error).toBeUndefined();
    expect(report.ok).toBe(true);
    expect(report.steps.map((s) => s.name)).toEqual([
      'start',
      'renderer',
      'preload',
      'plans:list',
      'keychain',
      'export',
      'import',
      'move-store',
      'second-instance',
      'quit',
    ]);
    expect(report.steps.find((s) => s.name === 'import')!.worker).toMatch(/out[/\\]main[/\\]worker\.js$/);
    // Analysis and commit are off the Electron main process: the utility process started the worker.
    expect(report.steps.find((s) => s.name === 'import')!.startedBy).toBe('utility');
  }, 180_000);

  it.runIf(process.env.PLANWRIGHT_PACKAGE_CHECK === '1')(
    'npm run package:check (electron-builder --dir, no download): packages, checks the fuses and contents, and passes the smoke test on the extracted app',
    async () => {
      const { stdout } = await promisify(execFile)(process.execPath, ['scripts/package-check.mjs', '--no-build'], {
        cwd: root,
        timeout: 900_000,
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(stdout).toContain('Package check passed');
    },
    900_000,
  );
});
