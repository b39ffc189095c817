/**
 * The Electron main process, started against a fake `electron` module (the real binary cannot run
 * here): checks the start-up wiring end to end with a real store in a temporary userData folder —
 * the sample plan on first run, IPC through the dispatcher with the sender check, the window's
 * security settings, navigation rules, the app:// protocol and its CSP, and the store-error dialog.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { channels } from '../../shared/contract';

interface FakeWindow {
  opts: { webPreferences: Record<string, unknown> };
  url: string | null;
  contentsHandlers: Map<string, (...args: unknown[]) => void>;
  openHandler: ((details: { url: string }) => { action: string }) | null;
}

const state = vi.hoisted(() => ({
  appData: '',
  userData: '',
  name: '',
  ipc: new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>(),
  protocolHandler: null as null | ((request: Request) => Promise<Response>),
  headersHook: null as
    null | ((details: { responseHeaders: Record<string, string[]> }, cb: (r: unknown) => void) => void),
  permissionHandler: null as null | ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void),
  permissionCheck: null as null | ((...args: unknown[]) => boolean),
  /** What requestSingleInstanceLock answers (false: another copy is running). */
  lock: true,
  /** Whether the fake safeStorage has a keychain. */
  keychain: false,
  /** safeStorage calls made (in the main process). */
  keychainCalls: [] as string[],
  menu: null as unknown,
  windows: [] as FakeWindow[],
  dialogs: [] as { title?: string; message?: string; detail?: string; buttons?: string[]; defaultPath?: string }[],
  /** What the next save dialogs answer (null: cancelled); empty: cancelled. */
  savePaths: [] as (string | null)[],
  /** The buttons the next message boxes answer; empty: 0. */
  responses: [] as number[],
  /** What the window was sent (channel, payload). */
  sent: [] as { channel: string; payload: unknown }[],
  errorBoxes: [] as string[],
  external: [] as string[],
  fetched: [] as string[],
  quit: 0,
  exits: [] as number[],
  forked: [] as string[],
  ports: [] as { close(): void }[],
  appEvents: new Map<string, (event?: unknown, arg?: unknown) => void>(),
}));

vi.mock('electron', async () => {
  // The store's utility process runs in this process here: the real server (electron/utility/server.ts)
  // on a worker_threads MessageChannel, wrapped to look like Electron's MessagePortMain.
  const { MessageChannel } = await import('node:worker_threads');
  const { EventEmitter } = await import('node:events');
  const { serveStore } = await import('../../electron/utility/server');
  type NodePort = InstanceType<typeof MessageChannel>['port1'];
  const wrap = (port: NodePort) => ({
    port,
    postMessage: (message: unknown) => port.postMessage(message),
    on: (_event: 'message', fn: (event: { data: unknown }) => void) =>
      port.on('message', (data: unknown) => fn({ data })),
    start: () => port.start(),
    close: () => port.close(),
  });
  class MessageChannelMain {
    port1: ReturnType<typeof wrap>;
    port2: ReturnType<typeof wrap>;
    constructor() {
      const { port1, port2 } = new MessageChannel();
      this.port1 = wrap(port1);
      this.port2 = wrap(port2);
      state.ports.push(port1, port2);
    }
  }
  const utilityProcess = {
    fork: (modulePath: string) => {
      state.forked.push(modulePath);
      const child = Object.assign(new EventEmitter(), {
        postMessage: (_message: unknown, ports: ReturnType<typeof wrap>[]) => {
          const port = ports[0]!;
          serveStore({
            postMessage: (m) => port.postMessage(m),
            onMessage: (fn) => port.on('message', (e) => fn(e.data)),
          });
          port.start();
        },
        kill: () => true,
      });
      // The utility process says it is listening (electron/utility/index.ts).
      setImmediate(() => child.emit('message', { type: 'ready' }));
      return child;
    },
  };

  class BrowserWindow implements FakeWindow {
    url: string | null = null;
    contentsHandlers = new Map<string, (...args: unknown[]) => void>();
    openHandler: FakeWindow['openHandler'] = null;
    minimized = true;
    focused = 0;
    isMinimized() {
      return this.minimized;
    }
    restore() {
      this.minimized = false;
    }
    focus() {
      this.focused += 1;
    }
    webContents = {
      on: (event: string, fn: (...args: unknown[]) => void) => this.contentsHandlers.set(event, fn),
      setWindowOpenHandler: (fn: FakeWindow['openHandler']) => {
        this.openHandler = fn;
      },
      send: (channel: string, payload: unknown) => state.sent.push({ channel, payload }),
    };
    constructor(public opts: FakeWindow['opts']) {
      state.windows.push(this);
      state.appEvents.get('web-contents-created')?.({}, this.webContents);
    }
    once() {}
    on() {}
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
    static getFocusedWindow() {
      return null;
    }
    static getAllWindows() {
      return state.windows;
    }
  }
  const app = {
    isPackaged: false,
    setName: (name: string) => {
      state.name = name;
    },
    getPath: (name: string) => (name === 'appData' ? state.appData : state.userData),
    setPath: (name: string, value: string) => {
      if (name === 'userData') state.userData = value;
    },
    getVersion: () => '0.0.0-test',
    requestSingleInstanceLock: () => state.lock,
    on: (event: string, fn: (event?: unknown, arg?: unknown) => void) => {
      state.appEvents.set(event, fn);
      return app;
    },
    whenReady: () => Promise.resolve(),
    quit: () => {
      state.quit += 1;
    },
    exit: (code: number) => {
      state.exits.push(code);
    },
  };
  return {
    safeStorage: {
      isEncryptionAvailable: () => {
        state.keychainCalls.push('available');
        return state.keychain;
      },
      encryptString: (t: string) => {
        state.keychainCalls.push('encrypt');
        return Buffer.from(`sealed:${Buffer.from(t).toString('hex')}`);
      },
      decryptString: (b: Buffer) => {
        state.keychainCalls.push('decrypt');
        return Buffer.from(b.toString().slice('sealed:'.length), 'hex').toString();
      },
    },
    app,
    utilityProcess,
    MessageChannelMain,
    BrowserWindow,
    dialog: {
      showMessageBox: async (...args: unknown[]) => {
        state.dialogs.push(args[args.length - 1] as { title?: string; detail?: string });
        return { response: state.responses.shift() ?? 0 };
      },
      showSaveDialog: async (...args: unknown[]) => {
        state.dialogs.push(args[args.length - 1] as { title?: string; defaultPath?: string });
        const filePath = state.savePaths.shift() ?? null;
        return filePath ? { canceled: false, filePath } : { canceled: true, filePath: '' };
      },
      showErrorBox: (title: string, body: string) => state.errorBoxes.push(`${title}: ${body}`),
    },
    ipcMain: {
      handle: (channel: string, fn: (event: unknown, payload: unknown) => Promise<unknown>) =>
        state.ipc.set(channel, fn),
      removeHandler: (channel: string) => state.ipc.delete(channel),
    },
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (menu: unknown) => {
        state.menu = menu;
      },
    },
    net: {
      fetch: async (url: string) => {
        state.fetched.push(url);
        if (url.includes('missing')) throw new Error('net::ERR_FILE_NOT_FOUND');
        return new Response('<!doctype html><title>Planwright</title>', { status: 200 });
      },
    },
    protocol: {
      registerSchemesAsPrivileged: () => undefined,
      handle: (_scheme: string, fn: (request: Request) => Promise<Response>) => {
        state.protocolHandler = fn;
      },
    },
    session: {
      defaultSession: {
        webRequest: {
          onHeadersReceived: (fn: typeof state.headersHook) => {
            state.headersHook = fn;
          },
        },
        setPermissionRequestHandler: (fn: typeof state.permissionHandler) => {
          state.permissionHandler = fn;
        },
        setPermissionCheckHandler: (fn: typeof state.permissionCheck) => {
          state.permissionCheck = fn;
        },
      },
    },
    shell: {
      openExternal: async (url: string) => {
        state.external.push(url);
      },
      showItemInFolder: () => undefined,
      openPath: async () => '',
    },
  };
});

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-main-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function reset(appData: string) {
  Object.assign(state, {
    appData,
    userData: path.join(appData, 'electron-default'),
    name: '',
    protocolHandler: null,
    headersHook: null,
    permissionHandler: null,
    permissionCheck: null,
    menu: null,
    quit: 0,
    lock: true,
  });
  state.ipc.clear();
  state.appEvents.clear();
  for (const port of state.ports) port.close();
  for (const list of [
    state.windows,
    state.dialogs,
    state.errorBoxes,
    state.external,
    state.fetched,
    state.exits,
    state.forked,
    state.ports,
    state.savePaths,
    state.responses,
    state.sent,
  ])
    list.length = 0;
}

async function startMain() {
  vi.resetModules();
  await import('../../electron/main/index');
  await vi.waitFor(() => expect(state.windows.length + state.quit + state.errorBoxes.length).toBeGreaterThan(0), {
    timeout: 20_000,
  });
  expect(state.errorBoxes).toEqual([]);
}

/** Quits the way Electron does: will-quit, which may hold the exit until the store has closed. */
async function quitApp(): Promise<{ prevented: boolean }> {
  const handler = state.appEvents.get('will-quit');
  if (!handler) return { prevented: false };
  let prevented = false;
  handler({ preventDefault: () => (prevented = true) });
  if (prevented) await vi.waitFor(() => expect(state.exits).toEqual([0]));
  return { prevented };
}

const trustedEvent = () => ({
  senderFrame: { url: 'app://planwright/index.html', parent: null },
  sender: { send: () => undefined },
});

describe('electron/main/index.ts with a fake Electron', () => {
  beforeEach(() => reset(fs.mkdtempSync(path.join(tmp, 'appdata-'))));
  // Closes the store the way quitting the app does.
  afterEach(async () => {
    await quitApp();
  });

  it('opens the store in userData, creates the sample plan once, and answers IPC through the dispatcher', async () => {
    await startMain();
    expect(state.name).toBe('Planwright');
    expect(state.userData).toBe(path.join(state.appData, 'Planwright'));
    expect(fs.existsSync(path.join(state.userData, 'planwright.sqlite'))).toBe(true);
    // The store runs in the utility process started from the built utility.js beside the main bundle.
    expect(state.forked).toHaveLength(1);
    expect(state.forked[0]).toMatch(/main[/\\]utility\.js$/);

    expect([...state.ipc.keys()].sort()).toEqual([...channels].sort());
    const list = (await state.ipc.get('plans:list')!(trustedEvent(), {})) as {
      ok: boolean;
      value: { title: string }[];
    };
    expect(list.ok).toBe(true);
    expect(list.value).toHaveLength(1);

    const bad = await state.ipc.get('plans:create')!(trustedEvent(), { title: '', template: 'blank' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const foreign = await state.ipc.get('plans:list')!(
      { senderFrame: { url: 'https://evil.example/', parent: null }, sender: { send: () => undefined } },
      {},
    );
    expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // A second start on the same store does not add the sample again.
    // Quitting holds the exit until the store has closed: its WAL is checkpointed and removed first.
    expect(await quitApp()).toEqual({ prevented: true });
    expect(fs.existsSync(path.join(state.userData, 'planwright.sqlite-wal'))).toBe(false);
    reset(state.appData);
    await startMain();
    const again = (await state.ipc.get('plans:list')!(trustedEvent(), {})) as { ok: boolean; value: unknown[] };
    expect(again.value).toHaveLength(1);
  });

  it('opens one secure window on app://, refuses navigation and new windows, and serves files with the CSP', async () => {
    await startMain();
    const [win] = state.windows;
    expect(win!.url).toBe('app://planwright/index.html');
    expect(win!.opts.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(String(win!.opts.webPreferences.preload)).toMatch(/preload[/\\]index\.cjs$/);

    const prevent = vi.fn();
    win!.contentsHandlers.get('will-navigate')!({ preventDefault: prevent }, 'https://evil.example/');
    expect(prevent).toHaveBeenCalledOnce();
    const allow = vi.fn();
    win!.contentsHandlers.get('will-navigate')!({ preventDefault: allow }, 'app://planwright/index.html');
    expect(allow).not.toHaveBeenCalled();
    expect(win!.openHandler!({ url: 'https://www.gov.uk/' })).toEqual({ action: 'deny' });
    expect(win!.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(state.external).toEqual(['https://www.gov.uk/']);

    const page = await state.protocolHandler!(new Request('app://planwright/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(state.fetched[0]).toMatch(/^file:\/\/.*index\.html$/);
    expect((await state.protocolHandler!(new Request('app://planwright/..%2f..%2fetc%2fpasswd.txt'))).status).toBe(404);
    expect((await state.protocolHandler!(new Request('app://elsewhere/index.html'))).status).toBe(404);
    expect((await state.protocolHandler!(new Request('app://planwright/assets/missing.js'))).status).toBe(404);

    let headers: unknown;
    state.headersHook!({ responseHeaders: {} }, (r) => (headers = r));
    expect(headers).toMatchObject({
      responseHeaders: { 'Content-Security-Policy': [expect.stringContaining("default-src 'self'")] },
    });
    const granted = vi.fn();
    state.permissionHandler!(null, 'geolocation', granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect(Array.isArray(state.menu)).toBe(true);
  });

  it('explains a plan store from a newer version in a dialog, quits, and leaves the file untouched', async () => {
    const dir = path.join(state.appData, 'Planwright');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'planwright.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE t (x); PRAGMA user_version = 999;');
    db.close();
    const before = fs.readFileSync(file);

    await startMain();
    expect(state.windows).toHaveLength(0);
    expect(state.quit).toBe(1);
    expect(state.dialogs[0]!.title).toBe('Planwright needs updating');
    expect(state.dialogs[0]!.detail).toContain('newer version of Planwright');
    expect(fs.readFileSync(file)).toEqual(before);
  });
  it('a second copy quits without opening the store; the first copy comes to the front instead', async () => {
    state.lock = false;
    await startMain();
    expect(state.quit).toBe(1);
    expect(state.windows).toHaveLength(0);
    expect(state.ipc.size).toBe(0);
    expect(fs.existsSync(path.join(state.userData, 'planwright.sqlite'))).toBe(false);

    reset(state.appData);
    await startMain();
    const [win] = state.windows as unknown as { minimized: boolean; focused: number }[];
    state.appEvents.get('second-instance')!();
    expect(win).toMatchObject({ minimized: false, focused: 1 });
  });

  it('keeps the sync signing key with safeStorage in the main process (the utility process asks over its port); plain with a note without a keychain', async () => {
    const storedKey = () => {
      const db = new Database(path.join(state.userData, 'planwright.sqlite'), { readonly: true });
      try {
        const text = db.prepare("SELECT value FROM meta WHERE key = 'sync.device_keys'").pluck().get() as string;
        return JSON.parse(text) as { privateKey: string; publicKey: string };
      } finally {
        db.close();
      }
    };
    state.keychain = true;
    state.keychainCalls.length = 0;
    await startMain();
    const sealed = storedKey();
    expect(sealed.privateKey).toMatch(/^safe:/);
    const pem = Buffer.from(
      Buffer.from(sealed.privateKey.slice('safe:'.length), 'base64').toString().slice('sealed:'.length),
      'hex',
    ).toString();
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(state.keychainCalls).toEqual(['available', 'encrypt']);
    // Opened again: decrypted once into memory, the stored key unchanged.
    await quitApp();
    reset(state.appData);
    state.keychainCalls.length = 0;
    await startMain();
    expect(state.keychainCalls).toEqual(['available', 'decrypt']);
    expect(storedKey()).toEqual(sealed);

    // Without a keychain: the key is kept plain, and the log says so plainly.
    await quitApp();
    reset(fs.mkdtempSync(path.join(tmp, 'appdata-')));
    state.keychain = false;
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await startMain();
      await vi.waitFor(() =>
        expect(errors.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(
          /keychain \(Electron safeStorage\) is not available, so this device's signing key for update packs is kept unencrypted/,
        ),
      );
    } finally {
      errors.mockRestore();
    }
    const db = new Database(path.join(state.userData, 'planwright.sqlite'), { readonly: true });
    expect(db.prepare("SELECT value FROM meta WHERE key = 'sync.device_keys'").pluck().get()).toBeUndefined();
    db.close();
  });

  it('reports the Electron app version in app:info, and refuses permission checks as well as requests', async () => {
    await startMain();
    const info = (await state.ipc.get('app:info')!(trustedEvent(), {})) as {
      ok: boolean;
      value: { version: string; dbPath: string; schemaVersion: number };
    };
    expect(info.value.version).toBe('0.0.0-test');
    expect(info.value.dbPath).toBe(path.join(state.userData, 'planwright.sqlite'));
    expect(state.permissionCheck!(null, 'media', 'app://planwright', {})).toBe(false);
  });

  it('warns (app:info storeWarning) when the store it opens is inside a synced folder, and only then', async () => {
    await startMain();
    const quiet = (await state.ipc.get('app:info')!(trustedEvent(), {})) as { value: { storeWarning?: string | null } };
    expect(quiet.value.storeWarning ?? null).toBeNull();
    await quitApp();

    // The user's AppData redirected into OneDrive (a council's "known folder move").
    const synced = path.join(tmp, 'OneDrive - Northmoor Council', 'AppData');
    fs.mkdirSync(synced, { recursive: true });
    reset(fs.mkdtempSync(path.join(synced, 'roaming-')));
    await startMain();
    const info = (await state.ipc.get('app:info')!(trustedEvent(), {})) as {
      ok: boolean;
      value: { storeWarning?: string | null };
    };
    expect(info.ok).toBe(true);
    expect(info.value.storeWarning).toMatch(
      /^The plan store .+planwright\.sqlite looks like it is inside a OneDrive folder\./,
    );
    expect(info.value.storeWarning).toContain('Keep the plan store on this computer');
    // It still opens: a warning, not a refusal.
    expect(fs.existsSync(path.join(state.userData, 'planwright.sqlite'))).toBe(true);
    await quitApp();
  });

  it('File › Move plan store…: refuses a synced folder, moves to a local one, reopens there, and starts there next time', async () => {
    await startMain();
    const file = (state.menu as { label?: string; submenu?: { label?: string; click?: () => void }[] }[]).find(
      (m) => m.label === '&File',
    )!;
    const item = file.submenu!.find((i) => i.label === 'Move plan store…')!;
    expect(item).toBeDefined();
    const add = (await state.ipc.get('plans:create')!(trustedEvent(), {
      title: 'Moved with the store',
      template: 'blank',
    })) as {
      ok: boolean;
    };
    expect(add.ok).toBe(true);

    const synced = path.join(state.appData, 'OneDrive - Northmoor Council');
    const local = path.join(state.appData, 'Local');
    fs.mkdirSync(synced);
    fs.mkdirSync(local);
    state.savePaths.push(path.join(synced, 'planwright.sqlite'), path.join(local, 'plans.sqlite'));
    state.responses.push(0, 0);
    const old = path.join(state.userData, 'planwright.sqlite');
    item.click!();
    // A call from the window while the store moves waits, then reaches the store at its new place.
    const during = state.ipc.get('plans:list')!(trustedEvent(), {}) as Promise<{ ok: boolean; value: unknown[] }>;
    await vi.waitFor(() => expect(state.dialogs.some((d) => d.title === 'Plan store moved')).toBe(true), {
      timeout: 20_000,
    });
    expect((await during).value).toHaveLength(2);
    expect(state.dialogs.map((d) => d.title)).toEqual([
      'Move plan store',
      'Choose a folder that is not synced',
      'Move plan store',
      'Plan store moved',
    ]);
    expect(state.dialogs[0]!.defaultPath).not.toContain('OneDrive');
    expect(state.dialogs[1]!.buttons).toEqual(['Choose another place', 'Cancel']);
    expect(fs.readdirSync(synced)).toEqual([]);
    // Open at the new place: app:info names it, with no synced-folder warning; the window is told.
    const info = (await state.ipc.get('app:info')!(trustedEvent(), {})) as {
      value: { dbPath: string; storeWarning?: string | null };
    };
    expect(info.value.dbPath).toBe(path.join(local, 'plans.sqlite'));
    expect(info.value.storeWarning ?? null).toBeNull();
    expect(state.sent).toContainEqual({ channel: 'menu:command', payload: { command: 'storeMoved' } });
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.readdirSync(state.userData).some((n) => n.startsWith('planwright.sqlite.moved-'))).toBe(true);
    const record = JSON.parse(fs.readFileSync(path.join(state.userData, 'store-location.json'), 'utf8')) as {
      path: string;
    };
    expect(record.path).toBe(path.join(local, 'plans.sqlite'));

    // The next start opens the moved store (no new sample plan at the default place).
    await quitApp();
    reset(state.appData);
    await startMain();
    const list = (await state.ipc.get('plans:list')!(trustedEvent(), {})) as { value: { title: string }[] };
    expect(list.value.map((p) => p.title)).toContain('Moved with the store');
    expect(fs.existsSync(old)).toBe(false);

    // The moved store gone (a drive not connected): a clear dialog, Quit by default, no crash, nothing created.
    await quitApp();
    fs.renameSync(local, `${local}-unplugged`);
    reset(state.appData);
    await startMain();
    expect(state.windows).toHaveLength(0);
    expect(state.quit).toBe(1);
    expect(state.dialogs[0]).toMatchObject({
      title: 'Your plan store was not found',
      buttons: ['Quit', 'Try again', 'Use the copy at the old place'],
    });
    expect(fs.existsSync(path.join(local, 'plans.sqlite'))).toBe(false);
    // "Use the copy at the old place": back to the default place with the copy as it was at the move.
    reset(state.appData);
    state.responses.push(2);
    await startMain();
    expect(fs.existsSync(old)).toBe(true);
    expect(fs.existsSync(path.join(state.userData, 'store-location.json'))).toBe(false);
    const back = (await state.ipc.get('plans:list')!(trustedEvent(), {})) as { value: { title: string }[] };
    expect(back.value.map((p) => p.title)).toContain('Moved with the store');
  });
});
