/* global Request, queueMicrotask, structuredClone */
/**
 * Runs the BUILT Electron main bundle (<app>/out/main/index.js) and preload (<app>/out/preload/index.cjs)
 * under plain Node against the strict fake `electron` (electron.mjs), and walks one session through them:
 * start (the store in a utility process), the app:// renderer files with the production CSP, the preload in a sandbox, plans:list through
 * preload → IPC → store, an export, an import read in a worker thread, File › Move plan store… (a synced
 * folder refused, then a local one), a second instance, and quitting.
 * Prints one JSON report on stdout (checked by test/electron/built-smoke.test.ts and
 * scripts/package-check.mjs); exits 1 with the first failure on stderr.
 *
 *   node run-smoke.mjs --app <folder holding out/> --fixture <a .docx plan> [--packaged --electron-version X]
 */
import fs from 'node:fs';
import { register } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';

const { values } = parseArgs({
  options: {
    app: { type: 'string' },
    fixture: { type: 'string' },
    packaged: { type: 'boolean', default: false },
    'electron-version': { type: 'string' },
  },
});
const appRoot = path.resolve(values.app);
register('./loader.mjs', { parentURL: import.meta.url, data: { appRoot: pathToFileURL(appRoot).href } });
const electron = await import('./electron.mjs');
const { state, app } = electron;

const report = { steps: [] };
const step = (name, detail = {}) => report.steps.push({ name, ...detail });
function check(condition, message) {
  if (!condition) throw new Error(message);
}
async function waitFor(fn, what, ms = 60_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-smoke-'));
try {
  state.appData = path.join(work, 'appData');
  state.isPackaged = values.packaged;
  // A packaged app finds its SQLite module by Electron's version (main/native-binding.ts).
  if (values['electron-version'] && !process.versions.electron)
    Object.defineProperty(process.versions, 'electron', { value: values['electron-version'], enumerable: true });

  // 1. Start.
  await import(pathToFileURL(path.join(appRoot, 'out', 'main', 'index.js')).href);
  const win = await waitFor(
    () => state.windows[0] ?? (state.errors.length ? Promise.reject(new Error(state.errors.join('\n'))) : null),
    'the window',
  );
  check(win.url === 'app://planwright/index.html', `the window loads ${win.url}`);
  const prefs = win.options.webPreferences;
  check(
    prefs.sandbox === true && prefs.contextIsolation === true && prefs.nodeIntegration === false,
    'the window is not sandboxed and isolated',
  );
  check(state.userData === path.join(state.appData, 'Planwright'), `userData is ${state.userData}`);
  check(state.menu !== null, 'no application menu was set');
  check(
    state.utility.length === 1 && /utility\.js$/.test(state.utility[0].modulePath),
    'the store did not start in a utility process',
  );
  step('start', {
    userData: state.userData,
    schemes: state.schemes.map((s) => s.scheme),
    utility: state.utility[0].modulePath,
  });

  // 2. The renderer through the real app:// handler, with the production CSP.
  const handler = state.protocolHandlers.get('app');
  const page = await handler(new Request('app://planwright/index.html'));
  check(page.status === 200, `index.html answered ${page.status}`);
  const csp = page.headers.get('content-security-policy') ?? '';
  check(/default-src 'self'/.test(csp) && /script-src 'self'/.test(csp), `CSP: ${csp}`);
  check(!/unsafe-eval|localhost|127\.0\.0\.1|ws:/.test(csp), `the production CSP allows development sources: ${csp}`);
  const html = await page.text();
  const assets = [...html.matchAll(/(?:src|href)="(\.?\/?[^":]+?)"/g)]
    .map((m) => m[1])
    .filter((a) => !a.startsWith('#'));
  check(assets.length > 0, 'index.html names no scripts or styles');
  const served = [];
  for (const asset of assets) {
    const res = await handler(new Request(new URL(asset, 'app://planwright/index.html').href));
    check(res.status === 200, `${asset} answered ${res.status}`);
    check(res.headers.get('content-security-policy') === csp, `${asset} has a different CSP`);
    served.push({ asset, type: res.headers.get('content-type') });
  }
  check(
    (await handler(new Request('app://planwright/../../package.json'))).status === 404,
    'path traversal was served',
  );
  step('renderer', { csp, served });

  // 3. The built preload in a sandbox: only electron, events, timers and url can be required.
  const preloadFile = prefs.preload;
  check(fs.existsSync(preloadFile), `the preload ${preloadFile} is missing`);
  const allowed = {
    electron,
    events: await import('node:events'),
    timers: await import('node:timers'),
    url: await import('node:url'),
  };
  const refused = [];
  const sandboxRequire = (name) => {
    if (Object.hasOwn(allowed, name)) return allowed[name];
    refused.push(name);
    throw new Error(`module not found: ${name}`);
  };
  const module = { exports: {} };
  const context = vm.createContext({
    require: sandboxRequire,
    module,
    exports: module.exports,
    console,
    setTimeout,
    clearTimeout,
    queueMicrotask,
    structuredClone,
    Promise,
  });
  new vm.Script(fs.readFileSync(preloadFile, 'utf8'), { filename: preloadFile }).runInContext(context);
  check(refused.length === 0, `the preload required ${refused.join(', ')}`);
  const api = state.exposed.get('planwright');
  check(
    api && typeof api.invoke === 'function' && typeof api.on === 'function',
    'the preload exposed no window.planwright',
  );
  check([...state.exposed.keys()].join() === 'planwright', `the preload exposed ${[...state.exposed.keys()]}`);
  step('preload', { exposed: Object.keys(api) });

  // 4. preload → IPC → store.
  const list = await api.invoke('plans:list', {});
  check(list.ok && list.value.length === 1, `plans:list answered ${JSON.stringify(list).slice(0, 300)}`);
  const planId = list.value[0].id;
  const unknown = await api.invoke('no:such', {});
  check(!unknown.ok && unknown.error.code === 'unknown_channel', 'an unknown channel was not refused');
  step('plans:list', { plans: list.value.length });

  // 4b. The sync signing key: the utility process asked the main process's safeStorage to encrypt it.
  const info = await api.invoke('app:info', {});
  check(info.ok, 'app:info failed');
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(info.value.dbPath, { readonly: true, fileMustExist: true });
  const keysText = db.prepare("SELECT value FROM meta WHERE key = 'sync.device_keys'").pluck().get();
  db.close();
  const privateKey = keysText ? JSON.parse(keysText).privateKey : '';
  check(
    privateKey.startsWith('safe:'),
    `the signing key is not kept by the keychain: ${String(privateKey).slice(0, 20)}`,
  );
  const unwrapped = electron.safeStorage.decryptString(Buffer.from(privateKey.slice('safe:'.length), 'base64'));
  check(unwrapped.startsWith('-----BEGIN PRIVATE KEY-----'), 'the keychain does not hold the PEM private key');
  step('keychain', { protection: 'safeStorage' });

  // 5. Export through the save dialog; a path from the window is refused; reveal the written file.
  const progress = [];
  api.on('job:progress', (p) => progress.push(p));
  state.saveDialogPath = path.join(work, 'appendix.docx');
  const exported = await api.invoke('export:appendix', { planId });
  check(exported.ok, `export:appendix answered ${JSON.stringify(exported).slice(0, 300)}`);
  const bytes = fs.readFileSync(state.saveDialogPath);
  check(
    bytes.subarray(0, 2).toString() === 'PK' && bytes.length === exported.value.bytes,
    'the appendix is not a complete .docx',
  );
  const named = await api.invoke('export:appendix', { planId, path: path.join(work, 'named.docx') });
  check(
    !named.ok && named.error.code === 'forbidden' && !fs.existsSync(path.join(work, 'named.docx')),
    'a path from the window was accepted',
  );
  const reveal = await api.invoke('export:reveal', { path: exported.value.path });
  const revealOther = await api.invoke('export:reveal', { path: '/etc/passwd' });
  check(reveal.ok && !revealOther.ok && state.shown.length === 1, 'reveal is not limited to exported files');
  step('export', { bytes: exported.value.bytes, progressEvents: progress.length });

  // 6. Import through the open dialog, read in a worker thread, then commit.
  state.openDialogPath = path.resolve(values.fixture);
  const workersBefore = state.workers.length;
  const preview = await api.invoke('import:preview', { options: {} });
  check(preview.ok, `import:preview answered ${JSON.stringify(preview).slice(0, 300)}`);
  // Only the importer's worker script counts: the store's background integrity check (startMaintenance, a
  // few seconds after start) runs in a worker thread of its own and may start while the file is read.
  const importWorkers = state.workers
    .map((file, i) => ({ file, origin: state.workerOrigins[i] }))
    .slice(workersBefore)
    .filter((w) => /[/\\]worker\.m?js$/.test(w.file));
  check(importWorkers.length === 1, 'the import was not read in a worker thread');
  const importWorker = importWorkers[0];
  // Reading, analysis and commit run in the utility process (it started the worker), never on the main one.
  check(importWorker.origin === 'utility', 'the import worker was started by the Electron main process');
  check(!state.workerOrigins.includes('main'), 'the Electron main process started a worker thread');
  const committed = await api.invoke('import:commit', { token: preview.value.token });
  check(
    committed.ok && committed.value.actions > 0,
    `import:commit answered ${JSON.stringify(committed).slice(0, 300)}`,
  );
  const after = await api.invoke('plans:list', {});
  check(after.ok && after.value.length === 2, 'the imported plan is not listed');
  step('import', {
    worker: importWorker.file,
    startedBy: importWorker.origin,
    actions: committed.value.actions,
  });

  // 6b. File › Move plan store…: a synced folder refused ("Choose another place"), then a local folder; the
  // store is copied (verified), reopened there, and the window's calls reach it.
  const fileMenu = state.menu.template.find((m) => m.label === '&File');
  const moveItem = fileMenu?.submenu.find((i) => i.label === 'Move plan store…');
  check(moveItem && typeof moveItem.click === 'function', 'File has no "Move plan store…"');
  const synced = path.join(work, 'OneDrive - Northmoor Council');
  const local = path.join(work, 'Local plans');
  fs.mkdirSync(synced);
  fs.mkdirSync(local);
  const dialogsBefore = state.dialogs.length;
  const target = path.join(local, 'plans.sqlite');
  state.saveDialogPaths.push(path.join(synced, 'planwright.sqlite'), target);
  state.messageBoxResponses.push(0, 0);
  moveItem.click();
  await waitFor(() => state.dialogs.some((d) => d.title === 'Plan store moved'), 'the store to move');
  const titles = state.dialogs.slice(dialogsBefore).map((d) => d.title);
  check(
    titles.join() === 'Move plan store,Choose a folder that is not synced,Move plan store,Plan store moved',
    `the move's dialogs were ${titles.join(' / ')}`,
  );
  check(
    state.dialogs[dialogsBefore + 1].buttons.join() === 'Choose another place,Cancel',
    'the synced-folder dialog offers a way to go ahead',
  );
  const movedInfo = await api.invoke('app:info', {});
  check(movedInfo.ok && movedInfo.value.dbPath === target, `the store is open at ${movedInfo.value?.dbPath}`);
  check(fs.readdirSync(synced).length === 0, 'something was written in the synced folder');
  const afterMove = await api.invoke('plans:list', {});
  check(afterMove.ok && afterMove.value.length === 2, 'the moved store does not hold both plans');
  step('move-store', { to: movedInfo.value.dbPath });

  // 7. A second copy of the app brings this window to the front.
  win.minimized = true;
  app.emit('second-instance', {}, ['planwright'], process.cwd());
  check(win.restored === 1 && win.focused === 1, 'a second instance did not bring the window forward');
  step('second-instance');

  // 8. Quit: the exit waits for the store to close (its WAL checkpointed and removed).
  const dbFile = movedInfo.value.dbPath;
  app.quit();
  await waitFor(() => state.exits.length > 0, 'the app to exit');
  check(state.exits[0] === 0, `exit code ${state.exits[0]}`);
  check(!fs.existsSync(`${dbFile}-wal`), 'the store was not closed before exit');
  await waitFor(() => state.utility[0].exited !== null, 'the utility process to end');
  step('quit', { exits: state.exits });

  report.ok = true;
  process.stdout.write(`${JSON.stringify(report)}\n`);
} catch (error) {
  report.ok = false;
  report.error = error instanceof Error ? error.message : String(error);
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.exitCode = 1;
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
// The app keeps no timers of its own, but the fake's listeners and worker handles may linger.
setTimeout(() => process.exit(process.exitCode ?? 0), 100).unref();
