/**
 * The Electron main process: the thin edge that wires the plain modules beside it to Electron.
 * One window, sandboxed and context-isolated, showing the renderer from `app://planwright/` (or the
 * Vite dev server in development); every IPC call goes through the shared dispatcher.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, safeStorage, session, shell } from 'electron';
import { ensureSamplePlan, openStore, StoreOpenError, type Store } from '../../db';
import { createDispatcher } from '../../shared/dispatch';
import { createAppHandlers } from '../handlers';
import { safeStorageWrapper } from '../sync/keys';
import { APP_HOST, APP_ORIGIN, APP_SCHEME, contentTypeFor, resolveAppFile } from './app-protocol';
import { buildCsp } from './csp';
import { createElectronHost } from './host-electron';
import { createSenderCheck, registerIpc } from './ipc';
import { buildMenuTemplate, type MenuCommand } from './menu';
import { DB_FILE_NAME, osUserName, PRODUCT_NAME } from './paths';
import { builtPaths, isAllowedNavigation, isExternalLink, secureWebPreferences } from './security';
import { storeErrorDialog } from './store-error';

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

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let mainWindow: BrowserWindow | null = null;
let store: Store | null = null;

function sendMenuCommand(command: MenuCommand): void {
  const win = BrowserWindow.getFocusedWindow() ?? mainWindow;
  win?.webContents.send('menu:command', { command });
}

async function showAbout(dbPath: string): Promise<void> {
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

/** Opens the plan store; on failure explains why in a dialog and answers null. */
async function openPlanStore(dbPath: string): Promise<Store | null> {
  try {
    // Electron usually creates userData itself; a first run must not depend on it.
    fs.mkdirSync(path.dirname(dbPath), { recursive: true });
    // `npm start` builds better-sqlite3 for Electron's ABI under out/native/ and names it here; packaged
    // builds are rebuilt by electron-builder and need no override.
    const nativeBinding = process.env.PLANWRIGHT_SQLITE_BINDING || undefined;
    return openStore(dbPath, { actor: osUserName('Planwright user'), nativeBinding });
  } catch (error) {
    if (!(error instanceof StoreOpenError)) throw error;
    const box = storeErrorDialog(error, dbPath);
    const { response } = await dialog.showMessageBox({ type: 'error', title: box.title, message: box.message, detail: box.detail, buttons: box.buttons, defaultId: 0, cancelId: 0 });
    if (response === 1) shell.showItemInFolder(error.backupPath ?? dbPath);
    return null;
  }
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
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, isTrusted)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void win.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  return win;
}

async function start(): Promise<void> {
  const dbPath = path.join(app.getPath('userData'), DB_FILE_NAME);
  store = await openPlanStore(dbPath);
  if (!store) {
    app.quit();
    return;
  }
  await ensureSamplePlan(store);

  const openStoreNow = store;
  const host = createElectronHost(() => mainWindow);
  const dispatch = createDispatcher(createAppHandlers({ store: openStoreNow, host, version: app.getVersion(), keyWrapper: safeStorageWrapper(safeStorage) }), {
    validateOutput: !app.isPackaged,
    onInternalError: (channel, error) => log(`${channel}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });
  registerIpc(ipcMain, dispatch, { isTrustedSender: isTrusted, actor: () => openStoreNow.actor(), log });

  serveAppProtocol();
  hardenSession();
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(buildMenuTemplate({ platform: process.platform, send: sendMenuCommand, showAbout: () => void showAbout(dbPath), dev: !app.isPackaged })),
  );
  mainWindow = createWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (store && BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
  app.on('will-quit', () => {
    void store?.close();
    store = null;
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
