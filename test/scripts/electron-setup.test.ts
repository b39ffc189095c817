/**
 * The front door's decisions (scripts/electron-setup.mjs), with the download, the installer and the
 * compiler replaced by fakes: no download or compile can happen here.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import {
  downloadFailureMessage,
  electronAbi,
  electronNativeBinding,
  ensureElectron,
  installerEnv,
  moduleAbi,
  nativeBindingPath,
  nativeBuildEnv,
  nodeGypArgs,
  nodeVersionProblem,
  prebuildArgs,
  sourceCopyFilter,
  toolchainHint,
} from '../../scripts/electron-setup.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-setup-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A fake electron package folder; `installed` writes path.txt and the executable. */
function fakeElectronDir(name: string, installed = false): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ version: '45.4.1' }));
  if (installed) install(dir);
  return dir;
}
function install(dir: string) {
  fs.mkdirSync(path.join(dir, 'dist'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'dist', 'electron'), '');
  fs.writeFileSync(path.join(dir, 'path.txt'), 'electron');
}

describe('Node version', () => {
  it('refuses Node older than 22.12 plainly, naming what still works on Node 20', () => {
    const message = nodeVersionProblem('20.19.0')!;
    expect(message).toContain('needs Node.js 22.12.0 or newer');
    expect(message).toContain('this is Node.js 20.19.0');
    expect(message).toContain('also work on Node.js 20');
    expect(nodeVersionProblem('v22.11.9')).toContain('22.12.0');
    expect(nodeVersionProblem('22.12.0')).toBeNull();
    expect(nodeVersionProblem('24.1.0')).toBeNull();
  });

  it('`node scripts/start.mjs` on this Node 20 says so and exits 1 without downloading or building', async () => {
    const result = await promisify(execFile)(process.execPath, ['scripts/start.mjs'], { cwd: root }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    if (nodeVersionProblem()) {
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('needs Node.js 22.12.0 or newer');
      expect(result.stderr).not.toMatch(/\bat .*\.m?js:\d+/);
    }
  });
});

describe("Electron's lazy download", () => {
  it('uses an installed binary without running the installer', async () => {
    const dir = fakeElectronDir('installed', true);
    const result = await ensureElectron({
      electronDir: dir,
      env: {},
      platform: 'linux',
      runInstaller: () => Promise.reject(new Error('must not run')),
    });
    expect(result).toEqual({ exe: path.join(dir, 'dist', 'electron') });
  });

  it("runs Electron's own installer on first use, announcing the download, and answers the binary", async () => {
    const dir = fakeElectronDir('lazy');
    const logs: string[] = [];
    let env: Record<string, string | undefined> = {};
    const result = await ensureElectron({
      electronDir: dir,
      env: { HTTPS_PROXY: 'http://proxy.council.gov.uk:8080' },
      platform: 'linux',
      log: (l) => logs.push(l),
      runInstaller: async (options) => {
        env = options.env;
        install(dir);
        return { status: 0, errorText: '' };
      },
    });
    expect(result).toEqual({ exe: path.join(dir, 'dist', 'electron') });
    expect(logs[0]).toContain('Downloading Electron 45.4.1');
    // A configured proxy is handed to Electron's downloader, which otherwise ignores it.
    expect(env.ELECTRON_GET_USE_PROXY).toBe('true');
  });

  it('offline: says the binary could not be downloaded, why, and what to do, with no stack trace', async () => {
    const dir = fakeElectronDir('offline');
    const result = await ensureElectron({
      electronDir: dir,
      env: {},
      platform: 'linux',
      log: () => undefined,
      runInstaller: async () => ({
        status: 1,
        errorText: 'TypeError: fetch failed\n    at node:internal/deps/undici/undici:13502:13\n',
      }),
      lookup: () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND github.com'), { code: 'ENOTFOUND' })),
    });
    expect('error' in result).toBe(true);
    const message = (result as { error: string }).error;
    expect(message).toContain('the Electron binary (version 45.4.1) could not be downloaded');
    expect(message).toContain('could not reach github.com: it seems to be offline');
    expect(message).toContain('npx install-electron');
    expect(message).toContain('npm test');
    expect(message).not.toMatch(/undici|\bat node:/);
  });

  it("runs the real installer wrapper: the installer's stack goes to the pipe and becomes a plain message", async () => {
    const dir = fakeElectronDir('wrapper');
    fs.writeFileSync(
      path.join(dir, 'install.js'),
      'const e = new TypeError("fetch failed"); e.cause = new Error("getaddrinfo ENOTFOUND github.com"); Promise.reject(e).catch((err) => { console.error(err.stack); process.exit(1); });',
    );
    const result = await ensureElectron({
      electronDir: dir,
      env: { PATH: process.env.PATH },
      platform: 'linux',
      log: () => undefined,
      lookup: async () => undefined,
    });
    const message = (result as { error: string }).error;
    expect(message).toContain('could not be downloaded');
    expect(message).toContain('could not connect to github.com');
    expect(message).not.toContain('install.js');
  });

  it('names a proxy that refuses, a damaged download, a mirror that refuses, and otherwise quotes the first line only', () => {
    const proxy = downloadFailureMessage({
      errorText: 'Error: Proxy responded with 407',
      env: { HTTPS_PROXY: 'http://p:3128' },
    });
    expect(proxy).toContain('The proxy named in HTTPS_PROXY (http://p:3128) refused');
    expect(
      downloadFailureMessage({
        errorText: 'Error: Generated checksum for "electron.zip" did not match expected checksum.',
      }),
    ).toContain("did not match Electron's published checksum");
    expect(
      downloadFailureMessage({
        errorText: 'HTTPError: Response code 404 (Not Found)',
        env: { ELECTRON_MIRROR: 'https://mirror.example/electron/' },
      }),
    ).toContain('mirror.example refused the download (HTTP 404)');
    const other = downloadFailureMessage({ errorText: 'Error: something odd\n    at foo (x.js:1:1)' });
    expect(other).toContain("Electron's installer stopped with: Error: something odd");
    expect(other).not.toContain('x.js');
  });

  it('an ELECTRON_OVERRIDE_DIST_PATH with no Electron in it is named, and nothing is downloaded', async () => {
    const result = await ensureElectron({
      electronDir: fakeElectronDir('override'),
      env: { ELECTRON_OVERRIDE_DIST_PATH: path.join(tmp, 'nowhere') },
      platform: 'linux',
      runInstaller: () => Promise.reject(new Error('must not run')),
    });
    expect((result as { error: string }).error).toContain('ELECTRON_OVERRIDE_DIST_PATH names');
  });

  it('only turns on the proxy for the downloader when one is configured', () => {
    expect(installerEnv({}).ELECTRON_GET_USE_PROXY).toBeUndefined();
    expect(installerEnv({ npm_config_https_proxy: 'http://p:1' })).toMatchObject({
      ELECTRON_GET_USE_PROXY: 'true',
      HTTPS_PROXY: 'http://p:1',
    });
    expect(installerEnv({ HTTPS_PROXY: 'http://p:1', ELECTRON_GET_USE_PROXY: 'false' }).ELECTRON_GET_USE_PROXY).toBe(
      'false',
    );
  });
});

describe('better-sqlite3 for Electron', () => {
  it("knows Electron 45's ABI and reads a built module's ABI from its registration symbol", () => {
    expect(electronAbi('45.4.1')).toBe('150');
    // The Node build in node_modules is for this Node.
    expect(
      moduleAbi(path.join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')),
    ).toBe(process.versions.modules);
    expect(moduleAbi(path.join(tmp, 'missing.node'))).toBeNull();
  });

  it('the copy filter tests paths relative to the package, so a checkout under a folder named build still works', () => {
    const src = path.join(tmp, 'build', 'work', 'build', 'node_modules', 'better-sqlite3');
    const keep = sourceCopyFilter(src);
    expect(keep(src)).toBe(true);
    expect(keep(path.join(src, 'src', 'better_sqlite3.cpp'))).toBe(true);
    expect(keep(path.join(src, 'deps', 'sqlite3', 'sqlite3.c'))).toBe(true);
    expect(keep(path.join(src, 'build'))).toBe(false);
    expect(keep(path.join(src, 'build', 'Release', 'better_sqlite3.node'))).toBe(false);
  });

  it("passes Electron's target and headers explicitly and drops an npmrc nodedir", () => {
    const env = nativeBuildEnv({
      PATH: '/usr/bin',
      npm_config_nodedir: '/usr/include/node',
      npm_config_target: '20.0.0',
      npm_config_runtime: 'node',
      npm_config_cache: '/c',
    });
    expect(env).toEqual({ PATH: '/usr/bin', npm_config_cache: '/c' });
    expect(nodeGypArgs({ electronVersion: '45.4.1', arch: 'x64', devdir: '/h' })).toEqual(
      expect.arrayContaining([
        '--target=45.4.1',
        '--arch=x64',
        '--dist-url=https://electronjs.org/headers',
        '--devdir=/h',
      ]),
    );
    expect(prebuildArgs({ electronVersion: '45.4.1', platform: 'linux', arch: 'x64' }).join(' ')).toContain(
      '--runtime electron --target 45.4.1',
    );
  });

  /** A fake project root holding a copy of better-sqlite3's package.json only. */
  function fakeRoot(name: string): string {
    const dir = path.join(tmp, name);
    fs.mkdirSync(path.join(dir, 'node_modules', 'better-sqlite3', 'build', 'Release'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules', 'better-sqlite3', 'package.json'), '{}');
    fs.writeFileSync(
      path.join(dir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
      'node_register_module_v115',
    );
    return dir;
  }
  /** A fake build step that leaves a module for `abi` where node-gyp would. */
  const leaves = (abi: string | null) => (_cmd: string, _args: string[], options: { cwd: string }) => {
    if (abi === null) return { status: 1 };
    fs.mkdirSync(path.join(options.cwd, 'build', 'Release'), { recursive: true });
    fs.writeFileSync(
      path.join(options.cwd, 'build', 'Release', 'better_sqlite3.node'),
      `xx node_register_module_v${abi} xx`,
    );
    return { status: 0 };
  };

  it('prefers a prebuilt binary, checks its ABI, keeps it under out/native/ and reuses it next time', () => {
    const rootDir = fakeRoot('prebuilt');
    const calls: string[] = [];
    const run = (cmd: string, args: string[], options: { cwd: string; env: Record<string, string | undefined> }) => {
      calls.push(path.basename(args[0]!));
      expect(fs.existsSync(path.join(options.cwd, 'build'))).toBe(false);
      return leaves('150')(cmd, args, options);
    };
    const opts = { rootDir, platform: 'linux', arch: 'x64', env: {}, electronVersion: '45.4.1', log: () => undefined };
    const target = electronNativeBinding({ ...opts, run });
    expect(target).toBe(nativeBindingPath({ rootDir, electronVersion: '45.4.1', platform: 'linux', arch: 'x64' }));
    expect(calls).toEqual(['bin.js']);
    expect(moduleAbi(target)).toBe('150');
    expect(fs.existsSync(path.join(rootDir, 'out', 'native', 'build-better-sqlite3'))).toBe(false);
    // node_modules is untouched: still the Node build.
    expect(
      moduleAbi(path.join(rootDir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')),
    ).toBe('115');
    expect(electronNativeBinding({ ...opts, run: () => ({ status: 1 }) })).toBe(target);
  });

  it('compiles when no prebuilt copy fits, and refuses a module built for the wrong ABI', () => {
    const rootDir = fakeRoot('compiled');
    const opts = { rootDir, platform: 'linux', arch: 'x64', env: {}, electronVersion: '45.4.1', log: () => undefined };
    let n = 0;
    // The prebuilt download gives a Node build (wrong ABI); node-gyp gives the right one.
    const target = electronNativeBinding({ ...opts, run: (c, a, o) => leaves(n++ === 0 ? '115' : '150')(c, a, o) });
    expect(n).toBe(2);
    expect(moduleAbi(target)).toBe('150');

    // A cached module for the wrong ABI (an npmrc nodedir build) is rebuilt; a wrong result is refused.
    fs.writeFileSync(target, 'node_register_module_v115');
    expect(() => electronNativeBinding({ ...opts, run: leaves('115') })).toThrow(
      /built for NODE_MODULE_VERSION 115, but Electron 45\.4\.1 needs 150/,
    );
    expect(fs.existsSync(target)).toBe(false);
  });

  it('names the toolchain for each system when compiling fails', () => {
    const rootDir = fakeRoot('nocompiler');
    expect(() =>
      electronNativeBinding({
        rootDir,
        platform: 'linux',
        arch: 'x64',
        env: {},
        electronVersion: '45.4.1',
        log: () => undefined,
        run: leaves(null),
      }),
    ).toThrow(/build-essential/);
    expect(toolchainHint('win32')).toContain('Visual Studio Build Tools');
    expect(toolchainHint('darwin')).toContain('Xcode Command Line Tools');
  });
});
