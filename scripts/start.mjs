#!/usr/bin/env node
/**
 * `npm start`: builds the app with electron-vite and launches Electron on it.
 * The Electron binary is downloaded by its npm package at install time; when it is missing (offline
 * install, ELECTRON_SKIP_BINARY_DOWNLOAD, a locked-down network) this says so plainly instead of
 * trying to download it again.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** The Electron executable, or null when its binary was never downloaded. */
export function electronBinary(electronDir = path.join(root, 'node_modules', 'electron')) {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const exe = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, process.platform === 'win32' ? 'electron.exe' : 'electron');
    return fs.existsSync(exe) ? exe : null;
  }
  const pathFile = path.join(electronDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const exe = path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(exe) ? exe : null;
}

export const MISSING_BINARY_MESSAGE = [
  'Planwright cannot start: the Electron binary could not be downloaded when the packages were installed',
  '(node_modules/electron has no dist/ folder). This happens offline, behind a proxy that blocks',
  'github.com, or with ELECTRON_SKIP_BINARY_DOWNLOAD=1.',
  '',
  'To fix it, on a machine with internet access run:  npx install-electron   (or: npm rebuild electron)',
  'then run npm start again.',
  '',
  'Everything else works without it: npm test, npm run build, and the command line (npm run cli -- --help).',
].join('\n');

/**
 * better-sqlite3 in node_modules is built for Node (tests and the command line use it). Electron has its
 * own ABI, so build a second copy for Electron under out/native/ once per Electron version and pass it to
 * the main process; node_modules stays untouched.
 */
export function electronNativeBinding() {
  const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const target = path.join(root, 'out', 'native', `electron-${electronVersion}-${process.platform}-${process.arch}`, 'better_sqlite3.node');
  if (fs.existsSync(target)) return target;
  const src = path.join(root, 'node_modules', 'better-sqlite3');
  const work = path.join(root, 'out', 'native', 'build-better-sqlite3');
  fs.rmSync(work, { recursive: true, force: true });
  fs.cpSync(src, work, { recursive: true, filter: (p) => !p.includes(`${path.sep}build${path.sep}`) && !p.endsWith(`${path.sep}build`) });
  console.log(`Building the SQLite module for Electron ${electronVersion} (once; about two minutes)...`);
  // npm names its own bundled node-gyp for scripts; fall back to the copy in node_modules.
  const gyp = process.env.npm_config_node_gyp || path.join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  const res = spawnSync(process.execPath, [gyp, 'rebuild', '--release', `--target=${electronVersion}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers'], { cwd: work, stdio: 'inherit' });
  if (res.status !== 0) throw new Error('building better-sqlite3 for Electron failed (see above)');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), target);
  fs.rmSync(work, { recursive: true, force: true });
  return target;
}

async function main() {
  const exe = electronBinary();
  if (!exe) {
    console.error(MISSING_BINARY_MESSAGE);
    process.exit(1);
  }
  const binding = electronNativeBinding();
  if (!process.argv.includes('--no-build')) {
    const { build } = await import('electron-vite');
    await build({ root, configFile: path.join(root, 'electron.vite.config.ts') });
  }
  const child = spawn(exe, [root, ...process.argv.slice(2).filter((a) => a !== '--no-build')], { stdio: 'inherit', cwd: root, env: { ...process.env, PLANWRIGHT_SQLITE_BINDING: binding } });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`Planwright could not be built: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
