import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { contentTypeFor, resolveAppFile } from '../../electron/main/app-protocol';
import { buildCsp } from '../../electron/main/csp';
import { buildMenuTemplate } from '../../electron/main/menu';
import { defaultDbPath, userDataDir } from '../../electron/main/paths';
import { builtPaths, isExternalLink, secureWebPreferences } from '../../electron/main/security';
import { storeErrorDialog } from '../../electron/main/store-error';
import { sqliteBinding } from '../../electron/main/native-binding';

const root = path.resolve('/srv/renderer');

describe('resolveAppFile', () => {
  it('maps app URLs to files under the renderer folder', () => {
    expect(resolveAppFile(root, 'app://planwright/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://planwright/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://planwright/assets/index-abc.js?v=1#x')).toBe(
      path.join(root, 'assets', 'index-abc.js'),
    );
    expect(resolveAppFile(root, '/assets/My%20Font.woff2')).toBe(path.join(root, 'assets', 'My Font.woff2'));
    // Client-side routes answer the page.
    expect(resolveAppFile(root, 'app://planwright/plans/123')).toBe(path.join(root, 'index.html'));
  });

  it.each([
    'app://planwright/..%2f..%2fetc%2fpasswd.txt',
    'app://planwright/..%5c..%5cwindows%5cwin.ini',
    'app://planwright/C:/Windows/win.ini',
    'app://planwright/a%00.js',
    'app://planwright/%E0%A4%A.js',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });

  it('never answers a path outside the root', () => {
    // The URL parser itself folds dot segments, so these land inside the root (or are refused).
    for (const url of [
      'app://planwright/../secret.txt',
      'app://planwright/%2e%2e/secret.txt',
      'app://planwright/assets/%2E%2E/%2E%2E/etc/passwd.txt',
      '/../../etc/passwd.txt',
      '/..',
      '/../',
      '/./../x.js',
      '/a/../../x.js',
      '/%2e%2e%2fx.js',
      '//etc/passwd.js',
    ]) {
      const resolved = resolveAppFile(root, url);
      expect(resolved === null || resolved.startsWith(root + path.sep)).toBe(true);
    }
  });

  it('answers content types by extension', () => {
    expect(contentTypeFor('a/index.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('x.JS')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('x.woff2')).toBe('font/woff2');
    expect(contentTypeFor('x.unknown')).toBe('application/octet-stream');
  });
});

describe('buildCsp', () => {
  const directives = (csp: string) => new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

  it('allows only the app itself in production', () => {
    const d = directives(buildCsp());
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(buildCsp()).not.toContain('unsafe-eval');
  });

  it('allows no inline styles in production (React style props use the CSSOM); the dev server needs them', () => {
    expect(directives(buildCsp()).get('style-src')).toEqual(["'self'"]);
    expect(directives(buildCsp({ devServerUrl: 'http://localhost:5173' })).get('style-src')).toEqual([
      "'self'",
      "'unsafe-inline'",
    ]);
    expect(directives(buildCsp()).get('base-uri')).toEqual(["'none'"]);
    expect(directives(buildCsp()).get('form-action')).toEqual(["'none'"]);
  });

  it('adds the dev server and its socket in development only', () => {
    const d = directives(buildCsp({ devServerUrl: 'http://localhost:5173' }));
    expect(d.get('script-src')).toContain('http://localhost:5173');
    expect(d.get('connect-src')).toContain('ws://localhost:5173');
    expect(buildCsp({ devServerUrl: 'http://localhost:5173' })).not.toContain('unsafe-eval');
  });
});

describe('buildMenuTemplate', () => {
  const items = (menu: MenuItemConstructorOptions[]) =>
    menu.flatMap((m) => (Array.isArray(m.submenu) ? m.submenu : []));
  const labelled = (menu: MenuItemConstructorOptions[], label: string) => items(menu).find((i) => i.label === label);

  it('File › Move plan store… (handled in the main process) on every platform, only where the app offers it', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const moveStore = vi.fn();
      const send = vi.fn();
      const menu = buildMenuTemplate({ platform, send, showAbout: vi.fn(), moveStore });
      const file = menu.find((m) => m.label === '&File')!.submenu as MenuItemConstructorOptions[];
      const item = file.find((i) => i.label === 'Move plan store…')!;
      expect(item, platform).toBeDefined();
      expect(item.accelerator).toBeUndefined();
      // After the export commands, before Settings and Quit.
      expect(file.indexOf(item)).toBeGreaterThan(file.findIndex((i) => i.label === 'Covering report…'));
      (item.click as () => void)();
      expect(moveStore).toHaveBeenCalledOnce();
      expect(send).not.toHaveBeenCalled();
    }
    expect(
      labelled(buildMenuTemplate({ platform: 'linux', send: vi.fn(), showAbout: vi.fn() }), 'Move plan store…'),
    ).toBeUndefined();
  });

  it('has File, Edit, View and Help with the commands the renderer handles', () => {
    const send = vi.fn();
    const showAbout = vi.fn();
    const menu = buildMenuTemplate({ platform: 'linux', send, showAbout });
    expect(menu.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    for (const [label, command] of [
      ['New plan…', 'newPlan'],
      ['Import…', 'import'],
      ['Export appendix…', 'export'],
      ['Covering report…', 'coveringReport'],
      ['Undo', 'undo'],
      ['Redo', 'redo'],
      ['Find…', 'search'],
    ] as const) {
      const item = labelled(menu, label);
      expect(item, label).toBeDefined();
      (item!.click as () => void)();
      expect(send).toHaveBeenLastCalledWith(command);
    }
    expect(items(menu).some((i) => i.role === 'quit')).toBe(true);
    (labelled(menu, 'About Planwright')!.click as () => void)();
    expect(showAbout).toHaveBeenCalledOnce();
    // Copy and paste still work in text fields.
    expect(items(menu).filter((i) => ['cut', 'copy', 'paste'].includes(String(i.role)))).toHaveLength(3);
  });

  it('uses the application menu on macOS and adds developer tools only in development', () => {
    const mac = buildMenuTemplate({ platform: 'darwin', send: vi.fn(), showAbout: vi.fn() });
    expect(mac[0]!.label).toBe('Planwright');
    expect(items(mac).some((i) => i.role === 'toggleDevTools')).toBe(false);
    const dev = buildMenuTemplate({ platform: 'win32', send: vi.fn(), showAbout: vi.fn(), dev: true });
    expect(items(dev).some((i) => i.role === 'toggleDevTools')).toBe(true);
  });
});

describe('paths', () => {
  it("matches Electron's userData for Planwright on each platform", () => {
    expect(defaultDbPath('linux', {}, '/home/ann')).toBe('/home/ann/.config/Planwright/planwright.sqlite');
    expect(defaultDbPath('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/ann')).toBe('/cfg/Planwright/planwright.sqlite');
    expect(defaultDbPath('darwin', {}, '/Users/ann')).toBe(
      '/Users/ann/Library/Application Support/Planwright/planwright.sqlite',
    );
    expect(defaultDbPath('win32', { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'C:\\Users\\ann')).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\Planwright\\planwright.sqlite',
    );
    expect(userDataDir('linux', {}, '/home/ann')).toBe('/home/ann/.config/Planwright');
  });
});

describe('window security', () => {
  it('isolates and sandboxes the page', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs');
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
  });

  it('opens only web and mail links outside the app', () => {
    expect(isExternalLink('https://www.gov.uk/')).toBe(true);
    expect(isExternalLink('mailto:a@b.gov.uk')).toBe(true);
    expect(isExternalLink('http://insecure.example/')).toBe(false);
    expect(isExternalLink('file:///etc/passwd')).toBe(false);
    expect(isExternalLink('javascript:alert(1)')).toBe(false);
  });

  it('finds the built preload and renderer beside the main bundle', () => {
    const p = builtPaths(path.join('/app', 'out', 'main'));
    expect(p.preload).toBe(path.join('/app', 'out', 'preload', 'index.cjs'));
    expect(p.renderer).toBe(path.join('/app', 'out', 'renderer'));
  });
});

describe('storeErrorDialog', () => {
  it('explains a newer schema and a damaged store with its backup', () => {
    const newer = storeErrorDialog(
      {
        code: 'newer_schema',
        message: 'This plan store was written by a newer version of Planwright.',
        backupPath: null,
      },
      '/d/planwright.sqlite',
    );
    expect(newer.title).toBe('Planwright needs updating');
    expect(newer.detail).toContain('newer version');
    expect(newer.detail).toContain('/d/planwright.sqlite');
    const corrupt = storeErrorDialog(
      { code: 'corrupt', message: 'The plan store is damaged.', backupPath: '/d/planwright.sqlite.backup-v1-x.sqlite' },
      '/d/planwright.sqlite',
    );
    expect(corrupt.title).toBe('Your plan store is damaged');
    expect(corrupt.detail).toContain('The newest backup is /d/planwright.sqlite.backup-v1-x.sqlite.');
    expect(corrupt.buttons).toEqual(['Quit', 'Show in folder']);
  });
});

describe('native-binding.ts (which better-sqlite3 the main process loads)', () => {
  const base = {
    mainDir: '/opt/Planwright/resources/app.asar/out/main',
    electronVersion: '45.4.1',
    platform: 'linux',
    arch: 'x64',
  };
  it('in development uses the Electron build that npm start names', () => {
    expect(
      sqliteBinding({
        ...base,
        isPackaged: false,
        env: { PLANWRIGHT_SQLITE_BINDING: '/repo/out/native/x.node' },
        exists: () => true,
      }),
    ).toBe('/repo/out/native/x.node');
    expect(sqliteBinding({ ...base, isPackaged: false, env: {}, exists: () => true })).toBeUndefined();
  });
  it('packaged, ignores PLANWRIGHT_SQLITE_BINDING and loads only the copy shipped unpacked beside app.asar', () => {
    const seen: string[] = [];
    const shipped = sqliteBinding({
      ...base,
      isPackaged: true,
      env: { PLANWRIGHT_SQLITE_BINDING: '/tmp/evil.node' },
      exists: (f) => (seen.push(f), true),
    });
    expect(shipped).toBe(
      '/opt/Planwright/resources/app.asar.unpacked/out/native/electron-45.4.1-linux-x64/better_sqlite3.node',
    );
    expect(
      sqliteBinding({
        ...base,
        isPackaged: true,
        env: { PLANWRIGHT_SQLITE_BINDING: '/tmp/evil.node' },
        exists: () => false,
      }),
    ).toBeUndefined();
  });
});
