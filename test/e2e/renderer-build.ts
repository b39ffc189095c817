/**
 * Builds the renderer once for the e2e tests and reuses the build across test files and runs.
 *
 * Each build lands in `out/renderer-test/<fingerprint>/`, where the fingerprint covers every file under
 * renderer/ and shared/ (path, size, mtime). A lock directory makes parallel test files wait for the one
 * that builds instead of building twice. Until the renderer engineers' `renderer/vite.config.ts` and
 * `renderer/index.html` exist, a tiny placeholder page stands in so the harness itself can be tested.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (two folders above this file). */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = path.join(ROOT, 'out', 'renderer-test');
const LOCK = path.join(ROOT, 'out', 'renderer-test.lock');
const COMPLETE = '.complete';
const STALE_LOCK_MS = 5 * 60_000;
const KEEP_OLD_BUILD_MS = 30 * 60_000;

export type RendererKind = 'app' | 'placeholder';

/** True when the real renderer (vite config and index.html) is present. */
export function rendererAvailable(): boolean {
  return (
    fs.existsSync(path.join(ROOT, 'renderer', 'vite.config.ts')) &&
    fs.existsSync(path.join(ROOT, 'renderer', 'index.html'))
  );
}

function listFiles(dir: string, into: string[]): void {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) listFiles(full, into);
    else if (entry.isFile()) into.push(full);
  }
}

function fingerprint(): string {
  const files: string[] = [];
  for (const dir of ['renderer', 'shared']) listFiles(path.join(ROOT, dir), files);
  files.sort();
  const hash = createHash('sha256');
  // Bumped when the build itself changes (2: React's production build under vitest too).
  hash.update('build 3\n');
  for (const file of files) {
    const stat = fs.statSync(file);
    hash.update(`${path.relative(ROOT, file)}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function tryLock(): boolean {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  try {
    fs.mkdirSync(LOCK);
    fs.writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
    return true;
  } catch {
    // Someone holds it: break it when its owner is gone or it is very old.
    try {
      const pid = Number(fs.readFileSync(path.join(LOCK, 'pid'), 'utf8'));
      const age = Date.now() - fs.statSync(LOCK).mtimeMs;
      if ((pid && !pidAlive(pid)) || age > STALE_LOCK_MS) fs.rmSync(LOCK, { recursive: true, force: true });
    } catch {
      // The pid file is not written yet; wait.
    }
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function viteBuild(outDir: string): Promise<void> {
  const { build } = await import('vite');
  // The app's build: React's production build and JSX transform, even when the caller runs with NODE_ENV=test
  // (vitest), which Vite would otherwise pass on (React's development build renders several times slower).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: path.join(ROOT, 'renderer', 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

/** The placeholder page: lists plans through `window.planwright` (script in a file, so the CSP holds). */
function writePlaceholder(outDir: string): void {
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(
    path.join(outDir, 'index.html'),
    `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Planwright (placeholder)</title>
<script type="module" src="./placeholder.js"></script></head>
<body><h1>Planwright</h1><p id="status">Loading plans…</p><ul id="plans"></ul></body></html>
`,
  );
  fs.writeFileSync(
    path.join(outDir, 'placeholder.js'),
    `const status = document.getElementById('status');
const list = document.getElementById('plans');
const result = await window.planwright.invoke('plans:list', {});
if (result.ok) {
  status.textContent = result.value.length === 1 ? '1 plan' : result.value.length + ' plans';
  for (const plan of result.value) {
    const li = document.createElement('li');
    li.textContent = plan.title;
    list.append(li);
  }
} else {
  status.textContent = result.error.message;
}
window.planwright.on('menu:command', (payload) => { status.textContent = 'Menu: ' + payload.command; });
`,
  );
}

let cached: Promise<string> | null = null;

/**
 * The folder holding a built renderer (index.html and assets). `kind: 'app'` builds the real renderer
 * (failing clearly when it is missing); the default builds it when present, otherwise the placeholder.
 */
export function ensureRendererBuild(kind?: RendererKind): Promise<string> {
  const useApp = kind === 'app' || (kind === undefined && rendererAvailable());
  if (!useApp) {
    const dir = path.join(ROOT, 'out', 'renderer-placeholder');
    writePlaceholder(dir);
    return Promise.resolve(dir);
  }
  if (!rendererAvailable()) {
    return Promise.reject(
      new Error('The renderer is missing: renderer/vite.config.ts and renderer/index.html must exist to build it.'),
    );
  }
  cached ??= buildOnce().catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}

async function buildOnce(): Promise<string> {
  const fp = fingerprint();
  const dir = path.join(OUT, fp);
  const done = () => fs.existsSync(path.join(dir, COMPLETE));
  for (;;) {
    if (done()) return dir;
    if (tryLock()) break;
    await sleep(250);
  }
  try {
    if (done()) return dir;
    // Earlier builds are out of date. Remove the old ones; a recent one may still be served to a
    // test file that started before the sources changed.
    if (fs.existsSync(OUT)) {
      for (const old of fs.readdirSync(OUT)) {
        const full = path.join(OUT, old);
        if (Date.now() - fs.statSync(full).mtimeMs > KEEP_OLD_BUILD_MS)
          fs.rmSync(full, { recursive: true, force: true });
      }
    }
    try {
      await viteBuild(dir);
    } catch (error) {
      fs.rmSync(dir, { recursive: true, force: true });
      const detail = error instanceof Error ? error.message : String(error);
      throw new Error(`Building the renderer for the e2e tests failed (renderer/vite.config.ts): ${detail}`, {
        cause: error,
      });
    }
    if (!fs.existsSync(path.join(dir, 'index.html')))
      throw new Error(`The renderer build wrote no index.html into ${dir}.`);
    fs.writeFileSync(path.join(dir, COMPLETE), new Date().toISOString());
    return dir;
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}
