/* global setImmediate, structuredClone, Response */
/**
 * A strict fake of the `electron` module for running the BUILT main bundle and preload under plain Node
 * (test/electron/fake-electron/run-smoke.mjs). Stricter than Electron is about mistakes that would only
 * show on a real start:
 * - main-process APIs that need the app to be ready throw when used before `whenReady()` has resolved,
 *   and `protocol.registerSchemesAsPrivileged` throws after it;
 * - `Menu.buildFromTemplate` checks every role and accelerator (and refuses duplicate accelerators);
 * - `net.fetch` serves file:// URLs from disk, so `app://` requests go through the real handler to the
 *   real renderer files;
 * - the renderer side (`contextBridge`, `ipcRenderer`) passes values through structuredClone, as Electron's
 *   context bridge and IPC do, to a registered `ipcMain.handle` handler with a trusted app:// frame.
 * - `utilityProcess.fork` runs the built utility bundle in a worker thread that has Electron's
 *   `process.parentPort`, with `MessageChannelMain` ports; the worker threads it starts are counted.
 * Everything observed is kept in `globalThis.__fakeElectron` (the `state` export).
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';

export const state = (globalThis.__fakeElectron ??= {
  ready: false,
  isPackaged: false,
  appData: '',
  userData: '',
  name: '',
  version: '0.0.0-smoke',
  lock: true,
  schemes: [],
  protocolHandlers: new Map(),
  ipc: new Map(),
  windows: [],
  menu: null,
  dialogs: [],
  saveDialogPath: null,
  /** Paths the next save dialogs answer, in turn, before saveDialogPath. */
  saveDialogPaths: [],
  openDialogPath: null,
  /** The buttons the next message boxes answer, in turn (a number a box has no button for throws); then 0. */
  messageBoxResponses: [],
  shown: [],
  external: [],
  exits: [],
  quits: 0,
  exposed: new Map(),
  rendererListeners: new Map(),
  /** Whether the fake safeStorage can encrypt (a system keychain is there). */
  keychain: true,
  workers: [],
  /** Which thread started each worker in `workers`: 'main' (the Electron main process) or 'utility'. */
  workerOrigins: [],
  utility: [],
  errors: [],
});

function needsReady(what) {
  if (!state.ready) throw new Error(`${what} was used before the app was ready (call it after app.whenReady()).`);
}

// ---------------------------------------------------------------------------------------------------
// app

class App extends EventEmitter {
  get isPackaged() {
    return state.isPackaged;
  }
  setName(name) {
    state.name = name;
  }
  getName() {
    return state.name;
  }
  getVersion() {
    return state.version;
  }
  getPath(name) {
    if (name === 'appData') return state.appData;
    if (name === 'userData') return state.userData || `${state.appData}/Electron`;
    if (name === 'temp') return state.appData;
    throw new Error(`app.getPath: the fake has no "${name}" path`);
  }
  setPath(name, value) {
    if (name !== 'userData') throw new Error(`app.setPath: the fake only sets userData, not "${name}"`);
    if (state.ready) throw new Error('app.setPath("userData") after ready is too late: Electron has already used it.');
    state.userData = value;
  }
  requestSingleInstanceLock() {
    return state.lock;
  }
  whenReady() {
    return new Promise((resolve) =>
      setImmediate(() => {
        state.ready = true;
        resolve();
      }),
    );
  }
  isReady() {
    return state.ready;
  }
  quit() {
    state.quits += 1;
    if (!state.ready) return;
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    const willQuit = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    this.emit('will-quit', willQuit);
    if (!willQuit.defaultPrevented) state.exits.push(0);
  }
  exit(code = 0) {
    state.exits.push(code);
  }
}
export const app = new App();

// ---------------------------------------------------------------------------------------------------
// windows and web contents

class WebContents extends EventEmitter {
  constructor(win) {
    super();
    this.win = win;
    this.openHandler = null;
    this.sent = [];
  }
  setWindowOpenHandler(fn) {
    this.openHandler = fn;
  }
  send(channel, payload) {
    this.sent.push({ channel, payload: structuredClone(payload) });
    for (const fn of state.rendererListeners.get(channel) ?? []) fn({ sender: null }, structuredClone(payload));
  }
  isDestroyed() {
    return false;
  }
}

export class BrowserWindow extends EventEmitter {
  constructor(options = {}) {
    needsReady('new BrowserWindow()');
    super();
    this.options = options;
    this.url = null;
    this.minimized = false;
    this.focused = 0;
    this.restored = 0;
    this.webContents = new WebContents(this);
    state.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url) {
    this.url = url;
    return Promise.resolve();
  }
  show() {}
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
    this.restored += 1;
  }
  focus() {
    this.focused += 1;
  }
  static getFocusedWindow() {
    return null;
  }
  static getAllWindows() {
    return state.windows;
  }
}

// ---------------------------------------------------------------------------------------------------
// menus

const ROLES = new Set(
  'undo redo cut copy paste pasteAndMatchStyle delete selectAll reload forceReload toggleDevTools resetZoom zoomIn zoomOut toggleSpellChecker togglefullscreen window minimize close help about services hide hideOthers unhide quit showSubstitutions toggleSmartQuotes toggleSmartDashes toggleTextReplacement startSpeaking stopSpeaking zoom front appMenu fileMenu editMenu viewMenu shareMenu recentDocuments toggleTabBar selectNextTab selectPreviousTab showAllTabs mergeAllWindows clearRecentDocuments moveTabToNewWindow windowMenu'.split(
    ' ',
  ),
);
const MODIFIERS = new Set([
  'command',
  'cmd',
  'control',
  'ctrl',
  'commandorcontrol',
  'cmdorctrl',
  'alt',
  'option',
  'altgr',
  'shift',
  'super',
  'meta',
]);
const NAMED_KEYS = new Set(
  'plus space tab capslock numlock scrolllock backspace delete insert return enter up down left right home end pageup pagedown escape esc volumeup volumedown volumemute medianexttrack mediaprevioustrack mediastop mediaplaypause printscreen numdec numadd numsub nummult numdiv'.split(
    ' ',
  ),
);
const TYPES = new Set(['normal', 'separator', 'submenu', 'checkbox', 'radio', 'header', 'palette']);

/** An Electron accelerator: modifiers joined by "+" and one key. Throws with the reason when invalid. */
export function checkAccelerator(accelerator) {
  const parts = accelerator.split('+');
  // "CmdOrCtrl+Plus" spells the plus key; a trailing "+" would be an empty key.
  const key = parts.pop();
  if (!key) throw new Error(`Accelerator "${accelerator}" has no key`);
  if (parts.length === 0) {
    // A bare key is allowed (F-keys etc.).
  }
  const seen = new Set();
  for (const mod of parts) {
    const m = mod.toLowerCase();
    if (!MODIFIERS.has(m)) throw new Error(`Accelerator "${accelerator}": "${mod}" is not a modifier`);
    if (seen.has(m)) throw new Error(`Accelerator "${accelerator}" repeats "${mod}"`);
    seen.add(m);
  }
  const k = key.toLowerCase();
  const ok =
    /^[a-z0-9]$/.test(k) ||
    /^f([1-9]|1[0-9]|2[0-4])$/.test(k) ||
    /^num[0-9]$/.test(k) ||
    NAMED_KEYS.has(k) ||
    /^[)!@#$%^&*(:;=<,_\->.?/~`{\][|\\}"']$/.test(key);
  if (!ok) throw new Error(`Accelerator "${accelerator}": "${key}" is not a key Electron knows`);
}

function normalisedAccelerator(accelerator, platform) {
  const mac = platform === 'darwin';
  return accelerator
    .split('+')
    .map((p) => {
      const l = p.toLowerCase();
      if (l === 'cmdorctrl' || l === 'commandorcontrol') return mac ? 'cmd' : 'ctrl';
      if (l === 'command') return 'cmd';
      if (l === 'control') return 'ctrl';
      return l;
    })
    .sort()
    .join('+');
}

function checkTemplate(items, where, accelerators) {
  if (!Array.isArray(items)) throw new Error(`${where}: a menu template must be an array`);
  items.forEach((item, i) => {
    const at = `${where} > ${item.label ?? item.role ?? item.type ?? `item ${i + 1}`}`;
    if (item.type !== undefined && !TYPES.has(item.type)) throw new Error(`${at}: unknown type "${item.type}"`);
    if (item.role !== undefined && !ROLES.has(item.role)) throw new Error(`${at}: unknown role "${item.role}"`);
    if (item.type !== 'separator' && item.role === undefined && !item.label && !item.submenu)
      throw new Error(`${at}: an item needs a label or a role`);
    if (item.click !== undefined && typeof item.click !== 'function')
      throw new Error(`${at}: click must be a function`);
    if (item.accelerator !== undefined) {
      checkAccelerator(item.accelerator);
      const key = normalisedAccelerator(item.accelerator, process.platform);
      if (accelerators.has(key))
        throw new Error(`${at}: accelerator ${item.accelerator} is also used by ${accelerators.get(key)}`);
      accelerators.set(key, at);
    }
    if (item.submenu !== undefined) checkTemplate(item.submenu, at, accelerators);
  });
}

export const Menu = {
  buildFromTemplate(template) {
    checkTemplate(template, 'Menu', new Map());
    return { template };
  },
  setApplicationMenu(menu) {
    needsReady('Menu.setApplicationMenu');
    state.menu = menu;
  },
};

// ---------------------------------------------------------------------------------------------------
// protocol, net, session

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    if (state.ready) throw new Error('protocol.registerSchemesAsPrivileged must be called before the app is ready.');
    state.schemes.push(...schemes);
  },
  handle(scheme, handler) {
    needsReady('protocol.handle');
    if (!state.schemes.some((s) => s.scheme === scheme))
      throw new Error(`protocol.handle("${scheme}"): the scheme was never registered as privileged`);
    state.protocolHandlers.set(scheme, handler);
  },
};

export const net = {
  async fetch(url) {
    needsReady('net.fetch');
    const { protocol: p } = new URL(url);
    if (p !== 'file:') throw new Error(`net.fetch: the fake only serves file:// URLs, not ${url}`);
    const file = fileURLToPath(url);
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new Error('net::ERR_FILE_NOT_FOUND');
    return new Response(fs.readFileSync(file), { status: 200 });
  },
};

const defaultSession = {
  webRequest: {
    onHeadersReceived(fn) {
      state.headersHook = fn;
    },
  },
  setPermissionRequestHandler(fn) {
    state.permissionHandler = fn;
  },
  setPermissionCheckHandler(fn) {
    state.permissionCheck = fn;
  },
};
export const session = {
  get defaultSession() {
    needsReady('session.defaultSession');
    return defaultSession;
  },
};

// ---------------------------------------------------------------------------------------------------
// dialogs and the shell

export const dialog = {
  async showMessageBox(...args) {
    needsReady('dialog.showMessageBox');
    const options = args.at(-1);
    if (!options || typeof options.message !== 'string' || !options.message)
      throw new Error('dialog.showMessageBox: options.message is required');
    state.dialogs.push(options);
    const response = state.messageBoxResponses.shift() ?? 0;
    const buttons = options.buttons ?? ['OK'];
    if (response >= buttons.length)
      throw new Error(`dialog.showMessageBox: the test answers button ${response}, but the box has ${buttons.length}`);
    return { response };
  },
  showErrorBox(title, body) {
    state.errors.push(`${title}: ${body}`);
  },
  async showSaveDialog(...args) {
    needsReady('dialog.showSaveDialog');
    state.dialogs.push(args.at(-1));
    const filePath = state.saveDialogPaths.length ? state.saveDialogPaths.shift() : state.saveDialogPath;
    return filePath ? { canceled: false, filePath } : { canceled: true, filePath: '' };
  },
  async showOpenDialog(...args) {
    needsReady('dialog.showOpenDialog');
    state.dialogs.push(args.at(-1));
    return state.openDialogPath
      ? { canceled: false, filePaths: [state.openDialogPath] }
      : { canceled: true, filePaths: [] };
  },
};

export const shell = {
  showItemInFolder(file) {
    state.shown.push(file);
  },
  async openExternal(url) {
    state.external.push(url);
  },
  async openPath() {
    return '';
  },
};

// ---------------------------------------------------------------------------------------------------
// IPC: the main side, and the renderer side the preload uses

export const ipcMain = {
  handle(channel, fn) {
    if (state.ipc.has(channel)) throw new Error(`ipcMain.handle: a second handler for "${channel}"`);
    state.ipc.set(channel, fn);
  },
  removeHandler(channel) {
    state.ipc.delete(channel);
  },
};

/** The event a call from the app's own top-level page carries. */
function trustedInvokeEvent() {
  const win = state.windows[0];
  return {
    senderFrame: { url: win?.url ?? 'app://planwright/index.html', parent: null },
    sender: win?.webContents ?? { send() {}, isDestroyed: () => false },
  };
}

export const ipcRenderer = {
  async invoke(channel, ...args) {
    const handler = state.ipc.get(channel);
    if (!handler)
      throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    return structuredClone(await handler(trustedInvokeEvent(), ...args.map((a) => structuredClone(a))));
  },
  on(channel, fn) {
    if (!state.rendererListeners.has(channel)) state.rendererListeners.set(channel, new Set());
    state.rendererListeners.get(channel).add(fn);
    return ipcRenderer;
  },
  removeListener(channel, fn) {
    state.rendererListeners.get(channel)?.delete(fn);
    return ipcRenderer;
  },
};

export const contextBridge = {
  exposeInMainWorld(key, api) {
    if (state.exposed.has(key)) throw new Error(`contextBridge: "${key}" is already exposed`);
    state.exposed.set(key, api);
  },
};

// ---------------------------------------------------------------------------------------------------
// utility processes and MessageChannelMain

/** Electron's MessagePortMain over a Node MessagePort: 'message' events carry `{ data, ports }`. */
class MessagePortMain extends EventEmitter {
  constructor(port) {
    super();
    this.port = port;
    this.listening = false;
  }
  on(event, listener) {
    // Listen on the Node port only when used here: a port sent to the utility process must not be drained.
    if (event === 'message' && !this.listening) {
      this.listening = true;
      this.port.on('message', (data) => this.emit('message', { data, ports: [] }));
    }
    return super.on(event, listener);
  }
  postMessage(message) {
    this.port.postMessage(structuredClone(message));
  }
  start() {
    this.port.start();
  }
  close() {
    this.port.close();
  }
}

export class MessageChannelMain {
  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port1 = new MessagePortMain(port1);
    this.port2 = new MessagePortMain(port2);
  }
}

/** Runs in the worker: Electron's process.parentPort, and a count of the worker threads the bundle starts. */
const UTILITY_BOOTSTRAP = `
const { parentPort, workerData } = require('node:worker_threads');
const wt = require('node:worker_threads');
const Real = wt.Worker;
wt.Worker = class extends Real {
  constructor(...args) {
    super(...args);
    parentPort.postMessage({ __workerStarted: String(args[0]).slice(0, 200) });
  }
};
require('node:module').syncBuiltinESMExports();
const { EventEmitter } = require('node:events');
class PortMain extends EventEmitter {
  constructor(port) { super(); this.port = port; port.on('message', (data) => this.emit('message', { data, ports: [] })); }
  postMessage(message) { this.port.postMessage(message); }
  start() { this.port.start(); }
  close() { this.port.close(); }
}
const parent = new EventEmitter();
// Messages wait until the utility bundle listens (its module loads asynchronously).
const queued = [];
const deliver = (m) => parent.emit('message', { data: m.data, ports: m.ports.map((p) => new PortMain(p)) });
parentPort.on('message', (m) => (parent.listenerCount('message') ? deliver(m) : queued.push(m)));
parent.on('newListener', (event) => event === 'message' && setImmediate(() => queued.splice(0).forEach(deliver)));
parent.postMessage = (data) => parentPort.postMessage({ data });
process.parentPort = parent;
import(workerData.url).catch((error) => { console.error(error); process.exit(1); });
`;

/** safeStorage: a reversible stand-in for the system keychain (state.keychain says whether there is one). */
const KEYCHAIN_MARK = 'fake-keychain:';
export const safeStorage = {
  isEncryptionAvailable() {
    needsReady('safeStorage.isEncryptionAvailable');
    return state.keychain;
  },
  encryptString(text) {
    needsReady('safeStorage.encryptString');
    if (!state.keychain) throw new Error('Error while encrypting the text provided to safeStorage.encryptString.');
    return Buffer.from(KEYCHAIN_MARK + Buffer.from(text).toString('base64'));
  },
  decryptString(data) {
    needsReady('safeStorage.decryptString');
    const s = Buffer.from(data).toString();
    if (!state.keychain || !s.startsWith(KEYCHAIN_MARK)) throw new Error('Error while decrypting the ciphertext.');
    return Buffer.from(s.slice(KEYCHAIN_MARK.length), 'base64').toString();
  },
};

export const utilityProcess = {
  fork(modulePath, _args = [], options = {}) {
    needsReady('utilityProcess.fork');
    if (!fs.existsSync(modulePath)) throw new Error(`utilityProcess.fork: ${modulePath} does not exist`);
    const worker = new Worker(UTILITY_BOOTSTRAP, {
      eval: true,
      workerData: { url: pathToFileURL(modulePath).href },
      env: { ...process.env, ...(options.env ?? {}) },
    });
    const child = new EventEmitter();
    state.utility.push({ modulePath, serviceName: options.serviceName, exited: null });
    const record = state.utility.at(-1);
    worker.on('message', (m) => {
      if (m && typeof m === 'object' && '__workerStarted' in m) {
        state.workers.push(m.__workerStarted);
        state.workerOrigins.push('utility');
      } else child.emit('message', m?.data);
    });
    worker.on('error', (error) => state.errors.push(`utility process: ${error.message}`));
    worker.on('exit', (code) => {
      record.exited = code;
      child.emit('exit', code);
    });
    child.pid = worker.threadId;
    child.postMessage = (message, transfer = []) => {
      const ports = transfer.map((p) => p.port);
      worker.postMessage({ data: structuredClone(message), ports }, ports);
    };
    child.kill = () => {
      void worker.terminate();
      return true;
    };
    return child;
  },
};

export default {
  app,
  BrowserWindow,
  Menu,
  protocol,
  net,
  session,
  dialog,
  shell,
  ipcMain,
  ipcRenderer,
  contextBridge,
  utilityProcess,
  MessageChannelMain,
  safeStorage,
};
