#!/usr/bin/env node
/**
 * `npm run package:check`: the installer check CI can run with no download (Linux).
 * 1. electron-vite build (skip with --no-build);
 * 2. electron-builder --dir against a stand-in Electron folder (a shell script carrying Electron's fuse wire,
 *    so the configured fuses are really flipped), with electronDist and electronVersion set so nothing is
 *    fetched; it runs with every proxy variable pointed at a closed local port, so a download it tried would
 *    fail rather than quietly succeed, and the check fails if its output mentions downloading anything
 *    (npmRebuild is off in electron-builder.yml, so no native module is rebuilt either);
 * 3. checks the package: the fuses, what app.asar holds (no better-sqlite3 sources or test extension, no
 *    esbuild, no test builds, no source maps) and that native modules are unpacked;
 * 4. extracts app.asar (@electron/asar) and runs the shell smoke test (test/electron/fake-electron/
 *    run-smoke.mjs --packaged) on the BUILT main bundle and preload it holds.
 * The Electron build of better-sqlite3 cannot run under Node, so the extracted copy's binding is replaced by
 * the Node build for the smoke run (and a stand-in is packaged when out/native has none).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nativeBindingPath, root } from './electron-setup.mjs';

const require = createRequire(import.meta.url);
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron 45's default fuse wire (version 1, 9 fuses), as the real binary ships it. */
const DEFAULT_WIRE = '101100011';

/** A stand-in Electron dist folder for Linux: enough for electron-builder, and its fuse wire. */
export function makeStandInElectron(dir, electronVersion) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'resources'), { recursive: true });
  const exe = Buffer.concat([
    Buffer.from(
      '#!/bin/sh\necho "This is a stand-in for Electron, made by scripts/package-check.mjs; it cannot run the app." >&2\nexit 1\n# ',
    ),
    Buffer.from(SENTINEL),
    Buffer.from([1, DEFAULT_WIRE.length]),
    Buffer.from(DEFAULT_WIRE),
    Buffer.from('\n'),
  ]);
  fs.writeFileSync(path.join(dir, 'electron'), exe, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'version'), electronVersion);
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'Stand-in for the Electron licence.\n');
  fs.writeFileSync(path.join(dir, 'LICENSES.chromium.html'), '<p>Stand-in.</p>\n');
  return dir;
}

/** What must not be in app.asar; answers the offending entries. */
export function unwantedEntries(entries) {
  const rules = [
    /^\/node_modules\/better-sqlite3\/(deps|src|build)(\/|$)/,
    /test_extension\.node$/,
    /^\/node_modules\/(@esbuild|esbuild|tsx|electron|vitest|vite)(\/|$)/,
    /^\/out\/(renderer-test|renderer-placeholder|cli|native\/build-|native\/headers)/,
    /\.map$/,
  ];
  return entries.filter((e) => rules.some((r) => r.test(e.replaceAll('\\', '/'))));
}

/**
 * The environment electron-builder runs in for the check: Electron's own download skipped and every proxy
 * variable pointed at a closed local port, so any fetch (Electron, app-builder tools, fpm) fails at once.
 */
export function offlineEnv(env = process.env) {
  const nowhere = 'http://127.0.0.1:9';
  return {
    ...env,
    ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
    HTTP_PROXY: nowhere,
    HTTPS_PROXY: nowhere,
    http_proxy: nowhere,
    https_proxy: nowhere,
    ELECTRON_GET_USE_PROXY: '1',
    GLOBAL_AGENT_HTTP_PROXY: nowhere,
    GLOBAL_AGENT_HTTPS_PROXY: nowhere,
    NO_PROXY: '',
    no_proxy: '',
    npm_config_offline: 'true',
  };
}

/** The lines of electron-builder's output that say it fetched (or tried to fetch) something. */
export function downloadLines(output) {
  return output
    .split('\n')
    .filter((line) => !line.includes('duplicate dependency references') && /\bdownload|\bfetch/i.test(line));
}

function run(command, args, options = {}) {
  const res = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (res.status !== 0)
    throw new Error(
      `${path.basename(command)} ${args.slice(0, 2).join(' ')} failed (exit ${res.status})${
        typeof res.stderr === 'string' ? `: ${res.stderr.slice(-2000)}` : ''
      }`,
    );
  return res;
}

async function main(argv) {
  if (process.platform !== 'linux')
    throw new Error('The package check uses a Linux stand-in for Electron; run it on Linux (CI).');
  const electronVersion = JSON.parse(
    fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
  ).version;
  const work = path.join(root, 'out', 'package-check');
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  if (!argv.includes('--no-build')) {
    const { build } = await import('electron-vite');
    await build({ root, configFile: path.join(root, 'electron.vite.config.ts'), logLevel: 'warn' });
  }
  const binding = nativeBindingPath({ electronVersion });
  const standInBinding = !fs.existsSync(binding);
  const nodeBuild = path.join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (standInBinding) {
    fs.mkdirSync(path.dirname(binding), { recursive: true });
    fs.copyFileSync(nodeBuild, binding);
  }
  const dist = makeStandInElectron(path.join(work, 'electron-dist'), electronVersion);
  const release = path.join(work, 'release');
  try {
    console.log('Packaging with electron-builder --dir against a stand-in Electron (no download)...');
    const packaged = run(
      process.execPath,
      [
        path.join(root, 'node_modules', 'electron-builder', 'cli.js'),
        '--dir',
        '--linux',
        `-c.electronDist=${dist}`,
        `-c.electronVersion=${electronVersion}`,
        `-c.directories.output=${release}`,
      ],
      { env: offlineEnv(), stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    const output = `${packaged.stdout}\n${packaged.stderr}`;
    // electron-builder lists every duplicated dependency on one very long line: leave those out.
    console.log(
      output
        .split('\n')
        .filter((l) => l.trim() && !l.includes('duplicate dependency references'))
        .join('\n'),
    );
    const fetched = downloadLines(output);
    if (fetched.length) throw new Error(`electron-builder tried to download something:\n${fetched.join('\n')}`);
  } finally {
    if (standInBinding) fs.rmSync(path.dirname(binding), { recursive: true, force: true });
  }
  const unpacked = path.join(release, 'linux-unpacked');
  const problems = [];

  const { getCurrentFuseWire, FuseV1Options } = require('@electron/fuses');
  const wire = await getCurrentFuseWire(path.join(unpacked, 'planwright'));
  const want = {
    RunAsNode: 48,
    EnableNodeOptionsEnvironmentVariable: 48,
    EnableNodeCliInspectArguments: 48,
    EnableEmbeddedAsarIntegrityValidation: 49,
    OnlyLoadAppFromAsar: 49,
  };
  for (const [name, value] of Object.entries(want))
    if (wire[FuseV1Options[name]] !== value)
      problems.push(`fuse ${name} is ${wire[FuseV1Options[name]] === 49 ? 'on' : 'off'}`);

  const asar = require('@electron/asar');
  const archive = path.join(unpacked, 'resources', 'app.asar');
  const entries = asar.listPackage(archive);
  for (const e of unwantedEntries(entries)) problems.push(`app.asar holds ${e}`);
  const nativeInAsar = entries.filter((e) => e.endsWith('.node'));
  for (const e of nativeInAsar)
    if (!fs.existsSync(path.join(unpacked, 'resources', 'app.asar.unpacked', e))) problems.push(`${e} is not unpacked`);
  if (!nativeInAsar.some((e) => e.includes(`/out/native/electron-${electronVersion}-linux-${process.arch}/`)))
    problems.push('the Electron build of better-sqlite3 is not in the package');

  const app = path.join(work, 'app');
  asar.extractAll(archive, app);
  // Under Node the smoke test needs the Node build of the SQLite module.
  for (const e of nativeInAsar.filter((n) => n.endsWith('better_sqlite3.node')))
    fs.copyFileSync(nodeBuild, path.join(app, e));
  console.log('Running the shell smoke test on the packaged main bundle and preload...');
  const fixture =
    process.env.PLANWRIGHT_SMOKE_FIXTURE || '/work/shared/fixtures/word/continuous-development-plan-2020.docx';
  const smoke = spawnSync(
    process.execPath,
    [
      path.join(root, 'test', 'electron', 'fake-electron', 'run-smoke.mjs'),
      '--app',
      app,
      '--packaged',
      '--electron-version',
      electronVersion,
      '--fixture',
      fixture,
    ],
    { cwd: root, encoding: 'utf8' },
  );
  const report = JSON.parse(smoke.stdout.trim().split('\n').at(-1) || '{}');
  if (!report.ok) problems.push(`smoke test: ${report.error ?? smoke.stderr.trim().slice(0, 500)}`);
  const summary = {
    ok: problems.length === 0,
    problems,
    entries: entries.length,
    native: nativeInAsar,
    smoke: report.steps?.map((s) => s.name) ?? [],
  };
  fs.writeFileSync(path.join(work, 'report.json'), JSON.stringify(summary, null, 2));
  console.log(
    problems.length
      ? `Package check FAILED:\n- ${problems.join('\n- ')}`
      : `Package check passed: ${entries.length} entries, fuses set, smoke test ${summary.smoke.join(' → ')}.`,
  );
  return problems.length ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`Package check could not run: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
