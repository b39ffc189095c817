/**
 * The Electron main process: the thin edge that wires the plain modules beside it to Electron.
 * One window, sandboxed and context-isolated, showing the renderer from `app://planwright/` (or the
 * Vite dev server in development); every IPC call goes through the shared dispatcher.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  MessageChannelMain,
  net,
  protocol,
  session,
  shell,
  utilityProcess,
  type UtilityProcess,
} from 'electron';
import { createUtilityClient, type UtilityClient } from '../utility/client';
import { APP_HOST, APP_ORIGIN, APP_SCHEME, contentTypeFor, resolveAppFile } from './app-protocol';
import { buildCsp } from './csp';
import { createElectronHost } from './host-electron';
import { createSenderCheck, registerIpc } from './ipc';
import { buildMenuTemplate, type MenuCommand } from './menu';
import { sqliteBinding } from './native-binding';
import { DB_FILE_NAME, osUserName, PRODUCT_NAME } from './paths';
import { builtPaths, hardenWebContents, secureWebPreferences } from './security';
import { storeErrorDialog } from './store-error';
import { resolveStartupStore, type Box } from './store-location';
import { moveStore } from './store-move';
import type { Dispatch } from '../../shared/dispatch';
import { syncedFolderWarning } from '../../shared/synced-folder';

const mainDir = path.dirname(fileURLToPath(import.meta.url));
const paths = builtPaths(mainDir);
/** Set by electron-vite in development. */
const devServerUrl = !app.isPackaged ? (process.env.ELECTRON_RENDERER_URL ?? null) : null;
const csp = buildCsp({ devServerUrl });
const isTrusted = createSenderCheck({ appOrigin: APP_ORIGIN, devServerUrl });
const log = (message: string) => console.error(`[planwright] ${message}`);

// The same userData folder as the command line's default (~/.config/Planwright on Linux).
app.setName(PRODUCT_NAME);
app.setPath('userData', path.join(app.getPath('appData'), PRODUCT_NAME));

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let mainWindow: BrowserWindow | null = null;
/** The store's utility process and the main process's side of its port (see electron/utility/). */
let storeProcess: UtilityProcess | null = null;
let store: UtilityClient | null = null;
/** Where the store is open now (File › Move plan store… changes it). */
let dbPath = '';
/** While the store moves, calls from the window wait here and then go to the store at its new place. */
let moving: Promise<unknown> | null = null;

function sendMenuCommand(command: MenuCommand): void {
  const win = BrowserWindow.getFocusedWindow() ?? mainWindow;
  win?.webContents.send('menu:command', { command });
}

/** A message box over the window (or on its own before there is one): the index of the button pressed. */
async function ask(box: Box & { defaultId?: number; cancelId?: number }): Promise<number> {
  const options = { ...box, defaultId: box.defaultId ?? 0, cancelId: box.cancelId ?? box.buttons.length - 1 };
  const { response } = mainWindow
    ? await dialog.showMessageBox(mainWindow, options)
    : await dialog.showMessageBox(options);
  return response;
}

async function showAbout(): Promise<void> {
  const options = {
    type: 'info' as const,
    title: 'About Planwright',
    message: `Planwright ${app.getVersion()}`,
    detail: `Improvement plans, committee appendices and covering reports for council report authors.\n\nPlan store: ${dbPath}`,
    buttons: ['OK'],
  };
  if (mainWindow) await dialog.showMessageBox(mainWindow, options);
  else await dialog.showMessageBox(options);
}

/**
 * Starts the store's utility process (the dispatcher, the store, the exporter and the importer run there,
 * off the window's thread) and opens the plan store in it; on failure explains why in a dialog and answers
 * null.
 */
async function openPlanStore(dbPath: string, actor: string): Promise<UtilityClient | null> {
  // Electron usually creates userData itself; a first run must not depend on it.
  fs.mkdirSync(path.dirname(dbPath), { recursive: true });
  const child = utilityProcess.fork(paths.utility, [], { serviceName: 'Planwright plan store', stdio: 'inherit' });
  const { port1, port2 } = new MessageChannelMain();
  const client = createUtilityClient(
    {
      postMessage: (message) => port1.postMessage(message),
      onMessage: (listener) => port1.on('message', (event) => listener(event.data)),
    },
    createElectronHost(() => mainWindow),
    log,
  );
  port1.start();
  // Hand over the port once the utility process listens for it.
  child.once('message', () => child.postMessage({ type: 'port' }, [port2]));
  child.on('exit', (code) => {
    client.failAll(`exit code ${code}`);
    if (storeProcess === child) storeProcess = null;
  });
  storeProcess = child;
  return (await openIn(client, dbPath, actor)) ? client : null;
}

/**
 * Opens the store at `dbPath` in the utility process; on failure explains why in a dialog (with Quit: at
 * start-up; a move explains its own failure, so `explain` is false there) and answers false.
 */
async function openIn(client: UtilityClient, dbPath: string, actor: string, explain = true): Promise<boolean> {
  // better-sqlite3 built for Electron's ABI (see native-binding.ts; the env override only in development).
  const nativeBinding = sqliteBinding({
    isPackaged: app.isPackaged,
    mainDir,
    env: process.env,
    electronVersion: process.versions.electron ?? '',
    platform: process.platform,
    arch: process.arch,
    exists: (file) => fs.existsSync(file),
  });
  // A store inside a OneDrive/SharePoint/Teams/Dropbox folder gets damaged by the sync client: the window says so.
  const storeWarning = syncedFolderWarning(dbPath);
  if (storeWarning) log(storeWarning);
  const outcome = await client.open({
    dbPath,
    actor,
    version: app.getVersion(),
    nativeBinding,
    validateOutput: !app.isPackaged,
    storeWarning,
  });
  if (outcome.ok) return true;
  if (!explain) {
    log(`The plan store at ${dbPath} could not be opened: ${outcome.message}`);
    return false;
  }
  if (!outcome.storeError) throw new Error(outcome.message);
  const box = storeErrorDialog(outcome.storeError, dbPath);
  const response = await ask({ type: 'error', ...box, defaultId: 0, cancelId: 0 });
  if (response === 1) shell.showItemInFolder(outcome.storeError.backupPath ?? dbPath);
  return false;
}

/** File › Move plan store…: the steps are in store-move.ts; window calls wait until the store is open again. */
async function moveStoreFromMenu(actor: string): Promise<void> {
  const open = store;
  if (!open || moving) return;
  const done = moveStore({
    current: dbPath,
    userData: app.getPath('userData'),
    home: os.homedir(),
    now: () => new Date(),
    chooseSavePath: async (defaultPath) => {
      const options = {
        title: 'Move plan store',
        defaultPath,
        buttonLabel: 'Move here',
        filters: [{ name: 'Planwright plan store', extensions: ['sqlite'] }],
      };
      const picked = mainWindow
        ? await dialog.showSaveDialog(mainWindow, options)
        : await dialog.showSaveDialog(options);
      return picked.canceled || !picked.filePath ? null : picked.filePath;
    },
    ask,
    copyAndClose: (target) => open.moveTo(target),
    reopen: (next) =>
      openIn(open, next, actor, false).then((ok) => {
        if (ok) open.startMaintenance(broadcast);
        return ok;
      }),
    log,
  });
  moving = done;
  try {
    const outcome = await done;
    if (outcome.outcome !== 'cancelled') dbPath = outcome.dbPath;
    // The window reads app:info (the store's path, the synced-folder warning) again.
    if (outcome.outcome === 'moved')
      mainWindow?.webContents.send('menu:command', { command: 'storeMoved' satisfies MenuCommand });
  } catch (error) {
    log(`Moving the plan store failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await ask({
      type: 'error',
      title: 'The plan store was not moved',
      message: 'Something went wrong while moving the plan store.',
      detail: `Quit and start Planwright again: it opens the plan store from where it is recorded, and your plans are in it. The plan store was last open at ${dbPath}.`,
      buttons: ['OK'],
    }).catch(() => undefined);
  } finally {
    moving = null;
  }
}

/** Events for the window that no call caused (the background integrity check). */
function broadcast(name: string, body: unknown): void {
  if (name === 'store:integrity' && (body as { state?: string; detail?: string }).state === 'damaged')
    log(`integrity check: ${(body as { detail?: string }).detail ?? ''}`);
  mainWindow?.webContents.send(name, body);
}

function serveAppProtocol(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? resolveAppFile(paths.renderer, request.url) : null;
    if (!file) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString()).catch(() => null);
    if (!response?.ok) return new Response('Not found', { status: 404 });
    return new Response(response.body, {
      status: 200,
      headers: { 'content-type': contentTypeFor(file), 'content-security-policy': csp },
    });
  });
}

function hardenSession(): void {
  // The dev server's responses get the (development) policy too.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  // Permission checks (as opposed to requests) are refused too: the page needs no camera, location etc.
  session.defaultSession.setPermissionCheckHandler(() => false);
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1366,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: PRODUCT_NAME,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(paths.preload),
  });
  win.once('ready-to-show', () => win.show());
  // Navigation, new windows and webviews are refused for every web contents (see 'web-contents-created').
  void win.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  return win;
}

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  // A moved store is recorded in userData (File › Move plan store…); a missing one asks what to do.
  const chosen = await resolveStartupStore(userData, path.join(userData, DB_FILE_NAME), ask);
  if (!chosen) {
    app.quit();
    return;
  }
  dbPath = chosen;
  const actor = osUserName('Planwright user');
  store = await openPlanStore(dbPath, actor);
  if (!store) {
    app.quit();
    return;
  }
  // Calls wait while the store moves, then go to it at its new place.
  const dispatch: Dispatch = async (channel, payload, ctx) => {
    while (moving) await moving.catch(() => undefined);
    if (!store) return { ok: false, error: { code: 'internal', message: 'The plan store is closed.' } };
    return store.dispatch(channel, payload, ctx);
  };
  registerIpc(ipcMain, dispatch, { isTrustedSender: isTrusted, actor: () => actor, log });

  serveAppProtocol();
  hardenSession();
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        platform: process.platform,
        send: sendMenuCommand,
        showAbout: () => void showAbout(),
        moveStore: () => void moveStoreFromMenu(actor),
        dev: !app.isPackaged,
      }),
    ),
  );
  mainWindow = createWindow();
  // The full integrity check and the daily backup (in the utility process), after the window is up.
  store.startMaintenance(broadcast);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event: unknown, contents: Electron.WebContents) => {
    hardenWebContents(contents, { isTrusted, openExternal: (url) => void shell.openExternal(url) });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (store && BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
  // Quitting waits for the utility process to close the store (and checkpoint its WAL) before the process ends.
  let closing = false;
  app.on('will-quit', (event: { preventDefault(): void }) => {
    const open = store;
    if (!open || closing) return;
    closing = true;
    event.preventDefault();
    store = null;
    // A move under way finishes first (its record written, the store open at its new place), then closes.
    Promise.resolve(moving)
      .catch(() => undefined)
      .then(() => open.close())
      .catch((error: unknown) =>
        log(`Closing the plan store failed: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => {
        storeProcess?.kill();
        app.exit(0);
      });
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log(`Start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      dialog.showErrorBox('Planwright could not start', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}
