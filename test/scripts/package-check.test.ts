/**
 * The no-download installer check (scripts/package-check.mjs). Its pieces are tested here; the whole
 * check (electron-builder --dir, about a minute) runs in test/electron/built-smoke.test.ts with
 * PLANWRIGHT_PACKAGE_CHECK=1 (CI sets it), after the bundles it packages are built, or `npm run package:check`.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { downloadLines, makeStandInElectron, offlineEnv, unwantedEntries } from '../../scripts/package-check.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-pkg-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('package check pieces', () => {
  it("the stand-in Electron carries a fuse wire that @electron/fuses reads and flips, as electron-builder's electronFuses does", async () => {
    const dir = makeStandInElectron(path.join(tmp, 'dist'), '45.4.1');
    const exe = path.join(dir, 'electron');
    const { flipFuses, getCurrentFuseWire, FuseVersion, FuseV1Options } =
      require('@electron/fuses') as typeof import('@electron/fuses');
    expect((await getCurrentFuseWire(exe))[FuseV1Options.RunAsNode]).toBe(49);
    await flipFuses(exe, {
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
    });
    const wire = await getCurrentFuseWire(exe);
    expect(wire[FuseV1Options.RunAsNode]).toBe(48);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(49);
    // It never pretends to be Electron.
    const run = await promisify(execFile)(exe, []).catch((e: { code: number; stderr: string }) => e);
    expect(run).toMatchObject({ code: 1 });
  });

  it('names what must not ship: better-sqlite3 sources and test extension, esbuild, test builds, source maps', () => {
    expect(
      unwantedEntries([
        '/package.json',
        '/out/main/index.js',
        '/out/native/electron-45.4.1-linux-x64/better_sqlite3.node',
        '/node_modules/better-sqlite3/lib/index.js',
        '/node_modules/better-sqlite3/deps/sqlite3/sqlite3.c',
        '/node_modules/better-sqlite3/src/better_sqlite3.cpp',
        '/node_modules/better-sqlite3/build/Release/test_extension.node',
        '/node_modules/@esbuild/linux-x64/bin/esbuild',
        '/out/renderer-test/abc/index.html',
        '/out/main/index.js.map',
      ]),
    ).toEqual([
      '/node_modules/better-sqlite3/deps/sqlite3/sqlite3.c',
      '/node_modules/better-sqlite3/src/better_sqlite3.cpp',
      '/node_modules/better-sqlite3/build/Release/test_extension.node',
      '/node_modules/@esbuild/linux-x64/bin/esbuild',
      '/out/renderer-test/abc/index.html',
      '/out/main/index.js.map',
    ]);
  });

  it('electron-builder.yml: per-machine MSI and NSIS, arch in artifact names, fuses, no publishing, default deb depends, npmRebuild off', () => {
    const yml = fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    expect(yml).toMatch(/nsis:\n(?: {2}.*\n)*? {2}perMachine: true/);
    expect(yml).toMatch(/win:\n {2}target:\n {4}- nsis\n {4}- msi/);
    expect(yml).toMatch(/msi:\n(?: {2}.*\n)*? {2}perMachine: true/);
    for (const line of yml.split('\n').filter((l) => l.includes('artifactName'))) expect(line).toContain('${arch}');
    expect(yml).toMatch(
      /electronFuses:\n {2}runAsNode: false\n {2}enableNodeOptionsEnvironmentVariable: false\n {2}enableNodeCliInspectArguments: false\n {2}enableEmbeddedAsarIntegrityValidation: true\n {2}onlyLoadAppFromAsar: true/,
    );
    expect(yml).toMatch(/^publish: null$/m);
    expect(yml).toMatch(/^npmRebuild: false$/m);
    expect(yml).not.toMatch(/^deb:\n {2}depends/m);
    expect(yml).toMatch(/asarUnpack:\n {2}- (["'])\*\*\/\*\.node\1\n(?! {2}-)/);
    expect(yml).toMatch(/- ext: planwright-pack\n {4}name: Planwright update pack/);
    expect(
      fs
        .readFileSync(path.join(root, 'build', 'icon.png'))
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    expect(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).homepage).toMatch(/^https:\/\//);
  });

  it('electron-builder runs where nothing can be fetched: no Electron download, every proxy a closed local port', () => {
    const env = offlineEnv({ PATH: '/usr/bin', HTTPS_PROXY: 'http://proxy.example:8080', NO_PROXY: '*' });
    expect(env).toMatchObject({ PATH: '/usr/bin', ELECTRON_SKIP_BINARY_DOWNLOAD: '1', NO_PROXY: '', no_proxy: '' });
    for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'GLOBAL_AGENT_HTTPS_PROXY'])
      expect(env[name]).toBe('http://127.0.0.1:9');
  });

  it("names what in electron-builder's output says it downloaded something", () => {
    const output = [
      '  • electron-builder  version=26.17.0 os=6.18.44',
      '  • duplicate dependency references  dependencies=["download-stats@1.0.0"]',
      '  • downloading               url=https://github.com/electron/electron/releases/download/v45.4.1/electron-v45.4.1-linux-x64.zip size=110 MB parts=8',
      '  • packaging       platform=linux arch=x64 electron=45.4.1 appOutDir=release/linux-unpacked',
      '  • fetching fpm',
    ].join('\n');
    expect(downloadLines(output)).toEqual([
      '  • downloading               url=https://github.com/electron/electron/releases/download/v45.4.1/electron-v45.4.1-linux-x64.zip size=110 MB parts=8',
      '  • fetching fpm',
    ]);
  });
});
