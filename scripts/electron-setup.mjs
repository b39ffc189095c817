/**
 * What `npm start` and `npm run dev` need before Electron can run the app, as plain functions with their
 * side effects injected so the decisions can be tested under Node without a download or a compiler:
 *
 * - `nodeVersionProblem`: Electron 45's tooling needs Node >= 22.12 (tests and the command line run on 20).
 * - `ensureElectron`: lets Electron's own lazy installer (node_modules/electron/install.js) fetch its binary
 *   on first use, showing its own progress, and on a real failure explains why (offline, a proxy) and what
 *   to do, in plain English.
 * - `electronNativeBinding`: a copy of better-sqlite3 built for Electron's ABI under out/native/ (a
 *   prebuilt binary where one exists, else compiled against Electron's headers), checked for the right
 *   NODE_MODULE_VERSION before use. node_modules stays the Node build for the tests and the command line.
 */
import { spawnSync } from 'node:child_process';
import dns from 'node:dns/promises';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);

/** The oldest Node that Electron 45's tooling (its installer, electron-vite) supports. */
export const MIN_APP_NODE = '22.12.0';

function versionParts(version) {
  return String(version)
    .replace(/^v/, '')
    .split('.')
    .map((n) => Number.parseInt(n, 10) || 0);
}

/** A plain message when `version` is older than MIN_APP_NODE; null when it is new enough. */
export function nodeVersionProblem(version = process.versions.node) {
  const have = versionParts(version);
  const need = versionParts(MIN_APP_NODE);
  for (let i = 0; i < 3; i += 1) {
    if ((have[i] ?? 0) > need[i]) return null;
    if ((have[i] ?? 0) < need[i]) {
      return [
        `Planwright needs Node.js ${MIN_APP_NODE} or newer to start the app; this is Node.js ${String(version).replace(/^v/, '')}.`,
        "Electron 45's own tools (its installer and build) need it.",
        '',
        'Install a current Node.js (https://nodejs.org, the LTS release), then run npm start again.',
        'The tests (npm test) and the command line (npx planwright --help) also work on Node.js 20.',
      ].join('\n');
    }
  }
  return null;
}

const exeName = (platform) =>
  platform === 'win32' ? 'electron.exe' : platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';

/** The Electron executable, or null when its binary has not been downloaded yet. */
export function electronBinary(
  electronDir = path.join(root, 'node_modules', 'electron'),
  env = process.env,
  platform = process.platform,
) {
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const exe = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, exeName(platform));
    return fs.existsSync(exe) ? exe : null;
  }
  const pathFile = path.join(electronDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const exe = path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(exe) ? exe : null;
}

const PROXY_VARS = [
  'HTTPS_PROXY',
  'https_proxy',
  'HTTP_PROXY',
  'http_proxy',
  'npm_config_https_proxy',
  'npm_config_proxy',
];

/** The proxy the user configured (environment or npm config), or null. */
export function configuredProxy(env = process.env) {
  for (const name of PROXY_VARS) if (env[name]) return { name, value: env[name] };
  return null;
}

/**
 * The environment for Electron's installer: with a proxy configured, Electron's downloader is told to use
 * it (it ignores HTTPS_PROXY unless ELECTRON_GET_USE_PROXY is set); npm's proxy settings become the
 * variables it reads.
 */
export function installerEnv(env = process.env) {
  const out = { ...env };
  const proxy = configuredProxy(env);
  if (proxy && out.ELECTRON_GET_USE_PROXY === undefined) {
    out.ELECTRON_GET_USE_PROXY = 'true';
    if (!out.HTTPS_PROXY && !out.https_proxy)
      out.HTTPS_PROXY = env.npm_config_https_proxy || env.npm_config_proxy || proxy.value;
  }
  return out;
}

/** The host Electron downloads from (github.com unless a mirror is configured). */
export function downloadHost(env = process.env) {
  const mirror = env.ELECTRON_MIRROR || env.npm_config_electron_mirror;
  if (mirror) {
    try {
      return new URL(mirror).hostname;
    } catch {
      return mirror;
    }
  }
  return 'github.com';
}

/**
 * Why the download failed, in plain English, from what is known: the installer's own error text, the
 * proxy settings, and whether the download host's name resolves (`canResolve`).
 */
export function downloadFailureMessage({ errorText = '', env = process.env, canResolve = true, electronVersion = '' }) {
  const host = downloadHost(env);
  const proxy = configuredProxy(env);
  const text = String(errorText);
  let why;
  if (/checksum|sha256/i.test(text)) {
    why = `The download did not match Electron's published checksum, so it was not used. Something between this computer and ${host} (often a proxy or a filter that rewrites downloads) changed it.`;
  } else if (proxy && /407|proxy|ECONNREFUSED|ECONNRESET|tunnel/i.test(text)) {
    why = `The proxy named in ${proxy.name} (${proxy.value}) refused or dropped the connection. It may need a user name and password, or may block ${host}.`;
  } else if (!canResolve || /ENOTFOUND|EAI_AGAIN|ENETUNREACH|getaddrinfo/i.test(text)) {
    why = proxy
      ? `This computer could not reach ${host}, even through the proxy in ${proxy.name}. It may be offline, or the proxy may block ${host}.`
      : `This computer could not reach ${host}: it seems to be offline, or a network that needs a proxy is blocking the download.`;
  } else if (/Response code (\d+)|HTTPError/i.test(text)) {
    const code = /Response code (\d+)/i.exec(text)?.[1];
    why = `${host} refused the download${code ? ` (HTTP ${code})` : ''}. If you use a mirror (ELECTRON_MIRROR), check it holds Electron ${electronVersion || 'this version'}.`;
  } else if (/fetch failed|ECONNREFUSED/i.test(text)) {
    why = `This computer could not connect to ${host}: a firewall, or a network that needs a proxy, may be blocking it.`;
  } else if (/ETIMEDOUT|timed? ?out|ECONNRESET|socket hang up/i.test(text)) {
    why = `The connection to ${host} was too slow or was dropped part-way.`;
  } else if (/EACCES|EPERM|ENOSPC/i.test(text)) {
    why = /ENOSPC/.test(text)
      ? 'The disk is full: Electron needs about 250 MB free in node_modules/electron and its download cache.'
      : 'Electron could not be written into node_modules/electron (permission denied).';
  } else {
    const first = text.split('\n').find((line) => line.trim() && !/^\s+at /.test(line));
    why = first
      ? `Electron's installer stopped with: ${first.trim()}`
      : "Electron's installer stopped without saying why.";
  }
  return [
    `Planwright cannot start yet: the Electron binary${electronVersion ? ` (version ${electronVersion})` : ''} could not be downloaded.`,
    why,
    '',
    'What to do:',
    '- Check this computer is online, then run npm start again (it will try the download again).',
    proxy
      ? `- Behind a proxy, check ${proxy.name} names it correctly (http://user:password@proxy:port if it needs a sign-in).`
      : '- Behind a proxy, set HTTPS_PROXY=http://proxy:port (and ELECTRON_GET_USE_PROXY=true), then run npm start again.',
    '- Or fetch it by hand with:  npx install-electron   (or point ELECTRON_MIRROR at a mirror your network allows).',
    '',
    'Everything else works without it: npm test, npm run build, and the command line (npx planwright --help).',
  ].join('\n');
}

/** When ELECTRON_OVERRIDE_DIST_PATH names a folder with no Electron in it. */
export function overrideMissingMessage(dir, platform = process.platform) {
  return [
    `Planwright cannot start: ELECTRON_OVERRIDE_DIST_PATH names ${dir}, which holds no ${exeName(platform)}.`,
    'Point it at an unpacked Electron folder, or unset it to let npm start download Electron itself.',
  ].join('\n');
}

/**
 * The Electron executable, downloading it first with Electron's own installer when it is missing.
 * Answers `{ exe }` or `{ error }` (a plain message). `deps` are injected by tests.
 */
export async function ensureElectron(deps = {}) {
  const {
    electronDir = path.join(root, 'node_modules', 'electron'),
    env = process.env,
    platform = process.platform,
    runInstaller = defaultRunInstaller,
    lookup = (host) => dns.lookup(host),
    log = (line) => console.log(line),
  } = deps;
  const existing = electronBinary(electronDir, env, platform);
  if (existing) return { exe: existing };
  if (env.ELECTRON_OVERRIDE_DIST_PATH)
    return { error: overrideMissingMessage(env.ELECTRON_OVERRIDE_DIST_PATH, platform) };
  const electronVersion = readVersion(electronDir);
  log(
    `Downloading Electron ${electronVersion} for this computer (about 110 MB, once). Its progress bar appears after 30 seconds.`,
  );
  const { status, errorText } = await runInstaller({ electronDir, env: installerEnv(env) });
  const exe = status === 0 ? electronBinary(electronDir, env, platform) : null;
  if (exe) return { exe };
  const canResolve = await lookup(downloadHost(env)).then(
    () => true,
    () => false,
  );
  return {
    error: downloadFailureMessage({
      errorText: errorText || (status === 0 ? 'the installer finished but left no executable' : ''),
      env,
      canResolve,
      electronVersion,
    }),
  };
}

function readVersion(electronDir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(electronDir, 'package.json'), 'utf8')).version;
  } catch {
    return '';
  }
}

/**
 * Runs node_modules/electron/install.js (Electron's lazy downloader) with the terminal inherited, so its
 * own progress bar shows; a small wrapper sends its error report to a pipe instead of printing a stack.
 */
function defaultRunInstaller({ electronDir, env }) {
  const res = spawnSync(
    process.execPath,
    [path.join(root, 'scripts', 'electron-install-wrapper.mjs'), path.join(electronDir, 'install.js')],
    {
      stdio: ['inherit', 'inherit', 'inherit', 'pipe'],
      env,
    },
  );
  const errorText = res.output?.[3] ? res.output[3].toString('utf8') : res.error ? String(res.error.message) : '';
  return Promise.resolve({ status: res.status ?? 1, errorText });
}

// ---------------------------------------------------------------------------------------------------
// better-sqlite3 for Electron

/** NODE_MODULE_VERSION for an Electron version (from node-abi, which ships with electron-builder). */
export function electronAbi(electronVersion) {
  const nodeAbi = require('node-abi');
  return String(nodeAbi.getAbi(electronVersion, 'electron'));
}

/**
 * The NODE_MODULE_VERSION a built native module was compiled for, read from its registration symbol
 * (`node_register_module_v<N>`, present in ELF, Mach-O and PE builds alike); null when none is found.
 */
export function moduleAbi(file) {
  let bytes;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return null;
  }
  const match = /node_register_module_v(\d+)/.exec(bytes.toString('latin1'));
  return match ? match[1] : null;
}

/** The copy filter for better-sqlite3's sources: leaves out its own build/ folder (tested on relative paths). */
export function sourceCopyFilter(srcDir) {
  return (p) => {
    const rel = path.relative(srcDir, p);
    const first = rel.split(/[\\/]/)[0];
    return first !== 'build' && first !== 'node_modules';
  };
}

/**
 * The environment for prebuild-install and node-gyp: npm's settings that would silently retarget the
 * build (an npmrc `nodedir`, `target`, `runtime`, `disturl`) are removed, so only the explicit Electron
 * arguments count.
 */
export function nativeBuildEnv(env = process.env) {
  const out = {};
  for (const [k, v] of Object.entries(env)) {
    if (/^npm_config_(nodedir|target|target_arch|runtime|disturl|dist_url|build_from_source|arch|platform)$/i.test(k))
      continue;
    out[k] = v;
  }
  return out;
}

export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';

export function prebuildArgs({ electronVersion, platform, arch }) {
  return ['--runtime', 'electron', '--target', electronVersion, '--platform', platform, '--arch', arch, '--verbose'];
}

export function nodeGypArgs({ electronVersion, arch, devdir }) {
  return [
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    `--arch=${arch}`,
    `--dist-url=${ELECTRON_HEADERS_URL}`,
    `--devdir=${devdir}`,
  ];
}

/** The compiler toolchain to name when compiling fails. */
export function toolchainHint(platform = process.platform) {
  if (platform === 'win32')
    return 'Visual Studio Build Tools (the "Desktop development with C++" workload) and Python 3';
  if (platform === 'darwin') return 'the Xcode Command Line Tools (run: xcode-select --install) and Python 3';
  return 'a C++ compiler, make and Python 3 (on Debian or Ubuntu: sudo apt-get install build-essential python3)';
}

export function nativeBuildFailureMessage({ electronVersion, platform = process.platform, reason }) {
  return [
    `The SQLite module (better-sqlite3) could not be built for Electron ${electronVersion}.`,
    reason,
    `No prebuilt copy could be downloaded for ${platform}, so it has to be compiled, which needs ${toolchainHint(platform)}.`,
    'Install that, then run npm start again. The tests and the command line do not need this step.',
  ].join('\n');
}

/** Where the Electron build of better-sqlite3 lives for one Electron version, platform and architecture. */
export function nativeBindingPath({
  rootDir = root,
  electronVersion,
  platform = process.platform,
  arch = process.arch,
}) {
  return path.join(rootDir, 'out', 'native', `electron-${electronVersion}-${platform}-${arch}`, 'better_sqlite3.node');
}

/**
 * A better-sqlite3 built for this Electron (under out/native/), building it once when missing or built
 * for the wrong ABI: a prebuilt binary first, else node-gyp against Electron's headers. Throws an Error
 * with a plain message on failure. `deps.run(command, args, { cwd, env })` answers `{ status }`.
 */
export function electronNativeBinding(deps = {}) {
  const {
    rootDir = root,
    platform = process.platform,
    arch = process.arch,
    env = process.env,
    electronVersion = readVersion(path.join(rootDir, 'node_modules', 'electron')),
    run = (command, args, options) => spawnSync(command, args, { stdio: 'inherit', ...options }),
    abiOf = moduleAbi,
    log = (line) => console.log(line),
  } = deps;
  const wanted = electronAbi(electronVersion);
  const target = nativeBindingPath({ rootDir, electronVersion, platform, arch });
  if (fs.existsSync(target) && abiOf(target) === wanted) return target;
  fs.rmSync(target, { force: true });

  const src = path.join(rootDir, 'node_modules', 'better-sqlite3');
  const work = path.join(rootDir, 'out', 'native', 'build-better-sqlite3');
  fs.rmSync(work, { recursive: true, force: true });
  fs.cpSync(src, work, { recursive: true, filter: sourceCopyFilter(src) });
  const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
  const buildEnv = nativeBuildEnv(env);
  const tool = (name, file) => path.join(rootDir, 'node_modules', name, file);
  try {
    log(`Getting the SQLite module for Electron ${electronVersion} (once): trying a prebuilt copy first...`);
    const pre = run(
      process.execPath,
      [tool('prebuild-install', 'bin.js'), ...prebuildArgs({ electronVersion, platform, arch })],
      { cwd: work, env: buildEnv },
    );
    let abi = pre.status === 0 ? abiOf(built) : null;
    if (abi !== wanted) {
      log(
        `No prebuilt copy${abi ? ` for ABI ${wanted} (it was built for ${abi})` : ''}; compiling against Electron's headers (about two minutes)...`,
      );
      fs.rmSync(path.join(work, 'build'), { recursive: true, force: true });
      const gyp = run(
        process.execPath,
        [
          tool('node-gyp', path.join('bin', 'node-gyp.js')),
          ...nodeGypArgs({ electronVersion, arch, devdir: path.join(rootDir, 'out', 'native', 'headers') }),
        ],
        {
          cwd: work,
          env: buildEnv,
        },
      );
      if (gyp.status !== 0)
        throw new Error(
          nativeBuildFailureMessage({
            electronVersion,
            platform,
            reason: 'The compiler stopped with an error (see above).',
          }),
        );
      abi = abiOf(built);
      if (abi !== wanted) {
        throw new Error(
          nativeBuildFailureMessage({
            electronVersion,
            platform,
            reason: `The module was built for NODE_MODULE_VERSION ${abi ?? 'unknown'}, but Electron ${electronVersion} needs ${wanted}, so it was not used.`,
          }),
        );
      }
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(built, target);
    return target;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
