/**
 * The window's security settings and navigation rules, as plain data and functions so they can be
 * tested without Electron.
 */
import path from 'node:path';

/** webPreferences for the one app window: isolated, sandboxed, no Node in the page. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: true,
  } as const;
}

/** The page may only ever show its own URL: every navigation away is refused. */
export function isAllowedNavigation(targetUrl: string, isTrusted: (url: string) => boolean): boolean {
  return isTrusted(targetUrl);
}

/** Links to the web (https, mailto) open in the user's browser instead of a new app window. */
export function isExternalLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'mailto:';
  } catch {
    return false;
  }
}

/** Where the built preload and renderer live relative to the built main bundle (out/main). */
export function builtPaths(mainDir: string) {
  return {
    preload: path.join(mainDir, '..', 'preload', 'index.cjs'),
    /** The store's utility process (electron/utility/index.ts). */
    utility: path.join(mainDir, 'utility.js'),
    renderer: path.join(mainDir, '..', 'renderer'),
  };
}

/** The parts of Electron's WebContents the hardening uses. */
export interface WebContentsLike {
  on(
    event: 'will-navigate' | 'will-attach-webview' | 'will-redirect',
    listener: (event: { preventDefault(): void }, url?: string) => void,
  ): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * Applied to every web contents the app creates (app 'web-contents-created'), not just the main window:
 * no webviews, no new windows (https and mailto links open in the browser instead), and no navigation
 * away from the app's own page.
 */
export function hardenWebContents(
  contents: WebContentsLike,
  options: { isTrusted: (url: string) => boolean; openExternal: (url: string) => void },
): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  const refuseForeign = (event: { preventDefault(): void }, url?: string) => {
    if (!url || !isAllowedNavigation(url, options.isTrusted)) event.preventDefault();
  };
  contents.on('will-navigate', refuseForeign);
  contents.on('will-redirect', refuseForeign);
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) options.openExternal(url);
    return { action: 'deny' };
  });
}
